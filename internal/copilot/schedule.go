package copilot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/internal/schedule"
)

// Copilot's schedule presets (scheduled job manifest, on.schedule), as
// EventBridge cron expressions with one of the two day fields "?". The
// manifest page's table gives @yearly as "cron(0 * * * ? *)", a copying
// slip: its text says "at midnight on January 1st", which is this.
var presets = map[string]string{
	"@yearly":   "cron(0 0 1 1 ? *)",
	"@annually": "cron(0 0 1 1 ? *)",
	"@monthly":  "cron(0 0 1 * ? *)",
	"@weekly":   "cron(0 0 ? * 1 *)",
	"@daily":    "cron(0 0 * * ? *)",
	"@midnight": "cron(0 0 * * ? *)",
	"@hourly":   "cron(0 * * * ? *)",
}

// awsSchedule turns a Copilot on.schedule into an EventBridge Scheduler
// expression: presets and standard 5-field cron become cron(...) with a
// year field, day-of-week numbers moved from cron's 0-6 (Sunday 0) to
// EventBridge's 1-7 (Sunday 1) and one of the two day fields "?";
// "@every <duration>" becomes rate(<minutes> minutes); rate(...) and
// cron(...) are kept. "none" (the job is off) returns "". The result is
// checked as Scheduler reads it.
func awsSchedule(s string) (string, error) {
	s = strings.TrimSpace(s)
	var expr string
	switch {
	case s == "none":
		return "", nil
	case strings.HasPrefix(s, "rate(") || strings.HasPrefix(s, "cron("):
		expr = s
	case strings.HasPrefix(s, "@every "):
		d, err := time.ParseDuration(strings.TrimSpace(strings.TrimPrefix(s, "@every ")))
		switch {
		case err != nil:
			return "", fmt.Errorf("%q: the duration after @every is not one such as 5m or 1h30m", s)
		case d < time.Minute || d%time.Minute != 0:
			return "", fmt.Errorf("%q: @every takes whole minutes, at least 1m", s)
		}
		n := int(d / time.Minute)
		unit := "minutes"
		if n == 1 {
			unit = "minute"
		}
		expr = fmt.Sprintf("rate(%d %s)", n, unit)
	case strings.HasPrefix(s, "@"):
		p, ok := presets[s]
		if !ok {
			return "", fmt.Errorf("%q is not a preset; use @yearly, @monthly, @weekly, @daily or @hourly", s)
		}
		expr = p
	default:
		c, err := fromStandardCron(s)
		if err != nil {
			return "", err
		}
		expr = c
	}
	if _, err := schedule.Parse(expr); err != nil {
		return "", fmt.Errorf("%q becomes %s, which EventBridge Scheduler refuses: %v", s, expr, err)
	}
	return expr, nil
}

// fromStandardCron converts a 5-field cron (minute hour day-of-month
// month day-of-week) into EventBridge's 6-field form.
func fromStandardCron(s string) (string, error) {
	f := strings.Fields(s)
	if len(f) != 5 {
		return "", fmt.Errorf("%q is not a schedule Copilot takes: a preset such as @daily, @every 30m, a 5-field cron such as \"0 9 * * 1-5\", rate(...) or cron(...)", s)
	}
	const dom, dow = 2, 4
	anyDay := func(v string) bool { return v == "*" || v == "?" }
	switch {
	case anyDay(f[dom]) && anyDay(f[dow]):
		f[dom], f[dow] = "*", "?"
	case anyDay(f[dom]):
		f[dom] = "?"
	case anyDay(f[dow]):
		f[dow] = "?"
	default:
		return "", fmt.Errorf("%q sets both the day of the month and the day of the week; cron runs on either, EventBridge takes one: set the other to *", s)
	}
	if f[dow] != "?" {
		d, err := shiftWeekdays(f[dow])
		if err != nil {
			return "", fmt.Errorf("%q: day of the week %q: %v", s, f[dow], err)
		}
		f[dow] = d
	}
	return "cron(" + strings.Join(f, " ") + " *)", nil
}

// shiftWeekdays moves day-of-week numbers from cron's 0-7 (0 and 7 are
// Sunday) to EventBridge's 1-7 (1 is Sunday), in lists, ranges and
// steps; day names stay as they are.
func shiftWeekdays(field string) (string, error) {
	var out []string
	for _, part := range strings.Split(field, ",") {
		base, step, hasStep := strings.Cut(part, "/")
		suffix := ""
		if hasStep {
			suffix = "/" + step
		}
		if base == "*" {
			out = append(out, part)
			continue
		}
		lo, hi, isRange := strings.Cut(base, "-")
		a, errA := strconv.Atoi(lo)
		if !isRange {
			if errA != nil {
				out = append(out, part) // a name: SUN, MON...
				continue
			}
			if a < 0 || a > 7 {
				return "", fmt.Errorf("%d is not a day of the week (0-7)", a)
			}
			out = append(out, strconv.Itoa(a%7+1)+suffix)
			continue
		}
		b, errB := strconv.Atoi(hi)
		if errA != nil || errB != nil {
			if errA == nil || errB == nil {
				return "", fmt.Errorf("range %q mixes a number and a name", base)
			}
			out = append(out, part)
			continue
		}
		if a < 0 || b > 7 || a > b {
			return "", fmt.Errorf("range %q is not days of the week (0-7, low to high)", base)
		}
		switch {
		case b == 7 && a == 7:
			out = append(out, "1"+suffix)
		case b == 7 && hasStep:
			return "", fmt.Errorf("a stepped range that ends on Sunday (7) has no EventBridge form; list the days")
		case b == 7 && a == 0:
			out = append(out, "1-7")
		case b == 7:
			out = append(out, fmt.Sprintf("%d-7", a+1), "1")
		default:
			out = append(out, fmt.Sprintf("%d-%d%s", a+1, b+1, suffix))
		}
	}
	return strings.Join(out, ","), nil
}
