package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// Options change how Load plans a stack.
type Options struct {
	// Platform is a file holding the platform contract a service program
	// attaches to: what `pulumi stack output --json` prints for the
	// platform stack (an object with a "platform" key), or the contract
	// itself. Optional. Default: the program's own fixture. Valid: only
	// for a program that attaches to a platform through a stack.
	Platform string
	// Teams is how many teams share the platform's fixed cost. Optional.
	// Default: the teams the contract gives priority blocks to (at least
	// 1). Valid: 0 or more.
	Teams int
	// Now is when the schedules' next runs and runs a month are counted
	// from. Optional. Default: the time the plan is built.
	Now time.Time
	// JobDuration is how long the plan prices each run of a scheduled
	// job. Optional. Default: the job's timeout, the most a run lasts, or
	// DefaultJobDuration for a job without one. Valid: 0 or more.
	JobDuration time.Duration
	// Backends are the outputs of the backend stacks a service stack
	// calls, by full stack name: files of what `pulumi stack output
	// --json` prints for each (ServiceOutputs writes them offline), whose
	// "serviceConnect" the calls read. Optional. Default: none, and a
	// stack that calls a backend is refused until it is deployed.
	Backends map[string]string
}

// Attachment is how a service stack reads its platform contract: through
// a stack reference to Stack, or from the config key ConfigKey.
type Attachment struct {
	Stack, ConfigKey string
}

// PlatformShare is what a service stack adds to the platform it attaches
// to, and its cost on top of the platform's shared one.
type PlatformShare struct {
	// Name is the platform's name, Source where its contract came from,
	// and Stack the platform stack the program references ("" when the
	// contract is in config).
	Name   string `json:"name"`
	Source string `json:"source"`
	Stack  string `json:"stack,omitempty"`
	// Zones are the platform's private subnets' zones, where the tasks
	// run.
	Zones []string `json:"zones"`
	// Adds are what this stack puts on the platform's load balancers and
	// in its groups, one line each.
	Adds []Addition `json:"adds"`
	// Room says, per load balancer and team block, how much of it this
	// stack's rules take: of the team's MaxServices, and of the ALB's 100
	// rules and 100 target groups.
	Room []string `json:"room"`
	// PlatformGroupRules are rules this stack adds to the platform's own
	// security groups; a service stack should add none.
	PlatformGroupRules []string `json:"platformGroupRules"`
	// Endpoints are the platform endpoints the stack's tasks use, each
	// with the services that use it.
	Endpoints map[string][]string `json:"endpoints"`
	// Fixed are the platform's fixed monthly charges, priced from the
	// contract, and FixedTotal their sum.
	Fixed      []CostLine `json:"fixed"`
	FixedTotal float64    `json:"fixedTotal"`
	// Teams is how many teams share FixedTotal, and TeamsFrom says where
	// the number came from.
	Teams     int    `json:"teams"`
	TeamsFrom string `json:"teamsFrom"`
	// Share is FixedTotal / Teams; Own is this stack's own planned total;
	// Total is both.
	Share float64  `json:"share"`
	Own   float64  `json:"own"`
	Total float64  `json:"total"`
	Rule  string   `json:"rule"`
	Notes []string `json:"notes,omitempty"`
}

// Addition is one thing a service stack adds to the platform.
type Addition struct {
	// Kind is "listener rule", "target group" or "group membership".
	Kind     string `json:"kind"`
	Resource string `json:"resource"`
	Service  string `json:"service"`
	Detail   string `json:"detail"`
}

// PlatformShareRule says how the service stack's cost is split.
const PlatformShareRule = "the platform's fixed cost is what it pays whatever runs on it: its ALBs and their public addresses " +
	"(one per public subnet), its interface endpoints in each private subnet's zone, and its key, priced from the contract at list prices; " +
	"it is split evenly between the teams that share the platform. This stack's own cost is its estimate above (its Fargate tasks " +
	"and alarms). Traffic charges (ALB capacity units, endpoint GB, logs) and the platform's log storage are left out"

