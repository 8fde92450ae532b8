package infra_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/examples/team-orders/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

var update = flag.Bool("update", false, "rewrite testdata/dev.golden")

// projectDir holds the example's Pulumi.yaml and stack files.
const projectDir = ".."

// contractFile is the platform example's dev contract, as its deployed
// stack prints it (`pulumi stack output platform --json`); the platform
// example's tests keep it in step with what the platform exports.
var contractFile = filepath.Join(projectDir, "..", "platform", "testdata", "contract.dev.json")

const (
	platformStack = "acme/platform/dev"
	httpsListener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-main-alb-5e2c1f8/50dc6c495c0c9188/f2f7dc8efc522ab2"
	albSG         = "sg-0b2f8d4a6c1e37925"
	targetsSG     = "sg-09e4a2c7d5b1f3068"
	clientsSG     = "sg-07a3c9e5b1d2f4816"
	dbSecret      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-password-Xy12Ab"

	tStackRef      = "pulumi:pulumi:StackReference"
	tService       = "aws:ecs/service:Service"
	tListenerRule  = "aws:lb/listenerRule:ListenerRule"
	tIngress       = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tEgress        = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tRolePolicy    = "aws:iam/rolePolicy:RolePolicy"
	tSchedule      = "aws:scheduler/schedule:Schedule"
	tScheduleGroup = "aws:scheduler/scheduleGroup:ScheduleGroup"
	tStateMachine  = "aws:sfn/stateMachine:StateMachine"
	tQueue         = "aws:sqs/queue:Queue"
)

// contract reads the platform's dev contract as a stack output holds it.
func contract(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", contractFile, err)
	}
	return c
}

// stack is one run of the dev stack, changed.
type stack struct {
	// config overrides keys of the dev stack (without the namespace); ""
	// removes a key.
	config map[string]string
	// edit changes the platform contract the platform stack exports.
	edit func(c map[string]any)
	// rules are the rules the live listeners hold.
	rules []awsmock.ListenerRule
	// noOutput runs with a platform stack that exports nothing.
	noOutput bool
}

