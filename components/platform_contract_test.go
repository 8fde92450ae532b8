package components

import (
	"reflect"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A platform's contract resolves: every load balancer of a platform has a
// targets group, whose id (an IDOutput) waits for the ALB's egress rule
// to it, and a contract that never resolves is a stack that never
// exports it.
func TestPlatformContractResolves(t *testing.T) {
	m := awsmock.New(testRegion)
	var got map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := NewPlatform(ctx, "plat", &PlatformArgs{Teams: []TeamArgs{{Name: "orders"}}})
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any { got, _ = v.(map[string]any); return v })
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	lbs, _ := got["loadBalancers"].([]any)
	if len(lbs) != 1 {
		t.Fatalf("contract has load balancers %v, want one", got["loadBalancers"])
	}
	if sg := lbs[0].(map[string]any)["targetSecurityGroupId"]; sg != "plat-main-targets-sg_id" {
		t.Errorf("contract's targetSecurityGroupId = %v, want plat-main-targets-sg_id", sg)
	}
}

// The contract's keys are camelCase throughout, as the README's table
// documents them: the port and priority ranges too, whose Go fields carry
// only pulumi tags of their own.
func TestPlatformContractRangesAreCamelCase(t *testing.T) {
	m, err := contractMap(PlatformContract{
		Version: PlatformContractVersion,
		LoadBalancers: []PlatformLoadBalancer{{
			Name: "main", TargetPorts: edge.PortRange{From: 1024, To: 65535},
			PriorityRanges: []edge.PriorityRange{{Team: "orders", From: 1, To: 5000, MaxServices: 10}},
		}},
		Priorities: priorityScheme,
	})
	if err != nil {
		t.Fatal(err)
	}
	lb := m["loadBalancers"].([]any)[0].(map[string]any)
	for what, got := range map[string]any{
		"targetPorts":       lb["targetPorts"],
		"priorityRanges[0]": lb["priorityRanges"].([]any)[0],
		"priorities.range":  m["priorities"].(map[string]any)["range"],
	} {
		want := map[string]any{
			"targetPorts":       map[string]any{"from": 1024.0, "to": 65535.0},
			"priorityRanges[0]": map[string]any{"team": "orders", "from": 1.0, "to": 5000.0, "maxServices": 10.0},
			"priorities.range":  map[string]any{"from": 1.0, "to": 49999.0},
		}[what]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("contract %s = %v, want %v", what, got, want)
		}
	}
}

// attachJSON is a platform contract as a deployed stack exports it: one
// load balancer with HTTPS and a block for team "orders".
const attachJSON = `{"version":1,"name":"plat","region":"us-east-1","partition":"aws",
"network":{"vpcId":"vpc-0a1b2c3d","privateSubnets":[{"id":"subnet-0a1","zone":"us-east-1a"},{"id":"subnet-0b2","zone":"us-east-1b"}],
 "publicSubnets":[{"id":"subnet-0c3","zone":"us-east-1a"},{"id":"subnet-0d4","zone":"us-east-1b"}],"privateRouteTableIds":["rtb-0a1","rtb-0b2"],
 "endpoints":{"ecr.api":"Interface","ecr.dkr":"Interface","logs":"Interface","s3":"Gateway"},"nat":false,
 "endpointSecurityGroupId":"sg-0e1","endpointClientSecurityGroupId":"sg-0e2","gatewayPrefixListIds":{"s3":"pl-63a5400a"}},
"loadBalancers":[{"name":"main","arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/main/1","arnSuffix":"app/main/1",
 "dnsName":"main.elb.amazonaws.com","zoneId":"Z35SXDOTRQ7X7K","securityGroupId":"sg-0a1","targetSecurityGroupId":"sg-0a2","targetPorts":{"from":1024,"to":65535},
 "listeners":{"http":"arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/main/1/80","https":"arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/main/1/443"},
 "certificateHosts":["*.example.com"],"priorityRanges":[{"team":"orders","from":1,"to":5000}]}],
"cluster":{"name":"plat","arn":"arn:aws:ecs:us-east-1:123456789012:cluster/plat","clusterName":"plat","capacityProviders":["FARGATE","FARGATE_SPOT"],"fargate":true},
"priorities":{"scheme":"fnv1a32-of-service-name-in-team-block","range":{"from":1,"to":49999}}}`

