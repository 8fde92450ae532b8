package stacks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// serviceDir is the service program's test project: one stack per kind.
var serviceDir = filepath.Join("testdata", "service-program")

// platformContract is the platform example's dev contract, as `pulumi
// stack output platform --json` prints it for acme/platform/dev.
func platformContract(t testing.TB) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "platform", "testdata", "contract.dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// withEndpoints adds endpoints to a contract, and a Service Connect
// namespace to its cluster: what a platform offering backends and workers
// exports.
func withEndpoints(c map[string]any, services ...string) map[string]any {
	eps := c["network"].(map[string]any)["endpoints"].(map[string]any)
	for _, s := range services {
		eps[s] = "Interface"
	}
	c["cluster"].(map[string]any)["serviceConnect"] = map[string]any{
		"namespace":    "platform",
		"namespaceArn": "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-4fkq3rb2aexample",
	}
	return c
}

// serviceRun is one run of a stack of the service program's test project.
type serviceRun struct {
	stack string
	// config overrides keys (without the namespace); "" removes one.
	config map[string]string
	// contract is what acme/platform/dev exports; nil: the dev fixture
	// with the sqs and ecs-agent endpoints and a namespace.
	contract map[string]any
	// outputs are more stacks' outputs, by full name.
	outputs map[string]map[string]any
	// region replaces aws:region.
	region string
}

func (s serviceRun) run(t testing.TB) (*awsmock.Mocks, map[string]any, error) {
	t.Helper()
	files, err := LoadStackFiles(serviceDir, s.stack)
	if err != nil {
		t.Fatal(err)
	}
	cfg := map[string]string{}
	for k, v := range files.Config {
		cfg[k] = v
	}
	for k, v := range s.config {
		if v == "" {
			delete(cfg, files.Project+":"+k)
		} else {
			cfg[files.Project+":"+k] = v
		}
	}
	if s.region != "" {
		cfg["aws:region"] = s.region
	}
	files.Config = cfg
	c := s.contract
	if c == nil {
		c = withEndpoints(platformContract(t), "sqs", "ecs-agent")
	}
	m := awsmock.New(cfg["aws:region"])
	m.StackOutputs = map[string]map[string]any{"acme/platform/dev": {components.PlatformOutput: c}}
	for k, v := range s.outputs {
		m.StackOutputs[k] = v
	}
	var outputs map[string]any
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		svc, err := RunService(ctx)
		if err != nil {
			return err
		}
		svc.Outputs.ToMapOutput().ApplyT(func(v map[string]any) map[string]any { outputs = v; return v })
		return nil
	}, files.RunOption(m))
	return m, outputs, err
}

func (s serviceRun) mustRun(t testing.TB) (*awsmock.Mocks, map[string]any) {
	t.Helper()
	m, out, err := s.run(t)
	if err != nil {
		t.Fatalf("stack %s: %v", s.stack, err)
	}
	return m, out
}

// The golden lists show every resource each kind's stack registers (type,
// name, parent, key inputs).
func TestServiceProgramGolden(t *testing.T) {
	for _, stack := range []string{"web", "backend", "worker", "job"} {
		t.Run(stack, func(t *testing.T) {
			m, _ := serviceRun{stack: stack}.mustRun(t)
			checkGolden(t, filepath.Join("testdata", "service-program", stack+".golden"), awsmock.Golden(m))
		})
	}
}

const (
	tListenerRule = "aws:lb/listenerRule:ListenerRule"
	tTargetGroup  = "aws:lb/targetGroup:TargetGroup"
	tEcsService   = "aws:ecs/service:Service"
	tLogGroup     = "aws:cloudwatch/logGroup:LogGroup"
	tStackRef     = "pulumi:pulumi:StackReference"
	tEgressRule   = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tIngressRule  = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"

	devCluster    = "arn:aws:ecs:us-east-1:123456789012:cluster/platform-cluster-4b1c9e2"
	devHttps      = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-main-alb-5e2c1f8/50dc6c495c0c9188/f2f7dc8efc522ab2"
	devAlbSG      = "sg-0b2f8d4a6c1e37925"
	devClientsSG  = "sg-07a3c9e5b1d2f4816"
	devTargetsSG  = "sg-09e4a2c7d5b1f3068"
	devKey        = "arn:aws:kms:us-east-1:123456789012:key/6f1c2a8e-3b4d-4e5f-9a7b-0c1d2e3f4a5b"
	devVpc        = "vpc-0c4f9a7e21b3d5a68"
	devNamespace  = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-4fkq3rb2aexample"
	ledgerStackID = "acme/shop-ledger/dev"
)

