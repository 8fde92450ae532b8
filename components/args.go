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

	// Network configures the VPC. Optional; see NetworkArgs for defaults.
	Network network.NetworkArgs `pulumi:"network,optional"`

	// ExtraEndpointServices adds VPC endpoints beyond those the features in
	// use need, by short service name ("sqs", "dynamodb", "sts"). "s3" and
	// "dynamodb" become gateway endpoints, every other name an interface
	// endpoint. Optional. Default: none.
	ExtraEndpointServices []string `pulumi:"extraEndpointServices,optional"`

	// Ingress configures who may reach the load balancer and how.
	Ingress edge.IngressArgs `pulumi:"ingress,optional"`

	// Container describes the app's container. Required.
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
	Service service.ServiceArgs `pulumi:"service,optional"`

	// Autoscaling scales the service's task count between a minimum and
	// a maximum. Optional. Default: nil (Service.DesiredCount tasks,
	// always). See AutoscalingArgs.
	Autoscaling *service.AutoscalingArgs `pulumi:"autoscaling,optional"`

	// Alarms turns on the service's CloudWatch alarms, their SNS topic
	// and deployments that roll back on them. Optional. Default: nil (no
	// alarms; the deployment circuit breaker still rolls back). See
	// AlarmArgs.
	Alarms *service.AlarmArgs `pulumi:"alarms,optional"`

	// Repository configures the ECR repository the image is pushed to.
	Repository service.RepositoryArgs `pulumi:"repository,optional"`

	// LoadBalancer configures the ALB and its target group.
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
