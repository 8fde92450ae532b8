package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PrivateFargateServiceArgs configures a PrivateFargateService.
//
// Fields the constructor branches on or validates are plain Go values; the
// rest are Pulumi inputs. A zero value means "use the default" unless the
// field's comment says otherwise.
type PrivateFargateServiceArgs struct {
	// Region is the AWS region the stack deploys to. It names the VPC
	// endpoint services (com.amazonaws.<region>.ecr.api and so on).
	// Optional. Default: the provider's region, read with aws.GetRegion.
	Region string `pulumi:"region,optional"`

	// Kind is what the component runs in the network and cluster it
	// builds:
	//   - KindWeb ("web", or ""): a web service behind a public ALB,
	//     as every release before kinds did, with the same resources;
	//   - KindBackend ("backend"): an ECS service with no load balancer,
	//     reached only through ECS Service Connect in the cluster's
	//     namespace (the cluster gets one), as
	//     http://<Backend.DiscoveryName>:<Container.Port>;
	//   - KindWorker ("worker"): an ECS service with no inbound traffic
	//     that consumes an SQS queue (Worker.Queue), reached through the
	//     network's sqs endpoint;
	//   - KindJob ("job"): a task that EventBridge Scheduler runs on
	//     Job.Schedule, with no ECS service and no inbound traffic.
	//
	// Only web has a load balancer: the other kinds create no ALB,
	// certificate, access-log bucket or web ACL, and refuse Ingress,
	// LoadBalancer and Service.HealthCheckGracePeriod, by field. Optional.
	// Default: "web". Valid: web, backend, worker or job; the settings of
	// the other kinds (Backend, Worker, Job) only with their own. Changing
	// the kind of a deployed stack replaces its workload and deletes the
	// load balancer (or creates it).
	Kind string `pulumi:"kind,optional"`
	// Backend configures a backend (Kind "backend"). Optional. Default:
	// nil (see BackendKindArgs for each field's default). Valid: with
	// Kind "backend" only.
	Backend *BackendKindArgs `pulumi:"backend,optional"`
	// Worker configures a worker (Kind "worker"): its queue, the topics
	// that feed it and its scaling. Optional. Default: nil (a created
	// queue with its dead-letter queue, Service.DesiredCount tasks). Valid:
	// with Kind "worker" only.
	Worker *WorkerKindArgs `pulumi:"worker,optional"`
	// Job configures a scheduled job (Kind "job"): its schedule is
	// required. Valid: with Kind "job" only, where it is required.
	Job *JobKindArgs `pulumi:"job,optional"`

	// Network configures the VPC. Optional; see NetworkArgs for defaults.
	Network network.NetworkArgs `pulumi:"network,optional"`

	// ExtraEndpointServices adds VPC endpoints beyond those the features in
	// use need, by short service name ("sqs", "dynamodb", "sts"). "s3" and
	// "dynamodb" become gateway endpoints, every other name an interface
	// endpoint. Optional. Default: none.
	ExtraEndpointServices []string `pulumi:"extraEndpointServices,optional"`

	// Ingress configures who may reach the load balancer and how.
	// Valid: with Kind web only.
	Ingress edge.IngressArgs `pulumi:"ingress,optional"`

	// Container describes the app's container. Required. Its Port is
	// where the load balancer (web) or the backend's callers reach it;
	// a worker or a job has none.
	Container service.ContainerArgs `pulumi:"container"`

	// Sidecars are more containers in the task beside the app's. Optional.
	// Default: none. See SidecarArgs.
	Sidecars []service.SidecarArgs `pulumi:"sidecars,optional"`

	// Tracing runs the AWS Distro for OpenTelemetry collector beside the
	// app and sends its traces to AWS X-Ray: "xray", or "" for none.
	// Optional. Default: "" (off). With "xray": the collector sidecar
	// (OTLP on 4317 and 4318, X-Ray segments on 2000), the app's
	// OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL and
	// AWS_XRAY_DAEMON_ADDRESS (unless it sets them), the task role's
	// X-Ray and metrics-log grants, and the xray VPC endpoint. Without
	// NAT, the component's network gets the ecr-public pull-through cache
	// rule the collector's image is pulled through, unless
	// Network.PullThroughCache has one. Valid: awsvpc networking only.
	Tracing string `pulumi:"tracing,optional"`

	// Task sizes the task. Optional; see TaskArgs for defaults.
	Task service.TaskArgs `pulumi:"task,optional"`

	// Service configures the ECS service. Optional; see ServiceArgs.
	// HealthCheckGracePeriod is web's only (the load balancer's checks);
	// a job, which has no ECS service, takes only the strategy, ECS Exec
	// and the extra security groups.
	Service service.ServiceArgs `pulumi:"service,optional"`

	// Autoscaling scales the service's task count between a minimum and
	// a maximum. Optional. Default: nil (Service.DesiredCount tasks,
	// always). See AutoscalingArgs. Valid: not with Kind job (no ECS
	// service) or worker (Worker.Scaling scales it); a backend scales on CPU or memory, not on requests (no
	// target group).
	Autoscaling *service.AutoscalingArgs `pulumi:"autoscaling,optional"`

	// Alarms turns on the service's CloudWatch alarms, their SNS topic
	// and deployments that roll back on them. Optional. Default: nil (no
	// alarms; the deployment circuit breaker still rolls back). See
	// AlarmArgs. A backend has no Alb5xx or UnhealthyHosts alarm (its
	// Target5xxRate and ResponseTimeP99 watch its Service Connect
	// traffic); a worker's are its queue's (Worker.AlarmThresholds) and
	// Cpu, Memory and RunningTasks, none of which rolls a deployment
	// back; a job's alarms are its schedule's, dead-letter queue's
	// and timeout's (service.JobAlarmArgs), and take only TopicArn and
	// Email.
	Alarms *service.AlarmArgs `pulumi:"alarms,optional"`

	// Repository configures the ECR repository the image is pushed to.
	Repository service.RepositoryArgs `pulumi:"repository,optional"`

	// LoadBalancer configures the ALB and its target group. Valid: with
	// Kind web only.
	LoadBalancer edge.LoadBalancerArgs `pulumi:"loadBalancer,optional"`

	// LogRetentionDays is how long CloudWatch keeps the container's logs.
	// Optional. Default: 30. Valid: one of CloudWatch's allowed values (1, 3,
	// 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
	// 2192, 2557, 2922, 3288, 3653). "Never expire" is not offered.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`

	// Ec2 runs the service on EC2 container instances in an Auto Scaling
	// group instead of Fargate. Required when the strategy names
	// ProviderEC2, and only then. Optional. Default: nil (Fargate).
	Ec2 *cluster.Ec2CapacityArgs `pulumi:"ec2,optional"`

	// TaskRole grants the application its own AWS permissions.
	// Optional. Default: a task role with no permissions.
	TaskRole service.TaskRoleArgs `pulumi:"taskRole,optional"`

	// Kms keeps the service's data at rest under a customer-managed key:
	// the log groups, the repository and the ECS Exec sessions. Changing
	// a repository's encryption replaces it, so choose before the first
	// deploy. Optional. Default: nil (AWS-owned keys).
	Kms *KmsArgs `pulumi:"kms,optional"`

	// Tags are added to every taggable resource, after the project, stack
	// and component tags. Keys are plain strings, values Pulumi inputs.
	// Optional. Valid: no key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// KmsArgs chooses the customer-managed key of a PrivateFargateService.
type KmsArgs struct {
	// Create makes a key for the service, with the policy a Key has.
	// Excludes KeyArn.
	Create bool `pulumi:"create,optional"`
	// KeyArn is an existing key of the stack's region. Its policy must
	// allow what a Key's allows (CloudWatch Logs of the region, and the
	// account through IAM). Excludes Create.
	KeyArn pulumi.StringInput `pulumi:"keyArn,optional"`
	// Secrets says the container's secrets are encrypted with the key:
	// the execution role may then decrypt with it. Optional. Default:
	// false.
	Secrets bool `pulumi:"secrets,optional"`
}

// BackendKindArgs are the settings only a backend has (Kind "backend"):
// how it is published in the cluster's Service Connect namespace.
type BackendKindArgs struct {
	// DiscoveryName is the name callers reach the backend by, as
	// http://<DiscoveryName>:<Container.Port>. Optional. Default: the
	// component's name. Valid: lowercase letters, digits, underscores and
	// hyphens, at most 64, not starting with a hyphen.
	DiscoveryName string `pulumi:"discoveryName,optional"`
	// AppProtocol is the protocol of the app's port: "http", "http2",
	// "grpc" or "tcp". Optional. Default: "http". The HTTP metrics and
	// the 5xx alarm need http or http2. Changing it replaces the ECS
	// service.
	AppProtocol string `pulumi:"appProtocol,optional"`
	// IdleTimeout is the seconds a connection through the Service Connect
	// proxy may stay idle. Optional. Default: ECS's (5 minutes; 1 hour
	// for tcp). Valid: 0 (no timeout) to 2147483647.
	IdleTimeout *int `pulumi:"idleTimeout,optional"`
	// PerRequestTimeout is the seconds the proxy waits for a response.
	// Optional. Default: ECS's (15). Valid: 0 (no timeout) to 2147483647,
	// and only with an http, http2 or grpc AppProtocol.
	PerRequestTimeout *int `pulumi:"perRequestTimeout,optional"`
}

// WorkerKindArgs are the settings only a worker has (Kind "worker"): the
// queue it consumes, the topics that feed it, how it scales on its
// backlog, and its queue alarms' thresholds. The worker runs the
// component's Container (with no Port; the app gets QUEUE_URL and
// QUEUE_ARN) as an ECS service; the task role may consume the queue.
type WorkerKindArgs struct {
	// Queue is the queue the worker consumes: one the component creates
	// (the default), with a dead-letter queue, or an existing one (Arn).
	// Optional; see service.WorkerQueueArgs for each field's default and
	// range.
	Queue service.WorkerQueueArgs `pulumi:"queue,optional"`
	// Topics are SNS topic ARNs whose messages the created queue
	// receives, each through a subscription the queue's policy admits.
	// Optional. Default: none. Valid: SNS topic ARNs of the stack's
	// partition, each once; not with Queue.Arn.
	Topics []pulumi.StringInput `pulumi:"topics,optional"`
	// Scaling scales the task count on the queue's backlog per task, in
	// place of Autoscaling (which a worker refuses). Optional. Default:
	// nil (Service.DesiredCount tasks, always). See
	// service.WorkerScalingArgs: MaxCount and BacklogPerTask are required.
	Scaling *service.WorkerScalingArgs `pulumi:"scaling,optional"`
	// AlarmThresholds are the thresholds of the queue's alarms, with
	// Alarms on. Optional; see WorkerQueueAlarmThresholds.
	AlarmThresholds WorkerQueueAlarmThresholds `pulumi:"alarmThresholds,optional"`
}

// WorkerQueueAlarmThresholds are a worker's queue alarms' thresholds and
// evaluation periods; the service's own (Cpu, Memory, RunningTasks) are
// Alarms.Thresholds'.
type WorkerQueueAlarmThresholds struct {
	// DeadLetterMessages is the messages waiting in the dead-letter queue
	// (a created queue's only). Optional. Default: above 0, for 1 period.
	// Valid: 0 or more.
	DeadLetterMessages service.AlarmThreshold `pulumi:"deadLetterMessages,optional"`
	// OldestMessageAge is the age of the queue's oldest message, in
	// seconds. Optional. Default: above 600, for 5 periods. Valid: above
	// 0 and at most 1209600.
	OldestMessageAge service.AlarmThreshold `pulumi:"oldestMessageAge,optional"`
}

// JobKindArgs are the settings only a scheduled job has (Kind "job"):
// when it runs and what happens to a run that cannot start. The job runs
// the component's Container (with no Port) on
// Service.CapacityProviderStrategy, with Service.EnableExecuteCommand and
// Service.ExtraSecurityGroupIds; it has no ECS service, so the other
// Service fields and Autoscaling do not apply.
type JobKindArgs struct {
	// Schedule is when the job runs, as EventBridge Scheduler writes it:
	// rate(value unit), cron(minutes hours day-of-month month day-of-week
	// year), or at(yyyy-mm-ddThh:mm:ss) for one run. Required. Valid: what
	// the Scheduler user guide's "Schedule types" page documents.
	Schedule string `pulumi:"schedule"`
	// Timezone is the IANA time zone cron and at expressions are read in.
	// Optional. Default: "UTC". Valid: an IANA name such as
	// "Europe/Paris".
	Timezone string `pulumi:"timezone,optional"`
	// Retry is how Scheduler retries a run it could not start. Optional;
	// see service.JobRetry for the defaults (one day, 185 attempts).
	Retry service.JobRetry `pulumi:"retry,optional"`
	// DeadLetterQueue is where Scheduler sends a run it gave up on: a
	// queue the job creates (the default, kept 14 days, under Kms when it
	// is set), or one it adopts by ARN. Optional; see
	// service.JobDeadLetterQueue.
	DeadLetterQueue service.JobDeadLetterQueue `pulumi:"deadLetterQueue,optional"`
	// Timeout stops a run that lasts longer, in seconds, through a Step
	// Functions state machine the schedule then starts. Optional.
	// Default: 0 (no timeout). Valid: 1 to service.MaxJobTimeoutSeconds,
	// and below the shortest time between two runs of Schedule.
	Timeout int `pulumi:"timeout,optional"`
	// PropagateTags copies the task definition's tags to each run's task.
	// Optional. Default: true.
	PropagateTags *bool `pulumi:"propagateTags,optional"`
}
