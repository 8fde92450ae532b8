package service

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WebServiceType is the WebService component's type token.
const WebServiceType = check.WebServiceType

// WebService is one service (the app's container and its sidecars) on a
// shared Network, Cluster and LoadBalancer: its task security group and
// the rules that connect it to the load balancer and the endpoints, its
// target group and listener rule (on a shared load balancer), its ECR
// repository and image, log group, roles, task definition and ECS
// service.
type WebService struct {
	pulumi.ResourceState

	// ServiceName is the ECS service's name.
	ServiceName pulumi.StringOutput `pulumi:"serviceName"`
	// RepositoryUrl is the ECR repository's URL.
	RepositoryUrl pulumi.StringOutput `pulumi:"repositoryUrl"`
	// LogGroupName is the container log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// TaskSecurityGroupId is the tasks' security group (in bridge mode,
	// the container instances' group, which the tasks share).
	TaskSecurityGroupId pulumi.StringOutput `pulumi:"taskSecurityGroupId"`
	// TargetGroupArn is the target group the tasks register in.
	TargetGroupArn pulumi.StringOutput `pulumi:"targetGroupArn"`
	// TaskRoleArn is the application's own role.
	TaskRoleArn pulumi.StringOutput `pulumi:"taskRoleArn"`
	// AlarmTopicArn is the SNS topic the alarms notify; empty without
	// Alarms.
	AlarmTopicArn pulumi.StringOutput `pulumi:"alarmTopicArn"`
}

// Workload is what a service runs, the same in a WebService and in a
// PrivateFargateService.
type Workload struct {
	Container        ContainerArgs
	Sidecars         []SidecarArgs
	Tracing          string
	Task             TaskArgs
	Service          ServiceArgs
	Repository       RepositoryArgs
	LogRetentionDays int
	TaskRole         TaskRoleArgs
	Tags             pulumi.StringMap
	KmsKeyArn        pulumi.StringInput
	SecretsUseKey    bool
	Autoscaling      *AutoscalingArgs
	Alarms           *AlarmArgs
	// Caches are the network's pull-through cache rules, which decide
	// what public image is pullable and where from.
	Caches []network.CacheRoute
	// Kind is the component the workload runs in: KindWeb (the zero
	// value), KindBackend, KindWorker or KindJob. Only web services and
	// backends take inbound traffic, so only they have a container port.
	Kind string
	// PortName and AppProtocol name the app's port mapping for Service
	// Connect, which finds a server's port by its name; "" for none.
	PortName, AppProtocol string
}

// The kinds of workload.
const (
	// KindWeb is a WebService: behind the load balancer.
	KindWeb = ""
	// KindBackend is a BackendService: reached through Service Connect.
	KindBackend = "backend"
	// KindWorker is a WorkerService: no inbound port, it consumes a queue.
	KindWorker = "worker"
	// KindJob is a ScheduledJob: a task EventBridge Scheduler runs.
	KindJob = "job"
)

// takesTraffic tells whether the workload's app listens on a port.
func (w Workload) takesTraffic() bool { return w.Kind == KindWeb || w.Kind == KindBackend }

func (a WebServiceArgs) workload() Workload {
	return Workload{
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags, KmsKeyArn: a.KmsKeyArn,
		SecretsUseKey: a.SecretsUseKey, Autoscaling: a.Autoscaling, Alarms: a.Alarms,
	}
}

// UsesEC2 tells whether the strategy runs tasks on EC2 container instances.
func (w Workload) UsesEC2() bool {
	return slices.ContainsFunc(w.Service.CapacityProviderStrategy, func(i cluster.CapacityProviderStrategyItem) bool {
		return i.Provider == cluster.ProviderEC2
	})
}

