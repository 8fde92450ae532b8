package schedule

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The daylight-saving changes the tests rely on, from the IANA database:
//
//	America/New_York     2025-03-09 02:00 EST -> 03:00 EDT; 2025-11-02 02:00 EDT -> 01:00 EST
//	                     2026-03-08, 2026-11-01, 2027-03-14 likewise
//	Europe/Paris         2026-03-29 02:00 CET -> 03:00 CEST
//	Australia/Lord_Howe  2025-10-05 02:00 -> 02:30 (+10:30 -> +11:00)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := LoadTimezone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func at(t *testing.T, rfc3339 string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// formatted writes times as RFC 3339 in their own location, so that a
// wrong offset shows in a diff as plainly as a wrong hour.
func formatted(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, v := range ts {
		out[i] = v.Format(time.RFC3339)
	}
	return out
}

type nextCase struct {
	name  string
	expr  string
	zone  string
	start string
	n     int
	want  []string
}

func runNextCases(t *testing.T, tests []nextCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustParse(t, tt.expr)
			got := formatted(e.Next(at(t, tt.start), zone(t, tt.zone), tt.n))
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s in %q from %s, %d runs (-want +got):\n%s", tt.expr, tt.zone, tt.start, tt.n, d)
			}
		})
	}
}

func TestNextCron(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "daily, start on a run", expr: "cron(0 9 * * ? *)", start: "2026-01-15T09:00:00Z", n: 3,
			want: []string{"2026-01-15T09:00:00Z", "2026-01-16T09:00:00Z", "2026-01-17T09:00:00Z"}},
		{name: "daily, start a second after a run", expr: "cron(0 9 * * ? *)", start: "2026-01-15T09:00:01Z", n: 2,
			want: []string{"2026-01-16T09:00:00Z", "2026-01-17T09:00:00Z"}},
		{name: "every 15 minutes", expr: "cron(0/15 * * * ? *)", start: "2026-01-15T10:07:00Z", n: 4,
			want: []string{"2026-01-15T10:15:00Z", "2026-01-15T10:30:00Z", "2026-01-15T10:45:00Z", "2026-01-15T11:00:00Z"}},
		{name: "weekdays from a Friday evening", expr: "cron(0 18 ? * MON-FRI *)", start: "2026-01-16T19:00:00Z", n: 3,
			want: []string{"2026-01-19T18:00:00Z", "2026-01-20T18:00:00Z", "2026-01-21T18:00:00Z"}},
		{name: "every 5 minutes in office hours", expr: "cron(0/5 8-17 ? * MON-FRI *)", start: "2026-01-16T17:50:00Z", n: 4,
			want: []string{"2026-01-16T17:50:00Z", "2026-01-16T17:55:00Z", "2026-01-19T08:00:00Z", "2026-01-19T08:05:00Z"}},
		{name: "first of the month", expr: "cron(0 8 1 * ? *)", start: "2026-01-15T00:00:00Z", n: 3,
			want: []string{"2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z", "2026-04-01T08:00:00Z"}},
		{name: "31st skips short months", expr: "cron(0 0 31 * ? *)", start: "2026-01-01T00:00:00Z", n: 3,
			want: []string{"2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"}},
		{name: "29 February, leap years only", expr: "cron(0 0 29 FEB ? *)", start: "2026-01-01T00:00:00Z", n: 3,
			want: []string{"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"}},
		{name: "30 February never", expr: "cron(0 0 30 2 ? *)", start: "2026-01-01T00:00:00Z", n: 3,
			want: []string{}},
		{name: "years run out", expr: "cron(0 0 1 1 ? 2027-2028)", start: "2026-06-01T00:00:00Z", n: 5,
			want: []string{"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"}},
		{name: "the last minute there is", expr: "cron(59 23 31 12 ? 2199)", start: "2199-01-01T00:00:00Z", n: 2,
			want: []string{"2199-12-31T23:59:00Z"}},
		{name: "a start before 1970", expr: "cron(0 0 1 1 ? *)", start: "1960-06-01T00:00:00Z", n: 1,
			want: []string{"1970-01-01T00:00:00Z"}},
		{name: "in a time zone", expr: "cron(0 9 * * ? *)", zone: "Europe/Paris", start: "2026-01-15T00:00:00Z", n: 2,
			want: []string{"2026-01-15T09:00:00+01:00", "2026-01-16T09:00:00+01:00"}},
		{name: "a time zone with a half-hour offset", expr: "cron(30 18 * * ? *)", zone: "Asia/Kolkata", start: "2026-01-15T13:00:00Z", n: 2,
			want: []string{"2026-01-15T18:30:00+05:30", "2026-01-16T18:30:00+05:30"}},
	})
}

