package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// BackendServiceType is the BackendService component's type token.
const BackendServiceType = "private-fargate:index:BackendService"

// BackendService is an internal service: no target group and no listener
// rule, reached only by the cluster's other services through ECS Service
// Connect, as http://<DiscoveryName>:<Container.Port>. It owns its task
// security group (which admits each caller on its port, the caller's
// rule), repository and image, roles, log group, task definition and ECS
// service, and optionally its autoscaling and alarms.
type BackendService struct {
	pulumi.ResourceState

	// ServiceName is the ECS service's name.
	ServiceName pulumi.StringOutput `pulumi:"serviceName"`
	// ServiceArn is the ECS service's ARN.
	ServiceArn pulumi.StringOutput `pulumi:"serviceArn"`
	// Endpoint is the URL callers reach it at, such as http://orders:8080.
	Endpoint pulumi.StringOutput `pulumi:"endpoint"`
	// RepositoryUrl is the ECR repository's URL.
	RepositoryUrl pulumi.StringOutput `pulumi:"repositoryUrl"`
	// LogGroupName is the log group of its containers and its proxy.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// TaskSecurityGroupId is the tasks' security group.
	TaskSecurityGroupId pulumi.StringOutput `pulumi:"taskSecurityGroupId"`
	// TaskRoleArn is the application's own role.
	TaskRoleArn pulumi.StringOutput `pulumi:"taskRoleArn"`
	// AlarmTopicArn is the SNS topic the alarms notify; empty without
	// Alarms.
	AlarmTopicArn pulumi.StringOutput `pulumi:"alarmTopicArn"`
	// ServiceConnect is what a caller in another stack needs of the
	// backend, as one object: name, port, appProtocol, namespace,
	// securityGroupId and calls (components.AttachBackend reads it).
	ServiceConnect pulumi.AnyOutput `pulumi:"serviceConnect"`

	contract ServiceConnectContract
}

// ServiceConnectContract is what a caller needs of the backend.
func (b *BackendService) ServiceConnectContract() ServiceConnectContract { return b.contract }

