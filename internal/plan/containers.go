package plan

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// collectorContainer is the name of the sidecar tracing adds: the AWS
// Distro for OpenTelemetry collector (components/service/tracing.go).
const collectorContainer = "aws-otel-collector"

// Container is one container of a task, as its task definition's
// containerDefinitions declare it.
type Container struct {
	Name      string                `json:"name"`
	Image     string                `json:"image"`
	Essential bool                  `json:"essential"`
	DependsOn []ContainerDependency `json:"dependsOn,omitempty"`
}

// ContainerDependency is one dependsOn entry: the container waited for
// and the condition (START, COMPLETE, SUCCESS or HEALTHY).
type ContainerDependency struct {
	Container string `json:"container"`
	Condition string `json:"condition"`
}

// TracePath is the way a traced service's traces go: from the app to the
// collector beside it on localhost, then to X-Ray through the xray
// endpoint (or through NAT when the network has none).
type TracePath struct {
	App       string `json:"app"`
	Collector string `json:"collector"`
	// OTLP and XRay are where the app's environment points SDKs:
	// OTEL_EXPORTER_OTLP_ENDPOINT and AWS_XRAY_DAEMON_ADDRESS.
	OTLP string `json:"otlp,omitempty"`
	XRay string `json:"xray,omitempty"`
	// Endpoint is the xray interface endpoint's service name, the
	// platform's for a service stack on one (as its contract lists it);
	// "" when the network has none.
	Endpoint string `json:"endpoint"`
}

// containerDef is the part of a container definition the plan reads.
type containerDef struct {
	Name        string `json:"name"`
	Image       string `json:"image"`
	Essential   *bool  `json:"essential"`
	Environment []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"environment"`
	DependsOn []struct {
		ContainerName string `json:"containerName"`
		Condition     string `json:"condition"`
	} `json:"dependsOn"`
	PortMappings []struct {
		ContainerPort int    `json:"containerPort"`
		Name          string `json:"name"`
		AppProtocol   string `json:"appProtocol"`
	} `json:"portMappings"`
}

// containerDefs reads a task definition's containers; none when its
// containerDefinitions is not JSON (unknown in a preview).
func containerDefs(td *awsmock.Resource) []containerDef {
	var defs []containerDef
	if err := json.Unmarshal([]byte(str(td.Inputs, "containerDefinitions")), &defs); err != nil {
		return nil
	}
	return defs
}

// taskDefinitionOf finds a service's task definition: the one its
// taskDefinition input names, or the only one registered.
func taskDefinitionOf(ix *index, svc *awsmock.Resource) (*awsmock.Resource, bool) {
	td, ok := ix.byArn[str(svc.Inputs, "taskDefinition")]
	if !ok && len(ix.byType[typeTaskDefinition]) == 1 {
		td, ok = ix.byType[typeTaskDefinition][0], true
	}
	return td, ok
}

// containersOf reads a task definition's containers, in its order (the
// app's first), and the trace path when one of them is the collector.
// A container with no essential field is essential, as in ECS.
func containersOf(td *awsmock.Resource, eps []Endpoint) ([]Container, *TracePath) {
	var defs []containerDef
	if err := json.Unmarshal([]byte(str(td.Inputs, "containerDefinitions")), &defs); err != nil {
		return nil, nil
	}
	var out []Container
	var trace *TracePath
	for i, d := range defs {
		c := Container{Name: d.Name, Image: d.Image, Essential: d.Essential == nil || *d.Essential}
		for _, dep := range d.DependsOn {
			c.DependsOn = append(c.DependsOn, ContainerDependency{Container: dep.ContainerName, Condition: dep.Condition})
		}
		out = append(out, c)
		if d.Name == collectorContainer && i > 0 {
			app := defs[0]
			trace = &TracePath{App: app.Name, Collector: d.Name}
			for _, e := range app.Environment {
				switch e.Name {
				case "OTEL_EXPORTER_OTLP_ENDPOINT":
					trace.OTLP = e.Value
				case "AWS_XRAY_DAEMON_ADDRESS":
					trace.XRay = e.Value
				}
			}
		}
	}
	if trace != nil {
		for _, e := range eps {
			if e.Service == "xray" {
				trace.Endpoint = e.ServiceName
			}
		}
	}
	return out, trace
}

// platformTraceEndpoints gives the trace paths of a service stack on a
// platform the platform's xray endpoint, as its contract lists it: the
// endpoints are the platform stack's resources, not the service stack's,
// so the service's own plan holds none.
func platformTraceEndpoints(svcs []Service, c *components.PlatformContract) {
	if _, ok := c.Network.Endpoints["xray"]; !ok {
		return
	}
	name := network.EndpointSpec{Service: "xray"}.ServiceName(c.Region)
	for i := range svcs {
		if t := svcs[i].Trace; t != nil && t.Endpoint == "" {
			t.Endpoint = name
		}
	}
}

// Text says the trace path in one line.
func (t TracePath) Text() string {
	var via []string
	if t.OTLP != "" {
		via = append(via, "OTLP "+t.OTLP)
	}
	if t.XRay != "" {
		via = append(via, "X-Ray "+t.XRay)
	}
	s := fmt.Sprintf("%s -> %s on localhost", t.App, t.Collector)
	if len(via) > 0 {
		s += " (" + strings.Join(via, ", ") + ")"
	}
	if t.Endpoint == "" {
		return s + " -> X-Ray, with no xray endpoint (through NAT)"
	}
	return s + " -> xray endpoint " + t.Endpoint
}

// writeContainers lists each service's containers and trace path.
func (p *Plan) writeContainers(b *strings.Builder) {
	b.WriteString("Containers by service (the task definition's, the app's first)\n")
	for _, s := range p.Services {
		fmt.Fprintf(b, "  %s (task %s):\n", s.Name, orNone(s.TaskDefinition))
		if len(s.Containers) == 0 {
			b.WriteString("    (no container definitions read)\n")
		}
		for _, c := range s.Containers {
			ess := "essential"
			if !c.Essential {
				ess = "not essential"
			}
			fmt.Fprintf(b, "    %s: %s, %s", c.Name, c.Image, ess)
			if len(c.DependsOn) > 0 {
				var deps []string
				for _, d := range c.DependsOn {
					deps = append(deps, fmt.Sprintf("%s %s", d.Container, d.Condition))
				}
				fmt.Fprintf(b, ", starts after %s", strings.Join(deps, ", "))
			}
			b.WriteString("\n")
		}
		if s.Trace != nil {
			fmt.Fprintf(b, "    trace path: %s\n", s.Trace.Text())
		}
	}
}
