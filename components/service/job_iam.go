package service

import (
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
)

// The policies of the roles that start a job's task: Scheduler's, and the
// state machine's when the job has a timeout. Each is built from resolved
// ARNs, so the tests compare the JSON exactly.

// runTaskGrant is what a role that starts the job's task is given.
type runTaskGrant struct {
	// TaskDefinitionArn is the task definition's ARN, of any revision.
	TaskDefinitionArn string
	// ClusterArn is the cluster the task runs in; the role may start it
	// there only.
	ClusterArn string
	// PassRoles are the task's roles (task and execution), which RunTask
	// passes to ECS.
	PassRoles []string
	// TagTasks says RunTask propagates tags to the task, which needs
	// ecs:TagResource on it.
	TagTasks bool
}

// arnField is field i of an ARN (arn:partition:service:region:account:
// resource), or "".
func arnField(arn string, i int) string {
	parts := strings.SplitN(arn, ":", 6)
	if i >= len(parts) {
		return ""
	}
	return parts[i]
}

// taskFamilyArn turns a task definition ARN of one revision into the ARN
// of every revision of its family: task-definition/<family>:*. The
// RunTask API reference: "To specify all revisions, use the wildcard (*)
// in the ARN".
func taskFamilyArn(taskDefinitionArn string) string {
	i := strings.LastIndexByte(taskDefinitionArn, ':')
	if i < 0 || !strings.Contains(taskDefinitionArn[:i], ":task-definition/") {
		return taskDefinitionArn
	}
	return taskDefinitionArn[:i] + ":*"
}

// clusterTasksArn is the ARN of every task of a cluster,
// task/<cluster name>/*, from the cluster's ARN (cluster/<cluster name>).
func clusterTasksArn(clusterArn string) string {
	return strings.Replace(clusterArn, ":cluster/", ":task/", 1) + "/*"
}

// runTaskStatements let a role start the job's task family in its cluster
// only, pass the task's two roles to ECS tasks only, and, when tags are
// propagated, tag the tasks it starts. EventBridge Scheduler's and Step
// Functions' ECS pages list these actions; the cluster condition and the
// PassedToService condition are in the ECS developer guide's examples
// (RunTask on a cluster; the EventBridge role, CWE_IAM_role).
func runTaskStatements(g runTaskGrant) []piece.Statement {
	out := []piece.Statement{
		{
			Sid:       "RunJobTask",
			Effect:    "Allow",
			Action:    []string{"ecs:RunTask"},
			Resource:  []string{taskFamilyArn(g.TaskDefinitionArn)},
			Condition: map[string]map[string]string{"ArnEquals": {"ecs:cluster": g.ClusterArn}},
		},
		{
			Sid:       "PassTaskRoles",
			Effect:    "Allow",
			Action:    []string{"iam:PassRole"},
			Resource:  piece.UniqueSorted(g.PassRoles),
			Condition: map[string]map[string]string{"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
		},
	}
	if g.TagTasks {
		// Tags given at creation need ecs:TagResource as well as the
		// creating action, which the condition names (ECS developer
		// guide, "Grant permission to tag resources on creation").
		out = append(out, piece.Statement{
			Sid:       "TagJobTasks",
			Effect:    "Allow",
			Action:    []string{"ecs:TagResource"},
			Resource:  []string{clusterTasksArn(g.ClusterArn)},
			Condition: map[string]map[string]string{"StringEquals": {"ecs:CreateAction": "RunTask"}},
		})
	}
	return out
}

// deadLetterGrant lets Scheduler send a run it gave up on to the
// dead-letter queue (Scheduler user guide, "Configuring a schedule's
// dead-letter queue": sqs:SendMessage on the queue), and use the key that
// encrypts the queue when it has one ("" for none). SQS encrypts a message
// with a data key the sender generates: kms:GenerateDataKey and
// kms:Decrypt, as for any producer of an SSE-KMS queue.
func deadLetterGrant(queueArn, key string) []piece.Statement {
	out := []piece.Statement{{
		Sid:      "SendToDeadLetterQueue",
		Effect:   "Allow",
		Action:   []string{"sqs:SendMessage"},
		Resource: []string{queueArn},
	}}
	if key != "" {
		out = append(out, piece.Statement{
			Sid:      "EncryptDeadLetters",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt", "kms:GenerateDataKey"},
			Resource: []string{key},
		})
	}
	return out
}

// schedulerRunTaskPolicy is the Scheduler role's policy on the direct
// path: start the task, and send to the dead-letter queue.
func schedulerRunTaskPolicy(g runTaskGrant, queueArn, queueKey string) piece.PolicyDocument {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: append(runTaskStatements(g), deadLetterGrant(queueArn, queueKey)...)}
}

