package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// sectionsNow is the fixed "now" the section goldens count schedules
// from: a Monday in January, Paris on winter time.
var sectionsNow = time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)

// loadAt plans a stack of the project in dir with its schedules counted
// from sectionsNow.
func loadAt(t *testing.T, dir string, opts Options) *Plan {
	t.Helper()
	opts.Now = sectionsNow
	p, err := LoadWith(dir, "dev", opts)
	if err != nil {
		t.Fatalf("plan stack dev of %s: %v", dir, err)
	}
	return p
}

// checkSectionGolden compares got with testdata/name, which -update
// rewrites; a mismatch prints a (-want +got) diff.
func checkSectionGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (go test ./internal/plan -update creates it): %v", path, err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); if the change is meant, run go test ./internal/plan -update and review the diff:\n%s", path, diff)
	}
}

// section cuts the text section that starts with a line beginning
// heading, up to the blank line that ends it.
func section(t *testing.T, text, heading string) string {
	t.Helper()
	i := strings.Index(text, "\n"+heading)
	if i < 0 {
		t.Fatalf("text has no section %q:\n%s", heading, text)
	}
	s := text[i+1:]
	if j := strings.Index(s, "\n\n"); j >= 0 {
		s = s[:j+1]
	}
	return s
}

// sectionJSON is the plan's JSON of one top-level key, indented.
func sectionJSON(t *testing.T, p *Plan, key string) string {
	t.Helper()
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, doc[key], "", "  "); err != nil {
		t.Fatalf("JSON key %s: %v", key, err)
	}
	return out.String() + "\n"
}

// The shared platform's Service Connect, queues and their cost, as text
// and JSON: the ledger serves http://ledger:8080 and the api calls it,
// read from the api-calls-ledger rules; the settlements queue, its
// dead-letter queue after 5 receives, its topic, its consumer and its
// backlog scaling.
func TestSharedPlatformSectionsGolden(t *testing.T) {
	p := loadAt(t, sharedPlatformDir, Options{})
	text := p.Text()
	checkSectionGolden(t, "shared-platform.connect.txt", section(t, text, "Service Connect ("))
	checkSectionGolden(t, "shared-platform.queues.txt", section(t, text, "Queues ("))
	checkSectionGolden(t, "shared-platform.connect.json", sectionJSON(t, p, "serviceConnect"))
	checkSectionGolden(t, "shared-platform.queues.json", sectionJSON(t, p, "queues"))
	checkSectionGolden(t, "shared-platform.cost.txt", p.CostText())
}

// The team's nightly report: its schedule's next runs from a fixed time,
// its runs a month, its target through the state machine and its retry
// and dead-letter queue; and its cost as one run's task times the runs.
func TestTeamOrdersSectionsGolden(t *testing.T) {
	p := loadAt(t, teamOrdersDir, Options{})
	text := p.Text()
	checkSectionGolden(t, "team-orders.schedules.txt", section(t, text, "Schedules ("))
	checkSectionGolden(t, "team-orders.queues.txt", section(t, text, "Queues ("))
	checkSectionGolden(t, "team-orders.schedules.json", sectionJSON(t, p, "schedules"))
	checkSectionGolden(t, "team-orders.cost.txt", p.CostText()+"\n"+p.ServiceCostText())
}

