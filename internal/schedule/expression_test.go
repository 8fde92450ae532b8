package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// members lists the values in s, for comparing a parsed field.
func members(s valueSet) []int {
	var out []int
	for v, ok := range s {
		if ok {
			out = append(out, v)
		}
	}
	return out
}

// mustParse parses expr or fails the test.
func mustParse(t *testing.T, expr string) Expression {
	t.Helper()
	e, err := Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	return e
}

// TestFactScheduleExpressionHasThreeForms: "The following formats are
// supported. at expression - at(yyyy-mm-ddThh:mm:ss); rate expression -
// rate(value unit); cron expression - cron(fields)". The guide calls them
// one-time, rate-based and cron-based schedules.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (ScheduleExpression)
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
func TestFactScheduleExpressionHasThreeForms(t *testing.T) {
	tests := []struct {
		give string
		want Kind
	}{
		{give: "at(2030-01-31T09:00:00)", want: At},
		{give: "rate(5 minutes)", want: Rate},
		{give: "cron(0 9 * * ? *)", want: Cron},
	}
	for _, tt := range tests {
		e := mustParse(t, tt.give)
		if e.Kind() != tt.want || e.String() != tt.give {
			t.Errorf("Parse(%q) = kind %v, text %q; want kind %v and the text unchanged", tt.give, e.Kind(), e.String(), tt.want)
		}
	}
}

func TestParseRefusesWhatIsNoExpression(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{name: "empty", give: "", wantErr: "schedule expression is empty; write rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)"},
		{name: "bare cron", give: "0 9 * * ? *", wantErr: `schedule expression "0 9 * * ? *" is not rate(...), cron(...) or at(...); write rate(5 minutes), cron(0 9 * * ? *) or at(2030-01-31T09:00:00), for example`},
		{name: "upper case", give: "Rate(5 minutes)", wantErr: `schedule expression "Rate(5 minutes)" starts with "Rate("; it must start with rate(, cron( or at( in lower case`},
		{name: "space before parenthesis", give: "rate (5 minutes)", wantErr: `schedule expression "rate (5 minutes)" starts with "rate ("; it must start with rate(, cron( or at( in lower case`},
		{name: "unclosed", give: "cron(0 9 * * ? *", wantErr: `schedule expression "cron(0 9 * * ? *" has no closing ')'; end it with one`},
		{name: "padded", give: " rate(5 minutes)", wantErr: `schedule expression " rate(5 minutes)" has spaces around it; remove them`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestFactScheduleExpressionIsOneTo256Characters: CreateSchedule's
// ScheduleExpression has "Length Constraints: Minimum length of 1. Maximum
// length of 256."
// Source:
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (and the API model, shape ScheduleExpression)
func TestFactScheduleExpressionIsOneTo256Characters(t *testing.T) {
	if MaxExpressionLength != 256 {
		t.Errorf("MaxExpressionLength = %d, want 256", MaxExpressionLength)
	}
	long := "cron(0 " + strings.Repeat("1,", 120) + "1 * * ? *)" // 257 characters
	_, err := Parse(long)
	checkErr(t, "Parse(257 characters)", err, "schedule expression is 257 characters, more than the 256 Scheduler accepts; shorten it")
}

// TestFactRateUnits: the API reference: "A rate expression consists of a
// value as a positive integer, and a unit with the following options:
// minute | minutes | hour | hours | day | days". The user guide's rate
// section lists "Valid inputs: minutes | hours | days", and its flexible
// time window example uses rate(1 hour). Neither page says which unit goes
// with which value; the EventBridge rules guide says a value of 1 takes the
// singular and a larger one the plural. This package accepts the forms the
// Scheduler pages show: a value of 1 with either unit, a larger value with
// the plural, and refuses rate(5 hour), which no Scheduler page shows.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (ScheduleExpression)
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-flexible-time-windows.html
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
func TestFactRateUnits(t *testing.T) {
	tests := []struct {
		give    string
		want    time.Duration
		wantErr string
	}{
		{give: "rate(1 minute)", want: time.Minute},
		{give: "rate(1 minutes)", want: time.Minute},
		{give: "rate(5 minutes)", want: 5 * time.Minute},
		{give: "rate(1 hour)", want: time.Hour},
		{give: "rate(1 hours)", want: time.Hour},
		{give: "rate(12 hours)", want: 12 * time.Hour},
		{give: "rate(1 day)", want: 24 * time.Hour},
		{give: "rate(1 days)", want: 24 * time.Hour},
		{give: "rate(7 days)", want: 7 * 24 * time.Hour},
		{give: "rate(5 minute)", wantErr: "rate(5 minute): a value above 1 takes a plural unit; write rate(5 minutes)"},
		{give: "rate(2 hour)", wantErr: "rate(2 hour): a value above 1 takes a plural unit; write rate(2 hours)"},
		{give: "rate(3 day)", wantErr: "rate(3 day): a value above 1 takes a plural unit; write rate(3 days)"},
		{give: "rate(1 week)", wantErr: `rate(1 week): unit "week" is not one of minute, minutes, hour, hours, day, days (lower case)`},
		{give: "rate(30 seconds)", wantErr: `rate(30 seconds): unit "seconds" is not one of minute, minutes, hour, hours, day, days (lower case)`},
		{give: "rate(5 Minutes)", wantErr: `rate(5 Minutes): unit "Minutes" is not one of minute, minutes, hour, hours, day, days (lower case)`},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			e, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
			if err == nil && e.Rate() != tt.want {
				t.Errorf("Parse(%q).Rate() = %v, want %v", tt.give, e.Rate(), tt.want)
			}
		})
	}
}

