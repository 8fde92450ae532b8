package components

import (
	"fmt"

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
func newClusterExec(f *family, a *ExecArgs, region string) (*clusterExec, *ecs.ClusterConfigurationArgs, error) {
	out := &clusterExec{}
	var key pulumi.StringInput
	execCfg := &ecs.ClusterConfigurationExecuteCommandConfigurationArgs{
		Logging: pulumi.String("OVERRIDE"),
	}
	if a.KmsKeyArn != nil {
		out.hasKey = true
		out.key = checkedString(f.pieceName(), f.field("Exec.KmsKeyArn"), a.KmsKeyArn, kmsKeyRule(region))
		key = out.key
		execCfg.KmsKeyId = out.key
	}
	lg, err := newRetainedLogGroup(f, f.name+"-exec-logs", a.LogRetentionDays, key)
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

// execPolicy is what the task role needs for ECS Exec (ECS developer
// guide, "Monitor Amazon ECS containers with ECS Exec", IAM permissions):
// the SSM agent's four ssmmessages channel actions, which take no
// resource but *; the session log writes on the cluster's exec log group
// only, and DescribeLogGroups, a list action, on *; and kms:Decrypt on the
// session key when there is one.
func execPolicy(logGroupArn, key string) PolicyDocument {
	doc := PolicyDocument{Version: "2012-10-17", Statement: []Statement{
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
		doc.Statement = append(doc.Statement, Statement{
			Sid:      "ExecSessionKey",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{key},
		})
	}
	return doc
}

// newExecPolicy gives the service's task role what ECS Exec needs on the
// cluster c.
func newExecPolicy(f *family, task *iam.Role, c ExecContract) (pulumi.Resource, error) {
	var key pulumi.StringInput = pulumi.String("")
	if c.KmsKeyArn != nil {
		key = c.KmsKeyArn
	}
	policy := pulumi.All(c.LogGroupArn, key).ApplyT(func(v []any) string {
		return execPolicy(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
	pol, err := iam.NewRolePolicy(f.ctx, f.name+"-exec-policy", &iam.RolePolicyArgs{
		Role:   task.ID(),
		Policy: policy,
	}, f.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create exec policy: %w", err)
	}
	return pol, nil
}
