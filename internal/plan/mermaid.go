package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Mermaid renders the architecture as a Mermaid flowchart: a node for
// each security group, named after the resources that use it, and for
// each CIDR block and prefix list the rules name; an edge for each hop,
// labelled with its ports. Flagged hops are red, dropped ones dotted.
func (p *Plan) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")

	groups := map[string]SecurityGroup{}
	for _, sg := range p.SecurityGroups {
		groups[sg.Name] = sg
	}
	byResource := map[string]Endpoint{}
	for _, e := range p.Endpoints {
		byResource[e.Resource] = e
	}
	var inside, outside []string
	seen := map[string]bool{}
	addNode := func(n Node) {
		id := nodeID(n)
		if seen[id] {
			return
		}
		seen[id] = true
		switch n.Kind {
		case KindCidr:
			label := n.Name
			if n.Internet() {
				label = "internet<br/>" + n.Name
			}
			outside = append(outside, fmt.Sprintf("%s((%s))", id, quote(label)))
		case KindPrefixList:
			lines := []string{"prefix list " + n.Name}
			if n.Via != "" {
				e := byResource[n.Via]
				lines = []string{strings.ToUpper(e.Service) + " gateway endpoint", n.Via, "prefix list " + n.Name}
			}
			inside = append(inside, fmt.Sprintf("%s[%s]", id, quote(strings.Join(lines, "<br/>"))))
		default:
			lines := p.groupLines(groups[n.Name], byResource, n.Name)
			if _, ours := groups[n.Name]; !ours && p.Platform != nil && strings.Contains(n.Label, " of platform ") {
				// A platform group: the label says what it is.
				lines = []string{n.Label}
			}
			inside = append(inside, fmt.Sprintf("%s[%s]", id, quote(strings.Join(lines, "<br/>"))))
		}
	}
	for _, h := range p.Hops {
		addNode(h.From)
		addNode(h.To)
	}

	for _, line := range outside {
		b.WriteString("  " + line + "\n")
	}
	vpcs := p.resourcesOfType(typeVpc)
	indent := "  "
	if len(vpcs) == 1 {
		label := "VPC " + vpcs[0].Name
		if cidr, ok := vpcs[0].Inputs["cidrBlock"].(string); ok {
			label += " " + cidr
		}
		if vpcs[0].Inputs["enableDnsSupport"] == true && vpcs[0].Inputs["enableDnsHostnames"] == true {
			label += ", DNS support + hostnames"
		}
		fmt.Fprintf(&b, "  subgraph vpc[%s]\n", quote(label))
		indent = "    "
	}
	for _, line := range inside {
		b.WriteString(indent + line + "\n")
	}
	if len(vpcs) == 1 {
		b.WriteString("  end\n")
	}

	var red []int
	for i, h := range p.Hops {
		label := h.Ports()
		arrow := "-->"
		switch {
		case h.Flag != "":
			label += " FLAGGED"
			red = append(red, i)
		case h.AwaitsMembers:
			label += " to members elsewhere"
			arrow = "-.->"
		case !h.Open:
			label += " dropped"
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s|%s| %s\n", nodeID(h.From), arrow, quote(label), nodeID(h.To))
	}
	for _, i := range red {
		fmt.Fprintf(&b, "  linkStyle %d stroke:#d00,stroke-width:3px\n", i)
	}
	return b.String()
}

// groupLines describes a security group by what uses it, and what the
// users' inputs say about exposure.
func (p *Plan) groupLines(sg SecurityGroup, endpoints map[string]Endpoint, name string) []string {
	var roles []string
	for _, r := range sg.Roles {
		switch r {
		case RoleALB:
			role := "Application Load Balancer"
			for _, lb := range p.resourcesOfType(typeLoadBalancer) {
				if slices.Contains(sg.UsedBy, lb.Name) && lb.Inputs["internal"] == false {
					role += ", internet-facing"
				}
			}
			roles = append(roles, role)
		case RoleTasks:
			role := "ECS tasks"
			for _, svc := range p.resourcesOfType(typeEcsService) {
				if nc, ok := svc.Inputs["networkConfiguration"].(map[string]any); ok && slices.Contains(sg.UsedBy, svc.Name) && nc["assignPublicIp"] == false {
					role += ", no public IP"
				}
			}
			roles = append(roles, role)
		case RoleEndpoints:
			roles = append(roles, "interface endpoints")
		case RoleInstances:
			roles = append(roles, "EC2 instances")
		}
	}
	if len(roles) == 0 {
		roles = []string{"security group"}
	}
	var users []string
	for _, u := range sg.UsedBy {
		if e, ok := endpoints[u]; ok {
			users = append(users, e.Service)
		} else {
			users = append(users, u)
		}
	}
	lines := []string{strings.Join(roles, " + ")}
	if len(users) > 0 {
		lines = append(lines, strings.Join(users, ", "))
	}
	return append(lines, "sg "+name)
}

// nodeID is a Mermaid-safe ID for a node.
func nodeID(n Node) string {
	if n.Internet() {
		if strings.Contains(n.Name, ":") {
			return "internet6"
		}
		return "internet"
	}
	prefix := map[string]string{KindSecurityGroup: "sg_", KindCidr: "cidr_", KindPrefixList: "pl_"}[n.Kind]
	return prefix + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, n.Name)
}

func (p *Plan) resourcesOfType(typ string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// quote makes a Mermaid string: double quotes around, and any double
// quote inside written as the #quot; entity Mermaid understands.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"` }