// ec2Item is the strategy's EC2 entry, if any.
func (w Workload) ec2Item() (cluster.CapacityProviderStrategyItem, bool) {
	i := slices.IndexFunc(w.Service.CapacityProviderStrategy, func(i cluster.CapacityProviderStrategyItem) bool {
		return i.Provider == cluster.ProviderEC2
	})
	if i < 0 {
		return cluster.CapacityProviderStrategyItem{}, false
	}
	return w.Service.CapacityProviderStrategy[i], true
}

// NewWebService checks args against themselves and against the network,
// cluster and load balancer contracts it is given, then creates the
// service. On invalid args it returns a *ValidationError and registers
// nothing.
func NewWebService(ctx *pulumi.Context, name string, args *WebServiceArgs, opts ...pulumi.ResourceOption) (*WebService, error) {
	if args == nil {
		args = &WebServiceArgs{}
	}
	return NewWebServiceIn(ctx, name, *args, nil, opts...)
}

// serviceParts are what the service's steps hand each other.
type serviceParts struct {
	f       *piece.Family
	w       Workload
	n       network.NetworkContract
	l       edge.LoadBalancerContract
	c       cluster.ClusterContract
	group   *cluster.Ec2GroupContract
	route   *resolvedRoute
	bridge  bool
	in      checkedInputs
	taskSG  pulumi.StringOutput
	members pulumi.StringArray
	// waitFor are what the ECS service must be created after.
	waitFor []pulumi.Resource
	// targetGroupArn and targetGroupSuffix are the service's target
	// group: its own behind its rule, or the load balancer's default.
	// A service that is not behind the load balancer has none.
	targetGroupArn, targetGroupSuffix pulumi.StringOutput
	behindAlb                         bool
	// connect is the ECS service's Service Connect configuration, or nil.
	connect *ecs.ServiceServiceConnectConfigurationArgs
	// scaled says Application Auto Scaling owns the desired count by
	// another scaler than Workload.Autoscaling (a worker's backlog).
	scaled bool
}

// ValidateWebService checks args as NewWebService does, with the same
// look-up of the live listener's rule at the service's priority, and
// registers nothing: a *ValidationError lists every problem. A program
// with several services, or with resources of its own, calls it for
// each service before it creates anything, so that a refused service
// leaves nothing of the others behind.
func ValidateWebService(ctx *pulumi.Context, name string, args *WebServiceArgs, opts ...pulumi.ResourceOption) error {
	if args == nil {
		args = &WebServiceArgs{}
	}
	_, _, _, err := checkWebService(ctx, name, *args, opts)
	return err
}

// checkWebService defaults and checks args, and returns them with the
// cluster's EC2 group the strategy names and the service's rule.
func checkWebService(ctx *pulumi.Context, name string, args WebServiceArgs, opts []pulumi.ResourceOption) (WebServiceArgs, *cluster.Ec2GroupContract, *resolvedRoute, error) {
	a, group := args.withDefaults()
	p := a.validate(name, group)
	var route *resolvedRoute
	if len(p) == 0 {
		route, p = a.resolveRoute(ctx, name, opts)
	}
	if len(p) == 0 {
		p = checkSharedRules(ctx, name, a.Network.NetworkContract(), a.LoadBalancer.LoadBalancerContract(), group != nil && group.NetworkMode == cluster.NetworkBridge)
	}
	return a, group, route, check.Refusal("WebService", p)
}

