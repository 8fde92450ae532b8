package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The names below moved to package cluster; they stay here for one release so
// that programs importing this package keep compiling.

// ArchARM64 is cluster.ArchARM64.
const ArchARM64 = cluster.ArchARM64

// ArchX86_64 is cluster.ArchX86_64.
const ArchX86_64 = cluster.ArchX86_64

// CapacityProviderStrategyItem is cluster.CapacityProviderStrategyItem.
type CapacityProviderStrategyItem = cluster.CapacityProviderStrategyItem

// Cluster is cluster.Cluster.
type Cluster = cluster.Cluster

// ClusterArgs is cluster.ClusterArgs.
type ClusterArgs = cluster.ClusterArgs

// ClusterContract is cluster.ClusterContract.
type ClusterContract = cluster.ClusterContract

// ClusterSource is cluster.ClusterSource.
type ClusterSource = cluster.ClusterSource

// ClusterType is cluster.ClusterType.
const ClusterType = cluster.ClusterType

// Ec2CapacityArgs is cluster.Ec2CapacityArgs.
type Ec2CapacityArgs = cluster.Ec2CapacityArgs

// Ec2GroupContract is cluster.Ec2GroupContract.
type Ec2GroupContract = cluster.Ec2GroupContract

// ExecArgs is cluster.ExecArgs.
type ExecArgs = cluster.ExecArgs

// ExecContract is cluster.ExecContract.
type ExecContract = cluster.ExecContract

// InstanceArch is cluster.InstanceArch.
func InstanceArch(instanceType string) string {
	return cluster.InstanceArch(instanceType)
}

// InstanceSpec is cluster.InstanceSpec.
type InstanceSpec = cluster.InstanceSpec

// LookupInstance is cluster.LookupInstance.
func LookupInstance(instanceType string) (cluster.InstanceSpec, bool) {
	return cluster.LookupInstance(instanceType)
}

// NetworkAwsvpc is cluster.NetworkAwsvpc.
const NetworkAwsvpc = cluster.NetworkAwsvpc

// NetworkBridge is cluster.NetworkBridge.
const NetworkBridge = cluster.NetworkBridge

// NewCluster is cluster.NewCluster.
func NewCluster(ctx *pulumi.Context, name string, args *cluster.ClusterArgs, opts ...pulumi.ResourceOption) (*cluster.Cluster, error) {
	return cluster.NewCluster(ctx, name, args, opts...)
}

// ProviderEC2 is cluster.ProviderEC2.
const ProviderEC2 = cluster.ProviderEC2

// ProviderFargate is cluster.ProviderFargate.
const ProviderFargate = cluster.ProviderFargate

// ProviderFargateSpot is cluster.ProviderFargateSpot.
const ProviderFargateSpot = cluster.ProviderFargateSpot
