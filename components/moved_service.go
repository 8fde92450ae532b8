package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The names below moved to package service; they stay here for one release so
// that programs importing this package keep compiling.

// AlarmArgs is service.AlarmArgs.
type AlarmArgs = service.AlarmArgs

// AlarmThreshold is service.AlarmThreshold.
type AlarmThreshold = service.AlarmThreshold

// AlarmThresholds is service.AlarmThresholds.
type AlarmThresholds = service.AlarmThresholds

// AutoscalingArgs is service.AutoscalingArgs.
type AutoscalingArgs = service.AutoscalingArgs

// ContainerArgs is service.ContainerArgs.
type ContainerArgs = service.ContainerArgs

// ContainerDependency is service.ContainerDependency.
type ContainerDependency = service.ContainerDependency

// ContainerHealthCheck is service.ContainerHealthCheck.
type ContainerHealthCheck = service.ContainerHealthCheck

// ContainerSecret is service.ContainerSecret.
type ContainerSecret = service.ContainerSecret

// DependencyComplete is service.DependencyComplete.
const DependencyComplete = service.DependencyComplete

// DependencyHealthy is service.DependencyHealthy.
const DependencyHealthy = service.DependencyHealthy

// DependencyStart is service.DependencyStart.
const DependencyStart = service.DependencyStart

// DependencySuccess is service.DependencySuccess.
const DependencySuccess = service.DependencySuccess

// ImageBuild is service.ImageBuild.
type ImageBuild = service.ImageBuild

// MetricCPU is service.MetricCPU.
const MetricCPU = service.MetricCPU

// MetricMemory is service.MetricMemory.
const MetricMemory = service.MetricMemory

// MetricRequests is service.MetricRequests.
const MetricRequests = service.MetricRequests

// NewWebService is service.NewWebService.
func NewWebService(ctx *pulumi.Context, name string, args *service.WebServiceArgs, opts ...pulumi.ResourceOption) (*service.WebService, error) {
	return service.NewWebService(ctx, name, args, opts...)
}

// PolicyStatement is service.PolicyStatement.
type PolicyStatement = service.PolicyStatement

// RepositoryArgs is service.RepositoryArgs.
type RepositoryArgs = service.RepositoryArgs

// ScalingPolicy is service.ScalingPolicy.
type ScalingPolicy = service.ScalingPolicy

// SecretKindParameterStore is service.SecretKindParameterStore.
const SecretKindParameterStore = service.SecretKindParameterStore

// SecretKindSecretsManager is service.SecretKindSecretsManager.
const SecretKindSecretsManager = service.SecretKindSecretsManager

// ServiceArgs is service.ServiceArgs.
type ServiceArgs = service.ServiceArgs

// ServiceRoute is service.ServiceRoute.
type ServiceRoute = service.ServiceRoute

// ShareRuleClaims is service.ShareRuleClaims.
func ShareRuleClaims(ctx *pulumi.Context, scope any) {
	service.ShareRuleClaims(ctx, scope)
}

// SidecarArgs is service.SidecarArgs.
type SidecarArgs = service.SidecarArgs

// TaskArgs is service.TaskArgs.
type TaskArgs = service.TaskArgs

// TaskRoleArgs is service.TaskRoleArgs.
type TaskRoleArgs = service.TaskRoleArgs

// TracingOff is service.TracingOff.
const TracingOff = service.TracingOff

// TracingXray is service.TracingXray.
const TracingXray = service.TracingXray

// ValidateWebService is service.ValidateWebService.
func ValidateWebService(ctx *pulumi.Context, name string, args *service.WebServiceArgs, opts ...pulumi.ResourceOption) error {
	return service.ValidateWebService(ctx, name, args, opts...)
}

// WebService is service.WebService.
type WebService = service.WebService

// WebServiceArgs is service.WebServiceArgs.
type WebServiceArgs = service.WebServiceArgs

// WebServiceType is service.WebServiceType.
const WebServiceType = service.WebServiceType
