package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/scheduler"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sfn"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ScheduledJobType is the ScheduledJob component's type token.
const ScheduledJobType = "private-fargate:index:ScheduledJob"

// ScheduledJob is a task that EventBridge Scheduler runs on a schedule,
// in the network's private subnets, on a shared Cluster: its task
// security group (no ingress; egress to the network's endpoints only),
// ECR repository and image, log group, roles and task definition, a
// schedule group of its own with one schedule in it, the role Scheduler
// runs as, a dead-letter queue, and optionally a Step Functions state
// machine that enforces a timeout, and alarms.
type ScheduledJob struct {
	pulumi.ResourceState

	// ScheduleArn is the schedule's ARN.
	ScheduleArn pulumi.StringOutput `pulumi:"scheduleArn"`
	// ScheduleGroupName is the job's schedule group, the ScheduleGroup
	// dimension of its AWS/Scheduler metrics.
	ScheduleGroupName pulumi.StringOutput `pulumi:"scheduleGroupName"`
	// TaskDefinitionArn is the task definition's ARN.
	TaskDefinitionArn pulumi.StringOutput `pulumi:"taskDefinitionArn"`
	// TaskSecurityGroupId is the tasks' own security group.
	TaskSecurityGroupId pulumi.StringOutput `pulumi:"taskSecurityGroupId"`
	// TaskRoleArn is the job's own role.
	TaskRoleArn pulumi.StringOutput `pulumi:"taskRoleArn"`
	// LogGroupName is the container log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// RepositoryUrl is the ECR repository's URL.
	RepositoryUrl pulumi.StringOutput `pulumi:"repositoryUrl"`
	// DeadLetterQueueArn is the schedule's dead-letter queue, created or
	// adopted.
	DeadLetterQueueArn pulumi.StringOutput `pulumi:"deadLetterQueueArn"`
	// StateMachineArn is the state machine that runs the task with its
	// timeout; empty without a Timeout.
	StateMachineArn pulumi.StringOutput `pulumi:"stateMachineArn"`
	// AlarmTopicArn is the SNS topic the alarms notify; empty without
	// Alarms.
	AlarmTopicArn pulumi.StringOutput `pulumi:"alarmTopicArn"`
}

// ValidateScheduledJob checks args as NewScheduledJob does and registers
// nothing: a *ValidationError lists every problem. A program with several
// jobs or services calls it for each before it creates anything.
func ValidateScheduledJob(ctx *pulumi.Context, name string, args *ScheduledJobArgs, opts ...pulumi.ResourceOption) error {
	if args == nil {
		args = &ScheduledJobArgs{}
	}
	_, _, _, err := checkScheduledJob(name, *args)
	return err
}

// NewScheduledJob checks args against themselves and against the network
// and cluster contracts, then creates the job. On invalid args it returns
// a *ValidationError and registers nothing.
func NewScheduledJob(ctx *pulumi.Context, name string, args *ScheduledJobArgs, opts ...pulumi.ResourceOption) (*ScheduledJob, error) {
	if args == nil {
		args = &ScheduledJobArgs{}
	}
	return NewScheduledJobIn(ctx, name, *args, nil, opts...)
}

