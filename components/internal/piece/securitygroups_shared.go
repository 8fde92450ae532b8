package piece

import (
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SgRule is one security group rule, before it becomes a resource.
type SgRule struct {
	Suffix      string // child name suffix after the piece's name
	Group       pulumi.StringInput
	Ingress     bool
	Port        int // from port, TCP
	ToPort      int // 0: same as port
	Cidr        string
	Peer        pulumi.StringInput
	PrefixList  pulumi.StringInput
	Description string
}

// NewRule creates one rule as its own resource, so that groups that name
// each other form no dependency cycle.
func NewRule(f *Family, r SgRule, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
	name := f.Name + "-" + r.Suffix
	to := r.ToPort
	if to == 0 {
		to = r.Port
	}
	var cidr4, cidr6, peer, prefix pulumi.StringPtrInput
	if r.Cidr != "" {
		if p, err := netip.ParsePrefix(r.Cidr); err == nil && p.Addr().Is6() {
			cidr6 = pulumi.String(r.Cidr)
		} else {
			cidr4 = pulumi.String(r.Cidr)
		}
	}
	if r.Peer != nil {
		peer = r.Peer.ToStringOutput()
	}
	if r.PrefixList != nil {
		prefix = r.PrefixList.ToStringOutput()
	}
	group, from, toPort := r.Group, pulumi.Int(r.Port), pulumi.Int(to)
	desc, tags := pulumi.String(r.Description), f.TagsFor(name)
	if r.Ingress {
		res, err := vpc.NewSecurityGroupIngressRule(f.Ctx, name, &vpc.SecurityGroupIngressRuleArgs{
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
		}, f.Opts(opts...)...)
		if err != nil {
			return nil, fmt.Errorf("create rule %s: %w", r.Suffix, err)
		}
		return res, nil
	}
	res, err := vpc.NewSecurityGroupEgressRule(f.Ctx, name, &vpc.SecurityGroupEgressRuleArgs{
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
	}, f.Opts(opts...)...)
	if err != nil {
		return nil, fmt.Errorf("create rule %s: %w", r.Suffix, err)
	}
	return res, nil
}
