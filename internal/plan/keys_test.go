package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The plan says which key encrypts what: prod's own key holds its log
// groups and its alarm topic, while its released repository stays on
// AES-256 (repositoryKmsKey: false), its access-log bucket on SSE-S3 (the
// only server-side encryption ALB log delivery takes) and its root
// volumes on aws/ebs. Dev has no customer key.
func TestPlanSaysWhichKeyProtectsWhat(t *testing.T) {
	prod := mustLoad(t, "prod")
	want := []KeyUse{
		{Key: "KMS key web-key", Protects: []string{"SNS topic web-alarms", "log group aws-waf-logs-web", "log group web-flow-logs", "log group web-logs"}},
		{Key: awsKeys, Protects: []string{"ECR repository web-repo (AES-256)", "S3 bucket web-alb-logs-0a1b2c3 (SSE-S3)", "root volumes of web-lt (aws/ebs)"}},
	}
	if diff := cmp.Diff(want, prod.Keys); diff != "" {
		t.Errorf("prod keys (-want +got):\n%s", diff)
	}
	dev := mustLoad(t, "dev")
	for _, k := range dev.Keys {
		if k.Key != awsKeys {
			t.Errorf("dev has customer key %s over %v; its choice is AWS keys", k.Key, k.Protects)
		}
	}
}

// The shared platform's key holds the api's data, its secret among them
// (AWS-0098, CKV_AWS_149), the ECS Exec sessions and the flow logs; web
// and admin keep AWS keys.
func TestPlanSaysWhichKeyProtectsThePlatformsData(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	if len(p.Keys) == 0 || p.Keys[0].Key != "KMS key platform-key" {
		t.Fatalf("keys %+v, want platform-key first", p.Keys)
	}
	want := []string{"ECR repository api-repo", "ECS Exec sessions on cluster apps-cluster", "SNS topic api-alarms",
		"Secrets Manager secret api-db", "log group api-logs", "log group apps-exec-logs", "log group main-flow-logs"}
	if diff := cmp.Diff(want, p.Keys[0].Protects); diff != "" {
		t.Errorf("platform-key protects (-want +got):\n%s", diff)
	}
}
