package components

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource types a scheduled job adds.
const (
	tScheduleGroup = "aws:scheduler/scheduleGroup:ScheduleGroup"
	tSchedule      = "aws:scheduler/schedule:Schedule"
	tQueue         = "aws:sqs/queue:Queue"
	tStateMachine  = "aws:sfn/stateMachine:StateMachine"
)

const jobName = "nightly"

// jobMocks are the shared mocks with the outputs AWS gives the resources
// a job adds, which awsmock does not know: the provider names a schedule
// group, queue and state machine with a random suffix, and each ARN has
// its service's own form. A task definition's ARN names its family, as
// ECS's does.
type jobMocks struct{ *awsmock.Mocks }

func (m jobMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	id, out, err := m.Mocks.NewResource(args)
	if err != nil {
		return id, out, err
	}
	arn := func(service, rest string) string {
		return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, testRegion, awsmock.Account, rest)
	}
	set := func(k, v string) { out[resource.PropertyKey(k)] = resource.NewProperty(v) }
	auto := args.Name + "-a1b2c3d"
	switch args.TypeToken {
	case tScheduleGroup:
		set("name", auto)
		set("arn", arn("scheduler", "schedule-group/"+auto))
	case tSchedule:
		set("name", auto)
		set("arn", arn("scheduler", "schedule/"+auto))
	case tQueue:
		set("name", auto)
		set("arn", arn("sqs", auto))
		set("url", fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", testRegion, awsmock.Account, auto))
	case tStateMachine:
		set("name", auto)
		set("arn", arn("states", "stateMachine:"+auto))
	case tTaskDef:
		if f, ok := args.Inputs["family"]; ok && f.IsString() {
			set("arn", arn("ecs", "task-definition/"+f.StringValue()+":1"))
		}
	}
	return id, out, err
}

// The mocked ARNs the tests expect.
var (
	jobGroupArn = "arn:aws:scheduler:us-east-1:123456789012:schedule-group/nightly-schedules-a1b2c3d"
	jobQueueArn = "arn:aws:sqs:us-east-1:123456789012:nightly-dlq-a1b2c3d"
	jobTaskDef  = "arn:aws:ecs:us-east-1:123456789012:task-definition/nightly:1"
	jobMachine  = "arn:aws:states:us-east-1:123456789012:stateMachine:nightly-state-machine-a1b2c3d"
)

// jobRig is a network and a cluster with one job on them.
type jobRig struct {
	network network.NetworkArgs
	cluster cluster.ClusterArgs
	job     service.ScheduledJobArgs
	// validateOnly calls ValidateScheduledJob instead of NewScheduledJob.
	validateOnly bool
}

func baseJob() jobRig {
	return jobRig{
		network: network.NetworkArgs{Region: testRegion},
		job: service.ScheduledJobArgs{
			Schedule:  "cron(0 3 * * ? *)",
			Timezone:  "Europe/Paris",
			Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./job"}},
		},
	}
}

// run builds the rig under mocks and returns what it registered, the
// job's resolved outputs and the job's error.
func (r jobRig) run(t testing.TB) (*awsmock.Mocks, map[string]any, error) {
	t.Helper()
	m := awsmock.New(testRegion)
	out := &outputs{values: map[string]any{}}
	var jobErr error
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, err := network.NewNetwork(ctx, "main", &r.network)
		if err != nil {
			return err
		}
		r.cluster.Network = n
		c, err := cluster.NewCluster(ctx, "apps", &r.cluster)
		if err != nil {
			return err
		}
		r.job.Network, r.job.Cluster = n, c
		if r.validateOnly {
			jobErr = service.ValidateScheduledJob(ctx, jobName, &r.job)
			return nil
		}
		j, err := service.NewScheduledJob(ctx, jobName, &r.job)
		if err != nil {
			jobErr = err
			return nil
		}
		for k, v := range map[string]pulumi.StringOutput{
			"scheduleArn": j.ScheduleArn, "scheduleGroupName": j.ScheduleGroupName, "taskDefinitionArn": j.TaskDefinitionArn,
			"taskSecurityGroupId": j.TaskSecurityGroupId, "taskRoleArn": j.TaskRoleArn, "logGroupName": j.LogGroupName,
			"repositoryUrl": j.RepositoryUrl, "deadLetterQueueArn": j.DeadLetterQueueArn,
			"stateMachineArn": j.StateMachineArn, "alarmTopicArn": j.AlarmTopicArn,
		} {
			ctx.Export(k, v.ApplyT(func(s string) string { out.set(k, s); return s }))
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, jobMocks{m}))
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	return m, out.snapshot(), jobErr
}

func (r jobRig) mustRun(t testing.TB) (*awsmock.Mocks, map[string]any) {
	t.Helper()
	m, out, err := r.run(t)
	if err != nil {
		t.Fatalf("NewScheduledJob: %v", err)
	}
	return m, out
}

