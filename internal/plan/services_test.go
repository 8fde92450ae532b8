package plan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// synthetic is a program of n Fargate services named svc00, svc01, ... on
// one network, load balancer and cluster, each on its own path.
func synthetic(n int) Program {
	return Program{Run: func(ctx *pulumi.Context) error {
		features := map[string]network.EndpointFeatures{}
		var routes []edge.ListenerRoute
		for i := range n {
			name := fmt.Sprintf("svc%02d", i)
			features[name] = network.EndpointFeatures{}
			routes = append(routes, edge.ListenerRoute{Service: name, Paths: []string{"/" + name + "/*"}})
		}
		net, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{Features: features})
		if err != nil {
			return err
		}
		edge, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: net, Routes: routes})
		if err != nil {
			return err
		}
		cluster, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{Network: net})
		if err != nil {
			return err
		}
		for _, r := range routes {
			if _, err := service.NewWebService(ctx, r.Service, &service.WebServiceArgs{
				Network: net, Cluster: cluster, LoadBalancer: edge,
				Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./app"}},
			}); err != nil {
				return err
			}
		}
		return nil
	}}
}

func loadSynthetic(t testing.TB, n int) *Plan {
	t.Helper()
	files := &stacks.StackFiles{Project: "synthetic", Stack: "bench", Config: map[string]string{"aws:region": "us-east-1"}}
	p, err := LoadProgram(files, synthetic(n))
	if err != nil {
		t.Fatalf("synthetic stack of %d services: %v", n, err)
	}
	return p
}

// hopKey names a hop by its ends' resources and its ports.
func hopKey(h Hop) string { return fmt.Sprintf("%s -> %s %s", h.From.Name, h.To.Name, h.Ports()) }

// Each service's hops are the ones whose ends are its own tasks or
// instances, and the way in through the ALB in front of it; no hop of one
// service's task group is another's.
func TestSharedPlatformPathsByService(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	want := map[string][]string{
		"admin": {
			"0.0.0.0/0 -> edge-alb-sg tcp 80",
			"0.0.0.0/0 -> edge-alb-sg tcp 443",
			"edge-alb-sg -> admin-task-sg tcp 8080",
			"apps-admin-instance-sg -> main-endpoint-sg tcp 443",
			"apps-admin-instance-sg -> pl-s3 tcp 443",
			"admin-task-sg -> main-endpoint-sg tcp 443",
			"admin-task-sg -> pl-s3 tcp 443",
		},
		"api": {
			"0.0.0.0/0 -> edge-alb-sg tcp 80",
			"0.0.0.0/0 -> edge-alb-sg tcp 443",
			"edge-alb-sg -> api-task-sg tcp 8080",
			"api-task-sg -> ledger-task-sg tcp 8080",
			"api-task-sg -> main-endpoint-sg tcp 443",
			"api-task-sg -> pl-s3 tcp 443",
		},
		// The api's call through Service Connect is the api's and the
		// ledger's: the tasks of each are one end.
		"ledger": {
			"api-task-sg -> ledger-task-sg tcp 8080",
			"ledger-task-sg -> main-endpoint-sg tcp 443",
			"ledger-task-sg -> pl-s3 tcp 443",
		},
		// The worker takes nothing in: its only hops are its way out.
		"settlements": {
			"settlements-task-sg -> main-endpoint-sg tcp 443",
			"settlements-task-sg -> pl-s3 tcp 443",
		},
		"web": {
			"0.0.0.0/0 -> edge-alb-sg tcp 80",
			"0.0.0.0/0 -> edge-alb-sg tcp 443",
			"edge-alb-sg -> web-task-sg tcp 8080",
			"web-task-sg -> main-endpoint-sg tcp 443",
			"web-task-sg -> pl-s3 tcp 443",
		},
	}
	got := map[string][]string{}
	for _, h := range p.Hops {
		if len(h.Services) == 0 {
			t.Errorf("hop %s belongs to no service", hopKey(h))
		}
		for _, s := range h.Services {
			got[s] = append(got[s], hopKey(h))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hops by service (-want +got):\n%s", diff)
	}

	type svcWant struct {
		placement                      []ProviderTasks
		taskGroups, instanceGroups, lb []string
	}
	wantSvc := map[string]svcWant{
		"admin":       {[]ProviderTasks{{"apps-admin-ec2", 1}}, []string{"admin-task-sg"}, []string{"apps-admin-asg"}, []string{"edge-alb"}},
		"api":         {[]ProviderTasks{{"FARGATE_SPOT", 1}}, []string{"api-task-sg"}, nil, []string{"edge-alb"}},
		"ledger":      {[]ProviderTasks{{"FARGATE", 1}}, []string{"ledger-task-sg"}, nil, nil},
		"settlements": {[]ProviderTasks{{"FARGATE_SPOT", 1}}, []string{"settlements-task-sg"}, nil, nil},
		"web":         {[]ProviderTasks{{"FARGATE", 1}}, []string{"web-task-sg"}, nil, []string{"edge-alb"}},
	}
	for _, s := range p.Services {
		w := wantSvc[s.Name]
		gotSvc := svcWant{s.Placement, s.TaskGroups, s.InstanceGroups, s.LoadBalancers}
		if diff := cmp.Diff(w, gotSvc, cmp.AllowUnexported(svcWant{}), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("service %s (%s) (-want +got):\n%s", s.Name, s.URN, diff)
		}
	}
	if len(p.Services) != 5 {
		t.Errorf("%d services, want admin, api, ledger, settlements and web", len(p.Services))
	}
	text := p.Text()
	for _, line := range []string{
		"Traffic paths by service",
		"  admin: 1 task on apps-admin-ec2 (EC2 instances of apps-admin-asg), behind edge-alb\n",
		"  api: 1 task on FARGATE_SPOT, behind edge-alb\n",
		"  Hops of no service: none.\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("text lacks %q", line)
		}
	}
}

