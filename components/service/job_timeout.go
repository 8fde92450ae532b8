package service

import (
	"encoding/json"
	"fmt"
)

// A job's timeout. ECS has no task timeout: a task runs until its
// essential container exits, and a container's stopTimeout is only the
// grace between SIGTERM and SIGKILL once a stop was asked for (open
// requests: https://github.com/aws/containers-roadmap/issues/572 and
// /291). So a job with a Timeout is run by a Step Functions Standard state
// machine, which the schedule starts instead of the task:
//
//	RunWithDeadline (Parallel)
//	├─ RunTask (ecs:runTask.sync) → TaskStopped (Fail "Job.TaskStopped")
//	└─ Deadline (Wait Timeout s)  → TimedOut   (Fail "Job.TimedOut")
//	Catch "Job.TaskStopped" → Succeeded
//
// A Parallel state ends as soon as one branch fails, and aborts the other
// branches. When the task stops first, its branch fails on purpose with
// Job.TaskStopped, which the Catch turns into success, and the Wait is
// abandoned. When the Wait ends first, Job.TimedOut fails the execution
// and the runTask.sync branch is aborted, for which Step Functions "will
// make a best-effort attempt to cancel the task", that is, stop it
// (Step Functions developer guide, "Run a Job (.sync)" and the ECS
// integration page, https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html,
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html).
//
// Caveat: AWS documents the stop for an aborted task only, and as best
// effort; nothing documents that a state's or an execution's
// TimeoutSeconds stops the task, so the deadline is a branch that fails,
// not a TimeoutSeconds. If the best-effort stop itself fails, the task
// runs on, and only the container's own deadline would end it: a job
// that must never overrun should also put a deadline in its container.
// The state machine's TimeoutSeconds (Timeout plus jobTimeoutGrace) is a
// backstop whose alarm (ExecutionsTimedOut) says the deadline branch did
// not end a run.
//
// runTask.sync also turns what a direct RunTask hides into a failed run:
// a RunTask answer with a non-empty failures list (capacity, placement)
// fails the state with AmazonECS.Unknown, and a task whose containers
// exit non-zero fails it too, so ExecutionsFailed counts a job's
// failures. That includes a non-essential sidecar killed when the job's
// container ends (exit code 137).

// runTaskParameters are RunTask's parameters as both paths pass them:
// Scheduler's EcsParameters and the state machine's runTask.sync.
type runTaskParameters struct {
	ClusterArn        string
	TaskDefinitionArn string
	Strategy          []strategyEntry
	Subnets           []string
	SecurityGroups    []string
	// PlatformVersion is "LATEST" on Fargate, "" on EC2, where ECS takes
	// none.
	PlatformVersion      string
	EnableExecuteCommand bool
	PropagateTags        bool
}

// strategyEntry is one resolved capacity provider strategy item.
type strategyEntry struct {
	CapacityProvider string `json:"CapacityProvider"`
	Weight           int    `json:"Weight"`
	Base             int    `json:"Base"`
}

// The error names the state machine's branches fail with. Names starting
// with "States." are reserved for Step Functions' own.
const (
	jobTaskStoppedError = "Job.TaskStopped"
	jobTimedOutError    = "Job.TimedOut"
)

