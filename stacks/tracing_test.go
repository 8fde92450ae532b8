package stacks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDevWithTracingPlansTheCollector: today's dev stack plus the one key
// `tracing: xray` plans, and gives the ECR Public pull-through cache rule
// (the component owns its network, and dev has no NAT), the ADOT
// collector sidecar (pulled through the cache, with its
// ECS default configuration), the xray interface endpoint (brief fact 2),
// the task role's X-Ray and metrics-log grants, and the execution role's
// first-pull grant for the cached collector repository (ECR user guide,
// pull-through cache IAM permissions). dev itself keeps tracing off, so
// the released stacks upgrade unchanged (upgrade_test.go).
func TestDevWithTracingPlansTheCollector(t *testing.T) {
	dev, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(dev) + "  private-fargate:tracing: xray\n"
	m, err := runStack(t, writeProject(t, "s", body), "s")
	if err != nil {
		t.Fatal(err)
	}
	find(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "web-cache-ecr-public")
	td := find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task")
	defs := input(td, "containerDefinitions").(string)
	for _, want := range []string{
		`"name":"aws-otel-collector","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public/aws-observability/aws-otel-collector:v0.43.3"`,
		`"command":["--config=/etc/ecs/ecs-default-config.yaml"]`,
		`{"name":"OTEL_EXPORTER_OTLP_ENDPOINT","value":"http://localhost:4318"}`,
		`{"name":"AWS_XRAY_DAEMON_ADDRESS","value":"127.0.0.1:2000"}`,
	} {
		if !strings.Contains(defs, want) {
			t.Errorf("%s: container definitions lack %s:\n%s", td.URN, want, defs)
		}
	}
	e := find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-xray")
	expectInput(t, e, "serviceName", "com.amazonaws.us-east-1.xray")
	pol := input(find(t, m, "aws:iam/rolePolicy:RolePolicy", "web-tracing-policy"), "policy").(string)
	for _, want := range []string{`"xray:PutTraceSegments"`, `log-group:/aws/ecs/application/metrics"`} {
		if !strings.Contains(pol, want) {
			t.Errorf("tracing policy lacks %s: %s", want, pol)
		}
	}
	exec := input(find(t, m, "aws:iam/rolePolicy:RolePolicy", "web-execution-policy"), "policy").(string)
	if want := `"Resource":["arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"]`; !strings.Contains(exec, want) {
		t.Errorf("execution policy lacks the collector's first-pull grant %s: %s", want, exec)
	}
}
