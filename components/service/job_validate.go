package service

import (
	"fmt"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/schedule"
)

// checkScheduledJob defaults and checks args: the workload as every
// workload off the load balancer is checked (no container port, no
// bridge networking, the endpoints and capacity it needs), and the
// schedule, its retries, its dead-letter queue and the timeout. It
// returns the defaulted args, the workload and the cluster's EC2 group
// the strategy names, and a *ValidationError listing every problem.
func checkScheduledJob(name string, args ScheduledJobArgs) (ScheduledJobArgs, privateArgs, *cluster.Ec2GroupContract, error) {
	a := args.withDefaults()
	pa, group := a.private().withDefaults()
	var p check.Problems
	pa.check(&p, name, group, network.EndpointFeatures{})
	for i := range p {
		p[i].Field = jobField(p[i].Field)
	}
	region := ""
	if a.Network != nil {
		region = a.Network.NetworkContract().Region
	}
	a.checkOwn(&p, region)
	return a, pa, group, check.Refusal("ScheduledJob", p)
}

// jobField is the field of ScheduledJobArgs a workload's field is: the
// job has no ServiceArgs, its strategy, ECS Exec and extra groups are
// fields of its own.
func jobField(workloadField string) string {
	return strings.TrimPrefix(workloadField, "Service.")
}

// jobWithin is what a job's deploy-time checks name their fields by: the
// job's own fields (jobField), and then the composite's it is built
// inside, if any.
func jobWithin(in *piece.Within) *piece.Within {
	if in == nil {
		return &piece.Within{Composite: "ScheduledJob", Field: jobField}
	}
	return &piece.Within{Composite: in.Composite, Released: in.Released, Field: func(f string) string { return in.Path(jobField(f)) }}
}

// checkOwn checks the defaulted settings only a scheduled job has.
func (a ScheduledJobArgs) checkOwn(p *check.Problems, region string) {
	e, exprErr := schedule.Parse(a.Schedule)
	if exprErr != nil {
		p.Add("Schedule", "%v", exprErr)
	}
	loc, tzErr := schedule.LoadTimezone(a.Timezone)
	if tzErr != nil {
		p.Add("Timezone", "%v", tzErr)
	}
	known := exprErr == nil && tzErr == nil
	if known && e.Kind() == schedule.At {
		// What Scheduler does with a time the clocks skip is not
		// documented; ask for another one.
		if _, err := e.OneTime(loc); err != nil {
			p.Add("Schedule", "%v", err)
		}
	}
	if err := schedule.ValidateMaximumEventAgeInSeconds(a.Retry.MaximumEventAgeInSeconds); err != nil {
		p.Add("Retry.MaximumEventAgeInSeconds", "%s", apiProblem(err, "RetryPolicy.MaximumEventAgeInSeconds"))
	}
	if err := schedule.ValidateMaximumRetryAttempts(*a.Retry.MaximumRetryAttempts); err != nil {
		p.Add("Retry.MaximumRetryAttempts", "%s", apiProblem(err, "RetryPolicy.MaximumRetryAttempts"))
	}
	a.checkTimeout(p, e, loc, known)
	a.checkDeadLetterQueue(p, region)
}

// checkTimeout refuses a timeout out of range, or one that lets a run
// last into the next: at or above the schedule's shortest time between
// two runs. A one-time schedule, and a cron schedule that runs fewer than
// twice from now, have no next run to reach.
func (a ScheduledJobArgs) checkTimeout(p *check.Problems, e schedule.Expression, loc *time.Location, known bool) {
	switch {
	case a.Timeout == 0:
		return
	case a.Timeout < 0 || a.Timeout > MaxJobTimeoutSeconds:
		p.Add("Timeout", "%d seconds is out of range; use 1 to %d (a Step Functions Standard execution lasts at most a year, and the state machine's backstop adds %d seconds), or leave it unset for no timeout",
			a.Timeout, MaxJobTimeoutSeconds, jobTimeoutGrace)
		return
	case !known || e.Kind() == schedule.At:
		return
	}
	period, err := e.MinPeriod(jobClock(), loc)
	if err != nil {
		return
	}
	if timeout := time.Duration(a.Timeout) * time.Second; timeout >= period {
		p.Add("Timeout", "%d seconds (%s) is not below %s, the shortest time between two runs of %s in %s, so a run could still be going when the next one starts; set a timeout below %d seconds, or run the job less often",
			a.Timeout, timeout, period, a.Schedule, a.Timezone, int64(period/time.Second))
	}
}

// checkDeadLetterQueue checks the created queue's retention, or the
// adopted queue's ARN when it is a literal (an Output's is checked at
// deploy time, by the same rule).
func (a ScheduledJobArgs) checkDeadLetterQueue(p *check.Problems, region string) {
	d := a.DeadLetterQueue
	if d.Arn == nil {
		p.RangeInt("DeadLetterQueue.RetentionSeconds", d.RetentionSeconds, minDeadLetterRetentionSeconds, DefaultDeadLetterRetentionSeconds)
		return
	}
	if d.RetentionSeconds != 0 {
		p.Add("DeadLetterQueue.RetentionSeconds", "is set with DeadLetterQueue.Arn, but an adopted queue keeps its own retention; remove one of them")
	}
	check.CheckString(p, "DeadLetterQueue.Arn", d.Arn, deadLetterRule(region))
}

// deadLetterRule refuses what Scheduler does not take as a dead-letter
// queue (a FIFO queue, or not an SQS queue ARN), and a queue of another
// region: the job's dead-letter alarm can only watch a queue of its own
// region, as CloudWatch alarms read their own region's metrics.
func deadLetterRule(region string) check.InputRule {
	return func(v string) string {
		if err := schedule.ValidateDeadLetterArn(v); err != nil {
			return apiProblem(err, "DeadLetterConfig.Arn")
		}
		return check.ArnPlace(v, region, true, fmt.Sprintf("the job watches its dead-letter queue from %s; use a queue there, or leave Arn unset to create one", region))
	}
}

// apiProblem is a problem the schedule package words under the API's own
// field name, reworded for the job's field, which the caller names: the
// API field's name and the colon after it go.
func apiProblem(err error, apiField string) string {
	msg := strings.TrimPrefix(err.Error(), apiField)
	msg = strings.TrimPrefix(msg, ":")
	return strings.TrimSpace(msg)
}
