package components

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// securityGroups holds one group per role.
type securityGroups struct {
	alb, task, endpoint *ec2.SecurityGroup
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
	if out.task, err = mk("task", "ECS tasks: container port from the load balancer, HTTPS out to the VPC endpoints"); err != nil {
		return nil, err
	}
	if out.endpoint, err = mk("endpoint", "VPC interface endpoints: HTTPS from the tasks only"); err != nil {
		return nil, err
	}
	return &out, nil
}

// sgRule is one rule, before it becomes a resource.
type sgRule struct {
	suffix      string // child name suffix after the component name
	group       *ec2.SecurityGroup
	ingress     bool
	port        int // from and to port, TCP
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
	rules = append(rules,
		sgRule{
			suffix: "alb-out-task", group: sgs.alb, port: port, peer: sgs.task,
			description: fmt.Sprintf("To the tasks on container port %d", port),
		},
		sgRule{
			suffix: "task-in-alb", group: sgs.task, ingress: true, port: port, peer: sgs.alb,
			description: fmt.Sprintf("From the load balancer on container port %d", port),
		},
		sgRule{
			suffix: "task-out-endpoints", group: sgs.task, port: 443, peer: sgs.endpoint,
			description: "HTTPS to the VPC interface endpoints",
		},
		sgRule{
			suffix: "endpoint-in-task", group: sgs.endpoint, ingress: true, port: 443, peer: sgs.task,
			description: "HTTPS from the tasks",
		},
	)
	for _, svc := range eps.gatewayServices {
		rules = append(rules, sgRule{
			suffix: "task-out-" + strings.ReplaceAll(svc, ".", "-"), group: sgs.task, port: 443,
			prefixList:  eps.byService[svc].PrefixListId,
			description: fmt.Sprintf("HTTPS to %s through its gateway endpoint", svc),
		})
	}
	if a.Network.NatGateways != NatNone {
		rules = append(rules, sgRule{
			suffix: "task-out-internet", group: sgs.task, port: 443, cidr: "0.0.0.0/0",
			description: "HTTPS to the internet through the NAT gateway",
		})
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

func (b *builder) sgRule(r sgRule) (pulumi.Resource, error) {
	name := b.name + "-" + r.suffix
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
			ToPort:                    pulumi.Int(r.port),
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
		ToPort:                    pulumi.Int(r.port),
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