// TestFactCronLastDayOfMonth: "The L wildcard in the Day-of-month or
// Day-of-week fields specifies the last day of the month or week."
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Wildcards)
func TestFactCronLastDayOfMonth(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "L, leap year", expr: "cron(0 0 L * ? *)", start: "2028-01-15T00:00:00Z", n: 4,
			want: []string{"2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z", "2028-04-30T00:00:00Z"}},
		{name: "L in day-of-week is Saturday", expr: "cron(0 9 ? * L *)", start: "2026-01-15T00:00:00Z", n: 3,
			want: []string{"2026-01-17T09:00:00Z", "2026-01-24T09:00:00Z", "2026-01-31T09:00:00Z"}},
	})
}

// TestCronLastWeekdayOfMonth: 6L is the last Friday of the month. The
// guides give L in day-of-week as "the last day of the ... week" and do not
// spell out nL; this is its meaning in the Quartz syntax AWS's cron follows
// (field table, 1 is Sunday, ? and # alike), and what cron-expression
// tools built for EventBridge print for it.
func TestCronLastWeekdayOfMonth(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "6L", expr: "cron(15 10 ? * 6L *)", start: "2026-01-01T00:00:00Z", n: 4,
			want: []string{"2026-01-30T10:15:00Z", "2026-02-27T10:15:00Z", "2026-03-27T10:15:00Z", "2026-04-24T10:15:00Z"}},
		{name: "FRIL", expr: "cron(15 10 ? * FRIL *)", start: "2026-01-01T00:00:00Z", n: 1,
			want: []string{"2026-01-30T10:15:00Z"}},
	})
}

// TestFactCronNthWeekday: "The # wildcard in the Day-of-week field
// specifies a certain instance of the specified day of the week within a
// month. For example, 3#2 is the second Tuesday of the month". A month
// without a fifth Monday has no run for 2#5.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Wildcards)
func TestFactCronNthWeekday(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "second Tuesday", expr: "cron(0 9 ? * 3#2 *)", start: "2026-01-01T00:00:00Z", n: 3,
			want: []string{"2026-01-13T09:00:00Z", "2026-02-10T09:00:00Z", "2026-03-10T09:00:00Z"}},
		{name: "second Tuesday by name", expr: "cron(0 9 ? * TUE#2 *)", start: "2026-01-01T00:00:00Z", n: 1,
			want: []string{"2026-01-13T09:00:00Z"}},
		{name: "fifth Monday", expr: "cron(0 9 ? * 2#5 *)", start: "2026-01-01T00:00:00Z", n: 4,
			want: []string{"2026-03-30T09:00:00Z", "2026-06-29T09:00:00Z", "2026-08-31T09:00:00Z", "2026-11-30T09:00:00Z"}},
	})
}

