package components

import (
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	tAlarm        = "aws:cloudwatch/metricAlarm:MetricAlarm"
	tTopic        = "aws:sns/topic:Topic"
	tSubscription = "aws:sns/topicSubscription:TopicSubscription"
)

// alarmedArgs turns the alarms on with an email subscription.
func alarmedArgs() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Alarms = &service.AlarmArgs{Email: "ops@example.com"}
	return a
}

// The real resources' names, as CloudWatch's dimensions take them: the
// ALB's and target group's ARN suffixes, and the cluster and service
// names (the mocks name each resource by its logical name).
const (
	webAlbSuffix = "app/web-alb/0123456789abcdef"
	webTgSuffix  = "targetgroup/web-tg/0123456789abcdef"
	webTopicArn  = "arn:aws:sns:us-east-1:123456789012:web-alarms"
)

// Fact: CloudWatch names an ALB's metrics by the LoadBalancer dimension
// app/<name>/<id> and a target group's by LoadBalancer and TargetGroup
// targetgroup/<name>/<id>, the final portions of their ARNs; the target
// metrics (HTTPCode_Target_5XX_Count, RequestCount, UnHealthyHostCount,
// TargetResponseTime) take both, the ALB's own HTTPCode_ELB_5XX_Count the
// load balancer alone (ELB user guide, "CloudWatch metrics for your
// Application Load Balancer", metric dimensions). ECS service metrics
// are named by ClusterName and ServiceName, in AWS/ECS for CPUUtilization
// and MemoryUtilization (ECS developer guide, "Available metrics and
// dimensions") and in ECS/ContainerInsights for DesiredTaskCount and
// RunningTaskCount, which need Container Insights on the cluster
// (CloudWatch user guide, "Amazon ECS Container Insights metrics").
func TestAlarmsWatchTheServicesOwnResources(t *testing.T) {
	m, _ := mustRun(t, alarmedArgs())
	lb := map[string]any{"LoadBalancer": webAlbSuffix}
	tg := map[string]any{"LoadBalancer": webAlbSuffix, "TargetGroup": webTgSuffix}
	svc := map[string]any{"ClusterName": "web-cluster", "ServiceName": "web-service"}
	type metric struct{ id, namespace, name, stat string }
	for _, tt := range []struct {
		name, comparison, missing string
		threshold                 float64
		periods                   int
		// One metric, or several with an expression.
		namespace, metric, stat, extended string
		dims                              map[string]any
		queries                           []metric
		expression                        string
	}{
		{name: "web-alarm-alb-5xx", comparison: "GreaterThanThreshold", missing: "notBreaching", threshold: 10, periods: 3,
			namespace: "AWS/ApplicationELB", metric: "HTTPCode_ELB_5XX_Count", stat: "Sum", dims: lb},
		{name: "web-alarm-target-5xx", comparison: "GreaterThanThreshold", missing: "notBreaching", threshold: 5, periods: 3,
			dims: tg, queries: []metric{
				{"errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum"},
				{"requests", "AWS/ApplicationELB", "RequestCount", "Sum"},
			}, expression: "100 * FILL(errors, 0) / requests"},
		{name: "web-alarm-unhealthy-hosts", comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching", threshold: 1, periods: 2,
			namespace: "AWS/ApplicationELB", metric: "UnHealthyHostCount", stat: "Maximum", dims: tg},
		{name: "web-alarm-response-time-p99", comparison: "GreaterThanThreshold", missing: "notBreaching", threshold: 2, periods: 5,
			namespace: "AWS/ApplicationELB", metric: "TargetResponseTime", extended: "p99", dims: tg},
		{name: "web-alarm-cpu-high", comparison: "GreaterThanThreshold", missing: "missing", threshold: 90, periods: 5,
			namespace: "AWS/ECS", metric: "CPUUtilization", stat: "Average", dims: svc},
		{name: "web-alarm-memory-high", comparison: "GreaterThanThreshold", missing: "missing", threshold: 90, periods: 5,
			namespace: "AWS/ECS", metric: "MemoryUtilization", stat: "Average", dims: svc},
		{name: "web-alarm-running-tasks-low", comparison: "GreaterThanOrEqualToThreshold", missing: "missing", threshold: 1, periods: 5,
			dims: svc, queries: []metric{
				{"desired", "ECS/ContainerInsights", "DesiredTaskCount", "Average"},
				{"running", "ECS/ContainerInsights", "RunningTaskCount", "Average"},
			}, expression: "desired - running"},
	} {
		a := get(t, m, tAlarm, tt.name)
		expect(t, a, "comparisonOperator", tt.comparison)
		expect(t, a, "threshold", tt.threshold)
		expect(t, a, "evaluationPeriods", tt.periods)
		expect(t, a, "treatMissingData", tt.missing)
		expect(t, a, "alarmActions", []string{webTopicArn})
		expect(t, a, "okActions", []string{webTopicArn})
		if tt.queries == nil {
			expect(t, a, "namespace", tt.namespace)
			expect(t, a, "metricName", tt.metric)
			expect(t, a, "dimensions", tt.dims)
			expect(t, a, "period", 60)
			if tt.extended != "" {
				expect(t, a, "extendedStatistic", tt.extended)
				expect(t, a, "statistic", nil)
			} else {
				expect(t, a, "statistic", tt.stat)
			}
			expect(t, a, "metricQueries", nil)
			continue
		}
		var want []any
		for _, q := range tt.queries {
			want = append(want, map[string]any{"id": q.id, "returnData": false, "metric": map[string]any{
				"namespace": q.namespace, "metricName": q.name, "stat": q.stat, "period": 60, "dimensions": tt.dims,
			}})
		}
		want = append(want, map[string]any{"id": "result", "expression": tt.expression, "returnData": true, "label": in(a, "alarmDescription")})
		expect(t, a, "metricQueries", want)
		expect(t, a, "namespace", nil)
		expect(t, a, "metricName", nil)
	}
	if n := len(m.ByType(tAlarm)); n != 7 {
		t.Errorf("%d alarms, want 7", n)
	}
	expect(t, get(t, m, tCluster, "web-cluster"), "settings", []map[string]any{{"name": "containerInsights", "value": "enabled"}})
}

