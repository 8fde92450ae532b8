package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AlarmArgs turns on the service's CloudWatch alarms. Each alarm notifies
// an SNS topic when it goes into ALARM and when it is OK again; the ALB
// 5xx, target 5xx and unhealthy-host alarms also fail and roll back an ECS
// deployment that sets them off, beside the deployment circuit breaker.
//
// The alarms are one-minute metric alarms on the service's own resources:
//   - Alb5xx: HTTPCode_ELB_5XX_Count (AWS/ApplicationELB, Sum) of the load
//     balancer, only when it serves this service alone (a DefaultTarget),
//     since an ALB's own errors carry no target group;
//   - Target5xxRate: HTTPCode_Target_5XX_Count over RequestCount of the
//     service's target group, in percent;
//   - UnhealthyHosts: UnHealthyHostCount (Maximum) of the target group;
//   - ResponseTimeP99: TargetResponseTime (p99) of the target group;
//   - Cpu, Memory: CPUUtilization and MemoryUtilization (AWS/ECS,
//     Average) of the service;
//   - RunningTasks: DesiredTaskCount minus RunningTaskCount
//     (ECS/ContainerInsights, Average) of the service; the cluster has
//     Container Insights on.
type AlarmArgs struct {
	// TopicArn is an existing SNS topic to notify, for example an
	// sns.Topic's Arn. It excludes the topic the component otherwise
	// creates; its access policy (and, when it is encrypted, its key's
	// policy) must let CloudWatch alarms publish. Optional. Default: a
	// new topic <name>-alarms, encrypted with KmsKeyArn when one is
	// given. Valid: an SNS topic ARN of the stack's partition (an
	// Output's is checked at deploy time).
	TopicArn pulumi.StringInput `pulumi:"topicArn,optional"`
	// Email subscribes an address to the topic. AWS mails it a link that
	// must be followed before it receives anything. Optional. Default:
	// no subscription. Valid: an email address.
	Email string `pulumi:"email,optional"`
	// Rollback rolls a deployment back to the last completed one when a
	// deployment alarm fails it. Optional. Default: true.
	Rollback *bool `pulumi:"rollback,optional"`
	// Thresholds set each alarm's threshold and evaluation periods.
	// Optional; see AlarmThresholds for defaults.
	Thresholds AlarmThresholds `pulumi:"thresholds,optional"`
}

// AlarmThresholds are the alarms' thresholds and evaluation periods
// (one-minute periods in a row that must breach).
type AlarmThresholds struct {
	// Alb5xx is the load balancer's own 5xx responses a minute. Default:
	// above 10, for 3 periods. Valid: 0 or more.
	Alb5xx AlarmThreshold `pulumi:"alb5xx,optional"`
	// Target5xxRate is the percentage of the target group's requests
	// the tasks answer with 5xx. Default: above 5, for 3 periods. Valid:
	// 0 to 100.
	Target5xxRate AlarmThreshold `pulumi:"target5xxRate,optional"`
	// UnhealthyHosts is the unhealthy targets in the target group.
	// Default: 1 or more, for 2 periods. Valid: 1 or more.
	UnhealthyHosts AlarmThreshold `pulumi:"unhealthyHosts,optional"`
	// ResponseTimeP99 is the 99th percentile of the targets' response
	// time, in seconds. Default: above 2, for 5 periods. Valid: above 0.
	ResponseTimeP99 AlarmThreshold `pulumi:"responseTimeP99,optional"`
	// Cpu is the service's average CPU utilization, in percent. Default:
	// above 90, for 5 periods. Valid: 0 to 100.
	Cpu AlarmThreshold `pulumi:"cpu,optional"`
	// Memory is the service's average memory utilization, in percent.
	// Default: above 90, for 5 periods. Valid: 0 to 100.
	Memory AlarmThreshold `pulumi:"memory,optional"`
	// RunningTasks is how many tasks the service runs below its desired
	// count. Default: 1 or more, for 5 periods. Valid: 1 or more.
	RunningTasks AlarmThreshold `pulumi:"runningTasks,optional"`
}

// AlarmThreshold is one alarm's threshold and evaluation periods.
type AlarmThreshold struct {
	// Threshold is the value the alarm compares with. Optional. Default
	// and range: see the alarm's field in AlarmThresholds.
	Threshold *float64 `pulumi:"threshold,optional"`
	// EvaluationPeriods is how many one-minute periods in a row must
	// breach. Optional. Default: see the alarm's field. Valid: 1 to 1440
	// (CloudWatch evaluates at most a day).
	EvaluationPeriods int `pulumi:"evaluationPeriods,optional"`
}