func NewWebServiceIn(ctx *pulumi.Context, name string, args WebServiceArgs, in *piece.Within, opts ...pulumi.ResourceOption) (*WebService, error) {
	a, group, route, err := checkWebService(ctx, name, args, opts)
	if err != nil {
		return nil, err
	}
	s := &WebService{}
	if err := ctx.RegisterComponentResource(WebServiceType, name, s, opts...); err != nil {
		return nil, fmt.Errorf("register web service: %w", err)
	}
	sp := &serviceParts{
		f: &piece.Family{Ctx: ctx, Name: name, Parent: s, In: in, Tags: a.Tags, Piece: "WebService"},
		w: a.workload(), n: a.Network.NetworkContract(), l: a.LoadBalancer.LoadBalancerContract(),
		c: a.Cluster.ClusterContract(), group: group, route: route,
	}
	sp.w.Caches = sp.n.PullThroughCache
	sp.bridge = group != nil && group.NetworkMode == cluster.NetworkBridge
	sp.behindAlb = true
	if err := sp.securityGroups(); err != nil {
		return nil, err
	}
	sp.in = checkInputs(sp.f, sp.w, sp.n)
	repo, err := newRegistry(sp.f, sp.w, sp.in)
	if err != nil {
		return nil, err
	}
	if err := sp.target(a.HealthCheck, *a.DeregistrationDelay); err != nil {
		return nil, err
	}
	logs, err := newLogGroup(sp.f, sp.w, sp.in)
	if err != nil {
		return nil, err
	}
	if len(a.Calls) > 0 {
		// A client only: its proxy carries the calls out; the load
		// balancer's traffic in is not Service Connect's.
		sp.connect = connectConfig(sp.c, a.Calls, logs.Name, sp.n.Region, nil)
		made, err := network.NewRules(sp.f, callRules(sp.taskSG, a.Calls))
		if err != nil {
			return nil, err
		}
		sp.waitFor = append(sp.waitFor, made...)
	}
	roles, td, err := sp.rolesAndTask(repo, logs)
	if err != nil {
		return nil, err
	}
	topic, deploymentAlarms, err := sp.trafficAlarms()
	if err != nil {
		return nil, err
	}
	svc, err := sp.service(td, deploymentAlarms)
	if err != nil {
		return nil, err
	}
	if sp.w.Alarms != nil {
		for _, spec := range serviceAlarms(sp.w.Alarms.Thresholds, sp.c.ClusterName.ToStringOutput(), svc.Name) {
			if _, err := newAlarm(sp.f, spec, topic); err != nil {
				return nil, err
			}
		}
	}
	if sp.w.Autoscaling != nil {
		if err := newAutoscaling(sp.f, sp.w.Autoscaling, scalingTarget{
			clusterName: sp.c.ClusterName.ToStringOutput(), serviceName: svc.Name,
			lbSuffix: sp.l.ArnSuffix.ToStringOutput(), tgSuffix: sp.targetGroupSuffix,
		}); err != nil {
			return nil, err
		}
	}

	s.ServiceName = svc.Name
	s.RepositoryUrl = repo.repo.RepositoryUrl
	s.LogGroupName = logs.Name
	s.TaskSecurityGroupId = sp.taskSG
	s.TargetGroupArn = sp.targetGroupArn
	s.TaskRoleArn = roles.task.Arn
	s.AlarmTopicArn = pulumi.String("").ToStringOutput()
	if sp.w.Alarms != nil {
		s.AlarmTopicArn = topic.arn
	}
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{
		"serviceName":         s.ServiceName,
		"repositoryUrl":       s.RepositoryUrl,
		"logGroupName":        s.LogGroupName,
		"taskSecurityGroupId": s.TaskSecurityGroupId,
		"targetGroupArn":      s.TargetGroupArn,
		"taskRoleArn":         s.TaskRoleArn,
		"alarmTopicArn":       s.AlarmTopicArn,
	}); err != nil {
		return nil, fmt.Errorf("register web service outputs: %w", err)
	}
	return s, nil
}

