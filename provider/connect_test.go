package main

import (
	"strings"
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

// connectPieces are a network, a load balancer with a default target and a
// cluster with a Service Connect namespace; payments is a backend, and
// web (behind the load balancer) calls it.
func connectNetwork() network.NetworkArgs {
	return network.NetworkArgs{Region: region, Features: map[string]network.EndpointFeatures{"web": {ServiceConnect: true}, "payments": {ServiceConnect: true}}}
}

func connectCluster() cluster.ClusterArgs {
	return cluster.ClusterArgs{ServiceConnect: &cluster.ServiceConnectArgs{Namespace: "internal"}}
}

func connectBackend() service.BackendServiceArgs {
	return service.BackendServiceArgs{Container: service.ContainerArgs{Image: pulumi.String(image), Port: 9090}, AppProtocol: service.AppProtocolGrpc}
}

func connectWeb() service.WebServiceArgs {
	return service.WebServiceArgs{Container: service.ContainerArgs{Image: pulumi.String(image)}}
}

// A BackendService over the wire, called by a WebService through a
// reference to it, registers what the same composition does in a Go
// program: the reference resolves to the backend's contract, so the
// caller's rules name the backend's group and its service waits for the
// backend's.
func TestBackendOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	goPath := awsmock.New(region)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		netArgs := connectNetwork()
		net, err := network.NewNetwork(ctx, "main", &netArgs)
		if err != nil {
			return err
		}
		lb, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: net, DefaultTarget: &edge.DefaultTargetArgs{Port: 8080}})
		if err != nil {
			return err
		}
		clArgs := connectCluster()
		clArgs.Network = net
		cl, err := cluster.NewCluster(ctx, "apps", &clArgs)
		if err != nil {
			return err
		}
		bArgs := connectBackend()
		bArgs.Network, bArgs.Cluster = net, cl
		b, err := service.NewBackendService(ctx, "payments", &bArgs)
		if err != nil {
			return err
		}
		wArgs := connectWeb()
		wArgs.Network, wArgs.Cluster, wArgs.LoadBalancer, wArgs.Calls = net, cl, lb, []service.ServiceConnectSource{b}
		_, err = service.NewWebService(ctx, "web", &wArgs)
		return err
	}, pulumi.WithMocks(project, stack, goPath))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}

	s, wire := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, connectNetwork()))
	lbInputs := wireInputs(t, edge.LoadBalancerArgs{DefaultTarget: &edge.DefaultTargetArgs{Port: 8080}})
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(lbInputs, map[string]p.ConstructResponse{"network": net}))
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", withRefs(wireInputs(t, connectCluster()), map[string]p.ConstructResponse{"network": net}))
	b := mustConstruct(t, s, service.BackendServiceType, "payments", withRefs(wireInputs(t, connectBackend()), map[string]p.ConstructResponse{"network": net, "cluster": cl}))
	web := withRefs(wireInputs(t, connectWeb()), map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}).AsMap()
	web["calls"] = property.New([]property.Value{refTo(b)})
	mustConstruct(t, s, service.WebServiceType, "web", property.NewMap(web))

	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	var rules []string
	for _, r := range wire.Resources() {
		if strings.Contains(r.Name, "-calls-") {
			rules = append(rules, r.Name)
		}
	}
	if d := cmp.Diff([]string{"web-calls-payments-out", "web-calls-payments-in"}, rules); d != "" {
		t.Errorf("the call's rules (-want +got):\n%s", d)
	}
}

// A call to a backend this provider did not build is refused by name.
func TestCallToABackendNotBuiltHereIsRefused(t *testing.T) {
	s, _ := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, connectNetwork()))
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, edge.LoadBalancerArgs{DefaultTarget: &edge.DefaultTargetArgs{Port: 8080}}), map[string]p.ConstructResponse{"network": net}))
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", withRefs(wireInputs(t, connectCluster()), map[string]p.ConstructResponse{"network": net}))
	web := withRefs(wireInputs(t, connectWeb()), map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}).AsMap()
	foreign := p.ConstructResponse{Urn: "urn:pulumi:dev::other::private-fargate:index:BackendService::ledger"}
	web["calls"] = property.New([]property.Value{refTo(foreign)})
	_, err := construct(s, project, stack, service.WebServiceType, "web", property.NewMap(web))
	if err == nil || !strings.Contains(err.Error(), "calls[0]") || !strings.Contains(err.Error(), "pass a BackendService that the same program creates") {
		t.Fatalf("error = %v, want calls[0] refused as not built here", err)
	}
}

