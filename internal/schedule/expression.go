package schedule

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxExpressionLength is the longest ScheduleExpression CreateSchedule
// accepts (Length Constraints: 1 to 256).
const MaxExpressionLength = 256

// Kind is the type of a schedule expression.
type Kind int

// The three schedule types: rate-based and cron-based schedules recur, an
// at expression runs once.
const (
	Rate Kind = iota + 1
	Cron
	At
)

func (k Kind) String() string {
	switch k {
	case Rate:
		return "rate"
	case Cron:
		return "cron"
	case At:
		return "at"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Expression is a parsed ScheduleExpression. The zero value is not a valid
// expression; make one with Parse.
type Expression struct {
	kind Kind
	text string
	rate time.Duration // Rate
	cron *cronSpec     // Cron
	at   civil         // At: the wall-clock time, evaluated in the schedule's time zone
}

// Parse parses and validates a ScheduleExpression:
//
//   - rate(value unit): value a positive whole number, unit one of minute,
//     minutes, hour, hours, day, days. The singular units go with a value
//     of 1 only (see TestFactRateUnits for why);
//   - cron(minutes hours day-of-month month day-of-week year): six fields,
//     with the values and wildcards of cron.go, and ? in exactly one of
//     day-of-month and day-of-week;
//   - at(yyyy-mm-ddThh:mm:ss): a date and time of day in the schedule's
//     time zone.
//
// The error lists every problem found, each saying how to fix it.
func Parse(expr string) (Expression, error) {
	switch {
	case expr == "":
		return Expression{}, errors.New("schedule expression is empty; write rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)")
	case len(expr) > MaxExpressionLength:
		return Expression{}, fmt.Errorf("schedule expression is %d characters, more than the %d Scheduler accepts; shorten it", len(expr), MaxExpressionLength)
	case strings.TrimSpace(expr) != expr:
		return Expression{}, fmt.Errorf("schedule expression %q has spaces around it; remove them", expr)
	}
	open := strings.IndexByte(expr, '(')
	if open < 0 {
		return Expression{}, fmt.Errorf("schedule expression %q is not rate(...), cron(...) or at(...); write rate(5 minutes), cron(0 9 * * ? *) or at(2030-01-31T09:00:00), for example", expr)
	}
	name, inner := expr[:open], expr[open+1:]
	switch name {
	case "rate", "cron", "at":
	default:
		return Expression{}, fmt.Errorf("schedule expression %q starts with %q; it must start with rate(, cron( or at( in lower case", expr, name+"(")
	}
	if !strings.HasSuffix(inner, ")") {
		return Expression{}, fmt.Errorf("schedule expression %q has no closing ')'; end it with one", expr)
	}
	inner = strings.TrimSuffix(inner, ")")
	e := Expression{text: expr}
	var err error
	switch name {
	case "rate":
		e.kind = Rate
		e.rate, err = parseRate(inner)
	case "cron":
		e.kind = Cron
		e.cron, err = parseCron(inner)
	case "at":
		e.kind = At
		e.at, err = parseAt(inner)
	}
	if err != nil {
		return Expression{}, err
	}
	return e, nil
}

// Kind returns the type of the expression.
func (e Expression) Kind() Kind { return e.kind }

// String returns the expression as written.
func (e Expression) String() string { return e.text }

// Rate returns the interval of a rate expression, and 0 for the other kinds.
func (e Expression) Rate() time.Duration { return e.rate }

// rateUnits maps each unit a rate expression may use to its length. A day
// is 24 hours, daylight saving or not (TestFactRateDaysAreTwentyFourHours).
var rateUnits = map[string]time.Duration{
	"minute": time.Minute, "minutes": time.Minute,
	"hour": time.Hour, "hours": time.Hour,
	"day": 24 * time.Hour, "days": 24 * time.Hour,
}

func parseRate(inner string) (time.Duration, error) {
	f := strings.Fields(inner)
	if len(f) != 2 {
		return 0, fmt.Errorf("rate(%s): needs a value and a unit separated by a space, as in rate(5 minutes)", inner)
	}
	value, unit := f[0], f[1]
	per, ok := rateUnits[unit]
	if !ok {
		return 0, fmt.Errorf("rate(%s): unit %q is not one of minute, minutes, hour, hours, day, days (lower case)", inner, unit)
	}
	if strings.Trim(value, "0123456789") != "" {
		return 0, fmt.Errorf("rate(%s): value %q is not a positive whole number; write one, as in rate(5 %s)", inner, value, plural(unit))
	}
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || n > math.MaxInt64/int64(per) {
		return 0, fmt.Errorf("rate(%s): value %s is too large to be an interval; use a larger unit or a smaller value", inner, value)
	}
	if n == 0 {
		return 0, fmt.Errorf("rate(%s): value must be at least 1; write rate(1 %s) for the shortest interval in %s", inner, singular(unit), plural(unit))
	}
	if n > 1 && unit == singular(unit) {
		return 0, fmt.Errorf("rate(%s): a value above 1 takes a plural unit; write rate(%d %s)", inner, n, plural(unit))
	}
	return time.Duration(n) * per, nil
}

func singular(unit string) string { return strings.TrimSuffix(unit, "s") }
func plural(unit string) string   { return singular(unit) + "s" }

// civil is a wall-clock date and time with no time zone.
type civil struct {
	year   int
	month  time.Month
	day    int
	hour   int
	minute int
	second int
}

func (c civil) String() string {
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", c.year, int(c.month), c.day, c.hour, c.minute, c.second)
}

var atLayout = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)

func parseAt(inner string) (civil, error) {
	if !atLayout.MatchString(inner) {
		return civil{}, fmt.Errorf("at(%s): the date and time must be yyyy-mm-ddThh:mm:ss, as in at(2030-01-31T09:00:00), with no time zone (set the schedule's time zone for that)", inner)
	}
	t, err := time.Parse("2006-01-02T15:04:05", inner)
	if err != nil {
		return civil{}, fmt.Errorf("at(%s): %s is not a date and time of day (month 01-12, a day the month has, hour 00-23, minutes and seconds 00-59); correct it", inner, inner)
	}
	return civil{t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second()}, nil
}
