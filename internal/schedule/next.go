package schedule

import (
	"fmt"
	"time"
)

// Daylight saving. A cron expression names wall-clock times in the
// schedule's time zone, so the days the clocks change need a rule. AWS's
// is: "EventBridge Scheduler automatically adjusts your schedule for
// Daylight Saving Time. When the time shifts forward in Spring, your
// schedule invocation gets skipped if the cron expression falls on a
// non-existent date and time. When the time shifts back in the Fall, your
// schedule runs only once and doesn't repeat its invocation." And for rate
// expressions: "days represents a 24-hour duration on the clock. When
// Daylight Saving Time shortens a day to 23 hours, or extends it to 25
// hours, the EventBridge Scheduler evaluates the rate expression 24 hours
// after the schedule's last invocation."
// Source: AWS re:Post Knowledge Center, "How can I adjust my Amazon
// EventBridge schedule for daylight saving?",
// https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst;
// the Scheduler user guide has a section on it too,
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time
//
// So, here:
//   - a cron run whose wall-clock time the clocks skip does not happen that
//     day; it is not moved to the next valid time;
//   - a cron run whose wall-clock time happens twice happens once. AWS does
//     not say which of the two; this package takes the first, the one
//     before the clocks go back, which is when a scheduler that does not
//     repeat would have fired;
//   - rate runs are a fixed duration apart, whatever the clocks do.
//
// Every schedule type also has "60 second precision": a run at 1:00 starts
// between 1:00:00 and 1:00:59 (user guide, schedule-types.html). The times
// returned here are the nominal ones, on the minute for cron.

// PeriodSample is how many runs of a cron expression MinPeriod measures
// from its start time.
const PeriodSample = 500

// transitionSample caps the runs MinPeriod measures around each change of
// the clocks: enough for a run every minute over the 50 hours it looks at.
const transitionSample = 3000

// Next returns the first n runs of e at or after start, in loc (UTC when
// loc is nil, as for a schedule with no ScheduleExpressionTimezone).
//
//   - rate: start is the schedule's StartDate, whose time is "the first
//     occurrence of the schedule" (a schedule without one starts at once),
//     and each run follows the last by the rate;
//   - cron: every minute that matches, from start's wall-clock time in loc,
//     rounded up to the minute, until the year 2199, with the daylight
//     saving rules above;
//   - at: the one run, if it is not before start and its time exists in
//     loc (see OneTime).
//
// It returns fewer than n runs when the schedule has no more.
func (e Expression) Next(start time.Time, loc *time.Location, n int) []time.Time {
	if n <= 0 {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	switch e.kind {
	case Rate:
		out := make([]time.Time, 0, n)
		for t := start; len(out) < n; t = t.Add(e.rate) {
			out = append(out, t.In(loc))
		}
		return out
	case Cron:
		return e.cron.runs(start, loc, n, time.Time{})
	case At:
		t, ok := resolve(e.at, loc)
		if !ok || t.Before(start) {
			return nil
		}
		return []time.Time{t}
	}
	return nil
}

// MinPeriod returns the shortest time between two consecutive runs of e,
// for checking that a job's timeout is below it, so that a run ends before
// the next one starts.
//
// For a rate expression it is the rate. For a cron expression it is the
// smallest gap among:
//
//   - the first PeriodSample (500) runs at or after start, in loc; and
//   - for each change of loc's clocks within a year after start, the runs
//     from 25 hours before the change to 25 hours after it (at most 3000).
//
// The second part matters because the clocks going forward bring two runs
// closer than the expression suggests: cron(0 1,3 * * ? *) in
// America/New_York runs at 01:00 and, an hour later, at 03:00 on the day
// 02:00 is skipped, yet 500 runs from June do not reach March. For daily
// and longer schedules the 500 runs span more than a year and catch it
// themselves.
//
// It is an error for an at expression, and for a cron expression that runs
// fewer than twice from start.
func (e Expression) MinPeriod(start time.Time, loc *time.Location) (time.Duration, error) {
	switch e.kind {
	case Rate:
		return e.rate, nil
	case At:
		return 0, fmt.Errorf("%s runs once; a one-time schedule has no period to compare a timeout with", e.text)
	case Cron:
	default:
		return 0, fmt.Errorf("schedule expression is not set; parse one with Parse")
	}
	if loc == nil {
		loc = time.UTC
	}
	var (
		shortest time.Duration
		found    bool
	)
	measure := func(runs []time.Time) {
		for i := 1; i < len(runs); i++ {
			if gap := runs[i].Sub(runs[i-1]); !found || gap < shortest {
				shortest, found = gap, true
			}
		}
	}
	runs := e.cron.runs(start, loc, PeriodSample, time.Time{})
	measure(runs)
	yearOn := start.AddDate(1, 0, 0)
	for t := start.In(loc); ; {
		_, change := t.ZoneBounds()
		if change.IsZero() || change.After(yearOn) {
			break
		}
		measure(e.cron.runs(change.Add(-25*time.Hour), loc, transitionSample, change.Add(25*time.Hour)))
		t = change.In(loc)
	}
	if !found {
		return 0, fmt.Errorf("%s runs %d time(s) from %s in %s; a schedule that runs fewer than twice has no period to compare a timeout with", e.text, len(runs), start.In(loc).Format(time.RFC3339), loc)
	}
	return shortest, nil
}

// runs returns up to n runs of the cron at or after start, and not after
// until unless until is zero.
func (c *cronSpec) runs(start time.Time, loc *time.Location, n int, until time.Time) []time.Time {
	var out []time.Time
	lt := start.In(loc)
	cur := civil{lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), 0}
	if lt.Second() != 0 || lt.Nanosecond() != 0 {
		cur = cur.nextMinute()
	}
	for len(out) < n {
		m, ok := c.nextCivil(cur)
		if !ok {
			break
		}
		t, exists := resolve(m, loc)
		if exists && !until.IsZero() && t.After(until) {
			break
		}
		// A time the clocks skip does not run. A time that happens twice
		// resolves to its first occurrence, which is before start when
		// start is in the second one: it has run already.
		if exists && !t.Before(start) {
			out = append(out, t)
		}
		cur = m.nextMinute()
	}
	return out
}