// The alarms notify one topic, which mails the configured address.
func TestAlarmsNotifyTheTopicAndItsEmail(t *testing.T) {
	m, _ := mustRun(t, alarmedArgs())
	topic := get(t, m, tTopic, "web-alarms")
	expect(t, topic, "kmsMasterKeyId", nil) // no customer key given
	sub := get(t, m, tSubscription, "web-alarms-email")
	expect(t, sub, "topic", webTopicArn)
	expect(t, sub, "protocol", "email")
	expect(t, sub, "endpoint", "ops@example.com")

	// A given topic is used as it is: no topic is created.
	a := baseArgs()
	given := "arn:aws:sns:us-east-1:123456789012:ops-pager"
	a.Alarms = &service.AlarmArgs{TopicArn: pulumi.String(given)}
	m, _ = mustRun(t, a)
	if n := len(m.ByType(tTopic)) + len(m.ByType(tSubscription)); n != 0 {
		t.Errorf("%d topics and subscriptions with a given topic, want 0", n)
	}
	for _, al := range m.ByType(tAlarm) {
		expect(t, al, "alarmActions", []string{given})
		expect(t, al, "okActions", []string{given})
	}
}

// Fact: ECS fails a deployment when one of the service's deployment
// alarms goes into ALARM, and with rollback returns to the last completed
// deployment; it works beside the deployment circuit breaker, and either
// fails the deployment (ECS developer guide, "Amazon ECS deployment
// failure detection" and "How CloudWatch alarms detect Amazon ECS
// deployment failures"). The alarms must exist before the service names
// them, so the service waits for them.
func TestDeploymentRollsBackOnTheTrafficAlarms(t *testing.T) {
	m, _ := mustRun(t, alarmedArgs())
	svc := get(t, m, tService, "web-service")
	expect(t, svc, "alarms", map[string]any{
		"alarmNames": []string{"web-alarm-alb-5xx", "web-alarm-target-5xx", "web-alarm-unhealthy-hosts"},
		"enable":     true,
		"rollback":   true,
	})
	expect(t, svc, "deploymentCircuitBreaker", map[string]any{"enable": true, "rollback": true})
	for _, name := range []string{"web-alarm-alb-5xx", "web-alarm-target-5xx", "web-alarm-unhealthy-hosts"} {
		if a := get(t, m, tAlarm, name); !slices.Contains(svc.Dependencies, a.URN) {
			t.Errorf("%s: does not wait for its deployment alarm %s", svc.URN, a.URN)
		}
	}
	// The alarms on the service itself follow it.
	for _, name := range []string{"web-alarm-cpu-high", "web-alarm-memory-high", "web-alarm-running-tasks-low"} {
		if a := get(t, m, tAlarm, name); !slices.Contains(a.Dependencies, svc.URN) {
			t.Errorf("%s: does not wait for the service %s it watches", a.URN, svc.URN)
		}
	}

	off := false
	a := alarmedArgs()
	a.Alarms.Rollback = &off
	m, _ = mustRun(t, a)
	expect(t, get(t, m, tService, "web-service"), "alarms.rollback", false)

	m, _ = mustRun(t, baseArgs())
	expect(t, get(t, m, tService, "web-service"), "alarms", nil)
	if n := len(m.ByType(tAlarm)) + len(m.ByType(tTopic)); n != 0 {
		t.Errorf("%d alarms and topics without Alarms, want 0", n)
	}
}

