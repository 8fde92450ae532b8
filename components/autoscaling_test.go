package components

import (
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

const (
	tScalingTarget = "aws:appautoscaling/target:Target"
	tScalingPolicy = "aws:appautoscaling/policy:Policy"
)

// scaledArgs runs 2 tasks on Fargate, scaling between 2 and 6 on all
// three predefined metrics.
func scaledArgs() PrivateFargateServiceArgs {
	a := baseArgs()
	two, in, out := 2, 120, 30
	a.Service.DesiredCount = &two
	a.Autoscaling = &service.AutoscalingArgs{MinCount: &two, MaxCount: 6, Policies: []service.ScalingPolicy{
		{Metric: service.MetricCPU, TargetValue: 70},
		{Metric: service.MetricMemory, TargetValue: 80, ScaleInCooldown: &in, ScaleOutCooldown: &out},
		{Metric: service.MetricRequests, TargetValue: 1000},
	}}
	return a
}

// Fact: Application Auto Scaling names an ECS service by the resource ID
// service/<cluster name>/<service name> and scales its
// ecs:service:DesiredCount in the ecs namespace (Application Auto Scaling
// API Reference, RegisterScalableTarget, ResourceId and
// ScalableDimension).
func TestScalableTargetIsTheServicesDesiredCount(t *testing.T) {
	m, _ := mustRun(t, scaledArgs())
	target := get(t, m, tScalingTarget, "web-scaling")
	expect(t, target, "resourceId", "service/web-cluster/web-service")
	expect(t, target, "scalableDimension", "ecs:service:DesiredCount")
	expect(t, target, "serviceNamespace", "ecs")
	expect(t, target, "minCapacity", 2)
	expect(t, target, "maxCapacity", 6)
	svc := get(t, m, tService, "web-service")
	if !slices.Contains(target.Dependencies, svc.URN) {
		t.Errorf("%s: does not wait for the service %s it scales; dependencies %v", target.URN, svc.URN, target.Dependencies)
	}
}

// Fact: the ALBRequestCountPerTarget predefined metric needs a resource
// label app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>, the final
// parts of the load balancer's and target group's ARNs (Application Auto
// Scaling API Reference, PredefinedMetricSpecification, ResourceLabel);
// CPU and memory take none. Application Auto Scaling's own scale-in
// cooldown for an ECS service is 300 seconds (API Reference,
// TargetTrackingScalingPolicyConfiguration), which the component keeps;
// its scale-out cooldown defaults to 60 seconds, to catch up with load
// sooner.
func TestScalingPoliciesTrackEachMetric(t *testing.T) {
	m, _ := mustRun(t, scaledArgs())
	label := "app/web-alb/0123456789abcdef/targetgroup/web-tg/0123456789abcdef"
	for _, tt := range []struct {
		name, metric string
		target       float64
		in, out      int
		label        any
	}{
		{"web-scaling-cpu", service.MetricCPU, 70, 300, 60, nil},
		{"web-scaling-memory", service.MetricMemory, 80, 120, 30, nil},
		{"web-scaling-requests", service.MetricRequests, 1000, 300, 60, label},
	} {
		p := get(t, m, tScalingPolicy, tt.name)
		expect(t, p, "policyType", "TargetTrackingScaling")
		expect(t, p, "resourceId", "service/web-cluster/web-service")
		expect(t, p, "scalableDimension", "ecs:service:DesiredCount")
		expect(t, p, "serviceNamespace", "ecs")
		expect(t, p, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType", tt.metric)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel", tt.label)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.targetValue", tt.target)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.scaleInCooldown", tt.in)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.scaleOutCooldown", tt.out)
		if target := get(t, m, tScalingTarget, "web-scaling"); !slices.Contains(p.Dependencies, target.URN) {
			t.Errorf("%s: does not wait for the scalable target %s", p.URN, target.URN)
		}
	}
	if n := len(m.ByType(tScalingPolicy)); n != 3 {
		t.Errorf("%d scaling policies, want 3", n)
	}
}