// schedulerStartExecutionPolicy is the Scheduler role's policy with a
// timeout: start the state machine (Scheduler's templated Step Functions
// target calls StartExecution), and send to the dead-letter queue. The
// state machine's own role starts the task.
func schedulerStartExecutionPolicy(stateMachineArn, queueArn, queueKey string) piece.PolicyDocument {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: append([]piece.Statement{{
		Sid:      "StartJobExecution",
		Effect:   "Allow",
		Action:   []string{"states:StartExecution"},
		Resource: []string{stateMachineArn},
	}}, deadLetterGrant(queueArn, queueKey)...)}
}

// stepFunctionsEcsRule is the EventBridge managed rule through which Step
// Functions learns that a task it started with runTask.sync stopped.
const stepFunctionsEcsRule = "StepFunctionsGetEventsForECSTaskRule"

// stateMachinePolicy is the state machine role's policy: start the task
// as Scheduler would, watch and stop the cluster's tasks, and keep the
// managed rule that reports a task's end. Step Functions developer guide,
// "IAM policies for Amazon ECS/AWS Fargate", Run a Job (.sync):
// https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
// That page grants ecs:StopTask and ecs:DescribeTasks on "*", because the
// task's ID is not known beforehand; both actions take a task ARN, so the
// job scopes them to its cluster's tasks, task/<cluster>/*.
func stateMachinePolicy(g runTaskGrant) piece.PolicyDocument {
	partition, region, account := arnField(g.TaskDefinitionArn, 1), arnField(g.TaskDefinitionArn, 3), arnField(g.TaskDefinitionArn, 4)
	rule := "arn:" + partition + ":events:" + region + ":" + account + ":rule/" + stepFunctionsEcsRule
	return piece.PolicyDocument{Version: "2012-10-17", Statement: append(runTaskStatements(g),
		piece.Statement{
			Sid:      "WatchAndStopJobTasks",
			Effect:   "Allow",
			Action:   []string{"ecs:DescribeTasks", "ecs:StopTask"},
			Resource: []string{clusterTasksArn(g.ClusterArn)},
		},
		piece.Statement{
			Sid:      "TaskStoppedEvents",
			Effect:   "Allow",
			Action:   []string{"events:DescribeRule", "events:PutRule", "events:PutTargets"},
			Resource: []string{rule},
		},
	)}
}

// schedulerTrustPolicy lets EventBridge Scheduler assume the role for the
// schedules of the job's own group only: aws:SourceAccount and
// aws:SourceArn, the confused-deputy conditions the Scheduler user guide
// recommends ("Set up the execution role"), with the group's ARN, which
// Scheduler supports in trust policies since September 2023 (a schedule's
// own ARN is a legacy form that may be throttled).
func schedulerTrustPolicy(groupArn string) string {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "scheduler.amazonaws.com"},
		Action:    []string{"sts:AssumeRole"},
		Condition: map[string]map[string]string{"StringEquals": {
			"aws:SourceAccount": arnField(groupArn, 4),
			"aws:SourceArn":     groupArn,
		}},
	}}}.JSON()
}

// stateMachineTrustPolicy lets Step Functions assume the role, for state
// machines of the job's account only (aws:SourceAccount). The state
// machine's own ARN would need the role first, and the role the ARN.
func stateMachineTrustPolicy(account string) string {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "states.amazonaws.com"},
		Action:    []string{"sts:AssumeRole"},
		Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}},
	}}}.JSON()
}