// ReadPlatformFile reads a platform contract from a file: what `pulumi
// stack output --json` prints (an object holding the contract under
// "platform"), or the contract itself. It checks the contract as a
// service program would before attaching, and returns it as the stack
// output holds it and as the program reads it.
func ReadPlatformFile(path string) (map[string]any, *components.PlatformContract, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("platform contract: %w; pass the file `pulumi stack output --json` writes for the platform stack", err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, nil, fmt.Errorf("platform contract %s: not a JSON object (%v); pass what `pulumi stack output --json` prints for the platform stack", path, err)
	}
	if inner, ok := v[components.PlatformOutput]; ok {
		if _, isContract := v["version"]; !isContract {
			obj, ok := inner.(map[string]any)
			if !ok {
				return nil, nil, fmt.Errorf("platform contract %s: its %q output is not an object; pass the platform stack's outputs", path, components.PlatformOutput)
			}
			v = obj
		}
	}
	c, err := components.ParsePlatformContract(v)
	if err != nil {
		return nil, nil, fmt.Errorf("platform contract %s: %w", path, err)
	}
	return v, c, nil
}

// attachPlatform gives the mocks the platform contract the program will
// read: from the stack's config, or from the file (opts.Platform, or the
// program's fixture) as the platform stack's output. It returns the
// contract, where it came from, and what the plan assumed; a nil
// contract when the program attaches to nothing or its config names no
// platform (the program then reports the config itself).
func attachPlatform(dir string, files *stacks.StackFiles, prog Program, opts Options, m *awsmock.Mocks) (*components.PlatformContract, *PlatformShare, []string, error) {
	if prog.Attach == nil {
		if opts.Platform != "" {
			return nil, nil, nil, fmt.Errorf("--platform: project %s attaches to no platform; drop the flag", files.Project)
		}
		return nil, nil, nil, nil
	}
	at, ok := prog.Attach(files)
	if !ok {
		return nil, nil, nil, nil
	}
	if at.ConfigKey != "" {
		if opts.Platform != "" {
			return nil, nil, nil, fmt.Errorf("--platform: stack %s reads its platform contract from config key %s, not from a stack; drop the flag to plan it with that contract",
				files.Stack, at.ConfigKey)
		}
		c, err := components.ParsePlatformContract(files.Config[at.ConfigKey])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", at.ConfigKey, err)
		}
		return c, &PlatformShare{Name: c.Name, Source: "config key " + at.ConfigKey}, nil, nil
	}
	path := opts.Platform
	if path == "" && prog.Platform == "" {
		return nil, nil, nil, fmt.Errorf("stack %s attaches to platform stack %s; pass its contract with --platform FILE (what `pulumi stack output --json` prints for it, or --contract-out writes when the plan runs the platform stack)", files.Stack, at.Stack)
	}
	if path == "" {
		path = prog.Platform
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
	}
	v, c, err := ReadPlatformFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	if m.StackOutputs == nil {
		m.StackOutputs = map[string]map[string]any{}
	}
	m.StackOutputs[at.Stack] = map[string]any{components.PlatformOutput: v}
	assumed := []string{fmt.Sprintf("platform stack %s exports the platform contract in %s (%s)", at.Stack, path, contractSummary(c))}
	return c, &PlatformShare{Name: c.Name, Source: path, Stack: at.Stack}, assumed, nil
}

// contractSummary names what a contract offers, in a few words.
func contractSummary(c *components.PlatformContract) string {
	var lbs []string
	for _, l := range c.LoadBalancers {
		lbs = append(lbs, l.Name)
	}
	return fmt.Sprintf("platform %s: load balancers %s; %s; cluster %s", c.Name, strings.Join(lbs, ", "),
		plural(len(c.Network.Endpoints), "endpoint"), c.Cluster.ClusterName)
}