// securityGroups gives the tasks their group and its rules: the load
// balancer reaches the tasks on the container port only, and the tasks
// reach AWS through the network's endpoints only. A load balancer with a
// targets group and a network with an endpoint-clients group take the
// tasks as members, so their own groups gain no rule per service; without
// them the service adds its rules to theirs. Bridge tasks share their
// instances' group, which the cluster opened to the load balancer.
func (sp *serviceParts) securityGroups() error {
	f, n, l, port := sp.f, sp.n, sp.l, sp.w.Container.Port
	if sp.bridge {
		sp.taskSG = sp.group.InstanceSecurityGroupId.ToStringOutput()
		return nil
	}
	sgName := f.Name + "-task-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, sgName, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String("ECS tasks: container port from the load balancer, HTTPS out to the VPC endpoints"),
		Tags:        f.TagsFor(sgName),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create task security group: %w", err)
	}
	sp.taskSG = sg.ID().ToStringOutput()
	var rules []piece.SgRule
	if l.TargetSecurityGroupId != nil {
		sp.members = append(sp.members, l.TargetSecurityGroupId)
	} else {
		rules = append(rules, piece.SgRule{
			Suffix: "alb-out-task", Group: l.SecurityGroupId, Port: port, Peer: sp.taskSG,
			Description: fmt.Sprintf("To the tasks on container port %d", port),
		})
	}
	rules = append(rules, piece.SgRule{
		Suffix: "task-in-alb", Group: sp.taskSG, Ingress: true, Port: port, Peer: l.SecurityGroupId,
		Description: fmt.Sprintf("From the load balancer on container port %d", port),
	})
	if n.EndpointClientSecurityGroupId != nil {
		sp.members = append(sp.members, n.EndpointClientSecurityGroupId)
	} else {
		rules = append(rules, network.AccessRules("task", "the tasks", sp.taskSG, n)...)
	}
	made, err := network.NewRules(f, rules)
	if err != nil {
		return err
	}
	sp.waitFor = append(sp.waitFor, made...)
	return nil
}

// target gives the service its target group: its own, behind its
// listener rule, or the load balancer's default one. The service waits
// for the rule, or for the listeners through the default group's ARN:
// ECS refuses a target group no listener forwards to (BRIEF fact 5).
func (sp *serviceParts) target(hc edge.TargetHealthCheck, deregistrationDelay int) error {
	f := sp.f
	if sp.route == nil {
		sp.targetGroupArn = sp.l.DefaultTargetGroupArn.ToStringOutput()
		sp.targetGroupSuffix = sp.targetGroupArn.ApplyT(targetGroupArnSuffix).(pulumi.StringOutput)
		return nil
	}
	targetType := edge.TargetIP
	if sp.bridge {
		targetType = edge.TargetInstance
	}
	tg, err := edge.NewTargetGroup(f, f.Name+"-tg", sp.n.VpcId, sp.w.Container.Port, targetType, hc, deregistrationDelay)
	if err != nil {
		return err
	}
	sp.targetGroupArn, sp.targetGroupSuffix = tg.Arn, tg.ArnSuffix
	r := sp.route
	var conditions lb.ListenerRuleConditionArray
	if len(r.hosts) > 0 {
		conditions = append(conditions, &lb.ListenerRuleConditionArgs{
			HostHeader: &lb.ListenerRuleConditionHostHeaderArgs{Values: pulumi.ToStringArray(r.hosts)},
		})
	}
	if len(r.paths) > 0 {
		conditions = append(conditions, &lb.ListenerRuleConditionArgs{
			PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(r.paths)},
		})
	}
	ruleName := f.Name + "-rule"
	rule, err := lb.NewListenerRule(f.Ctx, ruleName, &lb.ListenerRuleArgs{
		ListenerArn: r.listenerArn,
		Priority:    pulumi.Int(r.priority),
		Conditions:  conditions,
		Actions: lb.ListenerRuleActionArray{&lb.ListenerRuleActionArgs{
			Type:           pulumi.String("forward"),
			TargetGroupArn: tg.Arn,
		}},
		Tags: f.TagsFor(ruleName),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create listener rule: %w", err)
	}
	sp.waitFor = append(sp.waitFor, rule)
	return nil
}

