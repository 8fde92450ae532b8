package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The predefined metrics a target-tracking policy on an ECS service may
// follow (Application Auto Scaling User Guide, "Target tracking scaling
// policies", Amazon ECS).
const (
	// MetricCPU is the service's average CPU utilization, in percent of
	// the CPU its tasks reserve.
	MetricCPU = "ECSServiceAverageCPUUtilization"
	// MetricMemory is the service's average memory utilization, in
	// percent of the memory its tasks reserve.
	MetricMemory = "ECSServiceAverageMemoryUtilization"
	// MetricRequests is the ALB requests each target of the service's
	// target group receives a minute.
	MetricRequests = "ALBRequestCountPerTarget"
)

// scalingMetrics are the predefined metrics, in the order the policies
// are made; scalingSuffix names each policy's child.
var (
	scalingMetrics = []string{MetricCPU, MetricMemory, MetricRequests}
	scalingSuffix  = map[string]string{MetricCPU: "cpu", MetricMemory: "memory", MetricRequests: "requests"}
)

// The scalable target of an ECS service: its desired count, in the ecs
// namespace (Application Auto Scaling API Reference, RegisterScalableTarget).
const (
	scalingNamespace = "ecs"
	scalingDimension = "ecs:service:DesiredCount"
)

// AutoscalingArgs scales the service's task count with Application Auto
// Scaling: a scalable target on the service's desired count, between
// MinCount and MaxCount, and a target-tracking policy per metric. Once it
// is on, Application Auto Scaling owns the desired count: the service
// ignores later changes to Service.DesiredCount, which only sets the
// count the first deploy starts.
type AutoscalingArgs struct {
	// MinCount is the fewest tasks the scaler leaves running. Optional.
	// Default: Service.DesiredCount (MaxCount, when that is lower). Valid:
	// 0 to Service.DesiredCount.
	MinCount *int `pulumi:"minCount,optional"`
	// MaxCount is the most tasks the scaler starts. Required. Valid: 1 or
	// more, and at least MinCount and Service.DesiredCount; on EC2
	// capacity, the group's MaxSize instances must hold MaxCount ×
	// MaximumPercent / 100 tasks (a deployment at full scale).
	MaxCount int `pulumi:"maxCount"`
	// Policies are the target-tracking policies, one per metric.
	// Optional. Default: MetricCPU and MetricMemory, each with a target
	// of 75 percent. Valid: MetricCPU, MetricMemory or MetricRequests,
	// each at most once.
	Policies []ScalingPolicy `pulumi:"policies,optional"`
}

// ScalingPolicy keeps one metric near its target value by adding tasks
// when it is above and removing them when it is below.
type ScalingPolicy struct {
	// Metric is MetricCPU, MetricMemory or MetricRequests. Required.
	Metric string `pulumi:"metric"`
	// TargetValue is the value to keep the metric at: percent for CPU and
	// memory, requests a minute per task for MetricRequests. Optional for
	// CPU and memory. Default: 75. Required for MetricRequests. Valid:
	// above 0 and at most 100 for CPU and memory; above 0 for requests.
	TargetValue float64 `pulumi:"targetValue,optional"`
	// ScaleInCooldown is how many seconds after a scale-in the next
	// scale-in may start. Optional. Default: 300 (Application Auto
	// Scaling's own default for ECS services). Valid: 0 to 3600.
	ScaleInCooldown *int `pulumi:"scaleInCooldown,optional"`
	// ScaleOutCooldown is how many seconds after a scale-out the next
	// scale-out may start. Optional. Default: 60. Valid: 0 to 3600.
	ScaleOutCooldown *int `pulumi:"scaleOutCooldown,optional"`
}

// scalingTarget is what the scalable target and its policies name: the
// cluster and service, and for the requests policy the ALB's and target
// group's ARN suffixes, as CloudWatch names them.
type scalingTarget struct {
	clusterName, serviceName pulumi.StringOutput
	lbSuffix, tgSuffix       pulumi.StringOutput
}

// scalingResourceID is the resource ID Application Auto Scaling gives an
// ECS service: service/<cluster name>/<service name>.
func scalingResourceID(cluster, service pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.Sprintf("service/%s/%s", cluster, service)
}

// requestsLabel is ALBRequestCountPerTarget's resource label:
// app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>, the load
// balancer's and target group's ARN suffixes joined by "/"
// (Application Auto Scaling API Reference, PredefinedMetricSpecification).
func requestsLabel(lbSuffix, tgSuffix pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.Sprintf("%s/%s", lbSuffix, tgSuffix)
}

// newAutoscaling registers the service's scalable target and its
// policies. a is defaulted and checked.
func newAutoscaling(f *piece.Family, a *AutoscalingArgs, t scalingTarget) error {
	name := f.Name + "-scaling"
	target, err := appautoscaling.NewTarget(f.Ctx, name, &appautoscaling.TargetArgs{
		ServiceNamespace:  pulumi.String(scalingNamespace),
		ScalableDimension: pulumi.String(scalingDimension),
		ResourceId:        scalingResourceID(t.clusterName, t.serviceName),
		MinCapacity:       pulumi.Int(*a.MinCount),
		MaxCapacity:       pulumi.Int(a.MaxCount),
		Tags:              f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create scalable target: %w", err)
	}
	for _, p := range a.Policies {
		metric := &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs{
			PredefinedMetricType: pulumi.String(p.Metric),
		}
		if p.Metric == MetricRequests {
			metric.ResourceLabel = requestsLabel(t.lbSuffix, t.tgSuffix)
		}
		policyName := name + "-" + scalingSuffix[p.Metric]
		if _, err := appautoscaling.NewPolicy(f.Ctx, policyName, &appautoscaling.PolicyArgs{
			PolicyType: pulumi.String("TargetTrackingScaling"),
			// From the target, so that each policy waits for it.
			ServiceNamespace:  target.ServiceNamespace,
			ScalableDimension: target.ScalableDimension,
			ResourceId:        target.ResourceId,
			TargetTrackingScalingPolicyConfiguration: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs{
				PredefinedMetricSpecification: metric,
				TargetValue:                   pulumi.Float64(p.TargetValue),
				ScaleInCooldown:               pulumi.Int(*p.ScaleInCooldown),
				ScaleOutCooldown:              pulumi.Int(*p.ScaleOutCooldown),
			},
		}, f.Opts()...); err != nil {
			return fmt.Errorf("create %s scaling policy: %w", p.Metric, err)
		}
	}
	return nil
}
