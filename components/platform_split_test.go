package components

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// teamOf is the load balancer of the platform that gives team a block.
func teamOf(p *Platform, team string) *edge.LoadBalancer {
	for _, l := range p.LoadBalancers {
		for _, b := range l.LoadBalancerContract().PriorityRanges {
			if b.Team == team {
				return l
			}
		}
	}
	return nil
}

// platformRun builds a platform and services beside it, each on its
// team's load balancer, and returns the contract the platform exports.
func platformRun(t testing.TB, m *awsmock.Mocks, args PlatformArgs, services map[string]service.WebServiceArgs) (map[string]any, error) {
	t.Helper()
	var mu sync.Mutex
	var contract map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := NewPlatform(ctx, "acme", &args)
		if err != nil {
			return err
		}
		ctx.Export(PlatformOutput, p.Contract.ApplyT(func(v any) any {
			mu.Lock()
			defer mu.Unlock()
			contract = v.(map[string]any)
			return v
		}))
		for _, name := range check.SortedKeys(services) {
			a := services[name]
			l := p.LoadBalancers[defaultPlatformLoadBalancer]
			if a.Route != nil && a.Route.Team != "" {
				l = teamOf(p, a.Route.Team)
			}
			a.Network, a.Cluster, a.LoadBalancer = p.Network, p.Cluster, l
			if _, err := service.NewWebService(ctx, name, &a); err != nil {
				return err
			}
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	mu.Lock()
	defer mu.Unlock()
	return contract, err
}

// The platform exports everything a service needs in one contract, and a
// service built on that contract in another program registers exactly
// what it registers beside the platform: the two are indistinguishable.
func TestServiceOnTheExportedContractMatchesOneBesideThePlatform(t *testing.T) {
	args := PlatformArgs{Region: testRegion, Endpoints: []string{"secretsmanager"}, Teams: []TeamArgs{{Name: "orders"}, {Name: "payments"}}}
	svc := map[string]service.WebServiceArgs{"orders": ordersArgs()}
	svc["orders"].Route.Listener = edge.ListenerHttp
	beside := awsmock.New(testRegion)
	exported, err := platformRun(t, beside, args, svc)
	if err != nil {
		t.Fatalf("platform program failed: %v", err)
	}
	c, err := decodePlatformContract(exported)
	if err != nil {
		t.Fatalf("decode the exported contract: %v", err)
	}
	if c.Version != 1 || c.Region != testRegion || c.Network.VpcId != "acme-vpc_id" ||
		c.Network.EndpointClientSecurityGroupId != "acme-endpoint-clients-sg_id" || c.Cluster.ClusterName != "acme-cluster" {
		t.Errorf("contract = %+v, want version 1 with the network's VPC, its endpoint clients group and the cluster", c)
	}
	if got := check.SortedKeys(c.Network.Endpoints); !slices.Equal(got, []string{"ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager"}) {
		t.Errorf("contract endpoints = %v", got)
	}
	if len(c.LoadBalancers) != 1 || c.LoadBalancers[0].Listeners[edge.ListenerHttp] == "" || c.LoadBalancers[0].TargetSecurityGroupId != "acme-main-targets-sg_id" ||
		len(c.LoadBalancers[0].PriorityRanges) != 2 || c.LoadBalancers[0].PriorityRanges[1] != (edge.PriorityRange{Team: "payments", From: 5001, To: 10000, MaxServices: 10}) {
		t.Errorf("contract load balancers = %+v", c.LoadBalancers)
	}
	if zones := []string{c.Network.PrivateSubnets[0].Zone, c.Network.PrivateSubnets[1].Zone}; !slices.Equal(zones, []string{"us-east-1a", "us-east-1b"}) {
		t.Errorf("private subnet zones = %v", zones)
	}

	elsewhere := awsmock.New(testRegion)
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		l, err := c.LoadBalancer("main")
		if err != nil {
			return err
		}
		a := svc["orders"]
		a.Network, a.Cluster, a.LoadBalancer = c, c, l
		_, err = service.NewWebService(ctx, "orders", &a)
		return err
	}, pulumi.WithMocks(testProject, testStack, elsewhere))
	if err != nil {
		t.Fatalf("service program failed: %v", err)
	}
	own := func(m *awsmock.Mocks) map[string]any {
		out := map[string]any{}
		for _, r := range m.Resources() {
			if strings.Contains(r.URN, check.WebServiceType) {
				out[r.Type+"::"+r.Name] = awsmock.AsJSON(r.Inputs.Mappable())
			}
		}
		return out
	}
	if diff := cmp.Diff(own(beside), own(elsewhere)); diff != "" {
		t.Errorf("the service built on the exported contract differs from the one beside the platform (-beside +elsewhere):\n%s", diff)
	}
}

