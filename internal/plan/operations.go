package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Resource type tokens of autoscaling and alarms.
const (
	typeScalingTarget = "aws:appautoscaling/target:Target"
	typeScalingPolicy = "aws:appautoscaling/policy:Policy"
	typeMetricAlarm   = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeTopic         = "aws:sns/topic:Topic"
	typeSubscription  = "aws:sns/topicSubscription:TopicSubscription"
)

// ScalingTarget is one Application Auto Scaling target on an ECS service
// and its policies.
type ScalingTarget struct {
	// Service is the service it scales, by the name Services use; "" when
	// the resource ID names no service of the stack.
	Service string `json:"service"`
	// ServiceResource is the ECS service's resource name.
	ServiceResource string `json:"serviceResource,omitempty"`
	Resource        string `json:"resource"`
	ResourceID      string `json:"resourceId"`
	Dimension       string `json:"scalableDimension"`
	MinCapacity     int    `json:"minCapacity"`
	MaxCapacity     int    `json:"maxCapacity"`
	// DesiredCount is what the service's first deploy starts.
	DesiredCount int `json:"desiredCount"`
	// IgnoresDesiredCount tells whether a later deploy leaves the count
	// to the scaler.
	IgnoresDesiredCount bool            `json:"ignoresDesiredCount"`
	Policies            []ScalingPolicy `json:"policies"`
}

// ScalingPolicy is one target-tracking policy.
type ScalingPolicy struct {
	Resource         string  `json:"resource"`
	Metric           string  `json:"metric"`
	TargetValue      float64 `json:"targetValue"`
	ScaleInCooldown  int     `json:"scaleInCooldown"`
	ScaleOutCooldown int     `json:"scaleOutCooldown"`
	ResourceLabel    string  `json:"resourceLabel,omitempty"`
	// QueueName is the SQS queue a customized metric reads (a worker's
	// backlog per task), "" for none.
	QueueName string `json:"queueName,omitempty"`
}

// Alarm is one CloudWatch metric alarm: what it reads, when it goes off,
// whom it notifies and which deployments it rolls back.
type Alarm struct {
	Resource string `json:"resource"`
	// Service is the WebService it belongs to, "" outside one.
	Service     string `json:"service,omitempty"`
	Description string `json:"description,omitempty"`
	// Metrics are what it reads: one metric with a statistic, or the
	// metrics an expression combines.
	Metrics           []AlarmMetric `json:"metrics"`
	Expression        string        `json:"expression,omitempty"`
	Comparison        string        `json:"comparison"`
	Threshold         float64       `json:"threshold"`
	EvaluationPeriods int           `json:"evaluationPeriods"`
	Period            int           `json:"period"`
	// Notifies are the topics its actions publish to: a topic's resource
	// name when the stack creates it, else its ARN.
	Notifies []string `json:"notifies"`
	// RollsBack are the ECS services whose deployment alarms name it.
	RollsBack []string `json:"rollsBack,omitempty"`
}

// AlarmMetric is one metric an alarm reads.
type AlarmMetric struct {
	ID         string            `json:"id,omitempty"`
	Namespace  string            `json:"namespace"`
	Name       string            `json:"name"`
	Statistic  string            `json:"statistic"`
	Dimensions map[string]string `json:"dimensions"`
}

// Topic is an SNS topic the stack creates and who it delivers to.
type Topic struct {
	Resource string `json:"resource"`
	// KmsKey is the key that encrypts it; "" for none.
	KmsKey        string   `json:"kmsKey,omitempty"`
	Subscriptions []string `json:"subscriptions"`
}

