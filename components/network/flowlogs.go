package network

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Flow log defaults and the values AWS takes.
const (
	defaultFlowTraffic     = "ALL"
	defaultFlowAggregation = 600
)

var (
	flowTrafficTypes = []string{"ACCEPT", "REJECT", "ALL"}
	// flowAggregations are the intervals VPC flow logs take (EC2 API
	// reference, CreateFlowLogs MaxAggregationInterval).
	flowAggregations = []int{60, 600}
)

func (args FlowLogArgs) withDefaults() FlowLogArgs {
	a := args
	a.LogRetentionDays = check.IntOr(a.LogRetentionDays, check.DefaultLogRetentionDays)
	a.TrafficType = check.StrOr(a.TrafficType, defaultFlowTraffic)
	a.AggregationInterval = check.IntOr(a.AggregationInterval, defaultFlowAggregation)
	return a
}

func CheckFlowLogs(p *check.Problems, prefix string, a FlowLogArgs, region string) {
	check.CheckRetention(p, prefix+"LogRetentionDays", a.LogRetentionDays)
	if a.KmsKeyArn != nil {
		check.CheckString(p, prefix+"KmsKeyArn", a.KmsKeyArn, check.KmsKeyRule(region))
	}
	if !slices.Contains(flowTrafficTypes, a.TrafficType) {
		p.Add(prefix+"TrafficType", "%q is not a flow log traffic type; use ACCEPT, REJECT or ALL", a.TrafficType)
	}
	if !slices.Contains(flowAggregations, a.AggregationInterval) {
		p.Add(prefix+"AggregationInterval", "%d seconds is not an interval flow logs take; use 60 or 600", a.AggregationInterval)
	}
}

// flowLogTrust lets only the VPC flow logs service of this account assume
// the delivery role: the service principal, with aws:SourceAccount and
// aws:SourceArn against the confused deputy (VPC user guide, "IAM role for
// publishing flow logs to CloudWatch Logs").
func flowLogTrust(partition, region, account string) string {
	return mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]string{"Service": "vpc-flow-logs.amazonaws.com"},
			"Action":    "sts:AssumeRole",
			"Condition": map[string]any{
				"StringEquals": map[string]string{"aws:SourceAccount": account},
				"ArnLike":      map[string]string{"aws:SourceArn": fmt.Sprintf("arn:%s:ec2:%s:%s:vpc-flow-log/*", partition, region, account)},
			},
		}},
	})
}

// flowLogPolicy lets the delivery role write to one log group: streams
// and events in it, and DescribeLogGroups and DescribeLogStreams, which
// the service calls before writing (same guide). No CreateLogGroup: the
// group exists, with its retention, before the flow log.
func flowLogPolicy(logGroupArn string) piece.PolicyDocument {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{
		{
			Sid:      "WriteFlowLogs",
			Effect:   "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"},
			Resource: []string{logGroupArn + ":*"},
		},
		{
			Sid:      "FindLogGroup",
			Effect:   "Allow",
			Action:   []string{"logs:DescribeLogGroups"},
			Resource: []string{"*"},
		},
	}}
}

// newFlowLog creates the log group (under KmsKeyArn when it is set), the
// delivery role and the VPC's flow log. The delivery role needs no KMS
// permission: CloudWatch Logs encrypts the group's events itself, under
// the key policy's grant to logs.<region>.amazonaws.com.
func newFlowLog(f *piece.Family, a FlowLogArgs, region string, vpcID pulumi.StringInput) error {
	name := f.Name + "-flow-logs"
	var key pulumi.StringInput
	if a.KmsKeyArn != nil {
		key = check.CheckedString(f.PieceName(), f.Field("FlowLogs.KmsKeyArn"), a.KmsKeyArn, check.KmsKeyRule(region))
	}
	lg, err := piece.NewRetainedLogGroup(f, name, a.LogRetentionDays, key)
	if err != nil {
		return err
	}
	// The account is the log group's: its ARN is
	// arn:<partition>:logs:<region>:<account>:log-group:<name>.
	trust := lg.Arn.ApplyT(func(arn string) string {
		parts := splitArn(arn)
		return flowLogTrust(parts.partition, region, parts.account)
	}).(pulumi.StringOutput)
	role, err := iam.NewRole(f.Ctx, name+"-role", &iam.RoleArgs{
		Description:      pulumi.String("VPC flow logs of " + f.Name + " write to their log group"),
		AssumeRolePolicy: trust,
		Tags:             f.TagsFor(name + "-role"),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create flow log role: %w", err)
	}
	pol, err := iam.NewRolePolicy(f.Ctx, name+"-policy", &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: lg.Arn.ApplyT(func(arn string) string { return flowLogPolicy(arn).JSON() }).(pulumi.StringOutput),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create flow log policy: %w", err)
	}
	// CreateFlowLogs checks that it can assume the role: the policy first.
	if _, err := ec2.NewFlowLog(f.Ctx, name, &ec2.FlowLogArgs{
		VpcId:                  vpcID,
		TrafficType:            pulumi.String(a.TrafficType),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         lg.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(a.AggregationInterval),
		Tags:                   f.TagsFor(name),
	}, f.Opts(pulumi.DependsOn([]pulumi.Resource{pol}))...); err != nil {
		return fmt.Errorf("create flow log: %w", err)
	}
	return nil
}

type arnParts struct{ partition, account string }

// splitArn reads an ARN's partition and account.
func splitArn(arn string) arnParts {
	var p [6]string
	copy(p[:], strings.SplitN(arn, ":", 6))
	return arnParts{partition: p[1], account: p[4]}
}

// mustJSON marshals plain values, which always marshal.
func mustJSON(v any) string {
	out, _ := json.Marshal(v)
	return string(out)
}
