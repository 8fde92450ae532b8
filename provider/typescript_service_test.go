package main

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/urn"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// typescriptService is what the Node.js SDK sends the engine for the
// WebService of examples/typescript-service, the RegisterResource request
// that the engine hands on to Construct: its inputs as they go over gRPC
// (the platform stack's output as an output value that depends on the
// StackReference) and its property dependencies. The example's
// wire/inputs.js writes it by running the compiled program under the
// SDK's own mocks, with the platform stack exporting contractFile;
// .ci/package fails when the program no longer sends this.
const typescriptService = "testdata/typescript-service.json"

// typescriptServiceRequest is typescriptService's request.
type typescriptServiceRequest struct {
	Type                 string              `json:"type"`
	Name                 string              `json:"name"`
	Remote               bool                `json:"remote"`
	Inputs               map[string]any      `json:"inputs"`
	PropertyDependencies map[string][]string `json:"propertyDependencies"`
}

// constructInputs reads the request's inputs as the provider's gRPC
// server does: the gRPC struct unmarshaled keeping unknowns, secrets,
// resource references and output values, each property's dependencies
// merged into its value.
func (r typescriptServiceRequest) constructInputs(t *testing.T) property.Map {
	t.Helper()
	st, err := structpb.NewStruct(r.Inputs)
	if err != nil {
		t.Fatalf("%s: inputs are not a gRPC struct: %v", typescriptService, err)
	}
	props, err := plugin.UnmarshalProperties(st, plugin.MarshalOptions{
		KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: true,
	})
	if err != nil {
		t.Fatalf("%s: unmarshal the inputs: %v", typescriptService, err)
	}
	out := map[string]property.Value{}
	for k, v := range props {
		pv := presource.FromResourcePropertyValue(v)
		deps := pv.Dependencies()
		for _, d := range r.PropertyDependencies[string(k)] {
			deps = append(deps, urn.URN(d))
		}
		out[string(k)] = pv.WithDependencies(deps)
	}
	return property.NewMap(out)
}

// The TypeScript service program's WebService, sent over the wire as the
// Node.js SDK sends it, registers what the same service registers in a Go
// program given the platform contract: its own listener rule for
// payments.example.com on the platform's HTTPS listener, in the payments
// team's block, and tasks in the platform's private subnets, joining its
// endpoint-clients and targets groups, with no public IP.
func TestTypeScriptServiceBuildsOverTheWire(t *testing.T) {
	data, err := os.ReadFile(typescriptService)
	if err != nil {
		t.Fatal(err)
	}
	var req typescriptServiceRequest
	if err := json.Unmarshal(data, &req); err != nil {
		t.Fatalf("%s: %v", typescriptService, err)
	}
	if req.Type != service.WebServiceType || !req.Remote {
		t.Fatalf("%s: a %s registered with remote %v; want a remote %s", typescriptService, req.Type, req.Remote, service.WebServiceType)
	}
	contract := platformContract(t)
	inputs := req.constructInputs(t)
	sent := inputs.Get("platform")
	if len(sent.Dependencies()) == 0 {
		t.Errorf("%s: platform arrives with no dependencies; requireOutput's Output depends on the StackReference", typescriptService)
	}
	mappable := func(v property.Value) any { return presource.ToResourcePropertyValue(v).Mappable() }
	if d := cmp.Diff(mappable(contractValue(contract)), mappable(plainValue(sent))); d != "" {
		t.Errorf("%s: the platform the program sends is not %s (-contract +sent):\n%s", typescriptService, contractFile, d)
	}

	// The same service, written in Go against the same contract.
	goPath := goServiceOnPlatform(t, typescriptProject, req.Name, contract, "main", paymentsProgram())

	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	if _, err := construct(s, typescriptProject, stack, req.Type, req.Name, inputs); err != nil {
		t.Fatalf("Construct %s %s: %v", req.Type, req.Name, err)
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}

	checkAttached(t, wire, req.Name, contract, "payments.example.com", "payments")
}

// typescriptProject is examples/typescript-service's project name.
const typescriptProject = "private-fargate-typescript-service"

