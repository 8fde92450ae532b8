package components

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// platform is a shared platform: one network, one load balancer and one
// cluster with three services: web on the catch-all route on Fargate, api
// on /api/* on Fargate Spot with a Secrets Manager secret, and admin on a
// host header on the cluster's EC2 group.
type platform struct {
	network network.NetworkArgs
	lb      edge.LoadBalancerArgs
	cluster cluster.ClusterArgs
	// services by name; Network, Cluster and LoadBalancer are filled in.
	services map[string]service.WebServiceArgs
	// tweak, when set, changes a service's args in the program, where
	// other resources' Outputs can be made.
	tweak func(ctx *pulumi.Context, service string, a *service.WebServiceArgs)
	// zones are the Route 53 hosted zones the account holds.
	zones []awsmock.HostedZone
}

const apiSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-db-AbCdEf"

func sharedPlatform() platform {
	on := true
	return platform{
		network: network.NetworkArgs{Region: testRegion, Features: map[string]network.EndpointFeatures{
			"web": {}, "api": {SecretsManager: true}, "admin": {Ec2: true},
		}},
		lb: edge.LoadBalancerArgs{Routes: []edge.ListenerRoute{
			{Service: "web", Paths: []string{"/*"}},
			{Service: "api", Paths: []string{"/api/*"}},
			{Service: "admin", Hosts: []string{"admin.example.com"}},
		}},
		cluster: cluster.ClusterArgs{Fargate: &on, Ec2: []cluster.Ec2CapacityArgs{{Name: "admin", InstanceTypes: []string{"m6i.large"}}}},
		services: map[string]service.WebServiceArgs{
			"web": {Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./app"}}},
			"api": {
				Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./api"}, Port: 9000, Secrets: literalSecrets(map[string]string{"DB_PASSWORD": apiSecret})},
				Service:   service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}}},
			},
			"admin": {
				Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./admin"}},
				Service:   service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "admin", Weight: 1}}},
			},
		},
	}
}

// run builds the platform under mocks, services in name order.
func (pl platform) run(t testing.TB) (*awsmock.Mocks, error) {
	t.Helper()
	m := awsmock.New(testRegion)
	m.HostedZones = pl.zones
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, err := network.NewNetwork(ctx, "main", &pl.network)
		if err != nil {
			return err
		}
		pl.lb.Network = n
		l, err := edge.NewLoadBalancer(ctx, "edge", &pl.lb)
		if err != nil {
			return err
		}
		pl.cluster.Network = n
		pl.cluster.LoadBalancers = []edge.LoadBalancerSource{l}
		c, err := cluster.NewCluster(ctx, "apps", &pl.cluster)
		if err != nil {
			return err
		}
		var errs []error
		for _, name := range check.SortedKeys(pl.services) {
			a := pl.services[name]
			a.Network, a.Cluster, a.LoadBalancer = n, c, l
			if pl.tweak != nil {
				pl.tweak(ctx, name, &a)
			}
			if _, err := service.NewWebService(ctx, name, &a); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, err
}

func (pl platform) mustRun(t testing.TB) *awsmock.Mocks {
	t.Helper()
	m, err := pl.run(t)
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	return m
}

// Fact: the ALB security group sends each service only its own container
// port, each task group admits only the ALB on that port, and the endpoint
// group admits 443 from every task group and the instances (BRIEF facts 11
// and 14: endpoints are shared, so each service admits its own tasks).
func TestSharedPlatformRulesConnectEachServiceAlone(t *testing.T) {
	m := sharedPlatform().mustRun(t)
	type rule struct{ group, peer, cidr, prefix string }
	want := map[string]rule{}
	for _, s := range []struct {
		name string
		port int
	}{{"web", 8080}, {"api", 9000}, {"admin", 8080}} {
		sg := s.name + "-task-sg_id"
		want[s.name+"-alb-out-task"] = rule{group: "edge-alb-sg_id", peer: sg}
		want[s.name+"-task-in-alb"] = rule{group: sg, peer: "edge-alb-sg_id"}
		want[s.name+"-task-out-endpoints"] = rule{group: sg, peer: "main-endpoint-sg_id"}
		want[s.name+"-endpoint-in-task"] = rule{group: "main-endpoint-sg_id", peer: sg}
		want[s.name+"-task-out-s3"] = rule{group: sg, prefix: "pl-s3"}
		for _, n := range []string{s.name + "-alb-out-task", s.name + "-task-in-alb"} {
			typ := tEgress
			if strings.Contains(n, "-in-") {
				typ = tIngress
			}
			r := get(t, m, typ, n)
			expect(t, r, "fromPort", s.port)
			expect(t, r, "toPort", s.port)
		}
	}
	want["edge-alb-in-80-0"] = rule{group: "edge-alb-sg_id", cidr: "0.0.0.0/0"}
	want["apps-admin-instance-out-endpoints"] = rule{group: "apps-admin-instance-sg_id", peer: "main-endpoint-sg_id"}
	want["apps-admin-endpoint-in-instance"] = rule{group: "main-endpoint-sg_id", peer: "apps-admin-instance-sg_id"}
	want["apps-admin-instance-out-s3"] = rule{group: "apps-admin-instance-sg_id", prefix: "pl-s3"}

	got := map[string]rule{}
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			s := func(k string) string { v, _ := in(r, k).(string); return v }
			got[r.Name] = rule{group: s("securityGroupId"), peer: s("referencedSecurityGroupId"), cidr: s("cidrIpv4"), prefix: s("prefixListId")}
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("rule %s = %+v, want %+v", name, got[name], w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected rule %s %+v: every rule must be a wanted path", name, got[name])
		}
	}
}