// TestFactCronNearestWeekday: "The W wildcard in the Day-of-month field
// specifies a weekday. In the Day-of-month field, 3W specifies the weekday
// closest to the third day of the month." The guides do not say what
// happens at the edges of a month; as in Quartz, the nearest weekday stays
// in the month: 1W on a Saturday is Monday the 3rd, and 31W on a Sunday is
// Friday the 29th.
// Sources:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
//   - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (Wildcards)
func TestFactCronNearestWeekday(t *testing.T) {
	runNextCases(t, []nextCase{
		// 15 January 2026 is a Thursday, 15 February and 15 March Sundays.
		{name: "15W", expr: "cron(0 9 15W * ? *)", start: "2026-01-01T00:00:00Z", n: 4,
			want: []string{"2026-01-15T09:00:00Z", "2026-02-16T09:00:00Z", "2026-03-16T09:00:00Z", "2026-04-15T09:00:00Z"}},
		// 1 August 2026 is a Saturday.
		{name: "1W on a Saturday", expr: "cron(0 9 1W * ? *)", start: "2026-07-15T00:00:00Z", n: 2,
			want: []string{"2026-08-03T09:00:00Z", "2026-09-01T09:00:00Z"}},
		// 31 August 2025 is a Sunday, 31 January 2026 a Saturday; months
		// without a 31st have no run.
		{name: "31W", expr: "cron(0 9 31W * ? *)", start: "2025-08-01T00:00:00Z", n: 4,
			want: []string{"2025-08-29T09:00:00Z", "2025-10-31T09:00:00Z", "2025-12-31T09:00:00Z", "2026-01-30T09:00:00Z"}},
	})
}

// TestFactRateRunsFromTheStartDate: "With rate-based schedules, you use the
// StartDate property to set the first occurrence of the schedule. If you do
// not provide a StartDate for a rate-based schedule, your schedule starts
// invoking its target immediately."
// Source:
//   - https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based
func TestFactRateRunsFromTheStartDate(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "every 5 minutes", expr: "rate(5 minutes)", start: "2026-01-15T10:02:30Z", n: 3,
			want: []string{"2026-01-15T10:02:30Z", "2026-01-15T10:07:30Z", "2026-01-15T10:12:30Z"}},
		{name: "every 12 hours, shown in a zone", expr: "rate(12 hours)", zone: "Europe/Paris", start: "2026-01-15T10:00:00Z", n: 3,
			want: []string{"2026-01-15T11:00:00+01:00", "2026-01-15T23:00:00+01:00", "2026-01-16T11:00:00+01:00"}},
	})
}

// TestFactRateDaysAreTwentyFourHours: "in a rate-based schedule that uses
// days as the unit, days represents a 24-hour duration on the clock. When
// Daylight Saving Time shortens a day to 23 hours, or extends it to 25
// hours, the EventBridge Scheduler evaluates the rate expression 24 hours
// after the schedule's last invocation." So across the spring change in
// New York, a daily rate that ran at 09:00 runs at 10:00 the next day.
// Source:
//   - https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
func TestFactRateDaysAreTwentyFourHours(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "spring", expr: "rate(1 day)", zone: "America/New_York", start: "2025-03-08T09:00:00-05:00", n: 3,
			want: []string{"2025-03-08T09:00:00-05:00", "2025-03-09T10:00:00-04:00", "2025-03-10T10:00:00-04:00"}},
		{name: "autumn", expr: "rate(1 day)", zone: "America/New_York", start: "2025-11-01T09:00:00-04:00", n: 3,
			want: []string{"2025-11-01T09:00:00-04:00", "2025-11-02T08:00:00-05:00", "2025-11-03T08:00:00-05:00"}},
	})
}

// TestFactCronSkipsTimesTheClocksSkip: "When the time shifts forward in
// Spring, your schedule invocation gets skipped if the cron expression
// falls on a non-existent date and time." The run is dropped, not moved.
// Source:
//   - https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
func TestFactCronSkipsTimesTheClocksSkip(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "02:30 does not exist on 9 March", expr: "cron(30 2 * * ? *)", zone: "America/New_York", start: "2025-03-08T00:00:00-05:00", n: 3,
			want: []string{"2025-03-08T02:30:00-05:00", "2025-03-10T02:30:00-04:00", "2025-03-11T02:30:00-04:00"}},
		{name: "every 30 minutes across the gap", expr: "cron(0/30 * * * ? *)", zone: "America/New_York", start: "2025-03-09T01:00:00-05:00", n: 4,
			want: []string{"2025-03-09T01:00:00-05:00", "2025-03-09T01:30:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-09T03:30:00-04:00"}},
		{name: "Paris", expr: "cron(15 2 * * ? *)", zone: "Europe/Paris", start: "2026-03-28T00:00:00Z", n: 2,
			want: []string{"2026-03-28T02:15:00+01:00", "2026-03-30T02:15:00+02:00"}},
		{name: "Lord Howe moves by half an hour", expr: "cron(15 2 * * ? *)", zone: "Australia/Lord_Howe", start: "2025-10-04T00:00:00+10:30", n: 2,
			want: []string{"2025-10-04T02:15:00+10:30", "2025-10-06T02:15:00+11:00"}},
	})
}

