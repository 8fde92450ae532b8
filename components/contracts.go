package components

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The pieces hand each other data contracts, not pointers into each
// other. A contract holds the ids another piece builds on, as Pulumi
// inputs, and the facts it checks its args against, as plain values. A
// piece built in this program gives its contract from its constructor's
// result; a piece another program built gives the same contract, read from
// that program's stack (AttachPlatform) or from configuration
// (ParsePlatformContract). Nothing else tells the two apart.
//
// Ordering travels with the ids: an id in a contract made in this program
// resolves only once what a consumer must wait for exists (the private
// subnets once the endpoints and routes do, the cluster once its capacity
// providers are associated, a default target group once the listeners
// forward to it), so every resource built on it waits for those too.

// NetworkSource gives a network's contract: a *Network, or a
// NetworkContract itself.
type NetworkSource interface {
	NetworkContract() NetworkContract
}

// LoadBalancerSource gives a load balancer's contract: a *LoadBalancer,
// or a LoadBalancerContract itself.
type LoadBalancerSource interface {
	LoadBalancerContract() LoadBalancerContract
}

// ClusterSource gives a cluster's contract: a *Cluster, or a
// ClusterContract itself.
type ClusterSource interface {
	ClusterContract() ClusterContract
}

// NetworkContract is what services and clusters need of a network.
type NetworkContract struct {
	// Name is the network's name, for messages.
	Name string
	// Region is the region the endpoint services were named for.
	Region string
	// Partition is the region's ARN partition ("aws", "aws-cn", ...).
	Partition string
	// VpcId is the VPC's id.
	VpcId pulumi.StringInput
	// VpcCidr is the VPC's IPv4 range; nil when it is not known.
	VpcCidr pulumi.StringInput
	// PublicSubnetIds are the load balancers' subnets; they resolve once
	// the public side routes to the internet gateway.
	PublicSubnetIds pulumi.StringArrayInput
	// PrivateSubnetIds are the tasks' subnets; they resolve once the
	// endpoints and the private routing exist.
	PrivateSubnetIds pulumi.StringArrayInput
	// PrivateRouteTableIds are the private subnets' route tables.
	PrivateRouteTableIds pulumi.StringArrayInput
	// AvailabilityZones are the private subnets' zones, in subnet order;
	// empty when they are not known before the deploy.
	AvailabilityZones []string
	// Endpoints are the VPC endpoints the network has, created or adopted,
	// by short service name ("ecr.api", "s3"), sorted.
	Endpoints []string
	// Nat tells whether the private subnets route to the internet.
	Nat bool
	// EndpointSecurityGroupId is the interface endpoints' group.
	EndpointSecurityGroupId pulumi.StringInput
	// GatewayPrefixListIds are the gateway endpoints' prefix lists, by
	// short service name.
	GatewayPrefixListIds pulumi.StringMapInput
	// EndpointClientSecurityGroupId is the group whose members reach every
	// endpoint (SharedEndpointAccess); nil when each member adds rules of
	// its own to the endpoint group.
	EndpointClientSecurityGroupId pulumi.StringInput
	// PullThroughCache are the network's pull-through cache rules, by
	// the hosts they cache; empty when it has none.
	PullThroughCache []CacheRoute
	// CacheRegistry is the private registry's host the cached images are
	// pulled from (<account>.dkr.ecr.<region>.amazonaws.com); it resolves
	// once the rules exist. nil when the network has no rules.
	CacheRegistry pulumi.StringInput
}

// NetworkContract returns the contract itself.
func (c NetworkContract) NetworkContract() NetworkContract { return c }

// hasEndpoint tells whether the network has the service's endpoint.
func (c NetworkContract) hasEndpoint(service string) bool {
	return slices.Contains(c.Endpoints, service)
}

// PortRange is a range of TCP ports, From to To inclusive.
type PortRange struct {
	// From is the lowest port. Valid: 1 to 65535.
	From int `pulumi:"from" json:"from"`
	// To is the highest port. Valid: From to 65535.
	To int `pulumi:"to" json:"to"`
}

// contains tells whether port is in the range.
func (r PortRange) contains(port int) bool { return port >= r.From && port <= r.To }

