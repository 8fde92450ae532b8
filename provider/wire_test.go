package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// The dev stack built over the wire, from the inputs a TypeScript or
// Python program would send for its configuration, registers the same
// children with the same inputs as the Go program: Construct runs the
// same constructor, defaults and checks.
func TestDevStackOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	files, name, args := devStack(t)
	region := files.Config["aws:region"]

	goPath := awsmock.New(region)
	if err := pulumi.RunErr(stacks.Program, files.RunOption(goPath)); err != nil {
		t.Fatalf("Go program, dev stack: %v", err)
	}

	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	resp, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args))
	if err != nil {
		t.Fatalf("Construct %s: %v", components.PrivateFargateServiceType, err)
	}
	alb := wire.Find("aws:lb/loadBalancer:LoadBalancer", name+"-alb")
	if alb == nil {
		t.Fatalf("no ALB registered over the wire: %v", types(wire))
	}
	url, want := resp.State.Get("url"), "http://"+alb.Outputs["dnsName"].StringValue()
	if !url.IsString() || url.AsString() != want {
		t.Errorf("Construct returned url %v, want %q", url, want)
	}
	endpoints := wire.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")
	if ids := resp.State.Get("endpointIds"); !ids.IsMap() || ids.AsMap().Len() != len(endpoints) || len(endpoints) < 4 {
		t.Errorf("Construct returned endpointIds %v, want the %d endpoints registered", ids, len(endpoints))
	}

	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's for the dev stack (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's for the dev stack (-go +wire):\n%s", d)
	}
}

// The prod stack over the wire scales and alarms as the Go program does:
// the same scalable target and policies, the same alarms on the same
// dimensions, the service's deployment alarms and its ignored desired
// count (autoscaling, alarms and their thresholds cross the wire as plain
// values, the topic ARN as an input).
func TestProdStackOverTheWireScalesAndAlarmsAsTheGoProgramDoes(t *testing.T) {
	files, name, args := stackArgs(t, "prod")
	region := files.Config["aws:region"]
	mocks := func() *awsmock.Mocks {
		m := awsmock.New(region)
		if id, zone, domain := files.HostedZone(); domain != "" {
			m.AddHostedZone(id, zone, domain) // prod's placeholder domain
		}
		return m
	}
	goPath := mocks()
	if err := pulumi.RunErr(stacks.Program, files.RunOption(goPath)); err != nil {
		t.Fatalf("Go program, prod stack: %v", err)
	}
	wire := mocks()
	s := newServer(t, harnessMocks{wire})
	if _, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args)); err != nil {
		t.Fatalf("Construct %s: %v", components.PrivateFargateServiceType, err)
	}
	if n := len(wire.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")); n != 7 || wire.Find("aws:appautoscaling/target:Target", name+"-scaling") == nil {
		t.Fatalf("over the wire: %d alarms and no scalable target? %v", n, types(wire))
	}
	if svc := wire.Find("aws:ecs/service:Service", name+"-service"); len(svc.IgnoreChanges) != 1 || svc.IgnoreChanges[0] != "desiredCount" {
		t.Errorf("%s: ignoreChanges %v over the wire, want [desiredCount]", svc.URN, svc.IgnoreChanges)
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's for the prod stack (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's for the prod stack (-go +wire):\n%s", d)
	}
}

// A secret passed into an input stays a secret in the children that use
// it: no property of the schema needs to be marked secret for that (none
// holds a credential; container secrets travel as ARNs), and the wire
// keeps a secret Output secret.
func TestSecretInputsStaySecretOverTheWire(t *testing.T) {
	files, name, args := devStack(t)
	inputs := wireInputs(t, args).AsMap()
	container := inputs["container"].AsMap().AsMap()
	container["environment"] = property.New(map[string]property.Value{
		"API_TOKEN": property.New("s3cr3t").WithSecret(true),
	})
	inputs["container"] = property.New(container)

	m := awsmock.New(files.Config["aws:region"])
	s := newServer(t, harnessMocks{m})
	if _, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, property.NewMap(inputs)); err != nil {
		t.Fatalf("Construct: %v", err)
	}
	td := m.Find("aws:ecs/taskDefinition:TaskDefinition", name+"-task")
	if td == nil {
		t.Fatalf("no task definition registered: %v", types(m))
	}
	defs := td.Inputs["containerDefinitions"]
	if !defs.ContainsSecrets() {
		t.Errorf("%s: containerDefinitions holds a secret environment value but is not secret: %v", td.URN, defs)
	}
}