// platformShare fills in what the stack adds to the platform and its cost
// on top of the platform's shared one.
func platformShare(ix *index, c *components.PlatformContract, ps *PlatformShare, cost *Cost, prices *PriceTable, teams int) *PlatformShare {
	ps.Adds, ps.PlatformGroupRules = platformAdditions(ix, c)
	for _, sn := range c.Network.PrivateSubnets {
		if sn.Zone != "" && !slices.Contains(ps.Zones, sn.Zone) {
			ps.Zones = append(ps.Zones, sn.Zone)
		}
	}
	nonNil(&ps.Zones)
	ps.Room = platformRoom(ix, c)
	ps.Endpoints = platformEndpoints(ix, c)
	nonNil(&ps.Adds)
	nonNil(&ps.PlatformGroupRules)
	ps.Rule = PlatformShareRule
	ps.Teams, ps.TeamsFrom = teams, "--teams"
	if teams <= 0 {
		var names []string
		for _, l := range c.LoadBalancers {
			for _, r := range l.PriorityRanges {
				if r.Team != "" && !slices.Contains(names, r.Team) {
					names = append(names, r.Team)
				}
			}
		}
		ps.Teams, ps.TeamsFrom = max(len(names), 1), "the teams the contract gives priority blocks to"
		if len(names) > 0 {
			ps.TeamsFrom += " (" + strings.Join(names, ", ") + ")"
		}
	}
	rp, ok := prices.Regions[c.Region]
	if !ok {
		ps.Notes = append(ps.Notes, fmt.Sprintf("no prices for the platform's region %s in %s, so its fixed cost is not estimated", c.Region, PricesFile))
		return ps
	}
	h := prices.HoursPerMonth
	add := func(l CostLine) {
		l.Rate = round(l.Rate)
		l.Monthly = round(l.Quantity * l.Rate)
		ps.Fixed = append(ps.Fixed, l)
		ps.FixedTotal = round(ps.FixedTotal + l.Monthly)
	}
	if n := len(c.LoadBalancers); n > 0 {
		add(CostLine{Item: ItemALB, Detail: fmt.Sprintf("%s × %s h", plural(n, "ALB"), fmtNum(h)), Quantity: float64(n) * h, Unit: "ALB-hour", Rate: rp.AlbHour})
		addrs := n * len(c.Network.PublicSubnets)
		add(CostLine{Item: ItemPublicIPv4, Detail: fmt.Sprintf("%s (one per ALB and public subnet) × %s h", plural(addrs, "address"), fmtNum(h)),
			Quantity: float64(addrs) * h, Unit: "address-hour", Rate: rp.PublicIpv4Hour})
	}
	interfaces := 0
	for _, t := range c.Network.Endpoints {
		if t == network.EndpointInterface {
			interfaces++
		}
	}
	if zones := len(c.Network.PrivateSubnets); interfaces > 0 {
		add(CostLine{Item: ItemInterfaceEndpoint, Detail: fmt.Sprintf("%s × %s × %s h", plural(interfaces, "endpoint"), plural(zones, "AZ"), fmtNum(h)),
			Quantity: float64(interfaces*zones) * h, Unit: "endpoint-AZ-hour", Rate: rp.InterfaceEndpointHour})
	}
	if c.KeyArn != "" {
		add(CostLine{Item: ItemKmsKeys, Detail: "1 customer-managed key (first year)", Quantity: 1, Unit: "key-month", Rate: prices.Global.KmsKeyMonth})
	}
	if c.Network.Nat {
		ps.Notes = append(ps.Notes, "the platform's private subnets route through NAT; the contract does not say how many NAT gateways, so they are not in its fixed cost")
	}
	ps.Share = round2(ps.FixedTotal / float64(ps.Teams))
	if cost != nil && len(cost.Estimates) > 0 {
		ps.Own = cost.Estimates[0].Total
	}
	ps.Total = round2(ps.Own + ps.Share)
	return ps
}

// platformGroups names the platform's security groups by id.
func platformGroups(c *components.PlatformContract) map[string]string {
	out := map[string]string{
		c.Network.EndpointSecurityGroupId: "the endpoints' group",
	}
	if id := c.Network.EndpointClientSecurityGroupId; id != "" {
		out[id] = "the endpoint clients' group"
	}
	for _, l := range c.LoadBalancers {
		out[l.SecurityGroupId] = fmt.Sprintf("ALB %s's group", l.Name)
		if l.TargetSecurityGroupId != "" {
			out[l.TargetSecurityGroupId] = fmt.Sprintf("ALB %s's targets group", l.Name)
		}
	}
	for _, g := range c.Cluster.Ec2Groups {
		out[g.InstanceSecurityGroupId] = fmt.Sprintf("EC2 group %s's instances", g.Name)
	}
	return out
}

