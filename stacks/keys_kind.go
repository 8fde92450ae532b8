package stacks

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The kind key, the keys of each kind's own settings, and the rule for a
// key that only some kinds take; the keys themselves are in the table in
// keys.go.

// The kinds a key applies to, for the table's Kinds.
var (
	webOnly         = []string{components.KindWeb}
	takesTraffic    = []string{components.KindWeb, components.KindBackend}
	runsAService    = []string{components.KindWeb, components.KindBackend, components.KindWorker}
	backendOnly     = []string{components.KindBackend}
	workerOnly      = []string{components.KindWorker}
	jobOnly         = []string{components.KindJob}
	kindValues      = strings.Join(components.Kinds[:len(components.Kinds)-1], ", ") + " or " + components.Kinds[len(components.Kinds)-1]
	kindKeyDesc     = "What the stack runs in its network and cluster: `web`, a web service behind a public ALB (every key applies); `backend`, an ECS service with no load balancer, reached only through ECS Service Connect in the cluster's namespace as http://<discoveryName>:<containerPort>; `worker`, an ECS service with no load balancer and no port that consumes an SQS queue (queue, topics, workerScaling); `job`, a task EventBridge Scheduler runs on schedule, with no ECS service. Only web creates the ALB, certificate, access-log bucket and web ACL: the other kinds refuse their keys when set to other than their defaults. Changing the kind of a deployed stack replaces its workload."
	jobRetryDesc    = "How EventBridge Scheduler retries a run it could not start (RunTask or StartExecution failed) {maximumEventAgeInSeconds, maximumRetryAttempts}, before it sends the run to the dead-letter queue. {}: one day, 185 attempts."
	queueKeyDesc    = "The worker's queue {arn, maxReceiveCount, retentionSeconds, visibilityTimeoutSeconds, kmsKeyArn, kmsDataKeyReusePeriodSeconds, rawMessageDelivery}: a queue the stack creates, with a dead-letter queue that receives a message after maxReceiveCount receives (SSE-SQS, or SSE-KMS under kmsKeyArn), or an existing queue of the stack's region by arn (then no create field). The app gets QUEUE_URL and QUEUE_ARN; the task role may consume the queue. {}: a created queue, 5 receives, 4 days' retention, 30 s visibility."
	scalingDesc     = "Scale the worker on its queue's backlog per task {minCount, maxCount, backlogPerTask, scaleInCooldown, scaleOutCooldown}: visible messages over running tasks kept near backlogPerTask (the acceptable latency over the seconds one message takes), between minCount (at least 1) and maxCount; Application Auto Scaling then owns the task count. {}: desiredCount tasks, always."
	timeoutsDesc    = "Service Connect proxy timeouts in seconds {idleTimeout, perRequestTimeout}: 0 turns one off; perRequestTimeout only for an http, http2 or grpc appProtocol. {}: ECS's (idle 5 minutes, 1 hour for tcp; per request 15 s)."
	queueAlarmsDesc = "Thresholds of the worker's queue alarms {deadLetterMessages, oldestMessageAge}, each {threshold, evaluationPeriods}, with alarms on; its CPU, memory and running-task alarms take alarmThresholds. {}: above 0 dead-letter messages for 1 minute, oldest message above 600 s for 5 minutes."
)

var connectTimeoutSubs = []subKey{
	{Name: "idleTimeout", Field: "IdleTimeout", Default: "ECS's", Desc: "Seconds a connection may stay idle, 0 (none) to 2147483647."},
	{Name: "perRequestTimeout", Field: "PerRequestTimeout", Default: "ECS's", Desc: "Seconds the proxy waits for a response, 0 (none) to 2147483647."},
}

var queueSubs = []subKey{
	{Name: "arn", Field: "Arn", Default: "a created queue", Valid: "an SQS queue ARN of the stack's region",
		Desc: "An existing standard or FIFO queue to consume instead; excludes the create fields and topics."},
	{Name: "maxReceiveCount", Field: "MaxReceiveCount", Default: "`5`", Valid: "1 to 1000",
		Desc: "Receives without a delete before a message moves to the dead-letter queue, 1 to 1000."},
	{Name: "retentionSeconds", Field: "RetentionSeconds", Default: "`345600`", Valid: "60 to 1209600",
		Desc: "Seconds the queue keeps a message, 60 to 1209600."},
	{Name: "visibilityTimeoutSeconds", Field: "VisibilityTimeoutSeconds", Default: "`30`",
		Desc: "Seconds a received message stays hidden from other receivers, 0 to 43200."},
	{Name: "kmsKeyArn", Field: "KmsKeyArn", Default: "SSE-SQS", Valid: "a KMS key ARN of the stack's region",
		Desc: "Customer managed key of the created queues (or the adopted queue's key, for the decrypt grant)."},
	{Name: "kmsDataKeyReusePeriodSeconds", Field: "KmsDataKeyReusePeriodSeconds", Default: "`300`", Valid: "60 to 86400",
		Desc: "Seconds SQS reuses a data key, 60 to 86400; with kmsKeyArn."},
	{Name: "rawMessageDelivery", Field: "RawMessageDelivery", Default: "`false`",
		Desc: "Deliver the topics' messages without the SNS envelope; with topics."},
}

