package copilot

import (
	"strings"
	"testing"
)

// TestAwsSchedule converts Copilot's on.schedule forms (scheduled job
// manifest: presets, "@every <duration>", 5-field cron, rate(...) and
// cron(...), none) into EventBridge Scheduler expressions. Cron's day of
// the week counts 0-6 from Sunday (7 is Sunday too); EventBridge's counts
// 1-7 from Sunday, takes "?" in one of the two day fields, and has a
// year field (EventBridge Scheduler user guide, "Schedule types",
// cron-based schedules).
func TestAwsSchedule(t *testing.T) {
	tests := []struct {
		give, want, wantErr string
	}{
		{give: "@yearly", want: "cron(0 0 1 1 ? *)"},
		{give: "@annually", want: "cron(0 0 1 1 ? *)"},
		{give: "@monthly", want: "cron(0 0 1 * ? *)"},
		{give: "@weekly", want: "cron(0 0 ? * 1 *)"},
		{give: "@daily", want: "cron(0 0 * * ? *)"},
		{give: "@midnight", want: "cron(0 0 * * ? *)"},
		{give: "@hourly", want: "cron(0 * * * ? *)"},
		{give: "@every 1m", want: "rate(1 minute)"},
		{give: "@every 1h30m", want: "rate(90 minutes)"},
		{give: "@every 6h", want: "rate(360 minutes)"},
		{give: "0 9 * * 1-5", want: "cron(0 9 ? * 2-6 *)"},
		{give: "*/15 * * * *", want: "cron(*/15 * * * ? *)"},
		{give: "30 2 1 * *", want: "cron(30 2 1 * ? *)"},
		{give: "0 12 * * 0", want: "cron(0 12 ? * 1 *)"},
		{give: "0 12 * * 7", want: "cron(0 12 ? * 1 *)"},
		{give: "0 12 * * 6,0", want: "cron(0 12 ? * 7,1 *)"},
		{give: "0 12 * * 5-7", want: "cron(0 12 ? * 6-7,1 *)"},
		{give: "0 12 * * 0-6", want: "cron(0 12 ? * 1-7 *)"},
		{give: "0 12 * * MON-FRI", want: "cron(0 12 ? * MON-FRI *)"},
		{give: "0 12 * JAN,JUL *", want: "cron(0 12 * JAN,JUL ? *)"},
		{give: "  0   3 * * *  ", want: "cron(0 3 * * ? *)"},
		{give: "rate(5 minutes)", want: "rate(5 minutes)"},
		{give: "cron(0 4 ? * SUN *)", want: "cron(0 4 ? * SUN *)"},
		{give: "none", want: ""},
		{give: "@every 30s", wantErr: "@every takes whole minutes, at least 1m"},
		{give: "@every 90s", wantErr: "@every takes whole minutes, at least 1m"},
		{give: "@every soon", wantErr: "the duration after @every is not one such as 5m"},
		{give: "@fortnightly", wantErr: "is not a preset"},
		{give: "0 9 1 * 1", wantErr: "sets both the day of the month and the day of the week"},
		{give: "0 9 * * 8", wantErr: "8 is not a day of the week"},
		{give: "61 * * * *", wantErr: "which EventBridge Scheduler refuses"},
		{give: "rate(0 minutes)", wantErr: "which EventBridge Scheduler refuses"},
		{give: "every day", wantErr: "is not a schedule Copilot takes"},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got, err := awsSchedule(tt.give)
			switch {
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("awsSchedule(%q) = %q, %v; want an error with %q", tt.give, got, err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("awsSchedule(%q): %v", tt.give, err)
			case got != tt.want:
				t.Errorf("awsSchedule(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}