// taskDefinition creates the task definition: the app's container and
// the sidecars, their images, logs and secrets, on Fargate or on the cluster's EC2 group.
func (sp *serviceParts) taskDefinition(repo *registry, logs *cloudwatch.LogGroup, roles *roles) (*ecs.TaskDefinition, error) {
	f, w, bridge, region := sp.f, sp.w, sp.bridge, sp.n.Region
	inputs := []any{repo.image, logs.Name, sp.in.environment, sp.in.secrets}
	for _, s := range sp.in.sidecars {
		inputs = append(inputs, s.image, s.environment, s.secrets)
	}
	containers := pulumi.All(inputs...).ApplyT(func(v []any) string {
		var sidecars []resolvedSidecar
		for i := 4; i+2 < len(v); i += 3 {
			sidecars = append(sidecars, resolvedSidecar{image: v[i].(string), env: resolvedMap(v[i+1]), secrets: resolvedMap(v[i+2])})
		}
		return containerDefinitions(w, bridge, region, v[0].(string), v[1].(string), resolvedMap(v[2]), resolvedMap(v[3]), sidecars)
	}).(pulumi.StringOutput)
	compatibility, networkMode := "FARGATE", cluster.NetworkAwsvpc
	if sp.group != nil {
		compatibility, networkMode = "EC2", sp.group.NetworkMode
	}
	tdName := f.Name + "-task"
	td, err := ecs.NewTaskDefinition(f.Ctx, tdName, &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(f.Name),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String(compatibility)},
		NetworkMode:             pulumi.String(networkMode),
		Cpu:                     pulumi.String(fmt.Sprint(w.Task.Cpu)),
		Memory:                  pulumi.String(fmt.Sprint(w.Task.Memory)),
		RuntimePlatform: &ecs.TaskDefinitionRuntimePlatformArgs{
			OperatingSystemFamily: pulumi.String("LINUX"),
			CpuArchitecture:       pulumi.String(w.Task.Architecture),
		},
		ExecutionRoleArn:     roles.execution.Arn,
		TaskRoleArn:          roles.task.Arn,
		ContainerDefinitions: containers,
		Tags:                 f.TagsFor(tdName),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task definition: %w", err)
	}
	return td, nil
}

// trafficAlarms creates the alarm topic and the alarms on the load
// balancer and target group, which the deployment rolls back on, so the
// service waits for them; the ones on the service itself follow it.
func (sp *serviceParts) trafficAlarms() (alarmTopic, pulumi.StringArray, error) {
	var topic alarmTopic
	if sp.w.Alarms == nil {
		return topic, nil, nil
	}
	topic, err := newAlarmTopic(sp.f, sp.w, sp.in, sp.n.Region)
	if err != nil {
		return topic, nil, err
	}
	// A routed service shares the load balancer, whose own 5xx carry no
	// target group: only a default target's service takes them.
	rollback, notify := trafficAlarms(sp.w.Alarms.Thresholds, sp.l.ArnSuffix.ToStringOutput(), sp.targetGroupSuffix, sp.route == nil)
	var names pulumi.StringArray
	for _, spec := range rollback {
		alarm, err := newAlarm(sp.f, spec, topic)
		if err != nil {
			return topic, nil, err
		}
		names = append(names, alarm.Name)
	}
	for _, spec := range notify {
		if _, err := newAlarm(sp.f, spec, topic); err != nil {
			return topic, nil, err
		}
	}
	return topic, names, nil
}