// run runs the dev stack as the offline plan does, with the platform
// stack's outputs mocked from the contract fixture.
func (s stack) run(t *testing.T) (*awsmock.Mocks, error) {
	t.Helper()
	files, err := stacks.LoadStackFiles(projectDir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	cfg := map[string]string{}
	for k, v := range files.Config {
		cfg[k] = v
	}
	for k, v := range s.config {
		if v == "" {
			delete(cfg, "team-orders:"+k)
		} else {
			cfg["team-orders:"+k] = v
		}
	}
	files.Config = cfg
	c := contract(t)
	if s.edit != nil {
		s.edit(c)
	}
	m := awsmock.New(cfg["aws:region"])
	m.ListenerRules = s.rules
	if !s.noOutput {
		m.StackOutputs = map[string]map[string]any{platformStack: {components.PlatformOutput: c}}
	}
	err = pulumi.RunErr(infra.Program, files.RunOption(m))
	return m, err
}

func (s stack) mustRun(t *testing.T) *awsmock.Mocks {
	t.Helper()
	m, err := s.run(t)
	if err != nil {
		t.Fatalf("dev stack: %v", err)
	}
	return m
}

// The golden list shows every resource the dev stack registers (type,
// name, parent, key inputs): a rename or a replacement shows as a diff.
func TestDevStackGolden(t *testing.T) {
	awsmock.CheckGolden(t, filepath.Join("testdata", "dev.golden"), awsmock.Golden(stack{}.mustRun(t)), *update, "./examples/team-orders/...")
}

// owned are the resource types a service stack may create: its services'
// and its job's own pieces, and the stack reference it reads the platform
// through.
var owned = []string{
	tStackRef, service.WebServiceType, service.ScheduledJobType,
	"aws:ec2/securityGroup:SecurityGroup", tIngress, "aws:lb/targetGroup:TargetGroup", tListenerRule,
	"aws:ecr/repository:Repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy", "awsx:ecr:Image",
	"aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role", tRolePolicy,
	"aws:ecs/taskDefinition:TaskDefinition", tService,
	tScheduleGroup, tSchedule, tStateMachine, tQueue,
}

// The service stack owns only its services' resources: nothing of the
// network, the load balancer or the cluster, and no rule on any platform
// group. Each task group holds one rule, the ALB in on the container
// port; its egress comes from the platform's endpoint-clients group
// (BRIEF fact 11), so a destroy of this stack leaves every platform group
// as it was.
func TestDevStackOwnsOnlyItsOwnResources(t *testing.T) {
	m := stack{}.mustRun(t)
	for _, r := range m.Resources() {
		if !slices.Contains(owned, r.Type) {
			t.Errorf("%s registered; a service stack creates only its services' own resources", r.URN)
		}
	}
	if egress := m.ByType(tEgress); len(egress) > 0 {
		t.Errorf("%s registered; the tasks' egress is the platform's endpoint-clients group", egress[0].URN)
	}
	rules := m.ByType(tIngress)
	if len(rules) != 2 {
		t.Errorf("%d ingress rules, want one per service (2)", len(rules))
	}
	for _, svc := range []string{infra.API, infra.Admin} {
		r := awsmock.MustFind(t, m, tIngress, svc+"-task-in-alb")
		awsmock.ExpectInput(t, r, "securityGroupId", svc+"-task-sg_id")
		awsmock.ExpectInput(t, r, "referencedSecurityGroupId", albSG)
		awsmock.ExpectInput(t, r, "fromPort", 8080)
		awsmock.ExpectInput(t, r, "toPort", 8080)
	}
	for _, r := range rules {
		if g := r.Inputs["securityGroupId"].StringValue(); strings.HasPrefix(g, "sg-") {
			t.Errorf("%s adds a rule to platform group %s", r.URN, g)
		}
	}
	if refs := m.ByType(tStackRef); len(refs) != 1 || refs[0].Name != platformStack {
		t.Errorf("stack references %v, want the one to %s", refs, platformStack)
	}
}

// The tasks run in the platform's private subnets with no public IP, in
// its cluster, and join its targets group (which the ALB reaches) and its
// endpoint-clients group (which reaches the endpoints): three groups of
// the five an interface holds (Amazon VPC quotas, "Security groups per
// network interface").
func TestDevStackTasksJoinThePlatformGroups(t *testing.T) {
	m := stack{}.mustRun(t)
	for _, svc := range []string{infra.API, infra.Admin} {
		s := awsmock.MustFind(t, m, tService, svc+"-service")
		awsmock.ExpectInput(t, s, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/platform-cluster-4b1c9e2")
		awsmock.ExpectInput(t, s, "networkConfiguration", map[string]any{
			"assignPublicIp": false,
			"securityGroups": []string{svc + "-task-sg_id", targetsSG, clientsSG},
			"subnets":        []string{"subnet-03c8e5a1f7b2d9461", "subnet-0e2b9d6c4a8f13757"},
		})
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tService, infra.API+"-service"), "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE", "base": 0, "weight": 1}})
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tService, infra.Admin+"-service"), "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}})
}

// Fact: listener rule priorities are unique per listener, 1 to 50000
// (ELB User Guide, "Listener rules"). Each service's rule is on the
// platform's HTTPS listener at the priority its name derives in the
// orders team's block, 1-5000, so neither another team's services nor a
// new service of this team moves it; and each service waits for its rule
// (BRIEF fact 5).
func TestDevStackPrioritiesAreInsideTheTeamBlock(t *testing.T) {
	m := stack{}.mustRun(t)
	block := edge.PriorityRange{Team: infra.Team, From: 1, To: 5000}
	seen := map[int]string{}
	for _, tc := range []struct{ svc, path string }{{infra.API, "/orders/*"}, {infra.Admin, "/orders-admin/*"}} {
		r := awsmock.MustFind(t, m, tListenerRule, tc.svc+"-rule")
		p := edge.DerivedPriority(tc.svc, block)
		if p < block.From || p > block.To {
			t.Fatalf("%s: derived priority %d is outside the orders block %d-%d", r.URN, p, block.From, block.To)
		}
		if other, dup := seen[p]; dup {
			t.Errorf("%s: priority %d is also %s's", r.URN, p, other)
		}
		seen[p] = tc.svc
		awsmock.ExpectInput(t, r, "listenerArn", httpsListener)
		awsmock.ExpectInput(t, r, "priority", p)
		awsmock.ExpectInput(t, r, "conditions", []map[string]any{
			{"hostHeader": map[string]any{"values": []string{"orders.example.com"}}},
			{"pathPattern": map[string]any{"values": []string{tc.path}}},
		})
		if s := awsmock.MustFind(t, m, tService, tc.svc+"-service"); !slices.Contains(s.Dependencies, r.URN) {
			t.Errorf("%s does not wait for %s", s.URN, r.URN)
		}
	}
}