// Fact: a shared listener answers a fixed 404 by default, and each service
// gets a rule with a unique priority in 1..50000 and at most five condition
// values (ELB User Guide, "Listener rules" and "Quotas"). A catch-all route
// goes last (50000) so the specific ones are tried first.
func TestSharedLoadBalancerRulesAndPriorities(t *testing.T) {
	pl := sharedPlatform()
	m := pl.mustRun(t)
	http := get(t, m, tListener, "edge-http")
	expect(t, http, "defaultActions", []map[string]any{{
		"type": "fixed-response",
		"fixedResponse": map[string]any{
			"contentType": "text/plain", "messageBody": "Not Found", "statusCode": "404",
		},
	}})
	if n := len(m.ByType(tTG)); n != 3 {
		t.Errorf("registered %d target groups, want one per service (3)", n)
	}
	prios := edge.RoutePriorities(pl.lb.Routes)
	if prios["web"] != 50000 {
		t.Errorf("catch-all web has priority %d, want 50000", prios["web"])
	}
	for _, tc := range []struct {
		service    string
		conditions []map[string]any
	}{
		{"web", []map[string]any{{"pathPattern": map[string]any{"values": []string{"/*"}}}}},
		{"api", []map[string]any{{"pathPattern": map[string]any{"values": []string{"/api/*"}}}}},
		{"admin", []map[string]any{{"hostHeader": map[string]any{"values": []string{"admin.example.com"}}}}},
	} {
		r := get(t, m, tListenerRule, tc.service+"-rule")
		expect(t, r, "listenerArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/edge-http")
		expect(t, r, "priority", prios[tc.service])
		expect(t, r, "conditions", tc.conditions)
		expect(t, r, "actions", []map[string]any{{"type": "forward", "targetGroupArn": fmt.Sprintf("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s-tg/0123456789abcdef", tc.service)}})
		// Fact 5 and 15: the service is created after its rule, which is
		// created after its listener.
		svc := get(t, m, tService, tc.service+"-service")
		if !slices.Contains(svc.Dependencies, r.URN) {
			t.Errorf("%s does not wait for %s", svc.URN, r.URN)
		}
		if !slices.Contains(r.Dependencies, http.URN) {
			t.Errorf("%s does not wait for %s", r.URN, http.URN)
		}
	}
	seen := map[int]string{}
	for s, p := range prios {
		if other, dup := seen[p]; dup {
			t.Errorf("%s and %s share priority %d", s, other, p)
		}
		seen[p] = s
	}
}

