package main

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/urn"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// contractFile is a platform contract as `pulumi stack output platform
// --json` prints it for a deployed platform: the shape NewPlatform
// exports (TestPlatformContractOutputIsItsJSONForm in components), with
// ids as AWS gives them. Teams payments and orders have blocks on its one
// load balancer, main, which has HTTPS for example.com and *.example.com.
const contractFile = "testdata/platform-contract.json"

// platformContract is contractFile's object, as a stack output holds it.
func platformContract(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", contractFile, err)
	}
	return v
}

// contractValue is the contract as a property value.
func contractValue(v map[string]any) property.Value {
	return presource.FromResourcePropertyValue(presource.NewPropertyValue(v))
}

// platformArgs is a platform with two teams and the Secrets Manager
// endpoint for their services.
func platformArgs() components.PlatformArgs {
	return components.PlatformArgs{
		Region:    region,
		Endpoints: []string{"secretsmanager"},
		Teams:     []components.TeamArgs{{Name: "payments"}, {Name: "orders", MaxServices: 20}},
		Tags:      pulumi.StringMap{"team": pulumi.String("platform")},
	}
}

// The Platform built over the wire registers what NewPlatform registers
// in a Go program, and returns its contract.
func TestPlatformOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	args := platformArgs()
	goPath := awsmock.New(region)
	var want map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		pl, err := components.NewPlatform(ctx, "acme", &args)
		if err != nil {
			return err
		}
		pl.Contract.ApplyT(func(v any) any {
			want, _ = v.(map[string]any)
			return nil
		})
		return nil
	}, pulumi.WithMocks(project, stack, goPath))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}

	s, wire := newPlatformServer(t)
	resp := mustConstruct(t, s, components.PlatformType, "acme", wireInputs(t, args))
	if n := len(goPath.Resources()); n < 30 {
		t.Fatalf("the Go program registered %d resources; a platform has more: %v", n, types(goPath))
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	got := resp.State.Get("contract")
	if !got.IsMap() {
		t.Fatalf("Construct returned contract %v, want the contract object", got)
	}
	b, _ := json.Marshal(presource.ToResourcePropertyValue(got).Mappable())
	var gotMap map[string]any
	_ = json.Unmarshal(b, &gotMap)
	if d := cmp.Diff(want, gotMap); d != "" {
		t.Errorf("the contract output over the wire differs from the Go program's (-go +wire):\n%s", d)
	}
}

// paymentsService is the payments team's service on the platform: its
// own rule for payments.example.com in the team's block, on Fargate Spot,
// reading a Secrets Manager secret.
func paymentsService() service.WebServiceArgs {
	return service.WebServiceArgs{
		Route: &service.ServiceRoute{Hosts: []string{"payments.example.com"}, Team: "payments"},
		Container: service.ContainerArgs{
			Image: pulumi.String(image), Port: 8080,
			Secrets: map[string]service.ContainerSecret{"DB_PASSWORD": {Arn: pulumi.String(dbArn)}},
		},
		Service: service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{
			{Provider: cluster.ProviderFargateSpot, Weight: 1},
		}},
		HealthCheck: edge.TargetHealthCheck{Path: "/healthz"},
		Tags:        pulumi.StringMap{"team": pulumi.String("payments")},
	}
}

// goServiceOnPlatform builds args on contract in a Go program, as a
// service program does with AttachPlatform.
func goServiceOnPlatform(t *testing.T, project, name string, contract map[string]any, lbName string, args service.WebServiceArgs) *awsmock.Mocks {
	t.Helper()
	m := awsmock.New(region)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		c, err := components.ParsePlatformContract(contract)
		if err != nil {
			return err
		}
		lb, err := c.LoadBalancer(lbName)
		if err != nil {
			return err
		}
		args.Network, args.Cluster, args.LoadBalancer = c.NetworkContract(), c.ClusterContract(), lb
		_, err = service.NewWebService(ctx, name, &args)
		return err
	}, pulumi.WithMocks(project, stack, m))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}
	return m
}

// stackReference is the URN of the StackReference a service program reads
// the platform through.
const stackReference = "urn:pulumi:dev::payments::pulumi:pulumi:StackReference::platform"

// A WebService over the wire given a platform contract registers what
// NewWebService registers in a Go program given the same contract,
// however the contract arrives: as a plain object (a literal, or read
// with getOutputDetails), or as the Output of requireOutput, which the
// Node.js SDK sends as an output value depending on the StackReference
// (secret when the platform stack marks it secret).
func TestWebServiceOnAPlatformContractRegistersWhatTheGoProgramDoes(t *testing.T) {
	contract := platformContract(t)
	args := paymentsService()
	goPath := goServiceOnPlatform(t, project, "payments-api", contract, "main", args)
	if goPath.Find("aws:lb/listenerRule:ListenerRule", "payments-api-rule") == nil {
		t.Fatalf("the Go program made no listener rule: %v", types(goPath))
	}
	tests := []struct {
		name     string
		platform property.Value
	}{
		{"a plain object", contractValue(contract)},
		{"requireOutput's Output", contractValue(contract).WithDependencies([]urn.URN{stackReference})},
		{"requireOutput's secret Output", contractValue(contract).WithDependencies([]urn.URN{stackReference}).WithSecret(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs := wireInputs(t, args).
				Set("platform", tt.platform).
				Set("loadBalancerName", property.New("main"))
			s, wire := newPlatformServer(t)
			mustConstruct(t, s, service.WebServiceType, "payments-api", inputs)
			if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
				t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
			}
			if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
				t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
			}
		})
	}
}

