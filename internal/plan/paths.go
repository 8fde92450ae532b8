package plan

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Security group roles, discovered from what uses each group.
const (
	RoleALB       = "alb"       // a load balancer's securityGroups
	RoleTasks     = "tasks"     // an ECS service's networkConfiguration.securityGroups
	RoleEndpoints = "endpoints" // an interface endpoint's securityGroupIds
	RoleInstances = "instances" // a launch template's vpcSecurityGroupIds
)

// roleLabels name the roles in the output.
var roleLabels = map[string]string{
	RoleALB:       "ALB",
	RoleTasks:     "tasks",
	RoleEndpoints: "endpoints",
	RoleInstances: "EC2 instances",
}

// roleOrder orders nodes along the request path: internet, ALB, compute,
// endpoints, then everything else.
var roleOrder = map[string]int{RoleALB: 2, RoleInstances: 3, RoleTasks: 4, RoleEndpoints: 5}

// SecurityGroup is one group, with the roles found for it.
type SecurityGroup struct {
	Name  string   `json:"name"`
	ID    string   `json:"id"`
	Roles []string `json:"roles,omitempty"`
	// UsedBy names the resources that put the group to use.
	UsedBy []string `json:"usedBy,omitempty"`
	// ListenerPorts are the ports of the listeners of the load balancers
	// that use the group.
	ListenerPorts []int `json:"listenerPorts,omitempty"`
}

// Node is one side of a path: a security group, a CIDR block or a prefix
// list.
type Node struct {
	Kind  string   `json:"kind"` // "securityGroup", "cidr" or "prefixList"
	Name  string   `json:"name"` // the group's resource name, the CIDR, or the prefix list ID
	Roles []string `json:"roles,omitempty"`
	// Via is the gateway endpoint whose prefix list this is.
	Via   string `json:"via,omitempty"`
	Label string `json:"label"`
}

// Node kinds.
const (
	KindSecurityGroup = "securityGroup"
	KindCidr          = "cidr"
	KindPrefixList    = "prefixList"
)

// Internet reports whether the node is every address: 0.0.0.0/0 or ::/0.
func (n Node) Internet() bool {
	if n.Kind != KindCidr {
		return false
	}
	p, err := netip.ParsePrefix(n.Name)
	return err == nil && p.Bits() == 0
}

// HasRole reports whether the node is a security group with this role.
func (n Node) HasRole(role string) bool { return slices.Contains(n.Roles, role) }

func (n Node) key() string { return n.Kind + ":" + n.Name }

func (n Node) rank() int {
	switch {
	case n.Internet():
		return 0
	case n.Kind == KindCidr:
		return 1
	case n.Kind == KindPrefixList:
		return 8
	}
	best := 7
	for _, r := range n.Roles {
		if o, ok := roleOrder[r]; ok && o < best {
			best = o
		}
	}
	return best
}

// Path is one security group rule: an ingress rule lets From reach the
// group, an egress rule lets the group reach To.
type Path struct {
	Rule      string `json:"rule"`
	URN       string `json:"urn"`
	Direction string `json:"direction"` // "ingress" or "egress"
	From      Node   `json:"from"`
	To        Node   `json:"to"`
	Protocol  string `json:"protocol"`
	FromPort  int    `json:"fromPort"`
	ToPort    int    `json:"toPort"`
	// Flag says why the path is a problem; empty when it is not.
	Flag string `json:"flag,omitempty"`
}

// Ports renders the protocol and port range, such as "tcp 443".
func (p Path) Ports() string { return ports(p.Protocol, p.FromPort, p.ToPort) }

// Hop is traffic from one node to another as the rules allow it: an
// egress rule on the sending group and an ingress rule on the receiving
// group, paired where both sides are security groups.
type Hop struct {
	From     Node   `json:"from"`
	To       Node   `json:"to"`
	Protocol string `json:"protocol"`
	FromPort int    `json:"fromPort"`
	ToPort   int    `json:"toPort"`
	Egress   string `json:"egress,omitempty"`  // the egress rule's name
	Ingress  string `json:"ingress,omitempty"` // the ingress rule's name
	// Open is false when only one of two needed rules exists, so the
	// traffic is dropped; Note says which is missing.
	Open bool   `json:"open"`
	Note string `json:"note,omitempty"`
	// AwaitsMembers is true for the egress to a group nothing in this
	// stack uses, which other stacks' resources join (a platform's
	// targets group): neither open nor dropped until they do.
	AwaitsMembers bool   `json:"awaitsMembers,omitempty"`
	Flag          string `json:"flag,omitempty"`
	// Services are the services whose traffic the hop carries: those
	// whose tasks or instances are one of its ends, or else those behind
	// a load balancer that is; empty for a hop of no service.
	Services []string `json:"services,omitempty"`
}