// Fact: a VPC holds one interface endpoint with private DNS per service
// (BRIEF fact 14), so the network creates each endpoint once, for the union
// of its services' needs, and says who needs it.
func TestSharedNetworkCreatesTheEndpointUnionOnce(t *testing.T) {
	m := sharedPlatform().mustRun(t)
	want := map[string]string{ // service -> needed-by tag
		"ecr.api": "admin api web", "ecr.dkr": "admin api web", "logs": "admin api web", "s3": "admin api web",
		"secretsmanager": "api", "ecs": "admin", "ecs-agent": "admin", "ecs-telemetry": "admin",
	}
	got := map[string]string{}
	for _, e := range m.ByType(tEndpoint) {
		svc := strings.TrimPrefix(in(e, "serviceName").(string), "com.amazonaws.us-east-1.")
		if _, dup := got[svc]; dup {
			t.Errorf("%s: second %s endpoint in one VPC; private DNS allows one", e.URN, svc)
		}
		tags := in(e, "tags").(map[string]any)
		got[svc], _ = tags["needed-by"].(string)
		if tags["needed-for"] == "" {
			t.Errorf("%s: no needed-for tag", e.URN)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("endpoints and who needs them = %v, want %v", got, want)
	}
	sm := get(t, m, tEndpoint, "main-vpce-secretsmanager")
	expect(t, sm, "tags.needed-for", "container secrets from Secrets Manager")
}

// Fact: ClusterCapacityProviders sets a cluster's whole provider list
// (BRIEF fact 16), so the cluster has exactly one, naming every provider of
// every service; each service's strategy stays unmixed (fact 7).
func TestOneClusterAssociationNamesEveryProvider(t *testing.T) {
	m := sharedPlatform().mustRun(t)
	assoc := m.ByType(tCapProviders)
	if len(assoc) != 1 {
		t.Fatalf("registered %d capacity provider associations, want exactly 1", len(assoc))
	}
	expect(t, assoc[0], "clusterName", "apps-cluster")
	expect(t, assoc[0], "capacityProviders", []string{"FARGATE", "FARGATE_SPOT", "apps-admin-ec2"})
	for svc, provider := range map[string]string{"web": "FARGATE", "api": "FARGATE_SPOT", "admin": "apps-admin-ec2"} {
		s := get(t, m, tService, svc+"-service")
		expect(t, s, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/apps-cluster")
		expect(t, s, "capacityProviderStrategies", []map[string]any{{"capacityProvider": provider, "base": 0, "weight": 1}})
		if !slices.Contains(s.Dependencies, assoc[0].URN) {
			t.Errorf("%s does not wait for the capacity provider association", s.URN)
		}
	}
	td := get(t, m, tTaskDef, "admin-task")
	expect(t, td, "requiresCompatibilities", []string{"EC2"})
	expect(t, get(t, m, tTaskDef, "api-task"), "requiresCompatibilities", []string{"FARGATE"})
}

// Fact: without NAT, a task reading a Secrets Manager secret needs the
// secretsmanager endpoint (BRIEF fact 2); a network that lacks it is
// refused by name, and the service registers nothing.
func TestServiceRefusesANetworkWithoutItsEndpoint(t *testing.T) {
	pl := sharedPlatform()
	pl.network.Features = map[string]network.EndpointFeatures{"web": {}, "api": {}, "admin": {Ec2: true}}
	m, err := pl.run(t)
	if err == nil {
		t.Fatal("api with a Secrets Manager secret was accepted on a network without the endpoint")
	}
	for _, want := range []string{"service api needs the secretsmanager endpoint", "network main has none", `set SecretsManager in the network's Features["api"]`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	for _, r := range m.Resources() {
		if r.Type == check.WebServiceType && r.Name == "api" || strings.HasPrefix(r.Name, "api-") {
			t.Errorf("%s registered although api was refused", r.URN)
		}
	}
}

// The cluster refuses EC2 instances on a network without the ecs endpoints.
func TestClusterRefusesEc2OnANetworkWithoutEcsEndpoints(t *testing.T) {
	pl := sharedPlatform()
	pl.network.Features = map[string]network.EndpointFeatures{"web": {}, "api": {SecretsManager: true}, "admin": {}}
	_, err := pl.run(t)
	if err == nil || !strings.Contains(err.Error(), "Ec2[0]: the group's instances need the ecs endpoint") {
		t.Fatalf("error = %v, want the missing ecs endpoint named", err)
	}
}

func TestSharedLoadBalancerValidation(t *testing.T) {
	route := func(svc string, prio int, hosts, paths []string) edge.ListenerRoute {
		return edge.ListenerRoute{Service: svc, Priority: prio, Hosts: hosts, Paths: paths}
	}
	tests := []struct {
		name    string
		give    []edge.ListenerRoute
		target  *edge.DefaultTargetArgs
		wantErr string
	}{
		{"same priority", []edge.ListenerRoute{route("a", 10, nil, []string{"/a/*"}), route("b", 10, nil, []string{"/b/*"})}, nil,
			"Routes[1].Priority: 10 is already a's (route 0)"},
		{"same conditions", []edge.ListenerRoute{route("a", 0, []string{"x.example.com"}, []string{"/"}), route("b", 0, []string{"x.example.com"}, []string{"/"})}, nil,
			"Routes[1]: b has the same conditions as a (route 0)"},
		{"six condition values", []edge.ListenerRoute{route("a", 0, []string{"a.example.com", "b.example.com", "c.example.com"}, []string{"/1", "/2", "/3"})}, nil,
			"Routes[0]: 6 hosts and paths is more than the 5 condition values one ALB rule holds"},
		{"no condition", []edge.ListenerRoute{route("a", 0, nil, nil)}, nil, "Routes[0]: the route has no condition"},
		{"priority out of range", []edge.ListenerRoute{route("a", 50001, nil, []string{"/a"})}, nil, "Routes[0].Priority: 50001 is out of range; use 1 to 50000"},
		{"bad path", []edge.ListenerRoute{route("a", 0, nil, []string{"api/*"})}, nil, `Routes[0].Paths[0]: "api/*" is not a path pattern`},
		{"bad host", []edge.ListenerRoute{route("a", 0, []string{"bad host"}, nil)}, nil, `Routes[0].Hosts[0]: "bad host" is not a host header pattern`},
		{"service routed twice", []edge.ListenerRoute{route("a", 0, nil, []string{"/a"}), route("a", 0, nil, []string{"/b"})}, nil, "Routes[1].Service: a already has route 0"},
		{"default target and routes", []edge.ListenerRoute{route("a", 0, nil, []string{"/a"})}, &edge.DefaultTargetArgs{}, "DefaultTarget: a default target and routes exclude each other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				n, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{Region: testRegion})
				if err != nil {
					return err
				}
				_, err = edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: n, Routes: tt.give, DefaultTarget: tt.target})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			for _, r := range m.Resources() {
				if strings.HasPrefix(r.Name, "edge") {
					t.Errorf("%s registered although the load balancer was refused", r.URN)
				}
			}
		})
	}
}

