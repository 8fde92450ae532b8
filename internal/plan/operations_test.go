package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The plan shows prod's scaling range and policies, read from the
// scalable target and policies registered, and that the service leaves
// its desired count to the scaler.
func TestPlanShowsTheScalingRangeAndPolicies(t *testing.T) {
	p := mustLoad(t, "prod")
	want := []ScalingTarget{{
		Service: "web", ServiceResource: "web-service", Resource: "web-scaling",
		ResourceID: "service/web-cluster/web-service", Dimension: "ecs:service:DesiredCount",
		MinCapacity: 2, MaxCapacity: 6, DesiredCount: 2, IgnoresDesiredCount: true,
		Policies: []ScalingPolicy{
			{Resource: "web-scaling-cpu", Metric: "ECSServiceAverageCPUUtilization", TargetValue: 70, ScaleInCooldown: 300, ScaleOutCooldown: 60},
			{Resource: "web-scaling-memory", Metric: "ECSServiceAverageMemoryUtilization", TargetValue: 80, ScaleInCooldown: 300, ScaleOutCooldown: 60},
			{Resource: "web-scaling-requests", Metric: "ALBRequestCountPerTarget", TargetValue: 1000, ScaleInCooldown: 300, ScaleOutCooldown: 60,
				ResourceLabel: "app/web-alb/0123456789abcdef/targetgroup/web-tg/0123456789abcdef"},
		},
	}}
	if diff := cmp.Diff(want, p.Scaling); diff != "" {
		t.Errorf("scaling (-want +got):\n%s", diff)
	}
	text := p.Text()
	for _, line := range []string{
		"  web-service: 2 to 6 tasks (service/web-cluster/web-service, ecs:service:DesiredCount); the first deploy starts 2, later desiredCount changes are ignored\n",
		"    ALBRequestCountPerTarget            target 1000  scale in after 300 s, out after 60 s  app/web-alb/0123456789abcdef/targetgroup/web-tg/0123456789abcdef\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("text lacks %q:\n%s", line, text)
		}
	}
	if dev := mustLoad(t, "dev"); len(dev.Scaling) != 0 || !strings.Contains(dev.Text(), "Autoscaling: none; every service runs its desired count.\n") {
		t.Errorf("dev scales: %+v", dev.Scaling)
	}
}

