package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// cluster is the ECS cluster and its capacity provider association.
type cluster struct {
	cluster *ecs.Cluster
	// providers associates FARGATE and FARGATE_SPOT with the cluster. The
	// service must wait for it: a strategy may only name associated
	// providers.
	providers *ecs.ClusterCapacityProviders
}

// strategyArgs renders a capacity provider strategy for the service.
func strategyArgs(items []CapacityProviderStrategyItem) ecs.ServiceCapacityProviderStrategyArray {
	out := make(ecs.ServiceCapacityProviderStrategyArray, len(items))
	for i, item := range items {
		out[i] = &ecs.ServiceCapacityProviderStrategyArgs{
			CapacityProvider: pulumi.String(item.Provider),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		}
	}
	return out
}

// cluster creates the cluster with Container Insights on and associates the
// Fargate capacity providers with it. The cluster's default strategy is the
// service's, so tasks run by hand land on the same capacity.
func (b *builder) cluster() (*cluster, error) {
	name := b.name + "-cluster"
	c, err := ecs.NewCluster(b.ctx, name, &ecs.ClusterArgs{
		Settings: ecs.ClusterSettingArray{&ecs.ClusterSettingArgs{
			Name:  pulumi.String("containerInsights"),
			Value: pulumi.String("enabled"),
		}},
		Tags: b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create cluster: %w", err)
	}
	defaults := ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray{}
	for _, item := range b.args.Service.CapacityProviderStrategy {
		defaults = append(defaults, &ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{
			CapacityProvider: pulumi.String(item.Provider),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	providers, err := ecs.NewClusterCapacityProviders(b.ctx, b.name+"-capacity-providers", &ecs.ClusterCapacityProvidersArgs{
		ClusterName:                       c.Name,
		CapacityProviders:                 pulumi.ToStringArray(knownProviders),
		DefaultCapacityProviderStrategies: defaults,
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("associate capacity providers: %w", err)
	}
	return &cluster{cluster: c, providers: providers}, nil
}