var workerScalingSubs = []subKey{
	{Name: "minCount", Field: "MinCount", Default: "`1`", Valid: "1 or more", Desc: "Fewest tasks, 1 to maxCount."},
	{Name: "maxCount", Field: "MaxCount", Default: "(required)", Valid: "1 or more", Desc: "Most tasks, at least minCount and desiredCount."},
	{Name: "backlogPerTask", Field: "BacklogPerTask", Default: "(required)", Valid: "a backlog above 0", Desc: "Visible messages one task may have waiting."},
	{Name: "scaleInCooldown", Field: "ScaleInCooldown", Default: "`300`", Desc: "Seconds between scale-ins, 0 to 3600."},
	{Name: "scaleOutCooldown", Field: "ScaleOutCooldown", Default: "`60`", Desc: "Seconds between scale-outs, 0 to 3600."},
}

var queueAlarmSubs = []subKey{
	{Name: "deadLetterMessages", Field: "DeadLetterMessages", Default: "`0`, 1 period", Valid: "{threshold, evaluationPeriods}",
		Desc: "Messages waiting in the dead-letter queue (a created queue's), 0 or more."},
	{Name: "oldestMessageAge", Field: "OldestMessageAge", Default: "`600`, 5 periods", Valid: "{threshold, evaluationPeriods}",
		Desc: "Seconds the oldest message has waited, above 0 and at most 1209600."},
}

var jobRetrySubs = []subKey{
	{Name: "maximumEventAgeInSeconds", Field: "MaximumEventAgeInSeconds", Default: "`86400`", Valid: "60 to 86400",
		Desc: "Seconds Scheduler keeps retrying, 60 to 86400."},
	{Name: "maximumRetryAttempts", Field: "MaximumRetryAttempts", Default: "`185`",
		Desc: "Retries, 0 (none) to 185."},
}

// The kind keys' values, as a stack file writes them.
type (
	connectTimeoutsKey struct {
		IdleTimeout       *int `json:"idleTimeout"`
		PerRequestTimeout *int `json:"perRequestTimeout"`
	}
	queueKey struct {
		Arn                          string `json:"arn"`
		MaxReceiveCount              int    `json:"maxReceiveCount"`
		RetentionSeconds             int    `json:"retentionSeconds"`
		VisibilityTimeoutSeconds     *int   `json:"visibilityTimeoutSeconds"`
		KmsKeyArn                    string `json:"kmsKeyArn"`
		KmsDataKeyReusePeriodSeconds int    `json:"kmsDataKeyReusePeriodSeconds"`
		RawMessageDelivery           bool   `json:"rawMessageDelivery"`
	}
	workerScalingKey struct {
		MinCount         *int    `json:"minCount"`
		MaxCount         int     `json:"maxCount"`
		BacklogPerTask   float64 `json:"backlogPerTask"`
		ScaleInCooldown  *int    `json:"scaleInCooldown"`
		ScaleOutCooldown *int    `json:"scaleOutCooldown"`
	}
	jobRetryKey struct {
		MaximumEventAgeInSeconds int  `json:"maximumEventAgeInSeconds"`
		MaximumRetryAttempts     *int `json:"maximumRetryAttempts"`
	}
)

// backend, worker and job are the kind's args of a, made on first use.
func backend(a *Args) *components.BackendKindArgs {
	if a.Backend == nil {
		a.Backend = &components.BackendKindArgs{}
	}
	return a.Backend
}

func worker(a *Args) *components.WorkerKindArgs {
	if a.Worker == nil {
		a.Worker = &components.WorkerKindArgs{}
	}
	return a.Worker
}

func job(a *Args) *components.JobKindArgs {
	if a.Job == nil {
		a.Job = &components.JobKindArgs{}
	}
	return a.Job
}

