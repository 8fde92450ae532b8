package plan

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
)

// contractFixture is the platform example's dev contract.
var contractFixture = filepath.Join(platformDir, "testdata", "contract.dev.json")

// ordersBlock is the orders team's block in the fixture.
var ordersBlock = edge.PriorityRange{Team: "orders", From: 1, To: 5000}

// The service stack's plan says what it adds to the platform: a listener
// rule in the team's block and a target group per service on the ALB,
// and its tasks in the platform's targets and endpoint-clients groups;
// and no rule on any platform group.
func TestPlanServiceStackAddsToThePlatform(t *testing.T) {
	p := mustLoadDir(t, teamOrdersDir, "dev")
	ps := p.Platform
	if ps == nil {
		t.Fatal("the team-orders plan has no platform section")
	}
	if ps.Name != "platform" || ps.Stack != "acme/platform/dev" || ps.Source != filepath.Join(teamOrdersDir, "..", "platform", "testdata", "contract.dev.json") {
		t.Errorf("platform %q from %q through %q; want platform, the fixture and acme/platform/dev", ps.Name, ps.Source, ps.Stack)
	}
	type add struct{ Service, Kind, Resource, Detail string }
	var got []add
	for _, a := range ps.Adds {
		got = append(got, add{a.Service, a.Kind, a.Resource, a.Detail})
	}
	api, admin := edge.DerivedPriority("orders-api", ordersBlock), edge.DerivedPriority("orders-admin", ordersBlock)
	want := []add{
		{"orders-admin", "group membership", "orders-admin-service", "tasks join sg-09e4a2c7d5b1f3068 (ALB main's targets group)"},
		{"orders-admin", "group membership", "orders-admin-service", "tasks join sg-07a3c9e5b1d2f4816 (the endpoint clients' group)"},
		{"orders-admin", "listener rule", "orders-admin-rule", "ALB main, https listener, priority " + itoa(admin) + " (the orders team's block 1-5000): orders.example.com /orders-admin/*"},
		{"orders-admin", "target group", "orders-admin-tg", "ALB main forwards to it"},
		{"orders-api", "group membership", "orders-api-service", "tasks join sg-09e4a2c7d5b1f3068 (ALB main's targets group)"},
		{"orders-api", "group membership", "orders-api-service", "tasks join sg-07a3c9e5b1d2f4816 (the endpoint clients' group)"},
		{"orders-api", "listener rule", "orders-api-rule", "ALB main, https listener, priority " + itoa(api) + " (the orders team's block 1-5000): orders.example.com /orders/*"},
		{"orders-api", "target group", "orders-api-tg", "ALB main forwards to it"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("what the stack adds to the platform (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ALB main: this stack's 2 rules and target groups, of the 100 rules and 100 target groups an ALB holds; 2 of the orders team's 10 services"}, ps.Room); diff != "" {
		t.Errorf("room the stack takes (-want +got):\n%s", diff)
	}
	if len(ps.PlatformGroupRules) != 0 {
		t.Errorf("the stack adds rules to platform groups: %v", ps.PlatformGroupRules)
	}
	wantEndpoints := map[string][]string{
		"ecr.api": {"orders-admin", "orders-api", "orders-report"}, "ecr.dkr": {"orders-admin", "orders-api", "orders-report"},
		"logs": {"orders-admin", "orders-api", "orders-report"}, "s3": {"orders-admin", "orders-api", "orders-report"},
		"secretsmanager": {"orders-api"}, "ssmmessages": {"orders-admin"}, "kms": {"orders-admin"},
	}
	if diff := cmp.Diff(wantEndpoints, ps.Endpoints); diff != "" {
		t.Errorf("platform endpoints the tasks use (-want +got):\n%s", diff)
	}
	text := p.Text()
	for _, w := range []string{
		"Region us-east-1, zones us-east-1a, us-east-1b (the platform's).",
		"Platform platform (contract from ", "attached through a stack reference to acme/platform/dev",
		"Rules on the platform's security groups: none; the tasks join its groups instead.",
		"this team's share (1/2)", "the teams the contract gives priority blocks to (orders, payments)",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("the text plan lacks %q", w)
		}
	}
	if strings.Contains(text, "Break-even against NAT") {
		t.Errorf("the service stack's text plan prices the break-even of endpoints it does not own")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// The platform's fixed cost the service stack's plan prices from the
// contract is the platform stack's own estimate: its ALB, the ALB's
// public addresses and its interface endpoints, which is all that plan
// prices. The share is 1/N of it for N teams, on top of the stack's own
// estimate.
func TestPlanServiceStackCostsItsShareOfThePlatform(t *testing.T) {
	p := mustLoadDir(t, teamOrdersDir, "dev")
	platform := mustLoadDir(t, platformDir, "dev")
	ps := p.Platform
	if got, want := ps.FixedTotal, platform.Cost.Estimates[0].Total; math.Abs(got-want) > 0.005 {
		t.Errorf("platform fixed cost from the contract %.2f, but the platform stack's plan estimates %.2f", got, want)
	}
	var items []string
	for _, l := range ps.Fixed {
		items = append(items, l.Item)
	}
	if diff := cmp.Diff([]string{ItemALB, ItemPublicIPv4, ItemInterfaceEndpoint, ItemKmsKeys}, items); diff != "" {
		t.Errorf("platform fixed cost lines (-want +got):\n%s", diff)
	}
	if ps.Teams != 2 || ps.Share != round2(ps.FixedTotal/2) {
		t.Errorf("share %.2f of %d teams, want %.2f of 2", ps.Share, ps.Teams, round2(ps.FixedTotal/2))
	}
	if ps.Own != p.Cost.Estimates[0].Total || ps.Total != round2(ps.Own+ps.Share) {
		t.Errorf("own %.2f and total %.2f, want the stack's estimate %.2f and own plus share", ps.Own, ps.Total, p.Cost.Estimates[0].Total)
	}
	four, err := LoadWith(teamOrdersDir, "dev", Options{Teams: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got := four.Platform; got.Teams != 4 || got.TeamsFrom != "--teams" || got.Share != round2(ps.FixedTotal/4) {
		t.Errorf("with 4 teams: share %.2f of %d (%s), want %.2f of 4 (--teams)", got.Share, got.Teams, got.TeamsFrom, round2(ps.FixedTotal/4))
	}
}

// The way in and the way out of the service stack's tasks are open
// through the platform's rules, which the contract states: the ALB's
// egress to its targets group, whose members the tasks are, and the
// endpoint clients' egress to the endpoints and S3.
func TestPlanServiceStackPathsGoThroughThePlatform(t *testing.T) {
	p := mustLoadDir(t, teamOrdersDir, "dev")
	type hop struct{ From, To, Ports string }
	var got []hop
	for _, h := range p.Hops {
		if !h.Open {
			t.Errorf("hop %s -> %s on %s is dropped: %s", h.From.Label, h.To.Label, h.Ports(), h.Note)
		}
		got = append(got, hop{h.From.Label, h.To.Label, h.Ports()})
	}
	alb := "ALB main's group of platform platform (sg-0b2f8d4a6c1e37925)"
	eps := "endpoints of platform platform (sg-0d5e1a9c3b7f24680)"
	s3 := "S3 prefix list pl-63a5400a (platform platform's gateway endpoint)"
	want := []hop{
		{alb, "tasks (orders-admin-task-sg)", "tcp 8080"},
		{alb, "tasks (orders-api-task-sg)", "tcp 8080"},
		{"tasks (orders-admin-task-sg)", eps, "tcp 443"},
		{"tasks (orders-admin-task-sg)", s3, "tcp 443"},
		{"tasks (orders-api-task-sg)", eps, "tcp 443"},
		{"tasks (orders-api-task-sg)", s3, "tcp 443"},
		// The report job's tasks join the endpoint clients' group too,
		// through the RunTask its state machine makes.
		{"tasks (orders-report-task-sg)", eps, "tcp 443"},
		{"tasks (orders-report-task-sg)", s3, "tcp 443"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the service stack's hops (-want +got):\n%s", diff)
	}
	for _, h := range p.Hops {
		if strings.HasPrefix(h.From.Label, "tasks (orders-report") && !slices.Equal(h.Services, []string{"orders-report"}) {
			t.Errorf("hop %s -> %s belongs to %v, want the job orders-report", h.From.Label, h.To.Label, h.Services)
		}
	}
}

// writeOutputs writes what `pulumi stack output --json` prints for the
// platform stack: its outputs by name, the contract under "platform".
func writeOutputs(t *testing.T, edit func(c map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(contractFixture)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(c)
	}
	out, _ := json.Marshal(map[string]any{"platform": c})
	path := filepath.Join(t.TempDir(), "outputs.json")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadWithPlatformFile(t *testing.T) {
	write := func(body string) string {
		path := filepath.Join(t.TempDir(), "platform.json")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name    string
		dir     string
		opts    Options
		want    string // the platform's source, on success
		wantErr []string
	}{
		{name: "stack outputs", dir: teamOrdersDir, opts: Options{Platform: writeOutputs(t, nil)}, want: "outputs.json"},
		{name: "the contract itself", dir: teamOrdersDir, opts: Options{Platform: contractFixture}, want: "contract.dev.json"},
		{name: "no such file", dir: teamOrdersDir, opts: Options{Platform: "/nonexistent/platform.json"},
			wantErr: []string{"platform contract: open /nonexistent/platform.json", "pass the file `pulumi stack output --json` writes"}},
		{name: "not JSON", dir: teamOrdersDir, opts: Options{Platform: write("platform: yes")},
			wantErr: []string{"not a JSON object", "pass what `pulumi stack output --json` prints"}},
		{name: "platform output not an object", dir: teamOrdersDir, opts: Options{Platform: write(`{"platform": "acme"}`)},
			wantErr: []string{`its "platform" output is not an object`}},
		{name: "contract of another version", dir: teamOrdersDir, opts: Options{Platform: writeOutputs(t, func(c map[string]any) { c["version"] = 2 })},
			wantErr: []string{"version: is 2, but this package reads version 1"}},
		{name: "ids a platform cannot have", dir: teamOrdersDir, opts: Options{Platform: writeOutputs(t, func(c map[string]any) {
			c["network"].(map[string]any)["vpcId"] = "main-vpc_id"
		})}, wantErr: []string{`network.vpcId: "main-vpc_id" is not an id like vpc-0123456789abcdef0`}},
		{name: "a program that attaches to nothing", dir: sharedPlatformDir, opts: Options{Platform: contractFixture},
			wantErr: []string{"--platform: project shared-platform attaches to no platform; drop the flag"}},
		{name: "negative teams", dir: teamOrdersDir, opts: Options{Teams: -1}, wantErr: []string{"--teams: -1 is negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := LoadWith(tt.dir, "dev", tt.opts)
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("LoadWith: %v", err)
				}
				if !strings.HasSuffix(p.Platform.Source, tt.want) || len(p.Platform.Adds) != 8 {
					t.Errorf("platform from %q with %d additions, want %s and 8", p.Platform.Source, len(p.Platform.Adds), tt.want)
				}
				return
			}
			if p != nil {
				t.Errorf("a plan was made although the input was refused")
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
		})
	}
}

// A stack that holds the contract in config (a platform another tool
// made) is planned from its config: the same additions, no stack
// reference, and --platform refused.
func TestLoadServiceStackWithContractInConfig(t *testing.T) {
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(teamOrdersDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	contract, err := os.ReadFile(contractFixture)
	if err != nil {
		t.Fatal(err)
	}
	var indented strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(contract)), "\n") {
		indented.WriteString("    " + line + "\n")
	}
	body := "config:\n  aws:region: us-east-1\n  team-orders:dbSecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-password-Xy12Ab\n  team-orders:platform:\n" + indented.String()
	for name, b := range map[string]string{"Pulumi.yaml": string(proj), "Pulumi.cfg.yaml": body} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Load(dir, "cfg")
	if err != nil {
		t.Fatalf("plan of the config-only stack: %v", err)
	}
	if p.Platform == nil || p.Platform.Source != "config key team-orders:platform" || p.Platform.Stack != "" || len(p.Platform.Adds) != 8 {
		t.Fatalf("platform section %+v, want the config's contract and 8 additions", p.Platform)
	}
	if slices.ContainsFunc(p.Resources, func(r Resource) bool { return r.Type == "pulumi:pulumi:StackReference" }) {
		t.Errorf("the config-only stack registers a stack reference")
	}
	_, err = LoadWith(dir, "cfg", Options{Platform: contractFixture})
	if err == nil || !strings.Contains(err.Error(), "--platform: stack cfg reads its platform contract from config key team-orders:platform, not from a stack") {
		t.Errorf("--platform with the contract in config: error %v, want it refused", err)
	}
}

// A stack that routes more services than its team's block allows is
// flagged with the fix: the component cannot count another stack's
// services of the same team, but the plan sees this stack's.
func TestPlanFlagsATeamOverItsServices(t *testing.T) {
	file := writeOutputs(t, func(c map[string]any) {
		lb := c["loadBalancers"].([]any)[0].(map[string]any)
		lb["priorityRanges"].([]any)[0].(map[string]any)["maxServices"] = 1
	})
	p, err := LoadWith(teamOrdersDir, "dev", Options{Platform: file})
	if err != nil {
		t.Fatal(err)
	}
	want := "2 of the orders team's 1 services (OVER: ask the platform team to raise the orders team's maxServices)"
	if len(p.Platform.Room) != 1 || !strings.Contains(p.Platform.Room[0], want) {
		t.Errorf("room %v, want it to contain %q", p.Platform.Room, want)
	}
}

// The platform stack alone has no tasks: its ALB's one egress rule goes
// to its targets group, which only service stacks' tasks join. That hop
// awaits members; it is not dropped, and no hop of the platform is.
func TestPlanPlatformStackAwaitsMembers(t *testing.T) {
	p := mustLoadDir(t, platformDir, "dev")
	var awaiting []string
	for _, h := range p.Hops {
		switch {
		case h.AwaitsMembers:
			awaiting = append(awaiting, h.Egress)
		case !h.Open:
			t.Errorf("hop %s -> %s on %s is dropped: %s", h.From.Label, h.To.Label, h.Ports(), h.Note)
		}
	}
	if diff := cmp.Diff([]string{"platform-main-alb-out-targets"}, awaiting); diff != "" {
		t.Errorf("hops awaiting members (-want +got):\n%s", diff)
	}
	if text := p.Text(); !strings.Contains(text, "AWAITS MEMBERS: ALB (platform-main-alb-sg) -> platform-main-targets-sg on tcp 1024-65535: nothing in this stack is in platform-main-targets-sg") {
		t.Errorf("the platform's text plan does not explain the hop to its targets group:\n%s", text)
	}
}