// Fact: to publish to an SNS topic encrypted with a customer managed key,
// CloudWatch alarms need kms:Decrypt and kms:GenerateDataKey* on the key,
// granted to the service principal cloudwatch.amazonaws.com in the key's
// policy; with the AWS managed key alias/aws/sns, whose policy cannot be
// changed, the alarm action fails with "CloudWatch Alarms does not have
// authorization to access the SNS topic encryption key" (AWS Knowledge
// Center, https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns;
// Amazon SNS developer guide, "Enable compatibility between event sources
// from AWS services and encrypted topics"). The topic takes the
// service's customer key, and AlarmTopicKeyStatement is that statement,
// which the Key piece's policy holds.
func TestKeyPolicyLetsAlarmsPublish(t *testing.T) {
	const keyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	pl := sharedPlatform()
	pl.tweak = func(_ *pulumi.Context, svc string, a *service.WebServiceArgs) {
		if svc == "api" {
			a.KmsKeyArn = pulumi.String(keyArn)
			a.Alarms = &service.AlarmArgs{}
		}
	}
	m := pl.mustRun(t)
	expect(t, get(t, m, tTopic, "api-alarms"), "kmsMasterKeyId", keyArn)

	want := `{"Sid":"CloudWatchAlarmsPublishToTopics","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":["*"]}`
	doc := piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{key.AlarmTopicKeyStatement()}}.JSON()
	if got := doc[len(`{"Version":"2012-10-17","Statement":[`) : len(doc)-2]; got != want {
		t.Errorf("AlarmTopicKeyStatement = %s, want %s", got, want)
	}
	if policy := key.KeyPolicy("aws", testRegion, awsmock.Account).JSON(); !strings.Contains(policy, want) {
		t.Errorf("the Key piece's policy lacks the alarms' statement %s:\n%s", want, policy)
	}
}

// A routed service's alarms name its own target group on the shared
// load balancer; it takes no alarm on the load balancer's own 5xx, which
// every service behind it shares.
func TestRoutedServiceAlarmsOnItsTargetGroup(t *testing.T) {
	pl := sharedPlatform()
	pl.tweak = func(_ *pulumi.Context, svc string, a *service.WebServiceArgs) {
		if svc == "api" {
			a.Alarms = &service.AlarmArgs{}
		}
	}
	m := pl.mustRun(t)
	tg := map[string]any{"LoadBalancer": "app/edge-alb/0123456789abcdef", "TargetGroup": "targetgroup/api-tg/0123456789abcdef"}
	expect(t, get(t, m, tAlarm, "api-alarm-unhealthy-hosts"), "dimensions", tg)
	expect(t, get(t, m, tAlarm, "api-alarm-target-5xx"), "metricQueries[0].metric.dimensions", tg)
	expect(t, get(t, m, tAlarm, "api-alarm-cpu-high"), "dimensions", map[string]any{"ClusterName": "apps-cluster", "ServiceName": "api-service"})
	if r := m.Find(tAlarm, "api-alarm-alb-5xx"); r != nil {
		t.Errorf("%s: a routed service alarms on the shared load balancer's own 5xx", r.URN)
	}
	expect(t, get(t, m, tService, "api-service"), "alarms.alarmNames", []string{"api-alarm-target-5xx", "api-alarm-unhealthy-hosts"})
	if n := countParent(m, tAlarm, "api"); n != 6 {
		t.Errorf("api has %d alarms, want 6", n)
	}
}