// onNetworkAndCluster builds one workload on a network and a cluster,
// in a Go program (build) and over the wire (a Construct of typ with
// args), compares what the two register, and returns the wire's.
func onNetworkAndCluster(t *testing.T, netArgs network.NetworkArgs, typ, name string, args any,
	build func(ctx *pulumi.Context, net *network.Network, cl *cluster.Cluster) error,
) *awsmock.Mocks {
	t.Helper()
	goPath := awsmock.New(region)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		net, err := network.NewNetwork(ctx, "main", &netArgs)
		if err != nil {
			return err
		}
		cl, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{Network: net})
		if err != nil {
			return err
		}
		return build(ctx, net, cl)
	}, pulumi.WithMocks(project, stack, goPath))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}
	s, wire := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, netArgs))
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", withRefs(wireInputs(t, cluster.ClusterArgs{}), map[string]p.ConstructResponse{"network": net}))
	mustConstruct(t, s, typ, name, withRefs(wireInputs(t, args), map[string]p.ConstructResponse{"network": net, "cluster": cl}))
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	return wire
}

// A ScheduledJob over the wire, with a timeout (its state machine) and a
// Fargate Spot strategy, registers what the Go program does.
func TestScheduledJobOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	jobArgs := func() service.ScheduledJobArgs {
		return service.ScheduledJobArgs{
			Schedule: "cron(0 3 * * ? *)", Timezone: "Europe/Paris", Timeout: 3600,
			Container:                service.ContainerArgs{Image: pulumi.String(image)},
			CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}},
		}
	}
	netArgs := network.NetworkArgs{Region: region, Features: map[string]network.EndpointFeatures{"nightly": {}}}
	wire := onNetworkAndCluster(t, netArgs, service.ScheduledJobType, "nightly", jobArgs(), func(ctx *pulumi.Context, net *network.Network, cl *cluster.Cluster) error {
		a := jobArgs()
		a.Network, a.Cluster = net, cl
		_, err := service.NewScheduledJob(ctx, "nightly", &a)
		return err
	})
	found := false
	for _, r := range wire.Resources() {
		found = found || r.Name == "nightly-state-machine"
	}
	if !found {
		t.Error("the job's timeout registered no state machine over the wire")
	}
}

// A WorkerService over the wire, with backlog scaling and a topic,
// registers what the Go program does.
func TestWorkerOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	workerArgs := func() service.WorkerServiceArgs {
		return service.WorkerServiceArgs{
			Container: service.ContainerArgs{Image: pulumi.String(image)},
			Topics:    []pulumi.StringInput{pulumi.String("arn:aws:sns:us-east-1:123456789012:orders-placed")},
			Scaling:   &service.WorkerScalingArgs{MaxCount: 6, BacklogPerTask: 100},
		}
	}
	netArgs := network.NetworkArgs{Region: region, Features: map[string]network.EndpointFeatures{"billing": {Sqs: true}}}
	wire := onNetworkAndCluster(t, netArgs, service.WorkerServiceType, "billing", workerArgs(), func(ctx *pulumi.Context, net *network.Network, cl *cluster.Cluster) error {
		a := workerArgs()
		a.Network, a.Cluster = net, cl
		_, err := service.NewWorkerService(ctx, "billing", &a)
		return err
	})
	var queues []string
	for _, r := range wire.Resources() {
		if r.Type == "aws:sqs/queue:Queue" {
			queues = append(queues, r.Name)
		}
	}
	if d := cmp.Diff([]string{"billing-dlq", "billing-queue"}, queues); d != "" {
		t.Errorf("queues over the wire (-want +got):\n%s", d)
	}
}
