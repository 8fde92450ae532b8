package stacks

import (
	"testing"
)

// Prod keeps its data at rest under the stack's own key: the service's
// log group, the flow-log group and the alarm topic name the key's ARN.
// Its repository keeps ECR's AES-256, on purpose: ECR sets a repository's
// encryption at creation only (ECR user guide, "Editing a private
// repository": the encryption settings "can't be changed once the
// repository is created"), so terraform-provider-aws marks
// encryption_configuration ForceNew and pulumi-aws v6.83.4 would replace
// the released repository, images and all. repositoryKmsKey: false keeps
// it. Dev has no customer key at all (Pulumi.dev.yaml says why).
func TestProdKeepsDataAtRestUnderItsKeyButNotItsReleasedRepository(t *testing.T) {
	m := mustRunStack(t, "prod")
	key := find(t, m, "aws:kms/key:Key", "web-key")
	arn := key.Outputs["arn"].StringValue()
	if arn == "" {
		t.Fatalf("%s: no ARN", key.URN)
	}
	for _, lg := range m.ByType("aws:cloudwatch/logGroup:LogGroup") {
		expectInput(t, lg, "kmsKeyId", arn)
	}
	if len(m.ByType("aws:cloudwatch/logGroup:LogGroup")) < 2 {
		t.Errorf("prod has %d log groups, want the service's and the flow logs' at least", len(m.ByType("aws:cloudwatch/logGroup:LogGroup")))
	}
	find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-flow-logs")
	expectInput(t, find(t, m, "aws:sns/topic:Topic", "web-alarms"), "kmsMasterKeyId", arn)
	expectInput(t, find(t, m, "aws:ecr/repository:Repository", "web-repo"), "encryptionConfigurations",
		[]any{map[string]any{"encryptionType": "AES256"}})

	dev := mustRunStack(t, "dev")
	if ks := dev.ByType("aws:kms/key:Key"); len(ks) != 0 {
		t.Errorf("dev created key %s; its choice is AWS-owned keys", ks[0].URN)
	}
}

// Without repositoryKmsKey: false, a stack with kmsKey puts its
// repository under the key too (a new stack has no released repository
// to keep).
func TestKmsKeyCoversTheRepositoryByDefault(t *testing.T) {
	dir := writeProject(t, "keyed", "config:\n  aws:region: us-east-1\n  private-fargate:kmsKey: create\n  private-fargate:flowLogs: true\n")
	m, err := runStack(t, dir, "keyed")
	if err != nil {
		t.Fatal(err)
	}
	arn := find(t, m, "aws:kms/key:Key", "web-key").Outputs["arn"].StringValue()
	expectInput(t, find(t, m, "aws:ecr/repository:Repository", "web-repo"), "encryptionConfigurations",
		[]any{map[string]any{"encryptionType": "KMS", "kmsKey": arn}})
	expectInput(t, find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-flow-logs"), "kmsKeyId", arn)
}
