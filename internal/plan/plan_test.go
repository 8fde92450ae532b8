package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// stackWant is what the dev and prod stacks must plan to.
type stackWant struct {
	stack  string
	region string
	zones  []string
	// tasks per Fargate capacity provider, and the task size.
	fargate, spot int
	vcpu, gb      float64
	// EC2 container instances: type and desired count (prod).
	instanceType string
	instances    int
	// interfaceEndpoints is how many interface endpoints the stack needs.
	interfaceEndpoints int
	// exec says the stack turns ECS Exec on.
	exec bool
	// https says the ALB listens on 443 too, with port 80 redirecting.
	https bool
	// alarmMetrics is how many metrics the stack's alarms read.
	alarmMetrics int
	// wafRules is how many rules the stack's web ACL has; 0 for none.
	wafRules int
	// kmsKeys is how many customer-managed keys the stack creates.
	kmsKeys int
	// counts are children of the component by type.
	counts map[string]int
}

// fargateCounts are the children every stack has on Fargate.
// dev has ECS Exec on, which adds the ssmmessages endpoint.
var fargateCounts = map[string]int{
	typeSecurityGroup: 3, typeIngressRule: 3, typeEgressRule: 3, typeVpcEndpoint: 5,
	typeSubnet: 4, typeLoadBalancer: 1, typeListener: 1, typeEcsService: 1, typeTaskDefinition: 1,
	typeNatGateway: 0, typeEip: 0, typeLaunchTemplate: 0,
}

// httpsEc2Counts add the instance group, its rules and the ecs*
// endpoints, and the HTTPS listener and its ingress rule.
var httpsEc2Counts = map[string]int{
	typeSecurityGroup: 4, typeIngressRule: 5, typeEgressRule: 5, typeVpcEndpoint: 7,
	typeSubnet: 4, typeLoadBalancer: 1, typeListener: 2, typeEcsService: 1, typeTaskDefinition: 1,
	typeNatGateway: 0, typeEip: 0, typeLaunchTemplate: 1, typeCertificate: 1, typeRecord: 2,
}

var stackWants = []stackWant{
	{stack: "dev", region: "us-east-1", zones: []string{"us-east-1a", "us-east-1b"}, spot: 1, vcpu: 0.25, gb: 0.5,
		interfaceEndpoints: 4, exec: true, counts: fargateCounts},
	{stack: "prod", region: "ap-northeast-2", zones: []string{"ap-northeast-2a", "ap-northeast-2b"},
		instanceType: "m6i.large", instances: 2, interfaceEndpoints: 6, https: true, alarmMetrics: 9, wafRules: 4, kmsKeys: 1, counts: httpsEc2Counts},
}

func TestPlanTreeHasTheComponentAndItsChildrenByType(t *testing.T) {
	for _, w := range stackWants {
		t.Run(w.stack, func(t *testing.T) {
			p := mustLoad(t, w.stack)
			if len(p.Tree) != 1 {
				t.Fatalf("tree has %d roots, want the component alone", len(p.Tree))
			}
			root := p.Tree[0]
			if root.Type != components.PrivateFargateServiceType || root.Name != "web" {
				t.Fatalf("tree root is %s %s, want %s web", root.Type, root.Name, components.PrivateFargateServiceType)
			}
			if root.Descendants != len(p.Resources)-1 {
				t.Errorf("%s: %d descendants in the tree, want every other resource (%d)", root.URN, root.Descendants, len(p.Resources)-1)
			}
			// The counts must agree with the parents recorded on the resources.
			fromResources := map[string]int{}
			for _, r := range p.Resources {
				if r.Parent == root.URN {
					fromResources[r.Type]++
				}
			}
			got := map[string]int{}
			for _, c := range root.Counts {
				got[c.Type] = c.Count
				if len(c.Names) != c.Count {
					t.Errorf("%s: %s counted %d but names %v", root.URN, c.Type, c.Count, c.Names)
				}
			}
			for typ, n := range fromResources {
				if got[typ] != n {
					t.Errorf("%s: tree counts %d %s, the resources name %d", root.URN, got[typ], typ, n)
				}
			}
			below := map[string]int{}
			countBelow(root, below)
			for typ, want := range w.counts {
				if below[typ] != want {
					t.Errorf("%s: %d resources of type %s below it, want %d", root.URN, below[typ], typ, want)
				}
			}
		})
	}
}