// alarmPeriod is every alarm's period in seconds.
const alarmPeriod = 60

// alarmTopic is where the alarms notify.
type alarmTopic struct {
	arn pulumi.StringOutput
}

// newAlarmTopic creates the topic (encrypted with the service's key when
// it has one) or checks the given one, and subscribes the email.
func newAlarmTopic(f *piece.Family, w Workload, in checkedInputs, region string) (alarmTopic, error) {
	a := w.Alarms
	var t alarmTopic
	name := f.Name + "-alarms"
	if a.TopicArn != nil {
		t.arn = check.CheckedString(f.PieceName(), f.Field("Alarms.TopicArn"), a.TopicArn, snsTopicRule(region))
	} else {
		args := &sns.TopicArgs{Tags: f.TagsFor(name)}
		if w.KmsKeyArn != nil {
			// CloudWatch needs kms:GenerateDataKey* and kms:Decrypt on
			// this key to publish; see TestKeyPolicyLetsAlarmsPublish.
			args.KmsMasterKeyId = in.kmsKey
		}
		topic, err := sns.NewTopic(f.Ctx, name, args, f.Opts()...)
		if err != nil {
			return t, fmt.Errorf("create alarm topic: %w", err)
		}
		t.arn = topic.Arn
	}
	if a.Email != "" {
		if _, err := sns.NewTopicSubscription(f.Ctx, name+"-email", &sns.TopicSubscriptionArgs{
			Topic:    t.arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(a.Email),
		}, f.Opts()...); err != nil {
			return t, fmt.Errorf("create alarm email subscription: %w", err)
		}
	}
	return t, nil
}

// metricSpec is one metric an alarm reads.
type metricSpec struct {
	id, namespace, name, stat string
	dims                      pulumi.StringMap
}

// alarmSpec is one alarm before it becomes a resource.
type alarmSpec struct {
	suffix      string // child name after <name>-alarm-
	description string
	threshold   AlarmThreshold
	comparison  string
	missing     string // treatMissingData
	// One metric with a statistic, or several and an expression.
	metric     *metricSpec
	extended   string // an extended statistic (p99) instead of metric.stat
	metrics    []metricSpec
	expression string
}

// newAlarm registers one alarm that notifies the topic.
func newAlarm(f *piece.Family, s alarmSpec, topic alarmTopic) (*cloudwatch.MetricAlarm, error) {
	name := f.Name + "-alarm-" + s.suffix
	actions := pulumi.Array{topic.arn}
	args := &cloudwatch.MetricAlarmArgs{
		AlarmDescription:   pulumi.String(s.description),
		ComparisonOperator: pulumi.String(s.comparison),
		EvaluationPeriods:  pulumi.Int(s.threshold.EvaluationPeriods),
		Threshold:          pulumi.Float64(*s.threshold.Threshold),
		TreatMissingData:   pulumi.String(s.missing),
		AlarmActions:       actions,
		OkActions:          actions,
		Tags:               f.TagsFor(name),
	}
	if m := s.metric; m != nil {
		args.Namespace = pulumi.String(m.namespace)
		args.MetricName = pulumi.String(m.name)
		args.Dimensions = m.dims
		args.Period = pulumi.Int(alarmPeriod)
		if s.extended != "" {
			args.ExtendedStatistic = pulumi.String(s.extended)
			// Few requests make a noisy percentile; wait for enough.
			args.EvaluateLowSampleCountPercentiles = pulumi.String("ignore")
		} else {
			args.Statistic = pulumi.String(m.stat)
		}
	} else {
		queries := cloudwatch.MetricAlarmMetricQueryArray{}
		for _, m := range s.metrics {
			queries = append(queries, &cloudwatch.MetricAlarmMetricQueryArgs{
				Id: pulumi.String(m.id),
				Metric: &cloudwatch.MetricAlarmMetricQueryMetricArgs{
					Namespace:  pulumi.String(m.namespace),
					MetricName: pulumi.String(m.name),
					Dimensions: m.dims,
					Period:     pulumi.Int(alarmPeriod),
					Stat:       pulumi.String(m.stat),
				},
				ReturnData: pulumi.Bool(false),
			})
		}
		queries = append(queries, &cloudwatch.MetricAlarmMetricQueryArgs{
			Id:         pulumi.String("result"),
			Expression: pulumi.String(s.expression),
			Label:      pulumi.String(s.description),
			ReturnData: pulumi.Bool(true),
		})
		args.MetricQueries = queries
	}
	alarm, err := cloudwatch.NewMetricAlarm(f.Ctx, name, args, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create alarm %s: %w", s.suffix, err)
	}
	return alarm, nil
}