// TestFactRateValueIsAPositiveWholeNumber: rate's value is "A positive
// number" (user guide), "a positive integer" (API reference), and the two
// fields are "separated by white space".
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
func TestFactRateValueIsAPositiveWholeNumber(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{give: "rate(0 minutes)", wantErr: "rate(0 minutes): value must be at least 1; write rate(1 minute) for the shortest interval in minutes"},
		{give: "rate(-5 minutes)", wantErr: `rate(-5 minutes): value "-5" is not a positive whole number; write one, as in rate(5 minutes)`},
		{give: "rate(1.5 hours)", wantErr: `rate(1.5 hours): value "1.5" is not a positive whole number; write one, as in rate(5 hours)`},
		{give: "rate(+5 minutes)", wantErr: `rate(+5 minutes): value "+5" is not a positive whole number; write one, as in rate(5 minutes)`},
		{give: "rate(five minutes)", wantErr: `rate(five minutes): value "five" is not a positive whole number; write one, as in rate(5 minutes)`},
		{give: "rate(5minutes)", wantErr: "rate(5minutes): needs a value and a unit separated by a space, as in rate(5 minutes)"},
		{give: "rate(5)", wantErr: "rate(5): needs a value and a unit separated by a space, as in rate(5 minutes)"},
		{give: "rate()", wantErr: "rate(): needs a value and a unit separated by a space, as in rate(5 minutes)"},
		{give: "rate(99999999999999999999 days)", wantErr: "rate(99999999999999999999 days): value 99999999999999999999 is too large to be an interval; use a larger unit or a smaller value"},
		{give: "rate(200000 days)", wantErr: "rate(200000 days): value 200000 is too large to be an interval; use a larger unit or a smaller value"},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestFactAtIsADateAndTimeOfDay: "at expression - at(yyyy-mm-ddThh:mm:ss)",
// evaluated "at the time and in the time zone, that you specify"; the zone
// is ScheduleExpressionTimezone, not part of the expression.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (ScheduleExpression)
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#one-time
func TestFactAtIsADateAndTimeOfDay(t *testing.T) {
	tests := []struct {
		give    string
		want    civil
		wantErr string
	}{
		{give: "at(2030-01-31T09:00:00)", want: civil{2030, time.January, 31, 9, 0, 0}},
		{give: "at(2028-02-29T23:59:59)", want: civil{2028, time.February, 29, 23, 59, 59}},
		{give: "at(2027-02-29T09:00:00)", wantErr: "at(2027-02-29T09:00:00): 2027-02-29T09:00:00 is not a date and time of day (month 01-12, a day the month has, hour 00-23, minutes and seconds 00-59); correct it"},
		{give: "at(2030-01-31T24:00:00)", wantErr: "at(2030-01-31T24:00:00): 2030-01-31T24:00:00 is not a date and time of day (month 01-12, a day the month has, hour 00-23, minutes and seconds 00-59); correct it"},
		{give: "at(2030-13-01T09:00:00)", wantErr: "at(2030-13-01T09:00:00): 2030-13-01T09:00:00 is not a date and time of day (month 01-12, a day the month has, hour 00-23, minutes and seconds 00-59); correct it"},
		{give: "at(2030-01-31T09:00)", wantErr: "at(2030-01-31T09:00): the date and time must be yyyy-mm-ddThh:mm:ss, as in at(2030-01-31T09:00:00), with no time zone (set the schedule's time zone for that)"},
		{give: "at(2030-01-31T09:00:00Z)", wantErr: "at(2030-01-31T09:00:00Z): the date and time must be yyyy-mm-ddThh:mm:ss, as in at(2030-01-31T09:00:00), with no time zone (set the schedule's time zone for that)"},
		{give: "at(2030-01-31 09:00:00)", wantErr: "at(2030-01-31 09:00:00): the date and time must be yyyy-mm-ddThh:mm:ss, as in at(2030-01-31T09:00:00), with no time zone (set the schedule's time zone for that)"},
		{give: "at(2030-1-31T9:00:00)", wantErr: "at(2030-1-31T9:00:00): the date and time must be yyyy-mm-ddThh:mm:ss, as in at(2030-01-31T09:00:00), with no time zone (set the schedule's time zone for that)"},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			e, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
			if err == nil && e.at != tt.want {
				t.Errorf("Parse(%q) wall-clock time = %v, want %v", tt.give, e.at, tt.want)
			}
		})
	}
}

