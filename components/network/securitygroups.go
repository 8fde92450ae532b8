package network

import (
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccessRules let one group reach AWS privately through a network: 443 out
// to the interface endpoints (and their 443 in from it), 443 out to each
// gateway endpoint's prefix list, and 443 anywhere only when the network
// has NAT. The provider removes AWS's default allow-all egress from groups
// it creates, so these are all the egress the group has. role names the
// rules ("task", "instance"); who says whose traffic it is.
func AccessRules(role, who string, group pulumi.StringInput, n NetworkContract) []piece.SgRule {
	rules := []piece.SgRule{
		{
			Suffix: role + "-out-endpoints", Group: group, Port: 443, Peer: n.EndpointSecurityGroupId,
			Description: "HTTPS to the VPC interface endpoints",
		},
		{
			Suffix: "endpoint-in-" + role, Group: n.EndpointSecurityGroupId, Ingress: true, Port: 443, Peer: group,
			Description: "HTTPS from " + who,
		},
	}
	for _, service := range n.Endpoints {
		if EndpointType(service) != EndpointGateway {
			continue
		}
		rules = append(rules, piece.SgRule{
			Suffix: role + "-out-" + strings.ReplaceAll(service, ".", "-"), Group: group, Port: 443,
			PrefixList:  n.GatewayPrefixListIds.ToStringMapOutput().MapIndex(pulumi.String(service)),
			Description: fmt.Sprintf("HTTPS to %s through its gateway endpoint", service),
		})
	}
	if n.Nat {
		rules = append(rules, piece.SgRule{
			Suffix: role + "-out-internet", Group: group, Port: 443, Cidr: "0.0.0.0/0",
			Description: "HTTPS to the internet through the NAT gateway",
		})
	}
	return rules
}

// NewRules creates rules and returns them, for a resource that must wait
// for them.
func NewRules(f *piece.Family, rules []piece.SgRule) ([]pulumi.Resource, error) {
	out := make([]pulumi.Resource, 0, len(rules))
	for _, r := range rules {
		res, err := piece.NewRule(f, r)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// newEndpointClients makes the network's endpoint-clients group and its
// rules: members reach the endpoints, the gateway prefix lists and, with
// NAT, the internet on 443, and the endpoint group admits the members in
// one rule. It returns the group's id and the rules, which a member waits
// for.
func newEndpointClients(f *piece.Family, n NetworkContract) (pulumi.StringOutput, []pulumi.Resource, error) {
	name := f.Name + "-endpoint-clients-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String("Members reach the VPC endpoints: HTTPS out to them only"),
		Tags:        f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return pulumi.StringOutput{}, nil, fmt.Errorf("create endpoint clients security group: %w", err)
	}
	rules, err := NewRules(f, AccessRules("clients", "the endpoint clients group's members", sg.ID(), n))
	if err != nil {
		return pulumi.StringOutput{}, nil, err
	}
	return sg.ID().ToStringOutput(), append([]pulumi.Resource{sg}, rules...), nil
}