func TestServiceWithoutARouteIsRefused(t *testing.T) {
	pl := sharedPlatform()
	pl.services["extra"] = service.WebServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./x"}}}
	_, err := pl.run(t)
	if err == nil || !strings.Contains(err.Error(), `Route: load balancer edge has no default target and no route for extra`) ||
		!strings.Contains(err.Error(), `give the service a Route with its hosts or paths`) {
		t.Fatalf("error = %v, want the missing route named", err)
	}
}

// Derived priorities are stable: adding a route moves no existing one.
func TestRoutePrioritiesAreStableWhenARouteIsAdded(t *testing.T) {
	routes := []edge.ListenerRoute{
		{Service: "web", Paths: []string{"/*"}},
		{Service: "api", Paths: []string{"/api/*"}},
		{Service: "admin", Hosts: []string{"admin.example.com"}},
		{Service: "pinned", Paths: []string{"/p"}, Priority: 7},
	}
	before := edge.RoutePriorities(routes)
	after := edge.RoutePriorities(append(slices.Clone(routes), edge.ListenerRoute{Service: "search", Paths: []string{"/search/*"}}))
	for svc, p := range before {
		if after[svc] != p {
			t.Errorf("%s moved from %d to %d when a route was added", svc, p, after[svc])
		}
	}
	if before["pinned"] != 7 || before["web"] != 50000 {
		t.Errorf("explicit or catch-all priority not kept: %v", before)
	}
	var all []int
	for _, p := range after {
		if p < 1 || p > 50000 {
			t.Errorf("priority %d out of 1..50000", p)
		}
		all = append(all, p)
	}
	sort.Ints(all)
	if len(slices.Compact(all)) != len(after) {
		t.Errorf("priorities not unique: %v", after)
	}
}