func TestPlanSecurityGroupsAreNamedByRole(t *testing.T) {
	for _, w := range stackWants {
		t.Run(w.stack, func(t *testing.T) {
			p := mustLoad(t, w.stack)
			want := map[string][]string{
				"web-alb-sg":      {RoleALB},
				"web-task-sg":     {RoleTasks},
				"web-endpoint-sg": {RoleEndpoints},
			}
			if w.instances > 0 {
				want["web-instance-sg"] = []string{RoleInstances}
			}
			for _, sg := range p.SecurityGroups {
				if !slices.Equal(sg.Roles, want[sg.Name]) {
					t.Errorf("security group %s: roles %v, want %v", sg.Name, sg.Roles, want[sg.Name])
				}
			}
			ports := []int{80}
			if w.https {
				ports = []int{80, 443}
			}
			for _, sg := range p.SecurityGroups {
				if sg.Name == "web-alb-sg" && !slices.Equal(sg.ListenerPorts, ports) {
					t.Errorf("security group web-alb-sg: listener ports %v, want %v from its listeners", sg.ListenerPorts, ports)
				}
			}
		})
	}
}

// hop finds an open hop between nodes that match, on one TCP port.
func hop(p *Plan, from, to func(Node) bool, port int) (Hop, bool) {
	for _, h := range p.Hops {
		if from(h.From) && to(h.To) && h.Protocol == "tcp" && h.FromPort == port && h.ToPort == port && h.Open {
			return h, true
		}
	}
	return Hop{}, false
}

func role(r string) func(Node) bool { return func(n Node) bool { return n.HasRole(r) } }
func internet(n Node) bool          { return n.Internet() }
func gateway(name string) func(Node) bool {
	return func(n Node) bool { return n.Kind == KindPrefixList && n.Via == name }
}

// hopWant is one hop a stack must have, with the rules that open it.
type hopWant struct {
	name            string
	from, to        func(Node) bool
	port            int
	egress, ingress string
}

func TestPlanPathsOpenOnlyWhatTheServiceNeeds(t *testing.T) {
	for _, w := range stackWants {
		t.Run(w.stack, func(t *testing.T) {
			p := mustLoad(t, w.stack)
			for _, path := range p.Paths {
				if path.From.Internet() && (path.To.HasRole(RoleTasks) || path.To.HasRole(RoleEndpoints)) {
					t.Errorf("%s: the internet (%s) reaches %s on %s", path.URN, path.From.Name, path.To.Label, path.Ports())
				}
				if path.Flag != "" {
					t.Errorf("%s: flagged: %s", path.URN, path.Flag)
				}
			}
			for _, h := range p.Hops {
				if !h.Open {
					t.Errorf("hop %s -> %s on %s is dropped: %s", h.From.Label, h.To.Label, h.Ports(), h.Note)
				}
			}
			tests := []hopWant{
				{"internet to ALB on the listener port", internet, role(RoleALB), 80, "", "web-alb-in-80-0"},
				{"ALB to tasks on the container port", role(RoleALB), role(RoleTasks), 8080, "web-alb-out-task", "web-task-in-alb"},
				{"tasks to the endpoint group on HTTPS", role(RoleTasks), role(RoleEndpoints), 443, "web-task-out-endpoints", "web-endpoint-in-task"},
				{"tasks to the S3 prefix list on HTTPS", role(RoleTasks), gateway("web-vpce-s3"), 443, "web-task-out-s3", ""},
			}
			if w.https {
				tests = append(tests, hopWant{"internet to ALB on HTTPS", internet, role(RoleALB), 443, "", "web-alb-in-443-0"})
			}
			if w.instances > 0 {
				tests = append(tests,
					hopWant{"instances to the endpoint group on HTTPS", role(RoleInstances), role(RoleEndpoints), 443, "web-instance-out-endpoints", "web-endpoint-in-instance"},
					hopWant{"instances to the S3 prefix list on HTTPS", role(RoleInstances), gateway("web-vpce-s3"), 443, "web-instance-out-s3", ""},
				)
			}
			for _, tt := range tests {
				h, ok := hop(p, tt.from, tt.to, tt.port)
				if !ok {
					t.Errorf("%s: no open hop on tcp %d; hops: %v", tt.name, tt.port, hopList(p))
					continue
				}
				if h.Egress != tt.egress || h.Ingress != tt.ingress {
					t.Errorf("%s: rules %q, want egress %q and ingress %q", tt.name, h.Rules(), tt.egress, tt.ingress)
				}
			}
			if len(p.Hops) != len(tests) {
				t.Errorf("%d hops, want exactly %d: %v", len(p.Hops), len(tests), hopList(p))
			}
			var ingress bool
			for _, path := range p.Paths {
				if path.Direction == "ingress" && path.From.HasRole(RoleTasks) && path.To.HasRole(RoleEndpoints) && path.Ports() == "tcp 443" {
					ingress = true
				}
			}
			if !ingress {
				t.Errorf("no ingress rule admits the tasks to the endpoint group on tcp 443")
			}
			for _, h := range p.Hops {
				if h.To.Kind == KindPrefixList && h.To.Name != "pl-s3" {
					t.Errorf("tasks reach prefix list %s, want only S3's pl-s3", h.To.Name)
				}
			}
		})
	}
}

