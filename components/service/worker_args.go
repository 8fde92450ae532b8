package service

import (
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WorkerServiceArgs configures a WorkerService: an ECS service (the app's
// container and its sidecars) that takes no inbound traffic and consumes
// one SQS queue, on a shared Network and Cluster.
type WorkerServiceArgs struct {
	// Network is where the tasks run: a *Network, or the NetworkContract
	// of one another program made. Required. Unless it has NAT, it must
	// have the sqs endpoint (Features[<name>].Sqs, or "sqs" in its
	// ExtraEndpointServices) beside every endpoint the worker's other
	// features need.
	Network network.NetworkSource `pulumi:"network"`
	// Cluster runs the service: a *Cluster, or a ClusterContract.
	// Required. It must have every capacity provider the strategy names;
	// an EC2 group must use awsvpc networking (the worker has its own task
	// security group).
	Cluster cluster.ClusterSource `pulumi:"cluster"`

	// Queue is the queue the worker consumes: one the component creates
	// (the default), with a dead-letter queue, or an existing one (Arn).
	// Optional; see WorkerQueueArgs for defaults.
	Queue WorkerQueueArgs `pulumi:"queue,optional"`
	// Topics are SNS topic ARNs whose messages the created queue
	// receives: each gets a subscription (protocol sqs), and the queue's
	// access policy lets sns.amazonaws.com send to it from these topics
	// only (aws:SourceArn). A topic of another account must let this
	// account subscribe (sns:Subscribe in the topic's policy). With
	// Queue.KmsKeyArn, the key must be a customer managed key whose key
	// policy lets sns.amazonaws.com call kms:GenerateDataKey and
	// kms:Decrypt, or SNS cannot deliver (the AWS managed key
	// alias/aws/sqs cannot be given that grant). Each subscription is
	// named by its position: reordering the list replaces subscriptions.
	// Optional. Default: none. Valid: SNS topic ARNs of the stack's
	// partition (an Output's are checked at deploy time), each once; not
	// with Queue.Arn (the component does not own an adopted queue's
	// access policy).
	Topics []pulumi.StringInput `pulumi:"topics,optional"`
	// Scaling scales the task count on the queue's backlog per task.
	// Optional. Default: nil (Service.DesiredCount tasks, always). See
	// WorkerScalingArgs.
	Scaling *WorkerScalingArgs `pulumi:"scaling,optional"`

	// Container describes the app's container. Required. It has no Port:
	// a worker takes no inbound traffic. The app gets QUEUE_URL and
	// QUEUE_ARN in its environment unless it sets them.
	Container ContainerArgs `pulumi:"container"`
	// Sidecars are more containers in the task beside the app's. Optional.
	// Default: none. See SidecarArgs.
	Sidecars []SidecarArgs `pulumi:"sidecars,optional"`
	// Tracing runs the X-Ray collector beside the app: "xray", or "" for
	// none. Optional. Default: "". See WebServiceArgs.Tracing.
	Tracing string `pulumi:"tracing,optional"`
	// Task sizes the task. Optional; see TaskArgs for defaults.
	Task TaskArgs `pulumi:"task,optional"`
	// Service configures the ECS service: strategy, desired count, ECS
	// Exec and extra security groups. Optional; see ServiceArgs (its
	// HealthCheckGracePeriod does not apply: no load balancer checks a
	// worker).
	Service ServiceArgs `pulumi:"service,optional"`
	// Repository configures the ECR repository the image is pushed to.
	// Optional; see RepositoryArgs.
	Repository RepositoryArgs `pulumi:"repository,optional"`
	// LogRetentionDays is how long CloudWatch keeps the container's logs.
	// Optional. Default: 30. Valid: one of CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// TaskRole grants the application permissions beyond consuming the
	// queue, which the component grants itself. Optional.
	TaskRole TaskRoleArgs `pulumi:"taskRole,optional"`
	// KmsKeyArn is a customer managed key that encrypts the worker's log
	// group, repository and alarm topic, as on a WebService. It does not
	// encrypt the queue: that is Queue.KmsKeyArn. Optional. Default:
	// AWS-owned keys.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// SecretsUseKey says the container's secrets are encrypted with
	// KmsKeyArn. Optional. Default: false. Valid: with KmsKeyArn.
	SecretsUseKey bool `pulumi:"secretsUseKey,optional"`
	// Alarms turns on the worker's CloudWatch alarms and their SNS topic.
	// Optional. Default: nil (no alarms). See WorkerAlarmArgs.
	Alarms *WorkerAlarmArgs `pulumi:"alarms,optional"`
	// Tags are added to every taggable resource the worker creates.
	// Optional. Valid: no key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// WorkerQueueArgs is the worker's queue: created, with a dead-letter
// queue, or adopted by its ARN. The create fields (MaxReceiveCount,
// RetentionSeconds, VisibilityTimeoutSeconds, KmsDataKeyReusePeriodSeconds)
// and Arn exclude each other.
type WorkerQueueArgs struct {
	// Arn adopts an existing standard or FIFO queue instead of creating
	// one; the component then creates no dead-letter queue and changes
	// nothing on the queue. Optional. Default: nil (create a queue).
	// Valid: an SQS queue ARN in the network's region and partition (the
	// tasks reach SQS through the network's endpoint, and the backlog
	// metric is read, in that region); an Output's is checked at deploy
	// time. Excludes the create fields and Topics. A queue of another
	// account is consumed as well, but its SQS metrics are published in
	// its owner's account, so Scaling and the queue's alarms would see no
	// data there: scale and alarm on a queue of this account.
	Arn pulumi.StringInput `pulumi:"arn,optional"`
	// MaxReceiveCount is how many times a message is received without
	// being deleted before SQS moves it to the dead-letter queue.
	// Optional. Default: 5. Valid: 1 to 1000. Not with Arn.
	MaxReceiveCount int `pulumi:"maxReceiveCount,optional"`
	// RetentionSeconds is how long the queue keeps a message. Optional.
	// Default: 345600 (4 days, SQS's own default). Valid: 60 to 1209600
	// (14 days). Not with Arn. The dead-letter queue keeps messages
	// 1209600 seconds, the most SQS allows, because a moved message keeps
	// its first enqueue time.
	RetentionSeconds int `pulumi:"retentionSeconds,optional"`
	// VisibilityTimeoutSeconds is how long a received message stays
	// hidden from other receivers; set it above the time one message
	// takes, or the app extends it (ChangeMessageVisibility). Optional.
	// Default: 30. Valid: 0 to 43200 (12 hours). Not with Arn.
	VisibilityTimeoutSeconds *int `pulumi:"visibilityTimeoutSeconds,optional"`
	// KmsKeyArn encrypts the created queue and its dead-letter queue
	// with this customer managed key (SSE-KMS), and the task role may
	// kms:Decrypt with it. With Arn, it names the key the adopted queue
	// is encrypted with, for that grant only. Optional. Default: nil
	// (a created queue uses SQS-managed encryption, SSE-SQS, which needs
	// no KMS permission; an adopted queue is taken to use no customer
	// key). Valid: a KMS key ARN of the network's region (not an alias).
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// KmsDataKeyReusePeriodSeconds is how long SQS reuses a data key
	// before it calls KMS again, with KmsKeyArn. Optional. Default: 300.
	// Valid: 60 to 86400. Only with KmsKeyArn; not with Arn.
	KmsDataKeyReusePeriodSeconds int `pulumi:"kmsDataKeyReusePeriodSeconds,optional"`
	// RawMessageDelivery delivers each topic's message body as it was
	// published, without the SNS JSON envelope. Optional. Default: false.
	// Valid: with Topics.
	RawMessageDelivery bool `pulumi:"rawMessageDelivery,optional"`
}

// WorkerScalingArgs scales the worker on its queue's backlog per task:
// visible messages divided by running tasks, kept near BacklogPerTask by
// an Application Auto Scaling target-tracking policy. Once it is on,
// Application Auto Scaling owns the desired count: the service ignores
// later changes to Service.DesiredCount, which only sets the count the
// first deploy starts.
type WorkerScalingArgs struct {
	// MinCount is the fewest tasks the scaler leaves running. Optional.
	// Default: 1. Valid: 1 to MaxCount: with no task running the
	// backlog-per-task metric has no data, and the policy could not
	// scale out again.
	MinCount *int `pulumi:"minCount,optional"`
	// MaxCount is the most tasks the scaler starts. Required. Valid: at
	// least MinCount and Service.DesiredCount; on EC2 capacity, the
	// group's MaxSize instances must hold MaxCount × MaximumPercent / 100
	// tasks.
	MaxCount int `pulumi:"maxCount"`
	// BacklogPerTask is the backlog each task may hold: the acceptable
	// latency divided by the time one task takes per message (10 s of
	// latency at 0.1 s a message is 100). Required. Valid: above 0.
	BacklogPerTask float64 `pulumi:"backlogPerTask"`
	// ScaleInCooldown is how many seconds after a scale-in the next
	// scale-in may start. Optional. Default: 300. Valid: 0 to 3600.
	ScaleInCooldown *int `pulumi:"scaleInCooldown,optional"`
	// ScaleOutCooldown is how many seconds after a scale-out the next
	// scale-out may start. Optional. Default: 60. Valid: 0 to 3600.
	ScaleOutCooldown *int `pulumi:"scaleOutCooldown,optional"`
}

// WorkerAlarmArgs turns on the worker's CloudWatch alarms. Each notifies
// an SNS topic when it goes into ALARM and when it is OK again. No alarm
// fails a deployment: a busy queue and a dead-letter queue that waits to
// be drained say nothing about the new tasks; the deployment circuit
// breaker still rolls back tasks that do not start.
//
// The alarms are one-minute metric alarms:
//   - DeadLetterMessages: ApproximateNumberOfMessagesVisible (AWS/SQS,
//     Maximum) of the dead-letter queue, only for a created queue;
//   - OldestMessageAge: ApproximateAgeOfOldestMessage (AWS/SQS, Maximum)
//     of the queue;
//   - Cpu, Memory, RunningTasks: as on a WebService (AlarmArgs).
type WorkerAlarmArgs struct {
	// TopicArn is an existing SNS topic to notify. It excludes the topic
	// the component otherwise creates. Optional. Default: a new topic
	// <name>-alarms, encrypted with KmsKeyArn when one is given. Valid: an
	// SNS topic ARN of the stack's partition.
	TopicArn pulumi.StringInput `pulumi:"topicArn,optional"`
	// Email subscribes an address to the topic. Optional. Default: no
	// subscription. Valid: an email address.
	Email string `pulumi:"email,optional"`
	// Thresholds set each alarm's threshold and evaluation periods.
	// Optional; see WorkerAlarmThresholds for defaults.
	Thresholds WorkerAlarmThresholds `pulumi:"thresholds,optional"`
}

// WorkerAlarmThresholds are the worker's alarms' thresholds and
// evaluation periods (one-minute periods in a row that must breach).
type WorkerAlarmThresholds struct {
	// DeadLetterMessages is the messages waiting in the dead-letter
	// queue. Default: above 0, for 1 period. Valid: 0 or more.
	DeadLetterMessages AlarmThreshold `pulumi:"deadLetterMessages,optional"`
	// OldestMessageAge is the age of the queue's oldest message, in
	// seconds. Default: above 600, for 5 periods. Valid: above 0 and at
	// most 1209600 (no message is kept longer).
	OldestMessageAge AlarmThreshold `pulumi:"oldestMessageAge,optional"`
	// Cpu is the service's average CPU utilization, in percent. Default:
	// above 90, for 5 periods. Valid: 0 to 100.
	Cpu AlarmThreshold `pulumi:"cpu,optional"`
	// Memory is the service's average memory utilization, in percent.
	// Default: above 90, for 5 periods. Valid: 0 to 100.
	Memory AlarmThreshold `pulumi:"memory,optional"`
	// RunningTasks is how many tasks the service runs below its desired
	// count. Default: 1 or more, for 5 periods. Valid: 1 or more.
	RunningTasks AlarmThreshold `pulumi:"runningTasks,optional"`
}
