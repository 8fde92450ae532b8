package cluster

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// clusterExec is a cluster's ECS Exec logging, for the services that use
// ECS Exec on it.
type clusterExec struct {
	logGroupArn pulumi.StringOutput
	// key encrypts the sessions, when set (checked).
	key pulumi.StringOutput
	// hasKey tells whether key is set.
	hasKey bool
}

// newClusterExec creates the exec session log group and returns the
// cluster's execute-command configuration: logging OVERRIDE to that group,
// encrypted with the key when one is given. With logging left at DEFAULT,
// sessions would go to the task definition's awslogs group, mixed with
// the application's output (ECS API reference,
// ExecuteCommandConfiguration).
func newClusterExec(f *piece.Family, a *ExecArgs, region string) (*clusterExec, *ecs.ClusterConfigurationArgs, error) {
	out := &clusterExec{}
	var key pulumi.StringInput
	execCfg := &ecs.ClusterConfigurationExecuteCommandConfigurationArgs{
		Logging: pulumi.String("OVERRIDE"),
	}
	if a.KmsKeyArn != nil {
		out.hasKey = true
		out.key = check.CheckedString(f.PieceName(), f.Field("Exec.KmsKeyArn"), a.KmsKeyArn, check.KmsKeyRule(region))
		key = out.key
		execCfg.KmsKeyId = out.key
	}
	lg, err := piece.NewRetainedLogGroup(f, f.Name+"-exec-logs", a.LogRetentionDays, key)
	if err != nil {
		return nil, nil, err
	}
	out.logGroupArn = lg.Arn
	execCfg.LogConfiguration = &ecs.ClusterConfigurationExecuteCommandConfigurationLogConfigurationArgs{
		CloudWatchLogGroupName:      lg.Name,
		CloudWatchEncryptionEnabled: pulumi.Bool(out.hasKey),
	}
	return out, &ecs.ClusterConfigurationArgs{ExecuteCommandConfiguration: execCfg}, nil
}

// ExecPolicy is what the task role needs for ECS Exec (ECS developer
// guide, "Monitor Amazon ECS containers with ECS Exec", IAM permissions):
// the SSM agent's four ssmmessages channel actions, which take no
// resource but *; the session log writes on the cluster's exec log group
// only, and DescribeLogGroups, a list action, on *; and kms:Decrypt on the
// session key when there is one.
func ExecPolicy(logGroupArn, key string) piece.PolicyDocument {
	doc := piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{
		{
			Sid:      "ExecChannels",
			Effect:   "Allow",
			Action:   []string{"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"},
			Resource: []string{"*"},
		},
		{
			Sid:      "ExecLogGroups",
			Effect:   "Allow",
			Action:   []string{"logs:DescribeLogGroups"},
			Resource: []string{"*"},
		},
		{
			Sid:      "ExecLogs",
			Effect:   "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"},
			Resource: []string{logGroupArn + ":*"},
		},
	}}
	if key != "" {
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "ExecSessionKey",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{key},
		})
	}
	return doc
}

// NewExecPolicy gives the service's task role what ECS Exec needs on the
// cluster c.
func NewExecPolicy(f *piece.Family, task *iam.Role, c ExecContract) (pulumi.Resource, error) {
	var key pulumi.StringInput = pulumi.String("")
	if c.KmsKeyArn != nil {
		key = c.KmsKeyArn
	}
	policy := pulumi.All(c.LogGroupArn, key).ApplyT(func(v []any) string {
		return ExecPolicy(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
	pol, err := iam.NewRolePolicy(f.Ctx, f.Name+"-exec-policy", &iam.RolePolicyArgs{
		Role:   task.ID(),
		Policy: policy,
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create exec policy: %w", err)
	}
	return pol, nil
}