// service creates the ECS service. It waits for everything a task needs
// at start: the listener and its rule, the endpoints and the rules that
// reach them, the roles' policies, and the capacity provider association
// (the last two through the contracts' ids).
func (sp *serviceParts) service(td *ecs.TaskDefinition, deploymentAlarms pulumi.StringArray) (*ecs.Service, error) {
	f, w, c := sp.f, sp.w, sp.c
	var strategy ecs.ServiceCapacityProviderStrategyArray
	for _, item := range w.Service.CapacityProviderStrategy {
		strategy = append(strategy, &ecs.ServiceCapacityProviderStrategyArgs{
			CapacityProvider: c.ProviderName(item),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	svcName := f.Name + "-service"
	svcArgs := &ecs.ServiceArgs{
		Cluster:        c.Arn,
		TaskDefinition: td.Arn,
		DesiredCount:   pulumi.Int(*w.Service.DesiredCount),
		// A strategy and no launch type: ECS takes one or the other, and
		// switching later replaces the service.
		CapacityProviderStrategies: strategy,
		DeploymentCircuitBreaker: &ecs.ServiceDeploymentCircuitBreakerArgs{
			Enable:   pulumi.Bool(true),
			Rollback: pulumi.Bool(true),
		},
		DeploymentMinimumHealthyPercent: pulumi.Int(*w.Service.MinimumHealthyPercent),
		DeploymentMaximumPercent:        pulumi.Int(w.Service.MaximumPercent),
		EnableEcsManagedTags:            pulumi.Bool(true),
		PropagateTags:                   pulumi.String("SERVICE"),
		Tags:                            f.TagsFor(svcName),
	}
	if sp.behindAlb {
		svcArgs.LoadBalancers = ecs.ServiceLoadBalancerArray{&ecs.ServiceLoadBalancerArgs{
			TargetGroupArn: sp.targetGroupArn,
			ContainerName:  pulumi.String(w.Container.Name),
			ContainerPort:  pulumi.Int(w.Container.Port),
		}}
		// ECS takes a grace period only from a service behind a load
		// balancer (CreateService, healthCheckGracePeriodSeconds).
		svcArgs.HealthCheckGracePeriodSeconds = pulumi.Int(*w.Service.HealthCheckGracePeriod)
	}
	svcArgs.ServiceConnectConfiguration = sp.connect
	if w.Service.EnableExecuteCommand {
		svcArgs.EnableExecuteCommand = pulumi.Bool(true)
	}
	if !sp.bridge {
		own := append(pulumi.StringArray{sp.taskSG}, sp.members...)
		groups := pulumi.All(own, sp.in.extraGroups).ApplyT(func(v []any) []string {
			return append(v[0].([]string), v[1].([]string)...)
		}).(pulumi.StringArrayOutput)
		svcArgs.NetworkConfiguration = &ecs.ServiceNetworkConfigurationArgs{
			Subnets:        sp.n.PrivateSubnetIds,
			SecurityGroups: groups,
			AssignPublicIp: pulumi.Bool(false),
		}
	}
	if sp.group != nil {
		// One task per AZ before doubling up, then fill instances by
		// memory so managed scaling can empty the rest.
		svcArgs.OrderedPlacementStrategies = ecs.ServiceOrderedPlacementStrategyArray{
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("spread"), Field: pulumi.String("attribute:ecs.availability-zone")},
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("binpack"), Field: pulumi.String("memory")},
		}
	} else {
		svcArgs.PlatformVersion = pulumi.String("LATEST")
	}
	if w.Alarms != nil && len(deploymentAlarms) > 0 {
		// Beside the circuit breaker: either fails a deployment (ECS
		// developer guide, "Amazon ECS deployment failure detection").
		svcArgs.Alarms = &ecs.ServiceAlarmsArgs{
			AlarmNames: deploymentAlarms,
			Enable:     pulumi.Bool(true),
			Rollback:   pulumi.Bool(*w.Alarms.Rollback),
		}
	}
	svcOpts := []pulumi.ResourceOption{pulumi.DependsOn(sp.waitFor)}
	if w.Autoscaling != nil || sp.scaled {
		// Application Auto Scaling owns the desired count once it scales
		// the service: a deploy that set it again would undo its work.
		// The first deploy still starts DesiredCount tasks.
		svcOpts = append(svcOpts, pulumi.IgnoreChanges([]string{"desiredCount"}))
	}
	svc, err := ecs.NewService(f.Ctx, svcName, svcArgs, f.Opts(svcOpts...)...)
	if err != nil {
		return nil, fmt.Errorf("create service: %w", err)
	}
	return svc, nil
}

// targetGroupArnSuffix is the part of a target group's ARN CloudWatch
// names it by, targetgroup/<name>/<id>: what comes after the fifth colon,
// as the provider's ArnSuffix is made.
func targetGroupArnSuffix(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[5]
}