// NewScheduledJobIn is NewScheduledJob for a job built inside a composite
// (in), which names its problems, before anything registers and at
// deploy time, by the composite's own fields; nil in is NewScheduledJob.
func NewScheduledJobIn(ctx *pulumi.Context, name string, args ScheduledJobArgs, in *piece.Within, opts ...pulumi.ResourceOption) (*ScheduledJob, error) {
	a, pa, group, err := checkScheduledJob(name, args)
	if err != nil {
		return nil, in.Refusal(err)
	}
	j := &ScheduledJob{}
	if err := ctx.RegisterComponentResource(ScheduledJobType, name, j, opts...); err != nil {
		return nil, fmt.Errorf("register scheduled job: %w", err)
	}
	// The workload's deploy-time checks name its fields as a service's
	// (Service.ExtraSecurityGroupIds); In maps them to the job's own, and
	// then to the composite's when the job is built inside one.
	f := &piece.Family{Ctx: ctx, Name: name, Parent: j, Tags: a.Tags, Piece: "ScheduledJob", In: jobWithin(in)}
	jp := &jobParts{sp: newPrivateParts(f, pa, group), a: a}
	if _, err := jp.sp.privateGroup("Scheduled job tasks: no ingress, HTTPS out to the VPC endpoints", nil); err != nil {
		return nil, err
	}
	if jp.task, err = jp.sp.buildTask(); err != nil {
		return nil, err
	}
	if err := jp.scheduleGroup(); err != nil {
		return nil, err
	}
	if err := jp.deadLetterQueue(); err != nil {
		return nil, err
	}
	jp.runParameters()
	if a.Timeout > 0 {
		if err := jp.stateMachine(); err != nil {
			return nil, err
		}
	}
	if err := jp.newSchedulerRole(); err != nil {
		return nil, err
	}
	schedule, err := jp.schedule()
	if err != nil {
		return nil, err
	}
	topic, err := jp.alarms()
	if err != nil {
		return nil, err
	}

	j.ScheduleArn = schedule.Arn
	j.ScheduleGroupName = jp.group.Name
	j.TaskDefinitionArn = jp.task.td.Arn
	j.TaskSecurityGroupId = jp.sp.taskSG
	j.TaskRoleArn = jp.task.roles.task.Arn
	j.LogGroupName = jp.task.logs.Name
	j.RepositoryUrl = jp.task.repo.repo.RepositoryUrl
	j.DeadLetterQueueArn = jp.queueArn
	j.StateMachineArn = pulumi.String("").ToStringOutput()
	if jp.machine != nil {
		j.StateMachineArn = jp.machine.Arn
	}
	j.AlarmTopicArn = pulumi.String("").ToStringOutput()
	if a.Alarms != nil {
		j.AlarmTopicArn = topic.arn
	}
	if err := ctx.RegisterResourceOutputs(j, pulumi.Map{
		"scheduleArn":         j.ScheduleArn,
		"scheduleGroupName":   j.ScheduleGroupName,
		"taskDefinitionArn":   j.TaskDefinitionArn,
		"taskSecurityGroupId": j.TaskSecurityGroupId,
		"taskRoleArn":         j.TaskRoleArn,
		"logGroupName":        j.LogGroupName,
		"repositoryUrl":       j.RepositoryUrl,
		"deadLetterQueueArn":  j.DeadLetterQueueArn,
		"stateMachineArn":     j.StateMachineArn,
		"alarmTopicArn":       j.AlarmTopicArn,
	}); err != nil {
		return nil, fmt.Errorf("register scheduled job outputs: %w", err)
	}
	return j, nil
}

// jobParts are what the job's steps hand each other.
type jobParts struct {
	sp    *serviceParts
	a     ScheduledJobArgs
	task  *builtTask
	group *scheduler.ScheduleGroup
	// queueArn is the dead-letter queue's ARN, created or adopted (and
	// then checked); queueName is its name; queueKey is the key that
	// encrypts a created queue, "" for SQS-managed encryption.
	queueArn, queueName, queueKey pulumi.StringOutput
	// run are RunTask's parameters (a runTaskParameters), resolved
	// together.
	run pulumi.AnyOutput
	// machine is the timeout's state machine, or nil.
	machine *sfn.StateMachine
	// schedulerRole is the role Scheduler runs as; schedulerPolicy must
	// exist before the schedule first fires.
	schedulerRole   *iam.Role
	schedulerPolicy *iam.RolePolicy
}

// fargate tells whether the job runs on Fargate (or Fargate Spot): only
// there does RunTask take a platform version.
func (jp *jobParts) fargate() bool { return jp.sp.group == nil }

// tagTasks tells whether RunTask propagates the task definition's tags.
func (jp *jobParts) tagTasks() bool { return *jp.a.PropagateTags }

// taskRoles are the two roles RunTask passes to ECS.
func (jp *jobParts) taskRoles() pulumi.StringArrayOutput {
	r := jp.task.roles
	return pulumi.ToStringArrayOutput([]pulumi.StringOutput{r.task.Arn, r.execution.Arn})
}

// scheduleGroup creates the job's own schedule group: the role's trust
// names it, and the alarms read its metrics.
func (jp *jobParts) scheduleGroup() error {
	f := jp.sp.f
	name := f.Name + "-schedules"
	g, err := scheduler.NewScheduleGroup(f.Ctx, name, &scheduler.ScheduleGroupArgs{Tags: f.TagsFor(name)}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create schedule group: %w", err)
	}
	jp.group = g
	return nil
}

