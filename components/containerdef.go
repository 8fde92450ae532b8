package components

import (
	"encoding/json"
)

// containerDefinition is the JSON ECS takes for one container, with a fixed
// field order so the task definition does not churn between runs.
type containerDefinition struct {
	Name                   string           `json:"name"`
	Image                  string           `json:"image"`
	Essential              bool             `json:"essential"`
	PortMappings           []portMapping    `json:"portMappings"`
	Environment            []nameValue      `json:"environment"`
	Secrets                []nameValueFrom  `json:"secrets"`
	LogConfiguration       logConfiguration `json:"logConfiguration"`
	HealthCheck            *healthCheck     `json:"healthCheck,omitempty"`
	StopTimeout            int              `json:"stopTimeout"`
	ReadonlyRootFilesystem bool             `json:"readonlyRootFilesystem"`
}

type portMapping struct {
	ContainerPort int    `json:"containerPort"`
	HostPort      int    `json:"hostPort"`
	Protocol      string `json:"protocol"`
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

// containerDefinitions renders the task's one container from the resolved
// image, log group, environment and secret ARNs. Environment and secrets
// are sorted by name so the JSON is stable.
func containerDefinitions(w workload, bridge bool, region, image, logGroup string, env, secrets map[string]string) string {
	c := w.Container
	// awsvpc: the host port is the container port. bridge: 0 asks for a
	// dynamic host port from the instance's ephemeral range.
	hostPort := c.Port
	if bridge {
		hostPort = 0
	}
	def := containerDefinition{
		Name:         c.Name,
		Image:        image,
		Essential:    true,
		PortMappings: []portMapping{{ContainerPort: c.Port, HostPort: hostPort, Protocol: "tcp"}},
		Environment:  []nameValue{},
		Secrets:      []nameValueFrom{},
		LogConfiguration: logConfiguration{
			LogDriver: "awslogs",
			Options: map[string]string{
				"awslogs-group":         logGroup,
				"awslogs-region":        region,
				"awslogs-stream-prefix": c.Name,
			},
		},
		StopTimeout:            c.StopTimeout,
		ReadonlyRootFilesystem: c.ReadonlyRootFilesystem,
	}
	for _, k := range sortedKeys(env) {
		def.Environment = append(def.Environment, nameValue{Name: k, Value: env[k]})
	}
	for _, k := range sortedKeys(secrets) {
		def.Secrets = append(def.Secrets, nameValueFrom{Name: k, ValueFrom: secrets[k]})
	}
	if hc := c.HealthCheck; hc != nil {
		def.HealthCheck = &healthCheck{
			Command: hc.Command, Interval: hc.Interval, Timeout: hc.Timeout,
			Retries: hc.Retries, StartPeriod: hc.StartPeriod,
		}
	}
	out, _ := json.Marshal([]containerDefinition{def}) // plain values: always marshals
	return string(out)
}
