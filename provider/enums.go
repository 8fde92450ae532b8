package main

import (
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// The enums of the schema. Each one spells the components package's
// constants, so a value passes to the component unchanged; the component
// still checks it (a YAML program can send any string), with its own
// message. An optional enum field is a pointer: infer requires it.

// NatMode is components.NatMode.
type NatMode string

// Values implements infer.Enum.
func (NatMode) Values() []infer.EnumValue[NatMode] {
	return []infer.EnumValue[NatMode]{
		enumValue[NatMode]("None", components.NatNone, "NatNone"),
		enumValue[NatMode]("Single", components.NatSingle, "NatSingle"),
		enumValue[NatMode]("PerAz", components.NatPerAz, "NatPerAz"),
	}
}

// CapacityProvider is a capacity provider a strategy names:
// components.ProviderFargate, ProviderFargateSpot or ProviderEC2.
type CapacityProvider string

// Values implements infer.Enum.
func (CapacityProvider) Values() []infer.EnumValue[CapacityProvider] {
	return []infer.EnumValue[CapacityProvider]{
		enumValue[CapacityProvider]("Fargate", components.ProviderFargate, "ProviderFargate"),
		enumValue[CapacityProvider]("FargateSpot", components.ProviderFargateSpot, "ProviderFargateSpot"),
		enumValue[CapacityProvider]("Ec2", components.ProviderEC2, "ProviderEC2"),
	}
}

// NetworkMode is a task networking mode on EC2 container instances:
// components.NetworkAwsvpc or NetworkBridge.
type NetworkMode string

// Values implements infer.Enum.
func (NetworkMode) Values() []infer.EnumValue[NetworkMode] {
	return []infer.EnumValue[NetworkMode]{
		enumValue[NetworkMode]("Awsvpc", components.NetworkAwsvpc, "NetworkAwsvpc"),
		enumValue[NetworkMode]("Bridge", components.NetworkBridge, "NetworkBridge"),
	}
}

// Architecture is a task's CPU architecture: components.ArchX86_64 or
// ArchARM64.
type Architecture string

// Values implements infer.Enum.
func (Architecture) Values() []infer.EnumValue[Architecture] {
	return []infer.EnumValue[Architecture]{
		enumValue[Architecture]("X86_64", components.ArchX86_64, "ArchX86_64"),
		enumValue[Architecture]("Arm64", components.ArchARM64, "ArchARM64"),
	}
}

// TargetType is a target group's target type: components.TargetIP or
// TargetInstance.
type TargetType string

// Values implements infer.Enum.
func (TargetType) Values() []infer.EnumValue[TargetType] {
	return []infer.EnumValue[TargetType]{
		enumValue[TargetType]("Ip", components.TargetIP, "TargetIP"),
		enumValue[TargetType]("Instance", components.TargetInstance, "TargetInstance"),
	}
}

// SecretKind is the store a container secret lives in:
// components.SecretKindSecretsManager or SecretKindParameterStore.
type SecretKind string

// Values implements infer.Enum.
func (SecretKind) Values() []infer.EnumValue[SecretKind] {
	return []infer.EnumValue[SecretKind]{
		enumValue[SecretKind]("SecretsManager", components.SecretKindSecretsManager, "SecretKindSecretsManager"),
		enumValue[SecretKind]("ParameterStore", components.SecretKindParameterStore, "SecretKindParameterStore"),
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
}

// DependencyCondition is what a container waits for in another:
// components.DependencyStart, DependencyComplete, DependencySuccess or
// DependencyHealthy.
type DependencyCondition string

// Values implements infer.Enum.
func (DependencyCondition) Values() []infer.EnumValue[DependencyCondition] {
	return []infer.EnumValue[DependencyCondition]{
		enumValue[DependencyCondition]("Start", components.DependencyStart, "DependencyStart"),
		enumValue[DependencyCondition]("Complete", components.DependencyComplete, "DependencyComplete"),
		enumValue[DependencyCondition]("Success", components.DependencySuccess, "DependencySuccess"),
		enumValue[DependencyCondition]("Healthy", components.DependencyHealthy, "DependencyHealthy"),
	}
}

// Tracing is a workload's tracing mode: components.TracingXray; leave it
// unset for none.
type Tracing string

// Values implements infer.Enum.
func (Tracing) Values() []infer.EnumValue[Tracing] {
	return []infer.EnumValue[Tracing]{
		enumValue[Tracing]("Xray", components.TracingXray, "TracingXray"),
	}
}

// Listener is the listener a service's own rule goes on:
// components.ListenerHttp or ListenerHttps.
type Listener string

// Values implements infer.Enum.
func (Listener) Values() []infer.EnumValue[Listener] {
	return []infer.EnumValue[Listener]{
		enumValue[Listener]("Http", components.ListenerHttp, "ListenerHttp"),
		enumValue[Listener]("Https", components.ListenerHttps, "ListenerHttps"),
	}
}

// ScalingMetric is a predefined metric a scaling policy follows:
// components.MetricCPU, MetricMemory or MetricRequests.
type ScalingMetric string

// Values implements infer.Enum.
func (ScalingMetric) Values() []infer.EnumValue[ScalingMetric] {
	return []infer.EnumValue[ScalingMetric]{
		enumValue[ScalingMetric]("Cpu", components.MetricCPU, "MetricCPU"),
		enumValue[ScalingMetric]("Memory", components.MetricMemory, "MetricMemory"),
		enumValue[ScalingMetric]("Requests", components.MetricRequests, "MetricRequests"),
	}
}