func TestScalingDefaultsToCpuAndMemoryAtSeventyFivePercent(t *testing.T) {
	a := baseArgs()
	a.Autoscaling = &service.AutoscalingArgs{MaxCount: 3}
	m, _ := mustRun(t, a)
	expect(t, get(t, m, tScalingTarget, "web-scaling"), "minCapacity", 1) // the desired count
	for name, metric := range map[string]string{"web-scaling-cpu": service.MetricCPU, "web-scaling-memory": service.MetricMemory} {
		p := get(t, m, tScalingPolicy, name)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType", metric)
		expect(t, p, "targetTrackingScalingPolicyConfiguration.targetValue", 75)
	}
	if n := len(m.ByType(tScalingPolicy)); n != 2 {
		t.Errorf("%d scaling policies, want the 2 defaults", n)
	}
}

// Fact (BRIEF fact 17): Application Auto Scaling owns the desired count
// once it scales a service, and a deploy that sets desiredCount again
// fights it. So with autoscaling the service ignores changes to
// desiredCount, and registers it only for its first deploy; without, a
// deploy sets it as configured.
func TestAutoscaledServiceIgnoresDesiredCountChanges(t *testing.T) {
	m, _ := mustRun(t, scaledArgs())
	svc := get(t, m, tService, "web-service")
	if !slices.Equal(svc.IgnoreChanges, []string{"desiredCount"}) {
		t.Errorf("%s: ignoreChanges = %v, want [desiredCount]", svc.URN, svc.IgnoreChanges)
	}
	expect(t, svc, "desiredCount", 2) // what the first deploy starts

	m, _ = mustRun(t, baseArgs())
	svc = get(t, m, tService, "web-service")
	if len(svc.IgnoreChanges) != 0 {
		t.Errorf("%s: ignoreChanges = %v without autoscaling, want none", svc.URN, svc.IgnoreChanges)
	}
	if n := len(m.ByType(tScalingTarget)) + len(m.ByType(tScalingPolicy)); n != 0 {
		t.Errorf("%d autoscaling resources without autoscaling, want 0", n)
	}
}