// Fact: a task's secrets are read by its execution role, which needs
// secretsmanager:GetSecretValue on those secrets only (BRIEF fact 10),
// through the platform's secretsmanager endpoint (fact 2); ECS Exec needs
// the task role's ssmmessages channels, and writes to the platform's
// session log group under its key (fact 13). Only orders-admin takes
// sessions.
func TestDevStackSecretAndExecGrants(t *testing.T) {
	m := stack{}.mustRun(t)
	policy := awsmock.MustFind(t, m, tRolePolicy, infra.API+"-execution-policy").Inputs["policy"].StringValue()
	if want := `{"Sid":"ReadSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["` + dbSecret + `"]}`; !strings.Contains(policy, want) {
		t.Errorf("%s-execution-policy lacks %s:\n%s", infra.API, want, policy)
	}
	if p := awsmock.MustFind(t, m, tRolePolicy, infra.Admin+"-execution-policy").Inputs["policy"].StringValue(); strings.Contains(p, "secretsmanager") {
		t.Errorf("%s-execution-policy grants secrets it does not read:\n%s", infra.Admin, p)
	}
	exec := awsmock.MustFind(t, m, tRolePolicy, infra.Admin+"-exec-policy").Inputs["policy"].StringValue()
	for _, want := range []string{`"ssmmessages:OpenDataChannel"`, "arn:aws:logs:us-east-1:123456789012:log-group:platform-exec-logs-a91f3d7:*", `"kms:Decrypt"`, "arn:aws:kms:us-east-1:123456789012:key/6f1c2a8e-3b4d-4e5f-9a7b-0c1d2e3f4a5b"} {
		if !strings.Contains(exec, want) {
			t.Errorf("%s-exec-policy lacks %s:\n%s", infra.Admin, want, exec)
		}
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tService, infra.Admin+"-service"), "enableExecuteCommand", true)
	if r := m.Find(tRolePolicy, infra.API+"-exec-policy"); r != nil {
		t.Errorf("%s registered; only orders-admin takes ECS Exec sessions", r.URN)
	}
}

// deleteEndpoint removes an endpoint from the platform contract.
func deleteEndpoint(name string) func(map[string]any) {
	return func(c map[string]any) {
		delete(c["network"].(map[string]any)["endpoints"].(map[string]any), name)
	}
}

// A service the platform cannot serve is refused before anything but the
// stack reference registers, naming the problem and the fix, so that
// `pulumi up --skip-preview` creates nothing either: a missing endpoint
// (BRIEF facts 2 and 13), a priority another rule holds on the live
// listener (fact 15), a team with no block, a host the certificate does
// not cover, and a platform stack with no contract yet.
func TestRefusedBeforeAnythingRegisters(t *testing.T) {
	adminPriority := edge.DerivedPriority(infra.Admin, edge.PriorityRange{From: 1, To: 5000})
	held := "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/platform-main-alb-5e2c1f8/50dc6c495c0c9188/f2f7dc8efc522ab2/9d3c2b1a0f4e5d6c"
	tests := []struct {
		name     string
		give     stack
		wantErr  []string
		wantRefs int
	}{
		{"no secretsmanager endpoint", stack{edit: deleteEndpoint("secretsmanager")},
			[]string{"service orders-api needs the secretsmanager endpoint", "network platform has none", `add "secretsmanager" to its ExtraEndpointServices (a platform's Endpoints)`}, 1},
		{"no ssmmessages endpoint", stack{edit: deleteEndpoint("ssmmessages")},
			[]string{"service orders-admin needs the ssmmessages endpoint"}, 1},
		{"priority held on the live listener", stack{rules: []awsmock.ListenerRule{{ListenerArn: httpsListener, Priority: adminPriority, Arn: held}}},
			[]string{"Route.Priority", "is held on the https listener of load balancer main by rule " + held}, 1},
		{"no block for the team", stack{edit: func(c map[string]any) {
			lb := c["loadBalancers"].([]any)[0].(map[string]any)
			lb["priorityRanges"] = lb["priorityRanges"].([]any)[1:]
		}}, []string{`Route.Team: load balancer main gives no priority block to team "orders"`, "ask the platform team for a block"}, 1},
		{"host the certificate does not cover", stack{config: map[string]string{"host": "orders.example.org"}},
			[]string{"Route.Hosts[0]: orders.example.org is not a name the certificate of load balancer main covers"}, 1},
		{"platform stack without a contract", stack{noOutput: true},
			[]string{`platform stack acme/platform/dev has no "platform" output yet`, "deploy the platform program there first"}, 1},
		{"contract of another version", stack{edit: func(c map[string]any) { c["version"] = 2.0 }},
			[]string{"platform stack acme/platform/dev", "version: is 2, but this package reads version 1"}, 1},
		{"config without a platform", stack{config: map[string]string{"platformStack": ""}},
			[]string{"team-orders:platformStack: not set", "pulumi config set platformStack acme/platform/dev"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.give.run(t)
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
			refs := 0
			for _, r := range m.Resources() {
				if r.Type == tStackRef {
					refs++
					continue
				}
				t.Errorf("%s registered although the stack was refused", r.URN)
			}
			if refs != tt.wantRefs {
				t.Errorf("%d stack references registered, want %d", refs, tt.wantRefs)
			}
		})
	}
}

