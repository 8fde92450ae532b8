package service

import (
	"time"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/schedule"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ScheduledJobArgs configures a ScheduledJob: a task that EventBridge
// Scheduler runs on a schedule, in the network's private subnets, on a
// shared Cluster. The task takes no inbound traffic.
type ScheduledJobArgs struct {
	// Network is where the tasks run: a *Network, or the NetworkContract
	// of one another program made. Required. Without NAT it must have
	// every endpoint the job's features need (declare them in its
	// Features under the job's name). Scheduler itself needs no endpoint:
	// it calls ECS (or Step Functions) from AWS's side.
	Network network.NetworkSource `pulumi:"network"`
	// Cluster runs the tasks: a *Cluster, or a ClusterContract. Required.
	// It must have every capacity provider the strategy names.
	Cluster cluster.ClusterSource `pulumi:"cluster"`

	// Schedule is when the job runs, as EventBridge Scheduler writes it:
	// rate(value unit), cron(minutes hours day-of-month month day-of-week
	// year) or at(yyyy-mm-ddThh:mm:ss) for one run. Required. Valid: what
	// the Scheduler user guide's "Schedule types" page documents.
	Schedule string `pulumi:"schedule"`
	// Timezone is the IANA time zone cron and at expressions are read in,
	// daylight saving included. Optional. Default: "UTC". Valid: an IANA
	// name such as "Europe/Paris", at most 50 characters.
	Timezone string `pulumi:"timezone,optional"`
	// Retry is how Scheduler retries a run it could not start. Optional;
	// see JobRetry for the defaults.
	Retry JobRetry `pulumi:"retry,optional"`
	// DeadLetterQueue is where Scheduler sends a run it gave up on.
	// Optional. Default: a standard SQS queue <name>-dlq, encrypted (with
	// KmsKeyArn when it is set, SQS-managed keys otherwise). See
	// JobDeadLetterQueue.
	DeadLetterQueue JobDeadLetterQueue `pulumi:"deadLetterQueue,optional"`
	// Timeout stops a run that lasts longer, in seconds. ECS has no task
	// timeout, so with one the schedule starts a Step Functions state
	// machine that runs the task and stops it at the deadline, instead of
	// running the task itself. Optional. Default: 0 (no timeout; the
	// schedule runs the task directly, and a run lasts as long as its
	// container). Valid: 1 to MaxJobTimeoutSeconds, and below the
	// shortest time between two runs of Schedule, so that a run ends
	// before the next one starts.
	Timeout int `pulumi:"timeout,optional"`
	// PropagateTags copies the task definition's tags (the component's
	// tags, project, stack and component) to each task, with ECS's
	// managed tags, so runs show up in cost allocation. The role that
	// runs the task then may tag the tasks it starts (ecs:TagResource on
	// RunTask only). Optional. Default: true.
	PropagateTags *bool `pulumi:"propagateTags,optional"`

	// Container describes the job's container. Required. It has no
	// port: a job takes no inbound traffic.
	Container ContainerArgs `pulumi:"container"`
	// Sidecars are more containers in the task beside the job's.
	// Optional. Default: none. See SidecarArgs. With Timeout, a sidecar
	// that exits non-zero when the job's container ends (killed, for
	// example) fails the run: Step Functions' runTask.sync looks at every
	// container's exit code.
	Sidecars []SidecarArgs `pulumi:"sidecars,optional"`
	// Tracing runs the X-Ray collector beside the job, as on a
	// WebService: "xray", or "" for none. Optional. Default: "".
	Tracing string `pulumi:"tracing,optional"`
	// Task sizes the task. Optional; see TaskArgs for defaults.
	Task TaskArgs `pulumi:"task,optional"`
	// CapacityProviderStrategy chooses Fargate, Fargate Spot (interrupted
	// with two minutes' notice: fine for a job that can run again) or the
	// cluster's EC2 group for each run. Optional. Default: [{Provider:
	// FARGATE, Weight: 1}]. Valid: as ServiceArgs.CapacityProviderStrategy;
	// an EC2 group must use awsvpc networking.
	CapacityProviderStrategy []cluster.CapacityProviderStrategyItem `pulumi:"capacityProviderStrategy,optional"`
	// EnableExecuteCommand turns on ECS Exec into the job's tasks, as on a
	// WebService: the cluster must have Exec, and without NAT the network
	// needs the ssmmessages endpoint. Optional. Default: false.
	EnableExecuteCommand bool `pulumi:"enableExecuteCommand,optional"`
	// ExtraSecurityGroupIds are attached to the tasks beside their own
	// group, for example a database client group. Optional. Valid: sg-...
	// IDs, at most as many as fit on a network interface with the task's
	// own groups.
	ExtraSecurityGroupIds pulumi.StringArrayInput `pulumi:"extraSecurityGroupIds,optional"`
	// Repository configures the ECR repository the image is pushed to.
	Repository RepositoryArgs `pulumi:"repository,optional"`
	// LogRetentionDays is how long CloudWatch keeps the container's logs.
	// Optional. Default: 30. Valid: one of CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// TaskRole grants the job its own AWS permissions. Optional.
	TaskRole TaskRoleArgs `pulumi:"taskRole,optional"`
	// KmsKeyArn is a customer-managed KMS key that encrypts what the job
	// keeps at rest: its log group, repository, alarm topic and the
	// dead-letter queue it creates (the role Scheduler runs as may then
	// use the key to send to that queue). The key's policy must let those
	// services and that role use it. Optional. Default: AWS-owned keys.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// SecretsUseKey says the container's secrets are encrypted with
	// KmsKeyArn, as on a WebService. Optional. Default: false.
	SecretsUseKey bool `pulumi:"secretsUseKey,optional"`
	// Alarms turns on the job's CloudWatch alarms and their SNS topic.
	// Optional. Default: nil (no alarms). See JobAlarmArgs.
	Alarms *JobAlarmArgs `pulumi:"alarms,optional"`
	// Tags are added to every taggable resource the job creates. Keys are
	// plain strings, values Pulumi inputs. Optional. Valid: no key
	// starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// JobRetry is the schedule target's retry policy: Scheduler retries a
// run whose start failed (the RunTask or StartExecution call returned an
// error) with exponential backoff until either limit is reached, then
// sends it to the dead-letter queue.
type JobRetry struct {
	// MaximumEventAgeInSeconds is how long Scheduler keeps retrying.
	// Optional. Default: 86400 (one day). Valid: 60 to 86400.
	MaximumEventAgeInSeconds int `pulumi:"maximumEventAgeInSeconds,optional"`
	// MaximumRetryAttempts is how many times it retries. Optional.
	// Default: 185. Valid: 0 (no retries) to 185.
	MaximumRetryAttempts *int `pulumi:"maximumRetryAttempts,optional"`
}

// JobDeadLetterQueue is the schedule's dead-letter queue: one the job
// creates, or one it adopts.
type JobDeadLetterQueue struct {
	// Arn adopts an existing queue instead of creating one. It excludes
	// RetentionSeconds. Optional. Default: nil (a queue is created).
	// Valid: a standard (not FIFO) SQS queue ARN of the network's region,
	// where the job's alarm can watch it (an Output's is checked at
	// deploy time). A queue encrypted with a customer key needs that
	// key's policy to let the Scheduler role use it, which the job does
	// not grant.
	Arn pulumi.StringInput `pulumi:"arn,optional"`
	// RetentionSeconds is how long the created queue keeps a message.
	// Optional. Default: 1209600 (14 days, the most SQS keeps). Valid: 60
	// to 1209600; not with Arn.
	RetentionSeconds int `pulumi:"retentionSeconds,optional"`
}

// JobAlarmArgs turns on the job's alarms. Each notifies an SNS topic when
// it goes into ALARM and when it is OK again:
//   - schedule-target-errors: the RunTask (or StartExecution) call
//     failed (AWS/Scheduler TargetErrorCount, Sum ≥ 1 in a minute);
//   - schedule-dropped: a run was dropped once its retries were spent
//     (InvocationDroppedCount ≥ 1);
//   - schedule-dlq-failed: a dropped run could not be sent to the
//     dead-letter queue (InvocationsFailedToBeSentToDeadLetterCount ≥ 1);
//   - dlq-messages: the dead-letter queue holds a run
//     (AWS/SQS ApproximateNumberOfMessagesVisible, Maximum > 0);
//   - with a Timeout, executions-failed and executions-timed-out: a run
//     failed (its container exited non-zero, ECS could not place it, or
//     it reached the timeout) or the state machine's own backstop timed
//     it out (AWS/States ExecutionsFailed, ExecutionsTimedOut ≥ 1).
//
// The Scheduler alarms read the job's own schedule group.
type JobAlarmArgs struct {
	// TopicArn is an existing SNS topic to notify. It excludes the topic
	// the job otherwise creates. Optional. Default: a new topic
	// <name>-alarms. Valid: as AlarmArgs.TopicArn.
	TopicArn pulumi.StringInput `pulumi:"topicArn,optional"`
	// Email subscribes an address to the topic. Optional. Default: none.
	Email string `pulumi:"email,optional"`
}

// Defaults and limits of a ScheduledJob's own settings.
const (
	// DefaultJobTimezone is the time zone Scheduler reads a schedule in
	// when none is set.
	DefaultJobTimezone = "UTC"
	// DefaultMaximumEventAgeInSeconds and DefaultMaximumRetryAttempts are
	// the retry policy's defaults, the most the API takes, and the values
	// the pulumi-aws provider documents as Scheduler's own defaults. The
	// job always sets them, so AWS's defaults do not matter.
	DefaultMaximumEventAgeInSeconds = schedule.MaxMaximumEventAgeInSeconds
	DefaultMaximumRetryAttempts     = schedule.MaxMaximumRetryAttempts
	// DefaultDeadLetterRetentionSeconds is the created queue's retention:
	// 14 days, the most SQS keeps (CreateQueue, MessageRetentionPeriod).
	DefaultDeadLetterRetentionSeconds = 1209600
	minDeadLetterRetentionSeconds     = 60
	// jobTimeoutGrace is how much longer than Timeout the state machine
	// itself may run before Step Functions times it out: a backstop that
	// should never fire, since the deadline branch ends the run at
	// Timeout (job_timeout.go).
	jobTimeoutGrace = 300
	// MaxJobTimeoutSeconds is the longest Timeout: a Standard state
	// machine execution lasts at most one year (Step Functions service
	// quotas, "Maximum execution time"), less the backstop's grace.
	MaxJobTimeoutSeconds = 365*24*60*60 - jobTimeoutGrace
)

// jobClock is the time a cron schedule's shortest period is measured
// from: a schedule's gaps change with the calendar and the clocks.
var jobClock = time.Now

// withDefaults fills in the job's own defaults; the workload's are filled
// in by privateArgs.withDefaults.
func (a ScheduledJobArgs) withDefaults() ScheduledJobArgs {
	a.Timezone = check.StrOr(a.Timezone, DefaultJobTimezone)
	a.Retry.MaximumEventAgeInSeconds = check.IntOr(a.Retry.MaximumEventAgeInSeconds, DefaultMaximumEventAgeInSeconds)
	a.Retry.MaximumRetryAttempts = check.PtrOr(a.Retry.MaximumRetryAttempts, DefaultMaximumRetryAttempts)
	if a.DeadLetterQueue.Arn == nil {
		a.DeadLetterQueue.RetentionSeconds = check.IntOr(a.DeadLetterQueue.RetentionSeconds, DefaultDeadLetterRetentionSeconds)
	}
	on := true
	if a.PropagateTags != nil {
		on = *a.PropagateTags
	}
	a.PropagateTags = &on
	return a
}

// workload is what the job runs, as every workload is checked and built.
func (a ScheduledJobArgs) workload() Workload {
	w := Workload{
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task,
		// A run starts one task and no deployment replaces it, so the
		// capacity checks count one task, with no surge.
		Service: ServiceArgs{
			CapacityProviderStrategy: a.CapacityProviderStrategy,
			EnableExecuteCommand:     a.EnableExecuteCommand,
			ExtraSecurityGroupIds:    a.ExtraSecurityGroupIds,
			DesiredCount:             &oneTask, MinimumHealthyPercent: &noneHealthy, MaximumPercent: 100,
		},
		Repository: a.Repository, LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole,
		Tags: a.Tags, KmsKeyArn: a.KmsKeyArn, SecretsUseKey: a.SecretsUseKey, Kind: KindJob,
	}
	if a.Alarms != nil {
		// The topic and its subscription are a service's; the thresholds
		// are not used.
		w.Alarms = &AlarmArgs{TopicArn: a.Alarms.TopicArn, Email: a.Alarms.Email}
	}
	return w
}

// private is the job as a workload off the load balancer.
func (a ScheduledJobArgs) private() privateArgs {
	return privateArgs{piece: "ScheduledJob", network: a.Network, cluster: a.Cluster, w: a.workload()}
}

// NextRuns returns the first n runs of the job's schedule at or after
// from, in its time zone, for the offline plan. For a rate expression,
// from stands for the moment the schedule is created, its first run. It
// returns fewer than n runs when the schedule has no more (an at
// expression, or a cron expression whose years end), and an error for an
// invalid expression or time zone.
func (a ScheduledJobArgs) NextRuns(from time.Time, n int) ([]time.Time, error) {
	var p check.Problems
	e, err := schedule.Parse(a.Schedule)
	if err != nil {
		p.Add("Schedule", "%v", err)
	}
	loc, err := schedule.LoadTimezone(check.StrOr(a.Timezone, DefaultJobTimezone))
	if err != nil {
		p.Add("Timezone", "%v", err)
	}
	if err := check.Refusal("ScheduledJob", p); err != nil {
		return nil, err
	}
	return e.Next(from, loc, n), nil
}

// A job's run, as the workload checks see it: one task, no surge.
var oneTask, noneHealthy = 1, 0
