package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// cluster is the ECS cluster and its capacity provider association.
type cluster struct {
	cluster *ecs.Cluster
	// providers associates the strategy's capacity providers with the
	// cluster. The service must wait for it: a strategy may only name
	// associated providers, and on destroy the service must go first.
	providers *ecs.ClusterCapacityProviders
	// strategy is the service's strategy with EC2 replaced by the name of
	// the Auto Scaling group capacity provider.
	strategy ecs.ServiceCapacityProviderStrategyArray
}

// cluster creates the cluster with Container Insights on.
func (b *builder) cluster() (*ecs.Cluster, error) {
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
	return c, nil
}

// associateProviders associates the capacity providers the strategy names
// with the cluster: FARGATE and FARGATE_SPOT on Fargate, the Auto Scaling
// group provider (ec2Provider) on EC2. The cluster's default strategy is the
// service's, so tasks run by hand land on the same capacity.
func (b *builder) associateProviders(c *ecs.Cluster, ec2Provider pulumi.StringInput) (*cluster, error) {
	providerName := func(p string) pulumi.StringInput {
		if p == ProviderEC2 {
			return ec2Provider
		}
		return pulumi.String(p)
	}
	var providers pulumi.StringArray
	if b.args.usesEC2() {
		providers = pulumi.StringArray{ec2Provider}
	} else {
		providers = pulumi.ToStringArray(fargateProviders)
	}
	out := &cluster{cluster: c}
	defaults := ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray{}
	for _, item := range b.args.Service.CapacityProviderStrategy {
		defaults = append(defaults, &ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{
			CapacityProvider: providerName(item.Provider),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
		out.strategy = append(out.strategy, &ecs.ServiceCapacityProviderStrategyArgs{
			CapacityProvider: providerName(item.Provider),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	var err error
	out.providers, err = ecs.NewClusterCapacityProviders(b.ctx, b.name+"-capacity-providers", &ecs.ClusterCapacityProvidersArgs{
		ClusterName:                       c.Name,
		CapacityProviders:                 providers,
		DefaultCapacityProviderStrategies: defaults,
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("associate capacity providers: %w", err)
	}
	return out, nil
}
