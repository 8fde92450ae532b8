package components

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WebServiceType is the WebService component's type token.
const WebServiceType = "private-fargate:index:WebService"

// WebService is one container service on a shared Network, Cluster and
// LoadBalancer: its task security group and the rules that connect it to
// the load balancer and the endpoints, its target group and listener rule
// (on a shared load balancer), its ECR repository and image, log group,
// roles, task definition and ECS service.
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

// workload is what a service runs, the same in a WebService and in a
// PrivateFargateService.
type workload struct {
	Container        ContainerArgs
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
}

func (a WebServiceArgs) workload() workload {
	return workload{
		Container: a.Container, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags, KmsKeyArn: a.KmsKeyArn,
		SecretsUseKey: a.SecretsUseKey, Autoscaling: a.Autoscaling, Alarms: a.Alarms,
	}
}

// usesEC2 tells whether the strategy runs tasks on EC2 container instances.
func (w workload) usesEC2() bool {
	return slices.ContainsFunc(w.Service.CapacityProviderStrategy, func(i CapacityProviderStrategyItem) bool {
		return i.Provider == ProviderEC2
	})
}

// ec2Item is the strategy's EC2 entry, if any.
func (w workload) ec2Item() (CapacityProviderStrategyItem, bool) {
	i := slices.IndexFunc(w.Service.CapacityProviderStrategy, func(i CapacityProviderStrategyItem) bool {
		return i.Provider == ProviderEC2
	})
	if i < 0 {
		return CapacityProviderStrategyItem{}, false
	}
	return w.Service.CapacityProviderStrategy[i], true
}

// NewWebService checks args against themselves and against the network,
// cluster and load balancer it is given, then creates the service. On
// invalid args it returns a *ValidationError and registers nothing.
func NewWebService(ctx *pulumi.Context, name string, args *WebServiceArgs, opts ...pulumi.ResourceOption) (*WebService, error) {
	if args == nil {
		args = &WebServiceArgs{}
	}
	return newWebService(ctx, name, *args, nil, opts...)
}

