package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// accessRules let one group reach AWS privately through a network: 443 out
// to the interface endpoints (and their 443 in from it), 443 out to each
// gateway endpoint's prefix list, and 443 anywhere only when the network
// has NAT. The provider removes AWS's default allow-all egress from groups
// it creates, so these are all the egress the group has. role names the
// rules ("task", "instance"); who says whose traffic it is.
func accessRules(role, who string, group pulumi.StringInput, n *Network) []sgRule {
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
	for _, e := range n.endpoints {
		if e.Type != EndpointGateway {
			continue
		}
		rules = append(rules, sgRule{
			suffix: role + "-out-" + strings.ReplaceAll(e.Service, ".", "-"), group: group, port: 443,
			prefixList:  n.GatewayPrefixListIds.MapIndex(pulumi.String(e.Service)),
			description: fmt.Sprintf("HTTPS to %s through its gateway endpoint", e.Service),
		})
	}
	if n.nat {
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
