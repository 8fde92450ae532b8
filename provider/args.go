package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The args as they cross the wire. Each type mirrors a components type
// field for field, under the same pulumi tags, so that convert copies one
// into the other by tag and the schema's descriptions come from the
// components godoc (docsFor says which type each one mirrors). They
// differ only where the wire needs it:
//
//   - enum fields have an enum type (enums.go), a pointer when optional;
//   - maps and arrays of inputs are map[string]pulumi.StringInput and
//     []pulumi.StringInput, which infer's schema reads (pulumi.StringMap
//     and pulumi.StringArray it cannot);
//   - a piece handed to another piece is a reference (refs.go);
//   - inside a PrivateFargateService, the network and load balancer args
//     hold only the fields that apply there (the component refuses the
//     others);
//   - an optional object is a pointer (infer requires it; the component
//     reads nil as the zero value, its defaults);
//   - the nested types are named without an "Args" suffix, which the
//     TypeScript and Python code generators add themselves.
//
// Plain Go fields are plain in the schema and inputs are inputs, as in
// the components; TestWireArgsMirrorComponents holds the two in step.

// PrivateFargateServiceArgs mirrors components.PrivateFargateServiceArgs.
type PrivateFargateServiceArgs struct {
	Region                string                        `pulumi:"region,optional"`
	Network               *ServiceNetwork               `pulumi:"network,optional"`
	ExtraEndpointServices []string                      `pulumi:"extraEndpointServices,optional"`
	Ingress               *Ingress                      `pulumi:"ingress,optional"`
	Container             Container                     `pulumi:"container"`
	Task                  *Task                         `pulumi:"task,optional"`
	Service               *EcsService                   `pulumi:"service,optional"`
	Repository            *Repository                   `pulumi:"repository,optional"`
	LoadBalancer          *ServiceLoadBalancer          `pulumi:"loadBalancer,optional"`
	LogRetentionDays      int                           `pulumi:"logRetentionDays,optional"`
	Ec2                   *Ec2Capacity                  `pulumi:"ec2,optional"`
	TaskRole              *TaskRole                     `pulumi:"taskRole,optional"`
	Kms                   *Kms                          `pulumi:"kms,optional"`
	Autoscaling           *Autoscaling                  `pulumi:"autoscaling,optional"`
	Alarms                *Alarms                       `pulumi:"alarms,optional"`
	Tags                  map[string]pulumi.StringInput `pulumi:"tags,optional"`
}

// Autoscaling mirrors components.AutoscalingArgs.
type Autoscaling struct {
	MinCount *int            `pulumi:"minCount,optional"`
	MaxCount int             `pulumi:"maxCount"`
	Policies []ScalingPolicy `pulumi:"policies,optional"`
}

// ScalingPolicy mirrors components.ScalingPolicy.
type ScalingPolicy struct {
	Metric           ScalingMetric `pulumi:"metric"`
	TargetValue      float64       `pulumi:"targetValue,optional"`
	ScaleInCooldown  *int          `pulumi:"scaleInCooldown,optional"`
	ScaleOutCooldown *int          `pulumi:"scaleOutCooldown,optional"`
}

// Alarms mirrors components.AlarmArgs.
type Alarms struct {
	TopicArn   pulumi.StringInput `pulumi:"topicArn,optional"`
	Email      string             `pulumi:"email,optional"`
	Rollback   *bool              `pulumi:"rollback,optional"`
	Thresholds *AlarmThresholds   `pulumi:"thresholds,optional"`
}

// AlarmThresholds mirrors components.AlarmThresholds.
type AlarmThresholds struct {
	Alb5xx          *AlarmThreshold `pulumi:"alb5xx,optional"`
	Target5xxRate   *AlarmThreshold `pulumi:"target5xxRate,optional"`
	UnhealthyHosts  *AlarmThreshold `pulumi:"unhealthyHosts,optional"`
	ResponseTimeP99 *AlarmThreshold `pulumi:"responseTimeP99,optional"`
	Cpu             *AlarmThreshold `pulumi:"cpu,optional"`
	Memory          *AlarmThreshold `pulumi:"memory,optional"`
	RunningTasks    *AlarmThreshold `pulumi:"runningTasks,optional"`
}

