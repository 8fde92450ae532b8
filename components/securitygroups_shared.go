package components

import (
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// sgRule is one security group rule, before it becomes a resource.
type sgRule struct {
	suffix      string // child name suffix after the piece's name
	group       pulumi.StringInput
	ingress     bool
	port        int // from port, TCP
	toPort      int // 0: same as port
	cidr        string
	peer        pulumi.StringInput
	prefixList  pulumi.StringInput
	description string
}

// newRule creates one rule as its own resource, so that groups that name
// each other form no dependency cycle.
func newRule(f *family, r sgRule, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
	name := f.name + "-" + r.suffix
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
		peer = r.peer.ToStringOutput()
	}
	if r.prefixList != nil {
		prefix = r.prefixList.ToStringOutput()
	}
	group, from, toPort := r.group, pulumi.Int(r.port), pulumi.Int(to)
	desc, tags := pulumi.String(r.description), f.tagsFor(name)
	if r.ingress {
		res, err := vpc.NewSecurityGroupIngressRule(f.ctx, name, &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           group,
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  from,
			ToPort:                    toPort,
			CidrIpv4:                  cidr4,
			CidrIpv6:                  cidr6,
			ReferencedSecurityGroupId: peer,
			PrefixListId:              prefix,
			Description:               desc,
			Tags:                      tags,
		}, f.opts(opts...)...)
		if err != nil {
			return nil, fmt.Errorf("create rule %s: %w", r.suffix, err)
		}
		return res, nil
	}
	res, err := vpc.NewSecurityGroupEgressRule(f.ctx, name, &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId:           group,
		IpProtocol:                pulumi.String("tcp"),
		FromPort:                  from,
		ToPort:                    toPort,
		CidrIpv4:                  cidr4,
		CidrIpv6:                  cidr6,
		ReferencedSecurityGroupId: peer,
		PrefixListId:              prefix,
		Description:               desc,
		Tags:                      tags,
	}, f.opts(opts...)...)
	if err != nil {
		return nil, fmt.Errorf("create rule %s: %w", r.suffix, err)
	}
	return res, nil
}
