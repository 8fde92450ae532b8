package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// accessRules let one group reach AWS privately through a network: 443 out
// to the interface endpoints (and their 443 in from it), 443 out to each
// gateway endpoint's prefix list, and 443 anywhere only when the network
// has NAT. The provider removes AWS's default allow-all egress from groups
// it creates, so these are all the egress the group has. role names the
// rules ("task", "instance"); who says whose traffic it is.
func accessRules(role, who string, group pulumi.StringInput, n NetworkContract) []sgRule {
	rules := []sgRule{
		{
			suffix: role + "-out-endpoints", group: group, port: 443, peer: n.EndpointSecurityGroupId,
			description: "HTTPS to the VPC interface endpoints",
		},
		{
			suffix: "endpoint-in-" + role, group: n.EndpointSecurityGroupId, ingress: true, port: 443, peer: group,
			description: "HTTPS from " + who,
		},
	}
	for _, service := range n.Endpoints {
		if endpointType(service) != EndpointGateway {
			continue
		}
		rules = append(rules, sgRule{
			suffix: role + "-out-" + strings.ReplaceAll(service, ".", "-"), group: group, port: 443,
			prefixList:  n.GatewayPrefixListIds.ToStringMapOutput().MapIndex(pulumi.String(service)),
			description: fmt.Sprintf("HTTPS to %s through its gateway endpoint", service),
		})
	}
	if n.Nat {
		rules = append(rules, sgRule{
			suffix: role + "-out-internet", group: group, port: 443, cidr: "0.0.0.0/0",
			description: "HTTPS to the internet through the NAT gateway",
		})
	}
	return rules
}

// newRules creates rules and returns them, for a resource that must wait
// for them.
func newRules(f *family, rules []sgRule) ([]pulumi.Resource, error) {
	out := make([]pulumi.Resource, 0, len(rules))
	for _, r := range rules {
		res, err := newRule(f, r)
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
func newEndpointClients(f *family, n NetworkContract) (pulumi.StringOutput, []pulumi.Resource, error) {
	name := f.name + "-endpoint-clients-sg"
	sg, err := ec2.NewSecurityGroup(f.ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String("Members reach the VPC endpoints: HTTPS out to them only"),
		Tags:        f.tagsFor(name),
	}, f.opts()...)
	if err != nil {
		return pulumi.StringOutput{}, nil, fmt.Errorf("create endpoint clients security group: %w", err)
	}
	rules, err := newRules(f, accessRules("clients", "the endpoint clients group's members", sg.ID(), n))
	if err != nil {
		return pulumi.StringOutput{}, nil, err
	}
	return sg.ID().ToStringOutput(), append([]pulumi.Resource{sg}, rules...), nil
}
