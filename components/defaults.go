package components

import (
	"slices"
)

// DefaultArgs are the arguments as the constructor fills them in when none
// is set, with Ec2, Autoscaling and Alarms holding their defaults, though
// each is off until it is set (and Autoscaling.MaxCount has no default).
// Programs that show or declare the defaults (a Pulumi.yaml, a README)
// read them here, so they cannot drift from what the component does.
func DefaultArgs() PrivateFargateServiceArgs {
	a := PrivateFargateServiceArgs{}.withDefaults()
	e := Ec2CapacityArgs{}.withDefaults()
	a.Ec2 = &e
	a.Autoscaling = (&AutoscalingArgs{}).withDefaults(*a.Service.DesiredCount)
	a.Alarms = (&AlarmArgs{}).withDefaults()
	return a
}

// withDefaults returns a copy of args with every default filled in.
func (args PrivateFargateServiceArgs) withDefaults() PrivateFargateServiceArgs {
	a := args
	a.Network = a.Network.withDefaults()
	// The component owns its network: tracing without NAT gets the ECR
	// Public cache rule its collector's image is pulled through, so one
	// key turns tracing on.
	if a.Tracing == TracingXray && !a.hasNat() && !slices.ContainsFunc(a.Network.PullThroughCache, func(r PullThroughCacheRuleArgs) bool {
		return r.Upstream == "ecr-public"
	}) {
		a.Network.PullThroughCache = append(slices.Clone(a.Network.PullThroughCache), PullThroughCacheRuleArgs{Upstream: "ecr-public"})
	}
	a.Ingress = a.Ingress.withDefaults()
	if a.Ec2 != nil {
		e := a.Ec2.withDefaults()
		a.Ec2 = &e
	}
	w := a.workload().withDefaults(a.Ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Sidecars, a.Autoscaling, a.Alarms = w.Sidecars, w.Autoscaling, w.Alarms
	a.LoadBalancer.IdleTimeout = intOr(a.LoadBalancer.IdleTimeout, defaultIdleTimeout)
	a.LoadBalancer.DeregistrationDelay = ptrOr(a.LoadBalancer.DeregistrationDelay, defaultDeregistrationDelay)
	a.LoadBalancer.HealthCheck = a.LoadBalancer.HealthCheck.withDefaults()
	a.LoadBalancer.AccessLogs = a.LoadBalancer.AccessLogs.withDefaults()
	return a
}