// countParent counts the resources of a type whose parent is the
// WebService named service.
func countParent(m *awsmock.Mocks, typ, service string) int {
	parent := ""
	for _, r := range m.ByType(check.WebServiceType) {
		if r.Name == service {
			parent = r.URN
		}
	}
	n := 0
	for _, r := range m.ByType(typ) {
		if r.Parent == parent {
			n++
		}
	}
	return n
}

func TestInvalidAlarmsAreRefusedByField(t *testing.T) {
	neg, big := -1.0, 150.0
	tests := []struct {
		name    string
		give    func(a *service.AlarmArgs)
		wantErr []string
	}{
		{"invalid email address", func(a *service.AlarmArgs) { a.Email = "ops@example" },
			[]string{`Alarms.Email: "ops@example" is not an email address; use one such as ops@example.com`}},
		{"negative threshold", func(a *service.AlarmArgs) { a.Thresholds.Target5xxRate.Threshold = &neg },
			[]string{"Alarms.Thresholds.Target5xxRate.Threshold: -1 is negative; use 0 to 100 percent"}},
		{"percent above 100", func(a *service.AlarmArgs) { a.Thresholds.Cpu.Threshold = &big },
			[]string{"Alarms.Thresholds.Cpu.Threshold: 150 is out of range; use 0 to 100 percent"}},
		{"no unhealthy host", func(a *service.AlarmArgs) { zero := 0.0; a.Thresholds.UnhealthyHosts.Threshold = &zero },
			[]string{"Alarms.Thresholds.UnhealthyHosts.Threshold: 0 is out of range; use 1 or more targets"}},
		{"zero response time", func(a *service.AlarmArgs) { zero := 0.0; a.Thresholds.ResponseTimeP99.Threshold = &zero },
			[]string{"Alarms.Thresholds.ResponseTimeP99.Threshold: 0 is out of range; use above 0 seconds"}},
		{"evaluation past a day", func(a *service.AlarmArgs) { a.Thresholds.RunningTasks.EvaluationPeriods = 1441 },
			[]string{"Alarms.Thresholds.RunningTasks.EvaluationPeriods: 1441 is out of range; use 1 to 1440"}},
		{"not a topic ARN", func(a *service.AlarmArgs) { a.TopicArn = pulumi.String("ops-pager") },
			[]string{`Alarms.TopicArn: "ops-pager" is not an SNS topic ARN`}},
		{"a topic of another partition", func(a *service.AlarmArgs) { a.TopicArn = pulumi.String("arn:aws-cn:sns:cn-north-1:123456789012:ops") },
			[]string{`Alarms.TopicArn: "arn:aws-cn:sns:cn-north-1:123456789012:ops" is in partition aws-cn`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := alarmedArgs()
			tt.give(a.Alarms)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

// A topic given as an Output is checked when it resolves, with the same
// message as a literal, and an Output that is a topic is used as given.
func TestAlarmTopicOutputIsCheckedWhenItResolves(t *testing.T) {
	pl := sharedPlatform()
	pl.tweak = func(ctx *pulumi.Context, svc string, a *service.WebServiceArgs) {
		switch svc {
		case "api":
			a.Alarms = &service.AlarmArgs{TopicArn: stored(ctx, "pager", "ops-pager")}
		case "web":
			a.Alarms = &service.AlarmArgs{TopicArn: stored(ctx, "web-pager", "arn:aws:sns:us-east-1:123456789012:web-pager")}
		}
	}
	m, err := pl.run(t)
	want := "invalid WebService arguments (1 problem):\n  " + `Alarms.TopicArn: "ops-pager" is not an SNS topic ARN`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	expect(t, get(t, m, tAlarm, "web-alarm-unhealthy-hosts"), "alarmActions", []string{"arn:aws:sns:us-east-1:123456789012:web-pager"})
}