// TestFactCronHasSixFields: "Cron expressions have six required fields,
// which are separated by white space": minutes hours day-of-month month
// day-of-week year.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
//   - https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html ("A cron expression consists of six fields separated by white spaces")
func TestFactCronHasSixFields(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{give: "cron(0 9 * * ? *)"},
		{give: "cron(0  9 * *   ? *)"},
		{give: "cron(0 9 * * ?)", wantErr: "cron(0 9 * * ?): has 5 fields; it needs six, minutes hours day-of-month month day-of-week year, as in cron(0 9 * * ? *)"},
		{give: "cron(0 0 9 * * ? *)", wantErr: "cron(0 0 9 * * ? *): has 7 fields; it needs six, minutes hours day-of-month month day-of-week year, as in cron(0 9 * * ? *)"},
		{give: "cron()", wantErr: "cron(): has 0 fields; it needs six, minutes hours day-of-month month day-of-week year, as in cron(0 9 * * ? *)"},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestFactCronFieldRanges: the values of each field are minutes 0-59, hours
// 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or
// SUN-SAT, year 1970-2199.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
func TestFactCronFieldRanges(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{give: "cron(0,59 0,23 1,31 1,12 ? 1970,2199)"},
		{give: "cron(0 0 ? JAN,DEC 1,7 *)"},
		{give: "cron(0 0 ? * SUN,SAT *)"},
		{give: "cron(60 0 * * ? *)", wantErr: `cron minutes "60": 60 is out of range; the minutes field takes 0-59`},
		{give: "cron(0 24 * * ? *)", wantErr: `cron hours "24": 24 is out of range; the hours field takes 0-23`},
		{give: "cron(0 0 0 * ? *)", wantErr: `cron day-of-month "0": 0 is out of range; the day-of-month field takes 1-31`},
		{give: "cron(0 0 32 * ? *)", wantErr: `cron day-of-month "32": 32 is out of range; the day-of-month field takes 1-31`},
		{give: "cron(0 0 1 13 ? *)", wantErr: `cron month "13": 13 is out of range; the month field takes 1-12 or JAN-DEC`},
		{give: "cron(0 0 1 0 ? *)", wantErr: `cron month "0": 0 is out of range; the month field takes 1-12 or JAN-DEC`},
		{give: "cron(0 0 ? * 0 *)", wantErr: `cron day-of-week "0": 0 is out of range; the day-of-week field takes 1-7 or SUN-SAT, 1 being Sunday`},
		{give: "cron(0 0 ? * 8 *)", wantErr: `cron day-of-week "8": 8 is out of range; the day-of-week field takes 1-7 or SUN-SAT, 1 being Sunday`},
		{give: "cron(0 0 1 * ? 1969)", wantErr: `cron year "1969": 1969 is out of range; the year field takes 1970-2199`},
		{give: "cron(0 0 1 * ? 2200)", wantErr: `cron year "2200": 2200 is out of range; the year field takes 1970-2199`},
		{give: "cron(0 0 1 JANUARY ? *)", wantErr: `cron month "JANUARY": "JANUARY" is not a value the month field takes (1-12 or JAN-DEC)`},
		{give: "cron(0 0 ? * MONDAY *)", wantErr: `cron day-of-week "MONDAY": "MONDAY" is not a value the day-of-week field takes (1-7 or SUN-SAT, 1 being Sunday)`},
		{give: "cron(0 0 1 jan ? *)", wantErr: `cron month "jan": write names and letters in upper case, as in JAN`},
		{give: "cron(0 0 ? * mon-fri *)", wantErr: `cron day-of-week "mon-fri": write names and letters in upper case, as in MON-FRI`},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestFactCronWildcardsPerField: the wildcards each field allows are
// minutes , - * /; hours , - * /; day-of-month , - * ? / L W; month
// , - * /; day-of-week , - * ? L #; year , - * /.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
func TestFactCronWildcardsPerField(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{give: "cron(0,30 8-17 */2 1-6/2 ? 2030-2035/5)"},
		{give: "cron(0 9 L * ? *)"},
		{give: "cron(0 9 15W * ? *)"},
		{give: "cron(0 9 ? * MON-FRI *)"},
		{give: "cron(0 9 ? * 6L *)"},
		{give: "cron(0 9 ? * 3#2 *)"},
		// The L of JUL and the W of WED are letters of names, not wildcards.
		{give: "cron(0 9 1 JUN-JUL ? *)"},
		{give: "cron(0 9 ? * WED *)"},
		{give: "cron(0 9 ? * WED#2 *)"},
		{give: "cron(0 9 ? * WEDL *)"},
		{give: "cron(0 9 WED * ? *)", wantErr: `cron day-of-month "WED": WED is a day of the week; put it in day-of-week and ? in day-of-month, as in cron(0 9 ? * WED *)`},
		{give: "cron(0 9 MON-FRI * ? *)", wantErr: `cron day-of-month "MON-FRI": MON is a day of the week; put it in day-of-week and ? in day-of-month, as in cron(0 9 ? * MON-FRI *)`},
		{give: "cron(? 9 1 * ? *)", wantErr: `cron minutes "?": '?' is not allowed in minutes, which allows , - * /`},
		{give: "cron(0 L 1 * ? *)", wantErr: `cron hours "L": 'L' is not allowed in hours, which allows , - * /`},
		{give: "cron(0 9 1#2 * ? *)", wantErr: `cron day-of-month "1#2": '#' is not allowed in day-of-month, which allows , - * ? / L W`},
		{give: "cron(0 9 1 L ? *)", wantErr: `cron month "L": 'L' is not allowed in month, which allows , - * /`},
		{give: "cron(0 9 ? * */2 *)", wantErr: `cron day-of-week "*/2": '/' is not allowed in day-of-week, which allows , - * ? L #`},
		{give: "cron(0 9 ? * 2W *)", wantErr: `cron day-of-week "2W": 'W' is not allowed in day-of-week, which allows , - * ? L #`},
		{give: "cron(0 9 1 * ? L)", wantErr: `cron year "L": 'L' is not allowed in year, which allows , - * /`},
		{give: "cron(0 9 1 * ? 2030+)", wantErr: `cron year "2030+": '+' has no meaning in a cron field; use values 1970-2199 and the wildcards , - * /`},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestFactCronOneDayFieldIsQuestionMark: "You can't specify the
// Day-of-month and Day-of-week fields in the same cron expression. If you
// specify a value or a * (asterisk) in one of the fields, you must use a ?
// (question mark) in the other."
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Limitations)
func TestFactCronOneDayFieldIsQuestionMark(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{give: "cron(0 9 * * ? *)"},
		{give: "cron(0 9 ? * * *)"},
		{give: "cron(0 9 1 * ? *)"},
		{give: "cron(0 9 ? * MON *)"},
		{give: "cron(0 9 * * * *)", wantErr: "cron day-of-month and day-of-week: one of them must be '?'; write ? in day-of-week to run on dates, as in cron(0 9 1 * ? *), or ? in day-of-month to run on weekdays, as in cron(0 9 ? * MON-FRI *)"},
		{give: "cron(0 9 1 * MON *)", wantErr: "cron day-of-month and day-of-week: one of them must be '?'; write ? in day-of-week to run on dates, as in cron(0 9 1 * ? *), or ? in day-of-month to run on weekdays, as in cron(0 9 ? * MON-FRI *)"},
		{give: "cron(0 9 ? * ? *)", wantErr: "cron day-of-month and day-of-week: only one of them may be '?'; set the other to * for every day, or to the days to run on"},
		{give: "cron(0 9 1,? * ? *)", wantErr: `cron day-of-month "1,?": '?' stands alone in the field; remove the other values`},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}

// TestParseCronReportsEveryProblem: each wrong field is reported, not only
// the first.
func TestParseCronReportsEveryProblem(t *testing.T) {
	_, err := Parse("cron(61 25 * 13 MON 1900)")
	want := strings.Join([]string{
		`cron minutes "61": 61 is out of range; the minutes field takes 0-59`,
		`cron hours "25": 25 is out of range; the hours field takes 0-23`,
		`cron month "13": 13 is out of range; the month field takes 1-12 or JAN-DEC`,
		`cron year "1900": 1900 is out of range; the year field takes 1970-2199`,
		"cron day-of-month and day-of-week: one of them must be '?'; write ? in day-of-week to run on dates, as in cron(0 9 1 * ? *), or ? in day-of-month to run on weekdays, as in cron(0 9 ? * MON-FRI *)",
	}, "\n")
	checkErr(t, "Parse with five problems", err, want)
}

// TestFactCronDayOfWeekOneIsSunday: day-of-week values are "1-7 or
// SUN-SAT", and "3#2 is the second Tuesday of the month: the 3 refers to
// Tuesday because it is the third day of each week". So 1 is Sunday and 7
// Saturday, and names and numbers mean the same days.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
func TestFactCronDayOfWeekOneIsSunday(t *testing.T) {
	byName := mustParse(t, "cron(0 9 ? * SUN,TUE,SAT *)").cron.dow.days
	if got := members(byName); !cmp.Equal(got, []int{1, 3, 7}) {
		t.Errorf("day-of-week SUN,TUE,SAT = %v, want [1 3 7]", got)
	}
	byNumber := mustParse(t, "cron(0 9 ? * 2-6 *)").cron.dow.days
	weekdays := mustParse(t, "cron(0 9 ? * MON-FRI *)").cron.dow.days
	if !cmp.Equal(members(byNumber), members(weekdays)) {
		t.Errorf("day-of-week 2-6 = %v, MON-FRI = %v; want the same days", members(byNumber), members(weekdays))
	}
	if got := members(mustParse(t, "cron(0 9 ? * WED *)").cron.dow.days); !cmp.Equal(got, []int{4}) {
		t.Errorf("day-of-week WED = %v, want [4]", got)
	}
	if got := members(mustParse(t, "cron(0 9 1 JUL ? *)").cron.month); !cmp.Equal(got, []int{7}) {
		t.Errorf("month JUL = %v, want [7]", got)
	}
	nth := mustParse(t, "cron(0 9 ? * 3#2 *)").cron.dow
	if nth.nthWeekday != int(time.Tuesday)+1 || nth.nth != 2 {
		t.Errorf("day-of-week 3#2 = weekday %d occurrence %d, want Tuesday (%d) occurrence 2", nth.nthWeekday, nth.nth, int(time.Tuesday)+1)
	}
}

// TestFactCronHashHoldsOneExpression: "If you use a '#' character, you can
// define only one expression in the day-of-week field. For example,
// "3#1,6#3" is not valid because it is interpreted as two expressions."
// Source:
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Wildcards)
func TestFactCronHashHoldsOneExpression(t *testing.T) {
	_, err := Parse("cron(0 9 ? * 3#1,6#3 *)")
	checkErr(t, "Parse(3#1,6#3)", err, `cron day-of-week "3#1,6#3": with '#' the field holds one expression only, so 3#1,6#3 is not allowed; make one schedule for each`)
	_, err = Parse("cron(0 9 ? * 3#6 *)")
	checkErr(t, "Parse(3#6)", err, `cron day-of-week "3#6": after '#' comes which occurrence in the month, 1 to 5, as in 3#2 for the second Tuesday`)
}

// TestFactCronSlashStepsFromTheFirstValue: "The / (slash) wildcard
// specifies increments. In the Minutes field, you could enter 1/10 to
// specify every tenth minute, starting from the first minute of the hour
// (for example, the 11th, 21st, and 31st minute, and so on)."
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Wildcards)
func TestFactCronSlashStepsFromTheFirstValue(t *testing.T) {
	tests := []struct {
		field string
		want  []int
	}{
		{field: "1/10", want: []int{1, 11, 21, 31, 41, 51}},
		{field: "0/15", want: []int{0, 15, 30, 45}},
		{field: "*/20", want: []int{0, 20, 40}},
		{field: "10-30/10", want: []int{10, 20, 30}},
		{field: "5,0/30", want: []int{0, 5, 30}},
	}
	for _, tt := range tests {
		got := members(mustParse(t, "cron("+tt.field+" * * * ? *)").cron.minute)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("minutes %s (-want +got):\n%s", tt.field, d)
		}
	}
}