// When the platform contract is not known (a stack name that is not
// known at preview, or the contract of a Platform of the same program
// before its deploy), the Node.js SDK sends the output value without its
// value. The service is then refused by name, and registers nothing.
func TestTypeScriptServiceOnAnUnknownContractIsRefused(t *testing.T) {
	data, err := os.ReadFile(typescriptService)
	if err != nil {
		t.Fatal(err)
	}
	var req typescriptServiceRequest
	if err := json.Unmarshal(data, &req); err != nil {
		t.Fatalf("%s: %v", typescriptService, err)
	}
	platform, ok := req.Inputs["platform"].(map[string]any)
	if !ok || platform["value"] == nil {
		t.Fatalf("%s: platform is not an output value with a value: %v", typescriptService, req.Inputs["platform"])
	}
	delete(platform, "value")
	inputs := req.constructInputs(t)
	if v := inputs.Get("platform"); !v.IsComputed() {
		t.Fatalf("an output value without a value reads as %v, want an unknown", v)
	}
	m := awsmock.New(region)
	s := newServer(t, harnessMocks{m})
	_, err = construct(s, typescriptProject, stack, req.Type, req.Name, inputs)
	checkRefused(t, err, "platform: the platform contract is not known yet", []string{"platform"}, m.Resources())
}

// paymentsProgram is the WebService args of the service programs in
// examples/typescript-service, python-service and yaml-service, written
// in Go: the payments team's service on payments.example.com.
func paymentsProgram() service.WebServiceArgs {
	desired := 2
	return service.WebServiceArgs{
		Route: &service.ServiceRoute{Hosts: []string{"payments.example.com"}, Team: "payments"},
		Container: service.ContainerArgs{
			Build: &service.ImageBuild{Context: "../../app"}, Port: 8080,
			Environment: pulumi.StringMap{"LOG_LEVEL": pulumi.String("info")},
		},
		Task: service.TaskArgs{Cpu: 256, Memory: 512, Architecture: cluster.ArchX86_64},
		Service: service.ServiceArgs{DesiredCount: &desired, CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{
			{Provider: cluster.ProviderFargateSpot, Weight: 1},
		}},
		HealthCheck:      edge.TargetHealthCheck{Path: "/healthz"},
		LogRetentionDays: 30,
		Tags:             pulumi.StringMap{"team": pulumi.String("payments")},
	}
}

// checkAttached checks that m holds service name attached to contract's
// load balancer main: its own listener rule for host on the HTTPS
// listener, with a priority in team's block, and tasks in the platform's
// private subnets, joining its endpoint-clients and targets groups, with
// no public IP.
func checkAttached(t *testing.T, m *awsmock.Mocks, name string, contract map[string]any, host, team string) {
	t.Helper()
	lb := contract["loadBalancers"].([]any)[0].(map[string]any)
	network := contract["network"].(map[string]any)
	rule := m.Find("aws:lb/listenerRule:ListenerRule", name+"-rule")
	if rule == nil {
		t.Fatalf("no listener rule registered: %v", types(m))
	}
	if got, want := rule.Inputs["listenerArn"].StringValue(), lb["listeners"].(map[string]any)["https"]; got != want {
		t.Errorf("%s: listenerArn %s, want the platform's HTTPS listener %s", rule.URN, got, want)
	}
	var from, to int
	for _, r := range lb["priorityRanges"].([]any) {
		if r := r.(map[string]any); r["team"] == team {
			from, to = int(r["from"].(float64)), int(r["to"].(float64))
		}
	}
	if p := int(rule.Inputs["priority"].NumberValue()); from == 0 || p < from || p > to {
		t.Errorf("%s: priority %d is outside the %s team's block %d-%d", rule.URN, p, team, from, to)
	}
	conditions, _ := json.Marshal(rule.Inputs["conditions"].Mappable())
	if want := `[{"hostHeader":{"values":["` + host + `"]}}]`; string(conditions) != want {
		t.Errorf("%s: conditions %s, want %s", rule.URN, conditions, want)
	}
	svc := m.Find("aws:ecs/service:Service", name+"-service")
	if svc == nil {
		t.Fatalf("no ECS service registered: %v", types(m))
	}
	nc := svc.Inputs["networkConfiguration"].ObjectValue()
	var subnets, groups, want []string
	for _, v := range nc["subnets"].ArrayValue() {
		subnets = append(subnets, v.StringValue())
	}
	for _, v := range nc["securityGroups"].ArrayValue() {
		groups = append(groups, v.StringValue())
	}
	for _, s := range network["privateSubnets"].([]any) {
		want = append(want, s.(map[string]any)["id"].(string))
	}
	if !slices.Equal(subnets, want) {
		t.Errorf("%s: subnets %v, want the platform's private subnets %v", svc.URN, subnets, want)
	}
	for _, sg := range []any{network["endpointClientSecurityGroupId"], lb["targetSecurityGroupId"]} {
		if !slices.Contains(groups, sg.(string)) {
			t.Errorf("%s: security groups %v do not include the platform's %s", svc.URN, groups, sg)
		}
	}
	if v, ok := nc["assignPublicIp"]; ok && v.IsBool() && v.BoolValue() {
		t.Errorf("%s: assignPublicIp is true; tasks in private subnets take no public IP", svc.URN)
	}
}