// PriorityRange is a block of listener rule priorities, From to To
// inclusive, that a team's services take their rules' priorities from.
type PriorityRange struct {
	// Team is the team the block belongs to; "" is the block of services
	// that name no team.
	Team string `pulumi:"team,optional" json:"team,omitempty"`
	// From is the lowest priority. Valid: 1 to 50000.
	From int `pulumi:"from" json:"from"`
	// To is the highest priority. Valid: From to 50000.
	To int `pulumi:"to" json:"to"`
	// MaxServices is how many services the team may route through the
	// load balancer: each takes a listener rule and a target group, and
	// an ALB holds 100 of each. Optional. Default: the load balancer's
	// capacity shared evenly.
	MaxServices int `pulumi:"maxServices,optional" json:"maxServices,omitempty"`
}

// LoadBalancerContract is what a service needs of a load balancer.
type LoadBalancerContract struct {
	// Name is the load balancer's name, for messages.
	Name string
	// Region is the load balancer's region.
	Region string
	// Arn, ArnSuffix, DnsName and ZoneId describe the ALB.
	Arn       pulumi.StringInput
	ArnSuffix pulumi.StringInput
	DnsName   pulumi.StringInput
	ZoneId    pulumi.StringInput
	// SecurityGroupId is the ALB's security group, which a service admits
	// on its container port.
	SecurityGroupId pulumi.StringInput
	// HttpListenerArn is the port 80 listener.
	HttpListenerArn pulumi.StringInput
	// HttpsListenerArn is the port 443 listener; nil without HTTPS.
	HttpsListenerArn pulumi.StringInput
	// Https tells whether the ALB has the HTTPS listener (and port 80
	// redirects to it).
	Https bool
	// CertificateHosts are the host names the HTTPS listener's
	// certificate covers, wildcards included; empty when they are not
	// known (a certificate given by ARN without its names).
	CertificateHosts []string
	// TargetSecurityGroupId is the group every task behind the ALB joins
	// (TargetPorts); the ALB's one egress rule reaches its members on
	// TargetPorts. nil when each service adds its own egress rule to the
	// ALB's group.
	TargetSecurityGroupId pulumi.StringInput
	// TargetPorts are the ports the ALB reaches TargetSecurityGroupId's
	// members on.
	TargetPorts PortRange
	// PriorityRanges are the blocks services take their rule priorities
	// from, by team; empty means 1 to 49999 for every service.
	PriorityRanges []PriorityRange
	// DefaultTargetGroupArn is the target group the listeners forward to
	// by default, for the one service of a load balancer with a
	// DefaultTarget; nil otherwise. It resolves once the listeners exist.
	DefaultTargetGroupArn pulumi.StringInput
	// DefaultTarget describes that target group; nil without one.
	DefaultTarget *DefaultTargetArgs
	// Routes are routes declared on the load balancer itself, with
	// Priorities, their priorities by service. A service with no Route of
	// its own takes its route from here.
	Routes     []ListenerRoute
	Priorities map[string]int
}

// LoadBalancerContract returns the contract itself.
func (c LoadBalancerContract) LoadBalancerContract() LoadBalancerContract { return c }

// route returns the route the load balancer declares for a service.
func (c LoadBalancerContract) route(service string) (ListenerRoute, int, bool) {
	i := slices.IndexFunc(c.Routes, func(r ListenerRoute) bool { return r.Service == service })
	if i < 0 {
		return ListenerRoute{}, 0, false
	}
	return c.Routes[i], c.Priorities[service], true
}

// priorityRange is the block a team's services take priorities from.
func (c LoadBalancerContract) priorityRange(team string) (PriorityRange, bool) {
	if len(c.PriorityRanges) == 0 && team == "" {
		return PriorityRange{From: 1, To: derivedPriorityRange}, true
	}
	i := slices.IndexFunc(c.PriorityRanges, func(r PriorityRange) bool { return r.Team == team })
	if i < 0 {
		return PriorityRange{}, false
	}
	return c.PriorityRanges[i], true
}

// ClusterContract is what a service needs of a cluster.
type ClusterContract struct {
	// Name is the cluster piece's name, for messages.
	Name string
	// Region is the cluster's region; "" when it is not known.
	Region string
	// Arn and ClusterName name the ECS cluster; they resolve once its
	// capacity providers are associated.
	Arn         pulumi.StringInput
	ClusterName pulumi.StringInput
	// Fargate tells whether FARGATE and FARGATE_SPOT are associated.
	Fargate bool
	// Groups are the EC2 groups, each with its capacity provider.
	Groups []Ec2GroupContract
	// Exec is the cluster's ECS Exec logging; nil when the cluster logs no
	// sessions, and then no service may turn ECS Exec on.
	Exec *ExecContract
}