// platformAdditions lists the listener rules, target groups and group
// memberships the stack adds to the platform, and the rules it adds to
// the platform's own groups.
func platformAdditions(ix *index, c *components.PlatformContract) ([]Addition, []string) {
	type listener struct{ lb, kind string }
	listeners := map[string]listener{}
	blocks := map[string][]edge.PriorityRange{}
	for _, l := range c.LoadBalancers {
		for kind, arn := range l.Listeners {
			listeners[arn] = listener{l.Name, kind}
		}
		blocks[l.Name] = l.PriorityRanges
	}
	var adds []Addition
	tgLB := map[string]string{} // target group ARN -> load balancer
	for _, r := range ix.byType[typeListenerRule] {
		l, ok := listeners[str(r.Inputs, "listenerArn")]
		if !ok {
			continue
		}
		p, _ := num(r.Inputs, "priority")
		detail := fmt.Sprintf("ALB %s, %s listener, priority %d", l.lb, l.kind, int(p))
		for _, b := range blocks[l.lb] {
			if int(p) >= b.From && int(p) <= b.To {
				detail += fmt.Sprintf(" (the %s team's block %d-%d)", b.Team, b.From, b.To)
			}
		}
		var conds []string
		for _, cond := range objects(r.Inputs, "conditions") {
			conds = append(conds, strs(object(cond, "hostHeader"), "values")...)
			conds = append(conds, strs(object(cond, "pathPattern"), "values")...)
		}
		if len(conds) > 0 {
			detail += ": " + strings.Join(conds, " ")
		}
		adds = append(adds, Addition{Kind: "listener rule", Resource: r.Name, Service: ownerService(ix, r), Detail: detail})
		for _, a := range objects(r.Inputs, "actions") {
			if arn := str(a, "targetGroupArn"); arn != "" {
				tgLB[arn] = l.lb
			}
		}
	}
	for _, tg := range ix.byType["aws:lb/targetGroup:TargetGroup"] {
		if lb, ok := tgLB[str(tg.Outputs, "arn")]; ok {
			adds = append(adds, Addition{Kind: "target group", Resource: tg.Name, Service: ownerService(ix, tg),
				Detail: fmt.Sprintf("ALB %s forwards to it", lb)})
		}
	}
	groups := platformGroups(c)
	for _, svc := range ix.byType[typeEcsService] {
		for _, g := range strs(object(svc.Inputs, "networkConfiguration"), "securityGroups") {
			if what, ok := groups[g]; ok {
				adds = append(adds, Addition{Kind: "group membership", Resource: svc.Name, Service: serviceName(ix, svc),
					Detail: fmt.Sprintf("tasks join %s (%s)", g, what)})
			}
		}
	}
	sort.SliceStable(adds, func(i, j int) bool {
		if adds[i].Service != adds[j].Service {
			return adds[i].Service < adds[j].Service
		}
		return adds[i].Kind < adds[j].Kind
	})
	var onPlatform []string
	for _, typ := range []string{typeIngressRule, typeEgressRule} {
		for _, r := range ix.byType[typ] {
			if what, ok := groups[str(r.Inputs, "securityGroupId")]; ok {
				onPlatform = append(onPlatform, fmt.Sprintf("%s on %s", r.Name, what))
			}
		}
	}
	return adds, onPlatform
}

// Elastic Load Balancing quotas an ALB meets first ("Rules per
// Application Load Balancer", default actions not counted, and "Target
// groups per Application Load Balancer"; BRIEF fact 18).
const (
	albRuleQuota        = 100
	albTargetGroupQuota = 100
)

// platformRoom says how much of each team block and load balancer this
// stack's rules take, and flags a team over its MaxServices.
func platformRoom(ix *index, c *components.PlatformContract) []string {
	var out []string
	for _, l := range c.LoadBalancers {
		arns := map[string]bool{}
		for _, arn := range l.Listeners {
			arns[arn] = true
		}
		inBlock := map[int]int{}
		total := 0
		for _, r := range ix.byType[typeListenerRule] {
			if !arns[str(r.Inputs, "listenerArn")] {
				continue
			}
			total++
			p, _ := num(r.Inputs, "priority")
			for i, b := range l.PriorityRanges {
				if int(p) >= b.From && int(p) <= b.To {
					inBlock[i]++
				}
			}
		}
		if total == 0 {
			continue
		}
		line := fmt.Sprintf("ALB %s: this stack's %s and target groups, of the %d rules and %d target groups an ALB holds", l.Name, plural(total, "rule"), albRuleQuota, albTargetGroupQuota)
		for i, b := range l.PriorityRanges {
			n := inBlock[i]
			if n == 0 {
				continue
			}
			line += fmt.Sprintf("; %d of the %s team's %d services", n, b.Team, b.MaxServices)
			if b.MaxServices > 0 && n > b.MaxServices {
				line += fmt.Sprintf(" (OVER: ask the platform team to raise the %s team's maxServices)", b.Team)
			}
		}
		out = append(out, line)
	}
	nonNil(&out)
	return out
}

