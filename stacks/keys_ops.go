package stacks

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The autoscaling and alarm keys' descriptions, fields and setters; the
// keys themselves are in the table in keys.go.

const autoscalingDesc = "Service autoscaling {minCount, maxCount}: Application Auto Scaling keeps the task count between them, following scalingPolicies, " +
	"and owns the count once it is on, so desiredCount only sets what the first deploy starts. {}: off (desiredCount tasks, always)."

var autoscalingSubs = []subKey{
	{Name: "minCount", Field: "MinCount", Default: "`desiredCount`",
		Desc: "Fewest tasks, 0 up to desiredCount."},
	{Name: "maxCount", Field: "MaxCount", Default: "(required)", Valid: "1 or more",
		Desc: "Most tasks, at least desiredCount; on EC2 capacity, ec2.maxSize instances must hold maxCount × maxPercent / 100 tasks."},
}

// scalingPoliciesDesc describes the policies with the component's
// defaults.
func scalingPoliciesDesc() string {
	d := components.DefaultArgs().Autoscaling
	var metrics []string
	for _, p := range d.Policies {
		metrics = append(metrics, fmt.Sprintf("%s at %v", p.Metric, p.TargetValue))
	}
	p := d.Policies[0]
	return fmt.Sprintf("Target-tracking policies of autoscaling, one per metric, entries {metric, targetValue, scaleInCooldown, scaleOutCooldown}: metric %s or %s (percent, 1 to 100, default %v) or %s (requests a minute per task, no default); cooldowns in seconds, 0 to 3600, defaults %d in and %d out. []: %s.",
		service.MetricCPU, service.MetricMemory, p.TargetValue, service.MetricRequests, *p.ScaleInCooldown, *p.ScaleOutCooldown, strings.Join(metrics, " and "))
}

var scalingPolicySubs = []subKey{
	{Name: "metric", Field: "Metric", Valid: fmt.Sprintf("%s, %s or %s", service.MetricCPU, service.MetricMemory, service.MetricRequests)},
	{Name: "targetValue", Field: "TargetValue", Valid: "a target above 0"},
	{Name: "scaleInCooldown", Field: "ScaleInCooldown"},
	{Name: "scaleOutCooldown", Field: "ScaleOutCooldown"},
}

const (
	alarmsDesc = "CloudWatch alarms on the service's ALB 5xx, target 5xx rate, unhealthy hosts, p99 response time, CPU, memory and running tasks below desired, " +
		"notifying an SNS topic; deployments roll back when the 5xx or unhealthy-host alarms go off."
	alarmTopicArnDesc = "SNS topic ARN (of the stack's partition) the alarms notify, with alarms on; its policy, and its key's if encrypted, must let CloudWatch publish. Empty: a new topic."
	alarmEmailDesc    = "Email address subscribed to the alarm topic, with alarms on; AWS mails it a link to confirm. Empty: no subscription."
)

// alarmThresholdFields are the alarmThresholds sub-keys: JSON name, the
// component's field, what its threshold counts, and its default.
var alarmThresholdFields = []struct {
	name, field, unit string
	get               func(service.AlarmThresholds) service.AlarmThreshold
}{
	{"alb5xx", "Alb5xx", "ALB-generated 5xx responses a minute (only when the ALB serves this service alone)", func(t service.AlarmThresholds) service.AlarmThreshold { return t.Alb5xx }},
	{"target5xxRate", "Target5xxRate", "percent of the target group's requests answered 5xx, 0 to 100", func(t service.AlarmThresholds) service.AlarmThreshold { return t.Target5xxRate }},
	{"unhealthyHosts", "UnhealthyHosts", "unhealthy targets, 1 or more", func(t service.AlarmThresholds) service.AlarmThreshold { return t.UnhealthyHosts }},
	{"responseTimeP99", "ResponseTimeP99", "seconds of p99 target response time, above 0", func(t service.AlarmThresholds) service.AlarmThreshold { return t.ResponseTimeP99 }},
	{"cpu", "Cpu", "percent average CPU, 0 to 100", func(t service.AlarmThresholds) service.AlarmThreshold { return t.Cpu }},
	{"memory", "Memory", "percent average memory, 0 to 100", func(t service.AlarmThresholds) service.AlarmThreshold { return t.Memory }},
	{"runningTasks", "RunningTasks", "tasks running below the desired count, 1 or more", func(t service.AlarmThresholds) service.AlarmThreshold { return t.RunningTasks }},
}

const alarmThresholdsDesc = "Per alarm {threshold, evaluationPeriods} (one-minute periods in a row, 1 to 1440), by alarm: alb5xx, target5xxRate, unhealthyHosts, " +
	"responseTimeP99, cpu, memory, runningTasks; keys below. {}: the defaults."