// A platform of 150 services within AWS's default quotas (BRIEF fact 18;
// Amazon VPC User Guide, "Amazon VPC quotas": 60 inbound and 60 outbound
// rules per security group, 5 groups per network interface; Elastic Load
// Balancing User Guide, "Quotas for your Application Load Balancers": 100
// rules and 100 target groups per load balancer). The shared groups hold
// one rule per purpose, and the teams spread over two load balancers.
func TestPlatformOf150ServicesFitsTheDefaultQuotas(t *testing.T) {
	args := PlatformArgs{
		Region:        testRegion,
		LoadBalancers: []PlatformLoadBalancerArgs{{Name: "main"}, {Name: "second"}},
	}
	services := teamServices(&args, 10, 15)
	m := awsmock.New(testRegion)
	if _, err := platformRun(t, m, args, services); err != nil {
		t.Fatalf("platform of 150 services failed: %v", err)
	}
	if n := len(m.ByType(tService)); n != 150 {
		t.Fatalf("registered %d services, want 150", n)
	}
	checkQuotas(t, m)

	// First fit: six teams of 15 (90 services) on main, the other four
	// on second, whose blocks start again at 1.
	perLB := map[string]int{}
	for _, r := range m.ByType(tListenerRule) {
		perLB[listenerLB(fmt.Sprint(in(r, "listenerArn")))]++
	}
	if perLB["acme-main"] != 90 || perLB["acme-second"] != 60 {
		t.Errorf("rules per load balancer = %v, want acme-main 90 and acme-second 60", perLB)
	}
}

// teamServices gives args teams of perTeam services each, every service
// on its own path in its team's block, and returns the services.
func teamServices(args *PlatformArgs, teams, perTeam int) map[string]service.WebServiceArgs {
	services := map[string]service.WebServiceArgs{}
	for k := range teams {
		team := fmt.Sprintf("team%d", k)
		args.Teams = append(args.Teams, TeamArgs{Name: team, MaxServices: perTeam})
		for j := range perTeam {
			name := fmt.Sprintf("t%d-svc%02d", k, j)
			services[name] = service.WebServiceArgs{
				Container: service.ContainerArgs{Image: pulumi.String(fxImage)},
				Route:     &service.ServiceRoute{Paths: []string{"/" + name + "/*"}, Team: team},
			}
		}
	}
	return services
}

// listenerLB is the load balancer a mocked listener ARN belongs to.
func listenerLB(arn string) string {
	name := arn[strings.LastIndex(arn, "/")+1:]
	for _, suffix := range []string{"-http", "-https"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}

// checkQuotas fails on any security group past 60 rules a direction, any
// task interface past 5 groups, and any load balancer past 100 rules or
// 100 target groups.
func checkQuotas(t *testing.T, m *awsmock.Mocks) {
	t.Helper()
	count := map[string]int{}
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			count[typ+" "+fmt.Sprint(in(r, "securityGroupId"))]++
		}
	}
	for k, n := range count {
		if n > 60 {
			t.Errorf("%s holds %d rules, past the default quota of 60", k, n)
		}
	}
	for _, want := range []string{tIngress + " acme-endpoint-sg_id", tEgress + " acme-main-alb-sg_id"} {
		if count[want] != 1 {
			t.Errorf("%s holds %d rules, want the one shared rule", want, count[want])
		}
	}
	rules, targets := map[string]int{}, map[string]int{}
	for _, r := range m.ByType(tListenerRule) {
		lb := listenerLB(fmt.Sprint(in(r, "listenerArn")))
		rules[lb]++
		targets[lb] += len(in(r, "actions").([]any))
	}
	for lb, n := range rules {
		if n > edge.MaxRulesPerAlb || targets[lb] > edge.MaxTargetGroupsPerAlb {
			t.Errorf("load balancer %s has %d rules and %d target groups, past the quotas of 100", lb, n, targets[lb])
		}
	}
	for _, r := range m.ByType(tService) {
		if g, _ := in(r, "networkConfiguration.securityGroups").([]any); len(g) > service.MaxGroupsPerInterface {
			t.Errorf("%s puts %d groups on each task interface, past the quota of 5", r.URN, len(g))
		}
	}
}

