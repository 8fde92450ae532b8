package main

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Tracing crosses the wire as an enum: the dev stack with tracing "xray"
// and an ecr-public cache rule registers what the Go program does: the
// collector sidecar, the xray endpoint and the tracing policy.
func TestTracingOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	files, name, args := devStack(t)
	args.Tracing = service.TracingXray
	args.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}

	wire := componentOverTheWire(t, files, name, args, "with tracing")
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