// Runs a month are counted over the year from now, in the schedule's
// zone, with Scheduler's daylight saving rule (Scheduler user guide,
// "Schedule types", daylight saving time: a run whose wall-clock time the
// clocks skip does not happen): 02:30 in Paris does not exist on the last
// Sunday of March, so a nightly run there happens 364 times in the year,
// and the plan says so.
func TestScheduleRunsAMonth(t *testing.T) {
	for _, tt := range []struct {
		expr, zone  string
		wantRuns    float64
		wantNext    []string
		wantSkipped int
		wantProblem string
	}{
		{expr: "rate(1 hour)", zone: "", wantRuns: 730, wantNext: []string{"2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", "2027-01-04T11:00:00Z", "2027-01-04T12:00:00Z", "2027-01-04T13:00:00Z"}},
		{expr: "rate(5 minutes)", zone: "UTC", wantRuns: 8760, wantNext: []string{"2027-01-04T09:00:00Z", "2027-01-04T09:05:00Z", "2027-01-04T09:10:00Z", "2027-01-04T09:15:00Z", "2027-01-04T09:20:00Z"}},
		// 261 weekdays from Monday 4 January 2027, the first at 09:00 that day.
		{expr: "cron(0 9 ? * MON-FRI *)", zone: "UTC", wantRuns: 21.75, wantNext: []string{"2027-01-04T09:00:00Z", "2027-01-05T09:00:00Z", "2027-01-06T09:00:00Z", "2027-01-07T09:00:00Z", "2027-01-08T09:00:00Z"}},
		{expr: "cron(30 2 * * ? *)", zone: "Europe/Paris", wantRuns: 30.33, wantSkipped: 1, wantNext: []string{"2027-01-05T02:30:00+01:00", "2027-01-06T02:30:00+01:00", "2027-01-07T02:30:00+01:00", "2027-01-08T02:30:00+01:00", "2027-01-09T02:30:00+01:00"}},
		{expr: "cron(30 3 * * ? *)", zone: "Europe/Paris", wantRuns: 30.42, wantNext: []string{"2027-01-05T03:30:00+01:00", "2027-01-06T03:30:00+01:00", "2027-01-07T03:30:00+01:00", "2027-01-08T03:30:00+01:00", "2027-01-09T03:30:00+01:00"}},
		{expr: "at(2027-02-01T08:00:00)", zone: "America/New_York", wantRuns: 1, wantNext: []string{"2027-02-01T08:00:00-05:00"}},
		{expr: "at(2026-02-01T08:00:00)", zone: "UTC", wantRuns: 0, wantNext: []string{}},
		{expr: "cron(0 9 * * * *)", zone: "UTC", wantProblem: "one of them must be '?'"},
		{expr: "rate(1 hour)", zone: "Mars/Olympus", wantProblem: `time zone "Mars/Olympus" is not an IANA time zone name`},
	} {
		s := Schedule{Expression: tt.expr, Timezone: tt.zone}
		if s.Timezone == "" {
			s.Timezone = "UTC"
		}
		s.runs(sectionsNow)
		if tt.wantProblem != "" {
			if !strings.Contains(s.Problem, tt.wantProblem) || s.NextRuns != nil || s.RunsPerMonth != 0 {
				t.Errorf("%s in %s: problem %q, runs %v, want a problem containing %q and no runs", tt.expr, tt.zone, s.Problem, s.NextRuns, tt.wantProblem)
			}
			continue
		}
		if s.Problem != "" || s.RunsPerMonth != tt.wantRuns || s.Skipped != tt.wantSkipped || !cmp.Equal(s.NextRuns, tt.wantNext) {
			t.Errorf("%s in %s: %v runs a month, %d skipped, next %v (problem %q); want %v, %d, %v",
				tt.expr, tt.zone, s.RunsPerMonth, s.Skipped, s.NextRuns, s.Problem, tt.wantRuns, tt.wantSkipped, tt.wantNext)
		}
	}
}

// A run is priced at the duration the user gives, else at the job's
// timeout, the most it lasts, else at DefaultJobDuration; and never at
// less than the minute Fargate bills at least (AWS Fargate pricing: per
// second, one-minute minimum).
func TestRunDuration(t *testing.T) {
	for _, tt := range []struct {
		timeout int
		given   time.Duration
		want    time.Duration
		why     string
	}{
		{timeout: 1800, want: 30 * time.Minute, why: "its timeout, the most a run lasts"},
		{timeout: 1800, given: 5 * time.Minute, want: 5 * time.Minute, why: "the plan's job duration"},
		{want: DefaultJobDuration, why: "assumed; the plan's job duration (--job-duration) changes it"},
		{timeout: 20, want: time.Minute, why: "its timeout, the most a run lasts; Fargate bills at least a minute"},
	} {
		got := runDuration(Schedule{Timeout: tt.timeout}, tt.given)
		if got.duration != tt.want || got.why != tt.why {
			t.Errorf("runDuration(timeout %d, given %s) = %s (%s), want %s (%s)", tt.timeout, tt.given, got.duration, got.why, tt.want, tt.why)
		}
	}
}

