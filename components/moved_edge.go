package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The names below moved to package edge; they stay here for one release so
// that programs importing this package keep compiling.

// AccessLogsArgs is edge.AccessLogsArgs.
type AccessLogsArgs = edge.AccessLogsArgs

// DefaultTargetArgs is edge.DefaultTargetArgs.
type DefaultTargetArgs = edge.DefaultTargetArgs

// DerivedPriority is edge.DerivedPriority.
func DerivedPriority(service string, block edge.PriorityRange) int {
	return edge.DerivedPriority(service, block)
}

// IngressArgs is edge.IngressArgs.
type IngressArgs = edge.IngressArgs

// ListenerHttp is edge.ListenerHttp.
const ListenerHttp = edge.ListenerHttp

// ListenerHttps is edge.ListenerHttps.
const ListenerHttps = edge.ListenerHttps

// ListenerRoute is edge.ListenerRoute.
type ListenerRoute = edge.ListenerRoute

// LoadBalancer is edge.LoadBalancer.
type LoadBalancer = edge.LoadBalancer

// LoadBalancerArgs is edge.LoadBalancerArgs.
type LoadBalancerArgs = edge.LoadBalancerArgs

// LoadBalancerContract is edge.LoadBalancerContract.
type LoadBalancerContract = edge.LoadBalancerContract

// LoadBalancerSource is edge.LoadBalancerSource.
type LoadBalancerSource = edge.LoadBalancerSource

// LoadBalancerType is edge.LoadBalancerType.
const LoadBalancerType = edge.LoadBalancerType

// NewLoadBalancer is edge.NewLoadBalancer.
func NewLoadBalancer(ctx *pulumi.Context, name string, args *edge.LoadBalancerArgs, opts ...pulumi.ResourceOption) (*edge.LoadBalancer, error) {
	return edge.NewLoadBalancer(ctx, name, args, opts...)
}

// PortRange is edge.PortRange.
type PortRange = edge.PortRange

// PriorityRange is edge.PriorityRange.
type PriorityRange = edge.PriorityRange

// RoutePriorities is edge.RoutePriorities.
func RoutePriorities(routes []edge.ListenerRoute) map[string]int {
	return edge.RoutePriorities(routes)
}

// TargetHealthCheck is edge.TargetHealthCheck.
type TargetHealthCheck = edge.TargetHealthCheck

// TargetIP is edge.TargetIP.
const TargetIP = edge.TargetIP

// TargetInstance is edge.TargetInstance.
const TargetInstance = edge.TargetInstance

// WafArgs is edge.WafArgs.
type WafArgs = edge.WafArgs

// WafBlock is edge.WafBlock.
const WafBlock = edge.WafBlock

// WafCount is edge.WafCount.
const WafCount = edge.WafCount
