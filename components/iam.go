package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newLogGroup creates the container log group.
func newLogGroup(f *family, w workload, in checkedInputs) (*cloudwatch.LogGroup, error) {
	var key pulumi.StringInput
	if w.KmsKeyArn != nil {
		key = in.kmsKey
	}
	return newRetainedLogGroup(f, f.name+"-logs", w.LogRetentionDays, key)
}

// newRetainedLogGroup creates a log group that keeps its events days days,
// so logs are not kept (and billed) forever, encrypted with key when one
// is given. Every log group of the pieces is made here.
func newRetainedLogGroup(f *family, name string, days int, key pulumi.StringInput) (*cloudwatch.LogGroup, error) {
	args := &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(days),
		Tags:            f.tagsFor(name),
	}
	if key != nil {
		args.KmsKeyId = key
	}
	lg, err := cloudwatch.NewLogGroup(f.ctx, name, args, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create log group %s: %w", name, err)
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
func newRoles(f *family, w workload, in checkedInputs, reg *registry, logs *cloudwatch.LogGroup) (*roles, error) {
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
	kinds := w.secretKinds()
	secretsKey := pulumi.String("").ToStringOutput()
	if w.SecretsUseKey && w.KmsKeyArn != nil {
		secretsKey = in.kmsKey
	}
	policy := pulumi.All(reg.pullArns, logs.Arn, in.grantSecrets, secretsKey, in.cacheImports).ApplyT(func(v []any) string {
		var secretArns, parameterArns []string
		secrets := resolvedMap(v[2])
		for _, name := range sortedKeys(secrets) {
			switch kinds[name] {
			case SecretKindSecretsManager:
				secretArns = append(secretArns, secretResourceArn(secrets[name]))
			case SecretKindParameterStore:
				parameterArns = append(parameterArns, secrets[name])
			}
		}
		return executionPolicy(executionPolicyInput{
			PullArns:      v[0].([]string),
			LogGroupArn:   v[1].(string),
			SecretArns:    secretArns,
			ParameterArns: parameterArns,
			SecretsKey:    v[3].(string),
			ImportArns:    v[4].([]string),
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
	for i, arn := range in.policyArns {
		att, err := iam.NewRolePolicyAttachment(f.ctx, fmt.Sprintf("%s-task-policy-%d", f.name, i), &iam.RolePolicyAttachmentArgs{
			Role:      out.task.Name,
			PolicyArn: arn,
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("attach task policy %d: %w", i, err)
		}
		out.taskPolicies = append(out.taskPolicies, att)
	}
	if len(w.TaskRole.Statements) > 0 {
		pol, err := iam.NewRolePolicy(f.ctx, f.name+"-task-policy", &iam.RolePolicyArgs{
			Role:   out.task.ID(),
			Policy: in.statements,
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create task role policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	if w.tracing() {
		pol, err := iam.NewRolePolicy(f.ctx, f.name+"-tracing-policy", &iam.RolePolicyArgs{
			Role: out.task.ID(),
			Policy: logs.Arn.ApplyT(func(arn string) string {
				return tracingPolicy(arn).JSON()
			}).(pulumi.StringOutput),
		}, f.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create tracing policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	return out, nil
}