// The plan shows each alarm's metric, condition and dimensions, the topic
// it notifies, and the deployments it rolls back.
func TestPlanShowsTheAlarmsAndWhereTheyNotify(t *testing.T) {
	p := mustLoad(t, "prod")
	if len(p.Alarms) != 7 {
		t.Fatalf("%d alarms, want 7", len(p.Alarms))
	}
	var rollback []string
	for _, a := range p.Alarms {
		if !slices.Equal(a.Notifies, []string{"web-alarms"}) || a.Service != "web" {
			t.Errorf("%s: service %q notifies %v, want web and web-alarms", a.Resource, a.Service, a.Notifies)
		}
		if len(a.RollsBack) > 0 {
			rollback = append(rollback, a.Resource)
		}
	}
	if want := []string{"web-alarm-alb-5xx", "web-alarm-target-5xx", "web-alarm-unhealthy-hosts"}; !slices.Equal(rollback, want) {
		t.Errorf("alarms that roll back = %v, want %v", rollback, want)
	}
	// prod's topic is under the stack's key (kmsKey: create).
	const key = "arn:aws:kms:ap-northeast-2:123456789012:key/fe372517-ad18-bd4e-f08c-931b6f58a73a"
	if diff := cmp.Diff([]Topic{{Resource: "web-alarms", KmsKey: key, Subscriptions: []string{}}}, p.Topics); diff != "" {
		t.Errorf("topics (-want +got):\n%s", diff)
	}
	text := p.Text()
	for _, want := range []string{
		"Alarms (7): when each goes off, what it watches, whom it notifies\n",
		"  web-alarm-alb-5xx: HTTPCode_ELB_5XX_Count (AWS/ApplicationELB, Sum) > 10 for 3 periods of 60 s\n" +
			"      on LoadBalancer=app/web-alb/0123456789abcdef; notifies web-alarms; rolls back deployments of web\n",
		"  web-alarm-target-5xx: 100 * FILL(errors, 0) / requests > 5 for 3 periods of 60 s\n" +
			"      where errors = HTTPCode_Target_5XX_Count (AWS/ApplicationELB, Sum), requests = RequestCount (AWS/ApplicationELB, Sum)\n" +
			"      on LoadBalancer=app/web-alb/0123456789abcdef, TargetGroup=targetgroup/web-tg/0123456789abcdef; notifies web-alarms; rolls back deployments of web\n",
		"  web-alarm-cpu-high: CPUUtilization (AWS/ECS, Average) > 90 for 5 periods of 60 s\n" +
			"      on ClusterName=web-cluster, ServiceName=web-service; notifies web-alarms\n",
		"  Topic web-alarms: encrypted with " + key + "; no subscriptions.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// The cost adds the alarms per alarm metric-month and prices the
// autoscaling range: prod's tasks are paid as the EC2 group's 2 to 6
// instances, the shared platform's api as 1 to 4 Fargate Spot tasks.
func TestCostPricesAlarmsAndTheScalingRange(t *testing.T) {
	pt := mustPrices(t)
	h := pt.HoursPerMonth
	p := mustLoad(t, "prod")
	rp := pt.Regions["ap-northeast-2"]
	l, ok := p.Cost.Estimates[0].Line(ItemAlarms)
	if !ok || l.Quantity != 9 || l.Rate != rp.AlarmMetricMonth || l.Unit != "alarm metric-month" {
		t.Errorf("alarms line %+v, want 9 alarm metric-months at %v", l, rp.AlarmMetricMonth)
	}
	want := []ScalingCost{{Service: "web-service", MinTasks: 2, MaxTasks: 6, Min: round(2 * h * rp.Ec2["m6i.large"]), Max: round(6 * h * rp.Ec2["m6i.large"]),
		Parts: []ScalingPart{{What: "paid as web-asg's 2 to 6 m6i.large instances", Min: 172.28, Max: 516.84}}}}
	if diff := cmp.Diff(want, p.Cost.Scaling); diff != "" {
		t.Errorf("prod scaling cost (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.CostText(), "  Autoscaling range: web-service runs 2 to 6 tasks, paid as web-asg's 2 to 6 m6i.large instances: $172.28 to $516.84 a month; the table prices the desired count.\n") {
		t.Errorf("cost text lacks the range:\n%s", p.CostText())
	}

	shared := mustLoadDir(t, sharedPlatformDir, "dev")
	us := pt.Regions["us-east-1"]
	x86 := us.Fargate["X86_64"]
	// The api's task is 0.5 vCPU and 1 GB: its collector and its Service
	// Connect proxy share it with the app.
	perTask := (0.5*x86.VcpuHour + 1*x86.GbHour) * (1 - pt.Assumptions.FargateSpotDiscount) * h
	if len(shared.Cost.Scaling) != 2 || shared.Cost.Scaling[1].Service != "settlements-service" {
		t.Fatalf("shared platform scaling cost %+v, want the api's and the settlements worker's", shared.Cost.Scaling)
	}
	got := shared.Cost.Scaling[0]
	if got.Service != "api-service" || got.MinTasks != 1 || got.MaxTasks != 4 || !near(got.Min, perTask) || !near(got.Max, 4*perTask) ||
		len(got.Parts) != 1 || got.Parts[0].What != "on FARGATE_SPOT" {
		t.Errorf("api scaling cost %+v, want 1 to 4 Fargate Spot tasks at %v each", got, perTask)
	}
	if l, ok := shared.Cost.Estimates[0].Line(ItemAlarms); !ok || l.Quantity != 8 {
		t.Errorf("shared platform alarms line %+v, want the api's 8 alarm metrics", l)
	}
}
