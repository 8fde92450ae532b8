package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// An invalid PrivateFargateService over the wire fails with the
// component's own problems, each named by the property the caller set
// (task.cpu, not Task.Cpu), and registers nothing: Construct runs the
// component's checks before its first resource.
func TestInvalidServiceOverTheWireFailsWithTheComponentsKeyedProblems(t *testing.T) {
	files, _, _ := devStack(t)
	tests := []struct {
		name string
		// change breaks the dev stack's args (or its component name).
		change func(name *string, a *components.PrivateFargateServiceArgs)
		// wantFields are the properties the problems must name.
		wantFields []string
	}{
		{"a task size Fargate does not offer", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Task.Cpu, a.Task.Memory = 300, 100
		}, []string{"task.cpu"}},
		{"a Docker Hub image with no NAT", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("nginx:latest")
		}, []string{"container.image"}},
		{"two bases in the strategy", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{
				{Provider: cluster.ProviderFargate, Base: 1, Weight: 1},
				{Provider: cluster.ProviderFargateSpot, Base: 1, Weight: 1},
			}
		}, []string{"service.capacityProviderStrategy"}},
		{"a NAT mode the enum does not list", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Network.NatGateways = "always"
		}, []string{"network.natGateways"}},
		{"a reserved tag key", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Tags = pulumi.StringMap{"aws:owner": pulumi.String("me")}
		}, []string{"tags.aws:owner"}},
		{"a name AWS cannot carry", func(name *string, _ *components.PrivateFargateServiceArgs) {
			*name = "Web_1"
		}, []string{"name"}},
		{"EC2 capacity the strategy does not use", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Ec2 = &cluster.Ec2CapacityArgs{InstanceTypes: []string{"m6i.large"}}
		}, []string{"ec2"}},
		{"a sidecar waiting for a container the task lacks, the app waiting in a cycle", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Container.DependsOn = []service.ContainerDependency{{Container: "agent", Condition: service.DependencyStart}}
			a.Sidecars = []service.SidecarArgs{{
				Name: "agent", Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1"),
				DependsOn: []service.ContainerDependency{
					{Container: "ghost", Condition: service.DependencyStart},
					{Container: "app", Condition: service.DependencyStart},
				},
			}}
		}, []string{"sidecars[0].dependsOn[0].container", "container.dependsOn"}},
		{"every problem at once", func(_ *string, a *components.PrivateFargateServiceArgs) {
			a.Task.Cpu = 300
			a.Container.HealthCheck = &service.ContainerHealthCheck{Command: []string{"curl", "localhost"}}
			a.LoadBalancer.HealthCheck.Path = "healthz"
			a.Ingress.AllowedCidrs = []string{"10.0.0.0/33"}
		}, []string{"task.cpu", "container.healthCheck.command", "loadBalancer.healthCheck.path", "ingress.allowedCidrs[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, name, args := devStack(t)
			tt.change(&name, &args)
			region := files.Config["aws:region"]

			// The Go program's error, keyed the way the wire keys it.
			var goErr error
			_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
				_, goErr = components.NewPrivateFargateService(ctx, name, &args)
				return nil
			}, files.RunOption(awsmock.New(region)))
			var ve *components.ValidationError
			if !errors.As(goErr, &ve) {
				t.Fatalf("the Go program gave %v, not a validation error", goErr)
			}
			want := keyed(goErr, reflect.TypeFor[components.PrivateFargateServiceArgs]()).Error()

			wire := awsmock.New(region)
			s := newServer(t, harnessMocks{wire})
			_, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args))
			checkRefused(t, err, want, tt.wantFields, wire.Resources())
		})
	}
}

// An invalid piece over the wire fails the same way: its problems, keyed,
// and nothing registered for it.
func TestInvalidPiecesOverTheWireFailWithTheComponentsKeyedProblems(t *testing.T) {
	t.Run("two routes with one priority", func(t *testing.T) {
		lbArgs := platformLoadBalancer()
		lbArgs.Routes[1].Priority, lbArgs.Routes[2].Priority = 7, 7
		var goErr error
		goProgram(t, func(ctx *pulumi.Context) error {
			netArgs := platformNetwork()
			net, err := network.NewNetwork(ctx, "main", &netArgs)
			if err != nil {
				return err
			}
			lbArgs.Network = net
			_, goErr = edge.NewLoadBalancer(ctx, "edge", &lbArgs)
			return nil
		})
		want := keyed(goErr, reflect.TypeFor[edge.LoadBalancerArgs]()).Error()

		s, m := newPlatformServer(t)
		net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
		before := len(m.Resources())
		lbArgs.Network = nil
		_, err := construct(s, project, stack, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, lbArgs), map[string]p.ConstructResponse{"network": net}))
		checkRefused(t, err, want, []string{"routes[2].priority"}, newAfter(m, before))
	})

	t.Run("a service whose secret's endpoint the network lacks", func(t *testing.T) {
		netArgs := platformNetwork()
		delete(netArgs.Features, "api")
		netArgs.Features["web"] = network.EndpointFeatures{}
		api := platformServices()[1].args
		var goErr error
		goProgram(t, func(ctx *pulumi.Context) error {
			net, lb, cl, err := goPieces(ctx, netArgs)
			if err != nil {
				return err
			}
			args := api
			args.Network, args.Cluster, args.LoadBalancer = net, cl, lb
			_, goErr = service.NewWebService(ctx, "api", &args)
			return nil
		})
		want := keyed(goErr, reflect.TypeFor[service.WebServiceArgs]()).Error()
		if !strings.Contains(want, "secretsmanager") {
			t.Fatalf("the Go program's error does not name the missing endpoint: %s", want)
		}

		s, m := newPlatformServer(t)
		net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, netArgs))
		refs := map[string]p.ConstructResponse{"network": net}
		lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
		cl := mustConstruct(t, s, cluster.ClusterType, "apps", withRefs(wireInputs(t, platformCluster()), refs))
		before := len(m.Resources())
		_, err := construct(s, project, stack, service.WebServiceType, "api",
			withRefs(wireInputs(t, api), map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}))
		checkRefused(t, err, want, []string{"network"}, newAfter(m, before))
	})
}

