package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Tracing crosses the wire as an enum: the dev stack with tracing "xray"
// and an ecr-public cache rule registers what the Go program does: the
// collector sidecar, the xray endpoint and the tracing policy.
func TestTracingOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	files, name, args := devStack(t)
	region := files.Config["aws:region"]
	args.Tracing = components.TracingXray
	args.Network.PullThroughCache = []components.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}

	goPath := awsmock.New(region)
	if err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := components.NewPrivateFargateService(ctx, name, &args)
		return err
	}, files.RunOption(goPath)); err != nil {
		t.Fatalf("Go program with tracing: %v", err)
	}
	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	if _, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args)); err != nil {
		t.Fatalf("Construct with tracing: %v", err)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's with tracing (-go +wire):\n%s", d)
	}
	td := wire.Find("aws:ecs/taskDefinition:TaskDefinition", name+"-task")
	if td == nil {
		t.Fatalf("no task definition registered over the wire")
	}
	if defs := td.Inputs["containerDefinitions"].StringValue(); !strings.Contains(defs, `"name":"aws-otel-collector"`) {
		t.Errorf("%s: no collector over the wire: %s", td.URN, defs)
	}
	for _, r := range []struct{ typ, name string }{
		{"aws:ec2/vpcEndpoint:VpcEndpoint", name + "-vpce-xray"},
		{"aws:iam/rolePolicy:RolePolicy", name + "-tracing-policy"},
	} {
		if wire.Find(r.typ, r.name) == nil {
			t.Errorf("no %s %s over the wire", r.typ, r.name)
		}
	}
}