// privateSubnets are the network's private subnet ids, in order.
func privateSubnets(m *awsmock.Mocks) []string {
	var ids []string
	for _, r := range m.ByType(tSubnet) {
		if strings.HasPrefix(r.Name, "main-private-") {
			ids = append(ids, r.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// clusterArn is the cluster's ARN as the mocks made it.
func clusterArn(t testing.TB, m *awsmock.Mocks) string {
	t.Helper()
	r := get(t, m, tCluster, "apps-cluster")
	return r.Outputs["arn"].StringValue()
}

// sameJSON fails unless got and want are the same JSON document.
func sameJSON(t testing.TB, what, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", what, err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want of %s is not JSON: %v", what, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func inputString(t testing.TB, r *awsmock.Resource, path string) string {
	t.Helper()
	s, ok := in(r, path).(string)
	if !ok {
		t.Fatalf("%s: input %s = %#v, want a string", r.URN, path, in(r, path))
	}
	return s
}

// Fact (BRIEF fact 15; EventBridge Scheduler API reference, EcsParameters,
// https://docs.aws.amazon.com/scheduler/latest/APIReference/API_EcsParameters.html):
// the target of a RunTask schedule is the cluster's ARN; a capacity
// provider strategy goes without a launch type ("If a
// capacityProviderStrategy is specified, the launchType parameter must be
// omitted"); AssignPublicIp ENABLED is only for launch type FARGATE, so a
// private task sets DISABLED (false); PlatformVersion is for Fargate.
func TestFactScheduleRunsTaskOnClusterWithStrategyAndNoLaunchType(t *testing.T) {
	m, out := baseJob().mustRun(t)
	s := get(t, m, tSchedule, jobName+"-schedule")
	expect(t, s, "scheduleExpression", "cron(0 3 * * ? *)")
	expect(t, s, "scheduleExpressionTimezone", "Europe/Paris")
	expect(t, s, "flexibleTimeWindow", map[string]any{"mode": "OFF"})
	expect(t, s, "groupName", "nightly-schedules-a1b2c3d")
	expect(t, s, "target.arn", clusterArn(t, m))
	expect(t, s, "target.roleArn", "arn:aws:iam::123456789012:role/nightly-scheduler-role")
	expect(t, s, "target.retryPolicy", map[string]any{"maximumEventAgeInSeconds": 86400, "maximumRetryAttempts": 185})
	expect(t, s, "target.deadLetterConfig", map[string]any{"arn": jobQueueArn})
	expect(t, s, "target.ecsParameters", map[string]any{
		"taskDefinitionArn":          jobTaskDef,
		"taskCount":                  1,
		"capacityProviderStrategies": []any{map[string]any{"capacityProvider": "FARGATE", "weight": 1, "base": 0}},
		"networkConfiguration": map[string]any{
			"subnets":        privateSubnets(m),
			"securityGroups": []any{"nightly-task-sg_id"},
			"assignPublicIp": false,
		},
		"platformVersion":      "LATEST",
		"enableExecuteCommand": false,
		"propagateTags":        "TASK_DEFINITION",
		"enableEcsManagedTags": true,
	})
	if len(privateSubnets(m)) < 2 {
		t.Errorf("network has %d private subnets, want at least 2", len(privateSubnets(m)))
	}
	if got := in(s, "target.ecsParameters.launchType"); got != nil {
		t.Errorf("%s: launchType = %v, want none beside a strategy", s.URN, got)
	}
	for k, want := range map[string]string{
		"scheduleGroupName": "nightly-schedules-a1b2c3d", "taskDefinitionArn": jobTaskDef,
		"taskSecurityGroupId": "nightly-task-sg_id", "deadLetterQueueArn": jobQueueArn,
		"stateMachineArn": "", "alarmTopicArn": "", "scheduleArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/nightly-schedule-a1b2c3d",
		"taskRoleArn": "arn:aws:iam::123456789012:role/nightly-task-role",
	} {
		if out[k] != want {
			t.Errorf("output %s = %v, want %q", k, out[k], want)
		}
	}
}

// Fact (BRIEF fact 15; ECS API reference, CapacityProviderStrategyItem;
// https://github.com/aws/containers-roadmap/issues/2532, where an ECS
// team member confirms Scheduler passes the strategy on to RunTask):
// Scheduler takes a Fargate Spot strategy. That FARGATE_SPOT in
// particular works through Scheduler is an inference, not documented.
func TestFactScheduleTakesFargateSpotStrategy(t *testing.T) {
	r := baseJob()
	r.job.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{
		{Provider: cluster.ProviderFargateSpot, Weight: 3},
		{Provider: cluster.ProviderFargate, Weight: 1, Base: 1},
	}
	m, _ := r.mustRun(t)
	s := get(t, m, tSchedule, jobName+"-schedule")
	expect(t, s, "target.ecsParameters.capacityProviderStrategies", []any{
		map[string]any{"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0},
		map[string]any{"capacityProvider": "FARGATE", "weight": 1, "base": 1},
	})
}

// The tasks' own group admits nothing: a job takes no inbound traffic,
// and the group's only rules are its HTTPS egress to the network's
// endpoints and the S3 prefix list (BRIEF fact 11).
func TestScheduledJobTaskGroupHasNoIngress(t *testing.T) {
	m, _ := baseJob().mustRun(t)
	sg := get(t, m, tSG, jobName+"-task-sg")
	if v := in(sg, "ingress"); v != nil {
		if l, ok := v.([]any); !ok || len(l) > 0 {
			t.Errorf("%s: inline ingress = %v, want none", sg.URN, v)
		}
	}
	for _, r := range m.ByType(tIngress) {
		if in(r, "securityGroupId") == sg.ID {
			t.Errorf("%s: ingress rule on the job's task group, want none", r.URN)
		}
	}
	var egress []string
	for _, r := range m.ByType(tEgress) {
		if in(r, "securityGroupId") != sg.ID {
			continue
		}
		if in(r, "fromPort") != 443.0 || in(r, "toPort") != 443.0 {
			t.Errorf("%s: egress ports %v-%v, want 443 only", r.URN, in(r, "fromPort"), in(r, "toPort"))
		}
		peer := in(r, "referencedSecurityGroupId")
		if peer == nil {
			peer = in(r, "prefixListId")
		}
		egress = append(egress, fmt.Sprint(peer))
	}
	slices.Sort(egress)
	if want := []string{"main-endpoint-sg_id", "pl-s3"}; !slices.Equal(egress, want) {
		t.Errorf("task group egress peers = %v, want %v", egress, want)
	}
}

// With shared endpoint access the tasks join the network's
// endpoint-clients group, which the schedule passes beside their own and
// the extra groups, in that order.
func TestScheduledJobJoinsEndpointClientsAndExtraGroups(t *testing.T) {
	r := baseJob()
	r.network.SharedEndpointAccess = true
	r.job.ExtraSecurityGroupIds = pulumi.StringArray{pulumi.String("sg-0db")}
	m, _ := r.mustRun(t)
	s := get(t, m, tSchedule, jobName+"-schedule")
	clients := ""
	for _, g := range m.ByType(tSG) {
		if strings.Contains(g.Name, "endpoint-clients") {
			clients = g.ID
		}
	}
	if clients == "" {
		t.Fatal("the network made no endpoint-clients group")
	}
	expect(t, s, "target.ecsParameters.networkConfiguration.securityGroups", []any{"nightly-task-sg_id", clients, "sg-0db"})
}

// Fact (facts 14a and 14b; Scheduler user guide, "Set up the execution
// role", https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role,
// and "Cross-service confused deputy prevention"; RunTask API reference,
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html;
// ECS developer guide, CWE_IAM_role and supported-iam-actions-tagging;
// Scheduler user guide, configuring-schedule-dlq): Scheduler's role is
// trusted by scheduler.amazonaws.com for the job's schedule group and
// account only; it may run every revision of the job's family
// (task-definition/<family>:*) in the job's cluster only, pass the task's
// two roles to ECS tasks only, tag the tasks RunTask creates, and send to
// the dead-letter queue. Nothing else.
func TestFactSchedulerRoleRunsOnlyTheJobTask(t *testing.T) {
	m, _ := baseJob().mustRun(t)
	cl := clusterArn(t, m)
	role := get(t, m, tRole, jobName+"-scheduler-role")
	sameJSON(t, role.URN+" assumeRolePolicy", inputString(t, role, "assumeRolePolicy"), `{
		"Version": "2012-10-17",
		"Statement": [{
			"Effect": "Allow",
			"Principal": {"Service": "scheduler.amazonaws.com"},
			"Action": ["sts:AssumeRole"],
			"Condition": {"StringEquals": {
				"aws:SourceAccount": "123456789012",
				"aws:SourceArn": "`+jobGroupArn+`"
			}}
		}]
	}`)
	policy := get(t, m, tRolePolicy, jobName+"-scheduler-policy")
	sameJSON(t, policy.URN+" policy", inputString(t, policy, "policy"), `{
		"Version": "2012-10-17",
		"Statement": [
			{"Sid": "RunJobTask", "Effect": "Allow", "Action": ["ecs:RunTask"],
			 "Resource": ["arn:aws:ecs:us-east-1:123456789012:task-definition/nightly:*"],
			 "Condition": {"ArnEquals": {"ecs:cluster": "`+cl+`"}}},
			{"Sid": "PassTaskRoles", "Effect": "Allow", "Action": ["iam:PassRole"],
			 "Resource": ["arn:aws:iam::123456789012:role/nightly-execution-role", "arn:aws:iam::123456789012:role/nightly-task-role"],
			 "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
			{"Sid": "TagJobTasks", "Effect": "Allow", "Action": ["ecs:TagResource"],
			 "Resource": ["`+strings.Replace(cl, ":cluster/", ":task/", 1)+`/*"],
			 "Condition": {"StringEquals": {"ecs:CreateAction": "RunTask"}}},
			{"Sid": "SendToDeadLetterQueue", "Effect": "Allow", "Action": ["sqs:SendMessage"],
			 "Resource": ["`+jobQueueArn+`"]}
		]
	}`)
	// The schedule must not fire before its role may act.
	s := get(t, m, tSchedule, jobName+"-schedule")
	if !slices.Contains(s.Dependencies, policy.URN) {
		t.Errorf("%s does not depend on %s", s.URN, policy.URN)
	}
}

// Fact (fact 14b; ECS developer guide, "Grant permission to tag resources
// on creation"): ecs:TagResource is needed only when RunTask applies tags,
// so without propagated tags the role has no such grant, and the schedule
// asks for none.
func TestFactSchedulerRoleTagsOnlyWhenTagsPropagate(t *testing.T) {
	r := baseJob()
	off := false
	r.job.PropagateTags = &off
	m, _ := r.mustRun(t)
	policy := get(t, m, tRolePolicy, jobName+"-scheduler-policy")
	if p := inputString(t, policy, "policy"); strings.Contains(p, "ecs:TagResource") {
		t.Errorf("%s: policy grants ecs:TagResource without propagated tags: %s", policy.URN, p)
	}
	s := get(t, m, tSchedule, jobName+"-schedule")
	for _, k := range []string{"propagateTags", "enableEcsManagedTags"} {
		if v := in(s, "target.ecsParameters."+k); v != nil && v != false {
			t.Errorf("%s: ecsParameters.%s = %v, want unset", s.URN, k, v)
		}
	}
}

// Fact (fact 18; Scheduler user guide, configuring-schedule-dlq,
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html;
// SQS CreateQueue, MessageRetentionPeriod at most 1,209,600 seconds):
// the job's dead-letter queue is a standard queue ("EventBridge Scheduler
// does not support using a FIFO queue"), encrypted, keeping a message the
// 14 days SQS allows at most.
func TestFactDeadLetterQueueIsStandardAndEncrypted(t *testing.T) {
	m, _ := baseJob().mustRun(t)
	q := get(t, m, tQueue, jobName+"-dlq")
	if v := in(q, "fifoQueue"); v != nil && v != false {
		t.Errorf("%s: fifoQueue = %v, want a standard queue", q.URN, v)
	}
	expect(t, q, "sqsManagedSseEnabled", true)
	expect(t, q, "messageRetentionSeconds", 1209600)
}

// With the job's key, the created queue is encrypted with it, and
// Scheduler's role may use the key to send to it (SQS encrypts with a data
// key the producer generates; fact 18 infers the same for Scheduler).
func TestScheduledJobKeyEncryptsDeadLetterQueue(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	r := baseJob()
	r.job.KmsKeyArn = pulumi.String(key)
	m, _ := r.mustRun(t)
	q := get(t, m, tQueue, jobName+"-dlq")
	expect(t, q, "kmsMasterKeyId", key)
	policy := get(t, m, tRolePolicy, jobName+"-scheduler-policy")
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(inputString(t, policy, "policy")), &doc); err != nil {
		t.Fatal(err)
	}
	last := doc.Statement[len(doc.Statement)-1]
	want := map[string]any{"Sid": "EncryptDeadLetters", "Effect": "Allow", "Action": []any{"kms:Decrypt", "kms:GenerateDataKey"}, "Resource": []any{key}}
	if diff := cmp.Diff(want, last); diff != "" {
		t.Errorf("%s: last statement (-want +got):\n%s", policy.URN, diff)
	}
}

// An adopted queue is used as it is: nothing is created, and the role
// may send to that queue.
func TestScheduledJobAdoptsDeadLetterQueue(t *testing.T) {
	const arn = "arn:aws:sqs:us-east-1:123456789012:shared-dlq"
	r := baseJob()
	r.job.DeadLetterQueue.Arn = pulumi.String(arn)
	m, out := r.mustRun(t)
	if q := m.ByType(tQueue); len(q) != 0 {
		t.Errorf("created %d queues with an adopted one", len(q))
	}
	expect(t, get(t, m, tSchedule, jobName+"-schedule"), "target.deadLetterConfig.arn", arn)
	if out["deadLetterQueueArn"] != arn {
		t.Errorf("output deadLetterQueueArn = %v, want %s", out["deadLetterQueueArn"], arn)
	}
	if p := inputString(t, get(t, m, tRolePolicy, jobName+"-scheduler-policy"), "policy"); !strings.Contains(p, `"Resource":["`+arn+`"]`) {
		t.Errorf("scheduler policy does not name the adopted queue: %s", p)
	}
}

// Fact (facts 16a-b; Step Functions developer guide, "Run Amazon ECS or
// Fargate tasks with Step Functions",
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html,
// and "Run a Job (.sync)",
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html):
// ECS has no task timeout, and Step Functions documents stopping an ECS
// task only when its runTask.sync state is aborted, as when another branch
// of a Parallel state fails. So a Timeout runs the task in one branch and
// a Wait of Timeout seconds then a Fail in the other; the task's own end
// fails its branch with an error the Catch turns into success. The
// schedule targets the state machine instead of the cluster.
func TestFactTimeoutRunsTaskBesideDeadlineBranch(t *testing.T) {
	r := baseJob()
	r.job.Timeout = 1800
	m, out := r.mustRun(t)
	cl := clusterArn(t, m)
	sm := get(t, m, tStateMachine, jobName+"-state-machine")
	expect(t, sm, "type", "STANDARD")
	sameJSON(t, sm.URN+" definition", inputString(t, sm, "definition"), `{
		"Comment": "Runs the job's task and stops it after 1800 seconds",
		"StartAt": "RunWithDeadline",
		"TimeoutSeconds": 2100,
		"States": {
			"RunWithDeadline": {
				"Type": "Parallel",
				"Branches": [
					{"StartAt": "RunTask", "States": {
						"RunTask": {
							"Type": "Task",
							"Resource": "arn:aws:states:::ecs:runTask.sync",
							"Parameters": {
								"Cluster": "`+cl+`",
								"TaskDefinition": "`+jobTaskDef+`",
								"CapacityProviderStrategy": [{"CapacityProvider": "FARGATE", "Weight": 1, "Base": 0}],
								"NetworkConfiguration": {"AwsvpcConfiguration": {
									"Subnets": ["`+strings.Join(privateSubnets(m), `","`)+`"],
									"SecurityGroups": ["nightly-task-sg_id"],
									"AssignPublicIp": "DISABLED"
								}},
								"PlatformVersion": "LATEST",
								"EnableExecuteCommand": false,
								"PropagateTags": "TASK_DEFINITION",
								"EnableECSManagedTags": true
							},
							"Next": "TaskStopped"
						},
						"TaskStopped": {"Type": "Fail", "Error": "Job.TaskStopped", "Cause": "The task stopped before the deadline; this ends the deadline branch."}
					}},
					{"StartAt": "Deadline", "States": {
						"Deadline": {"Type": "Wait", "Seconds": 1800, "Next": "TimedOut"},
						"TimedOut": {"Type": "Fail", "Error": "Job.TimedOut", "Cause": "The task ran for 1800 seconds, the job's timeout; Step Functions stops it."}
					}}
				],
				"Catch": [{"ErrorEquals": ["Job.TaskStopped"], "Next": "Succeeded"}],
				"End": true
			},
			"Succeeded": {"Type": "Succeed"}
		}
	}`)
	s := get(t, m, tSchedule, jobName+"-schedule")
	expect(t, s, "target.arn", jobMachine)
	if v := in(s, "target.ecsParameters"); v != nil {
		t.Errorf("%s: ecsParameters = %v, want none when the state machine runs the task", s.URN, v)
	}
	if out["stateMachineArn"] != jobMachine {
		t.Errorf("output stateMachineArn = %v, want %s", out["stateMachineArn"], jobMachine)
	}
}

// Fact (fact 16b; Step Functions developer guide, "IAM policies for
// Amazon ECS/AWS Fargate", Run a Job (.sync),
// https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html):
// the state machine's role needs ecs:RunTask on the task definition,
// ecs:StopTask and ecs:DescribeTasks (the page grants "*" because the
// task's ID is unknown; both take a task ARN, task/<cluster>/*, per the
// Service Authorization Reference for ECS), events:PutTargets, PutRule and
// DescribeRule on rule/StepFunctionsGetEventsForECSTaskRule, and
// iam:PassRole on the task's roles. Scheduler's role then only starts the
// state machine and sends to the dead-letter queue.
func TestFactStateMachineRoleHasEcsSyncPermissions(t *testing.T) {
	r := baseJob()
	r.job.Timeout = 1800
	m, _ := r.mustRun(t)
	cl := clusterArn(t, m)
	tasks := strings.Replace(cl, ":cluster/", ":task/", 1) + "/*"
	role := get(t, m, tRole, jobName+"-state-machine-role")
	sameJSON(t, role.URN+" assumeRolePolicy", inputString(t, role, "assumeRolePolicy"), `{
		"Version": "2012-10-17",
		"Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": ["sts:AssumeRole"],
			"Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]
	}`)
	policy := get(t, m, tRolePolicy, jobName+"-state-machine-policy")
	sameJSON(t, policy.URN+" policy", inputString(t, policy, "policy"), `{
		"Version": "2012-10-17",
		"Statement": [
			{"Sid": "RunJobTask", "Effect": "Allow", "Action": ["ecs:RunTask"],
			 "Resource": ["arn:aws:ecs:us-east-1:123456789012:task-definition/nightly:*"],
			 "Condition": {"ArnEquals": {"ecs:cluster": "`+cl+`"}}},
			{"Sid": "PassTaskRoles", "Effect": "Allow", "Action": ["iam:PassRole"],
			 "Resource": ["arn:aws:iam::123456789012:role/nightly-execution-role", "arn:aws:iam::123456789012:role/nightly-task-role"],
			 "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
			{"Sid": "TagJobTasks", "Effect": "Allow", "Action": ["ecs:TagResource"], "Resource": ["`+tasks+`"],
			 "Condition": {"StringEquals": {"ecs:CreateAction": "RunTask"}}},
			{"Sid": "WatchAndStopJobTasks", "Effect": "Allow", "Action": ["ecs:DescribeTasks", "ecs:StopTask"], "Resource": ["`+tasks+`"]},
			{"Sid": "TaskStoppedEvents", "Effect": "Allow", "Action": ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
			 "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"]}
		]
	}`)
	sm := get(t, m, tStateMachine, jobName+"-state-machine")
	if !slices.Contains(sm.Dependencies, policy.URN) {
		t.Errorf("%s does not depend on %s", sm.URN, policy.URN)
	}
	sched := get(t, m, tRolePolicy, jobName+"-scheduler-policy")
	sameJSON(t, sched.URN+" policy", inputString(t, sched, "policy"), `{
		"Version": "2012-10-17",
		"Statement": [
			{"Sid": "StartJobExecution", "Effect": "Allow", "Action": ["states:StartExecution"], "Resource": ["`+jobMachine+`"]},
			{"Sid": "SendToDeadLetterQueue", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": ["`+jobQueueArn+`"]}
		]
	}`)
}

// alarmsByName are the job's alarms, by the suffix after <name>-alarm-.
func alarmsByName(m *awsmock.Mocks) map[string]*awsmock.Resource {
	out := map[string]*awsmock.Resource{}
	for _, r := range m.ByType(tAlarm) {
		out[strings.TrimPrefix(r.Name, jobName+"-alarm-")] = r
	}
	return out
}

// Fact (fact 17a; Scheduler user guide, "Monitoring EventBridge Scheduler
// with Amazon CloudWatch",
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html):
// Scheduler's metrics are in AWS/Scheduler with the dimension
// ScheduleGroup; the job alarms on any target error, dropped run, or run
// that could not reach the dead-letter queue, in its own group, and on
// any message in the queue (AWS/SQS, QueueName).
func TestFactJobAlarmsReadSchedulerMetricsByGroup(t *testing.T) {
	r := baseJob()
	r.job.Alarms = &service.JobAlarmArgs{}
	m, out := r.mustRun(t)
	group := map[string]any{"ScheduleGroup": "nightly-schedules-a1b2c3d"}
	want := map[string]struct {
		namespace, metric, stat, comparison string
		threshold                           float64
		dims                                map[string]any
	}{
		"schedule-target-errors": {"AWS/Scheduler", "TargetErrorCount", "Sum", "GreaterThanOrEqualToThreshold", 1, group},
		"schedule-dropped":       {"AWS/Scheduler", "InvocationDroppedCount", "Sum", "GreaterThanOrEqualToThreshold", 1, group},
		"schedule-dlq-failed":    {"AWS/Scheduler", "InvocationsFailedToBeSentToDeadLetterCount", "Sum", "GreaterThanOrEqualToThreshold", 1, group},
		"dlq-messages":           {"AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "GreaterThanThreshold", 0, map[string]any{"QueueName": "nightly-dlq-a1b2c3d"}},
	}
	got := alarmsByName(m)
	if len(got) != len(want) {
		t.Errorf("alarms = %v, want %d", slices.Sorted(mapKeys(got)), len(want))
	}
	topic := get(t, m, tTopic, jobName+"-alarms")
	for name, w := range want {
		a, ok := got[name]
		if !ok {
			t.Errorf("no alarm %s", name)
			continue
		}
		expect(t, a, "namespace", w.namespace)
		expect(t, a, "metricName", w.metric)
		expect(t, a, "statistic", w.stat)
		expect(t, a, "comparisonOperator", w.comparison)
		expect(t, a, "threshold", w.threshold)
		expect(t, a, "dimensions", w.dims)
		expect(t, a, "period", 60)
		expect(t, a, "evaluationPeriods", 1)
		expect(t, a, "treatMissingData", "notBreaching")
		expect(t, a, "alarmActions", []any{topic.Outputs["arn"].StringValue()})
	}
	if out["alarmTopicArn"] != topic.Outputs["arn"].StringValue() {
		t.Errorf("output alarmTopicArn = %v, want the topic's ARN", out["alarmTopicArn"])
	}
}

// With a timeout, the job also alarms on the state machine's failed and
// timed-out executions (AWS/States, StateMachineArn), which count the
// runs the container failed, ECS could not place, or the deadline ended.
func TestScheduledJobTimeoutAlarmsOnExecutions(t *testing.T) {
	r := baseJob()
	r.job.Timeout = 600
	r.job.Alarms = &service.JobAlarmArgs{}
	m, _ := r.mustRun(t)
	got := alarmsByName(m)
	for name, metric := range map[string]string{"executions-failed": "ExecutionsFailed", "executions-timed-out": "ExecutionsTimedOut"} {
		a, ok := got[name]
		if !ok {
			t.Errorf("no alarm %s", name)
			continue
		}
		expect(t, a, "namespace", "AWS/States")
		expect(t, a, "metricName", metric)
		expect(t, a, "dimensions", map[string]any{"StateMachineArn": jobMachine})
		expect(t, a, "threshold", 1)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Facts (internal/schedule's tests hold their sources): the job refuses,
// by field and all at once, before anything is registered, an expression
// or time zone Scheduler does not take, a retry policy out of the API's
// ranges (RetryPolicy: 60-86400 seconds, 0-185 attempts), a FIFO
// dead-letter queue (fact 18) or one of another region (the job's alarm
// watches its own region), a timeout at or above the schedule's shortest
// period (a run would overlap the next) or above a Standard execution's
// one year (Step Functions service quotas), and a container port (a job
// takes no traffic).
func TestScheduledJobRefusals(t *testing.T) {
	tests := []struct {
		name      string
		give      func(*jobRig)
		wantField string
		wantText  string
	}{
		{"expression", func(r *jobRig) { r.job.Schedule = "cron(0 9 * * *)" }, "Schedule", "needs six"},
		{"empty expression", func(r *jobRig) { r.job.Schedule = "" }, "Schedule", "empty"},
		{"time zone", func(r *jobRig) { r.job.Timezone = "Mars/Olympus" }, "Timezone", "IANA"},
		{"timeout at the rate", func(r *jobRig) { r.job.Schedule, r.job.Timeout = "rate(1 hour)", 3600 }, "Timeout", "not below 1h0m0s"},
		{"timeout over the spring-forward gap", func(r *jobRig) {
			// 01:00 and 03:00 in New York are an hour apart the day 02:00
			// is skipped, two hours apart the other days.
			r.job.Schedule, r.job.Timezone, r.job.Timeout = "cron(0 1,3 * * ? *)", "America/New_York", 5400
		}, "Timeout", "not below 1h0m0s"},
		{"timeout above a year", func(r *jobRig) {
			r.job.Schedule, r.job.Timeout = "at(2031-01-01T00:00:00)", service.MaxJobTimeoutSeconds+1
		}, "Timeout", "out of range"},
		{"negative timeout", func(r *jobRig) { r.job.Timeout = -1 }, "Timeout", "out of range"},
		{"event age", func(r *jobRig) { r.job.Retry.MaximumEventAgeInSeconds = 30 }, "Retry.MaximumEventAgeInSeconds", "60 to 86400"},
		{"attempts", func(r *jobRig) { n := 186; r.job.Retry.MaximumRetryAttempts = &n }, "Retry.MaximumRetryAttempts", "0 to 185"},
		{"dead-letter queue of another region", func(r *jobRig) {
			r.job.DeadLetterQueue.Arn = pulumi.String("arn:aws:sqs:eu-west-1:123456789012:jobs-dlq")
		}, "DeadLetterQueue.Arn", "region eu-west-1"},
		{"FIFO dead-letter queue", func(r *jobRig) {
			r.job.DeadLetterQueue.Arn = pulumi.String("arn:aws:sqs:us-east-1:123456789012:jobs.fifo")
		}, "DeadLetterQueue.Arn", "FIFO"},
		{"retention with an adopted queue", func(r *jobRig) {
			r.job.DeadLetterQueue = service.JobDeadLetterQueue{Arn: pulumi.String("arn:aws:sqs:us-east-1:123456789012:jobs-dlq"), RetentionSeconds: 3600}
		}, "DeadLetterQueue.RetentionSeconds", "remove one"},
		{"retention", func(r *jobRig) { r.job.DeadLetterQueue.RetentionSeconds = 30 }, "DeadLetterQueue.RetentionSeconds", "60 to 1209600"},
		{"port", func(r *jobRig) { r.job.Container.Port = 8080 }, "Container.Port", "takes no inbound traffic"},
		{"exec without the cluster's", func(r *jobRig) { r.job.EnableExecuteCommand = true }, "EnableExecuteCommand", "set Exec on the cluster"},
		{"strategy", func(r *jobRig) {
			r.job.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargate, Weight: 0}}
		}, "CapacityProviderStrategy", "weight"},
	}
	for _, tt := range tests {
		for _, validate := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/validate=%v", tt.name, validate), func(t *testing.T) {
				r := baseJob()
				tt.give(&r)
				r.validateOnly = validate
				m, _, err := r.run(t)
				var ve *check.ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("err = %v, want a *ValidationError", err)
				}
				if ve.Piece != "ScheduledJob" {
					t.Errorf("Piece = %q, want ScheduledJob", ve.Piece)
				}
				found := false
				for _, p := range ve.Problems {
					if p.Field == tt.wantField && strings.Contains(p.Problem, tt.wantText) {
						found = true
					}
				}
				if !found {
					t.Errorf("problems = %v, want one for %s containing %q", ve.Problems, tt.wantField, tt.wantText)
				}
				for _, res := range m.Resources() {
					if res.Type == service.ScheduledJobType || strings.HasPrefix(res.Name, jobName) {
						t.Errorf("registered %s before refusing", res.URN)
					}
				}
			})
		}
	}
}

// Every problem comes back at once.
func TestScheduledJobRefusesEveryProblemAtOnce(t *testing.T) {
	r := baseJob()
	r.job.Schedule, r.job.Timezone, r.job.Container.Port = "rate(0 minutes)", "Nowhere/Land", 80
	_, _, err := r.run(t)
	var ve *check.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	for _, want := range []string{"Schedule", "Timezone", "Container.Port"} {
		if !slices.Contains(fields, want) {
			t.Errorf("fields = %v, want %s among them", fields, want)
		}
	}
}

// A job on EC2 capacity runs on the group's provider, with no platform
// version (ECS takes one on Fargate only); bridge networking is refused,
// since the tasks need a group of their own.
func TestScheduledJobOnEc2Group(t *testing.T) {
	r := baseJob()
	off := false
	r.cluster = cluster.ClusterArgs{Fargate: &off, Ec2: []cluster.Ec2CapacityArgs{{Name: "batch", InstanceTypes: []string{"m6i.large"}}}}
	r.network.Features = map[string]network.EndpointFeatures{"nightly": {}, "apps": {Ec2: true}}
	r.job.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "batch", Weight: 1}}
	m, _, err := r.run(t)
	if err != nil {
		t.Fatalf("NewScheduledJob: %v", err)
	}
	s := get(t, m, tSchedule, jobName+"-schedule")
	if v := in(s, "target.ecsParameters.platformVersion"); v != nil {
		t.Errorf("%s: platformVersion = %v on EC2, want none", s.URN, v)
	}
	strategy, _ := in(s, "target.ecsParameters.capacityProviderStrategies").([]any)
	if len(strategy) != 1 || strategy[0].(map[string]any)["capacityProvider"] == "FARGATE" {
		t.Errorf("%s: strategy = %v, want the batch group's provider", s.URN, strategy)
	}

	r.cluster.Ec2[0].NetworkMode = cluster.NetworkBridge
	_, _, err = r.run(t)
	if err == nil || !strings.Contains(err.Error(), "CapacityProviderStrategy: the ") || !strings.Contains(err.Error(), "bridge networking") {
		t.Errorf("bridge group: err = %v, want a CapacityProviderStrategy refusal", err)
	}
}

