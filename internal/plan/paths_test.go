package plan

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// handBuilt is a small stack registered by hand: an ALB with an HTTP
// listener, ECS tasks, interface endpoints and EC2 instances, each with
// its own group, and the rules a correct stack has.
func handBuilt() []*awsmock.Resource {
	albArn := "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1"
	return []*awsmock.Resource{
		res(typeSecurityGroup, "alb-sg", map[string]any{}, nil),
		res(typeSecurityGroup, "task-sg", map[string]any{}, nil),
		res(typeSecurityGroup, "endpoint-sg", map[string]any{}, nil),
		res(typeSecurityGroup, "instance-sg", map[string]any{}, nil),
		res(typeLoadBalancer, "alb", map[string]any{"securityGroups": []any{"alb-sg_id"}, "subnets": []any{"a", "b"}}, map[string]any{"arn": albArn}),
		res(typeListener, "http", map[string]any{"port": 80, "loadBalancerArn": albArn}, nil),
		res(typeEcsService, "service", map[string]any{"networkConfiguration": map[string]any{"securityGroups": []any{"task-sg_id"}}}, nil),
		res(typeVpcEndpoint, "vpce-logs", map[string]any{"serviceName": "com.amazonaws.us-east-1.logs", "vpcEndpointType": "Interface",
			"securityGroupIds": []any{"endpoint-sg_id"}, "subnetIds": []any{"a", "b"}}, nil),
		res(typeLaunchTemplate, "instances", map[string]any{"instanceType": "m7g.large", "vpcSecurityGroupIds": []any{"instance-sg_id"}}, nil),
		ingress("alb-in-80", "alb-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 80, 80),
		egress("alb-out-task", "alb-sg", "referencedSecurityGroupId", "task-sg_id", "tcp", 8080, 8080),
		ingress("task-in-alb", "task-sg", "referencedSecurityGroupId", "alb-sg_id", "tcp", 8080, 8080),
		egress("alb-out-instances", "alb-sg", "referencedSecurityGroupId", "instance-sg_id", "tcp", 32768, 65535),
		ingress("instances-in-alb", "instance-sg", "referencedSecurityGroupId", "alb-sg_id", "tcp", 32768, 65535),
		egress("instances-out-endpoints", "instance-sg", "referencedSecurityGroupId", "endpoint-sg_id", "tcp", 443, 443),
		ingress("endpoint-in-instances", "endpoint-sg", "referencedSecurityGroupId", "instance-sg_id", "tcp", 443, 443),
	}
}

func ingress(name, group, peerKey, peer, proto string, from, to int) *awsmock.Resource {
	return res(typeIngressRule, name, map[string]any{"securityGroupId": group + "_id", peerKey: peer, "ipProtocol": proto, "fromPort": from, "toPort": to}, nil)
}

func egress(name, group, peerKey, peer, proto string, from, to int) *awsmock.Resource {
	return res(typeEgressRule, name, map[string]any{"securityGroupId": group + "_id", peerKey: peer, "ipProtocol": proto, "fromPort": from, "toPort": to}, nil)
}

func TestInternetPathsBeyondTheListenerPortsAreFlagged(t *testing.T) {
	tests := []struct {
		name     string
		rule     *awsmock.Resource
		wantFlag string // empty: must not be flagged
	}{
		{"IPv4 internet to the ALB listener port", ingress("r", "alb-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 80, 80), ""},
		{"IPv6 internet to the ALB listener port", ingress("r", "alb-sg", "cidrIpv6", "::/0", "tcp", 80, 80), ""},
		{"office range to the tasks", ingress("r", "task-sg", "cidrIpv4", "203.0.113.0/24", "tcp", 22, 22), ""},
		{"internet to the ALB on a port with no listener", ingress("r", "alb-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 443, 443), "not a listener port (80)"},
		{"internet to the ALB on a port range", ingress("r", "alb-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 80, 443), "tcp 80-443, which is not a listener port"},
		{"internet to the ALB on every protocol", ingress("r", "alb-sg", "cidrIpv4", "0.0.0.0/0", "-1", 0, 0), "all traffic"},
		{"IPv4 internet to the tasks", ingress("r", "task-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 8080, 8080), "reaches tasks (task-sg) on tcp 8080"},
		{"IPv6 internet to the endpoints", ingress("r", "endpoint-sg", "cidrIpv6", "::/0", "tcp", 443, 443), "reaches endpoints (endpoint-sg) on tcp 443"},
		{"internet to the instances' dynamic ports", ingress("r", "instance-sg", "cidrIpv4", "0.0.0.0/0", "tcp", 32768, 65535), "reaches EC2 instances (instance-sg)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Input{Region: "us-east-1", Resources: append(handBuilt(), tt.rule)})
			if err != nil {
				t.Fatal(err)
			}
			var path *Path
			for i := range p.Paths {
				if p.Paths[i].URN == tt.rule.URN {
					path = &p.Paths[i]
				}
			}
			if path == nil {
				t.Fatalf("%s: not among the paths", tt.rule.URN)
			}
			if tt.wantFlag == "" {
				if path.Flag != "" {
					t.Errorf("%s: flagged %q, want no flag", tt.rule.URN, path.Flag)
				}
				return
			}
			if !strings.Contains(path.Flag, tt.wantFlag) {
				t.Errorf("%s: flag %q, want one containing %q", tt.rule.URN, path.Flag, tt.wantFlag)
			}
			var hopFlagged bool
			for _, h := range p.Hops {
				if h.Ingress == tt.rule.Name && h.Flag == path.Flag {
					hopFlagged = true
				}
			}
			if !hopFlagged {
				t.Errorf("%s: no hop carries the flag: %s", tt.rule.URN, hopList(p))
			}
			if text := p.Text(); !strings.Contains(text, "FLAGGED: "+path.Flag) {
				t.Errorf("%s: the text does not show the flag:\n%s", tt.rule.URN, text)
			}
			if m := p.Mermaid(); !strings.Contains(m, "FLAGGED") || !strings.Contains(m, "linkStyle") {
				t.Errorf("%s: the diagram does not mark the flagged edge:\n%s", tt.rule.URN, m)
			}
		})
	}
}

func TestHandBuiltPathsPairRulesAndFindInstances(t *testing.T) {
	rs := append(handBuilt(),
		// An egress rule with no ingress to match: the traffic is dropped.
		egress("task-out-endpoints", "task-sg", "referencedSecurityGroupId", "endpoint-sg_id", "tcp", 443, 443))
	p, err := Build(Input{Region: "us-east-1", Resources: rs})
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := hop(p, role(RoleALB), role(RoleInstances), 0); ok {
		t.Errorf("hop on a single port where a range was registered: %+v", h)
	}
	var ranged bool
	for _, h := range p.Hops {
		if h.From.HasRole(RoleALB) && h.To.HasRole(RoleInstances) && h.Ports() == "tcp 32768-65535" && h.Open &&
			h.Egress == "alb-out-instances" && h.Ingress == "instances-in-alb" {
			ranged = true
		}
	}
	if !ranged {
		t.Errorf("no open hop ALB -> EC2 instances on tcp 32768-65535 pairing alb-out-instances and instances-in-alb: %s", hopList(p))
	}
	if _, ok := hop(p, role(RoleInstances), role(RoleEndpoints), 443); !ok {
		t.Errorf("no open hop EC2 instances -> endpoints on tcp 443: %s", hopList(p))
	}
	var dropped bool
	for _, h := range p.Hops {
		if h.Egress == "task-out-endpoints" {
			dropped = !h.Open && strings.Contains(h.Note, "no ingress rule on endpoint-sg")
		}
	}
	if !dropped {
		t.Errorf("egress task-out-endpoints has no matching ingress but is not shown as dropped: %s", hopList(p))
	}
	for _, sg := range p.SecurityGroups {
		if sg.Name == "instance-sg" && (len(sg.Roles) != 1 || sg.Roles[0] != RoleInstances || sg.UsedBy[0] != "instances") {
			t.Errorf("instance-sg: roles %v used by %v, want instances from launch template instances", sg.Roles, sg.UsedBy)
		}
	}
}

func TestNatStackEgressToTheInternetIsAPathNotAFlag(t *testing.T) {
	dir := writeProject(t, "nat", "config:\n  aws:region: us-east-1\n  private-fargate:natGateways: perAz\n")
	p, err := Load(dir, "nat")
	if err != nil {
		t.Fatal(err)
	}
	h, ok := hop(p, role(RoleTasks), internet, 443)
	if !ok || h.Egress != "web-task-out-internet" {
		t.Errorf("no hop tasks -> internet on tcp 443 through web-task-out-internet: %s", hopList(p))
	}
	for _, path := range p.Paths {
		if path.Flag != "" {
			t.Errorf("%s: flagged %q; egress to the internet is not a path from it", path.URN, path.Flag)
		}
	}
	pt := mustPrices(t)
	rp, hours := pt.Regions["us-east-1"], pt.HoursPerMonth
	planned := p.Cost.Estimates[0]
	if l, ok := planned.Line(ItemNAT); !ok || !near(l.Monthly, 2*hours*rp.NatHour) {
		t.Errorf("as planned: NAT line %+v, want 2 NAT gateways × %v h × %v", l, hours, rp.NatHour)
	}
	if l, ok := planned.Line(ItemPublicIPv4); !ok || !near(l.Monthly, 4*hours*rp.PublicIpv4Hour) {
		t.Errorf("as planned: public IPv4 line %+v, want 4 addresses (ALB in 2 AZs, 2 NAT Elastic IPs)", l)
	}
	if _, ok := planned.Line(ItemInterfaceEndpoint); !ok {
		t.Errorf("as planned: no interface endpoint line; the NAT stack keeps its endpoints")
	}
	if l, ok := p.Cost.Estimates[1].Line(ItemPublicIPv4); !ok || !near(l.Monthly, 4*hours*rp.PublicIpv4Hour) {
		t.Errorf("NAT instead: public IPv4 line %+v, want the same 4 addresses, not 6", l)
	}
}