// Teams that need more rules than the platform's load balancers hold are
// refused, naming the quota and the fix, and nothing registers.
func TestPlatformRefusesTeamsPastTheLoadBalancerQuota(t *testing.T) {
	tests := []struct {
		name    string
		give    PlatformArgs
		wantErr string
	}{
		{
			name:    "no load balancer has room",
			give:    PlatformArgs{Teams: []TeamArgs{{Name: "a", MaxServices: 60}, {Name: "b", MaxServices: 50}}},
			wantErr: `Teams[1]: no load balancer has room for 50 more services: an Application Load Balancer holds 100 listener rules and 100 target groups (Elastic Load Balancing quotas "Rules per Application Load Balancer" and "Target groups per Application Load Balancer"); add a load balancer to LoadBalancers`,
		},
		{
			name:    "teams placed on one load balancer by name",
			give:    PlatformArgs{Teams: []TeamArgs{{Name: "a", MaxServices: 60, LoadBalancer: "main"}, {Name: "b", MaxServices: 50, LoadBalancer: "main"}}},
			wantErr: `Teams: the teams may route 110 services, but an Application Load Balancer holds 100 listener rules`,
		},
		{
			name:    "overlapping blocks",
			give:    PlatformArgs{Teams: []TeamArgs{{Name: "a", Priorities: &edge.PriorityRange{From: 1, To: 100}}, {Name: "b", Priorities: &edge.PriorityRange{From: 50, To: 150}}}},
			wantErr: `Teams[1].Priorities: 50-150 overlaps block 0 (1-100) of team "a"`,
		},
		{
			name:    "unknown load balancer",
			give:    PlatformArgs{Teams: []TeamArgs{{Name: "a", LoadBalancer: "edge"}}},
			wantErr: `Teams[0].LoadBalancer: the platform has no load balancer "edge"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			tt.give.Region = testRegion
			_, err := platformRun(t, m, tt.give, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.wantErr)
			}
			if rs := m.Resources(); len(rs) > 0 {
				t.Errorf("%d resources registered although the platform was refused, the first %s", len(rs), rs[0].URN)
			}
		})
	}
}

// BenchmarkPlatform measures building the 150-service platform, and one
// service program attached to a platform contract, under mocks.
func BenchmarkPlatform(b *testing.B) {
	args := PlatformArgs{Region: testRegion, LoadBalancers: []PlatformLoadBalancerArgs{{Name: "main"}, {Name: "second"}}}
	services := teamServices(&args, 10, 15)
	b.Run("platform-150-services", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := platformRun(b, awsmock.New(testRegion), args, services); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("service-stack", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := attachRun(b, awsmock.New(testRegion), fixtureContract(), map[string]service.WebServiceArgs{"orders": ordersArgs()}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// What deployed services point at never moves when the platform changes:
// the listeners, the security groups they reference and join, and the
// cluster keep their URNs and their inputs when a team, an endpoint or a
// second load balancer is added. A changed URN would make Pulumi replace
// the resource, and every service stack would then point at a deleted
// listener, group or cluster.
func TestPlatformChangesKeepWhatServicesPointAt(t *testing.T) {
	pinned := []string{
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:LoadBalancer$aws:lb/listener:Listener::acme-main-http",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:LoadBalancer$aws:ec2/securityGroup:SecurityGroup::acme-main-alb-sg",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:LoadBalancer$aws:ec2/securityGroup:SecurityGroup::acme-main-targets-sg",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:Network$aws:ec2/securityGroup:SecurityGroup::acme-endpoint-sg",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:Network$aws:ec2/securityGroup:SecurityGroup::acme-endpoint-clients-sg",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:Network$aws:ec2/vpc:Vpc::acme-vpc",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:Cluster$aws:ecs/cluster:Cluster::acme-cluster",
		"urn:pulumi:test::proj::private-fargate:index:Platform$private-fargate:index:Cluster$aws:ecs/clusterCapacityProviders:ClusterCapacityProviders::acme-capacity-providers",
	}
	snapshot := func(t *testing.T, args PlatformArgs) map[string]any {
		t.Helper()
		m := awsmock.New(testRegion)
		if _, err := platformRun(t, m, args, nil); err != nil {
			t.Fatalf("platform failed: %v", err)
		}
		out := map[string]any{}
		for _, r := range m.Resources() {
			if slices.Contains(pinned, r.URN) {
				in := r.Inputs.Mappable()
				// The cluster's ECS Exec configuration changes in place
				// (ECS API reference, UpdateCluster takes configuration).
				delete(in, "configuration")
				out[r.URN] = awsmock.AsJSON(in)
			}
		}
		if len(out) != len(pinned) {
			for _, u := range pinned {
				if _, ok := out[u]; !ok {
					t.Errorf("pinned resource %s was not registered", u)
				}
			}
		}
		return out
	}
	base := PlatformArgs{Region: testRegion, Teams: []TeamArgs{{Name: "orders"}}}
	before := snapshot(t, base)
	for _, tc := range []struct {
		name   string
		change func(*PlatformArgs)
	}{
		{"a team added", func(a *PlatformArgs) { a.Teams = append(a.Teams, TeamArgs{Name: "payments"}) }},
		{"an endpoint added", func(a *PlatformArgs) { a.Endpoints = []string{"secretsmanager", "ssmmessages"} }},
		{"a second load balancer", func(a *PlatformArgs) {
			a.LoadBalancers = []PlatformLoadBalancerArgs{{Name: "main"}, {Name: "internal-tools"}}
		}},
		{"ECS Exec logging and a key", func(a *PlatformArgs) {
			a.Key, a.Cluster.Exec, a.Endpoints = true, &cluster.ExecArgs{}, []string{"ssmmessages", "kms"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			a.Teams = slices.Clone(base.Teams)
			tc.change(&a)
			if diff := cmp.Diff(before, snapshot(t, a)); diff != "" {
				t.Errorf("what services point at changed (-before +after):\n%s", diff)
			}
		})
	}
}

// A platform holds 100 routed services on one ALB (the ALB quota of 100
// rules and 100 target groups), every group inside its default quota.
func TestPlatformHoldsHundredServicesOnOneLoadBalancer(t *testing.T) {
	args := PlatformArgs{Region: testRegion}
	services := teamServices(&args, 4, 25)
	m := awsmock.New(testRegion)
	if _, err := platformRun(t, m, args, services); err != nil {
		t.Fatalf("platform of 100 services failed: %v", err)
	}
	if n := len(m.ByType(tListenerRule)); n != 100 {
		t.Errorf("registered %d listener rules on the one load balancer, want 100", n)
	}
	checkQuotas(t, m)
}

// Pieces composed in one program without the shared groups add a rule
// per service to the load balancer's and the endpoints' groups. Past the
// default 60 a direction (Amazon VPC quota "Inbound or outbound rules per
// security group"), AWS would refuse the rule mid-deploy: the piece or
// the service that would pass it is refused first, with the fix.
func TestOneProgramPastTheSharedGroupQuotasIsRefused(t *testing.T) {
	t.Run("61 services declared on the network", func(t *testing.T) {
		pl := manyServices(61)
		_, err := pl.run(t)
		want := `Features: 61 services each add an inbound rule to the endpoint group, which holds 60 (Amazon VPC quota "Inbound or outbound rules per security group"); set SharedEndpointAccess`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error = %v\nwant it to contain %q", err, want)
		}
	})
	t.Run("61 routes on the load balancer", func(t *testing.T) {
		pl := manyServices(61)
		pl.network.Features, pl.network.SharedEndpointAccess = nil, true
		_, err := pl.run(t)
		want := `Routes: 61 routed services each add an outbound rule to the load balancer's group, which holds 60`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error = %v\nwant it to contain %q", err, want)
		}
	})
	t.Run("listener ports times CIDRs", func(t *testing.T) {
		pl := manyServices(1)
		for i := range 31 {
			pl.lb.Ingress.AllowedCidrs = append(pl.lb.Ingress.AllowedCidrs, fmt.Sprintf("198.51.%d.0/24", i))
		}
		pl.lb.Ingress.CertificateArn = pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc")
		_, err := pl.run(t)
		want := `Ingress.AllowedCidrs: 2 listener ports times 31 CIDR blocks of one IP version make 62 inbound rules on the load balancer's group, which holds 60`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error = %v\nwant it to contain %q", err, want)
		}
	})
	t.Run("the 61st service with its own route", func(t *testing.T) {
		pl := manyServices(61)
		pl.network.Features, pl.lb.Routes = nil, nil
		for name, a := range pl.services {
			a.Route = &service.ServiceRoute{Paths: []string{"/" + name + "/*"}}
			pl.services[name] = a
		}
		m, err := pl.run(t)
		for _, want := range []string{
			`LoadBalancer: service svc60 would add outbound rule number 61 to load balancer edge's group, which holds 60`,
			`Network: service svc60 would add inbound rule number 61 to network main's endpoint group, which holds 60`,
		} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v\nwant it to contain %q", err, want)
			}
		}
		if r := m.Find(tService, "svc60-service"); r != nil {
			t.Errorf("%s registered past the quota", r.URN)
		}
	})
}