// AlarmThreshold mirrors components.AlarmThreshold.
type AlarmThreshold struct {
	Threshold         *float64 `pulumi:"threshold,optional"`
	EvaluationPeriods int      `pulumi:"evaluationPeriods,optional"`
}

// Kms mirrors components.KmsArgs.
type Kms struct {
	Create  bool               `pulumi:"create,optional"`
	KeyArn  pulumi.StringInput `pulumi:"keyArn,optional"`
	Secrets bool               `pulumi:"secrets,optional"`
}

// NetworkArgs mirrors components.NetworkArgs.
type NetworkArgs struct {
	Region                string                        `pulumi:"region,optional"`
	Features              map[string]EndpointFeatures   `pulumi:"features,optional"`
	ExtraEndpointServices []string                      `pulumi:"extraEndpointServices,optional"`
	Existing              *ExistingVpc                  `pulumi:"existing,optional"`
	FlowLogs              *FlowLog                      `pulumi:"flowLogs,optional"`
	Tags                  map[string]pulumi.StringInput `pulumi:"tags,optional"`
	CidrBlock             string                        `pulumi:"cidrBlock,optional"`
	AzCount               int                           `pulumi:"azCount,optional"`
	AvailabilityZones     []string                      `pulumi:"availabilityZones,optional"`
	NatGateways           *NatMode                      `pulumi:"natGateways,optional"`
	SharedEndpointAccess  bool                          `pulumi:"sharedEndpointAccess,optional"`
}

// ServiceNetwork is the part of components.NetworkArgs that applies
// inside a PrivateFargateService: the layout, or the VPC to adopt.
type ServiceNetwork struct {
	Existing             *ExistingVpc `pulumi:"existing,optional"`
	FlowLogs             *FlowLog     `pulumi:"flowLogs,optional"`
	CidrBlock            string       `pulumi:"cidrBlock,optional"`
	AzCount              int          `pulumi:"azCount,optional"`
	AvailabilityZones    []string     `pulumi:"availabilityZones,optional"`
	NatGateways          *NatMode     `pulumi:"natGateways,optional"`
	SharedEndpointAccess bool         `pulumi:"sharedEndpointAccess,optional"`
}