// The report's cost: one run's task (0.25 vCPU and 0.5 GB on Fargate
// Spot, at 30% of $0.04048 and $0.004445 an hour, for its 30-minute
// timeout) is $0.001851375, times 30.42 runs a month; its state machine's
// 6 states at most a run, at $0.025 per 1,000 transitions. A shorter
// given duration prices the run shorter; the transitions stay.
func TestJobCostIsOneRunTimesRunsAMonth(t *testing.T) {
	for _, tt := range []struct {
		given   time.Duration
		perRun  float64
		monthly float64
	}{
		{perRun: 0.001851375, monthly: 0.056318828},
		{given: 5 * time.Minute, perRun: 0.0003085625, monthly: 0.009386471},
	} {
		p := loadAt(t, teamOrdersDir, Options{JobDuration: tt.given})
		runs := p.Cost.Estimates[0].LinesOf(ItemJobRuns)
		if len(runs) != 1 {
			t.Fatalf("%d job run lines, want the report's", len(runs))
		}
		l := runs[0]
		if l.Quantity != 30.42 || l.Unit != "run" || !near(l.Rate, tt.perRun) || !near(l.Monthly, tt.monthly) || !cmp.Equal(l.Resources, []string{"orders-report"}) {
			t.Errorf("given %s: job line %+v, want 30.42 runs at $%v, $%v a month", tt.given, l, tt.perRun, tt.monthly)
		}
		sfn := p.Cost.Estimates[0].LinesOf(ItemStateMachine)
		if len(sfn) != 1 || sfn[0].Quantity != 182.52 || sfn[0].Rate != 0.000025 || !near(sfn[0].Monthly, 0.004563) {
			t.Errorf("given %s: state machine lines %+v, want 182.52 transitions at $0.000025", tt.given, sfn)
		}
	}
}

// Service Connect costs nothing itself, nor its Cloud Map names (ECS
// developer guide, "Service Connect", pricing: "There is no additional
// charge for AWS Cloud Map usage when used by Service Connect"); the
// line says what the proxy's recommended share (256 CPU units, 64 MiB)
// of the tasks comes to: the api's Spot task at 30% and the ledger's
// on-demand one, 730 h × (0.25 × $0.04048 + 0.0625 × $0.004445) each.
func TestServiceConnectCostsNothingButTheProxyShare(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	for _, e := range p.Cost.Estimates {
		l, ok := e.Line(ItemServiceConnect)
		share := 730 * (0.25*0.04048 + 0.0625*0.004445) * 1.3
		want := "2 services in namespace apps: no charge for Service Connect or its Cloud Map names; its proxy runs in each task, where AWS recommends 256 CPU units and 64 MiB for it: " + Money(share) + " a month of the Fargate lines"
		if !ok || l.Monthly != 0 || l.Rate != 0 || l.Detail != want {
			t.Errorf("%s: Service Connect line %+v, want $0 with %q", e.Name, l, want)
		}
	}
}

// SQS and Scheduler bill per request and per invocation, which depend on
// the traffic: the plan lists their rates and invents no count.
func TestQueuesAndSchedulesArePricedAsRates(t *testing.T) {
	p := loadAt(t, teamOrdersDir, Options{})
	got := map[string]Rate{}
	for _, r := range p.Cost.TrafficRates {
		got[r.Item] = r
	}
	for item, want := range map[string]Rate{
		"SQS requests to standard queues, beyond the first million a month":      {Rate: 0.40, Unit: "million requests"},
		"EventBridge Scheduler invocations, beyond the first 14 million a month": {Rate: 1.00, Unit: "million invocations"},
	} {
		if r := got[item]; r.Rate != want.Rate || r.Unit != want.Unit {
			t.Errorf("rate %q = %+v, want %v per %s", item, r, want.Rate, want.Unit)
		}
	}
	for _, l := range p.Cost.Estimates[0].Lines {
		if strings.Contains(l.Item, "SQS") || strings.Contains(l.Item, "Scheduler") {
			t.Errorf("estimate has a line %q: requests and invocations are rates, not a monthly figure", l.Item)
		}
	}
	if dev := mustLoad(t, "dev"); strings.Contains(dev.CostText(), "SQS requests") || strings.Contains(dev.CostText(), "Scheduler invocations") {
		t.Errorf("the dev stack, with no queue and no schedule, lists their rates")
	}
}

