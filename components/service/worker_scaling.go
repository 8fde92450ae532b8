package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The backlog-per-task metric a worker scales on, as metric math in a
// target-tracking policy's customized metric:
//
//	m1 = AWS/SQS ApproximateNumberOfMessagesVisible (QueueName), Sum
//	m2 = AWS/ECS CPUUtilization (ClusterName, ServiceName), SampleCount
//	e1 = m1 / m2, the metric the policy keeps at BacklogPerTask
//
// m1 is the messages waiting; m2 is the tasks running. AWS's own example
// divides by ECS/ContainerInsights RunningTaskCount (Application Auto
// Scaling user guide, "Create a target tracking scaling policy using
// metric math",
// https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html),
// which exists only with Container Insights and is billed
// as a custom metric. Each running task reports one CPUUtilization sample
// a minute, so its SampleCount over one minute is the number of RUNNING
// tasks, free (ECS developer guide, "Amazon ECS CloudWatch metrics",
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html;
// its use as the divisor is our inference). With no task
// running, m2 has no data and neither has e1: MinCount stays at 1 or more.
// The target value is the acceptable latency divided by the time one task
// takes per message (EC2 Auto Scaling user guide, "Scaling policy based on
// Amazon SQS",
// https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-using-sqs-queue.html).
// (namespaceSQS, "AWS/SQS", is declared with the scheduled job's alarms.)
const backlogExpression = "m1 / m2"

// backlogMetrics are the policy's metric queries on the queue and the
// service.
func backlogMetrics(queueName, clusterName, serviceName pulumi.StringOutput) appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArray {
	type dims = appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatMetricDimensionArray
	type dim = appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatMetricDimensionArgs
	stat := func(namespace, metric, statistic string, d dims) *appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatArgs {
		return &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatArgs{
			Metric: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricMetricStatMetricArgs{
				Namespace: pulumi.String(namespace), MetricName: pulumi.String(metric), Dimensions: d,
			},
			Stat: pulumi.String(statistic),
		}
	}
	return appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArray{
		&appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArgs{
			Id:         pulumi.String("m1"),
			Label:      pulumi.String("Messages waiting in the queue"),
			MetricStat: stat(namespaceSQS, "ApproximateNumberOfMessagesVisible", "Sum", dims{&dim{Name: pulumi.String("QueueName"), Value: queueName}}),
			ReturnData: pulumi.Bool(false),
		},
		&appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArgs{
			Id:    pulumi.String("m2"),
			Label: pulumi.String("Tasks running, one CPU sample each a minute"),
			MetricStat: stat(namespaceECS, "CPUUtilization", "SampleCount", dims{
				&dim{Name: pulumi.String("ClusterName"), Value: clusterName},
				&dim{Name: pulumi.String("ServiceName"), Value: serviceName},
			}),
			ReturnData: pulumi.Bool(false),
		},
		&appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetricArgs{
			Id:         pulumi.String("e1"),
			Label:      pulumi.String("Backlog per task"),
			Expression: pulumi.String(backlogExpression),
			ReturnData: pulumi.Bool(true),
		},
	}
}

// newBacklogScaling registers the service's scalable target and the
// policy that keeps the backlog per task at s.BacklogPerTask. s is
// defaulted and checked.
func newBacklogScaling(f *piece.Family, s *WorkerScalingArgs, queueName, clusterName, serviceName pulumi.StringOutput) error {
	name := f.Name + "-scaling"
	target, err := appautoscaling.NewTarget(f.Ctx, name, &appautoscaling.TargetArgs{
		ServiceNamespace:  pulumi.String(scalingNamespace),
		ScalableDimension: pulumi.String(scalingDimension),
		ResourceId:        scalingResourceID(clusterName, serviceName),
		MinCapacity:       pulumi.Int(*s.MinCount),
		MaxCapacity:       pulumi.Int(s.MaxCount),
		Tags:              f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create scalable target: %w", err)
	}
	if _, err := appautoscaling.NewPolicy(f.Ctx, name+"-backlog", &appautoscaling.PolicyArgs{
		PolicyType: pulumi.String("TargetTrackingScaling"),
		// From the target, so that the policy waits for it.
		ServiceNamespace:  target.ServiceNamespace,
		ScalableDimension: target.ScalableDimension,
		ResourceId:        target.ResourceId,
		TargetTrackingScalingPolicyConfiguration: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs{
			CustomizedMetricSpecification: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationArgs{
				Metrics: backlogMetrics(queueName, clusterName, serviceName),
			},
			TargetValue:      pulumi.Float64(s.BacklogPerTask),
			ScaleInCooldown:  pulumi.Int(*s.ScaleInCooldown),
			ScaleOutCooldown: pulumi.Int(*s.ScaleOutCooldown),
		},
	}, f.Opts()...); err != nil {
		return fmt.Errorf("create backlog scaling policy: %w", err)
	}
	return nil
}
