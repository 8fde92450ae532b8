package network

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NetworkSource gives a network's contract: a *Network, or a
// NetworkContract itself.
type NetworkSource interface {
	NetworkContract() NetworkContract
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

// HasEndpoint tells whether the network has the service's endpoint.
func (c NetworkContract) HasEndpoint(service string) bool {
	return slices.Contains(c.Endpoints, service)
}
