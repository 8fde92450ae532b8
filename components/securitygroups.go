package components

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// securityGroups holds one group per role. task is nil in bridge mode,
// where tasks share the instance group; instance is nil on Fargate.
type securityGroups struct {
	alb, task, endpoint, instance *ec2.SecurityGroup
}

// taskTraffic is the group the tasks' traffic carries: the task group, or
// the instance group in bridge mode.
func (s *securityGroups) taskTraffic() *ec2.SecurityGroup {
	if s.task != nil {
		return s.task
	}
	return s.instance
}

// securityGroups creates the ALB, task and endpoint groups with no inline
// rules. The provider removes AWS's default allow-all egress from groups it
// creates, so each group can send only what securityGroupRules allows.
func (b *builder) securityGroups(net *network) (*securityGroups, error) {
	mk := func(role, description string) (*ec2.SecurityGroup, error) {
		name := b.name + "-" + role + "-sg"
		sg, err := ec2.NewSecurityGroup(b.ctx, name, &ec2.SecurityGroupArgs{
			VpcId:       net.vpc.ID(),
			Description: pulumi.String(description),
			Tags:        b.tags(name),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create %s security group: %w", role, err)
		}
		return sg, nil
	}
	var out securityGroups
	var err error
	if out.alb, err = mk("alb", "Load balancer: listener ports from the allowed CIDRs, out to the tasks only"); err != nil {
		return nil, err
	}
	if !b.args.bridge() {
		if out.task, err = mk("task", "ECS tasks: container port from the load balancer, HTTPS out to the VPC endpoints"); err != nil {
			return nil, err
		}
	}
	if b.args.usesEC2() {
		desc := "ECS container instances: HTTPS out to the VPC endpoints"
		if b.args.bridge() {
			desc = "ECS container instances: dynamic host ports from the load balancer, HTTPS out to the VPC endpoints"
		}
		if out.instance, err = mk("instance", desc); err != nil {
			return nil, err
		}
	}
	desc := "VPC interface endpoints: HTTPS from the tasks only"
	if out.instance != nil {
		desc = "VPC interface endpoints: HTTPS from the tasks and container instances only"
	}
	if out.endpoint, err = mk("endpoint", desc); err != nil {
		return nil, err
	}
	return &out, nil
}

// sgRule is one rule, before it becomes a resource.
type sgRule struct {
	suffix      string // child name suffix after the component name
	group       *ec2.SecurityGroup
	ingress     bool
	port        int // from port, TCP
	toPort      int // 0: same as port
	cidr        string
	peer        *ec2.SecurityGroup
	prefixList  pulumi.StringInput
	description string
}

// securityGroupRules creates every rule as its own resource, so groups that
// name each other form no dependency cycle, and returns them so the service
// can wait for them.
func (b *builder) securityGroupRules(sgs *securityGroups, eps *endpoints) ([]pulumi.Resource, error) {
	a := b.args
	port := a.Container.Port
	var rules []sgRule
	listenerPorts := []int{80}
	if a.Ingress.Https {
		listenerPorts = append(listenerPorts, 443)
	}
	for _, lp := range listenerPorts {
		for i, cidr := range a.Ingress.AllowedCidrs {
			rules = append(rules, sgRule{
				suffix: fmt.Sprintf("alb-in-%d-%d", lp, i), group: sgs.alb, ingress: true, port: lp, cidr: cidr,
				description: fmt.Sprintf("Listener port %d from %s", lp, cidr),
			})
		}
	}
	if sgs.task != nil {
		rules = append(rules,
			sgRule{
				suffix: "alb-out-task", group: sgs.alb, port: port, peer: sgs.task,
				description: fmt.Sprintf("To the tasks on container port %d", port),
			},
			sgRule{
				suffix: "task-in-alb", group: sgs.task, ingress: true, port: port, peer: sgs.alb,
				description: fmt.Sprintf("From the load balancer on container port %d", port),
			},
		)
		rules = append(rules, b.awsAccessRules("task", sgs.task, sgs.endpoint, eps)...)
	}
	if sgs.instance != nil {
		if b.args.bridge() {
			rules = append(rules,
				sgRule{
					suffix: "alb-out-instance", group: sgs.alb, port: dynamicPortLow, toPort: dynamicPortHigh, peer: sgs.instance,
					description: fmt.Sprintf("To the container instances on dynamic host ports %d-%d", dynamicPortLow, dynamicPortHigh),
				},
				sgRule{
					suffix: "instance-in-alb", group: sgs.instance, ingress: true, port: dynamicPortLow, toPort: dynamicPortHigh, peer: sgs.alb,
					description: fmt.Sprintf("From the load balancer on dynamic host ports %d-%d", dynamicPortLow, dynamicPortHigh),
				},
			)
		}
		rules = append(rules, b.awsAccessRules("instance", sgs.instance, sgs.endpoint, eps)...)
	}
	out := make([]pulumi.Resource, 0, len(rules))
	for _, r := range rules {
		res, err := b.sgRule(r)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// awsAccessRules let one group reach AWS privately: 443 out to the
// interface endpoints (and their 443 in from it), 443 out to each gateway
// endpoint's prefix list, and 443 anywhere only when NAT is on.
func (b *builder) awsAccessRules(role string, group, endpoint *ec2.SecurityGroup, eps *endpoints) []sgRule {
	who := map[string]string{"task": "the tasks", "instance": "the container instances"}[role]
	rules := []sgRule{
		{
			suffix: role + "-out-endpoints", group: group, port: 443, peer: endpoint,
			description: "HTTPS to the VPC interface endpoints",
		},
		{
			suffix: "endpoint-in-" + role, group: endpoint, ingress: true, port: 443, peer: group,
			description: "HTTPS from " + who,
		},
	}
	for _, svc := range eps.gatewayServices {
		rules = append(rules, sgRule{
			suffix: role + "-out-" + strings.ReplaceAll(svc, ".", "-"), group: group, port: 443,
			prefixList:  eps.byService[svc].PrefixListId,
			description: fmt.Sprintf("HTTPS to %s through its gateway endpoint", svc),
		})
	}
	if b.args.Network.NatGateways != NatNone {
		rules = append(rules, sgRule{
			suffix: role + "-out-internet", group: group, port: 443, cidr: "0.0.0.0/0",
			description: "HTTPS to the internet through the NAT gateway",
		})
	}
	return rules
}

func (b *builder) sgRule(r sgRule) (pulumi.Resource, error) {
	name := b.name + "-" + r.suffix
	to := r.toPort
	if to == 0 {
		to = r.port
	}
	var cidr4, cidr6, peer, prefix pulumi.StringPtrInput
	if r.cidr != "" {
		if p, err := netip.ParsePrefix(r.cidr); err == nil && p.Addr().Is6() {
			cidr6 = pulumi.String(r.cidr)
		} else {
			cidr4 = pulumi.String(r.cidr)
		}
	}
	if r.peer != nil {
		peer = r.peer.ID()
	}
	if r.prefixList != nil {
		prefix = r.prefixList.ToStringOutput()
	}
	if r.ingress {
		res, err := vpc.NewSecurityGroupIngressRule(b.ctx, name, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           r.group.ID(),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(r.port),
			ToPort:                    pulumi.Int(to),
			CidrIpv4:                  cidr4,
			CidrIpv6:                  cidr6,
			ReferencedSecurityGroupId: peer,
			PrefixListId:              prefix,
			Description:               pulumi.String(r.description),
			Tags:                      b.tags(name),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create rule %s: %w", r.suffix, err)
		}
		return res, nil
	}
	res, err := vpc.NewSecurityGroupEgressRule(b.ctx, name, &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId:           r.group.ID(),
		IpProtocol:                pulumi.String("tcp"),
		FromPort:                  pulumi.Int(r.port),
		ToPort:                    pulumi.Int(to),
		CidrIpv4:                  cidr4,
		CidrIpv6:                  cidr6,
		ReferencedSecurityGroupId: peer,
		PrefixListId:              prefix,
		Description:               pulumi.String(r.description),
		Tags:                      b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create rule %s: %w", r.suffix, err)
	}
	return res, nil
}