// FlowLog mirrors components.FlowLogArgs.
type FlowLog struct {
	LogRetentionDays    int                `pulumi:"logRetentionDays,optional"`
	TrafficType         string             `pulumi:"trafficType,optional"`
	AggregationInterval int                `pulumi:"aggregationInterval,optional"`
	KmsKeyArn           pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// EndpointFeatures mirrors components.EndpointFeatures.
type EndpointFeatures struct {
	SecretsManager bool     `pulumi:"secretsManager,optional"`
	ParameterStore bool     `pulumi:"parameterStore,optional"`
	Ec2            bool     `pulumi:"ec2,optional"`
	SessionManager bool     `pulumi:"sessionManager,optional"`
	Exec           bool     `pulumi:"exec,optional"`
	Kms            bool     `pulumi:"kms,optional"`
	Extra          []string `pulumi:"extra,optional"`
}

// ExistingVpc mirrors components.ExistingVpcArgs.
type ExistingVpc struct {
	VpcId                   pulumi.StringInput      `pulumi:"vpcId"`
	PublicSubnetIds         pulumi.StringArrayInput `pulumi:"publicSubnetIds"`
	PrivateSubnetIds        pulumi.StringArrayInput `pulumi:"privateSubnetIds"`
	PrivateRouteTableIds    pulumi.StringArrayInput `pulumi:"privateRouteTableIds"`
	EndpointServices        []string                `pulumi:"endpointServices,optional"`
	EndpointSecurityGroupId pulumi.StringInput      `pulumi:"endpointSecurityGroupId,optional"`
	NatGateway              bool                    `pulumi:"natGateway,optional"`
}

// Ingress mirrors components.IngressArgs.
type Ingress struct {
	AllowedCidrs   []string           `pulumi:"allowedCidrs,optional"`
	Https          bool               `pulumi:"https,optional"`
	CertificateArn pulumi.StringInput `pulumi:"certificateArn,optional"`
	SslPolicy      string             `pulumi:"sslPolicy,optional"`
	DomainName     string             `pulumi:"domainName,optional"`
	HostedZoneId   string             `pulumi:"hostedZoneId,optional"`
	HostedZoneName string             `pulumi:"hostedZoneName,optional"`
	HostNames      []string           `pulumi:"hostNames,optional"`
}

// Waf mirrors components.WafArgs.
type Waf struct {
	Mode             string             `pulumi:"mode,optional"`
	RateLimit        int                `pulumi:"rateLimit,optional"`
	RateLimitWindow  int                `pulumi:"rateLimitWindow,optional"`
	LogRetentionDays int                `pulumi:"logRetentionDays,optional"`
	KmsKeyArn        pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// AccessLogs mirrors components.AccessLogsArgs.
type AccessLogs struct {
	Enabled        bool               `pulumi:"enabled,optional"`
	Bucket         pulumi.StringInput `pulumi:"bucket,optional"`
	Prefix         string             `pulumi:"prefix,optional"`
	ExpirationDays int                `pulumi:"expirationDays,optional"`
	ForceDestroy   bool               `pulumi:"forceDestroy,optional"`
}

// ImageBuild mirrors components.ImageBuild.
type ImageBuild struct {
	Context    string `pulumi:"context"`
	Dockerfile string `pulumi:"dockerfile,optional"`
}

// Container mirrors components.ContainerArgs.
type Container struct {
	Name                   string                        `pulumi:"name,optional"`
	Image                  pulumi.StringInput            `pulumi:"image,optional"`
	Build                  *ImageBuild                   `pulumi:"build,optional"`
	Port                   int                           `pulumi:"port,optional"`
	Environment            map[string]pulumi.StringInput `pulumi:"environment,optional"`
	Secrets                map[string]ContainerSecret    `pulumi:"secrets,optional"`
	HealthCheck            *ContainerHealthCheck         `pulumi:"healthCheck,optional"`
	StopTimeout            int                           `pulumi:"stopTimeout,optional"`
	ReadonlyRootFilesystem bool                          `pulumi:"readonlyRootFilesystem,optional"`
}

// ContainerSecret mirrors components.ContainerSecret.
type ContainerSecret struct {
	Arn  pulumi.StringInput `pulumi:"arn"`
	Kind *SecretKind        `pulumi:"kind,optional"`
}

// ContainerHealthCheck mirrors components.ContainerHealthCheck.
type ContainerHealthCheck struct {
	Command     []string `pulumi:"command"`
	Interval    int      `pulumi:"interval,optional"`
	Timeout     int      `pulumi:"timeout,optional"`
	Retries     int      `pulumi:"retries,optional"`
	StartPeriod int      `pulumi:"startPeriod,optional"`
}

// Task mirrors components.TaskArgs.
type Task struct {
	Cpu          int           `pulumi:"cpu,optional"`
	Memory       int           `pulumi:"memory,optional"`
	Architecture *Architecture `pulumi:"architecture,optional"`
}

// CapacityProviderStrategyItem mirrors components.CapacityProviderStrategyItem.
type CapacityProviderStrategyItem struct {
	Provider CapacityProvider `pulumi:"provider"`
	Group    string           `pulumi:"group,optional"`
	Base     int              `pulumi:"base,optional"`
	Weight   int              `pulumi:"weight,optional"`
}

// EcsService mirrors components.ServiceArgs.
type EcsService struct {
	DesiredCount             *int                           `pulumi:"desiredCount,optional"`
	CapacityProviderStrategy []CapacityProviderStrategyItem `pulumi:"capacityProviderStrategy,optional"`
	MinimumHealthyPercent    *int                           `pulumi:"minimumHealthyPercent,optional"`
	MaximumPercent           int                            `pulumi:"maximumPercent,optional"`
	HealthCheckGracePeriod   *int                           `pulumi:"healthCheckGracePeriod,optional"`
	ExtraSecurityGroupIds    pulumi.StringArrayInput        `pulumi:"extraSecurityGroupIds,optional"`
	EnableExecuteCommand     bool                           `pulumi:"enableExecuteCommand,optional"`
}

// Ec2Capacity mirrors components.Ec2CapacityArgs.
type Ec2Capacity struct {
	Name                         string       `pulumi:"name,optional"`
	InstanceTypes                []string     `pulumi:"instanceTypes"`
	AmiId                        string       `pulumi:"amiId,optional"`
	AmiArchitecture              string       `pulumi:"amiArchitecture,optional"`
	RootVolumeSize               int          `pulumi:"rootVolumeSize,optional"`
	MinSize                      int          `pulumi:"minSize,optional"`
	MaxSize                      int          `pulumi:"maxSize,optional"`
	DesiredCapacity              *int         `pulumi:"desiredCapacity,optional"`
	ManagedScaling               *bool        `pulumi:"managedScaling,optional"`
	TargetCapacity               int          `pulumi:"targetCapacity,optional"`
	ManagedTerminationProtection bool         `pulumi:"managedTerminationProtection,optional"`
	SessionManager               bool         `pulumi:"sessionManager,optional"`
	NetworkMode                  *NetworkMode `pulumi:"networkMode,optional"`
	AwsvpcTrunking               bool         `pulumi:"awsvpcTrunking,optional"`
}

// WebServiceArgs mirrors components.WebServiceArgs. Its network,
// cluster and loadBalancer are references to pieces this program built,
// or come from a platform contract instead: platform and
// loadBalancerName, which only the wire has (see wireOnly).
type WebServiceArgs struct {
	Network             *NetworkRef                   `pulumi:"network,optional"`
	Cluster             *ClusterRef                   `pulumi:"cluster,optional"`
	LoadBalancer        *LoadBalancerRef              `pulumi:"loadBalancer,optional"`
	Platform            *PlatformContract             `pulumi:"platform,optional"`
	LoadBalancerName    string                        `pulumi:"loadBalancerName,optional"`
	Route               *ServiceRoute                 `pulumi:"route,optional"`
	Container           Container                     `pulumi:"container"`
	Task                *Task                         `pulumi:"task,optional"`
	Service             *EcsService                   `pulumi:"service,optional"`
	Autoscaling         *Autoscaling                  `pulumi:"autoscaling,optional"`
	Alarms              *Alarms                       `pulumi:"alarms,optional"`
	Repository          *Repository                   `pulumi:"repository,optional"`
	HealthCheck         *TargetHealthCheck            `pulumi:"healthCheck,optional"`
	DeregistrationDelay *int                          `pulumi:"deregistrationDelay,optional"`
	LogRetentionDays    int                           `pulumi:"logRetentionDays,optional"`
	TaskRole            *TaskRole                     `pulumi:"taskRole,optional"`
	KmsKeyArn           pulumi.StringInput            `pulumi:"kmsKeyArn,optional"`
	SecretsUseKey       bool                          `pulumi:"secretsUseKey,optional"`
	Tags                map[string]pulumi.StringInput `pulumi:"tags,optional"`
}

// ClusterArgs mirrors components.ClusterArgs.
type ClusterArgs struct {
	Network         *NetworkRef                    `pulumi:"network,optional"`
	LoadBalancers   []*LoadBalancerRef             `pulumi:"loadBalancers,optional"`
	Fargate         *bool                          `pulumi:"fargate,optional"`
	Ec2             []Ec2Capacity                  `pulumi:"ec2,optional"`
	DefaultStrategy []CapacityProviderStrategyItem `pulumi:"defaultStrategy,optional"`
	Exec            *Exec                          `pulumi:"exec,optional"`
	Tags            map[string]pulumi.StringInput  `pulumi:"tags,optional"`
}

// Exec mirrors components.ExecArgs.
type Exec struct {
	LogRetentionDays int                `pulumi:"logRetentionDays,optional"`
	KmsKeyArn        pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// KeyArgs mirrors components.KeyArgs.
type KeyArgs struct {
	Region               string                        `pulumi:"region,optional"`
	DeletionWindowInDays int                           `pulumi:"deletionWindowInDays,optional"`
	Tags                 map[string]pulumi.StringInput `pulumi:"tags,optional"`
}

// Repository mirrors components.RepositoryArgs.
type Repository struct {
	ImageTagMutability      string                  `pulumi:"imageTagMutability,optional"`
	KeepImages              int                     `pulumi:"keepImages,optional"`
	ForceDelete             bool                    `pulumi:"forceDelete,optional"`
	ExtraPullRepositoryArns pulumi.StringArrayInput `pulumi:"extraPullRepositoryArns,optional"`
	WithoutKmsKey           bool                    `pulumi:"withoutKmsKey,optional"`
}

// LoadBalancerArgs mirrors components.LoadBalancerArgs.
type LoadBalancerArgs struct {
	Network             *NetworkRef                   `pulumi:"network"`
	Ingress             *Ingress                      `pulumi:"ingress,optional"`
	DefaultTarget       *DefaultTarget                `pulumi:"defaultTarget,optional"`
	Routes              []ListenerRoute               `pulumi:"routes,optional"`
	Tags                map[string]pulumi.StringInput `pulumi:"tags,optional"`
	DeletionProtection  bool                          `pulumi:"deletionProtection,optional"`
	IdleTimeout         int                           `pulumi:"idleTimeout,optional"`
	AccessLogs          *AccessLogs                   `pulumi:"accessLogs,optional"`
	Waf                 *Waf                          `pulumi:"waf,optional"`
	DeregistrationDelay *int                          `pulumi:"deregistrationDelay,optional"`
	HealthCheck         *TargetHealthCheck            `pulumi:"healthCheck,optional"`
	TargetPorts         *PortRange                    `pulumi:"targetPorts,optional"`
	PriorityRanges      []PriorityRange               `pulumi:"priorityRanges,optional"`
}

// ServiceLoadBalancer is the part of components.LoadBalancerArgs that
// applies inside a PrivateFargateService: the ALB's own settings and its
// target group's.
type ServiceLoadBalancer struct {
	DeletionProtection  bool               `pulumi:"deletionProtection,optional"`
	IdleTimeout         int                `pulumi:"idleTimeout,optional"`
	AccessLogs          *AccessLogs        `pulumi:"accessLogs,optional"`
	Waf                 *Waf               `pulumi:"waf,optional"`
	DeregistrationDelay *int               `pulumi:"deregistrationDelay,optional"`
	HealthCheck         *TargetHealthCheck `pulumi:"healthCheck,optional"`
	TargetPorts         *PortRange         `pulumi:"targetPorts,optional"`
}

// PortRange mirrors components.PortRange.
type PortRange struct {
	From int `pulumi:"from"`
	To   int `pulumi:"to"`
}

// PriorityRange mirrors components.PriorityRange.
type PriorityRange struct {
	Team        string `pulumi:"team,optional"`
	From        int    `pulumi:"from"`
	To          int    `pulumi:"to"`
	MaxServices int    `pulumi:"maxServices,optional"`
}

// ServiceRoute mirrors components.ServiceRoute.
type ServiceRoute struct {
	Hosts    []string  `pulumi:"hosts,optional"`
	Paths    []string  `pulumi:"paths,optional"`
	Listener *Listener `pulumi:"listener,optional"`
	Team     string    `pulumi:"team,optional"`
	Priority int       `pulumi:"priority,optional"`
}

// DefaultTarget mirrors components.DefaultTargetArgs.
type DefaultTarget struct {
	Port       int         `pulumi:"port,optional"`
	TargetType *TargetType `pulumi:"targetType,optional"`
}

// ListenerRoute mirrors components.ListenerRoute.
type ListenerRoute struct {
	Service  string   `pulumi:"service"`
	Hosts    []string `pulumi:"hosts,optional"`
	Paths    []string `pulumi:"paths,optional"`
	Priority int      `pulumi:"priority,optional"`
}

// TargetHealthCheck mirrors components.TargetHealthCheck.
type TargetHealthCheck struct {
	Path               string `pulumi:"path,optional"`
	Matcher            string `pulumi:"matcher,optional"`
	Interval           int    `pulumi:"interval,optional"`
	Timeout            int    `pulumi:"timeout,optional"`
	HealthyThreshold   int    `pulumi:"healthyThreshold,optional"`
	UnhealthyThreshold int    `pulumi:"unhealthyThreshold,optional"`
}

// PolicyStatement mirrors components.PolicyStatement.
type PolicyStatement struct {
	Actions   []string                `pulumi:"actions"`
	Resources pulumi.StringArrayInput `pulumi:"resources"`
}

// TaskRole mirrors components.TaskRoleArgs.
type TaskRole struct {
	PolicyArns []pulumi.StringInput `pulumi:"policyArns,optional"`
	Statements []PolicyStatement    `pulumi:"statements,optional"`
}

// PlatformArgs mirrors components.PlatformArgs.
type PlatformArgs struct {
	Region        string                        `pulumi:"region,optional"`
	Network       *PlatformNetwork              `pulumi:"network,optional"`
	Endpoints     []string                      `pulumi:"endpoints,optional"`
	LoadBalancers []PlatformLoadBalancer        `pulumi:"loadBalancers,optional"`
	Teams         []Team                        `pulumi:"teams,optional"`
	Cluster       *PlatformCluster              `pulumi:"cluster,optional"`
	Key           bool                          `pulumi:"key,optional"`
	Tags          map[string]pulumi.StringInput `pulumi:"tags,optional"`
}

// PlatformNetwork is the part of components.NetworkArgs that applies
// inside a Platform: the platform sets the region, the tags and shared
// endpoint access itself.
type PlatformNetwork struct {
	Features              map[string]EndpointFeatures `pulumi:"features,optional"`
	ExtraEndpointServices []string                    `pulumi:"extraEndpointServices,optional"`
	Existing              *ExistingVpc                `pulumi:"existing,optional"`
	FlowLogs              *FlowLog                    `pulumi:"flowLogs,optional"`
	CidrBlock             string                      `pulumi:"cidrBlock,optional"`
	AzCount               int                         `pulumi:"azCount,optional"`
	AvailabilityZones     []string                    `pulumi:"availabilityZones,optional"`
	NatGateways           *NatMode                    `pulumi:"natGateways,optional"`
}

// PlatformLoadBalancer mirrors components.PlatformLoadBalancerArgs.
type PlatformLoadBalancer struct {
	Name               string      `pulumi:"name"`
	Ingress            *Ingress    `pulumi:"ingress,optional"`
	TargetPorts        *PortRange  `pulumi:"targetPorts,optional"`
	DeletionProtection bool        `pulumi:"deletionProtection,optional"`
	IdleTimeout        int         `pulumi:"idleTimeout,optional"`
	AccessLogs         *AccessLogs `pulumi:"accessLogs,optional"`
}

// Team mirrors components.TeamArgs.
type Team struct {
	Name         string         `pulumi:"name"`
	LoadBalancer string         `pulumi:"loadBalancer,optional"`
	MaxServices  int            `pulumi:"maxServices,optional"`
	Priorities   *PriorityRange `pulumi:"priorities,optional"`
}

// PlatformCluster is the part of components.ClusterArgs that applies
// inside a Platform: the cluster takes the platform's network, load
// balancers and tags.
type PlatformCluster struct {
	Fargate         *bool                          `pulumi:"fargate,optional"`
	Ec2             []Ec2Capacity                  `pulumi:"ec2,optional"`
	DefaultStrategy []CapacityProviderStrategyItem `pulumi:"defaultStrategy,optional"`
	Exec            *Exec                          `pulumi:"exec,optional"`
}

// PlatformContract mirrors components.PlatformContract: the object a
// platform stack exports under "platform", as `pulumi stack output
// platform --json` prints it. Its fields are required where that object
// always holds them. A WebService reads it with
// components.ParsePlatformContract, which checks every value.
type PlatformContract struct {
	Version       int                    `pulumi:"version"`
	Name          string                 `pulumi:"name"`
	Region        string                 `pulumi:"region"`
	Partition     string                 `pulumi:"partition"`
	Network       ContractNetwork        `pulumi:"network"`
	LoadBalancers []ContractLoadBalancer `pulumi:"loadBalancers"`
	Cluster       ContractCluster        `pulumi:"cluster"`
	KeyArn        string                 `pulumi:"keyArn,optional"`
	Priorities    *PriorityScheme        `pulumi:"priorities,optional"`
}

// ContractNetwork mirrors components.PlatformNetwork.
type ContractNetwork struct {
	VpcId                         string            `pulumi:"vpcId"`
	VpcCidr                       string            `pulumi:"vpcCidr,optional"`
	PublicSubnets                 []ContractSubnet  `pulumi:"publicSubnets"`
	PrivateSubnets                []ContractSubnet  `pulumi:"privateSubnets"`
	PrivateRouteTableIds          []string          `pulumi:"privateRouteTableIds"`
	Endpoints                     map[string]string `pulumi:"endpoints"`
	Nat                           bool              `pulumi:"nat,optional"`
	EndpointSecurityGroupId       string            `pulumi:"endpointSecurityGroupId"`
	EndpointClientSecurityGroupId string            `pulumi:"endpointClientSecurityGroupId,optional"`
	GatewayPrefixListIds          map[string]string `pulumi:"gatewayPrefixListIds,optional"`
}

// ContractSubnet mirrors components.PlatformSubnet.
type ContractSubnet struct {
	Id   string `pulumi:"id"`
	Zone string `pulumi:"zone,optional"`
}

// ContractLoadBalancer mirrors components.PlatformLoadBalancer.
type ContractLoadBalancer struct {
	Name                  string            `pulumi:"name"`
	Arn                   string            `pulumi:"arn"`
	ArnSuffix             string            `pulumi:"arnSuffix"`
	DnsName               string            `pulumi:"dnsName"`
	ZoneId                string            `pulumi:"zoneId"`
	SecurityGroupId       string            `pulumi:"securityGroupId"`
	TargetSecurityGroupId string            `pulumi:"targetSecurityGroupId,optional"`
	TargetPorts           *PortRange        `pulumi:"targetPorts,optional"`
	Listeners             map[string]string `pulumi:"listeners"`
	CertificateHosts      []string          `pulumi:"certificateHosts,optional"`
	PriorityRanges        []PriorityRange   `pulumi:"priorityRanges,optional"`
}

// ContractCluster mirrors components.PlatformCluster.
type ContractCluster struct {
	Name              string             `pulumi:"name"`
	Arn               string             `pulumi:"arn"`
	ClusterName       string             `pulumi:"clusterName"`
	CapacityProviders []string           `pulumi:"capacityProviders,optional"`
	Fargate           bool               `pulumi:"fargate,optional"`
	Ec2Groups         []ContractEc2Group `pulumi:"ec2Groups,optional"`
	Exec              *ContractExec      `pulumi:"exec,optional"`
}

// ContractEc2Group mirrors components.PlatformEc2Group.
type ContractEc2Group struct {
	Name                    string   `pulumi:"name"`
	CapacityProvider        string   `pulumi:"capacityProvider"`
	InstanceSecurityGroupId string   `pulumi:"instanceSecurityGroupId"`
	NetworkMode             string   `pulumi:"networkMode"`
	InstanceTypes           []string `pulumi:"instanceTypes,optional"`
	MaxSize                 int      `pulumi:"maxSize,optional"`
	AwsvpcTrunking          bool     `pulumi:"awsvpcTrunking,optional"`
	SessionManager          bool     `pulumi:"sessionManager,optional"`
	LoadBalancers           []string `pulumi:"loadBalancers,optional"`
}

// ContractExec mirrors components.PlatformExec.
type ContractExec struct {
	LogGroupArn string `pulumi:"logGroupArn"`
	KmsKeyArn   string `pulumi:"kmsKeyArn,optional"`
}

// PriorityScheme mirrors components.PriorityScheme.
type PriorityScheme struct {
	Scheme string         `pulumi:"scheme"`
	Range  *PriorityRange `pulumi:"range,optional"`
}

// docsFor names the components type whose godoc describes each wire
// type, where the names differ.
var docsFor = map[string]string{
	"ServiceNetwork":       "NetworkArgs",
	"ServiceLoadBalancer":  "LoadBalancerArgs",
	"ExistingVpc":          "ExistingVpcArgs",
	"Ingress":              "IngressArgs",
	"AccessLogs":           "AccessLogsArgs",
	"Container":            "ContainerArgs",
	"Task":                 "TaskArgs",
	"EcsService":           "ServiceArgs",
	"Ec2Capacity":          "Ec2CapacityArgs",
	"Repository":           "RepositoryArgs",
	"DefaultTarget":        "DefaultTargetArgs",
	"TaskRole":             "TaskRoleArgs",
	"Kms":                  "KmsArgs",
	"FlowLog":              "FlowLogArgs",
	"Waf":                  "WafArgs",
	"Exec":                 "ExecArgs",
	"Autoscaling":          "AutoscalingArgs",
	"Alarms":               "AlarmArgs",
	"PlatformNetwork":      "NetworkArgs",
	"PlatformLoadBalancer": "PlatformLoadBalancerArgs",
	"PlatformCluster":      "ClusterArgs",
	"Team":                 "TeamArgs",
	"ContractNetwork":      "PlatformNetwork",
	"ContractSubnet":       "PlatformSubnet",
	"ContractLoadBalancer": "PlatformLoadBalancer",
	"ContractCluster":      "PlatformCluster",
	"ContractEc2Group":     "PlatformEc2Group",
	"ContractExec":         "PlatformExec",
}

// wireOnly are the wire fields with no components counterpart, by wire
// type and key, with their schema descriptions: convert skips them, and
// the constructor reads them itself (attach.go).
var wireOnly = map[string]string{
	"WebServiceArgs.platform": "Platform is the platform contract of a platform another program made: the object its stack exports " +
		"under \"platform\", as `pulumi stack output platform --json` prints it, such as " +
		"`new pulumi.StackReference(\"acme/platform/prod\").requireOutput(\"platform\")` in TypeScript. " +
		"The service runs on its network and cluster and on the load balancer loadBalancerName names, " +
		"and is checked against them before anything registers. Excludes network, cluster and loadBalancer. " +
		"Optional. Valid: a contract of this package's version, known when the service is constructed " +
		"(deploy the platform first).",
	"WebServiceArgs.loadBalancerName": "LoadBalancerName is the platform's load balancer the service uses, by its name in the contract. " +
		"Requires platform. Optional. Default: the platform's only load balancer.",
}
