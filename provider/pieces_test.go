package main

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// The platform: one network, one load balancer and one cluster shared by
// three services, as the README composes them: web on Fargate, api on
// Fargate Spot reading a Secrets Manager secret, admin on an EC2 group in
// bridge mode, whose dynamic host ports the cluster opens to the load
// balancer it is given.
const (
	region  = "us-east-1"
	project = "platform"
	stack   = "dev"
	image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0.0"
	dbArn   = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
)

func platformNetwork() network.NetworkArgs {
	return network.NetworkArgs{
		Region: region,
		Features: map[string]network.EndpointFeatures{
			"web": {}, "api": {SecretsManager: true}, "admin": {Ec2: true},
		},
		Tags: pulumi.StringMap{"team": pulumi.String("platform")},
	}
}

func platformLoadBalancer() edge.LoadBalancerArgs {
	return edge.LoadBalancerArgs{Routes: []edge.ListenerRoute{
		{Service: "web", Paths: []string{"/*"}},
		{Service: "api", Paths: []string{"/api/*"}},
		{Service: "admin", Hosts: []string{"admin.example.com"}},
	}}
}

func platformCluster() cluster.ClusterArgs {
	on := true
	return cluster.ClusterArgs{Fargate: &on, Ec2: []cluster.Ec2CapacityArgs{{
		Name: "admin", InstanceTypes: []string{"t3.medium"}, MinSize: 1, MaxSize: 2,
		NetworkMode: cluster.NetworkBridge,
	}}}
}

// platformServices are the services by name, in the order they are built.
func platformServices() []struct {
	name string
	args service.WebServiceArgs
} {
	strategy := func(provider, group string) service.ServiceArgs {
		return service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: provider, Group: group, Weight: 1}}}
	}
	return []struct {
		name string
		args service.WebServiceArgs
	}{
		{"web", service.WebServiceArgs{
			Container: service.ContainerArgs{Image: pulumi.String(image)},
			Service:   strategy(cluster.ProviderFargate, ""),
		}},
		{"api", service.WebServiceArgs{
			Container: service.ContainerArgs{
				Image: pulumi.String(image), Port: 9000,
				Secrets: map[string]service.ContainerSecret{"DB_PASSWORD": {Arn: pulumi.String(dbArn)}},
			},
			Service: strategy(cluster.ProviderFargateSpot, ""),
		}},
		{"admin", service.WebServiceArgs{
			Container: service.ContainerArgs{Image: pulumi.String(image), Environment: pulumi.StringMap{"MODE": pulumi.String("admin")}},
			Service:   strategy(cluster.ProviderEC2, "admin"),
			Task:      service.TaskArgs{Cpu: 512, Memory: 1024},
		}},
	}
}

// goPlatform builds the platform in a Go program.
func goPlatform(t *testing.T) *awsmock.Mocks {
	t.Helper()
	m := awsmock.New(region)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		net, lb, cl, err := goPieces(ctx, platformNetwork())
		if err != nil {
			return err
		}
		for _, s := range platformServices() {
			args := s.args
			args.Network, args.Cluster, args.LoadBalancer = net, cl, lb
			if _, err := service.NewWebService(ctx, s.name, &args); err != nil {
				return err
			}
		}
		return nil
	}, pulumi.WithMocks(project, stack, m))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}
	return m
}

// wirePlatform builds the same platform over the wire: each piece one
// Construct, handed to the next as a resource reference, the services one
// after another.
func wirePlatform(t *testing.T) *awsmock.Mocks {
	t.Helper()
	s, m := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
	refs := map[string]p.ConstructResponse{"network": net}
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
	clInputs := withRefs(wireInputs(t, platformCluster()), refs).AsMap()
	clInputs["loadBalancers"] = property.New([]property.Value{refTo(lb)})
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", property.NewMap(clInputs))
	for _, svc := range platformServices() {
		mustConstruct(t, s, service.WebServiceType, svc.name, withRefs(wireInputs(t, svc.args),
			map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}))
	}
	return m
}

// Network, LoadBalancer, Cluster and WebService built over the wire, each
// handed to the next as a reference, register what the same composition
// registers in a Go program: the references resolve to the pieces
// themselves, so the services see the network's endpoints, the cluster's
// EC2 group and the load balancer's routes.
func TestPiecesOverTheWireRegisterWhatTheGoProgramDoes(t *testing.T) {
	goPath, wire := goPlatform(t), wirePlatform(t)
	if n := len(goPath.Resources()); n < 60 {
		t.Fatalf("the Go program registered %d resources; the platform has more: %v", n, types(goPath))
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
}

// The engine constructs resources that do not depend on each other at
// once, and nothing serializes the WebService constructors: each reads the
// contracts of the pieces it is given and writes into none of them. Three
// services constructed in parallel register what the Go program does.
func TestServicesOverTheWireConstructInParallel(t *testing.T) {
	goPath := goPlatform(t)
	s, wire := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
	refs := map[string]p.ConstructResponse{"network": net}
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
	clInputs := withRefs(wireInputs(t, platformCluster()), refs).AsMap()
	clInputs["loadBalancers"] = property.New([]property.Value{refTo(lb)})
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", property.NewMap(clInputs))

	services := platformServices()
	errs := make([]error, len(services))
	var wg sync.WaitGroup
	for i, svc := range services {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = construct(s, project, stack, service.WebServiceType, svc.name, withRefs(wireInputs(t, svc.args),
				map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Construct %s: %v", services[i].name, err)
		}
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
}

// goPieces builds the platform's pieces with the Go API: the network
// "main" from netArgs, the load balancer "edge" and the cluster "apps",
// which admits the load balancer on its bridge group.
func goPieces(ctx *pulumi.Context, netArgs network.NetworkArgs) (*network.Network, *edge.LoadBalancer, *cluster.Cluster, error) {
	net, err := network.NewNetwork(ctx, "main", &netArgs)
	if err != nil {
		return nil, nil, nil, err
	}
	lbArgs := platformLoadBalancer()
	lbArgs.Network = net
	lb, err := edge.NewLoadBalancer(ctx, "edge", &lbArgs)
	if err != nil {
		return nil, nil, nil, err
	}
	clArgs := platformCluster()
	clArgs.Network = net
	clArgs.LoadBalancers = []edge.LoadBalancerSource{lb}
	cl, err := cluster.NewCluster(ctx, "apps", &clArgs)
	if err != nil {
		return nil, nil, nil, err
	}
	return net, lb, cl, nil
}