// nextCivil returns the first wall-clock minute at or after c that the cron
// matches, or false when there is none before the year 2200.
func (c *cronSpec) nextCivil(cur civil) (civil, bool) {
	for cur.year <= yearField.max {
		switch {
		case cur.year < yearField.min:
			cur = civil{year: yearField.min, month: time.January, day: 1}
		case !c.year[cur.year]:
			cur = civil{year: cur.year + 1, month: time.January, day: 1}
		case !c.month[cur.month]:
			cur = cur.nextMonth()
		case !c.matchesDay(cur.year, cur.month, cur.day):
			cur = cur.nextDay()
		case !c.hour[cur.hour]:
			cur = cur.nextHour()
		case !c.minute[cur.minute]:
			cur = cur.nextMinute()
		default:
			return cur, true
		}
	}
	return civil{}, false
}

// The next wall-clock month, day, hour and minute, each starting at its
// first moment, with no time zone involved.

func (c civil) nextMonth() civil {
	if c.month == time.December {
		return civil{year: c.year + 1, month: time.January, day: 1}
	}
	return civil{year: c.year, month: c.month + 1, day: 1}
}

func (c civil) nextDay() civil {
	if c.day >= daysIn(c.year, c.month) {
		return c.nextMonth()
	}
	return civil{year: c.year, month: c.month, day: c.day + 1}
}

func (c civil) nextHour() civil {
	if c.hour == 23 {
		return c.nextDay()
	}
	return civil{year: c.year, month: c.month, day: c.day, hour: c.hour + 1}
}

func (c civil) nextMinute() civil {
	if c.minute == 59 {
		return c.nextHour()
	}
	return civil{year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute + 1}
}

// resolve returns the instant wall-clock time c names in loc. It is false
// when the clocks skip c. When c happens twice, it is the first of the two.
//
// time.Date does not say which instant it picks in either case, so resolve
// tries the offset in force around c and the offsets on either side of the
// nearest change, and keeps the earliest instant whose wall clock in loc
// reads c.
func resolve(c civil, loc *time.Location) (time.Time, bool) {
	naive := time.Date(c.year, c.month, c.day, c.hour, c.minute, c.second, 0, time.UTC)
	guess := time.Date(c.year, c.month, c.day, c.hour, c.minute, c.second, 0, loc)
	_, offset := guess.Zone()
	offsets := []int{offset}
	from, to := guess.ZoneBounds()
	if !from.IsZero() {
		_, before := from.Add(-time.Second).Zone()
		offsets = append(offsets, before)
	}
	if !to.IsZero() {
		_, after := to.Zone()
		offsets = append(offsets, after)
	}
	var (
		best  time.Time
		found bool
	)
	for _, off := range offsets {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if wallClock(t) != c {
			continue
		}
		if !found || t.Before(best) {
			best, found = t, true
		}
	}
	return best, found
}

func wallClock(t time.Time) civil {
	return civil{t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second()}
}

// OneTime returns the instant an at expression names, in loc (UTC when nil).
// It is an error if e is not an at expression, or if the wall-clock time
// does not exist in loc because the clocks skip it that day for daylight
// saving. What Scheduler does with such an at expression is not documented,
// so a caller should ask for another time rather than guess.
//
// A wall-clock time that occurs twice (the clocks go back) is resolved to
// its first occurrence, as for cron runs (next.go).
func (e Expression) OneTime(loc *time.Location) (time.Time, error) {
	if e.kind != At {
		return time.Time{}, fmt.Errorf("schedule expression %q is not an at expression; only at(...) names a single time", e.text)
	}
	if loc == nil {
		loc = time.UTC
	}
	t, ok := resolve(e.at, loc)
	if !ok {
		return time.Time{}, fmt.Errorf("%s: %s does not exist in %s, where the clocks skip it for daylight saving; pick a time outside the skipped hour", e.text, e.at, loc)
	}
	return t, nil
}