// TestFactCronRunsRepeatedTimesOnce: "When the time shifts back in the
// Fall, your schedule runs only once and doesn't repeat its invocation."
// AWS does not say which of the two 01:30s it picks; this package takes the
// first (EDT, 05:30 UTC), so the second (EST, 06:30 UTC) has no run.
// Source:
//   - https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
func TestFactCronRunsRepeatedTimesOnce(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "01:30 happens twice on 2 November", expr: "cron(30 1 * * ? *)", zone: "America/New_York", start: "2025-11-01T12:00:00-04:00", n: 3,
			want: []string{"2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00", "2025-11-04T01:30:00-05:00"}},
		{name: "every 30 minutes across the repeated hour", expr: "cron(0/30 * * * ? *)", zone: "America/New_York", start: "2025-11-02T00:00:00-04:00", n: 6,
			want: []string{"2025-11-02T00:00:00-04:00", "2025-11-02T00:30:00-04:00", "2025-11-02T01:00:00-04:00", "2025-11-02T01:30:00-04:00", "2025-11-02T02:00:00-05:00", "2025-11-02T02:30:00-05:00"}},
		// Started during the second 01:xx hour: its 01:30 is the first
		// one, already past.
		{name: "start in the repeated hour", expr: "cron(30 1 * * ? *)", zone: "America/New_York", start: "2025-11-02T01:15:00-05:00", n: 1,
			want: []string{"2025-11-03T01:30:00-05:00"}},
	})
}

func TestNextAt(t *testing.T) {
	runNextCases(t, []nextCase{
		{name: "in UTC", expr: "at(2030-01-31T09:00:00)", start: "2026-01-01T00:00:00Z", n: 3,
			want: []string{"2030-01-31T09:00:00Z"}},
		{name: "in a zone", expr: "at(2030-01-31T09:00:00)", zone: "Asia/Tokyo", start: "2026-01-01T00:00:00Z", n: 1,
			want: []string{"2030-01-31T09:00:00+09:00"}},
		{name: "already past", expr: "at(2025-01-31T09:00:00)", start: "2026-01-01T00:00:00Z", n: 1,
			want: []string{}},
		{name: "in the skipped hour", expr: "at(2025-03-09T02:30:00)", zone: "America/New_York", start: "2025-01-01T00:00:00Z", n: 1,
			want: []string{}},
	})
}

func TestNextNeedsAPositiveCount(t *testing.T) {
	e := mustParse(t, "rate(1 hour)")
	if got := e.Next(at(t, "2026-01-01T00:00:00Z"), nil, 0); got != nil {
		t.Errorf("Next with n = 0 = %v, want nil", got)
	}
}

