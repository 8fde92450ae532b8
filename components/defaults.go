package components

import (
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// DefaultArgs are the arguments as the constructor fills them in when none
// is set, with Ec2, Autoscaling and Alarms holding their defaults, though
// each is off until it is set (and Autoscaling.MaxCount has no default),
// and Backend and Job holding the defaults of their kinds (but for
// Backend.DiscoveryName, the component's name, and Job.Schedule, which
// has none).
// Programs that show or declare the defaults (a Pulumi.yaml, a README)
// read them here, so they cannot drift from what the component does.
func DefaultArgs() PrivateFargateServiceArgs {
	a := PrivateFargateServiceArgs{}.withDefaults()
	e := cluster.Ec2CapacityArgs{}.WithDefaults()
	a.Ec2 = &e
	a.Autoscaling = (&service.AutoscalingArgs{}).WithDefaults(*a.Service.DesiredCount)
	a.Alarms = (&service.AlarmArgs{}).WithDefaults()
	a.Backend = &BackendKindArgs{AppProtocol: service.AppProtocolHttp}
	attempts, tags := service.DefaultMaximumRetryAttempts, true
	a.Job = &JobKindArgs{
		Timezone: service.DefaultJobTimezone,
		Retry: service.JobRetry{
			MaximumEventAgeInSeconds: service.DefaultMaximumEventAgeInSeconds, MaximumRetryAttempts: &attempts,
		},
		DeadLetterQueue: service.JobDeadLetterQueue{RetentionSeconds: service.DefaultDeadLetterRetentionSeconds},
		PropagateTags:   &tags,
	}
	return a
}

// withDefaults returns a copy of args with every default filled in.
func (args PrivateFargateServiceArgs) withDefaults() PrivateFargateServiceArgs {
	a := args
	a.Kind = kindOf(a.Kind)
	a.Network = a.Network.WithDefaults()
	// The component owns its network: tracing without NAT gets the ECR
	// Public cache rule its collector's image is pulled through, so one
	// key turns tracing on.
	if a.Tracing == service.TracingXray && !a.hasNat() && !slices.ContainsFunc(a.Network.PullThroughCache, func(r network.PullThroughCacheRuleArgs) bool {
		return r.Upstream == "ecr-public"
	}) {
		a.Network.PullThroughCache = append(slices.Clone(a.Network.PullThroughCache), network.PullThroughCacheRuleArgs{Upstream: "ecr-public"})
	}
	a.Ingress = a.Ingress.WithDefaults()
	if a.Ec2 != nil {
		e := a.Ec2.WithDefaults()
		a.Ec2 = &e
	}
	w := a.workload().WithDefaults(a.Ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Sidecars, a.Autoscaling, a.Alarms = w.Sidecars, w.Autoscaling, w.Alarms
	a.LoadBalancer.IdleTimeout = check.IntOr(a.LoadBalancer.IdleTimeout, check.DefaultIdleTimeout)
	a.LoadBalancer.DeregistrationDelay = check.PtrOr(a.LoadBalancer.DeregistrationDelay, check.DefaultDeregistrationDelay)
	a.LoadBalancer.HealthCheck = a.LoadBalancer.HealthCheck.WithDefaults()
	a.LoadBalancer.AccessLogs = a.LoadBalancer.AccessLogs.WithDefaults()
	return a
}