// ClusterContract returns the contract itself.
func (c ClusterContract) ClusterContract() ClusterContract { return c }

// group finds the EC2 group a strategy item names: by name, or the only
// one when the item names none.
func (c ClusterContract) group(name string) (Ec2GroupContract, bool) {
	if name == "" {
		if len(c.Groups) == 1 {
			return c.Groups[0], true
		}
		return Ec2GroupContract{}, false
	}
	i := slices.IndexFunc(c.Groups, func(g Ec2GroupContract) bool { return g.Name == name })
	if i < 0 {
		return Ec2GroupContract{}, false
	}
	return c.Groups[i], true
}

// providerName is the capacity provider a strategy item names: FARGATE
// and FARGATE_SPOT as they are, EC2 as its group's provider.
func (c ClusterContract) providerName(item CapacityProviderStrategyItem) pulumi.StringInput {
	if item.Provider == ProviderEC2 {
		if g, ok := c.group(item.Group); ok {
			return g.ProviderName
		}
	}
	return pulumi.String(item.Provider)
}

// Ec2GroupContract is what a service needs of one EC2 group.
type Ec2GroupContract struct {
	// Name is the group's name; "" for a cluster's only, unnamed group.
	Name string
	// ProviderName is the group's ECS capacity provider.
	ProviderName pulumi.StringInput
	// InstanceSecurityGroupId is the instances' group; bridge-mode tasks
	// share it.
	InstanceSecurityGroupId pulumi.StringInput
	// NetworkMode is NetworkAwsvpc or NetworkBridge.
	NetworkMode string
	// InstanceTypes are the group's instance types, the first preferred.
	InstanceTypes []string
	// MaxSize is the most instances the group runs.
	MaxSize int
	// AwsvpcTrunking says the account's awsvpcTrunking setting is on.
	AwsvpcTrunking bool
	// SessionManager says the instances take Session Manager.
	SessionManager bool
	// AdmittedLoadBalancers name the load balancers a bridge-mode group
	// admits on the dynamic host ports; a bridge service's load balancer
	// must be one of them.
	AdmittedLoadBalancers []string
}

// capacity is the group's facts as the workload checks read them.
func (g Ec2GroupContract) capacity() Ec2CapacityArgs {
	return Ec2CapacityArgs{
		Name: g.Name, InstanceTypes: slices.Clone(g.InstanceTypes), MaxSize: g.MaxSize,
		NetworkMode: g.NetworkMode, AwsvpcTrunking: g.AwsvpcTrunking, SessionManager: g.SessionManager,
	}
}

// ExecContract is a cluster's ECS Exec logging.
type ExecContract struct {
	// LogGroupArn is the sessions' log group.
	LogGroupArn pulumi.StringInput
	// KmsKeyArn encrypts the sessions; nil without a key.
	KmsKeyArn pulumi.StringInput
}

// afterAll returns v, resolved only once every resource in deps exists,
// and depending on them: a resource built on the result waits for them
// as it would with pulumi.DependsOn. A custom resource counts once it has
// its id; a component once it is registered.
func afterAll[T any](v pulumi.Input, deps []pulumi.Resource, pick func(any) T) pulumi.Output {
	ins := []any{v}
	for _, d := range deps {
		if cr, ok := d.(pulumi.CustomResource); ok {
			ins = append(ins, cr.ID())
		} else {
			ins = append(ins, d.URN())
		}
	}
	return pulumi.All(ins...).ApplyT(func(x []any) T { return pick(x[0]) })
}

// stringAfter is v once deps exist.
func stringAfter(v pulumi.StringInput, deps []pulumi.Resource) pulumi.StringOutput {
	if len(deps) == 0 {
		return v.ToStringOutput()
	}
	// As a StringOutput, so an IDOutput's value arrives as a string, not
	// a pulumi.ID.
	return afterAll(v.ToStringOutput(), deps, func(x any) string { return x.(string) }).(pulumi.StringOutput)
}

// stringsAfter is v once deps exist.
func stringsAfter(v pulumi.StringArrayInput, deps []pulumi.Resource) pulumi.StringArrayOutput {
	if len(deps) == 0 {
		return v.ToStringArrayOutput()
	}
	return afterAll(v.ToStringArrayOutput(), deps, func(x any) []string { return x.([]string) }).(pulumi.StringArrayOutput)
}