// alarmThresholdSubs are the alarmThresholds sub-keys with the
// component's defaults.
func alarmThresholdSubs() []subKey {
	d := components.DefaultArgs().Alarms.Thresholds
	var out []subKey
	for _, f := range alarmThresholdFields {
		t := f.get(d)
		out = append(out, subKey{
			Name: f.name, Field: f.field, Valid: "{threshold, evaluationPeriods}",
			Default: fmt.Sprintf("`%v`, %d periods", *t.Threshold, t.EvaluationPeriods),
			Desc:    strings.ToUpper(f.unit[:1]) + f.unit[1:] + ".",
		})
	}
	return out
}

// The keys' values, as a stack file writes them.
type (
	autoscalingKey struct {
		MinCount *int `json:"minCount"`
		MaxCount int  `json:"maxCount"`
	}
	scalingPolicyKey struct {
		Metric           string  `json:"metric"`
		TargetValue      float64 `json:"targetValue"`
		ScaleInCooldown  *int    `json:"scaleInCooldown"`
		ScaleOutCooldown *int    `json:"scaleOutCooldown"`
	}
	thresholdKey struct {
		Threshold         *float64 `json:"threshold"`
		EvaluationPeriods *int     `json:"evaluationPeriods"`
	}
)

func setAutoscaling(a *Args, v autoscalingKey) {
	a.Autoscaling = &service.AutoscalingArgs{MinCount: v.MinCount, MaxCount: v.MaxCount}
}

// setScalingPolicies reads the policies of the autoscaling key, which
// comes first in the table.
func setScalingPolicies(r *reader, k *stackKey, raw string, a *Args) {
	object([]scalingPolicyKey{}, `[{"metric": "ECSServiceAverageCPUUtilization", "targetValue": 70}]`, func(a *Args, v []scalingPolicyKey) {
		if a.Autoscaling == nil {
			r.fail(k.Name, "is set but autoscaling is not; set autoscaling {minCount, maxCount} to turn autoscaling on, or remove %s", k.Name)
			return
		}
		for _, p := range v {
			a.Autoscaling.Policies = append(a.Autoscaling.Policies, service.ScalingPolicy{
				Metric: p.Metric, TargetValue: p.TargetValue, ScaleInCooldown: p.ScaleInCooldown, ScaleOutCooldown: p.ScaleOutCooldown,
			})
		}
	})(r, k, raw, a)
}

func setAlarms(r *reader, k *stackKey, raw string, a *Args) {
	if on, ok := r.boolean(k, raw); ok && on {
		a.Alarms = &service.AlarmArgs{}
	}
}

// alarmsOn reports, for a key that only applies with alarms on, whether
// they are; the alarms key comes first in the table.
func alarmsOn(r *reader, k *stackKey, a *Args) bool {
	if a.Alarms == nil {
		r.fail(k.Name, "is set but alarms is off; set alarms to true, or remove %s", k.Name)
		return false
	}
	return true
}

func setAlarmTopicArn(r *reader, k *stackKey, raw string, a *Args) {
	if alarmsOn(r, k, a) {
		a.Alarms.TopicArn = pulumi.String(raw)
	}
}

func setAlarmEmail(r *reader, k *stackKey, raw string, a *Args) {
	if alarmsOn(r, k, a) {
		a.Alarms.Email = strings.TrimSpace(raw)
	}
}

// setAlarmThresholds reads the thresholds by alarm. An explicit
// evaluationPeriods of 0 is refused: the component would take it as
// unset.
func setAlarmThresholds(r *reader, k *stackKey, raw string, a *Args) {
	object(map[string]thresholdKey{}, `{"target5xxRate": {"threshold": 5, "evaluationPeriods": 3}}`, func(a *Args, v map[string]thresholdKey) {
		if !alarmsOn(r, k, a) {
			return
		}
		set := map[string]*service.AlarmThreshold{
			"alb5xx": &a.Alarms.Thresholds.Alb5xx, "target5xxRate": &a.Alarms.Thresholds.Target5xxRate,
			"unhealthyHosts": &a.Alarms.Thresholds.UnhealthyHosts, "responseTimeP99": &a.Alarms.Thresholds.ResponseTimeP99,
			"cpu": &a.Alarms.Thresholds.Cpu, "memory": &a.Alarms.Thresholds.Memory, "runningTasks": &a.Alarms.Thresholds.RunningTasks,
		}
		for _, name := range sortedKeys(v) {
			t, dst := v[name], set[name]
			if dst == nil {
				continue // refused by name already
			}
			if t.EvaluationPeriods != nil && *t.EvaluationPeriods == 0 {
				r.fail(k.Name+"."+name+".evaluationPeriods", "0 is not a value it takes; use 1 to 1440, or leave the field out for its default")
				continue
			}
			dst.Threshold = t.Threshold
			if t.EvaluationPeriods != nil {
				dst.EvaluationPeriods = *t.EvaluationPeriods
			}
		}
	})(r, k, raw, a)
}
