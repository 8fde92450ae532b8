package stacks

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// kindStacks are dev as each kind other than web runs it: dev's file with
// its load balancer's keys left out (a backend, worker or job refuses
// them) and the kind's own keys added.
var kindStacks = map[string]string{
	"backend": "  private-fargate:kind: backend\n  private-fargate:discoveryName: orders\n",
	"worker":  "  private-fargate:kind: worker\n  private-fargate:queue: {maxReceiveCount: 3}\n  private-fargate:workerScaling: {maxCount: 4, backlogPerTask: 50}\n",
	"job":     "  private-fargate:kind: job\n  private-fargate:schedule: cron(0 3 * * ? *)\n  private-fargate:timezone: Europe/Paris\n  private-fargate:jobTimeout: 1800\n",
}

// devLike is dev's stack file without the keys only the load balancer
// (and its service's count, for a job) takes, and with more.
func devLike(t *testing.T, kind, more string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "private-fargate:accessLogs") || strings.Contains(line, "private-fargate:albDeletionProtection") ||
			(kind == "job" && strings.Contains(line, "private-fargate:desiredCount")) {
			continue
		}
		keep = append(keep, line)
	}
	return strings.TrimRight(strings.Join(keep, "\n"), "\n") + "\n" + more
}

// webOnlyTypes are what only a web service's load balancer makes.
var webOnlyTypes = []string{
	"aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener", "aws:lb/targetGroup:TargetGroup", "aws:lb/listenerRule:ListenerRule",
	"aws:acm/certificate:Certificate", "aws:acm/certificateValidation:CertificateValidation", "aws:route53/record:Record",
	"aws:s3/bucketV2:BucketV2", "aws:s3/bucketPolicy:BucketPolicy", "aws:wafv2/webAcl:WebAcl",
}

// Each kind runs dev's settings under mocks with exactly the resources
// of its golden list: the network and cluster as for web, the kind's
// workload, and nothing of the load balancer. The task runs in the
// private subnets with no public IP, reaching AWS through the endpoints
// the kind adds (ecs-agent for Service Connect, sqs for the queue).
func TestEachKindRunsDevWithoutALoadBalancer(t *testing.T) {
	for _, kind := range []string{"backend", "worker", "job"} {
		t.Run(kind, func(t *testing.T) {
			dir := writeProject(t, "dev", devLike(t, kind, kindStacks[kind]))
			m, err := runStack(t, dir, "dev")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "kind-"+kind+".golden"), awsmock.Golden(m))
			for _, typ := range webOnlyTypes {
				if rs := m.ByType(typ); len(rs) != 0 {
					t.Errorf("%s: a %s, want none for a %s", rs[0].URN, typ, kind)
				}
			}
			expectInput(t, find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-logs"), "retentionInDays", 7)
			find(t, m, "aws:ecs/cluster:Cluster", "web-cluster")
			switch kind {
			case "backend":
				svc := find(t, m, "aws:ecs/service:Service", "web-service")
				expectInput(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}})
				expectInput(t, svc, "loadBalancers", nil)
				expectInput(t, svc, "networkConfiguration", map[string]any{
					"assignPublicIp": false, "subnets": []string{"web-private-0_id", "web-private-1_id"}, "securityGroups": []string{"web-task-sg_id"},
				})
				connect := input(svc, "serviceConnectConfiguration").(map[string]any)
				if s := connect["services"].([]any)[0].(map[string]any); s["discoveryName"] != "orders" {
					t.Errorf("%s: Service Connect publishes %v, want orders", svc.URN, s["discoveryName"])
				}
				expectInput(t, find(t, m, "aws:servicediscovery/httpNamespace:HttpNamespace", "web-namespace"), "name", "web")
				find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-ecs-agent")
			case "worker":
				q := find(t, m, "aws:sqs/queue:Queue", "web-queue")
				if redrive, _ := input(q, "redrivePolicy").(string); !strings.Contains(redrive, `"maxReceiveCount":3`) {
					t.Errorf("%s: redrive policy %s, want maxReceiveCount 3", q.URN, redrive)
				}
				svc := find(t, m, "aws:ecs/service:Service", "web-service")
				expectInput(t, svc, "loadBalancers", nil)
				expectInput(t, svc, "networkConfiguration", map[string]any{
					"assignPublicIp": false, "subnets": []string{"web-private-0_id", "web-private-1_id"}, "securityGroups": []string{"web-task-sg_id"},
				})
				expectInput(t, find(t, m, "aws:appautoscaling/target:Target", "web-scaling"), "maxCapacity", 4)
				find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-sqs")
			case "job":
				if rs := m.ByType("aws:ecs/service:Service"); len(rs) != 0 {
					t.Errorf("%s: a job has an ECS service", rs[0].URN)
				}
				s := find(t, m, "aws:scheduler/schedule:Schedule", "web-schedule")
				expectInput(t, s, "scheduleExpression", "cron(0 3 * * ? *)")
				expectInput(t, s, "scheduleExpressionTimezone", "Europe/Paris")
				find(t, m, "aws:sfn/stateMachine:StateMachine", "web-state-machine")
			}
		})
	}
}

