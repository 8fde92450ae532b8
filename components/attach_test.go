package components

import (
	"encoding/json"
	"fmt"
	"slices"
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

const (
	tStackRef       = "pulumi:pulumi:StackReference"
	platformStack   = "acme/platform/prod"
	fxHttpListener  = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/acme-main/0123456789abcdef/aaaa000011112222"
	fxHttpsListener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/acme-main/0123456789abcdef/bbbb000011112222"
	fxAlbSG         = "sg-0a1b2c3d4e5f60001"
	fxTargetsSG     = "sg-0a1b2c3d4e5f60002"
	fxEndpointSG    = "sg-0a1b2c3d4e5f60003"
	fxClientsSG     = "sg-0a1b2c3d4e5f60004"
	fxImage         = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.0"
)

// fixtureContract is a platform contract as `pulumi stack output platform
// --json` prints it for a deployed platform: one ALB with HTTPS for
// app.example.com and *.example.com, teams orders and payments, Fargate,
// ECS Exec logging, and the endpoints for images, logs and Secrets
// Manager.
func fixtureContract() PlatformContract {
	return PlatformContract{
		Version: PlatformContractVersion, Name: "acme", Region: testRegion, Partition: "aws",
		Network: PlatformNetwork{
			VpcId: "vpc-0a1b2c3d4e5f60718", VpcCidr: "10.0.0.0/16",
			PublicSubnets:        []PlatformSubnet{{"subnet-0aaa00000000000a1", "us-east-1a"}, {"subnet-0aaa00000000000b1", "us-east-1b"}},
			PrivateSubnets:       []PlatformSubnet{{"subnet-0bbb00000000000a1", "us-east-1a"}, {"subnet-0bbb00000000000b1", "us-east-1b"}},
			PrivateRouteTableIds: []string{"rtb-0ccc00000000000a1", "rtb-0ccc00000000000b1"},
			Endpoints: map[string]string{
				"ecr.api": network.EndpointInterface, "ecr.dkr": network.EndpointInterface, "logs": network.EndpointInterface,
				"s3": network.EndpointGateway, "secretsmanager": network.EndpointInterface,
			},
			EndpointSecurityGroupId: fxEndpointSG, EndpointClientSecurityGroupId: fxClientsSG,
			GatewayPrefixListIds: map[string]string{"s3": "pl-63a5400a"},
		},
		LoadBalancers: []PlatformLoadBalancer{{
			Name: "main", Arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/acme-main/0123456789abcdef",
			ArnSuffix: "app/acme-main/0123456789abcdef", DnsName: "acme-main-1234567890.us-east-1.elb.amazonaws.com", ZoneId: "Z35SXDOTRQ7X7K",
			SecurityGroupId: fxAlbSG, TargetSecurityGroupId: fxTargetsSG, TargetPorts: edge.PortRange{From: 1024, To: 65535},
			Listeners:        map[string]string{edge.ListenerHttp: fxHttpListener, edge.ListenerHttps: fxHttpsListener},
			CertificateHosts: []string{"app.example.com", "*.example.com"},
			PriorityRanges:   []edge.PriorityRange{{Team: "orders", From: 1, To: 5000, MaxServices: 10}, {Team: "payments", From: 5001, To: 10000, MaxServices: 10}},
		}},
		Cluster: PlatformCluster{
			Name: "acme", Arn: "arn:aws:ecs:us-east-1:123456789012:cluster/acme-cluster", ClusterName: "acme-cluster",
			CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"}, Fargate: true,
			Exec: &PlatformExec{LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:acme-exec-logs"},
		},
		Priorities: priorityScheme,
	}
}

// asOutput is a contract as a stack output holds it.
func asOutput(t testing.TB, c PlatformContract) map[string]any {
	t.Helper()
	m, err := contractMap(c)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// ordersArgs is a service of team orders on the fixture's HTTPS listener.
func ordersArgs() service.WebServiceArgs {
	return service.WebServiceArgs{
		Container: service.ContainerArgs{Image: pulumi.String(fxImage)},
		Route:     &service.ServiceRoute{Hosts: []string{"orders.example.com"}, Team: "orders"},
	}
}

// attachRun runs a service program: it attaches to the platform stack
// and builds each service on the load balancer "main".
func attachRun(t testing.TB, m *awsmock.Mocks, contract PlatformContract, services map[string]service.WebServiceArgs) error {
	t.Helper()
	if m.StackOutputs == nil {
		m.StackOutputs = map[string]map[string]any{}
	}
	m.StackOutputs[platformStack] = map[string]any{PlatformOutput: asOutput(t, contract)}
	return pulumi.RunErr(func(ctx *pulumi.Context) error {
		c, err := AttachPlatform(ctx, platformStack)
		if err != nil {
			return err
		}
		l, err := c.LoadBalancer("main")
		if err != nil {
			return err
		}
		for _, name := range check.SortedKeys(services) {
			a := services[name]
			a.Network, a.Cluster, a.LoadBalancer = c, c, l
			if _, err := service.NewWebService(ctx, name, &a); err != nil {
				return err
			}
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
}

// A service attached from another program owns its own resources only.
// It adds no rule to any platform group: its tasks join the platform's
// endpoint-clients group (which the endpoint group admits in one rule)
// and the load balancer's targets group (which the ALB's group reaches in
// one rule), and admit the ALB on their own port in their own group. A
// group holds 60 inbound and 60 outbound rules by default (Amazon VPC
// User Guide, "Amazon VPC quotas", Security groups), so a rule per
// service on a shared group would stop the platform at about 60
// services (BRIEF fact 18).
func TestAttachedServiceOwnsOnlyItsOwnResources(t *testing.T) {
	m := awsmock.New(testRegion)
	if err := attachRun(t, m, fixtureContract(), map[string]service.WebServiceArgs{"orders": ordersArgs()}); err != nil {
		t.Fatalf("program failed: %v", err)
	}
	svc := get(t, m, tService, "orders-service")
	expect(t, svc, "networkConfiguration.securityGroups", []string{"orders-task-sg_id", fxTargetsSG, fxClientsSG})
	expect(t, svc, "networkConfiguration.subnets", []string{"subnet-0bbb00000000000a1", "subnet-0bbb00000000000b1"})
	expect(t, svc, "networkConfiguration.assignPublicIp", false)
	expect(t, svc, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/acme-cluster")
	expect(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE", "base": 0, "weight": 1}})

	var rules []string
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			rules = append(rules, r.Name)
			if g := fmt.Sprint(in(r, "securityGroupId")); g != "orders-task-sg_id" {
				t.Errorf("%s adds a rule to group %s, which is not the service's", r.URN, g)
			}
		}
	}
	if !slices.Equal(rules, []string{"orders-task-in-alb"}) {
		t.Errorf("rules = %v, want only orders-task-in-alb", rules)
	}
	ingress := get(t, m, tIngress, "orders-task-in-alb")
	expect(t, ingress, "referencedSecurityGroupId", fxAlbSG)
	expect(t, ingress, "fromPort", 8080)
	expect(t, ingress, "toPort", 8080)

	rule := get(t, m, tListenerRule, "orders-rule")
	want := edge.DerivedPriority("orders", edge.PriorityRange{From: 1, To: 5000})
	expect(t, rule, "listenerArn", fxHttpsListener)
	expect(t, rule, "priority", want)
	expect(t, rule, "conditions", []map[string]any{{"hostHeader": map[string]any{"values": []string{"orders.example.com"}}}})
	if want < 1 || want > 5000 {
		t.Errorf("derived priority %d is outside team orders' block 1-5000", want)
	}
	// The priority was looked up on the live listener before anything
	// registered.
	looked := false
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:lb/getListenerRule:getListenerRule" &&
			inv.Args["listenerArn"].StringValue() == fxHttpsListener && int(inv.Args["priority"].NumberValue()) == want {
			looked = true
		}
	}
	if !looked {
		t.Errorf("no look-up of priority %d on %s", want, fxHttpsListener)
	}
	for _, r := range m.Resources() {
		if r.Type == tStackRef {
			continue
		}
		if !strings.Contains(r.URN, check.WebServiceType) {
			t.Errorf("%s is not the service's own", r.URN)
		}
	}
}

// Every check of a service against the platform runs before anything but
// the stack reference registers, and every problem comes back at once.
func TestAttachedServiceRefusalsRegisterNothing(t *testing.T) {
	derived := edge.DerivedPriority("orders", edge.PriorityRange{From: 1, To: 5000})
	tests := []struct {
		name    string
		give    func(*service.WebServiceArgs, *PlatformContract, *awsmock.Mocks)
		wantErr []string
	}{
		{
			// BRIEF fact 2: SSM parameters need the ssm endpoint.
			name: "missing endpoint",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Container.Secrets = literalSecrets(map[string]string{"TOKEN": "arn:aws:ssm:us-east-1:123456789012:parameter/orders/token"})
			},
			wantErr: []string{"Network: service orders needs the ssm endpoint", `add "ssm" to its ExtraEndpointServices (a platform's Endpoints)`},
		},
		{
			// BRIEF fact 13: ECS Exec needs ssmmessages without NAT.
			name: "exec without its endpoint",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Service.EnableExecuteCommand = true
			},
			wantErr: []string{"needs the ssmmessages endpoint"},
		},
		{
			// BRIEF fact 7/16: the cluster must have every provider the
			// service names.
			name: "capacity the cluster lacks",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "gpu", Weight: 1}}
			},
			wantErr: []string{"Service.CapacityProviderStrategy[0].Provider: the cluster has no EC2 group"},
		},
		{
			// BRIEF fact 15: priorities are unique per listener; the
			// live rule is named by its ARN.
			name: "priority held on the live listener",
			give: func(_ *service.WebServiceArgs, _ *PlatformContract, m *awsmock.Mocks) {
				m.ListenerRules = []ListenerRule{{ListenerArn: fxHttpsListener, Priority: derived,
					Arn:  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/acme-main/0123456789abcdef/bbbb000011112222/9999",
					Tags: map[string]string{"project": "billing", "stack": "prod", "Name": "invoices-rule"}}}
			},
			wantErr: []string{fmt.Sprintf("Route.Priority: %d (derived from the name in team \"orders\"'s block 1-5000) is held on the https listener of load balancer main by rule arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/acme-main/0123456789abcdef/bbbb000011112222/9999; set Route.Priority to another number in 1-5000", derived)},
		},
		{
			name: "host the certificate does not cover",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Route.Hosts = []string{"orders.example.org", "a.b.example.com"}
			},
			wantErr: []string{
				"Route.Hosts[0]: orders.example.org is not a name the certificate of load balancer main covers",
				// A wildcard covers one label only (RFC 6125, 6.4.3).
				"Route.Hosts[1]: a.b.example.com is not a name the certificate",
			},
		},
		{
			name: "priority outside the team's block",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Route.Priority = 5001
			},
			wantErr: []string{`Route.Priority: 5001 is outside team "orders"'s block 1-5000`},
		},
		{
			name: "team with no block",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Route.Team = "billing"
			},
			wantErr: []string{`Route.Team: load balancer main gives no priority block to team "billing"; use one of "orders", "payments"`},
		},
		{
			name: "https on a load balancer without it",
			give: func(a *service.WebServiceArgs, c *PlatformContract, _ *awsmock.Mocks) {
				delete(c.LoadBalancers[0].Listeners, edge.ListenerHttps)
				a.Route.Listener = edge.ListenerHttps
			},
			wantErr: []string{"Route.Listener: load balancer main has no HTTPS listener"},
		},
		{
			name: "port the targets group is not reached on",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Container.Port = 80
			},
			wantErr: []string{"Container.Port: 80 is outside the ports 1024-65535 load balancer main reaches its targets on"},
		},
		{
			// Amazon VPC quota: 5 security groups per network interface.
			name: "more groups than an interface holds",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Service.ExtraSecurityGroupIds = pulumi.ToStringArray([]string{"sg-01", "sg-02", "sg-03"})
			},
			wantErr: []string{"Service.ExtraSecurityGroupIds: 3 groups and the task's own, the load balancer's targets group, the network's endpoint clients group make 6, but a network interface holds 5 security groups"},
		},
		{
			name: "all at once",
			give: func(a *service.WebServiceArgs, _ *PlatformContract, _ *awsmock.Mocks) {
				a.Container.Port = 80
				a.Route.Priority = 9000
			},
			wantErr: []string{"Container.Port: 80", "Route.Priority: 9000"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			a, c := ordersArgs(), fixtureContract()
			tt.give(&a, &c, m)
			err := attachRun(t, m, c, map[string]service.WebServiceArgs{"orders": a})
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error = %v\nwant it to contain %q", err, w)
				}
			}
			for _, r := range m.Resources() {
				if r.Type != tStackRef {
					t.Errorf("%s registered although the service was refused", r.URN)
				}
			}
		})
	}
}