// NextRuns lists a schedule's next runs in its time zone for the plan.
func TestScheduledJobNextRuns(t *testing.T) {
	a := service.ScheduledJobArgs{Schedule: "cron(30 2 * * ? *)", Timezone: "Europe/Paris"}
	from := time.Date(2024, 3, 30, 12, 0, 0, 0, time.UTC)
	got, err := a.NextRuns(from, 3)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, r := range got {
		s = append(s, r.UTC().Format(time.RFC3339))
	}
	// 02:30 does not exist in Paris on 31 March 2024 (clocks go from 02:00
	// to 03:00), so that day has no run.
	want := []string{"2024-04-01T00:30:00Z", "2024-04-02T00:30:00Z", "2024-04-03T00:30:00Z"}
	if !slices.Equal(s, want) {
		t.Errorf("NextRuns = %v, want %v", s, want)
	}
	if _, err := (service.ScheduledJobArgs{Schedule: "every day"}).NextRuns(from, 1); err == nil || !strings.Contains(err.Error(), "Schedule:") {
		t.Errorf("NextRuns of an invalid expression: err = %v, want one naming Schedule", err)
	}
}

// A run starts one task and no deployment ever replaces it, so a job fits
// an EC2 group with room for exactly one task: a service of the same size
// would be refused there, for the second task its deployment starts.
func TestScheduledJobNeedsRoomForOneTaskOnly(t *testing.T) {
	r := baseJob()
	off := false
	r.cluster = cluster.ClusterArgs{Fargate: &off, Ec2: []cluster.Ec2CapacityArgs{{Name: "batch", InstanceTypes: []string{"m6i.large"}, MaxSize: 1}}}
	r.network.Features = map[string]network.EndpointFeatures{"nightly": {}, "apps": {Ec2: true}}
	r.job.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "batch", Weight: 1}}
	r.job.Task = service.TaskArgs{Cpu: 1024, Memory: 6000}
	if _, _, err := r.run(t); err != nil {
		t.Fatalf("a job with room for its one task was refused: %v", err)
	}
	// The same task as an ECS service needs room for two.
	m := awsmock.New(testRegion)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, err := network.NewNetwork(ctx, "main", &r.network)
		if err != nil {
			return err
		}
		r.cluster.Network = n
		c, err := cluster.NewCluster(ctx, "apps", &r.cluster)
		if err != nil {
			return err
		}
		_, err = service.NewWorkerService(ctx, "nightly", &service.WorkerServiceArgs{Network: n, Cluster: c,
			Container: r.job.Container, Task: r.job.Task,
			Service: service.ServiceArgs{CapacityProviderStrategy: r.job.CapacityProviderStrategy}})
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	if err == nil || !strings.Contains(err.Error(), "MaximumPercent 200 runs 2") {
		t.Fatalf("a service of the same size: err = %v, want its deployment's second task refused", err)
	}
}