// Ports renders the protocol and port range, such as "tcp 443".
func (h Hop) Ports() string { return ports(h.Protocol, h.FromPort, h.ToPort) }

// Rules names the rules behind the hop.
func (h Hop) Rules() string {
	var r []string
	if h.Egress != "" {
		r = append(r, "egress "+h.Egress)
	}
	if h.Ingress != "" {
		r = append(r, "ingress "+h.Ingress)
	}
	return strings.Join(r, " + ")
}

func ports(protocol string, from, to int) string {
	switch {
	case protocol == "-1" || protocol == "all":
		return "all traffic"
	case from == to:
		return fmt.Sprintf("%s %d", protocol, from)
	case from <= 0 && to >= 65535:
		return protocol + " all ports"
	}
	return fmt.Sprintf("%s %d-%d", protocol, from, to)
}

// securityGroups lists every group with the roles found for it.
func securityGroups(ix *index) []SecurityGroup {
	byID := map[string]*SecurityGroup{}
	var order []*SecurityGroup
	for _, r := range ix.byType[typeSecurityGroup] {
		sg := &SecurityGroup{Name: r.Name, ID: r.ID}
		byID[r.ID] = sg
		order = append(order, sg)
	}
	use := func(role string, user *awsmock.Resource, ids []string) {
		for _, id := range ids {
			if sg, ok := byID[id]; ok {
				if !slices.Contains(sg.Roles, role) {
					sg.Roles = append(sg.Roles, role)
				}
				if !slices.Contains(sg.UsedBy, user.Name) {
					sg.UsedBy = append(sg.UsedBy, user.Name)
				}
			}
		}
	}
	listeners := listenerPorts(ix)
	for _, lb := range ix.byType[typeLoadBalancer] {
		ids := strs(lb.Inputs, "securityGroups")
		use(RoleALB, lb, ids)
		for _, id := range ids {
			if sg, ok := byID[id]; ok {
				for _, port := range listeners[lb.URN] {
					if !slices.Contains(sg.ListenerPorts, port) {
						sg.ListenerPorts = append(sg.ListenerPorts, port)
					}
				}
			}
		}
	}
	for _, l := range taskLaunchers(ix) {
		use(RoleTasks, l.by, l.groups)
	}
	for _, ep := range ix.byType[typeVpcEndpoint] {
		use(RoleEndpoints, ep, strs(ep.Inputs, "securityGroupIds"))
	}
	for _, lt := range ix.byType[typeLaunchTemplate] {
		use(RoleInstances, lt, strs(lt.Inputs, "vpcSecurityGroupIds"))
		for _, ni := range objects(lt.Inputs, "networkInterfaces") {
			use(RoleInstances, lt, strs(ni, "securityGroups"))
		}
	}
	out := make([]SecurityGroup, len(order))
	for i, sg := range order {
		sort.Strings(sg.Roles)
		sort.Strings(sg.UsedBy)
		sort.Ints(sg.ListenerPorts)
		out[i] = *sg
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// listenerPorts maps each load balancer's URN to its listeners' ports. A
// listener whose load balancer cannot be found counts for every one.
func listenerPorts(ix *index) map[string][]int {
	out := map[string][]int{}
	var orphans []int
	for _, l := range ix.byType[typeListener] {
		port, ok := num(l.Inputs, "port")
		if !ok {
			continue
		}
		if lb, ok := ix.byArn[str(l.Inputs, "loadBalancerArn")]; ok {
			out[lb.URN] = append(out[lb.URN], int(port))
		} else {
			orphans = append(orphans, int(port))
		}
	}
	for _, lb := range ix.byType[typeLoadBalancer] {
		out[lb.URN] = append(out[lb.URN], orphans...)
	}
	return out
}

// trafficPaths reads every ingress and egress rule into a path, flags the
// ones the internet can use to reach anything but the listener ports, and
// pairs them into hops.
func trafficPaths(ix *index, groups []SecurityGroup) ([]Path, []Hop) {
	byID := map[string]SecurityGroup{}
	for _, sg := range groups {
		byID[sg.ID] = sg
	}
	gateways := map[string]*awsmock.Resource{}
	for _, ep := range ix.byType[typeVpcEndpoint] {
		if pl := str(ep.Outputs, "prefixListId"); pl != "" {
			gateways[pl] = ep
		}
	}
	groupNode := func(id string) Node {
		sg, ok := byID[id]
		if !ok {
			return Node{Kind: KindSecurityGroup, Name: id, Label: "security group " + id + " (not in this stack)"}
		}
		return sgNode(sg)
	}
	peerNode := func(in resource.PropertyMap) Node {
		switch {
		case str(in, "referencedSecurityGroupId") != "":
			return groupNode(str(in, "referencedSecurityGroupId"))
		case str(in, "prefixListId") != "":
			pl := str(in, "prefixListId")
			ep, ok := gateways[pl]
			if !ok {
				return Node{Kind: KindPrefixList, Name: pl, Label: "prefix list " + pl}
			}
			svc := shortService(str(ep.Inputs, "serviceName"))
			return Node{Kind: KindPrefixList, Name: pl, Via: ep.Name,
				Label: fmt.Sprintf("%s prefix list %s (gateway endpoint %s)", strings.ToUpper(svc), pl, ep.Name)}
		}
		cidr := str(in, "cidrIpv4")
		if cidr == "" {
			cidr = str(in, "cidrIpv6")
		}
		n := Node{Kind: KindCidr, Name: cidr, Label: cidr}
		if n.Internet() {
			n.Label = "internet (" + cidr + ")"
		}
		return n
	}

	var paths []Path
	for _, typ := range []string{typeIngressRule, typeEgressRule} {
		for _, r := range ix.byType[typ] {
			p := Path{Rule: r.Name, URN: r.URN, Protocol: str(r.Inputs, "ipProtocol")}
			from, _ := num(r.Inputs, "fromPort")
			to, _ := num(r.Inputs, "toPort")
			p.FromPort, p.ToPort = int(from), int(to)
			group, peer := groupNode(str(r.Inputs, "securityGroupId")), peerNode(r.Inputs)
			if typ == typeIngressRule {
				p.Direction, p.From, p.To = "ingress", peer, group
				p.Flag = internetFlag(p, byID)
			} else {
				p.Direction, p.From, p.To = "egress", group, peer
			}
			paths = append(paths, p)
		}
	}
	sort.Slice(paths, func(i, j int) bool { return paths[i].Rule < paths[j].Rule })
	return paths, hops(paths)
}

// sgNode is a group of this stack as a path's end, labelled by its
// roles: "tasks (web-task-sg)".
func sgNode(sg SecurityGroup) Node {
	n := Node{Kind: KindSecurityGroup, Name: sg.Name, Roles: sg.Roles}
	n.Label = sg.Name
	if len(sg.Roles) > 0 {
		labels := make([]string, len(sg.Roles))
		for i, r := range sg.Roles {
			labels[i] = roleLabels[r]
		}
		n.Label = strings.Join(labels, "+") + " (" + sg.Name + ")"
	}
	return n
}

// internetFlag explains why an ingress path from every address is a
// problem: only the ALB's listener ports may be open to the internet.
func internetFlag(p Path, groups map[string]SecurityGroup) string {
	if !p.From.Internet() {
		return ""
	}
	var listener []int
	for _, sg := range groups {
		if sg.Name == p.To.Name && slices.Contains(sg.Roles, RoleALB) {
			listener = sg.ListenerPorts
		}
	}
	if listener == nil {
		return fmt.Sprintf("%s reaches %s on %s; only the ALB's listener ports may be open to the internet", p.From.Name, p.To.Label, p.Ports())
	}
	if p.Protocol == "tcp" && p.FromPort == p.ToPort && slices.Contains(listener, p.FromPort) {
		return ""
	}
	return fmt.Sprintf("%s reaches %s on %s, which is not a listener port (%s)", p.From.Name, p.To.Label, p.Ports(), joinInts(listener))
}

// hops pairs each egress rule between two groups with the ingress rules
// that admit it. Rules to or from a CIDR block or prefix list need no
// partner: the other side is not a security group.
func hops(paths []Path) []Hop {
	var out []Hop
	used := map[int]bool{}
	for _, e := range paths {
		if e.Direction != "egress" {
			continue
		}
		h := Hop{From: e.From, To: e.To, Protocol: e.Protocol, FromPort: e.FromPort, ToPort: e.ToPort, Egress: e.Rule, Open: true}
		if e.To.Kind != KindSecurityGroup {
			out = append(out, h)
			continue
		}
		matched := false
		for j, in := range paths {
			if in.Direction != "ingress" || in.To.key() != e.To.key() || in.From.key() != e.From.key() {
				continue
			}
			proto, lo, hi, ok := overlap(e, in)
			if !ok {
				continue
			}
			used[j], matched = true, true
			out = append(out, Hop{From: e.From, To: e.To, Protocol: proto, FromPort: lo, ToPort: hi,
				Egress: e.Rule, Ingress: in.Rule, Open: true, Flag: in.Flag})
		}
		if !matched {
			h.Open = false
			h.Note = fmt.Sprintf("no ingress rule on %s admits it, so the traffic is dropped", e.To.Name)
			if len(e.To.Roles) == 0 {
				// A group nothing here uses: its members are other
				// stacks' (a platform's targets group), each admitting
				// the sender in a group of its own.
				h.AwaitsMembers = true
				h.Note = fmt.Sprintf("nothing in this stack is in %s; the traffic reaches the members other stacks put in it, each of which must admit it in a group of its own", e.To.Name)
			}
			out = append(out, h)
		}
	}
	for j, in := range paths {
		if in.Direction != "ingress" || used[j] {
			continue
		}
		h := Hop{From: in.From, To: in.To, Protocol: in.Protocol, FromPort: in.FromPort, ToPort: in.ToPort, Ingress: in.Rule, Open: true, Flag: in.Flag}
		if in.From.Kind == KindSecurityGroup {
			h.Open = false
			h.Note = fmt.Sprintf("no egress rule on %s allows it, so the traffic is dropped", in.From.Name)
		}
		out = append(out, h)
	}
	sortHops(out)
	return out
}

// sortHops orders hops along the request path: by their ends' roles,
// then names, then ports.
func sortHops(out []Hop) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.From.rank() != b.From.rank() {
			return a.From.rank() < b.From.rank()
		}
		if a.From.Name != b.From.Name {
			return a.From.Name < b.From.Name
		}
		if a.To.rank() != b.To.rank() {
			return a.To.rank() < b.To.rank()
		}
		if a.To.Name != b.To.Name {
			return a.To.Name < b.To.Name
		}
		if a.FromPort != b.FromPort {
			return a.FromPort < b.FromPort
		}
		return a.Rules() < b.Rules()
	})
}

