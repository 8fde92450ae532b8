package network

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

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

// NetworkArgs configures a Network: the VPC, its subnets and routes, and
// the VPC endpoints its services need. Inside a PrivateFargateService
// Region, Features, ExtraEndpointServices and Tags do not apply: the
// component fills them in from its own args.
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

	// PullThroughCache are the ECR pull-through cache rules the network
	// owns, one per upstream: tasks with no NAT pull images of those
	// upstreams through the ECR endpoints, because ECR fetches the
	// upstream itself. A service's image on a cached upstream is rewritten
	// to <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<upstream path>,
	// and its execution role may import that one repository on the first
	// pull. Optional. Default: none (images on public registries are
	// refused without NAT).
	PullThroughCache []PullThroughCacheRuleArgs `pulumi:"pullThroughCache,optional"`

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
