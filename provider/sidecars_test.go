package main

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Sidecars cross the wire: the dev stack with a collector the app waits
// for (HEALTHY, an enum on the wire) registers what the Go program does,
// and its task runs both containers.
func TestSidecarsOverTheWireRegisterWhatTheGoProgramDoes(t *testing.T) {
	files, name, args := devStack(t)
	region := files.Config["aws:region"]
	args.Container.DependsOn = []service.ContainerDependency{{Container: "collector", Condition: service.DependencyHealthy}}
	off := false
	args.Sidecars = []service.SidecarArgs{{
		Name: "collector", Image: pulumi.String("123456789012.dkr.ecr." + region + ".amazonaws.com/collector:1"),
		Ports: []int{4317}, Essential: &off, Cpu: 64, MemoryReservation: 128,
		Environment: pulumi.StringMap{"MODE": pulumi.String("agent")},
		HealthCheck: &service.ContainerHealthCheck{Command: []string{"CMD", "/healthcheck"}},
	}}

	wire := componentOverTheWire(t, files, name, args, "with a sidecar")
	td := wire.Find("aws:ecs/taskDefinition:TaskDefinition", name+"-task")
	if td == nil {
		t.Fatalf("no task definition registered over the wire")
	}
	defs := td.Inputs["containerDefinitions"].StringValue()
	for _, want := range []string{`"name":"collector"`, `"dependsOn":[{"containerName":"collector","condition":"HEALTHY"}]`, `"awslogs-stream-prefix":"collector"`} {
		if !strings.Contains(defs, want) {
			t.Errorf("%s: container definitions lack %s: %s", td.URN, want, defs)
		}
	}
}