// With the contract in config (key platform), for a platform another
// tool made, the stack registers the same resources and no stack
// reference.
func TestConfigOnlyModeRegistersTheSameResources(t *testing.T) {
	data, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	m := stack{config: map[string]string{"platformStack": "", infra.PlatformKey: string(data)}, noOutput: true}.mustRun(t)
	want := strings.Split(awsmock.Golden(stack{}.mustRun(t)), "\n")
	want = slices.DeleteFunc(want, func(l string) bool { return strings.HasPrefix(l, tStackRef+" ") })
	if diff := cmp.Diff(want, strings.Split(awsmock.Golden(m), "\n")); diff != "" {
		t.Errorf("config-only mode registers other resources than the stack reference mode, beyond the reference (-want +got):\n%s", diff)
	}
}

func TestReadConfig(t *testing.T) {
	base := map[string]string{"platformStack": platformStack, "host": "orders.example.com", "dbSecretArn": dbSecret, "appPath": "../../app"}
	with := func(k, v string) map[string]string {
		out := map[string]string{}
		for bk, bv := range base {
			out[bk] = bv
		}
		out[k] = v
		return out
	}
	tests := []struct {
		name    string
		give    map[string]string
		wantErr []string
	}{
		{"dev", base, nil},
		{"platform key at its default", with("platform", "{}"), nil},
		{"both platform sources", with("platform", `{"version":1}`), []string{"team-orders:platformStack: and team-orders:platform are both set"}},
		{"short stack name", with("platformStack", "platform/dev"), []string{`team-orders:platformStack: "platform/dev" is not a full stack name; use <organization>/<project>/<stack>`}},
		{"no host", with("host", " "), []string{"team-orders:host: not set"}},
		{"secret of another kind", with("dbSecretArn", "arn:aws:ssm:us-east-1:123456789012:parameter/orders/db"), []string{"team-orders:dbSecretArn:", "is not a Secrets Manager secret ARN"}},
		{"no app", with("appPath", ""), []string{"team-orders:appPath: not set"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := infra.ReadConfig("team-orders", func(k string) (string, bool) {
				v, ok := tt.give[strings.TrimPrefix(k, "team-orders:")]
				return v, ok
			})
			if len(tt.wantErr) == 0 && err != nil {
				t.Fatalf("ReadConfig: %v", err)
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
		})
	}
}

// The Pulumi CLI refuses a stack that lacks a key Pulumi.yaml declares
// without a default ("Stack 'dev' is missing configuration value"), which
// the offline tools do not check: the dev stack sets every such key.
func TestDevStackSetsEveryRequiredKey(t *testing.T) {
	proj, err := workspace.LoadProject(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := stacks.LoadStackFiles(projectDir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	for key, typ := range proj.Config {
		if typ.Default == nil && typ.Value == nil && !slices.Contains(files.FromStack, "team-orders:"+key) {
			t.Errorf("Pulumi.yaml declares %s without a default, and Pulumi.dev.yaml does not set it", key)
		}
	}
}

// The next deploy finds the stack's own rules at their priorities on the
// live listener, tagged as this stack tagged them, and goes ahead: only
// another owner's rule is refused.
func TestRedeployKeepsItsOwnRules(t *testing.T) {
	block := edge.PriorityRange{From: 1, To: 5000}
	var rules []awsmock.ListenerRule
	for _, svc := range []string{infra.API, infra.Admin} {
		rules = append(rules, awsmock.ListenerRule{
			ListenerArn: httpsListener, Priority: edge.DerivedPriority(svc, block), Arn: httpsListener + "/" + svc,
			Tags: map[string]string{"project": "team-orders", "stack": "dev", "component": svc, "Name": svc + "-rule"},
		})
	}
	m := stack{rules: rules}.mustRun(t)
	if n := len(m.ByType(tListenerRule)); n != 2 {
		t.Errorf("%d listener rules registered on a redeploy, want the stack's 2", n)
	}
}

// The report runs from a schedule of its own (EventBridge Scheduler user
// guide, "Schedule types": cron(minutes hours day-of-month month
// day-of-week year), read in ScheduleExpressionTimezone, daylight saving
// included), with no flexible window, through the state machine that
// stops it at its timeout (ECS has no task timeout), with the retry
// policy's defaults and a dead-letter queue that keeps a run 14 days.
// Its task runs in the platform's private subnets with no public IP, on
// Fargate Spot, in its own group and the platform's endpoint-clients
// group only: not the targets group, since nothing calls a job, and no
// rule admits anything to its group.
func TestDevStackRunsTheReportNightlyWithATimeout(t *testing.T) {
	m := stack{}.mustRun(t)
	s := awsmock.MustFind(t, m, tSchedule, infra.Report+"-schedule")
	awsmock.ExpectInput(t, s, "scheduleExpression", "cron(30 3 * * ? *)")
	awsmock.ExpectInput(t, s, "scheduleExpressionTimezone", "Europe/Paris")
	awsmock.ExpectInput(t, s, "flexibleTimeWindow", map[string]any{"mode": "OFF"})
	machine := awsmock.MustFind(t, m, tStateMachine, infra.Report+"-state-machine")
	dlq := awsmock.MustFind(t, m, tQueue, infra.Report+"-dlq")
	awsmock.ExpectInput(t, s, "target", map[string]any{
		"arn":              machine.Outputs["arn"].StringValue(),
		"roleArn":          "arn:aws:iam::123456789012:role/orders-report-scheduler-role",
		"retryPolicy":      map[string]any{"maximumEventAgeInSeconds": 86400, "maximumRetryAttempts": 185},
		"deadLetterConfig": map[string]any{"arn": dlq.Outputs["arn"].StringValue()},
	})
	awsmock.ExpectInput(t, dlq, "messageRetentionSeconds", 1209600)
	awsmock.ExpectInput(t, dlq, "sqsManagedSseEnabled", true)
	awsmock.ExpectInput(t, machine, "type", "STANDARD")

	var def struct {
		TimeoutSeconds int
		States         map[string]struct {
			Branches []struct {
				States map[string]struct {
					Seconds    int
					Resource   string
					Parameters struct {
						CapacityProviderStrategy []map[string]any
						NetworkConfiguration     struct{ AwsvpcConfiguration map[string]any }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(machine.Inputs["definition"].StringValue()), &def); err != nil {
		t.Fatalf("%s: definition is not JSON: %v", machine.URN, err)
	}
	branches := def.States["RunWithDeadline"].Branches
	if len(branches) != 2 {
		t.Fatalf("%s: %d branches, want the task's and the deadline's", machine.URN, len(branches))
	}
	run, deadline := branches[0].States["RunTask"], branches[1].States["Deadline"]
	if run.Resource != "arn:aws:states:::ecs:runTask.sync" || deadline.Seconds != infra.ReportTimeout {
		t.Errorf("%s: runs %s with a deadline of %d s, want ecs:runTask.sync and %d s", machine.URN, run.Resource, deadline.Seconds, infra.ReportTimeout)
	}
	if diff := cmp.Diff([]map[string]any{{"CapacityProvider": "FARGATE_SPOT", "Weight": 1.0, "Base": 0.0}}, run.Parameters.CapacityProviderStrategy); diff != "" {
		t.Errorf("%s: strategy (-want +got):\n%s", machine.URN, diff)
	}
	if diff := cmp.Diff(map[string]any{
		"Subnets":        []any{"subnet-03c8e5a1f7b2d9461", "subnet-0e2b9d6c4a8f13757"},
		"SecurityGroups": []any{infra.Report + "-task-sg_id", clientsSG},
		"AssignPublicIp": "DISABLED",
	}, run.Parameters.NetworkConfiguration.AwsvpcConfiguration); diff != "" {
		t.Errorf("%s: network configuration (-want +got):\n%s", machine.URN, diff)
	}
	for _, r := range m.ByType(tIngress) {
		if r.Inputs["securityGroupId"].StringValue() == infra.Report+"-task-sg_id" {
			t.Errorf("%s admits traffic to the report's tasks; a job takes none", r.URN)
		}
	}
}
