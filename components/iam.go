package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// logGroup creates the container log group with a retention period, so logs
// are not kept (and billed) forever.
func newLogGroup(f *family, w workload) (*cloudwatch.LogGroup, error) {
	name := f.name + "-logs"
	lg, err := cloudwatch.NewLogGroup(f.ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(w.LogRetentionDays),
		Tags:            f.tagsFor(name),
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create log group: %w", err)
	}
	return lg, nil
}

// roles holds the task's two IAM roles.
type roles struct {
	execution *iam.Role
	// executionPolicy must exist before a task starts, or the first pull
	// fails: the service depends on it.
	executionPolicy *iam.RolePolicy
	task            *iam.Role
	taskPolicies    []pulumi.Resource
}

// roles creates the execution role (used by ECS to pull the image, write
// logs and read secrets) and the task role (the application's identity,
// with only what the user grants).
func newRoles(f *family, w workload, reg *registry, logs *cloudwatch.LogGroup) (*roles, error) {
	out := &roles{}
	name := f.name + "-execution-role"
	var err error
	out.execution, err = iam.NewRole(f.ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("ECS pulls the image, writes logs and reads secrets for " + f.name),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             f.tagsFor(name),
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create execution role: %w", err)
	}
	var secretArns, parameterArns []string
	for _, name := range sortedKeys(w.Container.Secrets) {
		arn := w.Container.Secrets[name]
		switch secretKind(arn) {
		case "secretsmanager":
			secretArns = append(secretArns, secretResourceArn(arn))
		case "ssm":
			parameterArns = append(parameterArns, arn)
		}
	}
	policy := pulumi.All(reg.pullArns.ToStringArrayOutput(), logs.Arn).ApplyT(func(v []any) string {
		return executionPolicy(executionPolicyInput{
			PullArns:      v[0].([]string),
			LogGroupArn:   v[1].(string),
			SecretArns:    secretArns,
			ParameterArns: parameterArns,
		}).JSON()
	}).(pulumi.StringOutput)
	out.executionPolicy, err = iam.NewRolePolicy(f.ctx, f.name+"-execution-policy", &iam.RolePolicyArgs{
		Role:   out.execution.ID(),
		Policy: policy,
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create execution role policy: %w", err)
	}

	name = f.name + "-task-role"
	out.task, err = iam.NewRole(f.ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Application identity of " + f.name),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             f.tagsFor(name),
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task role: %w", err)
	}
	for i, arn := range w.TaskRole.PolicyArns {
		att, err := iam.NewRolePolicyAttachment(f.ctx, fmt.Sprintf("%s-task-policy-%d", f.name, i), &iam.RolePolicyAttachmentArgs{
			Role:      out.task.Name,
			PolicyArn: pulumi.String(arn),
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("attach task policy %d: %w", i, err)
		}
		out.taskPolicies = append(out.taskPolicies, att)
	}
	if len(w.TaskRole.Statements) > 0 {
		pol, err := iam.NewRolePolicy(f.ctx, f.name+"-task-policy", &iam.RolePolicyArgs{
			Role:   out.task.ID(),
			Policy: pulumi.String(taskPolicy(w.TaskRole.Statements).JSON()),
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create task role policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	return out, nil
}