func newWebService(ctx *pulumi.Context, name string, args WebServiceArgs, legacy pulumi.Resource, opts ...pulumi.ResourceOption) (*WebService, error) {
	a, group := args.withDefaults()
	if err := validationError("WebService", a.validate(name, group)); err != nil {
		return nil, err
	}
	s := &WebService{}
	if err := ctx.RegisterComponentResource(WebServiceType, name, s, opts...); err != nil {
		return nil, fmt.Errorf("register web service: %w", err)
	}
	f := &family{ctx: ctx, name: name, parent: s, legacy: legacy, tags: a.Tags, piece: "WebService"}
	w := a.workload()
	n, l, c := a.Network, a.LoadBalancer, a.Cluster
	bridge := group != nil && group.args.NetworkMode == NetworkBridge
	port := w.Container.Port

	// Security: the load balancer reaches the tasks on the container port
	// only, and the tasks reach AWS through the network's endpoints only.
	var rules []sgRule
	var taskSG pulumi.StringOutput
	var ruleResources []pulumi.Resource
	if bridge {
		taskSG = group.instanceSG
		ruleResources = l.instanceRules[group]
	}
	if bridge && ruleResources == nil {
		rules = append(rules,
			sgRule{
				suffix: "alb-out-instance", group: l.SecurityGroupId, port: dynamicPortLow, toPort: dynamicPortHigh, peer: taskSG,
				description: fmt.Sprintf("To the container instances on dynamic host ports %d-%d", dynamicPortLow, dynamicPortHigh),
			},
			sgRule{
				suffix: "instance-in-alb", group: taskSG, ingress: true, port: dynamicPortLow, toPort: dynamicPortHigh, peer: l.SecurityGroupId,
				description: fmt.Sprintf("From the load balancer on dynamic host ports %d-%d", dynamicPortLow, dynamicPortHigh),
			},
		)
	} else if !bridge {
		sgName := name + "-task-sg"
		sg, err := ec2.NewSecurityGroup(ctx, sgName, &ec2.SecurityGroupArgs{
			VpcId:       n.VpcId,
			Description: pulumi.String("ECS tasks: container port from the load balancer, HTTPS out to the VPC endpoints"),
			Tags:        f.tagsFor(sgName),
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create task security group: %w", err)
		}
		taskSG = sg.ID().ToStringOutput()
		rules = append(rules,
			sgRule{
				suffix: "alb-out-task", group: l.SecurityGroupId, port: port, peer: taskSG,
				description: fmt.Sprintf("To the tasks on container port %d", port),
			},
			sgRule{
				suffix: "task-in-alb", group: taskSG, ingress: true, port: port, peer: l.SecurityGroupId,
				description: fmt.Sprintf("From the load balancer on container port %d", port),
			},
		)
		rules = append(rules, accessRules("task", "the tasks", taskSG, n)...)
	}
	if len(rules) > 0 {
		made, err := newRules(f, rules)
		if err != nil {
			return nil, err
		}
		ruleResources = made
		if bridge {
			if l.instanceRules == nil {
				l.instanceRules = map[*ec2Group][]pulumi.Resource{}
			}
			l.instanceRules[group] = made
		}
	}

	in := checkInputs(f, w, n.region, n.nat)
	repo, err := newRegistry(f, w, in)
	if err != nil {
		return nil, err
	}

	// The target group: the load balancer's default one, or the service's
	// own behind its listener rule.
	// Resources, not the pieces: depending on a component waits for the
	// children the SDK has recorded so far, a different set each run.
	waitFor := []pulumi.Resource{c.association}
	waitFor = append(waitFor, n.ready...)
	waitFor = append(waitFor, l.listeners...)
	targetGroupArn, targetGroupSuffix := l.DefaultTargetGroupArn, l.DefaultTargetGroupArn.ApplyT(targetGroupArnSuffix).(pulumi.StringOutput)
	if route, priority, ok := l.route(name); ok {
		targetType := TargetIP
		if bridge {
			targetType = TargetInstance
		}
		tg, err := newTargetGroup(f, name+"-tg", n.VpcId, port, targetType, a.HealthCheck, *a.DeregistrationDelay)
		if err != nil {
			return nil, err
		}
		targetGroupArn, targetGroupSuffix = tg.Arn, tg.ArnSuffix
		var conditions lb.ListenerRuleConditionArray
		if len(route.Hosts) > 0 {
			conditions = append(conditions, &lb.ListenerRuleConditionArgs{
				HostHeader: &lb.ListenerRuleConditionHostHeaderArgs{Values: pulumi.ToStringArray(route.Hosts)},
			})
		}
		if len(route.Paths) > 0 {
			conditions = append(conditions, &lb.ListenerRuleConditionArgs{
				PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(route.Paths)},
			})
		}
		ruleName := name + "-rule"
		rule, err := lb.NewListenerRule(ctx, ruleName, &lb.ListenerRuleArgs{
			ListenerArn: l.RuleListenerArn,
			Priority:    pulumi.Int(priority),
			Conditions:  conditions,
			Actions: lb.ListenerRuleActionArray{&lb.ListenerRuleActionArgs{
				Type:           pulumi.String("forward"),
				TargetGroupArn: tg.Arn,
			}},
			Tags: f.tagsFor(ruleName),
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create listener rule: %w", err)
		}
		waitFor = append(waitFor, rule)
	}

	logs, err := newLogGroup(f, w, in)
	if err != nil {
		return nil, err
	}
	roles, err := newRoles(f, w, in, repo, logs)
	if err != nil {
		return nil, err
	}

	region := n.region
	containers := pulumi.All(repo.image, logs.Name, in.environment, in.secrets).ApplyT(func(v []any) string {
		return containerDefinitions(w, bridge, region, v[0].(string), v[1].(string), resolvedMap(v[2]), resolvedMap(v[3]))
	}).(pulumi.StringOutput)
	compatibility, networkMode := "FARGATE", NetworkAwsvpc
	if group != nil {
		compatibility, networkMode = "EC2", group.args.NetworkMode
	}
	tdName := name + "-task"
	td, err := ecs.NewTaskDefinition(ctx, tdName, &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(name),
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
		Tags:                 f.tagsFor(tdName),
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task definition: %w", err)
	}

	var strategy ecs.ServiceCapacityProviderStrategyArray
	for _, item := range w.Service.CapacityProviderStrategy {
		strategy = append(strategy, &ecs.ServiceCapacityProviderStrategyArgs{
			CapacityProvider: c.providerName(item),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	// The service waits for everything a task needs at start: the
	// listener and its rule (or CreateService fails with "target group
	// does not have an associated load balancer"), the endpoints and the
	// rules that reach them, the execution role's policy, and the capacity
	// provider association. Depending on the network, load balancer and
	// cluster waits for all of their resources.
	waitFor = append(waitFor, roles.executionPolicy)
	waitFor = append(waitFor, ruleResources...)
	waitFor = append(waitFor, roles.taskPolicies...)
	if w.Service.EnableExecuteCommand {
		pol, err := newExecPolicy(f, roles.task, c.exec)
		if err != nil {
			return nil, err
		}
		waitFor = append(waitFor, pol)
	}
	// Alarms: the topic, and the alarms on the load balancer and target
	// group, which the deployment rolls back on, so the service waits for
	// them; the ones on the service itself follow it.
	var topic alarmTopic
	var deploymentAlarms pulumi.StringArray
	if w.Alarms != nil {
		if topic, err = newAlarmTopic(f, w, in, n.region); err != nil {
			return nil, err
		}
		// A routed service shares the load balancer, whose own 5xx
		// carry no target group: only a DefaultTarget's service takes them.
		_, _, routed := l.route(name)
		rollback, notify := trafficAlarms(w.Alarms.Thresholds, l.ArnSuffix, targetGroupSuffix, !routed)
		for _, spec := range rollback {
			alarm, err := newAlarm(f, spec, topic)
			if err != nil {
				return nil, err
			}
			deploymentAlarms = append(deploymentAlarms, alarm.Name)
		}
		for _, spec := range notify {
			if _, err := newAlarm(f, spec, topic); err != nil {
				return nil, err
			}
		}
	}

	svcName := name + "-service"
	svcArgs := &ecs.ServiceArgs{
		Cluster:        c.Arn,
		TaskDefinition: td.Arn,
		DesiredCount:   pulumi.Int(*w.Service.DesiredCount),
		// A strategy and no launch type: ECS takes one or the other, and
		// switching later replaces the service.
		CapacityProviderStrategies: strategy,
		LoadBalancers: ecs.ServiceLoadBalancerArray{&ecs.ServiceLoadBalancerArgs{
			TargetGroupArn: targetGroupArn,
			ContainerName:  pulumi.String(w.Container.Name),
			ContainerPort:  pulumi.Int(port),
		}},
		HealthCheckGracePeriodSeconds: pulumi.Int(*w.Service.HealthCheckGracePeriod),
		DeploymentCircuitBreaker: &ecs.ServiceDeploymentCircuitBreakerArgs{
			Enable:   pulumi.Bool(true),
			Rollback: pulumi.Bool(true),
		},
		DeploymentMinimumHealthyPercent: pulumi.Int(*w.Service.MinimumHealthyPercent),
		DeploymentMaximumPercent:        pulumi.Int(w.Service.MaximumPercent),
		EnableEcsManagedTags:            pulumi.Bool(true),
		PropagateTags:                   pulumi.String("SERVICE"),
		Tags:                            f.tagsFor(svcName),
	}
	if w.Service.EnableExecuteCommand {
		svcArgs.EnableExecuteCommand = pulumi.Bool(true)
	}
	if !bridge {
		groups := pulumi.All(taskSG, in.extraGroups).ApplyT(func(v []any) []string {
			return append([]string{v[0].(string)}, v[1].([]string)...)
		}).(pulumi.StringArrayOutput)
		svcArgs.NetworkConfiguration = &ecs.ServiceNetworkConfigurationArgs{
			Subnets:        n.PrivateSubnetIds,
			SecurityGroups: groups,
			AssignPublicIp: pulumi.Bool(false),
		}
	}
	if group != nil {
		// One task per AZ before doubling up, then fill instances by
		// memory so managed scaling can empty the rest.
		svcArgs.OrderedPlacementStrategies = ecs.ServiceOrderedPlacementStrategyArray{
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("spread"), Field: pulumi.String("attribute:ecs.availability-zone")},
			&ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("binpack"), Field: pulumi.String("memory")},
		}
	} else {
		svcArgs.PlatformVersion = pulumi.String("LATEST")
	}
	if w.Alarms != nil {
		// Beside the circuit breaker: either fails a deployment (ECS
		// developer guide, "Amazon ECS deployment failure detection").
		svcArgs.Alarms = &ecs.ServiceAlarmsArgs{
			AlarmNames: deploymentAlarms,
			Enable:     pulumi.Bool(true),
			Rollback:   pulumi.Bool(*w.Alarms.Rollback),
		}
	}
	svcOpts := []pulumi.ResourceOption{pulumi.DependsOn(waitFor)}
	if w.Autoscaling != nil {
		// Application Auto Scaling owns the desired count once it scales
		// the service: a deploy that set it again would undo its work.
		// The first deploy still starts DesiredCount tasks.
		svcOpts = append(svcOpts, pulumi.IgnoreChanges([]string{"desiredCount"}))
	}
	svc, err := ecs.NewService(ctx, svcName, svcArgs, f.opts(svcOpts...)...)
	if err != nil {
		return nil, fmt.Errorf("create service: %w", err)
	}
	if w.Alarms != nil {
		for _, spec := range serviceAlarms(w.Alarms.Thresholds, c.ClusterName, svc.Name) {
			if _, err := newAlarm(f, spec, topic); err != nil {
				return nil, err
			}
		}
	}
	if w.Autoscaling != nil {
		if err := newAutoscaling(f, w.Autoscaling, scalingTarget{
			clusterName: c.ClusterName, serviceName: svc.Name, lbSuffix: l.ArnSuffix, tgSuffix: targetGroupSuffix,
		}); err != nil {
			return nil, err
		}
	}

	s.ServiceName = svc.Name
	s.RepositoryUrl = repo.repo.RepositoryUrl
	s.LogGroupName = logs.Name
	s.TaskSecurityGroupId = taskSG
	s.TargetGroupArn = targetGroupArn
	s.TaskRoleArn = roles.task.Arn
	s.AlarmTopicArn = pulumi.String("").ToStringOutput()
	if w.Alarms != nil {
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