func hopList(p *Plan) string {
	var s []string
	for _, h := range p.Hops {
		s = append(s, fmt.Sprintf("%s -> %s %s open=%v", h.From.Label, h.To.Label, h.Ports(), h.Open))
	}
	return strings.Join(s, "; ")
}

func TestPlanEndpointsCarryTheComponentsReasons(t *testing.T) {
	for _, w := range stackWants {
		t.Run(w.stack, func(t *testing.T) {
			want := map[string]struct {
				typ, reason string
			}{
				"ecr.api": {"Interface", "ECR API"},
				"ecr.dkr": {"Interface", "Docker registry"},
				"logs":    {"Interface", "CloudWatch Logs"},
				"s3":      {"Gateway", "image layers in S3"},
			}
			if w.exec {
				want["ssmmessages"] = struct{ typ, reason string }{"Interface", "ECS Exec: the session channel"}
			}
			if w.instances > 0 {
				want["ecs"] = struct{ typ, reason string }{"Interface", "ECS agent's control plane"}
				want["ecs-agent"] = struct{ typ, reason string }{"Interface", "ECS agent's session"}
				want["ecs-telemetry"] = struct{ typ, reason string }{"Interface", "Container Insights"}
			}
			p := mustLoad(t, w.stack)
			if len(p.Endpoints) != len(want) {
				t.Fatalf("%d endpoints, want %d: %+v", len(p.Endpoints), len(want), p.Endpoints)
			}
			for _, e := range p.Endpoints {
				ww, ok := want[e.Service]
				if !ok {
					t.Errorf("endpoint %s is not one the stack needs", e.Service)
					continue
				}
				if e.Type != ww.typ {
					t.Errorf("endpoint %s: type %s, want %s", e.Service, e.Type, ww.typ)
				}
				if full := "com.amazonaws." + w.region + "." + e.Service; e.ServiceName != full {
					t.Errorf("endpoint %s: service name %s, want %s", e.Service, e.ServiceName, full)
				}
				if res := "web-vpce-" + strings.ReplaceAll(e.Service, ".", "-"); e.Resource != res {
					t.Errorf("endpoint %s: resource %q, want %s", e.Service, e.Resource, res)
				}
				if len(e.Reasons) == 0 || !strings.Contains(strings.Join(e.Reasons, "; "), ww.reason) {
					t.Errorf("endpoint %s: reasons %q do not mention %q", e.Service, e.Reasons, ww.reason)
				}
				if e.Type == "Interface" && e.Zones != len(w.zones) {
					t.Errorf("endpoint %s: in %d AZs, want %d", e.Service, e.Zones, len(w.zones))
				}
				if e.Type == "Gateway" && (e.RouteTables != len(w.zones) || e.PrefixList != "pl-s3") {
					t.Errorf("endpoint %s: %d route tables and prefix list %q, want %d and pl-s3", e.Service, e.RouteTables, e.PrefixList, len(w.zones))
				}
			}
			if p.Region != w.region || !slices.Equal(p.AvailabilityZones, w.zones) {
				t.Errorf("region %s zones %v, want %s %v", p.Region, p.AvailabilityZones, w.region, w.zones)
			}
		})
	}
}

