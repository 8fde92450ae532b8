package schedule

import (
	"strings"
	"testing"
	"time"
)

func TestLoadTimezone(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		want    string // the location's name when there is no error
		wantErr string
	}{
		{name: "empty is UTC", give: "", want: "UTC"},
		{name: "UTC", give: "UTC", want: "UTC"},
		{name: "Etc/UTC", give: "Etc/UTC", want: "Etc/UTC"},
		{name: "region/city", give: "Europe/Paris", want: "Europe/Paris"},
		{name: "three parts", give: "America/Argentina/Buenos_Aires", want: "America/Argentina/Buenos_Aires"},
		{name: "half-hour DST", give: "Australia/Lord_Howe", want: "Australia/Lord_Howe"},
		{name: "unknown city", give: "Europe/Atlantis", wantErr: `time zone "Europe/Atlantis" is not an IANA time zone name; use one such as Europe/Paris, America/New_York or UTC (names are case-sensitive)`},
		{name: "wrong case", give: "europe/paris", wantErr: `time zone "europe/paris" is not an IANA time zone name`},
		{name: "offset is not a name", give: "+02:00", wantErr: `time zone "+02:00" is not an IANA time zone name`},
		{name: "Local", give: "Local", wantErr: `time zone "Local" names this machine's zone, which AWS does not know; use an IANA name, such as Europe/Paris, or UTC`},
		{name: "spaces", give: " UTC", wantErr: `time zone " UTC" has spaces around it; remove them`},
		{name: "path", give: "../../etc/passwd", wantErr: `is not an IANA time zone name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := LoadTimezone(tt.give)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("LoadTimezone(%q) error = %v, want it to contain %q", tt.give, err, tt.wantErr)
				}
				if ValidateTimezone(tt.give) == nil {
					t.Errorf("ValidateTimezone(%q) = nil, want an error", tt.give)
				}
				return
			}
			if err != nil {
				t.Fatalf("LoadTimezone(%q): %v", tt.give, err)
			}
			if loc.String() != tt.want {
				t.Errorf("LoadTimezone(%q) = %s, want %s", tt.give, loc, tt.want)
			}
		})
	}
}

// TestFactTimezoneIsOneToFiftyCharacters: CreateSchedule's
// ScheduleExpressionTimezone is a string of 1 to 50 characters (Length
// Constraints). An empty setting is one left out, and a schedule without a
// time zone is evaluated in UTC ("EventBridge Scheduler supports configuring
// cron-based schedules in Universal Coordinated Time (UTC) or in the time
// zone that you specify when you create the schedule").
// Sources: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html#scheduler-CreateSchedule-request-ScheduleExpressionTimezone
// (and the API model, shape ScheduleExpressionTimezone, length 1..50);
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
func TestFactTimezoneIsOneToFiftyCharacters(t *testing.T) {
	if MaxTimezoneLength != 50 {
		t.Errorf("MaxTimezoneLength = %d, want 50", MaxTimezoneLength)
	}
	long := "America/" + strings.Repeat("X", 43) // 51 characters
	err := ValidateTimezone(long)
	if err == nil || !strings.Contains(err.Error(), "is 51 characters, more than the 50 Scheduler accepts") {
		t.Errorf("ValidateTimezone(51 characters) = %v, want the length error", err)
	}
	if loc, err := LoadTimezone(""); err != nil || loc != time.UTC {
		t.Errorf("LoadTimezone(\"\") = %v, %v; want UTC, the default", loc, err)
	}
}