func TestInvalidAutoscalingIsRefusedByField(t *testing.T) {
	tests := []struct {
		name    string
		give    func(a *PrivateFargateServiceArgs)
		wantErr []string
	}{
		{"min above max", func(a *PrivateFargateServiceArgs) { seven := 7; a.Autoscaling.MinCount = &seven },
			[]string{"Autoscaling.MinCount: 7 is above MaxCount (6); lower MinCount or raise MaxCount"}},
		{"no maximum", func(a *PrivateFargateServiceArgs) { a.Autoscaling.MaxCount = 0 },
			[]string{"Autoscaling.MaxCount: 0 tasks is no maximum"}},
		{"negative minimum", func(a *PrivateFargateServiceArgs) { n := -1; a.Autoscaling.MinCount = &n },
			[]string{"Autoscaling.MinCount: -1 tasks is negative"}},
		{"desired above max", func(a *PrivateFargateServiceArgs) { n := 8; a.Service.DesiredCount = &n },
			[]string{"Service.DesiredCount: 8 tasks is outside Autoscaling.MinCount to Autoscaling.MaxCount (2 to 6)"}},
		{"desired below min", func(a *PrivateFargateServiceArgs) {
			n := 1
			a.Service.DesiredCount = &n
			three := 3
			a.Autoscaling.MinCount = &three
		},
			[]string{"Service.DesiredCount: 1 tasks is outside Autoscaling.MinCount to Autoscaling.MaxCount (3 to 6)"}},
		{"unknown predefined metric", func(a *PrivateFargateServiceArgs) {
			a.Autoscaling.Policies[1].Metric = "ECSServiceAverageDiskUtilization"
		},
			[]string{`Autoscaling.Policies[1].Metric: "ECSServiceAverageDiskUtilization" is not a predefined metric for an ECS service; use ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget`}},
		{"one metric twice", func(a *PrivateFargateServiceArgs) { a.Autoscaling.Policies[1].Metric = service.MetricCPU },
			[]string{"Autoscaling.Policies[1].Metric: ECSServiceAverageCPUUtilization has a policy already"}},
		{"requests without a target", func(a *PrivateFargateServiceArgs) { a.Autoscaling.Policies[2].TargetValue = 0 },
			[]string{"Autoscaling.Policies[2].TargetValue: 0 is no request target"}},
		{"utilization above 100", func(a *PrivateFargateServiceArgs) { a.Autoscaling.Policies[0].TargetValue = 120 },
			[]string{"Autoscaling.Policies[0].TargetValue: 120 is not a utilization target"}},
		{"negative cooldown", func(a *PrivateFargateServiceArgs) { n := -5; a.Autoscaling.Policies[0].ScaleInCooldown = &n },
			[]string{"Autoscaling.Policies[0].ScaleInCooldown: -5 is out of range; use 0 to 3600"}},
		{"cooldown above an hour", func(a *PrivateFargateServiceArgs) { n := 7200; a.Autoscaling.Policies[0].ScaleOutCooldown = &n },
			[]string{"Autoscaling.Policies[0].ScaleOutCooldown: 7200 is out of range; use 0 to 3600"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := scaledArgs()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

// Fact: during a deployment ECS runs up to MaximumPercent of the desired
// count, and with autoscaling the desired count may be MaxCount; on EC2
// capacity the group's MaxSize instances must hold that many tasks, or
// the deployment waits for capacity that never comes (an m6i.large holds
// two awsvpc tasks without trunking: three ENIs, one the instance's).
func TestEc2GroupMustHoldTheScaledOutDeployment(t *testing.T) {
	a := ec2Args()
	a.Autoscaling = &service.AutoscalingArgs{MaxCount: 6}
	expectInvalid(t, a, []string{"Ec2.MaxSize: 4 m6i.large instances hold 8 tasks (2 each, limited by ENIs (3, one for the instance)), but a deployment at Autoscaling.MaxCount (6 tasks) and MaximumPercent 200 runs 12; raise MaxSize"})

	a.Ec2.MaxSize = 6
	m, _ := mustRun(t, a)
	expect(t, get(t, m, tScalingTarget, "web-scaling"), "maxCapacity", 6)

	// On a cluster's group the service names its own field.
	pl := sharedPlatform()
	admin := pl.services["admin"]
	admin.Autoscaling = &service.AutoscalingArgs{MaxCount: 5}
	pl.services["admin"] = admin
	_, err := pl.run(t)
	want := `Autoscaling.MaxCount: the 4 m6i.large instances of the cluster's EC2 group "admin" hold 8 tasks (2 each, limited by ENIs (3, one for the instance)), but a deployment at Autoscaling.MaxCount (5 tasks) and MaximumPercent 200 runs 10; lower MaxCount or MaximumPercent`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// A routed service on a shared load balancer labels its requests policy
// with its own target group.
func TestRoutedServiceScalesOnItsOwnTargetGroup(t *testing.T) {
	pl := sharedPlatform()
	api := pl.services["api"]
	api.Autoscaling = &service.AutoscalingArgs{MaxCount: 4, Policies: []service.ScalingPolicy{{Metric: service.MetricRequests, TargetValue: 500}}}
	pl.services["api"] = api
	m := pl.mustRun(t)
	expect(t, get(t, m, tScalingTarget, "api-scaling"), "resourceId", "service/apps-cluster/api-service")
	expect(t, get(t, m, tScalingPolicy, "api-scaling-requests"), "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel",
		"app/edge-alb/0123456789abcdef/targetgroup/api-tg/0123456789abcdef")
}