func TestPlanCostFollowsThePriceTable(t *testing.T) {
	pt := mustPrices(t)
	for _, w := range stackWants {
		t.Run(w.stack, func(t *testing.T) {
			p := mustLoad(t, w.stack)
			if p.Cost == nil {
				t.Fatalf("no cost for %s: %s", w.region, p.CostNote)
			}
			rp := pt.Regions[w.region]
			h := pt.HoursPerMonth
			zones := float64(len(w.zones))
			x86 := rp.Fargate["X86_64"]
			spot := 1 - pt.Assumptions.FargateSpotDiscount

			fargate := map[string]float64{
				ItemFargateVcpu:   float64(w.fargate) * w.vcpu * h * x86.VcpuHour,
				ItemFargateMemory: float64(w.fargate) * w.gb * h * x86.GbHour,
				ItemSpotVcpu:      float64(w.spot) * w.vcpu * h * x86.VcpuHour * spot,
				ItemSpotMemory:    float64(w.spot) * w.gb * h * x86.GbHour * spot,
			}
			planned := map[string]float64{
				ItemALB:               1 * h * rp.AlbHour,
				ItemInterfaceEndpoint: float64(w.interfaceEndpoints) * zones * h * rp.InterfaceEndpointHour,
				ItemGatewayEndpoint:   0,
				ItemPublicIPv4:        zones * h * rp.PublicIpv4Hour, // the ALB's address in each AZ
			}
			nat := map[string]float64{
				ItemALB:             1 * h * rp.AlbHour,
				ItemGatewayEndpoint: 0,
				ItemNAT:             zones * h * rp.NatHour,
				ItemPublicIPv4:      (zones + zones) * h * rp.PublicIpv4Hour, // plus each NAT's Elastic IP
			}
			for item, v := range fargate {
				if v > 0 {
					planned[item], nat[item] = v, v
				}
			}
			if w.alarmMetrics > 0 {
				v := float64(w.alarmMetrics) * rp.AlarmMetricMonth
				planned[ItemAlarms], nat[ItemAlarms] = v, v
			}
			if w.wafRules > 0 {
				// AWS WAF: one web ACL and its rules, priced the same in
				// every region.
				planned[ItemWafWebAcl], nat[ItemWafWebAcl] = pt.Global.WafWebAclMonth, pt.Global.WafWebAclMonth
				v := float64(w.wafRules) * pt.Global.WafRuleMonth
				planned[ItemWafRules], nat[ItemWafRules] = v, v
			}
			if w.kmsKeys > 0 {
				v := float64(w.kmsKeys) * pt.Global.KmsKeyMonth
				planned[ItemKmsKeys], nat[ItemKmsKeys] = v, v
			}
			if w.instances > 0 {
				v := float64(w.instances) * h * rp.Ec2[w.instanceType]
				if v == 0 {
					t.Fatalf("%s has no price for %s", PricesFile, w.instanceType)
				}
				planned[ItemEC2+" "+w.instanceType], nat[ItemEC2+" "+w.instanceType] = v, v
			}
			for i, want := range []map[string]float64{planned, nat} {
				e := p.Cost.Estimates[i]
				var total float64
				for item, v := range want {
					total += v
					l, ok := e.Line(item)
					if !ok {
						t.Errorf("%s: no %s line", e.Name, item)
						continue
					}
					if !near(l.Monthly, v) {
						t.Errorf("%s: %s = %s (%v), want %v from %s", e.Name, item, Money(l.Monthly), l.Monthly, v, PricesFile)
					}
					if !near(l.Quantity*l.Rate, l.Monthly) {
						t.Errorf("%s: %s: %v × %v is not %v", e.Name, item, l.Quantity, l.Rate, l.Monthly)
					}
				}
				if len(e.Lines) != len(want) {
					t.Errorf("%s: %d lines, want %d: %+v", e.Name, len(e.Lines), len(want), e.Lines)
				}
				if !near(e.Total, total) {
					t.Errorf("%s: total %v, want %v", e.Name, e.Total, total)
				}
				if len(e.Missing) > 0 {
					t.Errorf("%s: unpriced items %v", e.Name, e.Missing)
				}
			}
			if p.Cost.Estimates[0].Name != EstimatePlanned || p.Cost.Estimates[1].Name != EstimateNAT {
				t.Errorf("estimates %s and %s, want %s then %s", p.Cost.Estimates[0].Name, p.Cost.Estimates[1].Name, EstimatePlanned, EstimateNAT)
			}
			rates := map[string]float64{}
			for _, r := range p.Cost.TrafficRates {
				rates[r.Item+"/"+r.Unit] = r.Rate
			}
			for k, v := range map[string]float64{
				"Interface endpoint data processed/GB": rp.InterfaceEndpointGb,
				"NAT gateway data processed/GB":        rp.NatGb,
				"ALB capacity units/LCU-hour":          rp.AlbLcuHour,
			} {
				if rates[k] != v {
					t.Errorf("traffic rate %s = %v, want %v", k, rates[k], v)
				}
			}
			text := p.Text()
			for _, want := range []string{
				"total", Money(p.Cost.Estimates[0].Total), Money(p.Cost.Estimates[1].Total),
				fmtRate(rp.NatGb) + "/GB",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("text output lacks %q:\n%s", want, text)
				}
			}
			// The Spot discount is stated exactly when Spot is priced.
			spotLine := fmt.Sprintf("%g%% less than on-demand", pt.Assumptions.FargateSpotDiscount*100)
			if got := strings.Contains(text, spotLine); got != (w.spot > 0) {
				t.Errorf("text states the Spot assumption: %v, want %v (stack runs %d Spot tasks)", got, w.spot > 0, w.spot)
			}
		})
	}
}

