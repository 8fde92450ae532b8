package cluster

import (
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Capacity provider names a strategy may use. ProviderEC2 stands for the
// Auto Scaling group capacity provider the component creates from Ec2.
const (
	ProviderFargate     = "FARGATE"
	ProviderFargateSpot = "FARGATE_SPOT"
	ProviderEC2         = "EC2"
)

// Task networking modes on EC2 container instances.
const (
	// NetworkAwsvpc gives each task its own ENI and the task security
	// group, as on Fargate; the target group registers task IPs.
	NetworkAwsvpc = "awsvpc"
	// NetworkBridge maps container ports to dynamic host ports
	// (32768-65535); the target group registers instances, and the tasks
	// share the instance security group.
	NetworkBridge = "bridge"
)

// CapacityProviderStrategyItem is one entry of the service's capacity
// provider strategy.
type CapacityProviderStrategyItem struct {
	// Provider is ProviderFargate, ProviderFargateSpot or ProviderEC2.
	// Required.
	Provider string `pulumi:"provider"`
	// Group names the cluster's EC2 group when Provider is ProviderEC2.
	// Optional when the cluster has one group. Default: that group.
	Group string `pulumi:"group,optional"`
	// Base is how many tasks this provider runs before weights apply.
	// Optional. Default: 0. Valid: 0 to 100000, and on one entry only.
	Base int `pulumi:"base,optional"`
	// Weight is this provider's share of the tasks beyond the base.
	// Optional. Default: 0. Valid: 0 to 1000; at least one entry above 0.
	Weight int `pulumi:"weight,optional"`
}

// Ec2CapacityArgs configures EC2 container instances: a launch template, an
// Auto Scaling group in the private subnets, and an ECS capacity provider
// with managed scaling.
type Ec2CapacityArgs struct {
	// Name tells the cluster's EC2 groups apart: its children are named
	// <cluster>-<Name>-asg and so on, and a strategy names it in
	// CapacityProviderStrategyItem.Group. Optional when the cluster has one
	// group (its children are then <cluster>-asg and so on); required
	// otherwise. Valid: lowercase letters, digits and hyphens.
	Name string `pulumi:"name,optional"`

	// InstanceTypes the group may launch; the first is the launch
	// template's, more make a mixed-instances group. Required. Valid: one
	// architecture only.
	InstanceTypes []string `pulumi:"instanceTypes"`

	// AmiId overrides the ECS-optimized Amazon Linux 2023 AMI, which is
	// otherwise read at deploy time from the public SSM parameter for the
	// instances' architecture. Optional.
	AmiId string `pulumi:"amiId,optional"`

	// AmiArchitecture is the AMI's architecture, "x86_64" or "arm64".
	// Optional. Default: the instance types' architecture. Valid: the
	// instance types' architecture.
	AmiArchitecture string `pulumi:"amiArchitecture,optional"`

	// RootVolumeSize of the encrypted gp3 root volume in GiB. Optional.
	// Default: 30. Valid: 30 to 16384 (the AMI's snapshot is 30 GiB).
	RootVolumeSize int `pulumi:"rootVolumeSize,optional"`

	// MinSize and MaxSize bound the group. Optional. Defaults: 2 and 4.
	// Valid: 0 <= MinSize <= MaxSize, MaxSize >= 1.
	MinSize int `pulumi:"minSize,optional"`
	MaxSize int `pulumi:"maxSize,optional"`

	// DesiredCapacity is the group's starting size; managed scaling moves
	// it afterwards and the component ignores its drift. Optional.
	// Default: MinSize. Valid: MinSize to MaxSize.
	DesiredCapacity *int `pulumi:"desiredCapacity,optional"`

	// ManagedScaling lets ECS scale the group to fit the tasks. Optional.
	// Default: true.
	ManagedScaling *bool `pulumi:"managedScaling,optional"`

	// TargetCapacity is the managed scaling target, in percent of the
	// group's capacity in use. Optional. Default: 100. Valid: 1 to 100.
	TargetCapacity int `pulumi:"targetCapacity,optional"`

	// ManagedTerminationProtection stops scale-in from terminating
	// instances that run tasks. Needs ManagedScaling; turns on scale-in
	// protection for new instances. Optional. Default: false.
	ManagedTerminationProtection bool `pulumi:"managedTerminationProtection,optional"`

	// SessionManager adds AmazonSSMManagedInstanceCore to the instance role
	// and the ssm, ssmmessages and ec2messages endpoints. Optional.
	// Default: false.
	SessionManager bool `pulumi:"sessionManager,optional"`

	// NetworkMode is NetworkAwsvpc or NetworkBridge. Optional. Default:
	// NetworkAwsvpc.
	NetworkMode string `pulumi:"networkMode,optional"`

	// AwsvpcTrunking says the account's awsvpcTrunking setting is on, so an
	// instance takes more awsvpc tasks than its ENI limit. It turns off the
	// ENI check; the setting itself is made per account, outside this
	// component. Optional. Default: false.
	AwsvpcTrunking bool `pulumi:"awsvpcTrunking,optional"`
}

// ClusterArgs configures a Cluster: the ECS cluster, its capacity
// providers and their one association with it.
type ClusterArgs struct {
	// Network is where EC2 container instances run: a *Network, or the
	// NetworkContract of one another program made. Required with Ec2.
	Network network.NetworkSource `pulumi:"network,optional"`

	// LoadBalancers are the load balancers whose targets may run on the
	// cluster's bridge-mode EC2 groups: each such group admits each load
	// balancer on the dynamic host ports 32768-65535, with a rule on the
	// instances' group and, unless the load balancer has TargetPorts, one
	// on the load balancer's. A bridge service needs its load balancer
	// here. Optional. Default: none.
	LoadBalancers []edge.LoadBalancerSource `pulumi:"loadBalancers,optional"`

	// Fargate associates the FARGATE and FARGATE_SPOT providers. Optional.
	// Default: true when there are no EC2 groups, false otherwise.
	Fargate *bool `pulumi:"fargate,optional"`

	// Ec2 are Auto Scaling groups of container instances, each with its
	// own capacity provider. One cluster can run Fargate and EC2 services
	// side by side; each service's strategy uses one kind only. Optional.
	Ec2 []Ec2CapacityArgs `pulumi:"ec2,optional"`

	// DefaultStrategy is the cluster's default capacity provider strategy,
	// for tasks run without one. Optional. Default: FARGATE with weight 1,
	// or the first EC2 group when Fargate is off.
	DefaultStrategy []CapacityProviderStrategyItem `pulumi:"defaultStrategy,optional"`

	// Exec logs the ECS Exec sessions of the cluster's services to a log
	// group of its own, through the cluster's execute-command
	// configuration. A service that turns ECS Exec on needs it.
	// Optional. Default: nil (no service may use ECS Exec).
	Exec *ExecArgs `pulumi:"exec,optional"`
	// ServiceConnect gives the cluster a Cloud Map namespace for ECS
	// Service Connect, the cluster's default: backends register their
	// names in it and services call them by name. Optional. Default: nil
	// (no service may use Service Connect). See ServiceConnectArgs.
	ServiceConnect *ServiceConnectArgs `pulumi:"serviceConnect,optional"`

	// ContainerInsights is the cluster's CloudWatch Container Insights
	// setting: "enabled" (the cluster and service metrics, which a
	// service's RunningTasks alarm and a worker's backlog scaling read),
	// "enhanced" (those, and task and container metrics, billed as more
	// metrics), or "disabled" (none: those alarms and that scaling get no
	// data). Changing it updates the cluster in place. Optional. Default:
	// "enabled", as every cluster had before the setting. Valid: enabled,
	// enhanced or disabled.
	ContainerInsights string `pulumi:"containerInsights,optional"`

	// Tags are added to every taggable resource the cluster creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// Container Insights settings of a cluster: the values the ECS API's
// ClusterSetting containerInsights takes (ECS API reference,
// ClusterSetting: "The supported values are enhanced, enabled, and
// disabled").
const (
	InsightsEnabled  = "enabled"
	InsightsEnhanced = "enhanced"
	InsightsDisabled = "disabled"
)

// ExecArgs configures how a cluster logs ECS Exec sessions.
type ExecArgs struct {
	// LogRetentionDays is how long CloudWatch keeps the session logs.
	// Optional. Default: 30. Valid: one of CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// KmsKeyArn is a customer-managed key that encrypts the sessions'
	// data channel and their log group. The tasks then need kms:Decrypt on
	// it (the task role gets it) and, without NAT, the kms endpoint; the
	// key policy must let CloudWatch Logs use it. Optional. Default: the
	// channel's own TLS only, and an AWS-owned key for the logs.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// CPU architectures for the task's runtime platform.
const (
	ArchX86_64 = "X86_64"
	ArchARM64  = "ARM64"
)

// ServiceConnectArgs configures the cluster's Service Connect namespace: a
// Cloud Map HTTP namespace (API-call discovery, no Route 53 zone), which
// Service Connect uses whatever the namespace type (ECS developer guide,
// "Service Connect"). The cluster's services that turn Service Connect on
// join it. Deleting the cluster leaves a namespace ECS made itself, so the
// cluster makes its own and deletes it with the stack.
type ServiceConnectArgs struct {
	// Namespace is the namespace's name. Optional. Default: the cluster
	// component's name. Valid: lowercase letters, digits, hyphens and
	// dots, at most 253 (Cloud Map takes up to 1024 printable characters;
	// a DNS-like name keeps it readable in a client's alias).
	Namespace string `pulumi:"namespace,optional"`
}
