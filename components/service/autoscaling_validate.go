package service

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// Autoscaling defaults, documented on AutoscalingArgs and ScalingPolicy.
const (
	defaultScalingTarget    = 75
	defaultScaleInCooldown  = 300
	defaultScaleOutCooldown = 60
	maxScalingCooldown      = 3600
)

// WithDefaults fills in the autoscaling defaults; desired is the
// service's defaulted desired count. Nil stays nil: autoscaling is off.
func (args *AutoscalingArgs) WithDefaults(desired int) *AutoscalingArgs {
	if args == nil {
		return nil
	}
	a := *args
	a.MinCount = check.PtrOr(a.MinCount, desired)
	if args.MinCount == nil && a.MaxCount >= 1 && desired > a.MaxCount {
		// Not above MaxCount: the problem is the desired count's.
		*a.MinCount = a.MaxCount
	}
	if len(a.Policies) == 0 {
		a.Policies = []ScalingPolicy{{Metric: MetricCPU}, {Metric: MetricMemory}}
	}
	policies := make([]ScalingPolicy, len(a.Policies))
	for i, p := range a.Policies {
		if p.TargetValue == 0 && (p.Metric == MetricCPU || p.Metric == MetricMemory) {
			p.TargetValue = defaultScalingTarget
		}
		p.ScaleInCooldown = check.PtrOr(p.ScaleInCooldown, defaultScaleInCooldown)
		p.ScaleOutCooldown = check.PtrOr(p.ScaleOutCooldown, defaultScaleOutCooldown)
		policies[i] = p
	}
	a.Policies = policies
	return &a
}

// checkAutoscaling applies the rules of a defaulted AutoscalingArgs:
// MinCount <= DesiredCount <= MaxCount, a known predefined metric per
// policy, each once, and targets and cooldowns in range.
func checkAutoscaling(p *check.Problems, a *AutoscalingArgs, desired int) {
	if a == nil {
		return
	}
	minCount := *a.MinCount
	switch {
	case a.MaxCount < 1:
		p.Add("Autoscaling.MaxCount", "%d tasks is no maximum; set the most tasks the service may scale out to, 1 or more", a.MaxCount)
	case minCount > a.MaxCount:
		p.Add("Autoscaling.MinCount", "%d is above MaxCount (%d); lower MinCount or raise MaxCount", minCount, a.MaxCount)
	}
	if minCount < 0 {
		p.Add("Autoscaling.MinCount", "%d tasks is negative; use 0 or more", minCount)
	} else if minCount <= a.MaxCount && (desired < minCount || desired > a.MaxCount) {
		// The first deploy starts DesiredCount tasks, which the scaler
		// would move into MinCount..MaxCount at once.
		p.Add("Service.DesiredCount", "%d tasks is outside Autoscaling.MinCount to Autoscaling.MaxCount (%d to %d); the first deploy starts DesiredCount tasks, so use a count in that range", desired, minCount, a.MaxCount)
	}
	seen := map[string]bool{}
	for i, pol := range a.Policies {
		f := fmt.Sprintf("Autoscaling.Policies[%d]", i)
		if !slices.Contains(scalingMetrics, pol.Metric) {
			p.Add(f+".Metric", "%q is not a predefined metric for an ECS service; use %s", pol.Metric, strings.Join(scalingMetrics, ", "))
			continue
		}
		if seen[pol.Metric] {
			p.Add(f+".Metric", "%s has a policy already; two policies on one metric fight each other, so keep one", pol.Metric)
		}
		seen[pol.Metric] = true
		switch {
		case pol.Metric == MetricRequests && pol.TargetValue <= 0:
			p.Add(f+".TargetValue", "%v is no request target; set the requests a minute one task should serve, above 0 (it has no default)", pol.TargetValue)
		case pol.Metric != MetricRequests && (pol.TargetValue <= 0 || pol.TargetValue > 100):
			p.Add(f+".TargetValue", "%v is not a utilization target; use a percentage above 0 and at most 100", pol.TargetValue)
		}
		p.RangeInt(f+".ScaleInCooldown", *pol.ScaleInCooldown, 0, maxScalingCooldown)
		p.RangeInt(f+".ScaleOutCooldown", *pol.ScaleOutCooldown, 0, maxScalingCooldown)
	}
}

// peakTasks is the most tasks the service runs at once, before a
// deployment's surge: its desired count, or with autoscaling its maximum.
func (w Workload) peakTasks() int {
	if a := w.Autoscaling; a != nil && a.MaxCount > *w.Service.DesiredCount {
		return a.MaxCount
	}
	return *w.Service.DesiredCount
}
