package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// NatMode says whether the VPC gets NAT gateways. ECR, CloudWatch Logs and S3
// never need one: they are reached through VPC endpoints.
type NatMode string

const (
	// NatNone creates no NAT gateway. The private subnets have no route to the
	// internet at all. This is the default.
	NatNone NatMode = "none"
	// NatSingle creates one NAT gateway in the first public subnet, shared by
	// every private route table. Cheaper, but one AZ failure cuts egress.
	NatSingle NatMode = "single"
	// NatPerAz creates one NAT gateway in each AZ's public subnet.
	NatPerAz NatMode = "perAz"
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

// CPU architectures for the task's runtime platform.
const (
	ArchX86_64 = "X86_64"
	ArchARM64  = "ARM64"
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
	Network NetworkArgs `pulumi:"network,optional"`

	// ExtraEndpointServices adds VPC endpoints beyond those the features in
	// use need, by short service name ("sqs", "dynamodb", "sts"). "s3" and
	// "dynamodb" become gateway endpoints, every other name an interface
	// endpoint. Optional. Default: none.
	ExtraEndpointServices []string `pulumi:"extraEndpointServices,optional"`

	// Ingress configures who may reach the load balancer and how.
	Ingress IngressArgs `pulumi:"ingress,optional"`

	// Container describes the one container the task runs. Required.
	Container ContainerArgs `pulumi:"container"`

	// Task sizes the task. Optional; see TaskArgs for defaults.
	Task TaskArgs `pulumi:"task,optional"`

	// Service configures the ECS service. Optional; see ServiceArgs.
	Service ServiceArgs `pulumi:"service,optional"`

	// Autoscaling scales the service's task count between a minimum and
	// a maximum. Optional. Default: nil (Service.DesiredCount tasks,
	// always). See AutoscalingArgs.
	Autoscaling *AutoscalingArgs `pulumi:"autoscaling,optional"`

	// Alarms turns on the service's CloudWatch alarms, their SNS topic
	// and deployments that roll back on them. Optional. Default: nil (no
	// alarms; the deployment circuit breaker still rolls back). See
	// AlarmArgs.
	Alarms *AlarmArgs `pulumi:"alarms,optional"`

	// Repository configures the ECR repository the image is pushed to.
	Repository RepositoryArgs `pulumi:"repository,optional"`

	// LoadBalancer configures the ALB and its target group.
	LoadBalancer LoadBalancerArgs `pulumi:"loadBalancer,optional"`

	// LogRetentionDays is how long CloudWatch keeps the container's logs.
	// Optional. Default: 30. Valid: one of CloudWatch's allowed values (1, 3,
	// 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
	// 2192, 2557, 2922, 3288, 3653). "Never expire" is not offered.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`

	// Ec2 runs the service on EC2 container instances in an Auto Scaling
	// group instead of Fargate. Required when the strategy names
	// ProviderEC2, and only then. Optional. Default: nil (Fargate).
	Ec2 *Ec2CapacityArgs `pulumi:"ec2,optional"`

	// TaskRole grants the application its own AWS permissions.
	// Optional. Default: a task role with no permissions.
	TaskRole TaskRoleArgs `pulumi:"taskRole,optional"`

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

// NetworkArgs configures a Network: the VPC, its subnets and routes, and
// the VPC endpoints its services need. Inside a PrivateFargateService only
// CidrBlock, AzCount, AvailabilityZones, NatGateways and Existing apply;
// the component fills in the rest.
type NetworkArgs struct {
	// Region is the AWS region the network is in. It names the endpoint
	// services (com.amazonaws.<region>.ecr.api and so on). Optional.
	// Default: the provider's region, read with aws.GetRegion.
	Region string `pulumi:"region,optional"`

	// Features are what the services that will use the network need, keyed
	// by service name (the name of each WebService). The endpoint set is
	// their union: every service needs ecr.api, ecr.dkr, logs and the s3
	// gateway; secrets, EC2 capacity and Session Manager add their own.
	// A WebService refuses a network that lacks an endpoint it needs.
	// Optional. Default: none, which still gives the endpoints image pulls
	// and logs need.
	Features map[string]EndpointFeatures `pulumi:"features,optional"`

	// ExtraEndpointServices adds VPC endpoints no service declared, by
	// short service name ("sqs", "sts"); "s3" and "dynamodb" become gateway
	// endpoints. Optional. Default: none.
	ExtraEndpointServices []string `pulumi:"extraEndpointServices,optional"`

	// Existing adopts a VPC that already exists instead of creating one.
	// It excludes CidrBlock, AzCount, AvailabilityZones and NatGateways.
	// Optional. Default: nil (create a VPC).
	Existing *ExistingVpcArgs `pulumi:"existing,optional"`

	// FlowLogs records the VPC's traffic (accepted and rejected) to a
	// CloudWatch log group, through a delivery role that may write to
	// that group only. With Existing, it is the user's choice whether the
	// adopted VPC gets one. Optional. Default: nil (no flow log).
	FlowLogs *FlowLogArgs `pulumi:"flowLogs,optional"`

	// SharedEndpointAccess makes one security group, endpoint-clients,
	// whose members reach every endpoint: the endpoint group admits it in
	// one rule, and it carries the members' HTTPS egress to the interface
	// endpoints, the gateway prefix lists and, with NAT, the internet.
	// Services and container instances join it instead of adding rules of
	// their own, so the endpoint group holds one inbound rule however many
	// services share the network (a group holds 60 inbound rules by
	// default). Optional. Default: false, each member adds its own rules,
	// as the released pieces do.
	SharedEndpointAccess bool `pulumi:"sharedEndpointAccess,optional"`

	// Tags are added to every taggable resource the network creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`

	// CidrBlock is the VPC's IPv4 range. Optional. Default: "10.0.0.0/16".
	// Valid: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, prefix /16
	// to /24 (each subnet takes a sixteenth of it, and AWS's smallest subnet
	// is a /28).
	CidrBlock string `pulumi:"cidrBlock,optional"`

	// AzCount is how many availability zones get a public and a private
	// subnet. Optional. Default: 2. Valid: 2 to 8, and no more than the
	// region has.
	AzCount int `pulumi:"azCount,optional"`

	// AvailabilityZones names the zones to use, in order. Optional. Default:
	// the first AzCount zones that aws.GetAvailabilityZones reports as
	// available. When set, its length is the AZ count and AzCount must be 0
	// or equal to it.
	AvailabilityZones []string `pulumi:"availabilityZones,optional"`

	// NatGateways adds NAT gateways for apps that call the internet
	// themselves. Optional. Default: NatNone.
	NatGateways NatMode `pulumi:"natGateways,optional"`

	// adopted is Existing as the look-ups before registering found it,
	// set by a caller that made them already (PrivateFargateService's
	// checks), so the network does not make them again.
	adopted *adoptedVpc
}

// FlowLogArgs configures a network's VPC flow log.
type FlowLogArgs struct {
	// LogRetentionDays is how long CloudWatch keeps the records.
	// Optional. Default: 30. Valid: one of CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// TrafficType is ACCEPT, REJECT or ALL. Optional. Default: ALL.
	TrafficType string `pulumi:"trafficType,optional"`
	// AggregationInterval is the most seconds a record spans, 60 or 600.
	// Optional. Default: 600.
	AggregationInterval int `pulumi:"aggregationInterval,optional"`
	// KmsKeyArn is a customer-managed KMS key of the network's region
	// that encrypts the flow-log group. Its policy must let CloudWatch
	// Logs of the region use it, as a Key's does. Optional. Default: an
	// AWS-owned key. Inside a PrivateFargateService the service's key
	// (Kms) is used when this is unset.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// ExistingVpcArgs names a VPC that already exists and the parts of it the
// services use. The network then creates only what is missing: the
// endpoint security group (unless EndpointSecurityGroupId is given) and the
// endpoints not listed in EndpointServices. It looks the VPC, its subnets
// and their route tables up and refuses, naming each field and the fix,
// when DNS support or DNS hostnames are off, when the private subnets span
// fewer than 2 AZs, when the public subnets do not cover every private
// subnet's AZ or do not route 0.0.0.0/0 to an internet gateway, or when a
// private subnet's route table is not listed; it warns about a private
// subnet that maps public IPs on launch or routes to an internet gateway.
// With every ID a literal, the look-ups run before anything registers;
// with an ID that is an Output, at deploy time once it resolves.
type ExistingVpcArgs struct {
	// VpcId is the VPC's ID (vpc-...). Required.
	VpcId pulumi.StringInput `pulumi:"vpcId"`
	// PublicSubnetIds are the load balancer's subnets (subnet-...), with a
	// route to an internet gateway, in at least 2 AZs and in every AZ of
	// the private subnets. Required.
	PublicSubnetIds pulumi.StringArrayInput `pulumi:"publicSubnetIds"`
	// PrivateSubnetIds are the tasks' subnets (subnet-...), in at least 2
	// AZs. Required.
	PrivateSubnetIds pulumi.StringArrayInput `pulumi:"privateSubnetIds"`
	// PrivateRouteTableIds are the route tables of the private subnets
	// (rtb-...): every one of them gets the s3 gateway endpoint, or image
	// pulls fail. Required.
	PrivateRouteTableIds pulumi.StringArrayInput `pulumi:"privateRouteTableIds"`
	// EndpointServices are the endpoints the VPC already has, by short
	// service name ("ecr.api", "s3"). They are not created again: a VPC
	// holds one interface endpoint with private DNS per service. Each one
	// is looked up with the VPC; interface endpoints must have private DNS
	// on. Optional. Default: none.
	EndpointServices []string `pulumi:"endpointServices,optional"`
	// EndpointSecurityGroupId is the security group of the VPC's existing
	// interface endpoints (sg-...). The services' tasks are admitted to it,
	// and new interface endpoints use it too. Required when
	// EndpointServices names an interface endpoint; otherwise optional.
	// Default: a new endpoint security group.
	EndpointSecurityGroupId pulumi.StringInput `pulumi:"endpointSecurityGroupId,optional"`
	// NatGateway says the private route tables already route to the
	// internet through NAT, so tasks may send HTTPS anywhere and pull
	// public images. Optional. Default: false.
	NatGateway bool `pulumi:"natGateway,optional"`
}

// IngressArgs configures the ALB's listeners and who may reach them.
type IngressArgs struct {
	// AllowedCidrs may reach the listener ports. Optional. Default:
	// ["0.0.0.0/0"]. Valid: IPv4 or IPv6 CIDR blocks.
	AllowedCidrs []string `pulumi:"allowedCidrs,optional"`

	// Https asks for an HTTPS listener on 443 with port 80 redirecting to
	// it. Requires CertificateArn or DomainName. Optional. Default: false,
	// unless CertificateArn or DomainName is set.
	Https bool `pulumi:"https,optional"`

	// CertificateArn is the ACM certificate for the HTTPS listener, for
	// example an aws acm.Certificate's Arn. Setting it turns HTTPS on.
	// Excludes DomainName, which makes a certificate of its own. Optional.
	// Default: none (HTTP only). Valid: an ACM or IAM server certificate
	// ARN, checked at deploy time when it is an Output.
	CertificateArn pulumi.StringInput `pulumi:"certificateArn,optional"`

	// SslPolicy is the HTTPS listener's TLS policy. Optional. Default:
	// "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3 and 1.2 only).
	SslPolicy string `pulumi:"sslPolicy,optional"`

	// DomainName is the name users reach the load balancer by, such as
	// "app.example.com". The load balancer then requests an ACM
	// certificate in its own region for it and for its routes' host
	// names, with DNS validation records in the hosted zone; waits for the
	// validation before it creates the HTTPS listener; adds alias records
	// for the ALB (A, and AAAA when the ALB is dual-stack) for each of
	// those names; and redirects port 80 to 443. Url becomes
	// https://<DomainName>. Requires HostedZoneId or HostedZoneName;
	// excludes CertificateArn. Optional. Default: none. Valid: a lowercase
	// DNS name of at most 64 characters (a certificate's common name), in
	// the hosted zone, with no wildcard.
	DomainName string `pulumi:"domainName,optional"`

	// HostedZoneId is the public Route 53 hosted zone (Z...) that holds
	// DomainName. It is looked up before anything is created, so it must
	// exist already. Excludes HostedZoneName. Optional; one of the two is
	// required with DomainName.
	HostedZoneId string `pulumi:"hostedZoneId,optional"`

	// HostNames are more names the HTTPS listener's certificate covers,
	// wildcards such as "*.example.com" included: with DomainName, the
	// certificate made is for them too (each in the hosted zone); with
	// CertificateArn, they are the names that certificate covers. Services'
	// route hosts must be among them. Optional. Default: none.
	HostNames []string `pulumi:"hostNames,optional"`

	// HostedZoneName is the name of the public Route 53 hosted zone that
	// holds DomainName, such as "example.com"; it is looked up before
	// anything is created. Excludes HostedZoneId. Optional; one of the two
	// is required with DomainName.
	HostedZoneName string `pulumi:"hostedZoneName,optional"`
}

// AccessLogsArgs configures the ALB's access logs, which ELB writes to S3
// every five minutes. The load balancer creates a bucket for them, or
// writes to one given by name.
type AccessLogsArgs struct {
	// Enabled turns access logs on. Optional. Default: false.
	Enabled bool `pulumi:"enabled,optional"`

	// Bucket is an existing bucket to write the logs to, by name, for
	// example a shared log bucket or an s3.BucketV2's Bucket. It must be
	// in the load balancer's region, and its policy must let log delivery
	// write (see the README); the load balancer leaves its policy alone.
	// Excludes ExpirationDays and ForceDestroy. Optional. Default: a
	// bucket the load balancer creates, with public access blocked, ACLs
	// disabled (bucket owner enforced), SSE-S3 encryption, a TLS-only
	// policy that lets only log delivery write, and a lifecycle rule that
	// expires logs. Valid: an S3 bucket name (an Output's is checked at
	// deploy time).
	Bucket pulumi.StringInput `pulumi:"bucket,optional"`

	// Prefix is the key prefix the logs go under, before the
	// AWSLogs/<account>/ path ELB adds. Optional. Default: none. Valid:
	// no "AWSLogs", no slash at either end.
	Prefix string `pulumi:"prefix,optional"`

	// ExpirationDays is how long the bucket the load balancer creates
	// keeps each log. Optional. Default: 90. Valid: 1 or more.
	ExpirationDays int `pulumi:"expirationDays,optional"`

	// ForceDestroy lets `pulumi destroy` delete the bucket the load
	// balancer creates while it still holds logs. Optional. Default:
	// false. Turn it on for stacks that are torn down often.
	ForceDestroy bool `pulumi:"forceDestroy,optional"`
}

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
}

// Kinds of container secret.
const (
	// SecretKindSecretsManager is an AWS Secrets Manager secret.
	SecretKindSecretsManager = "secretsmanager"
	// SecretKindParameterStore is an SSM Parameter Store parameter.
	SecretKindParameterStore = "ssm"
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

// ServiceArgs configures the ECS service.
type ServiceArgs struct {
	// DesiredCount is how many tasks run. Optional. Default: 1. Valid: 0 or more.
	DesiredCount *int `pulumi:"desiredCount,optional"`

	// CapacityProviderStrategy chooses Fargate, Fargate Spot or a mix.
	// Optional. Default: [{Provider: FARGATE, Weight: 1}]. Valid: at most 6
	// entries, known providers only, each named once, one base at most, one
	// weight above 0 at least.
	CapacityProviderStrategy []CapacityProviderStrategyItem `pulumi:"capacityProviderStrategy,optional"`

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

// WebServiceArgs configures a WebService: one container service on a
// shared Network, Cluster and LoadBalancer.
type WebServiceArgs struct {
	// Network is where the tasks run: a *Network, or the NetworkContract
	// of one another program made (AttachPlatform). Required. It must
	// provide every endpoint the service's features need (declare them in
	// its Features under this service's name), unless it has NAT.
	Network NetworkSource `pulumi:"network"`
	// Cluster runs the service: a *Cluster, or a ClusterContract.
	// Required. It must have every capacity provider the strategy names.
	Cluster ClusterSource `pulumi:"cluster"`
	// LoadBalancer brings users to the service: a *LoadBalancer, or a
	// LoadBalancerContract. Required. The service takes its Route; without
	// one, the route the load balancer declares for it (the ListenerRoute
	// whose Service is this service's name), or, on a load balancer with a
	// DefaultTarget, its default target group.
	LoadBalancer LoadBalancerSource `pulumi:"loadBalancer"`
	// Route is the service's own listener rule on the load balancer: its
	// host and path conditions, its listener and its priority. It
	// excludes a route for the service in the load balancer's Routes.
	// Optional. Default: nil (the load balancer's route or default target).
	Route *ServiceRoute `pulumi:"route,optional"`

	// Container describes the one container the task runs. Required.
	Container ContainerArgs `pulumi:"container"`
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
	HealthCheck TargetHealthCheck `pulumi:"healthCheck,optional"`
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

// ClusterArgs configures a Cluster: the ECS cluster, its capacity
// providers and their one association with it.
type ClusterArgs struct {
	// Network is where EC2 container instances run: a *Network, or the
	// NetworkContract of one another program made. Required with Ec2.
	Network NetworkSource `pulumi:"network,optional"`

	// LoadBalancers are the load balancers whose targets may run on the
	// cluster's bridge-mode EC2 groups: each such group admits each load
	// balancer on the dynamic host ports 32768-65535, with a rule on the
	// instances' group and, unless the load balancer has TargetPorts, one
	// on the load balancer's. A bridge service needs its load balancer
	// here. Optional. Default: none.
	LoadBalancers []LoadBalancerSource `pulumi:"loadBalancers,optional"`

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

	// Tags are added to every taggable resource the cluster creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
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

// LoadBalancerArgs configures a LoadBalancer: the public ALB, its
// security group and listeners, and optionally its access logs and its
// certificate and DNS records. Inside a PrivateFargateService only
// DeletionProtection, IdleTimeout, AccessLogs, DeregistrationDelay and
// HealthCheck apply (the last two to the service's target group); the
// component fills in the rest.
type LoadBalancerArgs struct {
	// Network is the network whose public subnets the ALB sits in: a
	// *Network, or the NetworkContract of one another program made.
	// Required (set by PrivateFargateService).
	Network NetworkSource `pulumi:"network"`

	// Ingress says who may reach the listeners and whether HTTPS is on.
	// Optional; see IngressArgs for defaults. In a PrivateFargateService,
	// set the component's own Ingress instead.
	Ingress IngressArgs `pulumi:"ingress,optional"`

	// DefaultTarget makes the ALB serve one service: the listener forwards
	// to a target group the load balancer creates, which that service
	// (a WebService with no Route) registers its tasks in. HealthCheck and
	// DeregistrationDelay configure that target group. Excludes Routes.
	// Optional. Default: nil.
	DefaultTarget *DefaultTargetArgs `pulumi:"defaultTarget,optional"`

	// Routes share the ALB between services: the listener answers a fixed
	// 404, and each route becomes a listener rule of the WebService named
	// by the route, forwarding to that service's own target group.
	// Excludes DefaultTarget. Optional. Default: none.
	Routes []ListenerRoute `pulumi:"routes,optional"`

	// TargetPorts makes one security group, targets, that every task
	// behind the ALB joins, and gives the ALB's group one egress rule to
	// its members on these ports. Each service admits the ALB on its own
	// container port in its own group. Without it, each service adds an
	// egress rule to the ALB's group, which holds 60 by default: about 60
	// services. Optional. Default: nil (one rule per service). Valid: 1
	// to 65535, From <= To; bridge tasks need 32768-65535 inside it.
	TargetPorts *PortRange `pulumi:"targetPorts,optional"`

	// PriorityRanges give each team a block of listener rule priorities:
	// a service's rule takes a priority derived from its name inside its
	// team's block, or one it sets there itself. Optional. Default: none,
	// every service takes its priority from 1-49999.
	PriorityRanges []PriorityRange `pulumi:"priorityRanges,optional"`

	// Tags are added to every taggable resource the load balancer creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`

	// DeletionProtection stops the ALB from being deleted. Optional.
	// Default: false. Turn it on in production.
	DeletionProtection bool `pulumi:"deletionProtection,optional"`
	// IdleTimeout in seconds. Optional. Default: 60. Valid: 1 to 4000.
	IdleTimeout int `pulumi:"idleTimeout,optional"`
	// AccessLogs sends the ALB's access logs to S3. Optional. Default:
	// off; see AccessLogsArgs.
	AccessLogs AccessLogsArgs `pulumi:"accessLogs,optional"`
	// Waf puts an AWS WAF web ACL in front of the ALB: AWS managed rule
	// groups, an optional rate limit per client IP, logs in CloudWatch.
	// Optional. Default: nil (no web ACL). See WafArgs.
	Waf *WafArgs `pulumi:"waf,optional"`
	// DeregistrationDelay in seconds before a draining target is removed.
	// Optional. Default: 30. Valid: 0 to 3600.
	DeregistrationDelay *int `pulumi:"deregistrationDelay,optional"`
	// HealthCheck is the target group's health check. Optional.
	HealthCheck TargetHealthCheck `pulumi:"healthCheck,optional"`
}

// Target types of a target group.
const (
	// TargetIP registers each task's own address: awsvpc networking,
	// always on Fargate.
	TargetIP = "ip"
	// TargetInstance registers the container instance and a dynamic host
	// port: bridge networking on EC2.
	TargetInstance = "instance"
)

// DefaultTargetArgs describes the one service a load balancer forwards to
// by default.
type DefaultTargetArgs struct {
	// Port is the service's container port. Optional. Default: 8080.
	// Valid: 1 to 65535.
	Port int `pulumi:"port,optional"`
	// TargetType is TargetIP or TargetInstance. Optional. Default: TargetIP.
	TargetType string `pulumi:"targetType,optional"`
}

// ListenerRoute is one service's share of a shared load balancer: a
// listener rule matching host headers and/or path patterns.
type ListenerRoute struct {
	// Service is the name of the WebService that takes the route.
	// Required. Valid: each service routed once.
	Service string `pulumi:"service"`
	// Hosts are host-header values, such as "admin.example.com" or
	// "*.example.com". Optional; Hosts and Paths together hold 1 to 5
	// values (ALB's limit for one rule).
	Hosts []string `pulumi:"hosts,optional"`
	// Paths are path patterns, such as "/api/*". Optional; see Hosts.
	Paths []string `pulumi:"paths,optional"`
	// Priority orders the rules, lowest first. Optional. Default: derived
	// from the service name, stable when routes are added, and 50000 (last)
	// for a catch-all "/*" route. Valid: 1 to 50000, unique per load
	// balancer. Set it where two routes' conditions overlap.
	Priority int `pulumi:"priority,optional"`
}

// Listeners a service's rule can go on.
const (
	ListenerHttp  = "http"
	ListenerHttps = "https"
)

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

// TargetHealthCheck is the ALB target group's HTTP health check.
type TargetHealthCheck struct {
	// Path requested on the container port. Optional. Default: "/healthz".
	// Valid: starts with "/".
	Path string `pulumi:"path,optional"`
	// Matcher lists the healthy HTTP codes, "200" or "200-299" or
	// "200,204". Optional. Default: "200-399".
	Matcher string `pulumi:"matcher,optional"`
	// Interval between checks in seconds. Optional. Default: 15. Valid: 5 to 300.
	Interval int `pulumi:"interval,optional"`
	// Timeout of one check in seconds. Optional. Default: 5. Valid: 2 to
	// 120, and less than Interval.
	Timeout int `pulumi:"timeout,optional"`
	// HealthyThreshold checks in a row make a target healthy. Optional.
	// Default: 2. Valid: 2 to 10.
	HealthyThreshold int `pulumi:"healthyThreshold,optional"`
	// UnhealthyThreshold checks in a row make a target unhealthy.
	// Optional. Default: 3. Valid: 2 to 10.
	UnhealthyThreshold int `pulumi:"unhealthyThreshold,optional"`
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
