package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const tExecKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// Fact (BRIEF 13; ECS developer guide, "Monitor Amazon ECS containers with
// ECS Exec"): ECS Exec runs an SSM agent in the task, which opens its
// session channels through ssmmessages, so without NAT the network needs
// the ssmmessages endpoint, and the task role exactly the four channel
// actions (on *, as they take no resource). Sessions are logged through
// the cluster's execute-command configuration, logging OVERRIDE to a group
// of their own (with DEFAULT they would land in the task's awslogs group),
// and the task role may write only there.
func TestExecOpensTheChannelAndLogsSessions(t *testing.T) {
	a := baseArgs()
	a.Service.EnableExecuteCommand = true
	m, _ := mustRun(t, a)

	svc := get(t, m, tService, "web-service")
	expect(t, svc, "enableExecuteCommand", true)
	cl := get(t, m, tCluster, "web-cluster")
	expect(t, cl, "configuration", map[string]any{"executeCommandConfiguration": map[string]any{
		"logging": "OVERRIDE",
		"logConfiguration": map[string]any{
			"cloudWatchLogGroupName":      "web-exec-logs",
			"cloudWatchEncryptionEnabled": false,
		},
	}})
	expect(t, get(t, m, tLogGroup, "web-exec-logs"), "retentionInDays", check.DefaultLogRetentionDays)

	pol := get(t, m, tRolePolicy, "web-exec-policy")
	expect(t, pol, "role", "web-task-role_id")
	var doc piece.PolicyDocument
	if err := json.Unmarshal([]byte(in(pol, "policy").(string)), &doc); err != nil {
		t.Fatal(err)
	}
	want := cluster.ExecPolicy("arn:aws:logs:us-east-1:123456789012:log-group:web-exec-logs", "")
	if got, _ := json.Marshal(doc); string(got) != want.JSON() {
		t.Errorf("exec policy =\n  %s\nwant\n  %s", got, want.JSON())
	}
	if !contains(svc.Dependencies, pol.URN) {
		t.Errorf("%s does not wait for %s; the first session would fail", svc.URN, pol.URN)
	}

	ep := get(t, m, tEndpoint, "web-vpce-ssmmessages")
	expect(t, ep, "privateDnsEnabled", true)
	if tags, _ := in(ep, "tags").(map[string]any); !strings.Contains(tags["needed-for"].(string), "ECS Exec: the session channel") {
		t.Errorf("%s: needed-for %v does not name ECS Exec", ep.URN, tags["needed-for"])
	}
}

// The exec policy's statements, exactly: nothing broader than ECS Exec
// documents.
func TestExecPolicyIsExactlyWhatExecNeeds(t *testing.T) {
	got := cluster.ExecPolicy("arn:aws:logs:us-east-1:123456789012:log-group:apps-exec-logs", tExecKey).JSON()
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"ExecChannels","Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":["*"]},` +
		`{"Sid":"ExecLogGroups","Effect":"Allow","Action":["logs:DescribeLogGroups"],"Resource":["*"]},` +
		`{"Sid":"ExecLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:apps-exec-logs:*"]},` +
		`{"Sid":"ExecSessionKey","Effect":"Allow","Action":["kms:Decrypt"],"Resource":["` + tExecKey + `"]}]}`
	if got != want {
		t.Errorf("execPolicy =\n  %s\nwant\n  %s", got, want)
	}
}

// Fact (BRIEF 13): ECS Exec does not work with a read-only root
// filesystem, so the two are refused together, before anything exists.
func TestExecRefusesAReadOnlyRootFilesystem(t *testing.T) {
	a := baseArgs()
	a.Service.EnableExecuteCommand = true
	a.Container.ReadonlyRootFilesystem = true
	m, _, err := run(t, a)
	want := "Service.EnableExecuteCommand: ECS Exec needs a writable root filesystem"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("registered %d resources, want 0", n)
	}
}

// On a shared cluster, the cluster owns the session log group and the
// key; a service may only turn ECS Exec on where sessions are logged, and
// its network must have ssmmessages, and kms when the sessions are
// encrypted with a customer key: the task's SSM agent decrypts them.
func TestExecOnASharedCluster(t *testing.T) {
	t.Run("cluster without Exec", func(t *testing.T) {
		pl := sharedPlatform()
		api := pl.services["api"]
		api.Service.EnableExecuteCommand = true
		pl.services["api"] = api
		_, err := pl.run(t)
		want := "Service.EnableExecuteCommand: cluster apps logs no ECS Exec sessions, so this service's would go unrecorded; set Exec on the cluster"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	})
	t.Run("network without the endpoints", func(t *testing.T) {
		pl := sharedPlatform()
		pl.cluster.Exec = &cluster.ExecArgs{KmsKeyArn: pulumi.String(tExecKey)}
		api := pl.services["api"]
		api.Service.EnableExecuteCommand = true
		pl.services["api"] = api
		_, err := pl.run(t)
		for _, want := range []string{
			`service api needs the ssmmessages endpoint (ECS Exec: the session channel of the SSM agent in the task), but network main has none; set Exec in the network's Features["api"]`,
			`service api needs the kms endpoint (ECS Exec sessions encrypted with a customer key: the tasks decrypt them), but network main has none; set Exec and Kms in the network's Features["api"]`,
		} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to contain %q", err, want)
			}
		}
	})
	t.Run("encrypted sessions", func(t *testing.T) {
		pl := sharedPlatform()
		pl.cluster.Exec = &cluster.ExecArgs{LogRetentionDays: 90, KmsKeyArn: pulumi.String(tExecKey)}
		pl.network.Features["api"] = network.EndpointFeatures{SecretsManager: true, Exec: true, Kms: true}
		api := pl.services["api"]
		api.Service.EnableExecuteCommand = true
		pl.services["api"] = api
		m, err := pl.run(t)
		if err != nil {
			t.Fatalf("program failed: %v", err)
		}
		expect(t, get(t, m, tCluster, "apps-cluster"), "configuration", map[string]any{"executeCommandConfiguration": map[string]any{
			"kmsKeyId": tExecKey,
			"logging":  "OVERRIDE",
			"logConfiguration": map[string]any{
				"cloudWatchLogGroupName":      "apps-exec-logs",
				"cloudWatchEncryptionEnabled": true,
			},
		}})
		lg := get(t, m, tLogGroup, "apps-exec-logs")
		expect(t, lg, "retentionInDays", 90)
		expect(t, lg, "kmsKeyId", tExecKey)
		want := cluster.ExecPolicy("arn:aws:logs:us-east-1:123456789012:log-group:apps-exec-logs", tExecKey).JSON()
		expect(t, get(t, m, tRolePolicy, "api-exec-policy"), "policy", want)
		if r := m.Find(tRolePolicy, "web-exec-policy"); r != nil {
			t.Errorf("%s registered for a service without ECS Exec", r.URN)
		}
		for _, svc := range []string{"ssmmessages", "kms"} {
			ep := get(t, m, tEndpoint, "main-vpce-"+svc)
			if tags, _ := in(ep, "tags").(map[string]any); tags["needed-by"] != "api" {
				t.Errorf("%s: needed-by %v, want api", ep.URN, tags["needed-by"])
			}
		}
		if v := in(get(t, m, tService, "web-service"), "enableExecuteCommand"); v != nil {
			t.Errorf("web-service: enableExecuteCommand %v; only api asked for it", v)
		}
	})
}
