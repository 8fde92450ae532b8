package plan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/internal/schedule"
)

// Resource types of a scheduled job the plan reads.
const (
	typeSchedule      = "aws:scheduler/schedule:Schedule"
	typeScheduleGroup = "aws:scheduler/scheduleGroup:ScheduleGroup"
	typeStateMachine  = "aws:sfn/stateMachine:StateMachine"
	typeQueue         = "aws:sqs/queue:Queue"
)

// nextRuns is how many of a schedule's next runs the plan lists.
const nextRuns = 5

// DefaultJobDuration is how long the plan assumes a run lasts when its
// job has no timeout and Options.JobDuration is not set.
const DefaultJobDuration = 10 * time.Minute

// fargateMinimumBilled is the shortest time Fargate bills a task for: per
// second, with a one-minute minimum (AWS Fargate pricing).
const fargateMinimumBilled = time.Minute

// Schedule is one EventBridge Scheduler schedule and what it runs.
type Schedule struct {
	Resource string `json:"resource"`
	URN      string `json:"urn"`
	// Job is the ScheduledJob it belongs to, "" for a schedule of no job.
	Job string `json:"job,omitempty"`
	// Group is its schedule group's resource name.
	Group      string `json:"group,omitempty"`
	Expression string `json:"expression"`
	Timezone   string `json:"timezone"`
	// From is the time the next runs are counted from, and NextRuns the
	// first few at or after it, in the schedule's time zone (RFC 3339).
	From     string   `json:"from"`
	NextRuns []string `json:"nextRuns"`
	// RunsPerMonth is the runs in the year from From, over 12; for a
	// one-time schedule 1, or 0 once its time has passed.
	RunsPerMonth float64 `json:"runsPerMonth"`
	// Skipped is how many runs of a cron expression the clocks going
	// forward skip in that year: Scheduler does not move a run whose
	// wall-clock time does not exist that day.
	Skipped int `json:"skipped,omitempty"`
	// Problem says why the expression could not be read; the runs are
	// then unknown.
	Problem string `json:"problem,omitempty"`
	// Target is "ecs:RunTask", or "states:StartExecution" through
	// StateMachine, which runs the task with a timeout.
	Target       string `json:"target"`
	StateMachine string `json:"stateMachine,omitempty"`
	// Timeout is the deadline the state machine stops the task at, in
	// seconds; 0 without one.
	Timeout int `json:"timeout,omitempty"`
	// StatesPerRun is how many states the state machine's definition
	// has: at most the transitions one run makes (the definition has no
	// loop).
	StatesPerRun int `json:"statesPerRun,omitempty"`
	// TaskDefinition is the task definition's resource name; Placement
	// where the run's task goes.
	TaskDefinition string          `json:"taskDefinition,omitempty"`
	Placement      []ProviderTasks `json:"placement,omitempty"`
	// Retry is the target's retry policy, DeadLetterQueue the queue a run
	// Scheduler gave up on goes to (its resource name, or its ARN when
	// the stack does not create it).
	MaximumEventAgeInSeconds int    `json:"maximumEventAgeInSeconds"`
	MaximumRetryAttempts     int    `json:"maximumRetryAttempts"`
	DeadLetterQueue          string `json:"deadLetterQueue,omitempty"`

	taskDef *awsmock.Resource
	items   []StrategyItem
}

// runTask is the part of a runTask.sync state's parameters the plan reads.
type runTask struct {
	TaskDefinition           string
	CapacityProviderStrategy []struct {
		CapacityProvider string
		Weight, Base     int
	}
	LaunchType string
}

// sfnState is the part of a state machine state the plan reads.
type sfnState struct {
	Type       string
	Resource   string
	Seconds    int
	Parameters json.RawMessage
	Branches   []sfnDefinition
}

type sfnDefinition struct {
	TimeoutSeconds int
	States         map[string]sfnState
}