// A reference to a piece this provider did not build (here a URN the
// program never constructed) is refused by property, before anything is
// registered: the service could not check itself against it.
func TestReferenceToAPieceNotBuiltHereIsRefused(t *testing.T) {
	s, m := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
	refs := map[string]p.ConstructResponse{"network": net}
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
	before := len(m.Resources())
	stranger := p.ConstructResponse{Urn: "urn:pulumi:stack::project::private-fargate:index:Cluster::elsewhere"}
	_, err := construct(s, project, stack, service.WebServiceType, "web",
		withRefs(wireInputs(t, platformServices()[0].args), map[string]p.ConstructResponse{"network": net, "cluster": stranger, "loadBalancer": lb}))
	want := "cluster: urn:pulumi:stack::project::private-fargate:index:Cluster::elsewhere was not built by this provider in this deployment; pass a Cluster that the same program creates"
	checkRefused(t, err, want, []string{"cluster"}, newAfter(m, before))
}

// A cluster's loadBalancers are references too, each refused by its
// index when this provider did not build it.
func TestClusterLoadBalancerNotBuiltHereIsRefused(t *testing.T) {
	s, m := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge",
		withRefs(wireInputs(t, platformLoadBalancer()), map[string]p.ConstructResponse{"network": net}))
	before := len(m.Resources())
	stranger := p.ConstructResponse{Urn: "urn:pulumi:stack::project::private-fargate:index:LoadBalancer::elsewhere"}
	inputs := withRefs(wireInputs(t, platformCluster()), map[string]p.ConstructResponse{"network": net}).AsMap()
	inputs["loadBalancers"] = property.New([]property.Value{refTo(lb), refTo(stranger)})
	_, err := construct(s, project, stack, cluster.ClusterType, "apps", property.NewMap(inputs))
	want := "loadBalancers[1]: urn:pulumi:stack::project::private-fargate:index:LoadBalancer::elsewhere was not built by this provider in this deployment; pass a LoadBalancer that the same program creates"
	checkRefused(t, err, want, []string{"loadBalancers[1]"}, newAfter(m, before))
}

// checkRefused asserts that err holds want, names every field, and that
// registered is empty.
func checkRefused(t *testing.T, err error, want string, fields []string, registered []*awsmock.Resource) {
	t.Helper()
	if err == nil {
		t.Fatalf("Construct succeeded; want %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("Construct error:\n%v\nwant it to hold the component's problems, keyed:\n%s", err, want)
	}
	for _, f := range fields {
		if !strings.Contains(err.Error(), "\n  "+f+": ") && !strings.Contains(err.Error(), f+": ") {
			t.Errorf("Construct error does not name %s:\n%v", f, err)
		}
	}
	for _, r := range registered {
		t.Errorf("refused Construct registered %s (%s)", r.URN, r.Type)
	}
}

func newPlatformServer(t *testing.T) (integration.Server, *awsmock.Mocks) {
	t.Helper()
	m := awsmock.New(region)
	return newServer(t, harnessMocks{m}), m
}

func mustConstruct(t *testing.T, s integration.Server, typ, name string, inputs property.Map) p.ConstructResponse {
	t.Helper()
	resp, err := construct(s, project, stack, typ, name, inputs)
	if err != nil {
		t.Fatalf("Construct %s %s: %v", typ, name, err)
	}
	return resp
}

// withRefs adds references to the pieces built before.
func withRefs(inputs property.Map, refs map[string]p.ConstructResponse) property.Map {
	m := inputs.AsMap()
	for k, r := range refs {
		m[k] = refTo(r)
	}
	return property.NewMap(m)
}

// newAfter is what m registered after its first n resources.
func newAfter(m *awsmock.Mocks, n int) []*awsmock.Resource { return m.Resources()[n:] }

// goProgram runs program under the platform's mocks.
func goProgram(t *testing.T, program pulumi.RunFunc) {
	t.Helper()
	if err := pulumi.RunErr(program, pulumi.WithMocks(project, stack, awsmock.New(region))); err != nil {
		t.Fatalf("Go program: %v", err)
	}
}
