package service

import (
	"fmt"
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newLogGroup creates the container log group.
func newLogGroup(f *piece.Family, w Workload, in checkedInputs) (*cloudwatch.LogGroup, error) {
	var key pulumi.StringInput
	if w.KmsKeyArn != nil {
		key = in.kmsKey
	}
	return piece.NewRetainedLogGroup(f, f.Name+"-logs", w.LogRetentionDays, key)
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
func newRoles(f *piece.Family, w Workload, in checkedInputs, reg *registry, logs *cloudwatch.LogGroup) (*roles, error) {
	out := &roles{}
	name := f.Name + "-execution-role"
	var err error
	out.execution, err = iam.NewRole(f.Ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("ECS pulls the image, writes logs and reads secrets for " + f.Name),
		AssumeRolePolicy: pulumi.String(piece.AssumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             f.TagsFor(name),
	}, f.Opts()...)
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
		for _, name := range check.SortedKeys(secrets) {
			switch kinds[name] {
			case SecretKindSecretsManager:
				secretArns = append(secretArns, check.SecretResourceArn(secrets[name]))
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
	out.executionPolicy, err = iam.NewRolePolicy(f.Ctx, f.Name+"-execution-policy", &iam.RolePolicyArgs{
		Role:   out.execution.ID(),
		Policy: policy,
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create execution role policy: %w", err)
	}

	name = f.Name + "-task-role"
	out.task, err = iam.NewRole(f.Ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Application identity of " + f.Name),
		AssumeRolePolicy: pulumi.String(piece.AssumeRolePolicy("ecs-tasks.amazonaws.com")),
		Tags:             f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task role: %w", err)
	}
	for i, arn := range in.policyArns {
		att, err := iam.NewRolePolicyAttachment(f.Ctx, fmt.Sprintf("%s-task-policy-%d", f.Name, i), &iam.RolePolicyAttachmentArgs{
			Role:      out.task.Name,
			PolicyArn: arn,
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("attach task policy %d: %w", i, err)
		}
		out.taskPolicies = append(out.taskPolicies, att)
	}
	if len(w.TaskRole.Statements) > 0 {
		pol, err := iam.NewRolePolicy(f.Ctx, f.Name+"-task-policy", &iam.RolePolicyArgs{
			Role:   out.task.ID(),
			Policy: in.statements,
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create task role policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	if w.tracing() {
		pol, err := iam.NewRolePolicy(f.Ctx, f.Name+"-tracing-policy", &iam.RolePolicyArgs{
			Role: out.task.ID(),
			Policy: logs.Arn.ApplyT(func(arn string) string {
				return tracingPolicy(arn).JSON()
			}).(pulumi.StringOutput),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create tracing policy: %w", err)
		}
		out.taskPolicies = append(out.taskPolicies, pol)
	}
	return out, nil
}

// executionPolicyInput is what the execution role's policy is built from.
type executionPolicyInput struct {
	PullArns      []string
	LogGroupArn   string
	SecretArns    []string // Secrets Manager secrets
	ParameterArns []string // SSM parameters
	// SecretsKey is the customer key the secrets are encrypted with, or "".
	SecretsKey string
	// ImportArns are the pull-through cache repositories whose first pull
	// the role makes: ECR creates each and imports the upstream image.
	ImportArns []string
}

// executionPolicy is the least-privilege execution role policy: a registry
// token (which IAM only grants on *), pulls from the named repositories only,
// log writes to the one log group only, and reads of the named secrets only.
func executionPolicy(in executionPolicyInput) piece.PolicyDocument {
	doc := piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{
		{
			Sid:      "EcrAuthToken",
			Effect:   "Allow",
			Action:   []string{"ecr:GetAuthorizationToken"},
			Resource: []string{"*"},
		},
		{
			Sid:      "EcrPull",
			Effect:   "Allow",
			Action:   []string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
			Resource: piece.UniqueSorted(in.PullArns),
		},
		{
			Sid:      "WriteLogs",
			Effect:   "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resource: []string{in.LogGroupArn, in.LogGroupArn + ":log-stream:*"},
		},
	}}
	if len(in.ImportArns) > 0 {
		// The first pull of a cached image creates its repository and
		// imports the upstream image, with the puller's own permissions
		// (ECR user guide, "IAM permissions required to sync an upstream
		// registry with an Amazon ECR private registry").
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "EcrPullThroughCache",
			Effect:   "Allow",
			Action:   network.PullThroughCacheActions,
			Resource: piece.UniqueSorted(in.ImportArns),
		})
	}
	if len(in.SecretArns) > 0 {
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "ReadSecrets",
			Effect:   "Allow",
			Action:   []string{"secretsmanager:GetSecretValue"},
			Resource: piece.UniqueSorted(in.SecretArns),
		})
	}
	if len(in.ParameterArns) > 0 {
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "ReadParameters",
			Effect:   "Allow",
			Action:   []string{"ssm:GetParameters"},
			Resource: piece.UniqueSorted(in.ParameterArns),
		})
	}
	if in.SecretsKey != "" && (len(in.SecretArns) > 0 || len(in.ParameterArns) > 0) {
		// Secrets Manager and SSM decrypt a customer-key secret with the
		// caller's kms:Decrypt (ECS developer guide, "Required IAM
		// permissions for Amazon ECS secrets").
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "DecryptSecrets",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{in.SecretsKey},
		})
	}
	return doc
}

// taskPolicy turns the user's statements into one Allow document;
// resources[i] are statement i's resolved resources.
func taskPolicy(statements []PolicyStatement, resources [][]string) piece.PolicyDocument {
	doc := piece.PolicyDocument{Version: "2012-10-17"}
	for i, s := range statements {
		doc.Statement = append(doc.Statement, piece.Statement{
			Effect:   "Allow",
			Action:   slices.Clone(s.Actions),
			Resource: slices.Clone(resources[i]),
		})
	}
	return doc
}
