package schedule

import (
	"strings"
	"testing"
)

// checkErr fails t unless err is nil when want is "" and is exactly want
// otherwise.
func checkErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error: %v", what, err)
	case want != "" && err == nil:
		t.Errorf("%s: no error, want %q", what, want)
	case want != "" && err.Error() != want:
		t.Errorf("%s:\n got error %q\nwant error %q", what, err, want)
	}
}

// TestFactMaximumEventAgeIsSixtyToOneDay: RetryPolicy.MaximumEventAgeInSeconds
// has "Valid Range: Minimum value of 60. Maximum value of 86400."
// Source: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html
func TestFactMaximumEventAgeIsSixtyToOneDay(t *testing.T) {
	tests := []struct {
		name    string
		give    int
		wantErr string
	}{
		{name: "minimum", give: 60},
		{name: "one hour", give: 3600},
		{name: "maximum", give: 86400},
		{name: "below minimum", give: 59, wantErr: "RetryPolicy.MaximumEventAgeInSeconds: 59 is outside 60 to 86400; set a number of seconds in that range (one minute to one day)"},
		{name: "zero", give: 0, wantErr: "RetryPolicy.MaximumEventAgeInSeconds: 0 is outside 60 to 86400; set a number of seconds in that range (one minute to one day)"},
		{name: "above maximum", give: 86401, wantErr: "RetryPolicy.MaximumEventAgeInSeconds: 86401 is outside 60 to 86400; set a number of seconds in that range (one minute to one day)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, "ValidateMaximumEventAgeInSeconds", ValidateMaximumEventAgeInSeconds(tt.give), tt.wantErr)
		})
	}
}

// TestFactMaximumRetryAttemptsIsZeroTo185: RetryPolicy.MaximumRetryAttempts
// has "Valid Range: Minimum value of 0. Maximum value of 185."
// Source: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html
func TestFactMaximumRetryAttemptsIsZeroTo185(t *testing.T) {
	tests := []struct {
		name    string
		give    int
		wantErr string
	}{
		{name: "no retries", give: 0},
		{name: "some", give: 3},
		{name: "maximum", give: 185},
		{name: "negative", give: -1, wantErr: "RetryPolicy.MaximumRetryAttempts: -1 is outside 0 to 185; set a number of retries in that range (0 turns retries off)"},
		{name: "above maximum", give: 186, wantErr: "RetryPolicy.MaximumRetryAttempts: 186 is outside 0 to 185; set a number of retries in that range (0 turns retries off)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, "ValidateMaximumRetryAttempts", ValidateMaximumRetryAttempts(tt.give), tt.wantErr)
		})
	}
}

// TestFactFlexibleTimeWindow: FlexibleTimeWindow.Mode is required, "Valid
// Values: OFF | FLEXIBLE"; MaximumWindowInMinutes has "Valid Range: Minimum
// value of 1. Maximum value of 1440." The user guide adds: "If you do set
// the value to FLEXIBLE, you must then specify a maximum window of time
// during which you schedule will run."
// Sources: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_FlexibleTimeWindow.html;
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-flexible-time-windows.html
func TestFactFlexibleTimeWindow(t *testing.T) {
	tests := []struct {
		name    string
		mode    string
		window  int
		wantErr string
	}{
		{name: "off", mode: "OFF"},
		{name: "flexible minimum", mode: "FLEXIBLE", window: 1},
		{name: "flexible fifteen minutes", mode: "FLEXIBLE", window: 15},
		{name: "flexible one day", mode: "FLEXIBLE", window: 1440},
		{name: "flexible without a window", mode: "FLEXIBLE", wantErr: "FlexibleTimeWindow.MaximumWindowInMinutes: mode FLEXIBLE needs a window; set 1 to 1440 minutes, or set mode OFF"},
		{name: "flexible above a day", mode: "FLEXIBLE", window: 1441, wantErr: "FlexibleTimeWindow.MaximumWindowInMinutes: 1441 is outside 1 to 1440; set a number of minutes in that range"},
		{name: "flexible negative", mode: "FLEXIBLE", window: -5, wantErr: "FlexibleTimeWindow.MaximumWindowInMinutes: -5 is outside 1 to 1440; set a number of minutes in that range"},
		{name: "off with a window out of range", mode: "OFF", window: 2000, wantErr: "FlexibleTimeWindow.MaximumWindowInMinutes: 2000 is outside 1 to 1440; leave it unset, as mode OFF does not use it"},
		{name: "no mode", mode: "", wantErr: "FlexibleTimeWindow.Mode is required; set OFF to invoke at the scheduled time, or FLEXIBLE with a window"},
		{name: "lower case", mode: "off", wantErr: `FlexibleTimeWindow.Mode "off" is not a mode; set OFF or FLEXIBLE (upper case)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, "ValidateFlexibleTimeWindow", ValidateFlexibleTimeWindow(tt.mode, tt.window), tt.wantErr)
		})
	}
}

// TestFactDeadLetterQueueIsAStandardSQSQueue: DeadLetterConfig.Arn is 1 to
// 1600 characters matching arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+
// (API reference), and "A DLQ is a standard Amazon SQS queue" (user guide).
// A FIFO queue's name ends in ".fifo", which the pattern leaves out.
// Sources: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_DeadLetterConfig.html;
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule.html
func TestFactDeadLetterQueueIsAStandardSQSQueue(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{name: "standard queue", give: "arn:aws:sqs:eu-west-1:123456789012:jobs-dlq"},
		{name: "underscore", give: "arn:aws:sqs:us-east-1:123456789012:jobs_dlq"},
		{name: "china partition", give: "arn:aws-cn:sqs:cn-north-1:123456789012:jobs-dlq"},
		{name: "empty", give: "", wantErr: "DeadLetterConfig.Arn is empty; set the ARN of a standard SQS queue, or leave the dead-letter queue out"},
		{name: "fifo queue", give: "arn:aws:sqs:eu-west-1:123456789012:jobs-dlq.fifo", wantErr: `DeadLetterConfig.Arn "arn:aws:sqs:eu-west-1:123456789012:jobs-dlq.fifo" is a FIFO queue; Scheduler's dead-letter queue must be a standard SQS queue`},
		{name: "queue URL", give: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-dlq", wantErr: `DeadLetterConfig.Arn "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-dlq" is not an SQS queue ARN; use arn:aws:sqs:<region>:<12-digit account>:<queue name>`},
		{name: "SNS topic", give: "arn:aws:sns:eu-west-1:123456789012:jobs", wantErr: `DeadLetterConfig.Arn "arn:aws:sns:eu-west-1:123456789012:jobs" is not an SQS queue ARN; use arn:aws:sqs:<region>:<12-digit account>:<queue name>`},
		{name: "short account", give: "arn:aws:sqs:eu-west-1:12345:jobs", wantErr: `DeadLetterConfig.Arn "arn:aws:sqs:eu-west-1:12345:jobs" is not an SQS queue ARN; use arn:aws:sqs:<region>:<12-digit account>:<queue name>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, "ValidateDeadLetterArn", ValidateDeadLetterArn(tt.give), tt.wantErr)
		})
	}
	long := "arn:aws:sqs:eu-west-1:123456789012:" + strings.Repeat("q", 1566) // 1601 characters
	checkErr(t, "ValidateDeadLetterArn(1601 characters)", ValidateDeadLetterArn(long),
		"DeadLetterConfig.Arn is 1601 characters, more than the 1600 Scheduler accepts; use the queue's ARN")
}
