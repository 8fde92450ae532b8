package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A cron expression has six fields, separated by white space. Their values
// and the wildcards each allows, as the Scheduler and EventBridge user
// guides tabulate them:
//
//	field         values            wildcards
//	minutes       0-59              , - * /
//	hours         0-23              , - * /
//	day-of-month  1-31              , - * ? / L W
//	month         1-12 or JAN-DEC   , - * /
//	day-of-week   1-7 or SUN-SAT    , - * ? L #
//	year          1970-2199         , - * /
//
// , lists values; - is a range; * is every value; a/n, a-b/n and */n step
// by n from a (or from the field's first value); ? is "any" and stands
// alone. In day-of-month, L is the last day of the month and nW the
// weekday nearest day n. In day-of-week, 1 is Sunday, L alone is the last
// day of the week (Saturday), nL the last weekday n of the month, and n#k
// the k-th weekday n of the month. One of day-of-month and day-of-week must
// be ?, and the other not.
//
// Where the guides are silent this parser refuses rather than guesses: L
// and W only as above (not L-3, LW, or in a list), # not in a list (the
// guides say so), names in upper case, ranges that do not run backwards,
// and an increment smaller than the number of values in the field.
type cronSpec struct {
	minute, hour, month, year valueSet
	dom                       domSpec
	dow                       dowSpec
}

// valueSet holds the values a field allows, indexed by value.
type valueSet []bool

// domSpec is the day-of-month field.
type domSpec struct {
	any     bool     // ?
	last    bool     // L
	nearest int      // nW: the weekday nearest day n; 0 when unused
	days    valueSet // otherwise, days 1-31
}

// dowSpec is the day-of-week field. Weekdays are 1 (Sunday) to 7 (Saturday).
type dowSpec struct {
	any        bool     // ?
	lastOf     int      // nL: the last weekday n of the month; 0 when unused
	nthWeekday int      // n#k: weekday n ...
	nth        int      // ... the k-th of the month; 0 when unused
	days       valueSet // otherwise, weekdays 1-7
}

// fieldDef describes one of the six fields.
type fieldDef struct {
	name      string
	min, max  int
	wildcards string   // the special characters the field allows
	names     []string // names for min, min+1, ...; nil when the field has none
	values    string   // how the error messages describe the values
}

var (
	minutesField = fieldDef{name: "minutes", min: 0, max: 59, wildcards: ",-*/", values: "0-59"}
	hoursField   = fieldDef{name: "hours", min: 0, max: 23, wildcards: ",-*/", values: "0-23"}
	domField     = fieldDef{name: "day-of-month", min: 1, max: 31, wildcards: ",-*?/LW", values: "1-31"}
	monthField   = fieldDef{name: "month", min: 1, max: 12, wildcards: ",-*/", values: "1-12 or JAN-DEC",
		names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}}
	dowField = fieldDef{name: "day-of-week", min: 1, max: 7, wildcards: ",-*?L#", values: "1-7 or SUN-SAT, 1 being Sunday",
		names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}}
	yearField = fieldDef{name: "year", min: 1970, max: 2199, wildcards: ",-*/", values: "1970-2199"}
)

// allWildcards are the special characters of any field.
const allWildcards = ",-*/?LW#"