// deadLetterQueue creates the standard queue Scheduler sends a run it
// gave up on to, encrypted with the job's key or SQS's, or checks the
// adopted one.
func (jp *jobParts) deadLetterQueue() error {
	f, d := jp.sp.f, jp.a.DeadLetterQueue
	jp.queueKey = pulumi.String("").ToStringOutput()
	if d.Arn != nil {
		jp.queueArn = check.CheckedString(f.PieceName(), f.Field("DeadLetterQueue.Arn"), d.Arn, deadLetterRule(jp.sp.n.Region))
		jp.queueName = jp.queueArn.ApplyT(func(arn string) string { return arnField(arn, 5) }).(pulumi.StringOutput)
		return nil
	}
	name := f.Name + "-dlq"
	args := &sqs.QueueArgs{
		MessageRetentionSeconds: pulumi.Int(d.RetentionSeconds),
		Tags:                    f.TagsFor(name),
	}
	if jp.sp.w.KmsKeyArn != nil {
		args.KmsMasterKeyId = jp.sp.in.kmsKey
		jp.queueKey = jp.sp.in.kmsKey
	} else {
		args.SqsManagedSseEnabled = pulumi.Bool(true)
	}
	q, err := sqs.NewQueue(f.Ctx, name, args, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create dead-letter queue: %w", err)
	}
	jp.queueArn, jp.queueName = q.Arn, q.Name
	return nil
}

// runParameters resolves RunTask's parameters: the task definition, the
// cluster, the strategy's providers, the subnets and the task's groups
// (its own, the endpoint clients' when the network has one, and the
// extra ones).
func (jp *jobParts) runParameters() {
	sp, w := jp.sp, jp.sp.w
	var providers pulumi.StringArray
	for _, item := range w.Service.CapacityProviderStrategy {
		providers = append(providers, sp.c.ProviderName(item))
	}
	own := append(pulumi.StringArray{sp.taskSG}, sp.members...)
	strategy := w.Service.CapacityProviderStrategy
	platform := ""
	if jp.fargate() {
		platform = "LATEST"
	}
	exec, tags := w.Service.EnableExecuteCommand, jp.tagTasks()
	jp.run = pulumi.All(sp.c.Arn, jp.task.td.Arn, providers, sp.n.PrivateSubnetIds, own, sp.in.extraGroups).ApplyT(func(v []any) any {
		p := runTaskParameters{
			ClusterArn: v[0].(string), TaskDefinitionArn: v[1].(string),
			Subnets:         v[3].([]string),
			SecurityGroups:  append(append([]string{}, v[4].([]string)...), v[5].([]string)...),
			PlatformVersion: platform, EnableExecuteCommand: exec, PropagateTags: tags,
		}
		for i, name := range v[2].([]string) {
			p.Strategy = append(p.Strategy, strategyEntry{CapacityProvider: name, Weight: strategy[i].Weight, Base: strategy[i].Base})
		}
		return p
	}).(pulumi.AnyOutput)
}

// grant is the run-task grant of the resolved parameters and roles.
func (jp *jobParts) grant() pulumi.AnyOutput {
	tags := jp.tagTasks()
	return pulumi.All(jp.run, jp.taskRoles()).ApplyT(func(v []any) any {
		p := v[0].(runTaskParameters)
		return runTaskGrant{TaskDefinitionArn: p.TaskDefinitionArn, ClusterArn: p.ClusterArn, PassRoles: v[1].([]string), TagTasks: tags}
	}).(pulumi.AnyOutput)
}