// ownerService is the workload a resource belongs to, or "".
func ownerService(ix *index, r *awsmock.Resource) string { return workloadOf(ix, r) }

// platformEndpoints are the platform endpoints the stack's tasks use:
// every service the image pull and log endpoints, and each service those
// its secrets and ECS Exec need (BRIEF facts 1, 2 and 13).
func platformEndpoints(ix *index, c *components.PlatformContract) map[string][]string {
	out := map[string][]string{}
	use := func(e, svc string) {
		if _, ok := c.Network.Endpoints[e]; ok && !slices.Contains(out[e], svc) {
			out[e] = append(out[e], svc)
		}
	}
	// A scheduled job's tasks pull their image and write their logs too.
	for _, s := range ix.byType[typeSchedule] {
		if name := workloadOf(ix, s); name != "" {
			for _, e := range []string{"ecr.api", "ecr.dkr", "logs", "s3"} {
				use(e, name)
			}
		}
	}
	for _, svc := range ix.byType[typeEcsService] {
		name := serviceName(ix, svc)
		for _, e := range []string{"ecr.api", "ecr.dkr", "logs", "s3"} {
			use(e, name)
		}
		if on, _ := boolean(svc.Inputs, "enableExecuteCommand"); on {
			use("ssmmessages", name)
			if c.Cluster.Exec != nil && c.Cluster.Exec.KmsKeyArn != "" {
				use("kms", name)
			}
		}
		if td, ok := ix.byArn[str(svc.Inputs, "taskDefinition")]; ok {
			var defs []struct {
				Secrets []struct {
					ValueFrom string `json:"valueFrom"`
				} `json:"secrets"`
			}
			_ = json.Unmarshal([]byte(str(td.Inputs, "containerDefinitions")), &defs)
			for _, d := range defs {
				for _, s := range d.Secrets {
					switch {
					case strings.Contains(s.ValueFrom, ":secretsmanager:"):
						use("secretsmanager", name)
					case strings.Contains(s.ValueFrom, ":ssm:"):
						use("ssm", name)
					}
				}
			}
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// PlatformText renders what a service stack adds to its platform and
// what it costs on top of the platform's shared cost; "" for a stack
// that attaches to no platform.
func (p *Plan) PlatformText() string {
	ps := p.Platform
	if ps == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Platform %s (contract from %s)\n", ps.Name, ps.Source)
	if ps.Stack != "" {
		fmt.Fprintf(&b, "  attached through a stack reference to %s\n", ps.Stack)
	}
	b.WriteString("  What this stack adds to the platform:\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, a := range ps.Adds {
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", a.Service, a.Kind, a.Resource, a.Detail)
	}
	if len(ps.Adds) == 0 {
		fmt.Fprintf(tw, "    nothing\n")
	}
	tw.Flush()
	for _, r := range ps.Room {
		fmt.Fprintf(&b, "  Room: %s.\n", r)
	}
	if len(ps.PlatformGroupRules) == 0 {
		b.WriteString("  Rules on the platform's security groups: none; the tasks join its groups instead.\n")
	} else {
		fmt.Fprintf(&b, "  Rules on the platform's security groups (%d): %s\n", len(ps.PlatformGroupRules), strings.Join(ps.PlatformGroupRules, "; "))
	}
	if len(ps.Endpoints) > 0 {
		var parts []string
		for _, e := range sortedKeys(ps.Endpoints) {
			parts = append(parts, fmt.Sprintf("%s (%s)", e, strings.Join(ps.Endpoints[e], ", ")))
		}
		fmt.Fprintf(&b, "  Platform endpoints the tasks use: %s\n", strings.Join(parts, ", "))
	}
	if len(ps.Fixed) > 0 {
		b.WriteString("  Cost on top of the platform's (monthly):\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, l := range ps.Fixed {
			fmt.Fprintf(tw, "    platform %s\t%s\t  %s\n", l.Item, Money(l.Monthly), lineHow(l))
		}
		fmt.Fprintf(tw, "    platform fixed cost\t%s\t\n", Money(ps.FixedTotal))
		fmt.Fprintf(tw, "    this team's share (1/%d)\t%s\t  %s\n", ps.Teams, Money(ps.Share), ps.TeamsFrom)
		fmt.Fprintf(tw, "    this stack's own\t%s\t  the estimate above\n", Money(ps.Own))
		fmt.Fprintf(tw, "    total\t%s\t\n", Money(ps.Total))
		tw.Flush()
	}
	for _, n := range ps.Notes {
		fmt.Fprintf(&b, "  Note: %s.\n", n)
	}
	fmt.Fprintf(&b, "  Split: %s.\n", ps.Rule)
	return b.String()
}

// platformHops completes a service stack's hops with what its platform's
// own rules do, as the contract states them: the platform's groups are
// named for what they are, the way in from an ALB whose targets group
// the tasks join is open on the contract's target ports (the ALB's one
// egress rule reaches every member of that group), and each task group
// that joins the endpoint clients' group reaches the endpoints and the
// gateway endpoints' prefix lists on 443 through the platform's rules.
func platformHops(ix *index, hops []Hop, groups []SecurityGroup, c *components.PlatformContract) []Hop {
	names := platformGroups(c)
	label := func(n *Node) {
		if what, ok := names[n.Name]; ok && n.Kind == KindSecurityGroup {
			n.Label = fmt.Sprintf("%s of platform %s (%s)", what, c.Name, n.Name)
			if slices.ContainsFunc(c.LoadBalancers, func(l components.PlatformLoadBalancer) bool { return l.SecurityGroupId == n.Name }) {
				n.Roles = []string{RoleALB}
			}
			if n.Name == c.Network.EndpointSecurityGroupId {
				n.Roles = []string{RoleEndpoints}
			}
		}
	}
	byID := map[string]SecurityGroup{}
	for _, sg := range groups {
		byID[sg.ID] = sg
	}
	// joined lists, per task group, the platform groups its tasks join.
	joined := map[string][]string{}
	for _, ids := range taskGroupLists(ix) {
		for _, id := range ids {
			if sg, ok := byID[id]; ok {
				for _, other := range ids {
					if _, platform := names[other]; platform {
						joined[sg.Name] = appendNew(joined[sg.Name], other)
					}
				}
			}
		}
	}
	for i := range hops {
		h := &hops[i]
		label(&h.From)
		label(&h.To)
		if h.Open || h.Egress != "" || h.Ingress == "" {
			continue
		}
		for _, l := range c.LoadBalancers {
			if h.From.Name != l.SecurityGroupId || l.TargetSecurityGroupId == "" || !slices.Contains(joined[h.To.Name], l.TargetSecurityGroupId) {
				continue
			}
			if h.FromPort >= l.TargetPorts.From && h.ToPort <= l.TargetPorts.To {
				h.Open, h.Note = true, ""
				h.Egress = fmt.Sprintf("platform's, to ALB %s's targets group %s on %d-%d", l.Name, l.TargetSecurityGroupId, l.TargetPorts.From, l.TargetPorts.To)
			}
		}
	}
	n := c.Network
	if n.EndpointClientSecurityGroupId == "" {
		return hops
	}
	endpoints := Node{Kind: KindSecurityGroup, Name: n.EndpointSecurityGroupId, Roles: []string{RoleEndpoints},
		Label: fmt.Sprintf("endpoints of platform %s (%s)", c.Name, n.EndpointSecurityGroupId)}
	for _, sg := range groups {
		if !slices.Contains(joined[sg.Name], n.EndpointClientSecurityGroupId) {
			continue
		}
		from := sgNode(sg)
		via := fmt.Sprintf("platform's, by its endpoint clients' group %s", n.EndpointClientSecurityGroupId)
		hops = append(hops, Hop{From: from, To: endpoints, Protocol: "tcp", FromPort: 443, ToPort: 443, Egress: via, Ingress: "platform's, admitting its endpoint clients' group", Open: true})
		for _, svc := range sortedKeys(n.GatewayPrefixListIds) {
			pl := n.GatewayPrefixListIds[svc]
			hops = append(hops, Hop{From: from, To: Node{Kind: KindPrefixList, Name: pl,
				Label: fmt.Sprintf("%s prefix list %s (platform %s's gateway endpoint)", strings.ToUpper(svc), pl, c.Name)},
				Protocol: "tcp", FromPort: 443, ToPort: 443, Egress: via, Open: true})
		}
	}
	sortHops(hops)
	return hops
}