// A later deploy finds the service's own rule at its priority: the rule
// is tagged with the project, stack and its name, and is not refused.
func TestAttachedServiceKeepsItsOwnLiveRule(t *testing.T) {
	m := awsmock.New(testRegion)
	m.ListenerRules = []ListenerRule{{ListenerArn: fxHttpsListener, Priority: edge.DerivedPriority("orders", edge.PriorityRange{From: 1, To: 5000}),
		Arn:  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/acme-main/0123456789abcdef/bbbb000011112222/1234",
		Tags: map[string]string{"project": testProject, "stack": testStack, "Name": "orders-rule"}}}
	if err := attachRun(t, m, fixtureContract(), map[string]service.WebServiceArgs{"orders": ordersArgs()}); err != nil {
		t.Fatalf("the service's own rule was refused: %v", err)
	}
}

// ListenerRule is awsmock's, named here for the table.
type ListenerRule = awsmock.ListenerRule

// Two services of one program that derive the same priority are refused
// before either rule exists: a look-up cannot see a rule that is not
// there yet, and AWS would refuse the second one mid-deploy
// (PriorityInUse; BRIEF fact 15).
func TestServicesOfOneProgramCannotShareAPriority(t *testing.T) {
	block := edge.PriorityRange{From: 1, To: 5000}
	seen := map[int]string{}
	var first, second string
	for i := 0; second == ""; i++ {
		name := fmt.Sprintf("svc%d", i)
		p := edge.DerivedPriority(name, block)
		if other, ok := seen[p]; ok {
			first, second = other, name
		}
		seen[p] = name
	}
	m := awsmock.New(testRegion)
	services := map[string]service.WebServiceArgs{}
	for _, name := range []string{first, second} {
		a := ordersArgs()
		a.Route.Hosts = []string{name + ".example.com"}
		services[name] = a
	}
	err := attachRun(t, m, fixtureContract(), services)
	later, earlier := second, first
	if first > second {
		later, earlier = first, second
	}
	want := fmt.Sprintf("is already service %s's on the https listener of load balancer main", earlier)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want it to contain %q", err, want)
	}
	if r := m.Find(tListenerRule, later+"-rule"); r != nil {
		t.Errorf("%s registered although its priority is taken", r.URN)
	}
}