// scalingTargets reads every scalable target and its policies.
func scalingTargets(ix *index) []ScalingTarget {
	var out []ScalingTarget
	for _, r := range ix.byType[typeScalingTarget] {
		st := ScalingTarget{
			Resource:   r.Name,
			ResourceID: str(r.Inputs, "resourceId"),
			Dimension:  str(r.Inputs, "scalableDimension"),
		}
		lo, _ := num(r.Inputs, "minCapacity")
		hi, _ := num(r.Inputs, "maxCapacity")
		st.MinCapacity, st.MaxCapacity = int(lo), int(hi)
		if svc := scaledService(ix, st.ResourceID); svc != nil {
			st.Service, st.ServiceResource = serviceName(ix, svc), svc.Name
			_, st.DesiredCount = strategyOf(ix, svc)
			st.IgnoresDesiredCount = slices.Contains(svc.IgnoreChanges, "desiredCount")
		}
		for _, p := range ix.byType[typeScalingPolicy] {
			if str(p.Inputs, "resourceId") != st.ResourceID {
				continue
			}
			cfg := object(p.Inputs, "targetTrackingScalingPolicyConfiguration")
			metric := object(cfg, "predefinedMetricSpecification")
			target, _ := num(cfg, "targetValue")
			in, _ := num(cfg, "scaleInCooldown")
			outCd, _ := num(cfg, "scaleOutCooldown")
			pol := ScalingPolicy{
				Resource: p.Name, Metric: str(metric, "predefinedMetricType"), TargetValue: target,
				ScaleInCooldown: int(in), ScaleOutCooldown: int(outCd), ResourceLabel: str(metric, "resourceLabel"),
			}
			if custom := object(cfg, "customizedMetricSpecification"); custom != nil {
				pol.Metric, pol.QueueName = customizedMetric(custom)
			}
			st.Policies = append(st.Policies, pol)
		}
		nonNil(&st.Policies)
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}

// customizedMetric names a customized metric: the label of the query it
// returns (its expression when unlabelled), and the SQS queue one of its
// queries reads, if any.
func customizedMetric(spec resource.PropertyMap) (string, string) {
	name, queue := str(spec, "metricName"), ""
	for _, m := range objects(spec, "metrics") {
		if ret, ok := boolean(m, "returnData"); ok && ret {
			name = str(m, "label")
			if e := str(m, "expression"); e != "" {
				name = strings.TrimSpace(name + " (" + e + ")")
			}
		}
		metric := object(object(m, "metricStat"), "metric")
		if str(metric, "namespace") != "AWS/SQS" {
			continue
		}
		for _, d := range objects(metric, "dimensions") {
			if str(d, "name") == "QueueName" {
				queue = str(d, "value")
			}
		}
	}
	if name == "" {
		name = "customized metric"
	}
	return name, queue
}

// scaledService is the ECS service a resource ID service/<cluster>/<name>
// names.
func scaledService(ix *index, resourceID string) *awsmock.Resource {
	parts := strings.Split(resourceID, "/")
	if len(parts) != 3 || parts[0] != "service" {
		return nil
	}
	for _, svc := range ix.byType[typeEcsService] {
		if str(svc.Outputs, "name") == parts[2] {
			return svc
		}
	}
	return nil
}

// alarms reads every metric alarm.
func alarms(ix *index) []Alarm {
	var out []Alarm
	for _, r := range ix.byType[typeMetricAlarm] {
		a := Alarm{
			Resource:    r.Name,
			Description: str(r.Inputs, "alarmDescription"),
			Comparison:  str(r.Inputs, "comparisonOperator"),
			Period:      60,
		}
		a.Service = workloadOf(ix, r)
		a.Threshold, _ = num(r.Inputs, "threshold")
		periods, _ := num(r.Inputs, "evaluationPeriods")
		a.EvaluationPeriods = int(periods)
		if p, ok := num(r.Inputs, "period"); ok {
			a.Period = int(p)
		}
		if name := str(r.Inputs, "metricName"); name != "" {
			stat := str(r.Inputs, "statistic")
			if ext := str(r.Inputs, "extendedStatistic"); ext != "" {
				stat = ext
			}
			a.Metrics = []AlarmMetric{{Namespace: str(r.Inputs, "namespace"), Name: name, Statistic: stat, Dimensions: strMap(r.Inputs, "dimensions")}}
		}
		for _, q := range objects(r.Inputs, "metricQueries") {
			if e := str(q, "expression"); e != "" {
				a.Expression = e
				continue
			}
			m := object(q, "metric")
			a.Metrics = append(a.Metrics, AlarmMetric{ID: str(q, "id"), Namespace: str(m, "namespace"), Name: str(m, "metricName"),
				Statistic: str(m, "stat"), Dimensions: strMap(m, "dimensions")})
			if p, ok := num(m, "period"); ok {
				a.Period = int(p)
			}
		}
		for _, arn := range strs(r.Inputs, "alarmActions") {
			a.Notifies = appendNew(a.Notifies, topicName(ix, arn))
		}
		name := str(r.Outputs, "name")
		for _, svc := range ix.byType[typeEcsService] {
			if name != "" && slices.Contains(strs(object(svc.Inputs, "alarms"), "alarmNames"), name) {
				a.RollsBack = appendNew(a.RollsBack, serviceName(ix, svc))
			}
		}
		nonNil(&a.Metrics)
		nonNil(&a.Notifies)
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}

// topicName is the stack's topic with this ARN, or the ARN.
func topicName(ix *index, arn string) string {
	if r, ok := ix.byArn[arn]; ok && r.Type == typeTopic {
		return r.Name
	}
	return arn
}

// topics reads the SNS topics the stack creates and their subscriptions.
func topics(ix *index) []Topic {
	var out []Topic
	for _, r := range ix.byType[typeTopic] {
		t := Topic{Resource: r.Name, KmsKey: str(r.Inputs, "kmsMasterKeyId")}
		arn := str(r.Outputs, "arn")
		for _, s := range ix.byType[typeSubscription] {
			if str(s.Inputs, "topic") == arn {
				t.Subscriptions = append(t.Subscriptions, str(s.Inputs, "protocol")+" "+str(s.Inputs, "endpoint"))
			}
		}
		sort.Strings(t.Subscriptions)
		nonNil(&t.Subscriptions)
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}

// AlarmMetricCount is how many alarm metrics an alarm is priced as: one
// per metric it reads.
func (a Alarm) AlarmMetricCount() int { return max(len(a.Metrics), 1) }

// Condition says when the alarm goes off: "HTTPCode_ELB_5XX_Count
// (AWS/ApplicationELB, Sum) > 10 for 3 periods of 60 s".
func (a Alarm) Condition() string {
	op := map[string]string{
		"GreaterThanThreshold": ">", "GreaterThanOrEqualToThreshold": ">=",
		"LessThanThreshold": "<", "LessThanOrEqualToThreshold": "<=",
	}[a.Comparison]
	if op == "" {
		op = a.Comparison
	}
	what := a.Expression
	if what == "" && len(a.Metrics) == 1 {
		m := a.Metrics[0]
		what = fmt.Sprintf("%s (%s, %s)", m.Name, m.Namespace, m.Statistic)
	}
	return fmt.Sprintf("%s %s %s for %s of %d s", what, op, fmtNum(a.Threshold), plural(a.EvaluationPeriods, "period"), a.Period)
}

// where names an expression's metrics: "errors = HTTPCode_Target_5XX_Count
// (AWS/ApplicationELB, Sum)"; "" for an alarm on one metric.
func (a Alarm) where() string {
	if a.Expression == "" {
		return ""
	}
	var parts []string
	for _, m := range a.Metrics {
		parts = append(parts, fmt.Sprintf("%s = %s (%s, %s)", m.ID, m.Name, m.Namespace, m.Statistic))
	}
	return strings.Join(parts, ", ")
}

// dimensionsText lists an alarm's dimensions once: those of its first
// metric (an expression's metrics share theirs).
func (a Alarm) dimensionsText() string {
	if len(a.Metrics) == 0 {
		return ""
	}
	d := a.Metrics[0].Dimensions
	var parts []string
	for _, k := range sortedKeys(d) {
		parts = append(parts, k+"="+d[k])
	}
	return strings.Join(parts, ", ")
}

// writeOperations renders the autoscaling targets, the alarms and their
// topics.
func (p *Plan) writeOperations(b *strings.Builder) {
	if len(p.Scaling) == 0 {
		b.WriteString("Autoscaling: none; every service runs its desired count.\n")
	} else {
		fmt.Fprintf(b, "Autoscaling (Application Auto Scaling, target tracking; %s)\n", plural(len(p.Scaling), "scalable target"))
		for _, s := range p.Scaling {
			who := orNone(s.ServiceResource)
			fmt.Fprintf(b, "  %s: %d to %d tasks (%s, %s); the first deploy starts %d", who, s.MinCapacity, s.MaxCapacity, s.ResourceID, s.Dimension, s.DesiredCount)
			if s.IgnoresDesiredCount {
				b.WriteString(", later desiredCount changes are ignored")
			} else {
				b.WriteString(", and every deploy sets desiredCount again, fighting the scaler")
			}
			b.WriteString("\n")
			tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
			for _, pol := range s.Policies {
				label := ""
				if pol.ResourceLabel != "" {
					label = "\t" + pol.ResourceLabel
				}
				fmt.Fprintf(tw, "    %s\ttarget %s\tscale in after %d s, out after %d s%s\n", pol.Metric, fmtNum(pol.TargetValue), pol.ScaleInCooldown, pol.ScaleOutCooldown, label)
			}
			tw.Flush()
		}
	}
	b.WriteString("\n")
	if len(p.Alarms) == 0 {
		b.WriteString("Alarms: none.\n")
		return
	}
	fmt.Fprintf(b, "Alarms (%d): when each goes off, what it watches, whom it notifies\n", len(p.Alarms))
	for _, a := range p.Alarms {
		fmt.Fprintf(b, "  %s: %s\n", a.Resource, a.Condition())
		if w := a.where(); w != "" {
			fmt.Fprintf(b, "      where %s\n", w)
		}
		rolls := ""
		if len(a.RollsBack) > 0 {
			rolls = "; rolls back deployments of " + strings.Join(a.RollsBack, ", ")
		}
		fmt.Fprintf(b, "      on %s; notifies %s%s\n", a.dimensionsText(), strings.Join(a.Notifies, ", "), rolls)
	}
	for _, t := range p.Topics {
		key := "no KMS key (SNS encrypts nothing at rest)"
		if t.KmsKey != "" {
			key = "encrypted with " + t.KmsKey
		}
		subs := "no subscriptions"
		if len(t.Subscriptions) > 0 {
			subs = "subscriptions: " + strings.Join(t.Subscriptions, ", ")
		}
		fmt.Fprintf(b, "  Topic %s: %s; %s.\n", t.Resource, key, subs)
	}
}

// alarmResources are the alarm resources, for the cost.
func alarmResources(ix *index) []*awsmock.Resource { return ix.byType[typeMetricAlarm] }

// alarmMetrics is how many metrics an alarm resource reads.
func alarmMetrics(r *awsmock.Resource) int {
	n := 0
	if str(r.Inputs, "metricName") != "" {
		n++
	}
	for _, q := range objects(r.Inputs, "metricQueries") {
		if _, ok := get(q, "metric"); ok {
			n++
		}
	}
	return max(n, 1)
}