var devPrivateSubnets = []any{"subnet-03c8e5a1f7b2d9461", "subnet-0e2b9d6c4a8f13757"}

// A web service stack runs on the platform its platformStack names, and
// owns only its own pieces: its ECS service on the platform's cluster and
// private subnets, in its own group, the ALB's targets group and the
// platform's endpoint-clients group (BRIEF fact 11: the endpoints admit
// HTTPS from that group); its
// listener rule on the platform's HTTPS listener with its hosts and
// paths, at a priority inside its team's block; its target group in the
// platform's VPC; one ingress rule, from the ALB's group, on its port;
// its log group under the platform's key, kept as long as the stack says.
func TestServiceProgramWebRunsOnThePlatformItNames(t *testing.T) {
	m, out := serviceRun{stack: "web"}.mustRun(t)
	svc := find(t, m, tEcsService, "orders-service")
	expectInput(t, svc, "cluster", devCluster)
	expectInput(t, svc, "networkConfiguration", map[string]any{
		"assignPublicIp": false, "subnets": devPrivateSubnets, "securityGroups": []any{"orders-task-sg_id", devTargetsSG, devClientsSG},
	})
	expectInput(t, svc, "capacityProviderStrategies", []any{map[string]any{"base": 0, "capacityProvider": "FARGATE_SPOT", "weight": 1}})
	rule := find(t, m, tListenerRule, "orders-rule")
	expectInput(t, rule, "listenerArn", devHttps)
	expectInput(t, rule, "conditions", []any{
		map[string]any{"hostHeader": map[string]any{"values": []any{"orders.example.com"}}},
		map[string]any{"pathPattern": map[string]any{"values": []any{"/orders", "/orders/*"}}},
	})
	if p, _ := input(rule, "priority").(float64); p < 1 || p > 5000 {
		t.Errorf("rule priority %v, want one inside the orders team's block 1-5000", p)
	}
	tg := find(t, m, tTargetGroup, "orders-tg")
	expectInput(t, tg, "vpcId", devVpc)
	expectInput(t, tg, "port", 8080)
	if hc, _ := input(tg, "healthCheck").(map[string]any); hc["path"] != "/orders/healthz" {
		t.Errorf("target group health check %v, want path /orders/healthz", hc)
	}
	in := m.ByType(tIngressRule)
	if len(in) != 1 {
		t.Fatalf("%d ingress rules, want the ALB's one", len(in))
	}
	expectInput(t, in[0], "referencedSecurityGroupId", devAlbSG)
	expectInput(t, in[0], "fromPort", 8080)
	if eg := m.ByType(tEgressRule); len(eg) != 0 {
		t.Errorf("%d egress rules; the tasks' egress is the platform's endpoint-clients group", len(eg))
	}
	logs := find(t, m, tLogGroup, "orders-logs")
	expectInput(t, logs, "kmsKeyId", devKey)
	expectInput(t, logs, "retentionInDays", 14)
	if out["url"] != "https://orders.example.com/orders/" {
		t.Errorf("url = %v, want https://orders.example.com/orders/", out["url"])
	}
	for _, r := range m.Resources() {
		if r.Type != tStackRef && r.Type != "private-fargate:index:WebService" && !strings.Contains(r.Parent, "WebService") {
			t.Errorf("%s is not the web service's", r.URN)
		}
	}
}

