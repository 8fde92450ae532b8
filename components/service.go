package components

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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

// containerDefinitions renders the task's one container. Environment and
// secrets are sorted by name so the JSON is stable.
func (b *builder) containerDefinitions(image, logGroup string) string {
	c := b.args.Container
	// awsvpc: the host port is the container port. bridge: 0 asks for a
	// dynamic host port from the instance's ephemeral range.
	hostPort := c.Port
	if b.args.bridge() {
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
				"awslogs-region":        b.region,
				"awslogs-stream-prefix": c.Name,
			},
		},
		StopTimeout:            c.StopTimeout,
		ReadonlyRootFilesystem: c.ReadonlyRootFilesystem,
	}
	for _, k := range sortedKeys(c.Environment) {
		def.Environment = append(def.Environment, nameValue{Name: k, Value: c.Environment[k]})
	}
	for _, k := range sortedKeys(c.Secrets) {
		def.Secrets = append(def.Secrets, nameValueFrom{Name: k, ValueFrom: c.Secrets[k]})
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

// serviceDeps is everything the task definition and service are built from.
type serviceDeps struct {
	net     *network
	sgs     *securityGroups
	eps     *endpoints
	rules   []pulumi.Resource
	repo    *registry
	alb     *loadBalancer
	logs    *cloudwatch.LogGroup
	roles   *roles
	cluster *cluster
}

// service creates the Fargate task definition and the service. The service
// runs in the private subnets without public IPs and waits for everything a
// task needs at start: the listeners (or CreateService fails with "target
// group does not have an associated load balancer"), the endpoints and the
// rules that reach them, the execution role's policy, and the capacity
// provider association.
func (b *builder) service(d serviceDeps) (*ecs.Service, error) {
	a := b.args
	containers := pulumi.All(d.repo.image, d.logs.Name).ApplyT(func(v []any) string {
		return b.containerDefinitions(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)

	compatibility, networkMode := "FARGATE", NetworkAwsvpc
	if a.usesEC2() {
		compatibility, networkMode = "EC2", a.Ec2.NetworkMode
	}
	name := b.name + "-task"
	td, err := ecs.NewTaskDefinition(b.ctx, name, &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(b.name),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String(compatibility)},
		NetworkMode:             pulumi.String(networkMode),
		Cpu:                     pulumi.String(fmt.Sprint(a.Task.Cpu)),
		Memory:                  pulumi.String(fmt.Sprint(a.Task.Memory)),
		RuntimePlatform: &ecs.TaskDefinitionRuntimePlatformArgs{
			OperatingSystemFamily: pulumi.String("LINUX"),
			CpuArchitecture:       pulumi.String(a.Task.Architecture),
		},
		ExecutionRoleArn:     d.roles.execution.Arn,
		TaskRoleArn:          d.roles.task.Arn,
		ContainerDefinitions: containers,
		Tags:                 b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task definition: %w", err)
	}

	deps := []pulumi.Resource{d.roles.executionPolicy, d.cluster.providers}
	deps = append(deps, d.alb.listeners...)
	deps = append(deps, d.eps.all...)
	deps = append(deps, d.rules...)
	deps = append(deps, d.roles.taskPolicies...)

	name = b.name + "-service"
	svcArgs := &ecs.ServiceArgs{
		Cluster:        d.cluster.cluster.Arn,
		TaskDefinition: td.Arn,
		DesiredCount:   pulumi.Int(*a.Service.DesiredCount),
		// A strategy and no launch type: ECS takes one or the other, and
		// switching later replaces the service.
		CapacityProviderStrategies: d.cluster.strategy,
		LoadBalancers: ecs.ServiceLoadBalancerArray{&ecs.ServiceLoadBalancerArgs{
			TargetGroupArn: d.alb.targetGroup.Arn,
			ContainerName:  pulumi.String(a.Container.Name),
			ContainerPort:  pulumi.Int(a.Container.Port),
		}},
		HealthCheckGracePeriodSeconds: pulumi.Int(*a.Service.HealthCheckGracePeriod),
		DeploymentCircuitBreaker: &ecs.ServiceDeploymentCircuitBreakerArgs{
			Enable:   pulumi.Bool(true),
			Rollback: pulumi.Bool(true),
		},
		DeploymentMinimumHealthyPercent: pulumi.Int(*a.Service.MinimumHealthyPercent),
		DeploymentMaximumPercent:        pulumi.Int(a.Service.MaximumPercent),
		EnableEcsManagedTags:            pulumi.Bool(true),
		PropagateTags:                   pulumi.String("SERVICE"),
		Tags:                            b.tags(name),
	}
	if d.sgs.task != nil {
		groups := pulumi.StringArray{d.sgs.task.ID()}
		for _, id := range a.Service.ExtraSecurityGroupIds {
			groups = append(groups, pulumi.String(id))
		}
		svcArgs.NetworkConfiguration = &ecs.ServiceNetworkConfigurationArgs{
			Subnets:        subnetIds(d.net.private),
			SecurityGroups: groups,
			AssignPublicIp: pulumi.Bool(false),
		}
	}
	if a.usesEC2() {
		// One task per AZ before doubling up, then fill instances by
		// memory so managed scaling can empty the rest.
		svcArgs.OrderedPlacementStrategies = ecs.ServiceOrderedPlacementStrategyArray{
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("spread"), Field: pulumi.String("attribute:ecs.availability-zone")},
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("binpack"), Field: pulumi.String("memory")},
		}
	} else {
		svcArgs.PlatformVersion = pulumi.String("LATEST")
	}
	svc, err := ecs.NewService(b.ctx, name, svcArgs, b.opts(pulumi.DependsOn(deps))...)
	if err != nil {
		return nil, fmt.Errorf("create service: %w", err)
	}
	return svc, nil
}