func setConnectTimeouts(a *Args, v connectTimeoutsKey) {
	b := backend(a)
	b.IdleTimeout, b.PerRequestTimeout = v.IdleTimeout, v.PerRequestTimeout
}

func setQueue(a *Args, v queueKey) {
	q := service.WorkerQueueArgs{
		MaxReceiveCount: v.MaxReceiveCount, RetentionSeconds: v.RetentionSeconds, VisibilityTimeoutSeconds: v.VisibilityTimeoutSeconds,
		KmsDataKeyReusePeriodSeconds: v.KmsDataKeyReusePeriodSeconds, RawMessageDelivery: v.RawMessageDelivery,
	}
	if v.Arn != "" {
		q.Arn = pulumi.String(v.Arn)
	}
	if v.KmsKeyArn != "" {
		q.KmsKeyArn = pulumi.String(v.KmsKeyArn)
	}
	worker(a).Queue = q
}

func setTopics(a *Args, v []string) {
	w := worker(a)
	for _, t := range v {
		w.Topics = append(w.Topics, pulumi.String(t))
	}
}

func setWorkerScaling(a *Args, v workerScalingKey) {
	worker(a).Scaling = &service.WorkerScalingArgs{
		MinCount: v.MinCount, MaxCount: v.MaxCount, BacklogPerTask: v.BacklogPerTask,
		ScaleInCooldown: v.ScaleInCooldown, ScaleOutCooldown: v.ScaleOutCooldown,
	}
}

// setQueueAlarmThresholds reads the queue alarms' thresholds, with alarms
// on, as alarmThresholds reads the service's.
func setQueueAlarmThresholds(r *reader, k *stackKey, raw string, a *Args) {
	object(map[string]thresholdKey{}, `{"oldestMessageAge": {"threshold": 300, "evaluationPeriods": 5}}`, func(a *Args, v map[string]thresholdKey) {
		if !alarmsOn(r, k, a) {
			return
		}
		t := &worker(a).AlarmThresholds
		set := map[string]*service.AlarmThreshold{"deadLetterMessages": &t.DeadLetterMessages, "oldestMessageAge": &t.OldestMessageAge}
		for _, name := range sortedKeys(v) {
			got, dst := v[name], set[name]
			if dst == nil {
				continue // refused by name already
			}
			if got.EvaluationPeriods != nil && *got.EvaluationPeriods == 0 {
				r.fail(k.Name+"."+name+".evaluationPeriods", "0 is not a value it takes; use 1 to 1440, or leave the field out for its default")
				continue
			}
			dst.Threshold = got.Threshold
			if got.EvaluationPeriods != nil {
				dst.EvaluationPeriods = *got.EvaluationPeriods
			}
		}
	})(r, k, raw, a)
}

func setJobRetry(a *Args, v jobRetryKey) {
	job(a).Retry = service.JobRetry{MaximumEventAgeInSeconds: v.MaximumEventAgeInSeconds, MaximumRetryAttempts: v.MaximumRetryAttempts}
}

// skipForKind tells whether a key is left unset for the stack's kind: a
// key another kind takes, at the value Pulumi.yaml declares for it, which
// the CLI passes to every stack that does not set it. Set to anything
// else, the key reaches the component, which refuses it by name. An
// unknown kind skips nothing: the component refuses the kind itself.
func skipForKind(k *stackKey, kind, raw string) bool {
	kind = strings.TrimSpace(kind)
	if kind == "" {
		kind = components.KindWeb
	}
	if len(k.Kinds) == 0 || !slices.Contains(components.Kinds, kind) || slices.Contains(k.Kinds, kind) {
		return false
	}
	return isDeclaredDefault(k, raw)
}

// isDeclaredDefault tells whether a raw value is the one Pulumi.yaml
// declares for the key, as the CLI passes it.
func isDeclaredDefault(k *stackKey, raw string) bool {
	raw = strings.TrimSpace(raw)
	if k.None != "" && k.empty(raw) {
		return true
	}
	want := declaredDefault(k, components.DefaultArgs())
	switch k.Type {
	case "integer":
		n, err := strconv.Atoi(raw)
		return err == nil && reflect.DeepEqual(normalJSON(n), normalJSON(want))
	case "boolean":
		b, err := strconv.ParseBool(raw)
		return err == nil && b == want
	case "array", "object":
		var got any
		return json.Unmarshal([]byte(raw), &got) == nil && reflect.DeepEqual(got, normalJSON(want))
	}
	return raw == want
}

// normalJSON is v as JSON decodes it: numbers as float64, lists as []any.
func normalJSON(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}