// A derived priority depends only on the service's name and its block:
// it stays inside the block, and adding or removing other services
// cannot move it. On the whole range it is the priority the load
// balancer's own Routes first try, so a service moving its route from
// the load balancer onto itself keeps its priority.
func TestDerivedPriorityStaysInItsBlock(t *testing.T) {
	blocks := []edge.PriorityRange{{From: 1, To: 5000}, {From: 5001, To: 10000}, {From: 49990, To: 49999}, {From: 7, To: 7}}
	for i := range 500 {
		name := fmt.Sprintf("service-%d", i)
		for _, b := range blocks {
			if p := edge.DerivedPriority(name, b); p < b.From || p > b.To {
				t.Fatalf("DerivedPriority(%q, %v) = %d, outside the block", name, b, p)
			}
		}
	}
	routes := []edge.ListenerRoute{{Service: "orders", Paths: []string{"/orders/*"}}}
	if got, want := edge.DerivedPriority("orders", edge.PriorityRange{From: 1, To: edge.DerivedPriorityRange}), edge.RoutePriorities(routes)["orders"]; got != want {
		t.Errorf("derived %d on the whole range, but the load balancer's routes give %d", got, want)
	}
}

func TestParsePlatformContractRefusesBadContracts(t *testing.T) {
	tests := []struct {
		name    string
		give    func(map[string]any)
		wantErr string
	}{
		{"another version", func(m map[string]any) { m["version"] = 2 }, "version: is 2, but this package reads version 1"},
		{"unknown field", func(m map[string]any) { m["vpc"] = "x" }, `unknown field "vpc"`},
		{"bad vpc id", func(m map[string]any) { m["network"].(map[string]any)["vpcId"] = "vpc_main" }, `network.vpcId: "vpc_main" is not an id like vpc-0123456789abcdef0`},
		{"one zone", func(m map[string]any) {
			n := m["network"].(map[string]any)
			n["privateSubnets"] = n["privateSubnets"].([]any)[:1]
		}, "network.privateSubnets: the platform gives 1 private subnets in 1 zones"},
		{"no http listener", func(m map[string]any) {
			delete(m["loadBalancers"].([]any)[0].(map[string]any)["listeners"].(map[string]any), "http")
		}, "loadBalancers[0].listeners.http: is missing"},
		{"gateway without prefix list", func(m map[string]any) {
			delete(m["network"].(map[string]any)["gatewayPrefixListIds"].(map[string]any), "s3")
		},
			"network.gatewayPrefixListIds.s3: gateway endpoint s3 has no prefix list"},
		{"region", func(m map[string]any) { m["region"] = "moon-1" }, `region: "moon-1" is not an AWS region`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := asOutput(t, fixtureContract())
			tt.give(m)
			_, err := ParsePlatformContract(m)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
	// What `pulumi stack output platform --json` prints parses as text.
	data, err := json.Marshal(fixtureContract())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParsePlatformContract(string(data)); err != nil {
		t.Errorf("the fixture's JSON text was refused: %v", err)
	}
}

// A platform stack that has not been deployed exports nothing yet: the
// service program is told to deploy the platform first.
func TestAttachToAPlatformNotYetDeployed(t *testing.T) {
	m := awsmock.New(testRegion)
	m.StackOutputs = map[string]map[string]any{platformStack: {}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := AttachPlatform(ctx, platformStack)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	want := `platform stack acme/platform/prod has no "platform" output yet; deploy the platform program there first`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want it to contain %q", err, want)
	}
}
