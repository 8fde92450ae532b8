package service

import (
	"encoding/json"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// containerDefinition is the JSON ECS takes for one container, with a fixed
// field order so the task definition does not churn between runs.
type containerDefinition struct {
	Name                   string           `json:"name"`
	Image                  string           `json:"image"`
	Essential              bool             `json:"essential"`
	Command                []string         `json:"command,omitempty"`
	PortMappings           []portMapping    `json:"portMappings"`
	Environment            []nameValue      `json:"environment"`
	Secrets                []nameValueFrom  `json:"secrets"`
	LogConfiguration       logConfiguration `json:"logConfiguration"`
	HealthCheck            *healthCheck     `json:"healthCheck,omitempty"`
	StopTimeout            int              `json:"stopTimeout"`
	ReadonlyRootFilesystem bool             `json:"readonlyRootFilesystem"`
	// The fields below are left out when empty, so a task with no
	// sidecars and no dependencies renders as it did before them.
	Cpu               int                   `json:"cpu,omitempty"`
	MemoryReservation int                   `json:"memoryReservation,omitempty"`
	DependsOn         []containerDependency `json:"dependsOn,omitempty"`
}

type containerDependency struct {
	ContainerName string `json:"containerName"`
	Condition     string `json:"condition"`
}

// resolvedSidecar is a sidecar's inputs once they are known.
type resolvedSidecar struct {
	image        string
	env, secrets map[string]string
}

type portMapping struct {
	ContainerPort int `json:"containerPort"`
	HostPort      int `json:"hostPort"`
	// Name and AppProtocol are the port's Service Connect name and
	// protocol (http, http2 or grpc), on a server's app port only.
	Name        string `json:"name,omitempty"`
	AppProtocol string `json:"appProtocol,omitempty"`
	Protocol    string `json:"protocol"`
}

type nameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type nameValueFrom struct {
	Name      string `json:"name"`
	ValueFrom string `json:"valueFrom"`
}

type logConfiguration struct {
	LogDriver string            `json:"logDriver"`
	Options   map[string]string `json:"options"`
}

type healthCheck struct {
	Command     []string `json:"command"`
	Interval    int      `json:"interval"`
	Timeout     int      `json:"timeout"`
	Retries     int      `json:"retries"`
	StartPeriod int      `json:"startPeriod"`
}

// containerDefinitions renders the task's containers, the app's first
// and then the sidecars', from the resolved images, log group,
// environments and secret ARNs. Environment and secrets are sorted by
// name so the JSON is stable.
func containerDefinitions(w Workload, bridge bool, region, image, logGroup string, env, secrets map[string]string, sidecars []resolvedSidecar) string {
	c := w.Container
	var ports []int
	if w.takesTraffic() {
		ports = []int{c.Port}
	}
	app := renderContainer(c.Name, image, ports, bridge, region, logGroup, env, secrets)
	if w.PortName != "" && len(app.PortMappings) == 1 {
		app.PortMappings[0].Name, app.PortMappings[0].AppProtocol = w.PortName, w.AppProtocol
	}
	app.Essential = true
	app.HealthCheck = renderHealthCheck(c.HealthCheck)
	app.StopTimeout = c.StopTimeout
	app.ReadonlyRootFilesystem = c.ReadonlyRootFilesystem
	app.DependsOn = renderDependsOn(c.DependsOn)
	defs := []containerDefinition{app}
	for i, s := range w.Sidecars {
		r := sidecars[i]
		def := renderContainer(s.Name, r.image, s.Ports, bridge, region, logGroup, r.env, r.secrets)
		def.Essential = s.IsEssential()
		def.HealthCheck = renderHealthCheck(s.HealthCheck)
		// A sidecar stops in the app's window: ECS stops the containers
		// in the reverse order of their dependencies.
		def.StopTimeout = c.StopTimeout
		def.ReadonlyRootFilesystem = s.ReadonlyRootFilesystem
		def.Cpu, def.MemoryReservation = s.Cpu, s.MemoryReservation
		def.DependsOn = renderDependsOn(s.DependsOn)
		if w.isCollector(s) {
			def.Command = []string{collectorConfig}
		}
		defs = append(defs, def)
	}
	out, _ := json.Marshal(defs) // plain values: always marshals
	return string(out)
}

// renderContainer renders what every container of the task has: its
// ports, environment, secrets and its own log stream prefix, its name, in
// the service's log group.
func renderContainer(name, image string, ports []int, bridge bool, region, logGroup string, env, secrets map[string]string) containerDefinition {
	def := containerDefinition{
		Name:         name,
		Image:        image,
		PortMappings: []portMapping{},
		Environment:  []nameValue{},
		Secrets:      []nameValueFrom{},
		LogConfiguration: logConfiguration{
			LogDriver: "awslogs",
			Options: map[string]string{
				"awslogs-group":         logGroup,
				"awslogs-region":        region,
				"awslogs-stream-prefix": name,
			},
		},
	}
	for _, port := range ports {
		// awsvpc: the host port is the container port. bridge: 0 asks
		// for a dynamic host port from the instance's ephemeral range.
		hostPort := port
		if bridge {
			hostPort = 0
		}
		def.PortMappings = append(def.PortMappings, portMapping{ContainerPort: port, HostPort: hostPort, Protocol: "tcp"})
	}
	for _, k := range check.SortedKeys(env) {
		def.Environment = append(def.Environment, nameValue{Name: k, Value: env[k]})
	}
	for _, k := range check.SortedKeys(secrets) {
		def.Secrets = append(def.Secrets, nameValueFrom{Name: k, ValueFrom: secrets[k]})
	}
	return def
}

// renderHealthCheck renders a (defaulted) container health check.
func renderHealthCheck(hc *ContainerHealthCheck) *healthCheck {
	if hc == nil {
		return nil
	}
	return &healthCheck{
		Command: hc.Command, Interval: hc.Interval, Timeout: hc.Timeout,
		Retries: hc.Retries, StartPeriod: hc.StartPeriod,
	}
}

// renderDependsOn renders a container's dependencies, in the given order.
func renderDependsOn(deps []ContainerDependency) []containerDependency {
	var out []containerDependency
	for _, d := range deps {
		out = append(out, containerDependency{ContainerName: d.Container, Condition: d.Condition})
	}
	return out
}