// Each kind makes its own piece and nothing of another's: a backend
// publishes into the platform's Service Connect namespace and exports the
// contract callers attach to; a worker makes its queue and dead-letter
// queue; a job makes its schedule in its time zone. None of them has a
// listener rule or a target group.
func TestServiceProgramKindsMakeTheirPiece(t *testing.T) {
	tests := []struct {
		stack, piece string
		outputs      []string
		check        func(t *testing.T, m *awsmock.Mocks)
	}{
		{"backend", "private-fargate:index:BackendService", []string{"endpoint", "serviceConnect", "serviceName"}, func(t *testing.T, m *awsmock.Mocks) {
			sc, _ := input(find(t, m, tEcsService, "ledger-service"), "serviceConnectConfiguration").(map[string]any)
			if sc["namespace"] != devNamespace {
				t.Errorf("service connect namespace %v, want the platform's %s", sc["namespace"], devNamespace)
			}
		}},
		{"worker", "private-fargate:index:WorkerService", []string{"deadLetterQueueArn", "queueArn", "queueUrl", "serviceName"}, func(t *testing.T, m *awsmock.Mocks) {
			if q := m.ByType("aws:sqs/queue:Queue"); len(q) != 2 {
				t.Errorf("%d queues, want the work queue and its dead-letter queue", len(q))
			}
		}},
		{"job", "private-fargate:index:ScheduledJob", []string{"deadLetterQueueArn", "scheduleArn"}, func(t *testing.T, m *awsmock.Mocks) {
			s := find(t, m, "aws:scheduler/schedule:Schedule", "nightly-schedule")
			expectInput(t, s, "scheduleExpression", "cron(30 3 * * ? *)")
			expectInput(t, s, "scheduleExpressionTimezone", "Europe/Paris")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			m, out := serviceRun{stack: tt.stack}.mustRun(t)
			if len(m.ByType(tt.piece)) != 1 {
				t.Errorf("want one %s", tt.piece)
			}
			for _, typ := range []string{tListenerRule, tTargetGroup, "private-fargate:index:WebService"} {
				if n := len(m.ByType(typ)); n != 0 {
					t.Errorf("%d %s registered; a %s has none", n, typ, tt.stack)
				}
			}
			for _, k := range tt.outputs {
				if _, ok := out[k]; !ok {
					t.Errorf("no output %s (outputs %v)", k, out)
				}
			}
			tt.check(t, m)
		})
	}
}

// A web service calls a backend of another stack by that stack's name
// (calls): it reads the backend's serviceConnect output, becomes a
// Service Connect client in the namespace, and gains exactly one egress
// rule, to the backend's group on its port.
func TestServiceProgramCallsABackendOfAnotherStack(t *testing.T) {
	_, backend := serviceRun{stack: "backend"}.mustRun(t)
	// The mocks' ids are not AWS's: the deployed ledger's group has one.
	ledger, _ := backend["serviceConnect"].(map[string]any)
	ledger["securityGroupId"] = "sg-0d1e2f3a4b5c6d7e8"
	m, _ := serviceRun{stack: "web", config: map[string]string{"calls": `["` + ledgerStackID + `"]`},
		outputs: map[string]map[string]any{ledgerStackID: {components.BackendOutput: ledger}}}.mustRun(t)
	sc, _ := input(find(t, m, tEcsService, "orders-service"), "serviceConnectConfiguration").(map[string]any)
	if sc["enabled"] != true || sc["namespace"] != devNamespace {
		t.Errorf("serviceConnectConfiguration %v, want a client in %s", sc, devNamespace)
	}
	eg := m.ByType(tEgressRule)
	if len(eg) != 1 {
		t.Fatalf("%d egress rules, want one to the ledger", len(eg))
	}
	expectInput(t, eg[0], "fromPort", 8080)
	if refs := len(m.ByType(tStackRef)); refs != 2 {
		t.Errorf("%d stack references, want the platform's and the ledger's", refs)
	}
}

// What a platform owns is refused on a service stack, by key, all at
// once, and nothing registers: no stack reference, no look-up.
func TestServiceProgramRefusesWhatThePlatformOwns(t *testing.T) {
	m, _, err := serviceRun{stack: "web", config: map[string]string{
		"vpcCidr": "10.1.0.0/16", "allowedCidrs": `["10.0.0.0/8"]`, "kmsKey": "create", "albIdleTimeout": "120", "accessLogs": "true",
	}}.run(t)
	for _, key := range []string{"vpcCidr", "allowedCidrs", "kmsKey", "albIdleTimeout", "accessLogs"} {
		want := "shop:" + key + ": belongs to the platform"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("%d resources registered, want none", n)
	}
	if n := len(m.Invokes()); n != 0 {
		t.Errorf("%d look-ups made, want none", n)
	}
}