// ValidateWebService refuses what NewWebService refuses, with the same
// live look-up, and registers nothing: a program checks all its services
// before it creates any. Fact: listener rule priorities are unique per
// listener (ELB User Guide, "Listener rules"), so a priority another
// rule holds is refused with that rule's ARN.
func TestValidateWebServiceRegistersNothing(t *testing.T) {
	c, err := ParsePlatformContract(attachJSON)
	if err != nil {
		t.Fatal(err)
	}
	lb, err := c.LoadBalancer("main")
	if err != nil {
		t.Fatal(err)
	}
	block := edge.PriorityRange{Team: "orders", From: 1, To: 5000}
	held := "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/main/1/443/9f8e"
	m := awsmock.New(testRegion)
	m.ListenerRules = []awsmock.ListenerRule{{ListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/main/1/443", Priority: edge.DerivedPriority("b", block), Arn: held}}
	var errA, errB error
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		for name, e := range map[string]*error{"a": &errA, "b": &errB} {
			*e = service.ValidateWebService(ctx, name, &service.WebServiceArgs{
				Network: c, Cluster: c, LoadBalancer: lb,
				Route:     &service.ServiceRoute{Hosts: []string{name + ".example.com"}, Team: "orders"},
				Container: service.ContainerArgs{Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/" + name + ":1")},
			})
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatal(err)
	}
	if errA != nil {
		t.Errorf("service a: %v", errA)
	}
	if errB == nil || !strings.Contains(errB.Error(), "held on the https listener of load balancer main by rule "+held) {
		t.Errorf("service b: error %v, want the priority refused with the holding rule's ARN", errB)
	}
	for _, r := range m.Resources() {
		if r.Type != "pulumi:pulumi:Stack" {
			t.Errorf("%s registered by a validation", r.URN)
		}
	}
}

// A service's own rule, found at its priority on the next deploy, is not
// another's: its tags name the project, the stack and the service as
// component, even when the service's Tags set a Name of their own (the
// rule's Name tag is then theirs). A rule of another stack is refused.
func TestLiveRuleOfTheServiceItselfIsItsOwn(t *testing.T) {
	c, err := ParsePlatformContract(attachJSON)
	if err != nil {
		t.Fatal(err)
	}
	lb, err := c.LoadBalancer("main")
	if err != nil {
		t.Fatal(err)
	}
	const listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/main/1/443"
	priority := edge.DerivedPriority("a", edge.PriorityRange{Team: "orders", From: 1, To: 5000})
	own := map[string]string{"project": testProject, "stack": testStack, "component": "a", "Name": "orders-a"}
	other := map[string]string{"project": testProject, "stack": "prod", "component": "a", "Name": "a-rule"}
	for _, tc := range []struct {
		name    string
		tags    map[string]string
		wantErr bool
	}{{"own rule, Name from the service's Tags", own, false}, {"another stack's rule", other, true}} {
		t.Run(tc.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			m.ListenerRules = []awsmock.ListenerRule{{ListenerArn: listener, Priority: priority, Arn: listener + "/rule", Tags: tc.tags}}
			var verr error
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				verr = service.ValidateWebService(ctx, "a", &service.WebServiceArgs{
					Network: c, Cluster: c, LoadBalancer: lb,
					Route:     &service.ServiceRoute{Hosts: []string{"a.example.com"}, Team: "orders"},
					Container: service.ContainerArgs{Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1")},
					Tags:      pulumi.StringMap{"Name": pulumi.String("orders-a")},
				})
				return nil
			}, pulumi.WithMocks(testProject, testStack, m))
			if err != nil {
				t.Fatal(err)
			}
			if got := verr != nil; got != tc.wantErr {
				t.Errorf("validation error %v, want an error: %v", verr, tc.wantErr)
			}
		})
	}
}

// Fact: without NAT, ECS Exec needs the ssmmessages endpoint, and kms
// when the sessions are encrypted with a customer key (BRIEF facts 2 and
// 13). A platform that logs sessions must offer both, or no service could
// ever turn ECS Exec on; it is refused before anything registers.
func TestPlatformWithExecNeedsItsEndpoints(t *testing.T) {
	tests := []struct {
		name      string
		endpoints []string
		key       bool
		wantErr   []string
	}{
		{"exec without endpoints", nil, false, []string{`Endpoints: Cluster.Exec logs ECS Exec sessions, but the platform has no ssmmessages endpoint, which a task's session needs without NAT; add "ssmmessages" to Endpoints`}},
		{"exec under the key without kms", []string{"ssmmessages"}, true, []string{`no kms endpoint`, `add "kms" to Endpoints`}},
		{"exec under the key with both", []string{"ssmmessages", "kms"}, true, nil},
		{"exec without a key", []string{"ssmmessages"}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				_, err := NewPlatform(ctx, "plat", &PlatformArgs{Endpoints: tt.endpoints, Key: tt.key, Cluster: cluster.ClusterArgs{Exec: &cluster.ExecArgs{}}})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("platform refused: %v", err)
				}
				return
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
			if n := len(m.Resources()); n > 0 {
				t.Errorf("%d resources registered, the first %s, although the platform was refused", n, m.Resources()[0].URN)
			}
		})
	}
}

// The contract says when the cluster publishes no Container Insights
// metrics, and only then (a contract of a platform with the default, or
// of an earlier release, has no such field): a service reading it knows
// its RunningTasks alarm would get no data.
func TestPlatformContractSaysWhenInsightsAreOff(t *testing.T) {
	for _, setting := range []string{"", cluster.InsightsEnhanced, cluster.InsightsDisabled} {
		m := awsmock.New(testRegion)
		var got map[string]any
		err := pulumi.RunErr(func(ctx *pulumi.Context) error {
			p, err := NewPlatform(ctx, "plat", &PlatformArgs{Teams: []TeamArgs{{Name: "orders"}},
				Cluster: cluster.ClusterArgs{ContainerInsights: setting}})
			if err != nil {
				return err
			}
			p.Contract.ApplyT(func(v any) any { got, _ = v.(map[string]any); return v })
			return nil
		}, pulumi.WithMocks(testProject, testStack, m))
		if err != nil {
			t.Fatalf("%q: %v", setting, err)
		}
		v, set := got["cluster"].(map[string]any)["containerInsights"]
		if want := setting == cluster.InsightsDisabled; set != want || (want && v != "disabled") {
			t.Errorf("%q: contract cluster.containerInsights = %v (set %v), want it only for disabled", setting, v, set)
		}
		// The mocks' ids are not AWS's, which ParsePlatformContract checks.
		c, err := decodePlatformContract(got)
		if err != nil {
			t.Fatal(err)
		}
		if off := c.ClusterContract().InsightsOff; off != (setting == cluster.InsightsDisabled) {
			t.Errorf("%q: InsightsOff = %v", setting, off)
		}
	}
}
