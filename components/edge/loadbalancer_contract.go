package edge

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LoadBalancerSource gives a load balancer's contract: a *LoadBalancer,
// or a LoadBalancerContract itself.
type LoadBalancerSource interface {
	LoadBalancerContract() LoadBalancerContract
}

// PortRange is a range of TCP ports, From to To inclusive.
type PortRange struct {
	// From is the lowest port. Valid: 1 to 65535.
	From int `pulumi:"from" json:"from"`
	// To is the highest port. Valid: From to 65535.
	To int `pulumi:"to" json:"to"`
}

// Contains tells whether port is in the range.
func (r PortRange) Contains(port int) bool { return port >= r.From && port <= r.To }

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

// Route returns the route the load balancer declares for a service.
func (c LoadBalancerContract) Route(service string) (ListenerRoute, int, bool) {
	i := slices.IndexFunc(c.Routes, func(r ListenerRoute) bool { return r.Service == service })
	if i < 0 {
		return ListenerRoute{}, 0, false
	}
	return c.Routes[i], c.Priorities[service], true
}

// PriorityRange is the block a team's services take priorities from.
func (c LoadBalancerContract) PriorityRange(team string) (PriorityRange, bool) {
	if len(c.PriorityRanges) == 0 && team == "" {
		return PriorityRange{From: 1, To: DerivedPriorityRange}, true
	}
	i := slices.IndexFunc(c.PriorityRanges, func(r PriorityRange) bool { return r.Team == team })
	if i < 0 {
		return PriorityRange{}, false
	}
	return c.PriorityRanges[i], true
}
