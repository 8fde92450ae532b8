package service

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Queue limits and defaults (Amazon SQS API Reference, CreateQueue
// attributes; SQS developer guide, "Using dead-letter queues").
const (
	defaultMaxReceiveCount   = 5
	maxMaxReceiveCount       = 1000
	defaultRetentionSeconds  = 4 * 24 * 3600 // SQS's own default
	minRetentionSeconds      = 60
	maxRetentionSeconds      = 14 * 24 * 3600
	defaultVisibilitySeconds = 30
	maxVisibilitySeconds     = 12 * 3600
	defaultDataKeyReuse      = 300
	minDataKeyReuse          = 60
	maxDataKeyReuse          = 24 * 3600
)

// Worker scaling and alarm defaults, documented on WorkerScalingArgs and
// WorkerAlarmThresholds.
const defaultWorkerMinCount = 1

var workerAlarmDefaults = struct{ deadLetter, oldestAge defaultThreshold }{
	deadLetter: defaultThreshold{0, 1},
	oldestAge:  defaultThreshold{600, 5},
}

// sqsQueuePattern is an SQS queue ARN: a name of letters, digits,
// hyphens and underscores, a FIFO queue's ending in .fifo, at most 80
// characters in all (CreateQueue, QueueName).
var sqsQueuePattern = regexp.MustCompile(`^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:([A-Za-z0-9_-]+(\.fifo)?)$`)

// isQueueArn tells whether v is an SQS queue ARN.
func isQueueArn(v string) bool {
	m := sqsQueuePattern.FindStringSubmatch(v)
	return m != nil && len(m[1]) <= 80
}

// sqsQueueRule refuses what is not a queue of region: the tasks reach SQS
// through the network's sqs endpoint, which serves its own region only,
// and the scaling policy and alarms read the queue's metrics in that
// region.
func sqsQueueRule(region string) check.InputRule {
	return func(v string) string {
		if !isQueueArn(v) {
			return fmt.Sprintf("%q is not an SQS queue ARN; use arn:aws:sqs:<region>:<account>:<queue name>, or leave it unset to create a queue", v)
		}
		return check.ArnPlace(v, region, true, "the tasks reach SQS through the network's sqs endpoint in "+region+", and the queue's metrics are read there; use a queue of "+region+", or leave Queue.Arn unset to create one")
	}
}

// workload is what the worker runs, as the shared steps take it. Its
// alarms are the service alarms of a WebService; the queue's own are the
// worker's.
func (a WorkerServiceArgs) workload() Workload {
	return Workload{
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags, KmsKeyArn: a.KmsKeyArn,
		SecretsUseKey: a.SecretsUseKey, Alarms: a.Alarms.alarmArgs(), Kind: KindWorker,
	}
}

// alarmArgs are the worker's alarms as the shared alarm steps read them:
// the topic, the email and the service's thresholds, and no rollback.
func (a *WorkerAlarmArgs) alarmArgs() *AlarmArgs {
	if a == nil {
		return nil
	}
	off := false
	return &AlarmArgs{
		TopicArn: a.TopicArn, Email: a.Email, Rollback: &off,
		Thresholds: AlarmThresholds{Cpu: a.Thresholds.Cpu, Memory: a.Thresholds.Memory, RunningTasks: a.Thresholds.RunningTasks},
	}
}

// withDefaults fills in the queue's, the scaling's and the queue alarms'
// defaults. An adopted queue takes none of the create defaults, so that
// check can tell a create field the user set.
func (a WorkerServiceArgs) withDefaults() WorkerServiceArgs {
	q := &a.Queue
	if q.Arn == nil {
		q.MaxReceiveCount = check.IntOr(q.MaxReceiveCount, defaultMaxReceiveCount)
		q.RetentionSeconds = check.IntOr(q.RetentionSeconds, defaultRetentionSeconds)
		q.VisibilityTimeoutSeconds = check.PtrOr(q.VisibilityTimeoutSeconds, defaultVisibilitySeconds)
		if q.KmsKeyArn != nil {
			q.KmsDataKeyReusePeriodSeconds = check.IntOr(q.KmsDataKeyReusePeriodSeconds, defaultDataKeyReuse)
		}
	}
	if s := a.Scaling; s != nil {
		c := *s
		c.MinCount = check.PtrOr(c.MinCount, defaultWorkerMinCount)
		c.ScaleInCooldown = check.PtrOr(c.ScaleInCooldown, defaultScaleInCooldown)
		c.ScaleOutCooldown = check.PtrOr(c.ScaleOutCooldown, defaultScaleOutCooldown)
		a.Scaling = &c
	}
	if al := a.Alarms; al != nil {
		c := *al
		c.Thresholds.DeadLetterMessages = c.Thresholds.DeadLetterMessages.withDefaults(workerAlarmDefaults.deadLetter)
		c.Thresholds.OldestMessageAge = c.Thresholds.OldestMessageAge.withDefaults(workerAlarmDefaults.oldestAge)
		a.Alarms = &c
	}
	return a
}

// ValidateWorkerService checks args as NewWorkerService does and
// registers nothing: a *ValidationError lists every problem. A program
// with several pieces calls it for each before it creates anything, so
// that a refused worker leaves nothing of the others behind.
func ValidateWorkerService(ctx *pulumi.Context, name string, args *WorkerServiceArgs, opts ...pulumi.ResourceOption) error {
	if args == nil {
		args = &WorkerServiceArgs{}
	}
	_, _, _, err := checkWorkerService(name, *args)
	return err
}

// checkWorkerService defaults and checks args, and returns them with the
// shared workload args and the cluster's EC2 group the strategy names.
func checkWorkerService(name string, args WorkerServiceArgs) (WorkerServiceArgs, privateArgs, *cluster.Ec2GroupContract, error) {
	pa, group := privateArgs{piece: "WorkerService", network: args.Network, cluster: args.Cluster, w: args.workload()}.withDefaults()
	a := args.withDefaults()
	var p check.Problems
	pa.check(&p, name, group, network.EndpointFeatures{Sqs: true})
	region := ""
	if a.Network != nil {
		region = a.Network.NetworkContract().Region
	}
	a.Queue.check(&p, region, len(a.Topics) > 0)
	checkTopics(&p, a.Topics, a.Queue.Arn != nil, region)
	checkWorkerScaling(&p, a.Scaling, *pa.w.Service.DesiredCount)
	if a.Scaling != nil && group != nil {
		checkScaledFit(&p, pa.w, a.Scaling.MaxCount, group)
	}
	if a.Alarms != nil {
		checkQueueAlarms(&p, a.Alarms.Thresholds)
	}
	return a, pa, group, check.Refusal("WorkerService", p)
}

// check applies the rules of a defaulted WorkerQueueArgs: an adopted
// queue's ARN and no create field beside it, a created queue's limits.
func (q WorkerQueueArgs) check(p *check.Problems, region string, topics bool) {
	if q.KmsKeyArn != nil {
		check.CheckString(p, "Queue.KmsKeyArn", q.KmsKeyArn, check.KmsKeyRule(region))
	}
	if q.RawMessageDelivery && !topics {
		p.Add("Queue.RawMessageDelivery", "is set, but there are no Topics whose subscriptions it configures; remove it or add the topics")
	}
	if q.Arn != nil {
		check.CheckString(p, "Queue.Arn", q.Arn, sqsQueueRule(region))
		for _, f := range []struct {
			field string
			set   bool
		}{
			{"MaxReceiveCount", q.MaxReceiveCount != 0},
			{"RetentionSeconds", q.RetentionSeconds != 0},
			{"VisibilityTimeoutSeconds", q.VisibilityTimeoutSeconds != nil},
			{"KmsDataKeyReusePeriodSeconds", q.KmsDataKeyReusePeriodSeconds != 0},
		} {
			if f.set {
				p.Add("Queue."+f.field, "configures a queue the component creates, but Queue.Arn adopts an existing one, which the component does not change; remove %s, or remove Arn to create the queue", f.field)
			}
		}
		return
	}
	p.RangeInt("Queue.MaxReceiveCount", q.MaxReceiveCount, 1, maxMaxReceiveCount)
	p.RangeInt("Queue.RetentionSeconds", q.RetentionSeconds, minRetentionSeconds, maxRetentionSeconds)
	p.RangeInt("Queue.VisibilityTimeoutSeconds", *q.VisibilityTimeoutSeconds, 0, maxVisibilitySeconds)
	switch {
	case q.KmsKeyArn != nil:
		p.RangeInt("Queue.KmsDataKeyReusePeriodSeconds", q.KmsDataKeyReusePeriodSeconds, minDataKeyReuse, maxDataKeyReuse)
	case q.KmsDataKeyReusePeriodSeconds != 0:
		p.Add("Queue.KmsDataKeyReusePeriodSeconds", "applies to a queue encrypted with a customer key, but Queue.KmsKeyArn is unset (the queue uses SQS-managed encryption); set the key or remove this field")
	}
}

// checkTopics refuses topics on an adopted queue, whose access policy the
// component does not own, and topics that are not SNS topic ARNs of the
// stack's partition or are given twice.
func checkTopics(p *check.Problems, topics []pulumi.StringInput, adopted bool, region string) {
	if len(topics) == 0 {
		return
	}
	if adopted {
		p.Add("Topics", "the queue is adopted (Queue.Arn), and SNS can send to it only if its access policy allows it, which the component does not own; subscribe the queue where it is managed, or remove Queue.Arn to create a queue the topics can send to")
		return
	}
	seen := map[string]int{}
	for i, t := range topics {
		f := fmt.Sprintf("Topics[%d]", i)
		if t == nil {
			p.Add(f, "is empty; set an SNS topic ARN or remove the entry")
			continue
		}
		check.CheckString(p, f, t, subscribedTopicRule(region))
		if v, ok := check.LiteralString(t); ok {
			if j, dup := seen[v]; dup {
				p.Add(f, "%q is Topics[%d] already; a second subscription would deliver each message twice, so remove one", v, j)
			} else {
				seen[v] = i
			}
		}
	}
}

// checkWorkerScaling applies the rules of a defaulted WorkerScalingArgs.
// desired is the service's defaulted desired count, which the first
// deploy starts.
func checkWorkerScaling(p *check.Problems, s *WorkerScalingArgs, desired int) {
	if s == nil {
		return
	}
	minCount := *s.MinCount
	switch {
	case s.MaxCount < 1:
		p.Add("Scaling.MaxCount", "%d tasks is no maximum; set the most tasks the worker may scale out to, 1 or more", s.MaxCount)
	case minCount > s.MaxCount:
		p.Add("Scaling.MinCount", "%d is above MaxCount (%d); lower MinCount or raise MaxCount", minCount, s.MaxCount)
	}
	if minCount < 1 {
		// the backlog per task divides by the running
		// tasks, whose metric has no data while none runs.
		p.Add("Scaling.MinCount", "%d tasks would leave the backlog-per-task metric without data once no task runs (the running tasks are its divisor), so the policy could not scale out again; use 1 or more", minCount)
	} else if minCount <= s.MaxCount && (desired < minCount || desired > s.MaxCount) {
		p.Add("Service.DesiredCount", "%d tasks is outside Scaling.MinCount to Scaling.MaxCount (%d to %d); the first deploy starts DesiredCount tasks, so use a count in that range", desired, minCount, s.MaxCount)
	}
	if !(s.BacklogPerTask > 0) || math.IsInf(s.BacklogPerTask, 0) {
		p.Add("Scaling.BacklogPerTask", "%v is no backlog target; set the messages one task may have waiting, above 0: the acceptable latency divided by the time a task takes per message (10 s at 0.1 s a message is 100)", s.BacklogPerTask)
	}
	p.RangeInt("Scaling.ScaleInCooldown", *s.ScaleInCooldown, 0, maxScalingCooldown)
	p.RangeInt("Scaling.ScaleOutCooldown", *s.ScaleOutCooldown, 0, maxScalingCooldown)
}

// checkScaledFit checks that the EC2 group's MaxSize instances hold a
// deployment at Scaling.MaxCount, as checkFit does at the desired count.
func checkScaledFit(p *check.Problems, w Workload, maxCount int, group *cluster.Ec2GroupContract) {
	if maxCount <= *w.Service.DesiredCount {
		return // the desired count's fit is checked already
	}
	at := w
	at.Service.DesiredCount = &maxCount
	e := group.Capacity()
	var q check.Problems
	checkFit(&q, at, &e, groupLabel(group))
	for _, f := range q {
		if f.Field != "Service.DesiredCount" {
			continue // the task's own size: reported at the desired count
		}
		// The problem as checkFit says it, with the fix for this field.
		head := f.Problem
		if i := strings.LastIndex(head, "; "); i >= 0 {
			head = head[:i]
		}
		p.Add("Scaling.MaxCount", "%s; lower MaxCount or Service.MaximumPercent, or raise that group's MaxSize in the cluster's args", head)
	}
}

// checkQueueAlarms checks the queue alarms' defaulted thresholds; the
// service's are checked with the workload.
func checkQueueAlarms(p *check.Problems, t WorkerAlarmThresholds) {
	dl, age := t.DeadLetterMessages, t.OldestMessageAge
	if *dl.Threshold < 0 {
		p.Add("Alarms.Thresholds.DeadLetterMessages.Threshold", "%v is negative; use 0 or more messages", *dl.Threshold)
	}
	if v := *age.Threshold; v <= 0 || v > maxRetentionSeconds {
		p.Add("Alarms.Thresholds.OldestMessageAge.Threshold", "%v is out of range; use above 0 and at most %d seconds (no message is kept longer)", v, maxRetentionSeconds)
	}
	p.RangeInt("Alarms.Thresholds.DeadLetterMessages.EvaluationPeriods", dl.EvaluationPeriods, 1, maxEvaluationPeriods)
	p.RangeInt("Alarms.Thresholds.OldestMessageAge.EvaluationPeriods", age.EvaluationPeriods, 1, maxEvaluationPeriods)
}