// TestParseCronRefusesWhatAWSDoesNotDocument: forms other cron dialects
// accept but the Scheduler and EventBridge guides do not describe are
// refused with the documented way to write them.
func TestParseCronRefusesWhatAWSDoesNotDocument(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{name: "L offset", give: "cron(0 9 L-3 * ? *)", wantErr: `cron day-of-month "L-3": L and W stand alone in the field: L for the last day of the month, or one day and W, such as 15W, for the weekday nearest it; AWS documents no other use, so list days instead`},
		{name: "LW", give: "cron(0 9 LW * ? *)", wantErr: `cron day-of-month "LW": L and W stand alone in the field: L for the last day of the month, or one day and W, such as 15W, for the weekday nearest it; AWS documents no other use, so list days instead`},
		{name: "L in a list", give: "cron(0 9 1,L * ? *)", wantErr: `cron day-of-month "1,L": L and W stand alone in the field: L for the last day of the month, or one day and W, such as 15W, for the weekday nearest it; AWS documents no other use, so list days instead`},
		{name: "W in a list", give: "cron(0 9 1W,15W * ? *)", wantErr: `cron day-of-month "1W,15W": L and W stand alone in the field: L for the last day of the month, or one day and W, such as 15W, for the weekday nearest it; AWS documents no other use, so list days instead`},
		{name: "weekday L in a list", give: "cron(0 9 ? * 2,6L *)", wantErr: `cron day-of-week "2,6L": L stands alone for Saturday, or after one weekday, such as 6L for the last Friday of the month; AWS documents no other use`},
		{name: "backwards hours", give: "cron(0 22-2 * * ? *)", wantErr: `cron hours "22-2": range 22-2 runs backwards; to wrap around, write two ranges in a list, 22-23,0-2`},
		{name: "backwards weekdays", give: "cron(0 9 ? * FRI-MON *)", wantErr: `cron day-of-week "FRI-MON": range FRI-MON runs backwards; to wrap around, write two ranges in a list, FRI-SAT,SUN-MON`},
		{name: "backwards years", give: "cron(0 9 1 * ? 2030-2025)", wantErr: `cron year "2030-2025": range 2030-2025 runs backwards; write the earlier year first`},
		{name: "increment of a whole hour", give: "cron(*/60 * * * ? *)", wantErr: `cron minutes "*/60": increment "60" must be a whole number from 1 to 59; an increment of 60 or more fires once, so write that single value instead`},
		{name: "increment zero", give: "cron(0/0 * * * ? *)", wantErr: `cron minutes "0/0": increment "0" must be a whole number from 1 to 59; an increment of 60 or more fires once, so write that single value instead`},
		{name: "empty list item", give: "cron(0,,30 * * * ? *)", wantErr: `cron minutes "0,,30": has an empty item in its list; remove the extra comma`},
		{name: "missing range end", give: "cron(0 9- * * ? *)", wantErr: `cron hours "9-": a value is missing around '-' or '/'; the hours field takes 0-23`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.give)
			checkErr(t, "Parse("+tt.give+")", err, tt.wantErr)
		})
	}
}