// A WebService on a platform is refused, with every problem named by its
// wire property and nothing registered, when the contract cannot be
// used: not known yet, of another version, without the load balancer it
// names, beside the pieces it replaces, or lacking what the service
// needs; or when its rule cannot go on the listener: outside the team's
// block, or on a priority another service of the deployment took (each
// service is constructed in a context of its own, and the deployment's
// services share their claims).
func TestWebServiceOnAPlatformIsCheckedBeforeAnythingRegisters(t *testing.T) {
	contract := func(change func(c map[string]any)) property.Value {
		c := platformContract(t)
		if change != nil {
			change(c)
		}
		return contractValue(c)
	}
	netOf := func(c map[string]any) map[string]any { return c["network"].(map[string]any) }
	tests := []struct {
		name       string
		inputs     func(s integration.Server) property.Map
		want       string
		wantFields []string
	}{
		{"a contract not known yet (a Platform of this program, before its deploy)", func(integration.Server) property.Map {
			return withPlatform(t, property.New(property.Computed).WithDependencies([]urn.URN{stackReference}), "main")
		}, "platform: the platform contract is not known yet", []string{"platform"}},
		{"a contract holding an unknown id", func(integration.Server) property.Map {
			c := contract(nil).AsMap()
			c = c.Set("network", property.New(c.Get("network").AsMap().Set("vpcId", property.New(property.Computed))))
			return withPlatform(t, property.New(c), "main")
		}, "platform: the platform contract is not known yet", []string{"platform"}},
		{"a contract of another version", func(integration.Server) property.Map {
			return withPlatform(t, contract(func(c map[string]any) { c["version"] = 2.0 }), "main")
		}, "platform.version: is 2, but this package reads version 1", []string{"platform.version"}},
		{"a malformed contract", func(integration.Server) property.Map {
			return withPlatform(t, contract(func(c map[string]any) { netOf(c)["vpcId"] = "my-vpc" }), "main")
		}, `platform.network.vpcId: "my-vpc" is not an id like vpc-0123456789abcdef0`, []string{"platform.network.vpcId"}},
		{"a load balancer the platform lacks", func(integration.Server) property.Map {
			return withPlatform(t, contract(nil), "edge")
		}, `loadBalancerName: platform acme has no load balancer "edge"; use one of main`, []string{"loadBalancerName"}},
		{"the platform beside a network of this program", func(s integration.Server) property.Map {
			net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
			return withPlatform(t, contract(nil), "main").Set("network", refTo(net))
		}, "network: excludes platform", []string{"network"}},
		{"a load balancer name without a platform", func(integration.Server) property.Map {
			return wireInputs(t, paymentsService()).Set("loadBalancerName", property.New("main"))
		}, "loadBalancerName: names one of the platform contract's load balancers, but no platform is given", []string{"loadBalancerName", "network", "cluster", "loadBalancer"}},
		{"a secret whose endpoint the platform lacks", func(integration.Server) property.Map {
			return withPlatform(t, contract(func(c map[string]any) { delete(netOf(c)["endpoints"].(map[string]any), "secretsmanager") }), "main")
		}, "platform.network: ", []string{"platform.network"}},
		{"a priority another service of this deployment took", func(s integration.Server) property.Map {
			first := withPlatform(t, contract(nil), "main")
			first = first.Set("route", property.New(first.Get("route").AsMap().Set("priority", property.New(10.0))))
			mustConstruct(t, s, service.WebServiceType, "orders-api", first)
			return first
		}, "route.priority: 10 (set in Route.Priority) is already service orders-api's on the https listener of load balancer main", []string{"route.priority"}},
		{"a priority outside the team's block", func(integration.Server) property.Map {
			in := withPlatform(t, contract(nil), "main")
			route := in.Get("route").AsMap().Set("priority", property.New(7000.0))
			return in.Set("route", property.New(route))
		}, "route.priority: 7000 is outside team \"payments\"'s block 1-5000", []string{"route.priority"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, m := newPlatformServer(t)
			inputs := tt.inputs(s)
			before := len(m.Resources())
			_, err := construct(s, project, stack, service.WebServiceType, "payments-api", inputs)
			checkRefused(t, err, tt.want, tt.wantFields, newAfter(m, before))
		})
	}
}

// withPlatform is the payments service's inputs on platform, using the
// load balancer lbName.
func withPlatform(t *testing.T, platform property.Value, lbName string) property.Map {
	t.Helper()
	return wireInputs(t, paymentsService()).
		Set("platform", platform).
		Set("loadBalancerName", property.New(lbName))
}

// An invalid Platform over the wire fails with the component's problems,
// named by the properties the caller set, and registers nothing.
func TestInvalidPlatformOverTheWireFailsWithTheComponentsKeyedProblems(t *testing.T) {
	args := platformArgs()
	args.Teams = []components.TeamArgs{
		{Name: "Payments"}, {Name: "orders", MaxServices: 95},
		{Name: "refunds", Priorities: &edge.PriorityRange{From: 9000, To: 8000}},
	}
	var goErr error
	goProgram(t, func(ctx *pulumi.Context) error {
		_, goErr = components.NewPlatform(ctx, "acme", &args)
		return nil
	})
	want := keyed(goErr, reflect.TypeFor[components.PlatformArgs]()).Error()
	s, m := newPlatformServer(t)
	_, err := construct(s, project, stack, components.PlatformType, "acme", wireInputs(t, args))
	checkRefused(t, err, want, []string{"teams[0].name", "teams[1]", "teams[2].priorities"}, m.Resources())
	if err != nil && strings.Contains(err.Error(), "PriorityRanges") {
		t.Errorf("a problem is named by a field the caller never wrote:\n%v", err)
	}
}