// The endpoints are shared, and their needed-by tags (not the
// component's fields) say which services need each one.
func TestSharedPlatformEndpointsNameTheServicesThatNeedThem(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	got := map[string]string{}
	for _, e := range p.Endpoints {
		got[e.Service] = strings.Join(e.NeededBy, " ")
	}
	want := map[string]string{
		"ecr.api": "admin api ledger settlements web", "ecr.dkr": "admin api ledger settlements web", "logs": "admin api ledger settlements web",
		"s3": "admin api ledger settlements web", "sqs": "settlements", "secretsmanager": "api", "ecs": "admin", "ecs-agent": "admin api ledger", "ecs-telemetry": "admin",
		"ssmmessages": "api", "kms": "api", "xray": "api",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("endpoints' needed-by (-want +got):\n%s", diff)
	}
	perService := map[string][]string{}
	for _, s := range p.Services {
		perService[s.Name] = s.Endpoints
	}
	wantPer := map[string][]string{
		"admin":       {"ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "logs", "s3"},
		"api":         {"ecr.api", "ecr.dkr", "ecs-agent", "kms", "logs", "s3", "secretsmanager", "ssmmessages", "xray"},
		"ledger":      {"ecr.api", "ecr.dkr", "ecs-agent", "logs", "s3"},
		"settlements": {"ecr.api", "ecr.dkr", "logs", "s3", "sqs"},
		"web":         {"ecr.api", "ecr.dkr", "logs", "s3"},
	}
	if diff := cmp.Diff(wantPer, perService); diff != "" {
		t.Errorf("endpoints each service needs (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.Text(), "  secretsmanager  Interface  com.amazonaws.us-east-1.secretsmanager  main-vpce-secretsmanager, 2 AZs\n      why: container secrets from Secrets Manager\n      needed by: api\n") {
		t.Errorf("text does not show who needs the secretsmanager endpoint:\n%s", p.Text())
	}
}

// A needed-by tag cut short at AWS's 256 characters ends "+N more": the
// plan cannot tell who the rest are, so it counts the endpoint for every
// service rather than guess.
func TestCutShortNeededByCountsForEveryService(t *testing.T) {
	svc := func(name string) *awsmock.Resource {
		return res(typeEcsService, name, map[string]any{"desiredCount": 0, "launchType": "FARGATE"}, nil)
	}
	ep := func(name, neededBy string) *awsmock.Resource {
		return res(typeVpcEndpoint, name, map[string]any{
			"serviceName": "com.amazonaws.us-east-1." + name, "vpcEndpointType": "Interface", "subnetIds": []any{"a", "b"},
			"tags": map[string]any{"needed-for": "test", "needed-by": neededBy},
		}, nil)
	}
	p, err := Build(Input{Region: "us-east-1", Resources: []*awsmock.Resource{
		svc("a"), svc("b"), svc("c"), ep("logs", "a +2 more"), ep("sqs", "b"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	logs := p.Endpoints[0]
	if logs.Service != "logs" || !cmp.Equal(logs.NeededBy, []string{"a"}) || logs.NeededByMore != 2 {
		t.Errorf("logs endpoint: needed by %v and %d more, want [a] and 2 more", logs.NeededBy, logs.NeededByMore)
	}
	got := map[string]float64{}
	for _, sc := range p.Cost.Services {
		got[sc.Service] = sc.Shares[ShareEndpoints]
	}
	// logs: 2 AZs × 730 h × $0.01 = $14.60 between a, b and c (4.87, 4.87,
	// 4.86); sqs: $14.60 to b alone.
	if want := map[string]float64{"a": 4.87, "b": 19.47, "c": 4.86}; !cmp.Equal(want, got) {
		t.Errorf("endpoint shares %v, want %v", got, want)
	}
	if !strings.Contains(p.Text(), "needed by: a and 2 more (counted for every service)") {
		t.Errorf("text does not say the tag was cut short:\n%s", p.Text())
	}
}

// The planned estimate splits between the services by ShareRule, to the
// cent, and every column adds up to the estimate's line.
func TestSharedPlatformCostPerService(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	want := []ServiceCost{
		// ALB $16.43 and its 2 addresses $7.30 between the three behind
		// edge-alb (not the ledger, which has no route); ecr.api, ecr.dkr
		// and logs ($14.60 each) between all four, ecs-agent between
		// admin (its EC2 agents) and the two in the Service Connect
		// namespace, secretsmanager, ssmmessages and kms (ECS Exec under
		// the platform key) and xray (its tracing collector) to api, sqs
		// to settlements, the other two ecs endpoints to admin;
		// the t3.medium group to admin; Fargate and Fargate Spot tasks to
		// web, ledger, api and settlements; the api's 6 alarms (8 alarm
		// metrics) to the api; the platform key ($1) between all five.
		{Service: "admin", Shares: map[string]float64{ShareALB: 5.48, ShareEndpoints: 42.83, ShareIPv4: 2.44, ShareInstances: 30.37, ShareKeys: 0.20}, Total: 81.32},
		// 1 task of 0.5 vCPU and 1 GB on Fargate Spot: $4.43 + $0.97.
		{Service: "api", Shares: map[string]float64{ShareALB: 5.48, ShareEndpoints: 72.03, ShareIPv4: 2.43, ShareTasks: 5.40, ShareAlarms: 0.80, ShareKeys: 0.20}, Total: 86.34},
		// 1 task of 0.5 vCPU and 1 GB on Fargate: $14.78 + $3.24.
		{Service: "ledger", Shares: map[string]float64{ShareEndpoints: 13.62, ShareTasks: 18.02, ShareKeys: 0.20}, Total: 31.84},
		// sqs ($14.60) alone, and 1 task of 0.25 vCPU and 0.5 GB on Fargate Spot.
		{Service: "settlements", Shares: map[string]float64{ShareEndpoints: 23.36, ShareTasks: 2.71, ShareKeys: 0.20}, Total: 26.27},
		{Service: "web", Shares: map[string]float64{ShareALB: 5.47, ShareEndpoints: 8.76, ShareIPv4: 2.43, ShareTasks: 9.01, ShareKeys: 0.20}, Total: 25.87},
	}
	if diff := cmp.Diff(want, p.Cost.Services); diff != "" {
		t.Errorf("cost per service (-want +got):\n%s", diff)
	}
	columns := map[string][]string{
		ShareALB: {ItemALB}, ShareEndpoints: {ItemInterfaceEndpoint}, ShareIPv4: {ItemPublicIPv4},
		ShareTasks: {ItemFargateVcpu, ItemFargateMemory, ItemSpotVcpu, ItemSpotMemory}, ShareInstances: {ItemEC2 + " t3.medium"},
		ShareAlarms: {ItemAlarms}, ShareKeys: {ItemKmsKeys},
	}
	for col, items := range columns {
		var line, shares float64
		for _, item := range items {
			for _, l := range p.Cost.Estimates[0].LinesOf(item) {
				line += round2(l.Monthly)
			}
		}
		for _, sc := range p.Cost.Services {
			shares += sc.Shares[col]
		}
		if round2(line) != round2(shares) {
			t.Errorf("%s: shares add up to %v, the estimate's lines to %v", col, shares, line)
		}
	}
}

// One service pays for everything in its stack: every line of the
// estimate, each to the cent (the estimate's own total adds the lines
// unrounded, so it can be a cent lower).
func TestOneServicePaysForItsStack(t *testing.T) {
	for _, tc := range []struct {
		dir, stack, service string
		total               float64
	}{
		{projectDir, "dev", "web", 84.84},
		{projectDir, "prod", "web", 320.79}, // with 7 alarms reading 9 metrics, $0.90, a WAF web ACL with 4 rules, $9, and a KMS key, $1
		{existingVpcDir, "dev", "orders", 76.54},
	} {
		p := mustLoadDir(t, tc.dir, tc.stack)
		if len(p.Cost.Services) != 1 || p.Cost.Services[0].Service != tc.service || p.Cost.Services[0].Total != tc.total {
			t.Errorf("%s %s: cost per service %+v, want %s alone at %v", tc.dir, tc.stack, p.Cost.Services, tc.service, tc.total)
		}
		var lines float64
		for _, l := range p.Cost.Estimates[0].Lines {
			lines += round2(l.Monthly)
		}
		if round2(lines) != tc.total {
			t.Errorf("%s %s: the estimate's lines add up to %v, want %v", tc.dir, tc.stack, lines, tc.total)
		}
	}
}

// The break-even table: with one service (admin, which needs 6 interface
// endpoints) a NAT gateway per AZ is cheaper below 417 GB a month, the
// brief's "one service with six or more endpoints"; from the second
// service on, one shared endpoint set costs less than a NAT per VPC at any
// traffic, and less than an endpoint set per VPC.
func TestSharedPlatformBreakEven(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	want := []BreakEvenRow{
		// 6 endpoints × 2 AZs × 730 h × $0.01; NAT: 2 × 730 h × ($0.045 + $0.005).
		{Services: 1, Added: "admin", SharedEndpoints: 6, Shared: 87.60, PerService: 87.60, OwnNat: 73.00, OwnEndpoints: 87.60, WinsAboveGb: 417},
		// api adds secretsmanager, ssmmessages, kms and xray (8 of its own,
		// with ecs-agent for Service Connect).
		{Services: 2, Added: "api", SharedEndpoints: 10, Shared: 146.00, PerService: 73.00, OwnNat: 146.00, OwnEndpoints: 204.40},
		{Services: 3, Added: "ledger", SharedEndpoints: 10, Shared: 146.00, PerService: 48.67, OwnNat: 219.00, OwnEndpoints: 262.80},
		// settlements adds sqs.
		{Services: 4, Added: "settlements", SharedEndpoints: 11, Shared: 160.60, PerService: 40.15, OwnNat: 292.00, OwnEndpoints: 321.20},
		{Services: 5, Added: "web", SharedEndpoints: 11, Shared: 160.60, PerService: 32.12, OwnNat: 365.00, OwnEndpoints: 365.00},
	}
	be := p.Cost.BreakEven
	if diff := cmp.Diff(want, be.Rows); diff != "" {
		t.Errorf("break-even rows (-want +got):\n%s", diff)
	}
	if be.Zones != 2 || be.Rule != BreakEvenRule {
		t.Errorf("break-even for %d AZs with rule %q, want 2 and BreakEvenRule", be.Zones, be.Rule)
	}
	text := p.BreakEvenText()
	for _, s := range []string{"above 417 GB a month", "at any traffic", "Rule: services are added in name order"} {
		if !strings.Contains(text, s) {
			t.Errorf("break-even text lacks %q:\n%s", s, text)
		}
	}
}

// Twenty services on one network share 3 interface endpoints: the shared
// set's cost stays flat while a VPC per service grows with each one.
func TestTwentyServicesBreakEven(t *testing.T) {
	p := loadSynthetic(t, 20)
	rows := p.Cost.BreakEven.Rows
	if len(rows) != 20 {
		t.Fatalf("%d break-even rows, want 20", len(rows))
	}
	for i, r := range rows {
		n := float64(i + 1)
		want := BreakEvenRow{Services: i + 1, Added: fmt.Sprintf("svc%02d", i), SharedEndpoints: 3, Shared: 43.80,
			PerService: round2(43.80 / n), OwnNat: round2(73 * n), OwnEndpoints: round2(43.80 * n)}
		if r != want {
			t.Errorf("row %d = %+v, want %+v", i+1, r, want)
		}
	}
	var total float64
	for _, sc := range p.Cost.Services {
		total += sc.Total
	}
	if len(p.Cost.Services) != 20 || round2(total) != round2(p.Cost.Estimates[0].Total) {
		t.Errorf("%d services sharing %v, want 20 sharing the estimate's %v", len(p.Cost.Services), total, p.Cost.Estimates[0].Total)
	}
	for _, h := range p.Hops {
		if len(h.Services) == 0 {
			t.Errorf("hop %s belongs to no service", hopKey(h))
		}
	}
}
