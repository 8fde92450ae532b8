package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Fact (VPC user guide, "Publish flow logs to CloudWatch Logs"): the flow
// log's delivery role must trust vpc-flow-logs.amazonaws.com, which AWS
// advises to pin to the account and its flow logs (aws:SourceAccount,
// aws:SourceArn) against the confused deputy, and needs CreateLogStream,
// PutLogEvents and the two Describe calls; here the writes are scoped to
// the one log group, which exists (with its retention) before the flow
// log, so CreateLogGroup is not granted.
func TestFlowLogsWriteToTheirGroupOnly(t *testing.T) {
	a := baseArgs()
	a.Network.FlowLogs = &network.FlowLogArgs{LogRetentionDays: 90}
	m, _ := mustRun(t, a)

	fl := get(t, m, "aws:ec2/flowLog:FlowLog", "web-flow-logs")
	expect(t, fl, "vpcId", "web-vpc_id")
	expect(t, fl, "trafficType", "ALL")
	expect(t, fl, "logDestinationType", "cloud-watch-logs")
	expect(t, fl, "logDestination", "arn:aws:logs:us-east-1:123456789012:log-group:web-flow-logs")
	expect(t, fl, "iamRoleArn", "arn:aws:iam::123456789012:role/web-flow-logs-role")
	expect(t, fl, "maxAggregationInterval", 600)
	expect(t, get(t, m, tLogGroup, "web-flow-logs"), "retentionInDays", 90)

	role := get(t, m, tRole, "web-flow-logs-role")
	var trust map[string]any
	if err := json.Unmarshal([]byte(in(role, "assumeRolePolicy").(string)), &trust); err != nil {
		t.Fatal(err)
	}
	wantTrust := map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Principal": map[string]any{"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole",
		"Condition": map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*"},
		},
	}}}
	if got, want := normalize(trust), normalize(wantTrust); !equalJSON(got, want) {
		t.Errorf("trust = %v, want %v", got, want)
	}
	pol := get(t, m, tRolePolicy, "web-flow-logs-policy")
	expect(t, pol, "policy", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"WriteFlowLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:web-flow-logs:*"]},`+
		`{"Sid":"FindLogGroup","Effect":"Allow","Action":["logs:DescribeLogGroups"],"Resource":["*"]}]}`)
	if !contains(fl.Dependencies, pol.URN) {
		t.Errorf("%s does not wait for %s; CreateFlowLogs checks the role can deliver", fl.URN, pol.URN)
	}
}

// An adopted VPC gets a flow log only when the user asks for one.
func TestAdoptedVpcFlowLogIsTheUsersChoice(t *testing.T) {
	for _, on := range []bool{false, true} {
		m := adoptMocks()
		a := adoptArgs()
		if on {
			a.FlowLogs = &network.FlowLogArgs{TrafficType: "REJECT"}
		}
		if _, err := runNetwork(t, m, a); err != nil {
			t.Fatalf("flow logs %v: %v", on, err)
		}
		fls := m.ByType("aws:ec2/flowLog:FlowLog")
		if on != (len(fls) == 1) {
			t.Fatalf("flow logs %v: %d flow logs registered", on, len(fls))
		}
		if on {
			expect(t, fls[0], "vpcId", "vpc-1")
			expect(t, fls[0], "trafficType", "REJECT")
		}
	}
}

func TestFlowLogBadInput(t *testing.T) {
	a := baseArgs()
	a.Network.FlowLogs = &network.FlowLogArgs{LogRetentionDays: 2, TrafficType: "SOME", AggregationInterval: 300, KmsKeyArn: pulumi.String("alias/logs")}
	_, _, err := run(t, a)
	for _, want := range []string{
		"Network.FlowLogs.LogRetentionDays: 2 is not a CloudWatch retention period",
		`Network.FlowLogs.TrafficType: "SOME" is not a flow log traffic type; use ACCEPT, REJECT or ALL`,
		"Network.FlowLogs.AggregationInterval: 300 seconds is not an interval flow logs take; use 60 or 600",
		"Network.FlowLogs.KmsKeyArn: ",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// Fact (CloudWatch Logs user guide, "Encrypt log data in CloudWatch Logs
// using AWS KMS"): a log group is encrypted with a customer key through
// its kmsKeyId (AssociateKmsKey), and CloudWatch Logs, not the writer,
// uses the key. So the flow-log group takes the key and the delivery
// role gains no KMS permission (AWS-0017, CKV_AWS_158).
func TestFlowLogGroupTakesTheKey(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	a := baseArgs()
	a.Network.FlowLogs = &network.FlowLogArgs{KmsKeyArn: pulumi.String(key)}
	m, _ := mustRun(t, a)
	expect(t, get(t, m, tLogGroup, "web-flow-logs"), "kmsKeyId", key)
	if doc := in(get(t, m, tRolePolicy, "web-flow-logs-policy"), "policy").(string); strings.Contains(doc, "kms:") {
		t.Errorf("flow-log delivery role may use KMS: %s", doc)
	}

	// Inside the one-call component, the service's key covers the flow
	// logs when they name none.
	b := baseArgs()
	b.Network.FlowLogs = &network.FlowLogArgs{}
	b.Kms = &KmsArgs{KeyArn: pulumi.String(key)}
	m, _ = mustRun(t, b)
	expect(t, get(t, m, tLogGroup, "web-flow-logs"), "kmsKeyId", key)
}
