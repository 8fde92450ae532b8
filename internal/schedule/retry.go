package schedule

import (
	"fmt"
	"regexp"
)

// The ranges CreateSchedule accepts for a target's RetryPolicy
// (API_RetryPolicy) and for the schedule's FlexibleTimeWindow
// (API_FlexibleTimeWindow).
const (
	MinMaximumEventAgeInSeconds = 60
	MaxMaximumEventAgeInSeconds = 86400
	MinMaximumRetryAttempts     = 0
	MaxMaximumRetryAttempts     = 185
	MinMaximumWindowInMinutes   = 1
	MaxMaximumWindowInMinutes   = 1440
)

// The FlexibleTimeWindow modes CreateSchedule accepts.
const (
	FlexibleTimeWindowOff      = "OFF"
	FlexibleTimeWindowFlexible = "FLEXIBLE"
)

// ValidateMaximumEventAgeInSeconds checks RetryPolicy.MaximumEventAgeInSeconds,
// how long Scheduler keeps retrying an invocation that failed: 60 to 86400
// seconds (one minute to one day).
func ValidateMaximumEventAgeInSeconds(seconds int) error {
	if seconds < MinMaximumEventAgeInSeconds || seconds > MaxMaximumEventAgeInSeconds {
		return fmt.Errorf("RetryPolicy.MaximumEventAgeInSeconds: %d is outside %d to %d; set a number of seconds in that range (one minute to one day)",
			seconds, MinMaximumEventAgeInSeconds, MaxMaximumEventAgeInSeconds)
	}
	return nil
}

// ValidateMaximumRetryAttempts checks RetryPolicy.MaximumRetryAttempts, how
// many times Scheduler retries an invocation that failed: 0 to 185. Zero
// means no retries.
func ValidateMaximumRetryAttempts(attempts int) error {
	if attempts < MinMaximumRetryAttempts || attempts > MaxMaximumRetryAttempts {
		return fmt.Errorf("RetryPolicy.MaximumRetryAttempts: %d is outside %d to %d; set a number of retries in that range (0 turns retries off)",
			attempts, MinMaximumRetryAttempts, MaxMaximumRetryAttempts)
	}
	return nil
}

// ValidateFlexibleTimeWindow checks a schedule's FlexibleTimeWindow. Mode is
// required and is OFF or FLEXIBLE. With FLEXIBLE, Scheduler invokes the
// target at some point within maximumWindowInMinutes after the scheduled
// time, which must then be set, from 1 to 1440 (one day). Zero stands for
// "not set".
func ValidateFlexibleTimeWindow(mode string, maximumWindowInMinutes int) error {
	switch mode {
	case FlexibleTimeWindowOff:
		if maximumWindowInMinutes < 0 || maximumWindowInMinutes > MaxMaximumWindowInMinutes {
			return fmt.Errorf("FlexibleTimeWindow.MaximumWindowInMinutes: %d is outside %d to %d; leave it unset, as mode OFF does not use it",
				maximumWindowInMinutes, MinMaximumWindowInMinutes, MaxMaximumWindowInMinutes)
		}
		return nil
	case FlexibleTimeWindowFlexible:
		if maximumWindowInMinutes == 0 {
			return fmt.Errorf("FlexibleTimeWindow.MaximumWindowInMinutes: mode FLEXIBLE needs a window; set %d to %d minutes, or set mode OFF",
				MinMaximumWindowInMinutes, MaxMaximumWindowInMinutes)
		}
		if maximumWindowInMinutes < MinMaximumWindowInMinutes || maximumWindowInMinutes > MaxMaximumWindowInMinutes {
			return fmt.Errorf("FlexibleTimeWindow.MaximumWindowInMinutes: %d is outside %d to %d; set a number of minutes in that range",
				maximumWindowInMinutes, MinMaximumWindowInMinutes, MaxMaximumWindowInMinutes)
		}
		return nil
	case "":
		return fmt.Errorf("FlexibleTimeWindow.Mode is required; set %s to invoke at the scheduled time, or %s with a window", FlexibleTimeWindowOff, FlexibleTimeWindowFlexible)
	default:
		return fmt.Errorf("FlexibleTimeWindow.Mode %q is not a mode; set %s or %s (upper case)", mode, FlexibleTimeWindowOff, FlexibleTimeWindowFlexible)
	}
}

// deadLetterArn is DeadLetterConfig.Arn's pattern in the API reference,
// anchored: an SQS queue ARN whose queue name has only letters, digits,
// hyphens and underscores.
var deadLetterArn = regexp.MustCompile(`^arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+$`)

// MaxDeadLetterArnLength is the longest DeadLetterConfig.Arn CreateSchedule
// accepts.
const MaxDeadLetterArnLength = 1600

// ValidateDeadLetterArn checks DeadLetterConfig.Arn, the SQS queue Scheduler
// sends an event to once its retries are spent. The queue must be a
// standard queue; a FIFO queue's name ends in ".fifo", which the ARN
// pattern does not allow.
func ValidateDeadLetterArn(arn string) error {
	switch {
	case arn == "":
		return fmt.Errorf("DeadLetterConfig.Arn is empty; set the ARN of a standard SQS queue, or leave the dead-letter queue out")
	case len(arn) > MaxDeadLetterArnLength:
		return fmt.Errorf("DeadLetterConfig.Arn is %d characters, more than the %d Scheduler accepts; use the queue's ARN", len(arn), MaxDeadLetterArnLength)
	case deadLetterArnFIFO.MatchString(arn):
		return fmt.Errorf("DeadLetterConfig.Arn %q is a FIFO queue; Scheduler's dead-letter queue must be a standard SQS queue", arn)
	case !deadLetterArn.MatchString(arn):
		return fmt.Errorf("DeadLetterConfig.Arn %q is not an SQS queue ARN; use arn:aws:sqs:<region>:<12-digit account>:<queue name>", arn)
	}
	return nil
}

// deadLetterArnFIFO spots a FIFO queue's ARN, to say why it is refused.
var deadLetterArnFIFO = regexp.MustCompile(`^arn:aws[a-z-]*:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+\.fifo$`)
