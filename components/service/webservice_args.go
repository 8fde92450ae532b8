package service

import (
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ImageBuild builds the container image from a Dockerfile and pushes it to
// the component's repository with awsx's ecr.Image.
type ImageBuild struct {
	// Context is the Docker build context directory. Required.
	Context string `pulumi:"context"`
	// Dockerfile is the path of the Dockerfile. Optional. Default:
	// "<Context>/Dockerfile".
	Dockerfile string `pulumi:"dockerfile,optional"`
}

// ContainerArgs describes the task's container.
type ContainerArgs struct {
	// Name of the container. Optional. Default: "app".
	Name string `pulumi:"name,optional"`

	// Image is a ready image URI. It must live in a private ECR repository
	// of this region unless NAT is on: a task in a private subnet without NAT
	// cannot pull from Docker Hub, public.ecr.aws or any other registry;
	// an Output is checked for that at deploy time. Exactly one of Image
	// and Build is required.
	Image pulumi.StringInput `pulumi:"image,optional"`

	// Build builds the image and pushes it to the component's repository.
	// Exactly one of Image and Build is required.
	Build *ImageBuild `pulumi:"build,optional"`

	// Port is the container port the ALB forwards to. Optional. Default:
	// 8080. Valid: 1 to 65535.
	Port int `pulumi:"port,optional"`

	// Environment variables, by name; the values are Pulumi inputs.
	// Optional. Valid: names of letters, digits and underscores.
	Environment pulumi.StringMap `pulumi:"environment,optional"`

	// Secrets are environment variables read at task start, by name. Each
	// kind of secret adds its VPC endpoint, and the execution role may read
	// exactly these ARNs. Optional.
	Secrets map[string]ContainerSecret `pulumi:"secrets,optional"`

	// HealthCheck is the container health check. Optional. Default: none
	// (the ALB's target health check still applies).
	HealthCheck *ContainerHealthCheck `pulumi:"healthCheck,optional"`

	// StopTimeout is how long ECS waits after SIGTERM before SIGKILL, in
	// seconds. Optional. Default: 30. Valid: 2 to 120 (Fargate's limit).
	StopTimeout int `pulumi:"stopTimeout,optional"`

	// ReadonlyRootFilesystem mounts the root filesystem read-only.
	// Optional. Default: false.
	ReadonlyRootFilesystem bool `pulumi:"readonlyRootFilesystem,optional"`

	// DependsOn are the sidecars the container waits for before it
	// starts (and that stop after it). Optional. Default: none. Valid:
	// names of the workload's sidecars, no cycle; HEALTHY only on a
	// sidecar with a health check; COMPLETE and SUCCESS only on a sidecar
	// that is not essential.
	DependsOn []ContainerDependency `pulumi:"dependsOn,optional"`
}

// SidecarArgs is one more container in the task beside the app's: an
// agent, a proxy or a collector. The ALB never routes to it.
type SidecarArgs struct {
	// Name of the container, also its log stream prefix. Required.
	// Valid: 1 to 255 letters, digits, hyphens and underscores; unique
	// among the task's containers.
	Name string `pulumi:"name"`

	// Image is a ready image URI, under the rule of Container.Image: a
	// private ECR image of this region unless NAT is on (an Output is
	// checked at deploy time). Required.
	Image pulumi.StringInput `pulumi:"image"`

	// Ports are TCP container ports the sidecar listens on inside the
	// task; no load balancer routes to them, and the task security group
	// admits nothing new for them. Optional. Valid: 1 to 65535, unique
	// among the task's containers' ports.
	Ports []int `pulumi:"ports,optional"`

	// Essential stops the whole task when the sidecar stops. Optional.
	// Default: true (ECS's default). Set false for a container that runs
	// to completion, or whose failure the app survives.
	Essential *bool `pulumi:"essential,optional"`

	// DependsOn are the containers (the app's name, or other sidecars')
	// this one waits for before it starts. Optional. Default: none.
	// Valid: as ContainerArgs.DependsOn, and the app's container only
	// with START or HEALTHY (the app is essential).
	DependsOn []ContainerDependency `pulumi:"dependsOn,optional"`

	// Environment variables, by name, as Container.Environment. Optional.
	Environment pulumi.StringMap `pulumi:"environment,optional"`

	// Secrets are environment variables read at task start, as
	// Container.Secrets: each kind adds its VPC endpoint, and the
	// execution role may read these ARNs too. Optional.
	Secrets map[string]ContainerSecret `pulumi:"secrets,optional"`

	// HealthCheck is the container health check, with the defaults and
	// ranges of Container.HealthCheck. Optional. Default: none. Required
	// for another container to depend on it with HEALTHY.
	HealthCheck *ContainerHealthCheck `pulumi:"healthCheck,optional"`

	// Cpu is the CPU units reserved for the sidecar. Optional. Default:
	// 0 (no reservation: it shares the task's CPU). Valid: 0 to
	// Task.Cpu, and all the sidecars' together at most Task.Cpu.
	Cpu int `pulumi:"cpu,optional"`

	// MemoryReservation is the memory in MiB reserved for the sidecar
	// (a soft limit). Optional. Default: 0 (no reservation). Valid: 0,
	// or 6 to Task.Memory (Docker's minimum is 6 MiB), and all the
	// sidecars' together at most Task.Memory.
	MemoryReservation int `pulumi:"memoryReservation,optional"`

	// ReadonlyRootFilesystem mounts the root filesystem read-only.
	// Optional. Default: false.
	ReadonlyRootFilesystem bool `pulumi:"readonlyRootFilesystem,optional"`
}

// ContainerDependency is one container another waits for at start.
type ContainerDependency struct {
	// Container is the name of the container waited for. Required.
	Container string `pulumi:"container"`
	// Condition is what is waited for: DependencyStart,
	// DependencyComplete, DependencySuccess or DependencyHealthy.
	// Required.
	Condition string `pulumi:"condition"`
}

// Conditions of a container dependency (ECS's ContainerDependency).
const (
	// DependencyStart waits for the container to start.
	DependencyStart = "START"
	// DependencyComplete waits for the container to exit, with any
	// status; the container must not be essential.
	DependencyComplete = "COMPLETE"
	// DependencySuccess waits for the container to exit with status 0;
	// the container must not be essential.
	DependencySuccess = "SUCCESS"
	// DependencyHealthy waits for the container's health check to pass
	// (checked only at task start); it must have a health check.
	DependencyHealthy = "HEALTHY"
)

// ContainerSecret is one secret environment variable.
type ContainerSecret struct {
	// Arn is a Secrets Manager secret ARN, optionally with a
	// ":json-key:version-stage:version-id" suffix, or an SSM parameter
	// ARN; for example a secretsmanager.Secret's Arn. Required.
	Arn pulumi.StringInput `pulumi:"arn"`
	// Kind is SecretKindSecretsManager or SecretKindParameterStore. It
	// decides the endpoint and the grant before the ARN is known. Optional
	// when Arn is a literal (its kind is read from it); required when Arn
	// is an Output, whose kind is then checked at deploy time. Valid: the
	// ARN's kind.
	Kind string `pulumi:"kind,optional"`
}

// ContainerHealthCheck is the Docker health check ECS runs in the container.
type ContainerHealthCheck struct {
	// Command, for example ["CMD", "/app", "-healthcheck"] or
	// ["CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"].
	// Required. The first element must be "CMD" or "CMD-SHELL".
	Command []string `pulumi:"command"`
	// Interval between checks in seconds. Optional. Default: 30. Valid: 5 to 300.
	Interval int `pulumi:"interval,optional"`
	// Timeout of one check in seconds. Optional. Default: 5. Valid: 2 to 60.
	Timeout int `pulumi:"timeout,optional"`
	// Retries before the container is unhealthy. Optional. Default: 3. Valid: 1 to 10.
	Retries int `pulumi:"retries,optional"`
	// StartPeriod in seconds during which failures do not count. Optional.
	// Default: 0. Valid: 0 to 300.
	StartPeriod int `pulumi:"startPeriod,optional"`
}

// TaskArgs sizes the task.
type TaskArgs struct {
	// Cpu in CPU units. Optional. Default: 256. Valid: on Fargate, a
	// Fargate size; on EC2, what one instance has less 128 units for the
	// OS and agent.
	Cpu int `pulumi:"cpu,optional"`
	// Memory in MiB. Optional. Default: 512. Valid: on Fargate, a memory
	// size Fargate offers for Cpu; on EC2, what one instance has less a
	// tenth for the OS and the 256 MiB the agent reserves.
	Memory int `pulumi:"memory,optional"`
	// Architecture is the CPU architecture. Optional. Default: ArchX86_64
	// on Fargate, the instance types' on EC2. Valid: ArchX86_64 or
	// ArchARM64 on Fargate and on Fargate Spot (ARM64 Spot needs platform
	// version 1.4.0 or later; services run LATEST); on EC2 it must match
	// the instances.
	Architecture string `pulumi:"architecture,optional"`
}

// ServiceArgs configures the ECS service.
type ServiceArgs struct {
	// DesiredCount is how many tasks run. Optional. Default: 1. Valid: 0 or more.
	DesiredCount *int `pulumi:"desiredCount,optional"`

	// CapacityProviderStrategy chooses Fargate, Fargate Spot or a mix.
	// Optional. Default: [{Provider: FARGATE, Weight: 1}]. Valid: at most 6
	// entries, known providers only, each named once, one base at most, one
	// weight above 0 at least.
	CapacityProviderStrategy []cluster.CapacityProviderStrategyItem `pulumi:"capacityProviderStrategy,optional"`

	// MinimumHealthyPercent during deployments. Optional. Default: 100.
	// Valid: 0 to 100.
	MinimumHealthyPercent *int `pulumi:"minimumHealthyPercent,optional"`

	// MaximumPercent during deployments. Optional. Default: 200. Valid: 100
	// to 200, and above MinimumHealthyPercent.
	MaximumPercent int `pulumi:"maximumPercent,optional"`

	// HealthCheckGracePeriod in seconds, during which the ALB's failed
	// health checks do not stop a new task. Optional. Default: 60. Valid: 0
	// to 2147483647.
	HealthCheckGracePeriod *int `pulumi:"healthCheckGracePeriod,optional"`

	// ExtraSecurityGroupIds are attached to the tasks beside the task
	// security group, for example a database client group's ID. Optional.
	// Valid: sg-... IDs (an Output's are checked at deploy time); awsvpc
	// networking only (Fargate, or EC2 with NetworkAwsvpc).
	ExtraSecurityGroupIds pulumi.StringArrayInput `pulumi:"extraSecurityGroupIds,optional"`

	// EnableExecuteCommand turns on ECS Exec (aws ecs execute-command)
	// into the service's tasks: the task role gets the ssmmessages
	// channel permissions and may write the sessions to the cluster's
	// exec log group, and without NAT the network needs the ssmmessages
	// endpoint (and kms when the sessions are encrypted). Optional.
	// Default: false. Valid: not with Container.ReadonlyRootFilesystem
	// (the SSM agent ECS Exec runs in the task writes to the root
	// filesystem); on a WebService, the cluster must have Exec.
	EnableExecuteCommand bool `pulumi:"enableExecuteCommand,optional"`
}

// WebServiceArgs configures a WebService: one service (the app's container
// and its sidecars) on a shared Network, Cluster and LoadBalancer.
type WebServiceArgs struct {
	// Network is where the tasks run: a *Network, or the NetworkContract
	// of one another program made (AttachPlatform). Required. It must
	// provide every endpoint the service's features need (declare them in
	// its Features under this service's name), unless it has NAT.
	Network network.NetworkSource `pulumi:"network"`
	// Cluster runs the service: a *Cluster, or a ClusterContract.
	// Required. It must have every capacity provider the strategy names.
	Cluster cluster.ClusterSource `pulumi:"cluster"`
	// LoadBalancer brings users to the service: a *LoadBalancer, or a
	// LoadBalancerContract. Required. The service takes its Route; without
	// one, the route the load balancer declares for it (the ListenerRoute
	// whose Service is this service's name), or, on a load balancer with a
	// DefaultTarget, its default target group.
	LoadBalancer edge.LoadBalancerSource `pulumi:"loadBalancer"`
	// Route is the service's own listener rule on the load balancer: its
	// host and path conditions, its listener and its priority. It
	// excludes a route for the service in the load balancer's Routes.
	// Optional. Default: nil (the load balancer's route or default target).
	Route *ServiceRoute `pulumi:"route,optional"`
	// Calls are the backends the service calls through Service Connect,
	// as http://<name>:<port>: each admits it on its port, and the
	// service starts after them. Optional. Valid: with a cluster that
	// has a ServiceConnect namespace; awsvpc networking.
	Calls []ServiceConnectSource `pulumi:"calls,optional"`

	// Container describes the app's container. Required.
	Container ContainerArgs `pulumi:"container"`
	// Sidecars are more containers in the task beside the app's. Optional.
	// Default: none. See SidecarArgs.
	Sidecars []SidecarArgs `pulumi:"sidecars,optional"`
	// Tracing runs the AWS Distro for OpenTelemetry collector beside the
	// app and sends its traces to AWS X-Ray: "xray", or "" for none.
	// Optional. Default: "" (off). With "xray": the collector sidecar
	// (OTLP on 4317 and 4318, X-Ray segments on 2000), the app's
	// OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL and
	// AWS_XRAY_DAEMON_ADDRESS (unless it sets them), the task role's
	// X-Ray and metrics-log grants, and the xray VPC endpoint. Valid:
	// awsvpc networking only; without NAT, the network needs an
	// ecr-public pull-through cache rule for the collector's image.
	Tracing string `pulumi:"tracing,optional"`
	// Task sizes the task. Optional; see TaskArgs for defaults.
	Task TaskArgs `pulumi:"task,optional"`
	// Service configures the ECS service. Optional; see ServiceArgs. An
	// EC2 entry of the strategy names the cluster's group.
	Service ServiceArgs `pulumi:"service,optional"`
	// Autoscaling scales the service's task count between a minimum and
	// a maximum. Optional. Default: nil (Service.DesiredCount tasks,
	// always). See AutoscalingArgs.
	Autoscaling *AutoscalingArgs `pulumi:"autoscaling,optional"`
	// Alarms turns on the service's CloudWatch alarms, their SNS topic
	// (encrypted with KmsKeyArn when it is set) and deployments that roll
	// back on them. Optional. Default: nil (no alarms; the deployment
	// circuit breaker still rolls back). See AlarmArgs.
	Alarms *AlarmArgs `pulumi:"alarms,optional"`
	// Repository configures the ECR repository the image is pushed to.
	Repository RepositoryArgs `pulumi:"repository,optional"`
	// HealthCheck is the service's target group's health check, with a
	// route. Optional. On a DefaultTarget load balancer, set it there.
	HealthCheck edge.TargetHealthCheck `pulumi:"healthCheck,optional"`
	// DeregistrationDelay in seconds before a draining target is removed,
	// with a route. Optional. Default: 30. Valid: 0 to 3600.
	DeregistrationDelay *int `pulumi:"deregistrationDelay,optional"`
	// LogRetentionDays is how long CloudWatch keeps the container's logs.
	// Optional. Default: 30. Valid: one of CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// TaskRole grants the application its own AWS permissions. Optional.
	TaskRole TaskRoleArgs `pulumi:"taskRole,optional"`
	// KmsKeyArn is a customer-managed KMS key that encrypts what the
	// service keeps at rest: its log group, its repository and its alarm
	// topic. The key's policy must let those services use it. Optional.
	// Default: AWS-owned keys.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// SecretsUseKey says the container's secrets are encrypted with
	// KmsKeyArn: the execution role may decrypt with it (Secrets Manager
	// and SSM decrypt as the caller). Optional. Default: false. Valid:
	// with KmsKeyArn.
	SecretsUseKey bool `pulumi:"secretsUseKey,optional"`
	// Tags are added to every taggable resource the service creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// RepositoryArgs configures the ECR repository.
type RepositoryArgs struct {
	// ImageTagMutability is "MUTABLE" or "IMMUTABLE". Optional. Default:
	// "MUTABLE". Each build pushes a new random tag and the task
	// definition pins the pushed digest, so IMMUTABLE (which refuses a
	// push that would move a tag) never stops a deploy.
	ImageTagMutability string `pulumi:"imageTagMutability,optional"`
	// KeepImages is how many images the lifecycle policy keeps. Optional.
	// Default: 10. Valid: 1 to 1000.
	KeepImages int `pulumi:"keepImages,optional"`
	// ForceDelete lets `pulumi destroy` delete the repository with images
	// in it. Optional. Default: false.
	ForceDelete bool `pulumi:"forceDelete,optional"`
	// WithoutKmsKey keeps the repository under ECR's AES-256 encryption
	// even when the service has a customer key (KmsKeyArn). ECR fixes a
	// repository's encryption at creation, so giving a key to a
	// repository created without one replaces it, and the replacement
	// starts with no images: set this to keep a released repository as
	// it is while the rest of the service moves under the key. Optional.
	// Default: false (the repository takes the key when there is one).
	WithoutKmsKey bool `pulumi:"withoutKmsKey,optional"`
	// ExtraPullRepositoryArns are other ECR repositories the execution role
	// may pull from (for sidecars or base images). Optional. Valid: ECR
	// repository ARNs (an Output's are checked at deploy time).
	ExtraPullRepositoryArns pulumi.StringArrayInput `pulumi:"extraPullRepositoryArns,optional"`
}

// ServiceRoute is a service's own rule on a shared load balancer: the
// service owns the rule and its target group, and another program's
// services take rules of their own on the same listener.
type ServiceRoute struct {
	// Hosts are host-header values, such as "orders.example.com" or
	// "*.example.com". On the HTTPS listener, each must be one the
	// certificate covers. Optional; Hosts and Paths together hold 1 to 5
	// values (an ALB rule's limit).
	Hosts []string `pulumi:"hosts,optional"`
	// Paths are path patterns, such as "/orders/*". Optional; see Hosts.
	Paths []string `pulumi:"paths,optional"`
	// Listener is ListenerHttps or ListenerHttp. Optional. Default:
	// https when the load balancer has it, else http.
	Listener string `pulumi:"listener,optional"`
	// Team is the team whose priority block the rule takes its priority
	// from. Optional. Default: "", the block of services with no team
	// (all of 1-49999 on a load balancer without blocks).
	Team string `pulumi:"team,optional"`
	// Priority is the rule's priority. Optional. Default: derived from
	// the service's name inside the team's block, so adding or removing
	// another service never moves it. Valid: inside the team's block, and
	// free on the listener: a look-up refuses one another rule holds.
	Priority int `pulumi:"priority,optional"`
}

// PolicyStatement is one Allow statement for the task role.
type PolicyStatement struct {
	// Actions, for example ["s3:GetObject"]. Required.
	Actions []string `pulumi:"actions"`
	// Resources, for example ["arn:aws:s3:::my-bucket/*"] or a bucket's
	// Arn. Required: at least one, checked at deploy time for an Output.
	Resources pulumi.StringArrayInput `pulumi:"resources"`
}

// TaskRoleArgs grants the application its permissions.
type TaskRoleArgs struct {
	// PolicyArns are managed policies attached to the task role, one
	// attachment each, so the count is plain and each ARN an input.
	// Optional. Valid: IAM policy ARNs (an Output's are checked at deploy
	// time).
	PolicyArns pulumi.StringArray `pulumi:"policyArns,optional"`
	// Statements become one inline Allow policy on the task role. Optional.
	Statements []PolicyStatement `pulumi:"statements,optional"`
}

// Kinds of container secret.
const (
	// SecretKindSecretsManager is an AWS Secrets Manager secret.
	SecretKindSecretsManager = "secretsmanager"
	// SecretKindParameterStore is an SSM Parameter Store parameter.
	SecretKindParameterStore = "ssm"
)