// schedules reads every schedule, sorted by resource name, with its runs
// from now.
func schedules(ix *index, now time.Time) []Schedule {
	var out []Schedule
	for _, r := range ix.byType[typeSchedule] {
		s := Schedule{
			Resource: r.Name, URN: r.URN, Job: workloadOf(ix, r),
			Expression: str(r.Inputs, "scheduleExpression"), Timezone: str(r.Inputs, "scheduleExpressionTimezone"),
		}
		if s.Timezone == "" {
			s.Timezone = "UTC"
		}
		for _, d := range r.Dependencies {
			if g, ok := ix.byURN[d]; ok && g.Type == typeScheduleGroup {
				s.Group = g.Name
			}
		}
		s.runs(now)
		target := object(r.Inputs, "target")
		retry := object(target, "retryPolicy")
		age, _ := num(retry, "maximumEventAgeInSeconds")
		attempts, _ := num(retry, "maximumRetryAttempts")
		s.MaximumEventAgeInSeconds, s.MaximumRetryAttempts = int(age), int(attempts)
		if dlq := str(object(target, "deadLetterConfig"), "arn"); dlq != "" {
			s.DeadLetterQueue = dlq
			if q, ok := ix.byArn[dlq]; ok {
				s.DeadLetterQueue = q.Name
			}
		}
		arn := str(target, "arn")
		if m, ok := ix.byArn[arn]; ok && m.Type == typeStateMachine {
			s.Target, s.StateMachine = "states:StartExecution", m.Name
			s.readStateMachine(ix, m)
		} else if ecs := object(target, "ecsParameters"); ecs != nil {
			s.Target = "ecs:RunTask"
			s.taskDef = ix.byArn[str(ecs, "taskDefinitionArn")]
			for _, e := range objects(ecs, "capacityProviderStrategies") {
				base, _ := num(e, "base")
				weight, _ := num(e, "weight")
				s.items = append(s.items, StrategyItem{Provider: str(e, "capacityProvider"), Base: int(base), Weight: int(weight)})
			}
			if lt := str(ecs, "launchType"); lt != "" && len(s.items) == 0 {
				s.items = []StrategyItem{{Provider: lt, Weight: 1}}
			}
		} else {
			s.Target = arn
		}
		if s.taskDef != nil {
			s.TaskDefinition = s.taskDef.Name
		}
		if len(s.items) > 0 {
			s.Placement = SplitTasks(1, s.items)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}

// runs fills in the next runs and the runs a month, from now in the
// schedule's time zone.
func (s *Schedule) runs(now time.Time) {
	loc, err := schedule.LoadTimezone(s.Timezone)
	if err != nil {
		s.Problem = err.Error()
		return
	}
	s.From = now.In(loc).Format(time.RFC3339)
	e, err := schedule.Parse(s.Expression)
	if err != nil {
		s.Problem = err.Error()
		return
	}
	for _, t := range e.Next(now, loc, nextRuns) {
		s.NextRuns = append(s.NextRuns, t.Format(time.RFC3339))
	}
	nonNil(&s.NextRuns)
	year := now.AddDate(1, 0, 0)
	switch e.Kind() {
	case schedule.Rate:
		s.RunsPerMonth = round(float64(year.Sub(now)) / float64(e.Rate()) / 12)
	case schedule.At:
		s.RunsPerMonth = float64(len(s.NextRuns))
	case schedule.Cron:
		// Counted, not guessed: a cron's runs depend on the calendar and
		// the clocks. At most one a minute, so a year holds 527,040.
		n := countRuns(e, now, year, loc)
		s.RunsPerMonth = round2(float64(n) / 12)
		// The same wall-clock times in a zone without daylight saving:
		// the runs the zone's spring change skips are the difference (its
		// autumn change repeats an hour, which runs once either way).
		if fixed := countRuns(e, now, year, time.FixedZone("", offsetAt(now, loc))); fixed > n {
			s.Skipped = fixed - n
		}
	}
}

// countRuns counts a cron expression's runs from from up to to, in loc.
// At most one a minute, so a year holds at most 527,040.
func countRuns(e schedule.Expression, from, to time.Time, loc *time.Location) int {
	n := 0
	for _, t := range e.Next(from, loc, 366*24*60) {
		if !t.Before(to) {
			break
		}
		n++
	}
	return n
}

// offsetAt is loc's offset from UTC at t, in seconds.
func offsetAt(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

// readStateMachine reads the task a state machine runs with
// ecs:runTask.sync, the timeout of the Wait state racing it in a Parallel
// state, and how many states it has.
func (s *Schedule) readStateMachine(ix *index, m *awsmock.Resource) {
	var def sfnDefinition
	if err := json.Unmarshal([]byte(str(m.Inputs, "definition")), &def); err != nil {
		return
	}
	var walk func(d sfnDefinition, deadline int)
	walk = func(d sfnDefinition, deadline int) {
		for _, st := range d.States {
			s.StatesPerRun++
			if strings.HasPrefix(st.Resource, "arn:aws:states:::ecs:runTask") {
				var p runTask
				if json.Unmarshal(st.Parameters, &p) == nil {
					s.taskDef = ix.byArn[p.TaskDefinition]
					for _, e := range p.CapacityProviderStrategy {
						s.items = append(s.items, StrategyItem{Provider: e.CapacityProvider, Base: e.Base, Weight: e.Weight})
					}
					if p.LaunchType != "" && len(s.items) == 0 {
						s.items = []StrategyItem{{Provider: p.LaunchType, Weight: 1}}
					}
				}
				s.Timeout = deadline
			}
			if st.Type == "Parallel" {
				wait := 0
				for _, br := range st.Branches {
					for _, bs := range br.States {
						if bs.Type == "Wait" && bs.Seconds > 0 && (wait == 0 || bs.Seconds < wait) {
							wait = bs.Seconds
						}
					}
				}
				for _, br := range st.Branches {
					walk(br, wait)
				}
			}
		}
	}
	walk(def, 0)
	if s.Timeout == 0 && def.TimeoutSeconds > 0 {
		s.Timeout = def.TimeoutSeconds
	}
}

// jobRun is how long the plan takes a run of a job to last, and why.
type jobRun struct {
	duration time.Duration
	why      string
}

// runDuration is how long the plan prices a run of s: the duration the
// user gave, or the job's timeout (the most a run may last), or
// DefaultJobDuration; never under Fargate's one-minute minimum.
func runDuration(s Schedule, given time.Duration) jobRun {
	r := jobRun{duration: DefaultJobDuration, why: "assumed; the plan's job duration (--job-duration) changes it"}
	switch {
	case given > 0:
		r = jobRun{duration: given, why: "the plan's job duration"}
	case s.Timeout > 0:
		r = jobRun{duration: time.Duration(s.Timeout) * time.Second, why: "its timeout, the most a run lasts"}
	}
	if r.duration < fargateMinimumBilled {
		r.duration = fargateMinimumBilled
		r.why += "; Fargate bills at least a minute"
	}
	return r
}

// fmtDuration prints a duration the way a person writes it: 30m, 1h30m,
// 45s, and whole days as days: 1 day, 14 days.
func fmtDuration(d time.Duration) string {
	if day := 24 * time.Hour; d >= day && d%day == 0 {
		return plural(int(d/day), "day")
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// writeSchedules renders the schedules section.
func (p *Plan) writeSchedules(b *strings.Builder) {
	fmt.Fprintf(b, "Schedules (%d, EventBridge Scheduler)\n", len(p.Schedules))
	for _, s := range p.Schedules {
		name := s.Resource
		if s.Job != "" {
			name = fmt.Sprintf("%s (job %s)", s.Resource, s.Job)
		}
		fmt.Fprintf(b, "  %s: %s in %s", name, s.Expression, s.Timezone)
		if s.Group != "" {
			fmt.Fprintf(b, ", group %s", s.Group)
		}
		b.WriteString("\n")
		if s.Problem != "" {
			fmt.Fprintf(b, "    runs: unknown; %s\n", s.Problem)
		} else {
			fmt.Fprintf(b, "    next runs from %s: %s\n", s.From, strings.Join(s.NextRuns, ", "))
			fmt.Fprintf(b, "    runs a month: %s (the year from then, over 12)\n", fmtNum(s.RunsPerMonth))
			if s.Skipped > 0 {
				fmt.Fprintf(b, "    NOTE: the clocks going forward skip %s in that year: Scheduler does not run at a time that does not exist; move the schedule out of the hour the clocks skip\n", plural(s.Skipped, "run"))
			}
		}
		task := s.TaskDefinition
		if task == "" {
			task = "a task definition not in this stack"
		}
		if place := placementOf(s.Placement); place != "" {
			task += " on " + place
		}
		switch s.Target {
		case "ecs:RunTask":
			fmt.Fprintf(b, "    target: ECS RunTask of %s, no timeout (a run lasts as long as its container)\n", task)
		case "states:StartExecution":
			timeout := "no deadline found in its definition"
			if s.Timeout > 0 {
				timeout = fmt.Sprintf("stopped after %s", fmtDuration(time.Duration(s.Timeout)*time.Second))
			}
			fmt.Fprintf(b, "    target: Step Functions %s runs %s, %s (%d states)\n", s.StateMachine, task, timeout, s.StatesPerRun)
		default:
			fmt.Fprintf(b, "    target: %s\n", s.Target)
		}
		dlq := s.DeadLetterQueue
		if dlq == "" {
			dlq = "none (a run Scheduler gives up on is lost)"
		}
		fmt.Fprintf(b, "    retry: up to %d times within %s; then dead-letter queue %s\n", s.MaximumRetryAttempts,
			fmtDuration(time.Duration(s.MaximumEventAgeInSeconds)*time.Second), dlq)
	}
}

// placementOf says where a run's task goes: "FARGATE_SPOT".
func placementOf(pts []ProviderTasks) string {
	var out []string
	for _, pt := range pts {
		if pt.Tasks > 0 {
			out = append(out, pt.Provider)
		}
	}
	return strings.Join(out, ", ")
}
