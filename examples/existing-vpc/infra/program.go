// Package infra is the existing-vpc example's Pulumi program: one web
// service in the private subnets of a VPC that another team owns. The
// stack config names the VPC, its subnets and route tables and the
// endpoints it already has; the program adopts the VPC (it registers no
// VPC, subnet or route, so destroying the stack leaves them alone),
// creates only the endpoints the VPC lacks, and puts a public ALB, a
// cluster and the service on it.
//
// Before anything is created in the VPC, the network looks it up and
// refuses one whose DNS attributes, subnets or route tables cannot serve
// private tasks, naming the VPC and the fix.
package infra

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Service is the service's name: its WebService and its entry in the
// network's Features.
const Service = "orders"

// Program is what `pulumi up` runs in examples/existing-vpc.
func Program(ctx *pulumi.Context) error {
	cfg, err := ReadConfig(ctx.Project(), ctx.GetConfig)
	if err != nil {
		return err
	}
	existing := &network.ExistingVpcArgs{
		VpcId:                pulumi.String(cfg.VpcId),
		PublicSubnetIds:      pulumi.ToStringArray(cfg.PublicSubnetIds),
		PrivateSubnetIds:     pulumi.ToStringArray(cfg.PrivateSubnetIds),
		PrivateRouteTableIds: pulumi.ToStringArray(cfg.PrivateRouteTableIds),
		EndpointServices:     cfg.ExistingEndpoints,
	}
	if cfg.EndpointSecurityGroupId != "" {
		existing.EndpointSecurityGroupId = pulumi.String(cfg.EndpointSecurityGroupId)
	}
	net, err := network.NewNetwork(ctx, "shared", &network.NetworkArgs{
		Features: map[string]network.EndpointFeatures{Service: {}},
		Existing: existing,
	})
	if err != nil {
		return err
	}
	// One service: the listener forwards to the load balancer's own
	// target group, which the service registers its tasks in.
	edge, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{
		Network:       net,
		DefaultTarget: &edge.DefaultTargetArgs{Port: 8080},
	})
	if err != nil {
		return err
	}
	cluster, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{Network: net})
	if err != nil {
		return err
	}
	svc, err := service.NewWebService(ctx, Service, &service.WebServiceArgs{
		Network:      net,
		Cluster:      cluster,
		LoadBalancer: edge,
		Container:    service.ContainerArgs{Build: &service.ImageBuild{Context: cfg.AppPath}, Port: 8080},
	})
	if err != nil {
		return err
	}

	ctx.Export("url", edge.Url)
	ctx.Export("albDnsName", edge.DnsName)
	ctx.Export("serviceName", svc.ServiceName)
	ctx.Export("clusterName", cluster.ClusterName)
	ctx.Export("endpointIds", net.EndpointIds)
	ctx.Export("taskSecurityGroupId", svc.TaskSecurityGroupId)
	return nil
}
