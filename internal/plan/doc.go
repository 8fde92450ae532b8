// Package plan is the offline plan: it shows what a stack would create,
// how traffic may flow between the pieces, which VPC endpoints exist and
// why, and what the stack costs a month, with no AWS account and no
// Pulumi CLI.
//
// Load reads the stack's files like the CLI, runs the project's real
// program under the mocks in internal/awsmock, and Build turns the
// recorded registrations into a Plan. The program is the function of
// package stacks the project's main.go hands pulumi.Run, when the plan
// knows it (stacks.PlatformProgram or stacks.ServiceProgram, whatever the project's name;
// entry.go), or else the root project's or an example's, by the project
// name in Pulumi.yaml (programs.go). PlatformContract runs a platform
// program the same way and returns the contract it exports, for service
// stacks to be planned against (contract.go). The plan shows:
//
//   - the resource tree, from each registration's parent (tree.go);
//   - the traffic paths, read from the security group ingress and egress
//     rules actually registered, each group named by the role of what
//     uses it, and every path from 0.0.0.0/0 or ::/0 to anything but an
//     ALB listener port flagged (paths.go);
//   - the endpoint set with the component's reasons and the services
//     their needed-by tags name (endpoints.go);
//   - the ECS services, and for each the hops that carry its traffic: a
//     hop is a service's when its tasks or instances are one end, and the
//     way in through an ALB is every service's behind it (services.go);
//   - Service Connect: the namespaces, each server's name, port and
//     protocol, and the calls between services, read from the
//     <caller>-calls-<server> security group rules (connect.go);
//   - the SQS queues: dead-letter queue and maxReceiveCount, retention,
//     encryption, the services whose task role receives from each, the
//     topics subscribed to it and the backlog-per-task scaling on it
//     (queues.go);
//   - the EventBridge Scheduler schedules: expression, time zone, next
//     runs and runs a month from a given time (Options.Now), the target
//     (ECS RunTask, or the state machine that enforces a job's timeout),
//     retry and dead-letter queue (schedules.go);
//   - the Application Auto Scaling targets and their policies, the
//     CloudWatch alarms (what each reads, when it goes off, the topic it
//     notifies, the deployments it rolls back) and their topics
//     (operations.go);
//   - a monthly estimate from the price table in prices.json, beside the
//     same stack with NAT gateways instead of interface endpoints
//     (cost.go, prices.go), split between the services by a stated rule,
//     and a break-even table of the shared endpoint set against a VPC per
//     service as services are added (shares.go); alarms are priced per
//     alarm metric, and an autoscaled service's range as its cost at its
//     fewest and most tasks (scalecost.go); Service Connect at nothing
//     but the proxy's share of the tasks, a scheduled job's runs as one
//     run's task (for its timeout, or Options.JobDuration) times its runs
//     a month, and SQS requests and Scheduler invocations as rates
//     (jobcost.go);
//   - for a service stack attached to a platform (examples/team-orders),
//     what it adds to the platform (listener rules, target groups, group
//     memberships, and rules on platform groups, which should be none),
//     the hops the platform's own rules complete, and its cost on top of
//     its share of the platform's fixed cost, priced from the contract
//     (platform.go). LoadWith reads the contract from a file, what
//     `pulumi stack output --json` prints for the platform stack, and
//     hands it to the program as that stack's output.
//
// A Plan renders as text (text.go), JSON (json.go) or a Mermaid flowchart
// (mermaid.go). Everything is computed before anything is printed, and
// every list is sorted, so the output is deterministic.
package plan