// A derived priority that collides takes the next free number.
func TestRoutePrioritiesResolveCollisions(t *testing.T) {
	first := edge.RoutePriorities([]edge.ListenerRoute{{Service: "a", Paths: []string{"/a"}}})["a"]
	got := edge.RoutePriorities([]edge.ListenerRoute{{Service: "x", Paths: []string{"/x"}, Priority: first}, {Service: "a", Paths: []string{"/a"}}})
	if got["a"] != first%49999+1 {
		t.Errorf("a = %d after colliding with an explicit %d, want %d", got["a"], first, first%49999+1)
	}
}

// A service too big for the cluster's EC2 group is told so on its own
// field, naming the group, since the group's MaxSize is not in its args.
// m6i.large has 3 ENIs, so in awsvpc mode it runs 2 tasks (one ENI is the
// instance's; ECS docs, "Elastic network interface trunking").
func TestServiceTooBigForTheClusterGroupNamesTheGroup(t *testing.T) {
	pl := sharedPlatform()
	admin := pl.services["admin"]
	five := 5
	admin.Service.DesiredCount = &five
	pl.services["admin"] = admin
	m, err := pl.run(t)
	want := `Service.DesiredCount: the 4 m6i.large instances of the cluster's EC2 group "admin" hold 8 tasks (2 each, limited by ENIs (3, one for the instance)), but a deployment of 5 tasks at MaximumPercent 200 runs 10`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	if strings.Contains(err.Error(), "Ec2.MaxSize") {
		t.Errorf("the problem names Ec2.MaxSize, which a WebService's args do not have:\n%v", err)
	}
	if r := m.Find(tService, "admin-service"); r != nil {
		t.Errorf("%s registered for a service that does not fit", r.URN)
	}
}

