package service

import (
	"fmt"
	"regexp"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// alarmDefaults are each alarm's default threshold and evaluation
// periods, documented on AlarmThresholds.
var alarmDefaults = struct {
	alb5xx, target5xx, unhealthy, p99, cpu, memory, running defaultThreshold
}{
	alb5xx:    defaultThreshold{10, 3},
	target5xx: defaultThreshold{5, 3},
	unhealthy: defaultThreshold{1, 2},
	p99:       defaultThreshold{2, 5},
	cpu:       defaultThreshold{90, 5},
	memory:    defaultThreshold{90, 5},
	running:   defaultThreshold{1, 5},
}

type defaultThreshold struct {
	threshold float64
	periods   int
}

// maxEvaluationPeriods is CloudWatch's limit for one-minute periods: an
// alarm evaluates at most a day (PutMetricAlarm: EvaluationPeriods ×
// Period may not exceed 86,400 seconds).
const maxEvaluationPeriods = 86400 / alarmPeriod

func (t AlarmThreshold) withDefaults(d defaultThreshold) AlarmThreshold {
	if t.Threshold == nil {
		v := d.threshold
		t.Threshold = &v
	} else {
		v := *t.Threshold
		t.Threshold = &v
	}
	t.EvaluationPeriods = check.IntOr(t.EvaluationPeriods, d.periods)
	return t
}

// WithDefaults fills in the alarms' defaults. Nil stays nil: no alarms.
func (args *AlarmArgs) WithDefaults() *AlarmArgs {
	if args == nil {
		return nil
	}
	a := *args
	if a.Rollback == nil {
		on := true
		a.Rollback = &on
	} else {
		v := *a.Rollback
		a.Rollback = &v
	}
	t, d := &a.Thresholds, alarmDefaults
	t.Alb5xx = t.Alb5xx.withDefaults(d.alb5xx)
	t.Target5xxRate = t.Target5xxRate.withDefaults(d.target5xx)
	t.UnhealthyHosts = t.UnhealthyHosts.withDefaults(d.unhealthy)
	t.ResponseTimeP99 = t.ResponseTimeP99.withDefaults(d.p99)
	t.Cpu = t.Cpu.withDefaults(d.cpu)
	t.Memory = t.Memory.withDefaults(d.memory)
	t.RunningTasks = t.RunningTasks.withDefaults(d.running)
	return &a
}

// emailPattern is what an SNS email endpoint looks like: one @, a domain
// with a dot, no spaces.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$`)

// snsTopicPattern is an SNS topic ARN.
var snsTopicPattern = regexp.MustCompile(`^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$`)

// snsTopicRule refuses what is not an SNS topic of the stack's partition.
func snsTopicRule(region string) check.InputRule {
	return func(v string) string {
		if !snsTopicPattern.MatchString(v) {
			return fmt.Sprintf("%q is not an SNS topic ARN; use arn:aws:sns:<region>:<account>:<topic name>, or leave it unset to create a topic", v)
		}
		return check.ArnPlace(v, region, false, "")
	}
}

// subscribedTopicRule refuses what is not an SNS topic of the stack's own
// region: the subscription is created by the stack's provider, and
// pulumi-aws subscribes a queue to a topic of another region only through
// a provider of the topic's region (aws.sns.TopicSubscription).
func subscribedTopicRule(region string) check.InputRule {
	return func(v string) string {
		if !snsTopicPattern.MatchString(v) {
			return fmt.Sprintf("%q is not an SNS topic ARN; use arn:aws:sns:<region>:<account>:<topic name>", v)
		}
		return check.ArnPlace(v, region, true, "subscribe the queue to a topic of "+region+", or subscribe it from a program in the topic's region")
	}
}

// checkAlarms applies the rules of a defaulted AlarmArgs: an email
// address, a topic ARN, and every threshold and evaluation period in
// range.
func checkAlarms(p *check.Problems, a *AlarmArgs, region string) {
	if a == nil {
		return
	}
	if a.Email != "" && !emailPattern.MatchString(a.Email) {
		p.Add("Alarms.Email", "%q is not an email address; use one such as ops@example.com, or leave it unset for no subscription", a.Email)
	}
	if a.TopicArn != nil {
		check.CheckString(p, "Alarms.TopicArn", a.TopicArn, snsTopicRule(region))
	}
	t := a.Thresholds
	for _, c := range []struct {
		field    string
		t        AlarmThreshold
		min, max float64 // max 0: no upper bound
		unit     string
		above    bool // the threshold must be above min, not at it
	}{
		{"Alb5xx", t.Alb5xx, 0, 0, "responses a minute", false},
		{"Target5xxRate", t.Target5xxRate, 0, 100, "percent", false},
		{"UnhealthyHosts", t.UnhealthyHosts, 1, 0, "targets", false},
		{"ResponseTimeP99", t.ResponseTimeP99, 0, 0, "seconds", true},
		{"Cpu", t.Cpu, 0, 100, "percent", false},
		{"Memory", t.Memory, 0, 100, "percent", false},
		{"RunningTasks", t.RunningTasks, 1, 0, "tasks", false},
	} {
		f := "Alarms.Thresholds." + c.field
		v := *c.t.Threshold
		switch {
		case v < 0:
			p.Add(f+".Threshold", "%v is negative; use %s", v, thresholdRange(c.min, c.max, c.unit, c.above))
		case v < c.min || (c.above && v == c.min) || (c.max > 0 && v > c.max):
			p.Add(f+".Threshold", "%v is out of range; use %s", v, thresholdRange(c.min, c.max, c.unit, c.above))
		}
		p.RangeInt(f+".EvaluationPeriods", c.t.EvaluationPeriods, 1, maxEvaluationPeriods)
	}
}

// thresholdRange says which thresholds an alarm takes.
func thresholdRange(lo, hi float64, unit string, above bool) string {
	switch {
	case above:
		return fmt.Sprintf("above %v %s", lo, unit)
	case hi > 0:
		return fmt.Sprintf("%v to %v %s", lo, hi, unit)
	}
	return fmt.Sprintf("%v or more %s", lo, unit)
}
