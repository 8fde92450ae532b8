package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The names below moved to package network; they stay here for one release so
// that programs importing this package keep compiling.

// CacheRoute is network.CacheRoute.
type CacheRoute = network.CacheRoute

// EndpointFeatures is network.EndpointFeatures.
type EndpointFeatures = network.EndpointFeatures

// EndpointGateway is network.EndpointGateway.
const EndpointGateway = network.EndpointGateway

// EndpointInterface is network.EndpointInterface.
const EndpointInterface = network.EndpointInterface

// EndpointSet is network.EndpointSet.
func EndpointSet(f network.EndpointFeatures) []network.EndpointSpec {
	return network.EndpointSet(f)
}

// EndpointSpec is network.EndpointSpec.
type EndpointSpec = network.EndpointSpec

// EndpointUnion is network.EndpointUnion.
func EndpointUnion(services map[string]network.EndpointFeatures, extra []string) []network.EndpointSpec {
	return network.EndpointUnion(services, extra)
}

// ExistingVpcArgs is network.ExistingVpcArgs.
type ExistingVpcArgs = network.ExistingVpcArgs

// FlowLogArgs is network.FlowLogArgs.
type FlowLogArgs = network.FlowLogArgs

// NatMode is network.NatMode.
type NatMode = network.NatMode

// NatNone is network.NatNone.
const NatNone = network.NatNone

// NatPerAz is network.NatPerAz.
const NatPerAz = network.NatPerAz

// NatSingle is network.NatSingle.
const NatSingle = network.NatSingle

// Network is network.Network.
type Network = network.Network

// NetworkArgs is network.NetworkArgs.
type NetworkArgs = network.NetworkArgs

// NetworkContract is network.NetworkContract.
type NetworkContract = network.NetworkContract

// NetworkSource is network.NetworkSource.
type NetworkSource = network.NetworkSource

// NetworkType is network.NetworkType.
const NetworkType = network.NetworkType

// NewNetwork is network.NewNetwork.
func NewNetwork(ctx *pulumi.Context, name string, args *network.NetworkArgs, opts ...pulumi.ResourceOption) (*network.Network, error) {
	return network.NewNetwork(ctx, name, args, opts...)
}

// PullThroughCacheRuleArgs is network.PullThroughCacheRuleArgs.
type PullThroughCacheRuleArgs = network.PullThroughCacheRuleArgs