// BackendServiceArgs configures a BackendService.
type BackendServiceArgs struct {
	// Network is where the tasks run: a *Network, or a NetworkContract.
	// Required. Without NAT it must have the ecs-agent endpoint (Service
	// Connect) and every endpoint the workload's features need.
	Network network.NetworkSource `pulumi:"network"`
	// Cluster runs the service: a *Cluster, or a ClusterContract.
	// Required. It must have a ServiceConnect namespace.
	Cluster cluster.ClusterSource `pulumi:"cluster"`
	// DiscoveryName is the name callers reach the backend by. Optional.
	// Default: the component's name. Valid: lowercase letters, digits,
	// underscores and hyphens, at most 64, not starting with a hyphen, and
	// unique in the namespace (ECS ServiceConnectService.discoveryName).
	DiscoveryName string `pulumi:"discoveryName,optional"`
	// AppProtocol is the protocol of the app's port: "http", "http2",
	// "grpc" or "tcp". Optional. Default: "http". The HTTP metrics (and
	// the 5xx alarm) need http or http2. ECS cannot change it on a
	// deployed Service Connect service: changing it replaces the service.
	AppProtocol string `pulumi:"appProtocol,optional"`
	// IdleTimeout is the seconds a connection through the proxy may stay
	// idle. Optional. Default: ECS's (5 minutes; 1 hour for tcp). Valid:
	// 0 (no timeout) to 2147483647.
	IdleTimeout *int `pulumi:"idleTimeout,optional"`
	// PerRequestTimeout is the seconds the proxy waits for a response.
	// Optional. Default: ECS's (15). Valid: 0 (no timeout) to 2147483647,
	// and only with an http, http2 or grpc AppProtocol.
	PerRequestTimeout *int `pulumi:"perRequestTimeout,optional"`
	// Calls are the other backends this one calls. Each admits it on its
	// port, and this service starts after them. Optional.
	Calls []ServiceConnectSource `pulumi:"calls,optional"`

	// Container describes the app's container; its Port is the port
	// callers reach. Required. Its HealthCheck is the backend's health
	// check: there is no target group.
	Container ContainerArgs `pulumi:"container"`
	// Sidecars are more containers in the task beside the app's. Optional.
	Sidecars []SidecarArgs `pulumi:"sidecars,optional"`
	// Tracing runs the X-Ray collector beside the app, as WebServiceArgs.Tracing.
	Tracing string `pulumi:"tracing,optional"`
	// Task sizes the task. Optional; see TaskArgs. The Service Connect
	// proxy shares it: AWS recommends 256 more CPU units and at least 64
	// MiB more memory than the app alone needs.
	Task TaskArgs `pulumi:"task,optional"`
	// Service configures the ECS service. Optional; see ServiceArgs.
	Service ServiceArgs `pulumi:"service,optional"`
	// Autoscaling scales the task count on CPU or memory. Optional.
	// Valid: no requests metric (there is no target group).
	Autoscaling *AutoscalingArgs `pulumi:"autoscaling,optional"`
	// Alarms turns on the service's alarms: CPU, memory, running tasks,
	// and the Service Connect 5xx rate (which deployments roll back on)
	// and response time. Optional. See AlarmArgs.
	Alarms *AlarmArgs `pulumi:"alarms,optional"`
	// Repository configures the ECR repository the image is pushed to.
	Repository RepositoryArgs `pulumi:"repository,optional"`
	// LogRetentionDays is how long CloudWatch keeps the logs. Optional.
	// Default: 30.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// TaskRole grants the application its own AWS permissions. Optional.
	TaskRole TaskRoleArgs `pulumi:"taskRole,optional"`
	// KmsKeyArn encrypts the log group, repository and alarm topic, as
	// WebServiceArgs.KmsKeyArn. Optional.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// SecretsUseKey says the secrets are encrypted with KmsKeyArn.
	// Optional. Default: false.
	SecretsUseKey bool `pulumi:"secretsUseKey,optional"`
	// Tags are added to every taggable resource. Optional.
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

func (a BackendServiceArgs) private() privateArgs {
	return privateArgs{piece: "BackendService", network: a.Network, cluster: a.Cluster, w: Workload{
		Kind: KindBackend, Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service,
		Repository: a.Repository, LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags,
		KmsKeyArn: a.KmsKeyArn, SecretsUseKey: a.SecretsUseKey, Autoscaling: a.Autoscaling, Alarms: a.Alarms,
		AppProtocol: a.AppProtocol,
	}}
}

// withDefaults fills in the defaults; name is the component's.
func (a BackendServiceArgs) withDefaults(name string) (BackendServiceArgs, privateArgs, *cluster.Ec2GroupContract) {
	a.DiscoveryName = check.StrOr(a.DiscoveryName, name)
	a.AppProtocol = check.StrOr(a.AppProtocol, AppProtocolHttp)
	pa, group := a.private().withDefaults()
	pa.w.PortName = a.DiscoveryName
	if a.AppProtocol == AppProtocolTcp {
		pa.w.AppProtocol = "" // ECS: no appProtocol is TCP
	}
	return a, pa, group
}

// validate checks the defaulted args and returns every problem.
func (a BackendServiceArgs) validate(name string, pa privateArgs, group *cluster.Ec2GroupContract) check.Problems {
	var p check.Problems
	pa.check(&p, name, group, network.EndpointFeatures{ServiceConnect: true})
	if !discoveryNamePattern.MatchString(a.DiscoveryName) {
		p.Add("DiscoveryName", "%q cannot be a Service Connect name; use lowercase letters, digits, underscores and hyphens, at most 64, not starting with a hyphen", a.DiscoveryName)
	}
	switch a.AppProtocol {
	case AppProtocolHttp, AppProtocolHttp2, AppProtocolGrpc:
	case AppProtocolTcp:
		if a.PerRequestTimeout != nil {
			p.Add("PerRequestTimeout", "is set, but ECS takes a per-request timeout only for an http, http2 or grpc port; remove it or set AppProtocol")
		}
	default:
		p.Add("AppProtocol", "%q is not a Service Connect protocol; use %s, %s, %s or %s", a.AppProtocol, AppProtocolHttp, AppProtocolHttp2, AppProtocolGrpc, AppProtocolTcp)
	}
	if a.IdleTimeout != nil {
		p.RangeInt("IdleTimeout", *a.IdleTimeout, 0, 2147483647)
	}
	if a.PerRequestTimeout != nil {
		p.RangeInt("PerRequestTimeout", *a.PerRequestTimeout, 0, 2147483647)
	}
	if s := a.Autoscaling; s != nil {
		for i, pol := range s.Policies {
			if pol.Metric == MetricRequests {
				p.Add(fmt.Sprintf("Autoscaling.Policies[%d].Metric", i), "%s counts the requests of a target group, and a backend has none; scale on %s or %s", MetricRequests, MetricCPU, MetricMemory)
			}
		}
	}
	if a.Cluster != nil {
		c := a.Cluster.ClusterContract()
		if c.ServiceConnect == nil {
			p.Add("Cluster", "cluster %s has no Service Connect namespace for the backend to be called in; set ServiceConnect on the cluster", c.Name)
		}
		checkCalls(&p, a.DiscoveryName, a.Calls, c, false)
	}
	return p
}

// ValidateBackendService checks args as NewBackendService does and
// registers nothing: a *ValidationError lists every problem. Its checks
// make no look-up; it takes the context and options as the other
// workloads' validators do.
func ValidateBackendService(_ *pulumi.Context, name string, args *BackendServiceArgs, _ ...pulumi.ResourceOption) error {
	if args == nil {
		args = &BackendServiceArgs{}
	}
	a, pa, group := args.withDefaults(name)
	return check.Refusal("BackendService", a.validate(name, pa, group))
}

// NewBackendService checks args against themselves and the network and
// cluster contracts, then creates the backend. On invalid args it returns
// a *ValidationError and registers nothing.
func NewBackendService(ctx *pulumi.Context, name string, args *BackendServiceArgs, opts ...pulumi.ResourceOption) (*BackendService, error) {
	if args == nil {
		args = &BackendServiceArgs{}
	}
	return NewBackendServiceIn(ctx, name, *args, nil, opts...)
}

// NewBackendServiceIn is NewBackendService for a backend built inside a
// composite (in), which names its problems, before anything registers
// and at deploy time, by the composite's own fields; nil in is
// NewBackendService.
func NewBackendServiceIn(ctx *pulumi.Context, name string, args BackendServiceArgs, in *piece.Within, opts ...pulumi.ResourceOption) (*BackendService, error) {
	a, pa, group := args.withDefaults(name)
	if err := in.Refusal(check.Refusal("BackendService", a.validate(name, pa, group))); err != nil {
		return nil, err
	}
	b := &BackendService{}
	if err := ctx.RegisterComponentResource(BackendServiceType, name, b, opts...); err != nil {
		return nil, fmt.Errorf("register backend service: %w", err)
	}
	f := &piece.Family{Ctx: ctx, Name: name, Parent: b, In: in, Tags: a.Tags, Piece: "BackendService"}
	sp := newPrivateParts(f, pa, group)
	port := sp.w.Container.Port
	sg, err := sp.privateGroup(fmt.Sprintf("ECS tasks of backend %s: Service Connect callers on port %d, HTTPS out to the VPC endpoints", a.DiscoveryName, port),
		func(taskSG pulumi.StringOutput) []piece.SgRule { return callRules(taskSG, a.Calls) })
	if err != nil {
		return nil, err
	}
	task, err := sp.buildTask()
	if err != nil {
		return nil, err
	}
	server := &ecs.ServiceServiceConnectConfigurationServiceArgs{
		PortName:      pulumi.String(a.DiscoveryName),
		DiscoveryName: pulumi.String(a.DiscoveryName),
		// One alias, with its port: the API requires it, and its DNS name
		// is the bare name, so callers write http://<name>:<port>.
		ClientAlias: ecs.ServiceServiceConnectConfigurationServiceClientAliasArray{
			&ecs.ServiceServiceConnectConfigurationServiceClientAliasArgs{Port: pulumi.Int(port), DnsName: pulumi.String(a.DiscoveryName)},
		},
	}
	if a.IdleTimeout != nil || a.PerRequestTimeout != nil {
		t := &ecs.ServiceServiceConnectConfigurationServiceTimeoutArgs{}
		if a.IdleTimeout != nil {
			t.IdleTimeoutSeconds = pulumi.Int(*a.IdleTimeout)
		}
		if a.PerRequestTimeout != nil {
			t.PerRequestTimeoutSeconds = pulumi.Int(*a.PerRequestTimeout)
		}
		server.Timeout = t
	}
	sp.connect = connectConfig(sp.c, a.Calls, task.logs.Name, sp.n.Region, server)

	var topic alarmTopic
	var rollback pulumi.StringArray
	if sp.w.Alarms != nil {
		if topic, err = newAlarmTopic(f, sp.w, sp.in, sp.n.Region); err != nil {
			return nil, err
		}
		if rollback, err = newConnectAlarms(f, connectAlarms(sp.w.Alarms.Thresholds, a.DiscoveryName, a.AppProtocol), topic); err != nil {
			return nil, err
		}
	}
	svc, err := sp.service(task.td, rollback)
	if err != nil {
		return nil, err
	}
	if sp.w.Alarms != nil {
		for _, spec := range serviceAlarms(sp.w.Alarms.Thresholds, sp.c.ClusterName.ToStringOutput(), svc.Name) {
			if _, err := newAlarm(f, spec, topic); err != nil {
				return nil, err
			}
		}
	}
	if sp.w.Autoscaling != nil {
		if err := newAutoscaling(f, sp.w.Autoscaling, scalingTarget{
			clusterName: sp.c.ClusterName.ToStringOutput(), serviceName: svc.Name,
		}); err != nil {
			return nil, err
		}
	}

	b.contract = ServiceConnectContract{
		Name: a.DiscoveryName, Port: port, AppProtocol: pa.w.AppProtocol, Namespace: sp.c.ServiceConnect.Namespace,
		SecurityGroupId: sg.ID(), ServiceArn: svc.ID(), Calls: reached(a.Calls),
	}
	b.ServiceConnect = pulumi.All(sg.ID()).ApplyT(func(v []any) (any, error) {
		return serviceConnectOutput(b.contract, string(v[0].(pulumi.ID))), nil
	}).(pulumi.AnyOutput)
	b.ServiceName = svc.Name
	b.ServiceArn = svc.ID().ToStringOutput()
	b.Endpoint = pulumi.Sprintf("http://%s:%d", a.DiscoveryName, port)
	b.RepositoryUrl = task.repo.repo.RepositoryUrl
	b.LogGroupName = task.logs.Name
	b.TaskSecurityGroupId = sp.taskSG
	b.TaskRoleArn = task.roles.task.Arn
	b.AlarmTopicArn = pulumi.String("").ToStringOutput()
	if sp.w.Alarms != nil {
		b.AlarmTopicArn = topic.arn
	}
	if err := ctx.RegisterResourceOutputs(b, pulumi.Map{
		"serviceName":         b.ServiceName,
		"serviceArn":          b.ServiceArn,
		"endpoint":            b.Endpoint,
		"repositoryUrl":       b.RepositoryUrl,
		"logGroupName":        b.LogGroupName,
		"taskSecurityGroupId": b.TaskSecurityGroupId,
		"taskRoleArn":         b.TaskRoleArn,
		"alarmTopicArn":       b.AlarmTopicArn,
		"serviceConnect":      b.ServiceConnect,
	}); err != nil {
		return nil, fmt.Errorf("register backend service outputs: %w", err)
	}
	return b, nil
}