// dev's own file with another kind: the keys it sets for its load
// balancer are refused by name, all at once, and nothing is registered;
// the ones it sets to their defaults (albDeletionProtection, and a job's
// desiredCount of 1) are not.
func TestWebOnlyKeysAreRefusedOnOtherKinds(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for kind, more := range kindStacks {
		t.Run(kind, func(t *testing.T) {
			dir := writeProject(t, "dev", string(b)+more)
			m, err := runStack(t, dir, "dev")
			want := []string{
				"private-fargate:accessLogs: a " + map[string]string{"backend": "backend", "worker": "worker", "job": "scheduled job"}[kind] + " has no load balancer, so nothing takes this; remove it, or set kind to web",
				"private-fargate:accessLogsExpirationDays: ",
				"private-fargate:accessLogsForceDestroy: ",
			}
			if err == nil {
				t.Fatal("the stack ran; want dev's access-log keys refused")
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("(%d problems)", len(want))) {
				t.Errorf("error does not list %d problems:\n%v", len(want), err)
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			for _, key := range []string{"albDeletionProtection", "desiredCount"} {
				if strings.Contains(err.Error(), key) {
					t.Errorf("%s is refused at its default:\n%v", key, err)
				}
			}
			if m != nil && len(m.Resources()) != 0 {
				t.Errorf("registered %d resources, want 0", len(m.Resources()))
			}
		})
	}
}

// Every key the web service alone takes, set on another kind, is refused
// by its own name.
func TestEveryWebOnlyKeyIsRefusedByName(t *testing.T) {
	values := map[string]string{
		"allowedCidrs": `["10.0.0.0/8"]`, "https": "true", "certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
		"sslPolicy": "ELBSecurityPolicy-TLS13-1-3-2021-06", "domainName": "api.example.com", "hostedZoneName": "example.com",
		"hostedZoneId": "Z0123ABC", "accessLogs": "true", "accessLogsBucket": "shared-logs", "accessLogsPrefix": "web",
		"accessLogsExpirationDays": "9", "accessLogsForceDestroy": "true", "waf": `{"mode": "COUNT"}`,
		"albDeletionProtection": "true", "albIdleTimeout": "120", "deregistrationDelay": "10", "healthCheckPath": "/health",
		"healthCheckMatcher": "200-299", "healthCheckInterval": "10", "healthCheckTimeout": "3", "healthyThreshold": "4",
		"unhealthyThreshold": "4", "healthCheckGracePeriod": "30",
	}
	for _, k := range keys {
		if !slices.Equal(k.Kinds, webOnly) {
			continue
		}
		v, ok := values[k.Name]
		if !ok {
			t.Errorf("no value for the web-only key %s", k.Name)
			continue
		}
		t.Run(k.Name, func(t *testing.T) {
			dir := writeProject(t, "s", fmt.Sprintf("config:\n  aws:region: us-east-1\n  private-fargate:kind: backend\n  private-fargate:%s: %s\n", k.Name, v))
			m, err := runStack(t, dir, "s")
			named := err != nil && (strings.Contains(err.Error(), "private-fargate:"+k.Name+": ") || strings.Contains(err.Error(), "private-fargate:"+k.Name+"."))
			if !named || !strings.Contains(err.Error(), "a backend has no load balancer") && !strings.Contains(err.Error(), "grace period") {
				t.Errorf("error = %v, want %s refused by name as a load balancer's setting", err, k.Name)
			}
			if m != nil && len(m.Resources()) != 0 {
				t.Errorf("registered %d resources, want 0", len(m.Resources()))
			}
		})
	}
}

// For every kind, the defaults Pulumi.yaml declares make the same stack
// as no keys at all: a key another kind takes, at its declared default,
// is no setting.
func TestDeclaredDefaultsAreNoSettingForAnyKind(t *testing.T) {
	for _, tc := range []struct{ kind, more string }{
		{"backend", ""},
		{"worker", ""},
		{"job", "  private-fargate:schedule: rate(1 day)\n"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			dir := writeProject(t, "bare", "config:\n  aws:region: us-east-1\n  private-fargate:kind: "+tc.kind+"\n"+tc.more)
			files, err := LoadStackFiles(dir, "bare")
			if err != nil {
				t.Fatal(err)
			}
			withDefaults := awsmock.New("us-east-1")
			if err := pulumi.RunErr(Program, files.RunOption(withDefaults)); err != nil {
				t.Fatalf("with the declared defaults: %v", err)
			}
			bare := *files
			bare.Config = map[string]string{"aws:region": "us-east-1", "private-fargate:kind": tc.kind}
			if tc.kind == "job" {
				bare.Config["private-fargate:schedule"] = "rate(1 day)"
			}
			withNone := awsmock.New("us-east-1")
			if err := pulumi.RunErr(Program, bare.RunOption(withNone)); err != nil {
				t.Fatalf("with no keys: %v", err)
			}
			if diff := cmp.Diff(awsmock.Golden(withNone), awsmock.Golden(withDefaults)); diff != "" {
				t.Errorf("the declared defaults differ from no keys (-none +declared):\n%s", diff)
			}
		})
	}
}
