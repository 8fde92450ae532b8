// Package schedule checks EventBridge Scheduler settings before anything is
// deployed, and works out when a schedule runs, with no AWS account. A
// scheduled-job component validates its arguments with it, and the offline
// plan lists a schedule's next runs with it.
//
// What it covers, each as AWS documents it:
//
//   - schedule expressions: rate(value unit), cron(minutes hours
//     day-of-month month day-of-week year) and at(yyyy-mm-ddThh:mm:ss)
//     (Parse; expression.go, cron.go);
//   - the time zone a schedule is evaluated in, an IANA name, with the
//     zone database embedded so the answer does not depend on the machine
//     (LoadTimezone; timezone.go);
//   - the next runs of a schedule from a start time in its time zone, with
//     Scheduler's daylight-saving rules, and the shortest time between two
//     runs, which a job's timeout must stay below (Expression.Next,
//     Expression.MinPeriod; next.go);
//   - the retry policy, flexible time window and dead-letter queue of a
//     schedule's target (retry.go).
//
// Every error names the setting, says what is wrong and how to fix it. The
// AWS facts each check relies on are named tests, with their sources, in
// the _test.go files beside the code.
//
// Sources:
//   - EventBridge Scheduler User Guide, "Schedule types on EventBridge
//     Scheduler":
//     https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
//   - EventBridge User Guide, "Cron expressions reference" (the same field
//     table and wildcards):
//     https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
//   - EventBridge Scheduler API Reference, CreateSchedule and its types:
//     https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
//   - AWS re:Post Knowledge Center, "How can I adjust my Amazon EventBridge
//     schedule for daylight saving?":
//     https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
package schedule