// A call whose server's ingress rule is missing is dropped, and the plan
// says so; a task of 256 CPU units leaves nothing beside the proxy's
// recommended share; a server's protocol comes from its port mapping;
// and a queue the stack does not create is still shown, with the
// service whose task role may receive from it.
func TestServiceConnectAndQueuesFromRegistrations(t *testing.T) {
	child := func(r, parent *awsmock.Resource) *awsmock.Resource { r.Parent = parent.URN; return r }
	comp := func(typ, name string) *awsmock.Resource {
		r := res(typ, name, nil, nil)
		r.Custom, r.ID = false, ""
		return r
	}
	api, ledger := comp(service.WebServiceType, "api"), comp(service.BackendServiceType, "ledger")
	const queueArn = "arn:aws:sqs:us-east-1:111122223333:orders"
	rs := []*awsmock.Resource{
		api, ledger,
		res(typeHttpNamespace, "apps-namespace", map[string]any{"name": "apps"}, map[string]any{"arn": "arn:ns/apps"}),
		child(res(typeSecurityGroup, "api-task-sg", nil, nil), api),
		child(res(typeSecurityGroup, "ledger-task-sg", nil, nil), ledger),
		child(res("aws:iam/role:Role", "api-task-role", nil, map[string]any{"arn": "arn:role/api-task-role"}), api),
		child(res(typeRolePolicy, "api-consume", map[string]any{"role": "api-task-role_id",
			"policy": `{"Statement":[{"Effect":"Allow","Action":"sqs:ReceiveMessage","Resource":"` + queueArn + `"}]}`}, nil), api),
		child(res(typeTaskDefinition, "api-task", map[string]any{"cpu": "256", "memory": "512", "taskRoleArn": "arn:role/api-task-role"},
			map[string]any{"arn": "arn:td/api"}), api),
		child(res(typeTaskDefinition, "ledger-task", map[string]any{"cpu": "1024", "memory": "2048",
			"containerDefinitions": `[{"name":"app","portMappings":[{"containerPort":9090,"name":"ledger","appProtocol":"grpc"}]}]`},
			map[string]any{"arn": "arn:td/ledger"}), ledger),
		child(res(typeEcsService, "api-service", map[string]any{"launchType": "FARGATE", "taskDefinition": "arn:td/api",
			"networkConfiguration":        map[string]any{"securityGroups": []any{"api-task-sg_id"}},
			"serviceConnectConfiguration": map[string]any{"enabled": true, "namespace": "arn:ns/apps"}}, nil), api),
		child(res(typeEcsService, "ledger-service", map[string]any{"launchType": "FARGATE", "taskDefinition": "arn:td/ledger",
			"networkConfiguration": map[string]any{"securityGroups": []any{"ledger-task-sg_id"}},
			"serviceConnectConfiguration": map[string]any{"enabled": true, "namespace": "arn:ns/apps", "services": []any{map[string]any{
				"discoveryName": "ledger", "portName": "ledger", "clientAlias": []any{map[string]any{"port": 9090}}}}}}, nil), ledger),
		// The egress rule alone: the server's group admits nothing.
		child(res(typeEgressRule, "api-calls-ledger-out", map[string]any{"securityGroupId": "api-task-sg_id", "referencedSecurityGroupId": "ledger-task-sg_id",
			"ipProtocol": "tcp", "fromPort": 9090, "toPort": 9090}, nil), api),
	}
	p, err := Build(Input{Region: "us-east-1", Resources: rs, Now: sectionsNow})
	if err != nil {
		t.Fatal(err)
	}
	want := &ServiceConnect{
		Namespaces: []ConnectNamespace{{Name: "apps", Resource: "apps-namespace", Arn: "arn:ns/apps", Owner: "this stack"}},
		Services: []ConnectService{
			{Service: "api", Namespace: "apps", TaskCPU: 256, TaskMemory: 512, resource: "api-service",
				Note: "the task has 256 CPU units, no more than the 256 AWS recommends for the proxy alone; give the task 512 or more"},
			{Service: "ledger", Namespace: "apps", TaskCPU: 1024, TaskMemory: 2048, resource: "ledger-service", Server: &ConnectServer{
				DiscoveryName: "ledger", Alias: "ledger", Port: 9090, PortName: "ledger", Protocol: "grpc", Callers: []string{"api"}}},
		},
		Calls: []ConnectCall{{Caller: "api", Server: "ledger", Service: "ledger", Port: 9090, Egress: "api-calls-ledger-out",
			Note: "no ingress rule on ledger-task-sg admits it, so the traffic is dropped"}},
	}
	if diff := cmp.Diff(want, p.ServiceConnect, cmp.AllowUnexported(ConnectService{})); diff != "" {
		t.Errorf("Service Connect (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Queue{{Arn: queueArn, Consumers: []string{"api"}}}, p.Queues); diff != "" {
		t.Errorf("queues (-want +got):\n%s", diff)
	}
	text := p.Text()
	for _, line := range []string{
		"  ledger  serves http://ledger:9090 (grpc)  called by api  task 1024 CPU / 2048 MiB, the proxy's share 256 / 64\n",
		"    api → ledger:9090  egress api-calls-ledger-out  DROPPED\n",
		"  NOTE api → ledger:9090: no ingress rule on ledger-task-sg admits it, so the traffic is dropped\n",
		"  NOTE api: the task has 256 CPU units",
		"  " + queueArn + " (not created by this stack)\n    consumed by: api\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("text lacks %q:\n%s", line, text)
		}
	}
}