// overlap returns the traffic both rules allow.
func overlap(a, b Path) (string, int, int, bool) {
	all := func(p string) bool { return p == "-1" || p == "all" }
	proto := a.Protocol
	switch {
	case all(a.Protocol):
		proto = b.Protocol
	case all(b.Protocol):
	case a.Protocol != b.Protocol:
		return "", 0, 0, false
	}
	if all(proto) {
		return proto, 0, 0, true
	}
	lo, hi := a.FromPort, a.ToPort
	if all(a.Protocol) {
		lo, hi = b.FromPort, b.ToPort
	} else if !all(b.Protocol) {
		lo, hi = max(a.FromPort, b.FromPort), min(a.ToPort, b.ToPort)
	}
	return proto, lo, hi, lo <= hi
}

// shortService is the part of an endpoint service name after the region:
// "s3" for "com.amazonaws.us-east-1.s3".
func shortService(serviceName string) string {
	parts := strings.SplitN(serviceName, ".", 4)
	return parts[len(parts)-1]
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// definitionGroups are the security groups a state machine's definition
// runs tasks in: every SecurityGroups list in it.
func definitionGroups(definition string) []string {
	var doc any
	if json.Unmarshal([]byte(definition), &doc) != nil {
		return nil
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "SecurityGroups" {
					for _, id := range asList(e) {
						if s, ok := id.(string); ok && !slices.Contains(out, s) {
							out = append(out, s)
						}
					}
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	sort.Strings(out)
	return out
}

// asList is v as a list, or nil.
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// taskLauncher is what starts tasks, and the groups their interfaces get.
type taskLauncher struct {
	by     *awsmock.Resource
	groups []string
}

// taskLaunchers are the ECS services, and the scheduled jobs' schedules
// (or, with a timeout, their state machines, whose RunTask names the
// groups), with the security groups of the tasks they start.
func taskLaunchers(ix *index) []taskLauncher {
	var out []taskLauncher
	for _, svc := range ix.byType[typeEcsService] {
		out = append(out, taskLauncher{svc, strs(object(svc.Inputs, "networkConfiguration"), "securityGroups")})
	}
	for _, s := range ix.byType[typeSchedule] {
		ecs := object(object(s.Inputs, "target"), "ecsParameters")
		out = append(out, taskLauncher{s, strs(object(ecs, "networkConfiguration"), "securityGroups")})
	}
	for _, sm := range ix.byType[typeStateMachine] {
		out = append(out, taskLauncher{sm, definitionGroups(str(sm.Inputs, "definition"))})
	}
	return out
}

// taskGroupLists are the group lists of every task launcher.
func taskGroupLists(ix *index) [][]string {
	var out [][]string
	for _, l := range taskLaunchers(ix) {
		out = append(out, l.groups)
	}
	return out
}
