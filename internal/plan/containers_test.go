package plan

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tracedProject is a stack with tracing on (the ADOT collector sidecar,
// pulled through an ECR Public cache rule) and one more sidecar the app
// waits for until it is healthy.
const tracedProject = `config:
  aws:region: us-east-1
  private-fargate:cpu: 1024
  private-fargate:memory: 2048
  private-fargate:tracing: xray
  private-fargate:pullThroughCache: [{upstream: ecr-public}]
  private-fargate:containerDependsOn: [{container: agent, condition: HEALTHY}]
  private-fargate:sidecars:
    - name: agent
      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1
      essential: false
      healthCheck: {command: [CMD, /healthcheck]}
`

// TestPlanShowsContainersAndTheirDependencies: the plan reads each
// task's containers from its task definition's containerDefinitions, the
// app's first, with image, essential and dependsOn with its condition.
func TestPlanShowsContainersAndTheirDependencies(t *testing.T) {
	p, err := Load(writeProject(t, "traced", tracedProject), "traced")
	if err != nil {
		t.Fatalf("plan stack traced: %v", err)
	}
	if len(p.Services) != 1 {
		t.Fatalf("%d services, want 1", len(p.Services))
	}
	s := p.Services[0]
	if s.TaskDefinition != "web-task" {
		t.Errorf("task definition %q, want web-task", s.TaskDefinition)
	}
	var names []string
	byName := map[string]Container{}
	for _, c := range s.Containers {
		names = append(names, c.Name)
		byName[c.Name] = c
	}
	if len(names) == 0 || names[0] != "app" {
		t.Fatalf("containers %v, want the app's first", names)
	}
	app, agent, collector := byName["app"], byName["agent"], byName[collectorContainer]
	if d := cmp.Diff([]ContainerDependency{{Container: "agent", Condition: "HEALTHY"}}, app.DependsOn); d != "" {
		t.Errorf("app's dependsOn (-want +got):\n%s", d)
	}
	if !app.Essential || agent.Essential {
		t.Errorf("essential: app %v, agent %v; want true, false", app.Essential, agent.Essential)
	}
	if agent.Image != "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1" {
		t.Errorf("agent image %q", agent.Image)
	}
	// The collector is pulled through the cache rule, not from ECR Public.
	if !strings.Contains(collector.Image, ".dkr.ecr.us-east-1.amazonaws.com/ecr-public/aws-observability/aws-otel-collector:") {
		t.Errorf("collector image %q, want its pull-through cache path", collector.Image)
	}

	text := p.Text()
	for _, want := range []string{
		"Containers by service (the task definition's, the app's first)",
		"  web (task web-task):",
		"    app: ",
		", essential, starts after agent HEALTHY",
		"    agent: 123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1, not essential",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q", want)
		}
	}

	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services []struct {
			Containers []struct {
				Name      string `json:"name"`
				Image     string `json:"image"`
				Essential *bool  `json:"essential"`
				DependsOn []struct {
					Container string `json:"container"`
					Condition string `json:"condition"`
				} `json:"dependsOn"`
			} `json:"containers"`
		} `json:"services"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	cs := doc.Services[0].Containers
	if len(cs) != len(s.Containers) || cs[0].Name != "app" || cs[0].Essential == nil || !*cs[0].Essential ||
		len(cs[0].DependsOn) != 1 || cs[0].DependsOn[0].Container != "agent" || cs[0].DependsOn[0].Condition != "HEALTHY" {
		t.Errorf("JSON services[0].containers = %+v", cs)
	}
}

// TestPlanShowsTheTracePath: with tracing on, the app sends to the
// collector beside it on localhost, OTLP over HTTP on 4318 and X-Ray
// segments on 2000 (the ADOT collector's ECS default configuration), and
// the collector sends to X-Ray through the xray interface endpoint.
func TestPlanShowsTheTracePath(t *testing.T) {
	p, err := Load(writeProject(t, "traced", tracedProject), "traced")
	if err != nil {
		t.Fatalf("plan stack traced: %v", err)
	}
	want := &TracePath{
		App: "app", Collector: "aws-otel-collector",
		OTLP: "http://localhost:4318", XRay: "127.0.0.1:2000",
		Endpoint: "com.amazonaws.us-east-1.xray",
	}
	if d := cmp.Diff(want, p.Services[0].Trace); d != "" {
		t.Errorf("trace path (-want +got):\n%s", d)
	}
	line := "    trace path: app -> aws-otel-collector on localhost (OTLP http://localhost:4318, X-Ray 127.0.0.1:2000) -> xray endpoint com.amazonaws.us-east-1.xray\n"
	if text := p.Text(); !strings.Contains(text, line) {
		t.Errorf("plan text lacks %q", line)
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services []struct {
			Trace *TracePath `json:"trace"`
		} `json:"services"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, doc.Services[0].Trace); d != "" {
		t.Errorf("JSON services[0].trace (-want +got):\n%s", d)
	}

	// dev has tracing off: no trace path, no X-Ray rates.
	dev := mustLoad(t, "dev")
	for _, s := range dev.Services {
		if s.Trace != nil {
			t.Errorf("dev's %s has a trace path %+v with tracing off", s.Name, s.Trace)
		}
	}
	for _, r := range dev.Cost.TrafficRates {
		if strings.HasPrefix(r.Item, "X-Ray") {
			t.Errorf("dev lists %q with tracing off", r.Item)
		}
	}
}