// stateMachine creates the Step Functions state machine that runs the
// task with a deadline (job_timeout.go), and its role.
func (jp *jobParts) stateMachine() error {
	f := jp.sp.f
	partition := jp.sp.n.Partition
	if partition == "" {
		partition = check.Partition(jp.sp.n.Region)
	}
	name := f.Name + "-state-machine-role"
	role, err := iam.NewRole(f.Ctx, name, &iam.RoleArgs{
		Description: pulumi.String("Step Functions runs " + f.Name + "'s task and stops it at its timeout"),
		AssumeRolePolicy: jp.task.td.Arn.ApplyT(func(arn string) string {
			return stateMachineTrustPolicy(arnField(arn, 4))
		}).(pulumi.StringOutput),
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create state machine role: %w", err)
	}
	policy, err := iam.NewRolePolicy(f.Ctx, f.Name+"-state-machine-policy", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: jp.grant().ApplyT(func(g any) string {
			return stateMachinePolicy(g.(runTaskGrant)).JSON()
		}).(pulumi.StringOutput),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create state machine role policy: %w", err)
	}
	timeout := jp.a.Timeout
	name = f.Name + "-state-machine"
	jp.machine, err = sfn.NewStateMachine(f.Ctx, name, &sfn.StateMachineArgs{
		Type:    pulumi.String("STANDARD"),
		RoleArn: role.Arn,
		Definition: jp.run.ApplyT(func(p any) string {
			return timeoutDefinition(p.(runTaskParameters), timeout, partition)
		}).(pulumi.StringOutput),
		Tags: f.TagsFor(name),
	}, f.Opts(pulumi.DependsOn([]pulumi.Resource{policy}))...)
	if err != nil {
		return fmt.Errorf("create state machine: %w", err)
	}
	return nil
}

// newSchedulerRole creates the role Scheduler runs as, trusted by the job's
// schedule group only, and its policy: start the task (or the state
// machine), and send to the dead-letter queue.
func (jp *jobParts) newSchedulerRole() error {
	f := jp.sp.f
	name := f.Name + "-scheduler-role"
	var err error
	jp.schedulerRole, err = iam.NewRole(f.Ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("EventBridge Scheduler starts " + f.Name),
		AssumeRolePolicy: jp.group.Arn.ApplyT(schedulerTrustPolicy).(pulumi.StringOutput),
		Tags:             f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create scheduler role: %w", err)
	}
	var policy pulumi.StringOutput
	if jp.machine != nil {
		policy = pulumi.All(jp.machine.Arn, jp.queueArn, jp.queueKey).ApplyT(func(v []any) string {
			return schedulerStartExecutionPolicy(v[0].(string), v[1].(string), v[2].(string)).JSON()
		}).(pulumi.StringOutput)
	} else {
		policy = pulumi.All(jp.grant(), jp.queueArn, jp.queueKey).ApplyT(func(v []any) string {
			return schedulerRunTaskPolicy(v[0].(runTaskGrant), v[1].(string), v[2].(string)).JSON()
		}).(pulumi.StringOutput)
	}
	jp.schedulerPolicy, err = iam.NewRolePolicy(f.Ctx, f.Name+"-scheduler-policy", &iam.RolePolicyArgs{
		Role:   jp.schedulerRole.ID(),
		Policy: policy,
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create scheduler role policy: %w", err)
	}
	return nil
}

// schedule creates the schedule: the expression in its time zone, no
// flexible window, the retry policy and the dead-letter queue, and as
// target either the cluster with RunTask's parameters or the state
// machine. It waits for everything a run needs: the role's policy, and
// what the task needs at start (the endpoints' rules, the task's roles'
// policies).
func (jp *jobParts) schedule() (*scheduler.Schedule, error) {
	f, a := jp.sp.f, jp.a
	target := &scheduler.ScheduleTargetArgs{
		RoleArn: jp.schedulerRole.Arn,
		RetryPolicy: &scheduler.ScheduleTargetRetryPolicyArgs{
			MaximumEventAgeInSeconds: pulumi.Int(a.Retry.MaximumEventAgeInSeconds),
			MaximumRetryAttempts:     pulumi.Int(*a.Retry.MaximumRetryAttempts),
		},
		DeadLetterConfig: &scheduler.ScheduleTargetDeadLetterConfigArgs{Arn: jp.queueArn},
	}
	if jp.machine != nil {
		target.Arn = jp.machine.Arn
	} else {
		target.Arn = jp.sp.c.Arn
		target.EcsParameters = jp.ecsParameters()
	}
	name := f.Name + "-schedule"
	waitFor := append([]pulumi.Resource{jp.schedulerPolicy}, jp.sp.waitFor...)
	s, err := scheduler.NewSchedule(f.Ctx, name, &scheduler.ScheduleArgs{
		Description:                pulumi.String("Runs " + f.Name + " on " + a.Schedule),
		GroupName:                  jp.group.Name,
		ScheduleExpression:         pulumi.String(a.Schedule),
		ScheduleExpressionTimezone: pulumi.String(a.Timezone),
		FlexibleTimeWindow:         &scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")},
		Target:                     target,
	}, f.Opts(pulumi.DependsOn(waitFor))...)
	if err != nil {
		return nil, fmt.Errorf("create schedule: %w", err)
	}
	return s, nil
}

// ecsParameters are RunTask's parameters as Scheduler's templated ECS
// target takes them: a capacity provider strategy and no launch type
// (RunTask takes one or the other), the private subnets and the task's
// groups with no public IP, LATEST on Fargate, ECS Exec, and the tags.
func (jp *jobParts) ecsParameters() *scheduler.ScheduleTargetEcsParametersArgs {
	sp, w := jp.sp, jp.sp.w
	var strategy scheduler.ScheduleTargetEcsParametersCapacityProviderStrategyArray
	for _, item := range w.Service.CapacityProviderStrategy {
		strategy = append(strategy, &scheduler.ScheduleTargetEcsParametersCapacityProviderStrategyArgs{
			CapacityProvider: sp.c.ProviderName(item),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	groups := jp.run.ApplyT(func(p any) []string { return p.(runTaskParameters).SecurityGroups }).(pulumi.StringArrayOutput)
	params := &scheduler.ScheduleTargetEcsParametersArgs{
		TaskDefinitionArn:          jp.task.td.Arn,
		TaskCount:                  pulumi.Int(1),
		CapacityProviderStrategies: strategy,
		NetworkConfiguration: &scheduler.ScheduleTargetEcsParametersNetworkConfigurationArgs{
			Subnets:        sp.n.PrivateSubnetIds,
			SecurityGroups: groups,
			AssignPublicIp: pulumi.Bool(false),
		},
		EnableExecuteCommand: pulumi.Bool(w.Service.EnableExecuteCommand),
	}
	if jp.fargate() {
		params.PlatformVersion = pulumi.String("LATEST")
	}
	if jp.tagTasks() {
		params.PropagateTags = pulumi.String("TASK_DEFINITION")
		params.EnableEcsManagedTags = pulumi.Bool(true)
	}
	return params
}

// alarms creates the alarm topic (or checks the given one) and the job's
// alarms (JobAlarmArgs).
func (jp *jobParts) alarms() (alarmTopic, error) {
	if jp.a.Alarms == nil {
		return alarmTopic{}, nil
	}
	sp := jp.sp
	topic, err := newAlarmTopic(sp.f, sp.w, sp.in, sp.n.Region)
	if err != nil {
		return topic, err
	}
	var machineArn pulumi.StringOutput
	if jp.machine != nil {
		machineArn = jp.machine.Arn
	}
	for _, spec := range jobAlarms(jp.group.Name, jp.queueName, machineArn, jp.machine != nil) {
		if _, err := newAlarm(sp.f, spec, topic); err != nil {
			return topic, err
		}
	}
	return topic, nil
}

// Namespaces of the job's alarms' metrics.
const (
	namespaceScheduler = "AWS/Scheduler"
	namespaceStates    = "AWS/States"
	namespaceSQS       = "AWS/SQS"
)

// jobAlarms are the job's alarms: one a minute, each on any occurrence.
// Scheduler publishes its metrics per schedule group (Scheduler user
// guide, "Monitoring EventBridge Scheduler with Amazon CloudWatch"), and
// the job's group holds its schedule alone. withMachine adds the state
// machine's.
func jobAlarms(groupName, queueName, machineArn pulumi.StringOutput, withMachine bool) []alarmSpec {
	once := func() AlarmThreshold {
		one := 1.0
		return AlarmThreshold{Threshold: &one, EvaluationPeriods: 1}
	}
	group := pulumi.StringMap{"ScheduleGroup": groupName}
	out := []alarmSpec{
		{
			suffix: "schedule-target-errors", description: "Runs whose RunTask or StartExecution call failed",
			threshold: once(), comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceScheduler, name: "TargetErrorCount", stat: "Sum", dims: group},
		},
		{
			suffix: "schedule-dropped", description: "Runs Scheduler dropped once its retries were spent",
			threshold: once(), comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceScheduler, name: "InvocationDroppedCount", stat: "Sum", dims: group},
		},
		{
			suffix: "schedule-dlq-failed", description: "Dropped runs Scheduler could not send to the dead-letter queue",
			threshold: once(), comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceScheduler, name: "InvocationsFailedToBeSentToDeadLetterCount", stat: "Sum", dims: group},
		},
		{
			suffix: "dlq-messages", description: "Runs waiting in the dead-letter queue",
			threshold:  func() AlarmThreshold { zero := 0.0; return AlarmThreshold{Threshold: &zero, EvaluationPeriods: 1} }(),
			comparison: "GreaterThanThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceSQS, name: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dims: pulumi.StringMap{"QueueName": queueName}},
		},
	}
	if withMachine {
		machine := pulumi.StringMap{"StateMachineArn": machineArn}
		out = append(out,
			alarmSpec{
				suffix: "executions-failed", description: "Runs that failed: the container exited non-zero, ECS could not start the task, or it reached its timeout",
				threshold: once(), comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
				metric: &metricSpec{namespace: namespaceStates, name: "ExecutionsFailed", stat: "Sum", dims: machine},
			},
			alarmSpec{
				suffix: "executions-timed-out", description: "Runs the state machine's backstop timed out: the deadline did not end them",
				threshold: once(), comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching",
				metric: &metricSpec{namespace: namespaceStates, name: "ExecutionsTimedOut", stat: "Sum", dims: machine},
			},
		)
	}
	return out
}