// The state machine definition, as Amazon States Language. Fields marshal
// in a fixed order, so the tests compare the JSON exactly.
type (
	aslMachine struct {
		Comment        string              `json:"Comment"`
		StartAt        string              `json:"StartAt"`
		TimeoutSeconds int                 `json:"TimeoutSeconds"`
		States         map[string]aslState `json:"States"`
	}
	aslBranch struct {
		StartAt string              `json:"StartAt"`
		States  map[string]aslState `json:"States"`
	}
	aslState struct {
		Type       string       `json:"Type"`
		Resource   string       `json:"Resource,omitempty"`
		Parameters *aslRunTask  `json:"Parameters,omitempty"`
		Seconds    int          `json:"Seconds,omitempty"`
		Branches   []aslBranch  `json:"Branches,omitempty"`
		Catch      []aslCatcher `json:"Catch,omitempty"`
		Error      string       `json:"Error,omitempty"`
		Cause      string       `json:"Cause,omitempty"`
		Next       string       `json:"Next,omitempty"`
		End        bool         `json:"End,omitempty"`
	}
	aslCatcher struct {
		ErrorEquals []string `json:"ErrorEquals"`
		Next        string   `json:"Next"`
	}
	// aslRunTask are RunTask's parameters in Step Functions' PascalCase.
	aslRunTask struct {
		Cluster                  string          `json:"Cluster"`
		TaskDefinition           string          `json:"TaskDefinition"`
		CapacityProviderStrategy []strategyEntry `json:"CapacityProviderStrategy"`
		NetworkConfiguration     aslNetwork      `json:"NetworkConfiguration"`
		PlatformVersion          string          `json:"PlatformVersion,omitempty"`
		EnableExecuteCommand     bool            `json:"EnableExecuteCommand"`
		PropagateTags            string          `json:"PropagateTags,omitempty"`
		EnableECSManagedTags     bool            `json:"EnableECSManagedTags"`
	}
	aslNetwork struct {
		AwsvpcConfiguration aslAwsvpc `json:"AwsvpcConfiguration"`
	}
	aslAwsvpc struct {
		Subnets        []string `json:"Subnets"`
		SecurityGroups []string `json:"SecurityGroups"`
		AssignPublicIp string   `json:"AssignPublicIp"`
	}
)

// timeoutDefinition is the state machine that runs the task with a
// deadline of timeout seconds, in partition's ARNs ("aws", "aws-cn", ...).
func timeoutDefinition(p runTaskParameters, timeout int, partition string) string {
	run := &aslRunTask{
		Cluster:                  p.ClusterArn,
		TaskDefinition:           p.TaskDefinitionArn,
		CapacityProviderStrategy: p.Strategy,
		NetworkConfiguration: aslNetwork{AwsvpcConfiguration: aslAwsvpc{
			Subnets: p.Subnets, SecurityGroups: p.SecurityGroups, AssignPublicIp: "DISABLED",
		}},
		PlatformVersion:      p.PlatformVersion,
		EnableExecuteCommand: p.EnableExecuteCommand,
	}
	if p.PropagateTags {
		run.PropagateTags, run.EnableECSManagedTags = "TASK_DEFINITION", true
	}
	m := aslMachine{
		Comment:        fmt.Sprintf("Runs the job's task and stops it after %d seconds", timeout),
		StartAt:        "RunWithDeadline",
		TimeoutSeconds: timeout + jobTimeoutGrace,
		States: map[string]aslState{
			"RunWithDeadline": {
				Type: "Parallel",
				Branches: []aslBranch{
					{StartAt: "RunTask", States: map[string]aslState{
						"RunTask": {
							Type: "Task", Resource: "arn:" + partition + ":states:::ecs:runTask.sync",
							Parameters: run, Next: "TaskStopped",
						},
						"TaskStopped": {
							Type: "Fail", Error: jobTaskStoppedError,
							Cause: "The task stopped before the deadline; this ends the deadline branch.",
						},
					}},
					{StartAt: "Deadline", States: map[string]aslState{
						"Deadline": {Type: "Wait", Seconds: timeout, Next: "TimedOut"},
						"TimedOut": {
							Type: "Fail", Error: jobTimedOutError,
							Cause: fmt.Sprintf("The task ran for %d seconds, the job's timeout; Step Functions stops it.", timeout),
						},
					}},
				},
				Catch: []aslCatcher{{ErrorEquals: []string{jobTaskStoppedError}, Next: "Succeeded"}},
				End:   true,
			},
			"Succeeded": {Type: "Succeed"},
		},
	}
	out, _ := json.Marshal(m) // strings, numbers, slices and maps: always marshals
	return string(out)
}