// The service program's own keys are checked with the rest before
// anything registers, each problem naming its key and the fix.
func TestServiceProgramBadKeysNameTheKeyAndCreateNothing(t *testing.T) {
	tests := []struct {
		name, stack string
		config      map[string]string
		want        []string
	}{
		{"no platform", "web", map[string]string{"platformStack": ""}, []string{"shop:platformStack: not set; set it to the platform stack's full name"}},
		{"not a full stack name", "web", map[string]string{"platformStack": "dev"}, []string{`shop:platformStack: "dev" is not a full stack name`}},
		{"both ways", "web", map[string]string{"platform": `{"version":1}`}, []string{"shop:platformStack: and shop:platform are both set"}},
		{"listener", "web", map[string]string{"listener": "tcp"}, []string{`shop:listener: "tcp" is not a listener; use https or http`}},
		{"priority", "web", map[string]string{"priority": "first"}, []string{`shop:priority: first is not a rule priority`}},
		{"calls", "web", map[string]string{"calls": `["ledger"]`}, []string{`shop:calls[0]: "ledger" is not a full stack name`}},
		{"web without a route", "web", map[string]string{"paths": "", "hosts": ""}, []string{"shop:paths: is required for a web service on a platform"}},
		{"a worker with a route", "worker", map[string]string{"paths": `["/x"]`, "loadBalancer": "main"},
			[]string{"shop:paths: a worker takes no listener rule; remove it, or set kind to web", "shop:loadBalancer: a worker is not behind a load balancer"}},
		{"priority 0", "web", map[string]string{"priority": "0"}, []string{"shop:priority: 0 is not a rule priority; set a whole number inside the team's block, or remove the key"}},
		{"a job calling", "job", map[string]string{"calls": `["` + ledgerStackID + `"]`}, []string{"shop:calls: a job calls no backend"}},
		{"unknown key", "web", map[string]string{"pathz": `["/x"]`}, []string{"shop:pathz: is not a key of this project; did you mean paths?"}},
		{"one-service keys", "web", map[string]string{"memory": "lots", "containerPort": "0"}, []string{"shop:memory:", "shop:containerPort:"}},
		{"a backend's key on a web service", "web", map[string]string{"discoveryName": "orders"}, []string{"shop:discoveryName: is a backend's setting"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, err := serviceRun{stack: tt.stack, config: tt.config}.run(t)
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error = %v, want %q", err, w)
				}
			}
			if n := len(m.Resources()); n != 0 {
				t.Errorf("%d resources registered, want none", n)
			}
		})
	}
}

// A service stack in another region than its platform is refused by
// aws:region: its tasks would run in subnets, a cluster and endpoints of
// another region, which ECS refuses at deploy time.
func TestServiceProgramRunsInItsPlatformsRegion(t *testing.T) {
	m, _, err := serviceRun{stack: "job", config: map[string]string{}, region: "eu-west-1"}.run(t)
	want := "aws:region: is eu-west-1 but platform platform is in us-east-1"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want %q", err, want)
	}
	for _, r := range m.Resources() {
		if r.Type != tStackRef {
			t.Errorf("%s registered; only the stack reference may be", r.URN)
		}
	}
}

// Every problem the contract shows comes back in one run: a load balancer
// the platform lacks does not hide the task size, the capacity, the
// secret or the team.
func TestServiceProgramReportsEveryContractProblemAtOnce(t *testing.T) {
	_, _, err := serviceRun{stack: "web", config: map[string]string{
		"loadBalancer": "edge", "memory": "300", "capacity": `[{"provider":"FARGATE","weight":0}]`,
		"secrets": `{"DB_PASSWORD":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-Xy12Ab"}`,
	}}.run(t)
	for _, want := range []string{"shop:loadBalancer:", "shop:memory:", "shop:capacity", "shop:secrets.DB_PASSWORD:"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
}

// A platform whose cluster publishes no Container Insights metrics says so
// in its contract, and a service asking for alarms on it is refused by
// key: its RunningTasks alarm reads ECS/ContainerInsights (RunningTaskCount
// and DesiredTaskCount are Container Insights metrics: ECS developer
// guide, "Amazon ECS Container Insights metrics"), and would sit with no
// data. The same service without alarms runs.
func TestServiceProgramRefusesAlarmsOnAPlatformWithoutInsights(t *testing.T) {
	c := withEndpoints(platformContract(t), "sqs", "ecs-agent")
	c["cluster"].(map[string]any)["containerInsights"] = "disabled"
	for _, stack := range []string{"web", "worker"} {
		_, _, err := serviceRun{stack: stack, config: map[string]string{"alarms": "true"}, contract: c}.run(t)
		want := "shop:alarms: cluster platform publishes no Container Insights metrics"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v, want %q", stack, err, want)
		}
		if _, _, err := (serviceRun{stack: stack, contract: c}).run(t); err != nil {
			t.Errorf("%s without alarms: %v", stack, err)
		}
	}
}