// Namespaces of the alarms' metrics.
const (
	namespaceALB      = "AWS/ApplicationELB"
	namespaceECS      = "AWS/ECS"
	namespaceInsights = "ECS/ContainerInsights"
)

// trafficAlarms are the alarms on the load balancer and the service's
// target group: the ones a deployment rolls back on. They name no ECS
// resource, so the service can wait for them. withAlb adds the load
// balancer's own 5xx, for a load balancer that serves this service alone.
func trafficAlarms(t AlarmThresholds, lbSuffix, tgSuffix pulumi.StringOutput, withAlb bool) (rollback, notify []alarmSpec) {
	lb := pulumi.StringMap{"LoadBalancer": lbSuffix}
	tg := pulumi.StringMap{"LoadBalancer": lbSuffix, "TargetGroup": tgSuffix}
	if withAlb {
		rollback = append(rollback, alarmSpec{
			suffix: "alb-5xx", description: "5xx responses the load balancer itself returned in a minute",
			threshold: t.Alb5xx, comparison: "GreaterThanThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceALB, name: "HTTPCode_ELB_5XX_Count", stat: "Sum", dims: lb},
		})
	}
	rollback = append(rollback,
		alarmSpec{
			suffix: "target-5xx", description: "Percent of the target group's requests the tasks answered with 5xx",
			threshold: t.Target5xxRate, comparison: "GreaterThanThreshold", missing: "notBreaching",
			metrics: []metricSpec{
				{id: "errors", namespace: namespaceALB, name: "HTTPCode_Target_5XX_Count", stat: "Sum", dims: tg},
				{id: "requests", namespace: namespaceALB, name: "RequestCount", stat: "Sum", dims: tg},
			},
			expression: "100 * FILL(errors, 0) / requests",
		},
		alarmSpec{
			suffix: "unhealthy-hosts", description: "Unhealthy targets in the service's target group",
			threshold: t.UnhealthyHosts, comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceALB, name: "UnHealthyHostCount", stat: "Maximum", dims: tg},
		},
	)
	notify = []alarmSpec{{
		suffix: "response-time-p99", description: "99th percentile of the targets' response time in seconds",
		threshold: t.ResponseTimeP99, comparison: "GreaterThanThreshold", missing: "notBreaching",
		metric:   &metricSpec{namespace: namespaceALB, name: "TargetResponseTime", dims: tg},
		extended: "p99",
	}}
	return rollback, notify
}

// serviceAlarms are the alarms on the ECS service itself, made once the
// service (its name) exists.
func serviceAlarms(t AlarmThresholds, clusterName, serviceName pulumi.StringOutput) []alarmSpec {
	svc := pulumi.StringMap{"ClusterName": clusterName, "ServiceName": serviceName}
	return []alarmSpec{
		{
			suffix: "cpu-high", description: "Average CPU utilization of the service in percent",
			threshold: t.Cpu, comparison: "GreaterThanThreshold", missing: "missing",
			metric: &metricSpec{namespace: namespaceECS, name: "CPUUtilization", stat: "Average", dims: svc},
		},
		{
			suffix: "memory-high", description: "Average memory utilization of the service in percent",
			threshold: t.Memory, comparison: "GreaterThanThreshold", missing: "missing",
			metric: &metricSpec{namespace: namespaceECS, name: "MemoryUtilization", stat: "Average", dims: svc},
		},
		{
			suffix: "running-tasks-low", description: "Tasks the service runs below its desired count",
			threshold: t.RunningTasks, comparison: "GreaterThanOrEqualToThreshold", missing: "missing",
			metrics: []metricSpec{
				{id: "desired", namespace: namespaceInsights, name: "DesiredTaskCount", stat: "Average", dims: svc},
				{id: "running", namespace: namespaceInsights, name: "RunningTaskCount", stat: "Average", dims: svc},
			},
			expression: "desired - running",
		},
	}
}