func TestSplitTasksLikeECS(t *testing.T) {
	tests := []struct {
		name     string
		desired  int
		strategy []StrategyItem
		want     []int
	}{
		{"one provider", 3, []StrategyItem{{Provider: "FARGATE", Weight: 1}}, []int{3}},
		{"base first, rest by weight", 2, []StrategyItem{{Provider: "FARGATE", Base: 1, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 3}}, []int{1, 1}},
		{"base then 1:3", 9, []StrategyItem{{Provider: "FARGATE", Base: 1, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 3}}, []int{3, 6}},
		{"base larger than desired", 1, []StrategyItem{{Provider: "FARGATE", Base: 2, Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 1}}, []int{1, 0}},
		{"even weights, odd count", 3, []StrategyItem{{Provider: "FARGATE", Weight: 1}, {Provider: "FARGATE_SPOT", Weight: 1}}, []int{2, 1}},
		{"zero weight gets only its base", 4, []StrategyItem{{Provider: "FARGATE", Base: 1, Weight: 0}, {Provider: "FARGATE_SPOT", Weight: 1}}, []int{1, 3}},
		{"none desired", 0, []StrategyItem{{Provider: "FARGATE", Base: 1, Weight: 1}}, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitTasks(tt.desired, tt.strategy)
			var counts []int
			total := 0
			for i, pt := range got {
				counts = append(counts, pt.Tasks)
				total += pt.Tasks
				if pt.Provider != tt.strategy[i].Provider {
					t.Errorf("entry %d is %s, want %s", i, pt.Provider, tt.strategy[i].Provider)
				}
			}
			if !slices.Equal(counts, tt.want) {
				t.Errorf("SplitTasks(%d, %+v) = %v, want %v", tt.desired, tt.strategy, counts, tt.want)
			}
			if total != tt.desired {
				t.Errorf("placed %d tasks, want all %d", total, tt.desired)
			}
		})
	}
}

// countBelow counts a node's descendants by type.
func countBelow(n *TreeNode, out map[string]int) {
	for _, c := range n.Children {
		out[c.Type]++
		countBelow(c, out)
	}
}