// What only the platform's contract shows is checked after the stack
// reference and before anything else registers, and each problem still
// names the key that sets it: a priority outside the team's block, a
// secret of another region, a feature whose endpoint the platform lacks.
func TestServiceProgramNamesContractProblemsByKey(t *testing.T) {
	tests := []struct {
		name     string
		config   map[string]string
		contract func(c map[string]any)
		want     string
	}{
		{"priority outside the block", map[string]string{"priority": "6000"}, nil, "shop:priority:"},
		{"secret of another region", map[string]string{"secrets": `{"DB_PASSWORD":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-Xy12Ab"}`}, nil, "shop:secrets.DB_PASSWORD:"},
		{"tracing without the xray endpoint", map[string]string{"tracing": "xray"}, nil, `shop:platformStack: service orders needs the xray endpoint (tracing: the collector sends traces to X-Ray), but network platform has none; add "xray" to the platform stack's endpoints key`},
		{"no such load balancer", map[string]string{"loadBalancer": "edge"}, nil, `shop:loadBalancer: platform platform has no load balancer "edge"`},
		{"no such team", map[string]string{"team": "billing"}, nil, "shop:team:"},
		{"a task size Fargate does not offer", map[string]string{"cpu": "300"}, nil, "shop:cpu:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := withEndpoints(platformContract(t), "sqs", "ecs-agent")
			if tt.contract != nil {
				tt.contract(c)
			}
			m, _, err := serviceRun{stack: "web", config: tt.config, contract: c}.run(t)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			for _, r := range m.Resources() {
				if r.Type != tStackRef {
					t.Errorf("%s registered; only the stack reference may be", r.URN)
				}
			}
		})
	}
}

// ServiceEndpoints gives the endpoints a service stack needs beyond the
// base set, from its config alone, as its platform must offer them: the
// secret store its secrets are in, ssmmessages and kms for ECS Exec
// (the platform's key encrypts the sessions), xray for tracing, sqs for a
// worker, ecs-agent for Service Connect.
func TestServiceEndpointsFromTheConfig(t *testing.T) {
	tests := []struct {
		stack  string
		config map[string]string
		want   []string
	}{
		{"web", nil, []string{"kms", "secretsmanager", "ssmmessages"}},
		{"web", map[string]string{"enableExecuteCommand": "", "secrets": "", "tracing": "xray"}, []string{"xray"}},
		{"web", map[string]string{"enableExecuteCommand": "", "secrets": "", "calls": `["` + ledgerStackID + `"]`}, []string{"ecs-agent"}},
		{"backend", nil, []string{"ecs-agent"}},
		{"worker", nil, []string{"sqs"}},
		{"job", nil, nil},
	}
	for _, tt := range tests {
		files, err := LoadStackFiles(serviceDir, tt.stack)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range tt.config {
			if v == "" {
				delete(files.Config, "shop:"+k)
			} else {
				files.Config["shop:"+k] = v
			}
		}
		got, err := ServiceEndpoints("shop", func(k string) (string, bool) { v, ok := files.Config[k]; return v, ok })
		if err != nil {
			t.Fatalf("%s %v: %v", tt.stack, tt.config, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %v: endpoints %v, want %v", tt.stack, tt.config, got, tt.want)
		}
	}
	_, err := ServiceEndpoints("shop", func(k string) (string, bool) {
		return map[string]string{"shop:vpcCidr": "10.0.0.0/16", "shop:platformStack": "a/b/c", "shop:paths": `["/"]`}[k], k == "shop:vpcCidr" || k == "shop:platformStack" || k == "shop:paths"
	})
	if err == nil || !strings.Contains(err.Error(), "shop:vpcCidr: belongs to the platform") {
		t.Errorf("error = %v, want the platform's key refused", err)
	}
}