func parseCron(inner string) (*cronSpec, error) {
	f := strings.Fields(inner)
	if len(f) != 6 {
		return nil, fmt.Errorf("cron(%s): has %d fields; it needs six, minutes hours day-of-month month day-of-week year, as in cron(0 9 * * ? *)", inner, len(f))
	}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	spec := &cronSpec{}
	var err error
	spec.minute, err = parseField(minutesField, f[0])
	add(err)
	spec.hour, err = parseField(hoursField, f[1])
	add(err)
	spec.dom, err = parseDayOfMonth(f[2])
	add(err)
	spec.month, err = parseField(monthField, f[3])
	add(err)
	spec.dow, err = parseDayOfWeek(f[4])
	add(err)
	spec.year, err = parseField(yearField, f[5])
	add(err)
	switch domAny, dowAny := f[2] == "?", f[4] == "?"; {
	case !domAny && !dowAny:
		add(errors.New("cron day-of-month and day-of-week: one of them must be '?'; write ? in day-of-week to run on dates, as in cron(0 9 1 * ? *), or ? in day-of-month to run on weekdays, as in cron(0 9 ? * MON-FRI *)"))
	case domAny && dowAny:
		add(errors.New("cron day-of-month and day-of-week: only one of them may be '?'; set the other to * for every day, or to the days to run on"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return spec, nil
}

// checkChars refuses a special character the field does not allow, and
// lower-case letters. The letters of the field's names (the L of JUL, the W
// of WED) are not wildcards.
func checkChars(d fieldDef, s string) error {
	rest := s
	for _, name := range d.names {
		rest = strings.ReplaceAll(rest, name, "")
	}
	for _, r := range rest {
		switch {
		case strings.ContainsRune(allWildcards, r) && !strings.ContainsRune(d.wildcards, r):
			return fmt.Errorf("cron %s %q: '%c' is not allowed in %s, which allows %s", d.name, s, r, d.name, spaced(d.wildcards))
		case r >= 'a' && r <= 'z':
			return fmt.Errorf("cron %s %q: write names and letters in upper case, as in %s", d.name, s, strings.ToUpper(s))
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', strings.ContainsRune(allWildcards, r):
		default:
			return fmt.Errorf("cron %s %q: '%c' has no meaning in a cron field; use values %s and the wildcards %s", d.name, s, r, d.values, spaced(d.wildcards))
		}
	}
	return nil
}

func spaced(wildcards string) string {
	return strings.Join(strings.Split(wildcards, ""), " ")
}

// parseField parses a field made of values, ranges, steps and * in a comma
// list.
func parseField(d fieldDef, s string) (valueSet, error) {
	if err := checkChars(d, s); err != nil {
		return nil, err
	}
	set := make(valueSet, d.max+1)
	for _, item := range strings.Split(s, ",") {
		if err := addItem(d, s, item, set); err != nil {
			return nil, err
		}
	}
	return set, nil
}

func addItem(d fieldDef, s, item string, set valueSet) error {
	if item == "" {
		return fmt.Errorf("cron %s %q: has an empty item in its list; remove the extra comma", d.name, s)
	}
	if item == "?" {
		return fmt.Errorf("cron %s %q: '?' stands alone in the field; remove the other values", d.name, s)
	}
	base, stepText, stepped := strings.Cut(item, "/")
	lo, hi := d.min, d.max
	switch from, to, isRange := strings.Cut(base, "-"); {
	case base == "*":
	case isRange:
		var err error
		if lo, err = value(d, s, from); err != nil {
			return err
		}
		if hi, err = value(d, s, to); err != nil {
			return err
		}
		if lo > hi && d.name == yearField.name {
			return fmt.Errorf("cron %s %q: range %s runs backwards; write the earlier year first", d.name, s, base)
		}
		if lo > hi {
			return fmt.Errorf("cron %s %q: range %s runs backwards; to wrap around, write two ranges in a list, %s-%s,%s-%s", d.name, s, base, from, d.label(d.max, from), d.label(d.min, to), to)
		}
	default:
		v, err := value(d, s, base)
		if err != nil {
			return err
		}
		lo, hi = v, v
		if stepped {
			hi = d.max
		}
	}
	step := 1
	if stepped {
		size := d.max - d.min + 1
		n, err := strconv.Atoi(stepText)
		if err != nil || n < 1 || n >= size {
			return fmt.Errorf("cron %s %q: increment %q must be a whole number from 1 to %d; an increment of %d or more fires once, so write that single value instead", d.name, s, stepText, size-1, size)
		}
		step = n
	}
	for v := lo; v <= hi; v += step {
		set[v] = true
	}
	return nil
}

// value parses one value of the field: a number in range or a name.
func value(d fieldDef, s, text string) (int, error) {
	if text != "" && strings.Trim(text, "0123456789") == "" {
		v, err := strconv.Atoi(text)
		if err != nil || v < d.min || v > d.max {
			return 0, fmt.Errorf("cron %s %q: %s is out of range; the %s field takes %s", d.name, s, text, d.name, d.values)
		}
		return v, nil
	}
	for i, name := range d.names {
		if text == name {
			return d.min + i, nil
		}
	}
	if text == "" {
		return 0, fmt.Errorf("cron %s %q: a value is missing around '-' or '/'; the %s field takes %s", d.name, s, d.name, d.values)
	}
	return 0, fmt.Errorf("cron %s %q: %q is not a value the %s field takes (%s)", d.name, s, text, d.name, d.values)
}

// label writes value v for a suggested fix, as a name when like is one.
func (d fieldDef) label(v int, like string) string {
	if d.names != nil && strings.Trim(like, "0123456789") != "" {
		return d.names[v-d.min]
	}
	return strconv.Itoa(v)
}

func parseDayOfMonth(s string) (domSpec, error) {
	d := domField
	if err := checkChars(d, s); err != nil {
		return domSpec{}, err
	}
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '-' || r == '/' }) {
		for _, day := range dowField.names {
			if item == day {
				return domSpec{}, fmt.Errorf("cron day-of-month %q: %s is a day of the week; put it in day-of-week and ? in day-of-month, as in cron(0 9 ? * %s *)", s, day, s)
			}
		}
	}
	switch {
	case s == "?":
		return domSpec{any: true}, nil
	case s == "L":
		return domSpec{last: true}, nil
	case strings.HasSuffix(s, "W") && strings.Trim(strings.TrimSuffix(s, "W"), "0123456789") == "" && len(s) > 1:
		n, err := value(d, s, strings.TrimSuffix(s, "W"))
		if err != nil {
			return domSpec{}, err
		}
		return domSpec{nearest: n}, nil
	case strings.ContainsAny(s, "LW"):
		return domSpec{}, fmt.Errorf("cron day-of-month %q: L and W stand alone in the field: L for the last day of the month, or one day and W, such as 15W, for the weekday nearest it; AWS documents no other use, so list days instead", s)
	}
	days, err := parseField(d, s)
	if err != nil {
		return domSpec{}, err
	}
	return domSpec{days: days}, nil
}

func parseDayOfWeek(s string) (dowSpec, error) {
	d := dowField
	if err := checkChars(d, s); err != nil {
		return dowSpec{}, err
	}
	switch {
	case s == "?":
		return dowSpec{any: true}, nil
	case s == "L":
		days := make(valueSet, d.max+1)
		days[7] = true
		return dowSpec{days: days}, nil
	case strings.Contains(s, "#"):
		if strings.Contains(s, ",") {
			return dowSpec{}, fmt.Errorf("cron day-of-week %q: with '#' the field holds one expression only, so %s is not allowed; make one schedule for each", s, s)
		}
		day, k, _ := strings.Cut(s, "#")
		wd, err := value(d, s, day)
		if err != nil {
			return dowSpec{}, err
		}
		n, err := strconv.Atoi(k)
		if strings.Trim(k, "0123456789") != "" || err != nil || n < 1 || n > 5 {
			return dowSpec{}, fmt.Errorf("cron day-of-week %q: after '#' comes which occurrence in the month, 1 to 5, as in 3#2 for the second Tuesday", s)
		}
		return dowSpec{nthWeekday: wd, nth: n}, nil
	case strings.HasSuffix(s, "L") && !strings.ContainsAny(s, ",-*"):
		wd, err := value(d, s, strings.TrimSuffix(s, "L"))
		if err != nil {
			return dowSpec{}, err
		}
		return dowSpec{lastOf: wd}, nil
	case strings.Contains(s, "L"): // no weekday name has an L
		return dowSpec{}, fmt.Errorf("cron day-of-week %q: L stands alone for Saturday, or after one weekday, such as 6L for the last Friday of the month; AWS documents no other use", s)
	}
	days, err := parseField(d, s)
	if err != nil {
		return dowSpec{}, err
	}
	return dowSpec{days: days}, nil
}

// matchesDay reports whether the cron runs on the given date.
func (c *cronSpec) matchesDay(year int, month time.Month, day int) bool {
	last := daysIn(year, month)
	if day > last {
		return false
	}
	if !c.dom.any {
		switch {
		case c.dom.last:
			return day == last
		case c.dom.nearest > 0:
			return day == nearestWeekday(year, month, c.dom.nearest)
		}
		return c.dom.days[day]
	}
	wd := int(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Weekday()) + 1 // 1 is Sunday
	switch {
	case c.dow.lastOf > 0:
		return wd == c.dow.lastOf && day+7 > last
	case c.dow.nth > 0:
		return wd == c.dow.nthWeekday && (day-1)/7+1 == c.dow.nth
	}
	return c.dow.days[wd]
}

// nearestWeekday is the Monday-to-Friday day of the month nearest day n,
// without leaving the month: a Saturday moves to the Friday before unless
// that is in the previous month, then to the Monday after; a Sunday moves
// to the Monday after unless that is in the next month, then to the Friday
// before. It is 0 when the month has no day n, so nW does not run that
// month.
func nearestWeekday(year int, month time.Month, n int) int {
	last := daysIn(year, month)
	if n > last {
		return 0
	}
	switch time.Date(year, month, n, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		if n == 1 {
			return 3
		}
		return n - 1
	case time.Sunday:
		if n == last {
			return n - 2
		}
		return n + 1
	}
	return n
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
