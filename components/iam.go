package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// logGroup creates the container log group with a retention period, so logs
// are not kept (and billed) forever.
func (b *builder) logGroup() (*cloudwatch.LogGroup, error) {
	name := b.name + "-logs"
	lg, err := cloudwatch.NewLogGroup(b.ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(b.args.LogRetentionDays),
		Tags:            b.tags(name),
	}, b.opts()...)
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
func (b *builder) roles(reg *registry, logs *cloudwatch.LogGroup) (*roles, error) {
	out := &roles{}
	name := b.name + "-execution-role"
	var err error
	out.execution, err = iam.NewRole(b.ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("ECS pulls the image, writes logs and reads secrets for " + b.name),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create execution role: %w", err)
	}
	var secretArns, parameterArns []string
	for _, name := range sortedKeys(b.args.Container.Secrets) {
		arn := b.args.Container.Secrets[name]
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
	out.executionPolicy, err = iam.NewRolePolicy(b.ctx, b.name+"-execution-policy", &iam.RolePolicyArgs{
		Role:   out.execution.ID(),
		Policy: policy,
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create execution role policy: %w", err)
	}

	name = b.name + "-task-role"
	out.task, err = iam.NewRole(b.ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Application identity of " + b.name),
		AssumeRolePolicy: pulumi.String(assumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task role: %w", err)
	}
	for i, arn := range b.args.TaskRole.PolicyArns {
		att, err := iam.NewRolePolicyAttachment(b.ctx, fmt.Sprintf("%s-task-policy-%d", b.name, i), &iam.RolePolicyAttachmentArgs{
			Role:      out.task.Name,
			PolicyArn: pulumi.String(arn),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("attach task policy %d: %w", i, err)
		}
		out.taskPolicies = append(out.taskPolicies, att)
	}
	if len(b.args.TaskRole.Statements) > 0 {
		pol, err := iam.NewRolePolicy(b.ctx, b.name+"-task-policy", &iam.RolePolicyArgs{
			Role:   out.task.ID(),
			Policy: pulumi.String(taskPolicy(b.args.TaskRole.Statements).JSON()),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create task role policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	return out, nil
}
