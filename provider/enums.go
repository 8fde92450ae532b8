package main

import (
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The enums of the schema. Each one spells the components package's
// constants, so a value passes to the component unchanged; the component
// still checks it (a YAML program can send any string), with its own
// message. An optional enum field is a pointer: infer requires it.

// NatMode is network.NatMode.
type NatMode string

// Values implements infer.Enum.
func (NatMode) Values() []infer.EnumValue[NatMode] {
	return []infer.EnumValue[NatMode]{
		enumValue[NatMode]("None", network.NatNone, "NatNone"),
		enumValue[NatMode]("Single", network.NatSingle, "NatSingle"),
		enumValue[NatMode]("PerAz", network.NatPerAz, "NatPerAz"),
	}
}

// CapacityProvider is a capacity provider a strategy names:
// cluster.ProviderFargate, ProviderFargateSpot or ProviderEC2.
type CapacityProvider string

// Values implements infer.Enum.
func (CapacityProvider) Values() []infer.EnumValue[CapacityProvider] {
	return []infer.EnumValue[CapacityProvider]{
		enumValue[CapacityProvider]("Fargate", cluster.ProviderFargate, "ProviderFargate"),
		enumValue[CapacityProvider]("FargateSpot", cluster.ProviderFargateSpot, "ProviderFargateSpot"),
		enumValue[CapacityProvider]("Ec2", cluster.ProviderEC2, "ProviderEC2"),
	}
}

// NetworkMode is a task networking mode on EC2 container instances:
// cluster.NetworkAwsvpc or NetworkBridge.
type NetworkMode string

// Values implements infer.Enum.
func (NetworkMode) Values() []infer.EnumValue[NetworkMode] {
	return []infer.EnumValue[NetworkMode]{
		enumValue[NetworkMode]("Awsvpc", cluster.NetworkAwsvpc, "NetworkAwsvpc"),
		enumValue[NetworkMode]("Bridge", cluster.NetworkBridge, "NetworkBridge"),
	}
}

// Architecture is a task's CPU architecture: cluster.ArchX86_64 or
// ArchARM64.
type Architecture string

// Values implements infer.Enum.
func (Architecture) Values() []infer.EnumValue[Architecture] {
	return []infer.EnumValue[Architecture]{
		enumValue[Architecture]("X86_64", cluster.ArchX86_64, "ArchX86_64"),
		enumValue[Architecture]("Arm64", cluster.ArchARM64, "ArchARM64"),
	}
}

// TargetType is a target group's target type: edge.TargetIP or
// TargetInstance.
type TargetType string

// Values implements infer.Enum.
func (TargetType) Values() []infer.EnumValue[TargetType] {
	return []infer.EnumValue[TargetType]{
		enumValue[TargetType]("Ip", edge.TargetIP, "TargetIP"),
		enumValue[TargetType]("Instance", edge.TargetInstance, "TargetInstance"),
	}
}

// SecretKind is the store a container secret lives in:
// service.SecretKindSecretsManager or SecretKindParameterStore.
type SecretKind string

// Values implements infer.Enum.
func (SecretKind) Values() []infer.EnumValue[SecretKind] {
	return []infer.EnumValue[SecretKind]{
		enumValue[SecretKind]("SecretsManager", service.SecretKindSecretsManager, "SecretKindSecretsManager"),
		enumValue[SecretKind]("ParameterStore", service.SecretKindParameterStore, "SecretKindParameterStore"),
	}
}

// enumValue is one value of an enum, described by the godoc of the
// components constant it spells.
func enumValue[E ~string, V ~string](name string, value V, constant string) infer.EnumValue[E] {
	return infer.EnumValue[E]{Name: name, Value: E(value), Description: godocs["const."+constant]}
}

// enumDocs say where each enum's own description comes from: the
// components type it stands for, or the const block that lists its
// values.
var enumDocs = map[string]string{
	"NatMode":             "type.NatMode",
	"CapacityProvider":    "group.ProviderFargate",
	"NetworkMode":         "group.NetworkAwsvpc",
	"Architecture":        "group.ArchX86_64",
	"TargetType":          "group.TargetIP",
	"SecretKind":          "group.SecretKindSecretsManager",
	"ScalingMetric":       "group.MetricCPU",
	"Listener":            "group.ListenerHttp",
	"DependencyCondition": "group.DependencyStart",
	"Tracing":             "group.TracingXray",
	"AppProtocol":         "group.AppProtocolHttp",
	"Kind":                "field.PrivateFargateServiceArgs.kind",
}

// DependencyCondition is what a container waits for in another:
// service.DependencyStart, DependencyComplete, DependencySuccess or
// DependencyHealthy.
type DependencyCondition string

// Values implements infer.Enum.
func (DependencyCondition) Values() []infer.EnumValue[DependencyCondition] {
	return []infer.EnumValue[DependencyCondition]{
		enumValue[DependencyCondition]("Start", service.DependencyStart, "DependencyStart"),
		enumValue[DependencyCondition]("Complete", service.DependencyComplete, "DependencyComplete"),
		enumValue[DependencyCondition]("Success", service.DependencySuccess, "DependencySuccess"),
		enumValue[DependencyCondition]("Healthy", service.DependencyHealthy, "DependencyHealthy"),
	}
}

// Tracing is a workload's tracing mode: service.TracingXray; leave it
// unset for none.
type Tracing string

// Values implements infer.Enum.
func (Tracing) Values() []infer.EnumValue[Tracing] {
	return []infer.EnumValue[Tracing]{
		enumValue[Tracing]("Xray", service.TracingXray, "TracingXray"),
	}
}

// Listener is the listener a service's own rule goes on:
// edge.ListenerHttp or ListenerHttps.
type Listener string

// Values implements infer.Enum.
func (Listener) Values() []infer.EnumValue[Listener] {
	return []infer.EnumValue[Listener]{
		enumValue[Listener]("Http", edge.ListenerHttp, "ListenerHttp"),
		enumValue[Listener]("Https", edge.ListenerHttps, "ListenerHttps"),
	}
}

// ScalingMetric is a predefined metric a scaling policy follows:
// service.MetricCPU, MetricMemory or MetricRequests.
type ScalingMetric string

// Values implements infer.Enum.
func (ScalingMetric) Values() []infer.EnumValue[ScalingMetric] {
	return []infer.EnumValue[ScalingMetric]{
		enumValue[ScalingMetric]("Cpu", service.MetricCPU, "MetricCPU"),
		enumValue[ScalingMetric]("Memory", service.MetricMemory, "MetricMemory"),
		enumValue[ScalingMetric]("Requests", service.MetricRequests, "MetricRequests"),
	}
}

// AppProtocol is a Service Connect server's port protocol:
// service.AppProtocolHttp, AppProtocolHttp2, AppProtocolGrpc or
// AppProtocolTcp.
type AppProtocol string

// Values implements infer.Enum.
func (AppProtocol) Values() []infer.EnumValue[AppProtocol] {
	return []infer.EnumValue[AppProtocol]{
		enumValue[AppProtocol]("Http", service.AppProtocolHttp, "AppProtocolHttp"),
		enumValue[AppProtocol]("Http2", service.AppProtocolHttp2, "AppProtocolHttp2"),
		enumValue[AppProtocol]("Grpc", service.AppProtocolGrpc, "AppProtocolGrpc"),
		enumValue[AppProtocol]("Tcp", service.AppProtocolTcp, "AppProtocolTcp"),
	}
}

// Kind is what a PrivateFargateService runs: components.KindWeb (the
// default), KindBackend, KindWorker or KindJob.
type Kind string

// Values implements infer.Enum. The descriptions are the workload
// components' own: each kind builds one of them.
func (Kind) Values() []infer.EnumValue[Kind] {
	return []infer.EnumValue[Kind]{
		{Name: "Web", Value: Kind(components.KindWeb), Description: "A WebService behind a public ALB: the component as before kinds."},
		{Name: "Backend", Value: Kind(components.KindBackend), Description: "A BackendService with no load balancer, reached through ECS Service Connect in the cluster's namespace."},
		{Name: "Worker", Value: Kind(components.KindWorker), Description: "A WorkerService with no load balancer and no inbound traffic, which consumes an SQS queue."},
		{Name: "Job", Value: Kind(components.KindJob), Description: "A ScheduledJob: a task EventBridge Scheduler runs on a schedule, with no ECS service."},
	}
}