// Two bridge services on one EC2 group share one pair of rules between
// the ALB and the instances: AWS refuses a second rule with the same
// group, ports and peer (InvalidPermission.Duplicate, EC2 API reference,
// AuthorizeSecurityGroupIngress), so a second pair would fail the deploy.
func TestBridgeServicesOnOneGroupShareTheInstanceRules(t *testing.T) {
	on := true
	pl := sharedPlatform()
	pl.cluster = cluster.ClusterArgs{Fargate: &on, Ec2: []cluster.Ec2CapacityArgs{{Name: "admin", InstanceTypes: []string{"m6i.large"}, NetworkMode: cluster.NetworkBridge}}}
	pl.network.Features["ops"] = network.EndpointFeatures{Ec2: true}
	pl.lb.Routes = append(pl.lb.Routes, edge.ListenerRoute{Service: "ops", Hosts: []string{"ops.example.com"}})
	pl.services["ops"] = service.WebServiceArgs{
		Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./ops"}},
		Service:   service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "admin", Weight: 1}}},
	}
	m, err := pl.run(t)
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	type rule struct{ typ, group, peer string }
	count := map[rule][]string{}
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			if in(r, "fromPort") == float64(cluster.DynamicPortLow) {
				k := rule{typ, fmt.Sprint(in(r, "securityGroupId")), fmt.Sprint(in(r, "referencedSecurityGroupId"))}
				count[k] = append(count[k], r.Name)
			}
		}
	}
	want := map[rule][]string{
		{tEgress, "edge-alb-sg_id", "apps-admin-instance-sg_id"}:  {"apps-admin-alb-out-instance"},
		{tIngress, "apps-admin-instance-sg_id", "edge-alb-sg_id"}: {"apps-admin-instance-in-alb"},
	}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Errorf("dynamic-port rules = %v, want %v", count, want)
	}
	// The rules are the group's: its instances start once the ALB can
	// reach them, and the services wait for the group's capacity
	// provider association, which waits for the group.
	asg := get(t, m, tASG, "apps-admin-asg")
	for _, name := range []string{"apps-admin-alb-out-instance", "apps-admin-instance-in-alb"} {
		typ := tEgress
		if strings.Contains(name, "-in-") {
			typ = tIngress
		}
		if r := get(t, m, typ, name); !contains(asg.Dependencies, r.URN) {
			t.Errorf("%s does not wait for %s, which lets the ALB reach its tasks", asg.URN, r.URN)
		}
	}
	assoc := get(t, m, tCapProviders, "apps-capacity-providers")
	for _, svc := range []string{"admin-service", "ops-service"} {
		if r := get(t, m, tService, svc); !contains(r.Dependencies, assoc.URN) {
			t.Errorf("%s does not wait for %s", r.URN, assoc.URN)
		}
	}
}

// A service's customer key encrypts its log group and its repository;
// CloudWatch Logs takes only a key ARN of its own region (CloudWatch Logs
// API, AssociateKmsKey), so anything else is refused by field.
func TestServiceKeyEncryptsLogsAndRepository(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	pl := sharedPlatform()
	web := pl.services["web"]
	web.KmsKeyArn = pulumi.String(key)
	pl.services["web"] = web
	m, err := pl.run(t)
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	expect(t, get(t, m, tLogGroup, "web-logs"), "kmsKeyId", key)
	expect(t, get(t, m, tRepo, "web-repo"), "encryptionConfigurations", []map[string]any{{"encryptionType": "KMS", "kmsKey": key}})
	expect(t, get(t, m, tRepo, "api-repo"), "encryptionConfigurations", []map[string]any{{"encryptionType": "AES256"}})
	if v := in(get(t, m, tLogGroup, "api-logs"), "kmsKeyId"); v != nil {
		t.Errorf("api's log group has key %v; only web gave one", v)
	}

	for _, bad := range []struct{ value, want string }{
		{"alias/app", `KmsKeyArn: "alias/app" is not a KMS key ARN; use arn:aws:kms:<region>:<account>:key/<key id> (not an alias)`},
		{"arn:aws:kms:eu-west-1:123456789012:key/1234abcd", `KmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd" is in region eu-west-1, but the stack's region is us-east-1`},
	} {
		pl := sharedPlatform()
		web := pl.services["web"]
		web.KmsKeyArn = pulumi.String(bad.value)
		pl.services["web"] = web
		m, err := pl.run(t)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("KmsKeyArn %s: err = %v, want it to contain %q", bad.value, err, bad.want)
		}
		if r := m.Find(tService, "web-service"); r != nil {
			t.Errorf("%s registered with a bad key", r.URN)
		}
	}
}