func TestOneTime(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		zone    string
		want    string
		wantErr string
	}{
		{name: "UTC by default", expr: "at(2030-01-31T09:00:00)", want: "2030-01-31T09:00:00Z"},
		{name: "in a zone", expr: "at(2030-07-01T09:00:00)", zone: "Europe/Paris", want: "2030-07-01T09:00:00+02:00"},
		{name: "repeated time is the first", expr: "at(2025-11-02T01:30:00)", zone: "America/New_York", want: "2025-11-02T01:30:00-04:00"},
		{name: "skipped time", expr: "at(2025-03-09T02:30:00)", zone: "America/New_York",
			wantErr: "at(2025-03-09T02:30:00): 2025-03-09T02:30:00 does not exist in America/New_York, where the clocks skip it for daylight saving; pick a time outside the skipped hour"},
		{name: "not an at expression", expr: "rate(1 hour)",
			wantErr: `schedule expression "rate(1 hour)" is not an at expression; only at(...) names a single time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var loc *time.Location
			if tt.zone != "" {
				loc = zone(t, tt.zone)
			}
			got, err := mustParse(t, tt.expr).OneTime(loc)
			checkErr(t, "OneTime", err, tt.wantErr)
			if err == nil && got.Format(time.RFC3339) != tt.want {
				t.Errorf("%s.OneTime(%v) = %s, want %s", tt.expr, loc, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestMinPeriod(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		zone    string
		start   string
		want    time.Duration
		wantErr string
	}{
		{name: "rate", expr: "rate(90 minutes)", start: "2026-01-01T00:00:00Z", want: 90 * time.Minute},
		{name: "rate in days ignores the clocks", expr: "rate(1 day)", zone: "America/New_York", start: "2026-01-01T00:00:00Z", want: 24 * time.Hour},
		{name: "every 15 minutes", expr: "cron(0/15 * * * ? *)", start: "2026-01-01T00:00:00Z", want: 15 * time.Minute},
		{name: "uneven minutes", expr: "cron(0,10,45 * * * ? *)", start: "2026-01-01T00:00:00Z", want: 10 * time.Minute},
		{name: "weekdays", expr: "cron(0 9 ? * MON-FRI *)", start: "2026-01-01T00:00:00Z", want: 24 * time.Hour},
		{name: "monthly, February is shortest", expr: "cron(0 9 1 * ? *)", start: "2026-01-01T00:00:00Z", want: 28 * 24 * time.Hour},
		{name: "daily in UTC", expr: "cron(0 9 * * ? *)", start: "2026-01-01T00:00:00Z", want: 24 * time.Hour},
		// 09:00 EST on 7 March 2026 to 09:00 EDT on 8 March is 23 hours.
		{name: "daily across the spring change", expr: "cron(0 9 * * ? *)", zone: "America/New_York", start: "2026-01-01T00:00:00Z", want: 23 * time.Hour},
		// 01:00 EST to 03:00 EDT on 14 March 2027 is one hour. The 500
		// runs from June 2026 end in February 2027; the look around each
		// change of the clocks finds it.
		{name: "twice a day, change beyond the 500 runs", expr: "cron(0 1,3 * * ? *)", zone: "America/New_York", start: "2026-06-01T00:00:00Z", want: time.Hour},
		{name: "twice a day, no daylight saving", expr: "cron(0 1,3 * * ? *)", zone: "Asia/Tokyo", start: "2026-06-01T00:00:00Z", want: 2 * time.Hour},
		{name: "once", expr: "cron(0 0 1 1 ? 2030)", start: "2026-01-01T00:00:00Z",
			wantErr: "cron(0 0 1 1 ? 2030) runs 1 time(s) from 2026-01-01T00:00:00Z in UTC; a schedule that runs fewer than twice has no period to compare a timeout with"},
		{name: "never", expr: "cron(0 0 30 2 ? *)", start: "2026-01-01T00:00:00Z",
			wantErr: "cron(0 0 30 2 ? *) runs 0 time(s) from 2026-01-01T00:00:00Z in UTC; a schedule that runs fewer than twice has no period to compare a timeout with"},
		{name: "at", expr: "at(2030-01-31T09:00:00)", start: "2026-01-01T00:00:00Z",
			wantErr: "at(2030-01-31T09:00:00) runs once; a one-time schedule has no period to compare a timeout with"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var loc *time.Location
			if tt.zone != "" {
				loc = zone(t, tt.zone)
			}
			got, err := mustParse(t, tt.expr).MinPeriod(at(t, tt.start), loc)
			checkErr(t, "MinPeriod", err, tt.wantErr)
			if err == nil && got != tt.want {
				t.Errorf("%s.MinPeriod(from %s in %q) = %v, want %v", tt.expr, tt.start, tt.zone, got, tt.want)
			}
		})
	}
	if _, err := (Expression{}).MinPeriod(time.Now(), nil); err == nil || !strings.Contains(err.Error(), "not set") {
		t.Errorf("MinPeriod of the zero Expression = %v, want the not-set error", err)
	}
}