// A platform checks everything its pieces would, with their look-ups,
// before it registers anything, so a refusal creates nothing even under
// `pulumi up --skip-preview`: its cluster's args (checked against the
// endpoints the network will have), the region's zones, an adopted VPC
// given by literal ids, and each domain's hosted zone.
func TestPlatformRefusalsRegisterNothing(t *testing.T) {
	tests := []struct {
		name    string
		give    func(*PlatformArgs, *awsmock.Mocks)
		wantErr string
	}{
		{
			name: "an instance type that does not exist",
			give: func(a *PlatformArgs, _ *awsmock.Mocks) {
				a.Cluster.Ec2 = []cluster.Ec2CapacityArgs{{Name: "general", InstanceTypes: []string{"m6i.huge"}}}
				a.Endpoints = []string{"ecs", "ecs-agent", "ecs-telemetry"}
			},
			wantErr: "Cluster.Ec2[0].InstanceTypes[0]",
		},
		{
			// EC2 container instances need the ecs endpoints (BRIEF fact
			// 2), which the platform adds for its groups: the only
			// problem left is the zone count.
			name: "more zones than the region has",
			give: func(a *PlatformArgs, _ *awsmock.Mocks) {
				a.Cluster.Ec2 = []cluster.Ec2CapacityArgs{{Name: "general", InstanceTypes: []string{"m6i.large"}}}
				a.Network.AzCount = 9
			},
			wantErr: "Network.AzCount: the region has 3 available AZs, fewer than 9",
		},
		{
			// BRIEF fact 4: private DNS needs DNS hostnames on the VPC.
			name: "an adopted VPC with DNS hostnames off",
			give: func(a *PlatformArgs, m *awsmock.Mocks) {
				m.AddExistingVpc(awsmock.ExistingVpc{VpcId: "vpc-1", PublicSubnetIds: []string{"subnet-p1", "subnet-p2"},
					PrivateSubnetIds: []string{"subnet-a1", "subnet-a2"}, PrivateRouteTableIds: []string{"rtb-1", "rtb-2"}})
				v := m.Vpcs["vpc-1"]
				v.DnsHostnames = false
				m.Vpcs["vpc-1"] = v
				a.Network.Existing = &network.ExistingVpcArgs{VpcId: pulumi.String("vpc-1"),
					PublicSubnetIds: pulumi.ToStringArray([]string{"subnet-p1", "subnet-p2"}), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-a1", "subnet-a2"}),
					PrivateRouteTableIds: pulumi.ToStringArray([]string{"rtb-1", "rtb-2"})}
			},
			wantErr: "Network.Existing.VpcId",
		},
		{
			name: "a hosted zone that is not there",
			give: func(a *PlatformArgs, _ *awsmock.Mocks) {
				a.LoadBalancers = []PlatformLoadBalancerArgs{{Name: "main", Ingress: edge.IngressArgs{DomainName: "app.example.com", HostedZoneName: "example.com"}}}
			},
			wantErr: "LoadBalancers[0].Ingress.HostedZoneName",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			a := PlatformArgs{Region: testRegion}
			tt.give(&a, m)
			_, err := platformRun(t, m, a, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.wantErr)
			}
			if rs := m.Resources(); len(rs) > 0 {
				t.Errorf("%d resources registered although the platform was refused, the first %s", len(rs), rs[0].URN)
			}
		})
	}
}
