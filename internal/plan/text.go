package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Text renders the plan for a person: config, resource tree, traffic
// paths, endpoints and cost.
func (p *Plan) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Offline plan for stack %s of project %s\n", p.Stack, p.Project)
	zones := strings.Join(p.AvailabilityZones, ", ")
	if zones == "" && p.Platform != nil && len(p.Platform.Zones) > 0 {
		zones = fmt.Sprintf("%s (the platform's)", strings.Join(p.Platform.Zones, ", "))
	}
	if zones == "" && p.ZoneCount > 0 {
		zones = fmt.Sprintf("%d (the subnets are not registered; counted from the ALB's and endpoints' subnets)", p.ZoneCount)
	}
	fmt.Fprintf(&b, "Region %s, zones %s. Run under mocks: no AWS account, no Pulumi CLI.\n", orNone(p.Region), orNone(zones))
	if len(p.Assumed) > 0 {
		b.WriteString("Assumed, since the account is not read:\n")
		for _, a := range p.Assumed {
			fmt.Fprintf(&b, "  - %s\n", a)
		}
	}

	b.WriteString("\n")
	p.writeConfig(&b)
	b.WriteString("\n")
	p.writeTree(&b)
	b.WriteString("\n")
	p.writePaths(&b)
	if len(p.Services) > 1 {
		b.WriteString("\n")
		p.writeServicePaths(&b)
	}
	if p.ServiceConnect != nil {
		b.WriteString("\n")
		p.writeServiceConnect(&b)
	}
	b.WriteString("\n")
	p.writeContainers(&b)
	b.WriteString("\n")
	p.writeLoadBalancers(&b)
	b.WriteString("\n")
	p.writeEndpoints(&b)
	b.WriteString("\n")
	if len(p.CacheRules) > 0 {
		p.writeCache(&b)
		b.WriteString("\n")
	}
	p.writeLogs(&b)
	b.WriteString("\n")
	p.writeKeys(&b)
	b.WriteString("\n")
	p.writeOperations(&b)
	b.WriteString("\n")
	if len(p.Queues) > 0 {
		p.writeQueues(&b)
		b.WriteString("\n")
	}
	if len(p.Schedules) > 0 {
		p.writeSchedules(&b)
		b.WriteString("\n")
	}
	b.WriteString(p.CostText())
	if p.Cost != nil && len(p.Services) > 1 {
		b.WriteString("\n")
		b.WriteString(p.ServiceCostText())
	}
	// A service stack's endpoints are its platform's, and so is the
	// break-even of sharing them: its platform section says what it uses.
	if p.Cost != nil && p.Cost.BreakEven != nil && p.Platform == nil {
		b.WriteString("\n")
		b.WriteString(p.BreakEvenText())
	}
	if p.Platform != nil {
		b.WriteString("\n")
		b.WriteString(p.PlatformText())
	}
	return b.String()
}

// writeServicePaths lists each service's hops: where its tasks run, and
// the hops that carry its traffic.
func (p *Plan) writeServicePaths(b *strings.Builder) {
	b.WriteString("Traffic paths by service (a hop is a service's when its tasks or instances are one end; the way in through an ALB is every service's behind it)\n")
	for _, s := range p.Services {
		fmt.Fprintf(b, "  %s: %s", s.Name, placementText(s))
		if len(s.LoadBalancers) > 0 {
			fmt.Fprintf(b, ", behind %s", strings.Join(s.LoadBalancers, ", "))
		}
		b.WriteString("\n")
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		n := 0
		for _, h := range p.Hops {
			if slices.Contains(h.Services, s.Name) {
				fmt.Fprintf(tw, "    %s -> %s\t%s\t%s%s\n", h.From.Label, h.To.Label, h.Ports(), h.Rules(), hopMark(h))
				n++
			}
		}
		if n == 0 {
			fmt.Fprintf(tw, "    (no security group rule carries its traffic)\n")
		}
		tw.Flush()
	}
	// Scheduled jobs run tasks with no ECS service: their hops follow.
	var jobs []string
	for _, h := range p.Hops {
		for _, s := range h.Services {
			if !slices.ContainsFunc(p.Services, func(svc Service) bool { return svc.Name == s }) {
				jobs = appendNew(jobs, s)
			}
		}
	}
	sort.Strings(jobs)
	for _, j := range jobs {
		fmt.Fprintf(b, "  %s: scheduled job, its tasks started by its schedule\n", j)
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		for _, h := range p.Hops {
			if slices.Contains(h.Services, j) {
				fmt.Fprintf(tw, "    %s -> %s\t%s\t%s%s\n", h.From.Label, h.To.Label, h.Ports(), h.Rules(), hopMark(h))
			}
		}
		tw.Flush()
	}
	var none []string
	for _, h := range p.Hops {
		if len(h.Services) == 0 {
			none = append(none, fmt.Sprintf("%s -> %s on %s", h.From.Label, h.To.Label, h.Ports()))
		}
	}
	if len(none) == 0 {
		b.WriteString("  Hops of no service: none.\n")
	} else {
		fmt.Fprintf(b, "  Hops of no service: %s.\n", strings.Join(none, "; "))
	}
}

// placementText says how many tasks run where: "1 task on FARGATE_SPOT".
func placementText(s Service) string {
	var parts []string
	for _, pt := range s.Placement {
		if pt.Tasks > 0 {
			parts = append(parts, fmt.Sprintf("%d on %s", pt.Tasks, pt.Provider))
		}
	}
	text := plural(s.DesiredCount, "task")
	switch {
	case len(parts) == 1:
		text += strings.TrimPrefix(parts[0], fmt.Sprint(s.DesiredCount))
	case len(parts) > 1:
		text += " (" + strings.Join(parts, ", ") + ")"
	}
	if len(s.InstanceGroups) > 0 {
		text += " (EC2 instances of " + strings.Join(s.InstanceGroups, ", ") + ")"
	}
	return text
}

func hopMark(h Hop) string {
	switch {
	case h.Flag != "":
		return "  FLAGGED"
	case h.AwaitsMembers:
		return "  AWAITS MEMBERS"
	case !h.Open:
		return "  DROPPED"
	}
	return ""
}

// ServiceCostText renders the planned estimate split between the
// services, and the rule of the split.
func (p *Plan) ServiceCostText() string {
	var b strings.Builder
	c := p.Cost
	b.WriteString("Monthly cost per service (the as-planned lines above, split between the services)\n")
	var cols []string
	for _, col := range shareOrder {
		for _, sc := range c.Services {
			if _, ok := sc.Shares[col]; ok {
				cols = append(cols, col)
				break
			}
		}
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	cell := func(col, v string) string { return fmt.Sprintf("%*s", max(len(col), 9), v) }
	fmt.Fprintf(tw, "  service")
	for _, col := range append(cols, "total") {
		fmt.Fprintf(tw, "\t%s", cell(col, col))
	}
	fmt.Fprintf(tw, "\n")
	sums := map[string]float64{}
	var total float64
	for _, sc := range c.Services {
		fmt.Fprintf(tw, "  %s", sc.Service)
		for _, col := range cols {
			v, ok := sc.Shares[col]
			sums[col] += v
			if ok {
				fmt.Fprintf(tw, "\t%s", cell(col, Money(v)))
			} else {
				fmt.Fprintf(tw, "\t%s", cell(col, "-"))
			}
		}
		total += sc.Total
		fmt.Fprintf(tw, "\t%s\n", cell("total", Money(sc.Total)))
	}
	fmt.Fprintf(tw, "  all")
	for _, col := range cols {
		fmt.Fprintf(tw, "\t%s", cell(col, Money(sums[col])))
	}
	fmt.Fprintf(tw, "\t%s\n", cell("total", Money(total)))
	tw.Flush()
	if planned := c.Estimates[0].Total; Money(planned) != Money(total) {
		fmt.Fprintf(&b, "  The shares add up to the lines above to the cent (%s); the estimate's total, %s, adds them unrounded.\n", Money(total), Money(planned))
	}
	fmt.Fprintf(&b, "  Rule: %s.\n", c.ShareRule)
	return b.String()
}

// BreakEvenText renders the break-even table against NAT as services are
// added, and its rule.
func (p *Plan) BreakEvenText() string {
	var b strings.Builder
	be := p.Cost.BreakEven
	fmt.Fprintf(&b, "Break-even against NAT as services are added (fixed monthly cost of the way out of the VPC, %s, %s h)\n", plural(be.Zones, "AZ"), fmtNum(p.Cost.HoursPerMonth))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  services\tadded\tinterface endpoints\t%9s\tper service\town VPC + NAT\town VPC + endpoints\tshared endpoints cheaper than NAT\n", "shared")
	for _, r := range be.Rows {
		wins := "at any traffic"
		switch {
		case r.WinsAboveGb < 0:
			wins = "never"
		case r.WinsAboveGb > 0:
			wins = fmt.Sprintf("above %s GB a month", fmtNum(r.WinsAboveGb))
		}
		fmt.Fprintf(tw, "  %8d\t%s\t%19d\t%9s\t%11s\t%13s\t%19s\t%s\n", r.Services, r.Added, r.SharedEndpoints, Money(r.Shared), Money(r.PerService), Money(r.OwnNat), Money(r.OwnEndpoints), wins)
	}
	tw.Flush()
	fmt.Fprintf(&b, "  Rule: %s.\n", be.Rule)
	for _, n := range be.Notes {
		fmt.Fprintf(&b, "  %s\n", n)
	}
	return b.String()
}

func (p *Plan) writeConfig(b *strings.Builder) {
	fmt.Fprintf(b, "Config set by Pulumi.%s.yaml (%d more keys take their Pulumi.yaml defaults; --json shows all)\n", p.Stack, len(p.Config)-len(p.StackKeys))
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, k := range p.StackKeys {
		fmt.Fprintf(tw, "  %s\t%s\n", k, p.Config[k])
	}
	tw.Flush()
}

func (p *Plan) writeTree(b *strings.Builder) {
	fmt.Fprintf(b, "Resources (%d)\n", len(p.Resources))
	var walk func(n *TreeNode, indent string)
	walk = func(n *TreeNode, indent string) {
		fmt.Fprintf(b, "%s%s  %s", indent, n.Name, n.Type)
		if n.Descendants > 0 {
			fmt.Fprintf(b, "  (%d children)", n.Descendants)
		}
		b.WriteString("\n")
		lw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		for _, c := range n.Counts {
			fmt.Fprintf(lw, "%s  %3d  %s\t%s\n", indent, c.Count, c.Type, strings.Join(c.Names, ", "))
		}
		lw.Flush()
		for _, c := range n.Children {
			if len(c.Children) > 0 {
				walk(c, indent+"  ")
			}
		}
	}
	for _, n := range p.Tree {
		walk(n, "  ")
	}
}

func (p *Plan) writePaths(b *strings.Builder) {
	b.WriteString("Traffic paths (from the security group rules)\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	var flagged, dropped, awaiting []Hop
	for _, h := range p.Hops {
		mark := ""
		switch {
		case h.Flag != "":
			mark = "  FLAGGED"
			flagged = append(flagged, h)
		case h.AwaitsMembers:
			mark = "  AWAITS MEMBERS"
			awaiting = append(awaiting, h)
		case !h.Open:
			mark = "  DROPPED"
			dropped = append(dropped, h)
		}
		fmt.Fprintf(tw, "  %s -> %s\t%s\t%s%s\n", h.From.Label, h.To.Label, h.Ports(), h.Rules(), mark)
	}
	if len(p.Hops) == 0 {
		fmt.Fprintf(tw, "  (no security group rules)\n")
	}
	tw.Flush()
	if len(flagged) == 0 {
		b.WriteString("  Flagged: none; only ALB listener ports are open to 0.0.0.0/0 and ::/0.\n")
	}
	for _, h := range flagged {
		fmt.Fprintf(b, "  FLAGGED: %s\n", h.Flag)
	}
	for _, h := range dropped {
		fmt.Fprintf(b, "  DROPPED: %s -> %s on %s: %s\n", h.From.Label, h.To.Label, h.Ports(), h.Note)
	}
	for _, h := range awaiting {
		fmt.Fprintf(b, "  AWAITS MEMBERS: %s -> %s on %s: %s\n", h.From.Label, h.To.Label, h.Ports(), h.Note)
	}
}

func (p *Plan) writeEndpoints(b *strings.Builder) {
	fmt.Fprintf(b, "VPC endpoints (%d)\n", len(p.Endpoints))
	if len(p.Endpoints) == 0 {
		b.WriteString("  none registered by this stack\n")
		return
	}
	var rows strings.Builder
	tw := tabwriter.NewWriter(&rows, 0, 0, 2, ' ', 0)
	for _, e := range p.Endpoints {
		where := ""
		switch {
		case e.Resource == "":
			where = "not registered"
		case e.Type == "Interface":
			where = fmt.Sprintf("%s, %s", e.Resource, plural(e.Zones, "AZ"))
		default:
			where = fmt.Sprintf("%s, %s", e.Resource, plural(e.RouteTables, "route table"))
			if e.PrefixList != "" {
				where += ", prefix list " + e.PrefixList
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.Service, e.Type, e.ServiceName, where)
	}
	tw.Flush()
	// The reasons go under each row, outside the table's columns.
	for i, line := range strings.SplitAfter(strings.TrimSuffix(rows.String(), "\n"), "\n") {
		b.WriteString(strings.TrimSuffix(line, "\n") + "\n")
		e := p.Endpoints[i]
		for _, r := range e.Reasons {
			fmt.Fprintf(b, "      why: %s\n", r)
		}
		switch {
		case len(e.NeededBy) == 0:
			b.WriteString("      needed by: no service named (counted for every service)\n")
		case e.NeededByMore > 0:
			fmt.Fprintf(b, "      needed by: %s and %d more (counted for every service)\n", strings.Join(e.NeededBy, ", "), e.NeededByMore)
		default:
			fmt.Fprintf(b, "      needed by: %s\n", strings.Join(e.NeededBy, ", "))
		}
	}
}

// CostText renders the estimate beside its NAT alternative, the traffic
// rates and the assumptions; or the note saying why there is none.
func (p *Plan) CostText() string {
	var b strings.Builder
	c := p.Cost
	if c == nil {
		fmt.Fprintf(&b, "Estimated monthly cost: none; %s.\n", p.CostNote)
		return b.String()
	}
	fmt.Fprintf(&b, "Estimated monthly cost in %s (%s h a month, list prices read %s)\n", c.Region, fmtNum(c.HoursPerMonth), c.PricesReadOn)
	planned, nat := c.Estimates[0], c.Estimates[1]
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  item\t%10s\t%10s\thow\n", planned.Name, nat.Name)
	for _, row := range costRows(planned, nat) {
		pl, inPlanned := row.planned, row.planned != nil
		nl, inNat := row.nat, row.nat != nil
		var how []string
		if inPlanned {
			how = append(how, lineHow(*pl))
		}
		if inNat && (!inPlanned || lineHow(*nl) != lineHow(*pl)) {
			how = append(how, nat.Name+": "+lineHow(*nl))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", row.label, amountOf(pl), amountOf(nl), strings.Join(how, "; "))
	}
	fmt.Fprintf(tw, "  total\t%10s\t%10s\n", Money(planned.Total), Money(nat.Total))
	tw.Flush()
	for _, e := range c.Estimates {
		for _, m := range e.Missing {
			fmt.Fprintf(&b, "  not priced (%s): %s\n", e.Name, m)
		}
	}
	for _, r := range c.Scaling {
		fmt.Fprintf(&b, "  Autoscaling range: %s.\n", r.Text())
	}
	fmt.Fprintf(&b, "  %s\n", c.Comparison())
	rates := make([]string, len(c.TrafficRates))
	for i, r := range c.TrafficRates {
		rates[i] = fmt.Sprintf("%s %s/%s", r.Item, fmtRate(r.Rate), r.Unit)
	}
	fmt.Fprintf(&b, "  Traffic-dependent, not estimated: %s.\n", strings.Join(rates, "; "))
	if len(c.NotPriced) > 0 {
		fmt.Fprintf(&b, "  Not priced: %s.\n", strings.Join(c.NotPriced, "; "))
	}
	for _, a := range c.Assumptions {
		fmt.Fprintf(&b, "  Assumption: %s.\n", a)
	}
	for _, u := range c.Unconfirmed {
		fmt.Fprintf(&b, "  Unconfirmed price: %s\n", u)
	}
	for _, s := range c.Sources {
		fmt.Fprintf(&b, "  Prices: %s.\n", s)
	}
	return b.String()
}

// Comparison says in one sentence how the two designs differ.
func (c *Cost) Comparison() string {
	planned, nat := c.Estimates[0], c.Estimates[1]
	var gbEndpoint, gbNat float64
	for _, r := range c.TrafficRates {
		switch r.Item {
		case "Interface endpoint data processed":
			gbEndpoint = r.Rate
		case "NAT gateway data processed":
			gbNat = r.Rate
		}
	}
	diff := nat.Total - planned.Total
	switch {
	case diff > 0.005:
		return fmt.Sprintf("With NAT gateways instead, the fixed cost is %s a month higher, and each GB the tasks pull costs %s through NAT against %s through an interface endpoint.",
			Money(diff), fmtRate(gbNat), fmtRate(gbEndpoint))
	case diff < -0.005:
		return fmt.Sprintf("With NAT gateways instead, the fixed cost is %s a month lower, but each GB the tasks pull costs %s through NAT against %s through an interface endpoint.",
			Money(-diff), fmtRate(gbNat), fmtRate(gbEndpoint))
	}
	return fmt.Sprintf("Both designs have the same fixed cost; each GB costs %s through NAT against %s through an interface endpoint.", fmtRate(gbNat), fmtRate(gbEndpoint))
}

// lineItems lists every item of the estimates in print order.
func lineItems(es []Estimate) []string {
	order := map[string]int{}
	for i, item := range []string{ItemALB, ItemInterfaceEndpoint, ItemGatewayEndpoint, ItemNAT, ItemPublicIPv4,
		ItemFargateVcpu, ItemFargateMemory, ItemSpotVcpu, ItemSpotMemory, ItemServiceConnect, ItemJobRuns, ItemStateMachine, ItemAlarms} {
		order[item] = i
	}
	var items []string
	seen := map[string]bool{}
	for _, e := range es {
		for _, l := range e.Lines {
			if !seen[l.Item] {
				seen[l.Item] = true
				items = append(items, l.Item)
			}
		}
	}
	rank := func(item string) int {
		if r, ok := order[item]; ok {
			return r
		}
		return len(order)
	}
	sort.SliceStable(items, func(i, j int) bool { return rank(items[i]) < rank(items[j]) })
	return items
}

func lineHow(l CostLine) string {
	if l.Rate == 0 {
		return l.Detail
	}
	s := fmt.Sprintf("%s × %s", l.Detail, fmtRate(l.Rate))
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

func amountOf(l *CostLine) string {
	if l == nil {
		return fmt.Sprintf("%10s", "-")
	}
	return fmt.Sprintf("%10s", Money(l.Monthly))
}

// costRow is one row of the cost table: a line of the planned estimate
// and the same line of the NAT alternative, either nil where that
// estimate has none.
type costRow struct {
	label        string
	planned, nat *CostLine
}

// costRows pairs the two estimates' lines in print order. An item with
// one line in each is one row under its name; an item with several (the
// Fargate lines of several services, say) is a row per line, named by the
// item and the line's resources, paired by those resources.
func costRows(planned, nat Estimate) []costRow {
	var rows []costRow
	for _, item := range lineItems([]Estimate{planned, nat}) {
		pls, nls := planned.LinesOf(item), nat.LinesOf(item)
		if len(pls) <= 1 && len(nls) <= 1 {
			row := costRow{label: item}
			if len(pls) == 1 {
				row.planned = &pls[0]
			}
			if len(nls) == 1 {
				row.nat = &nls[0]
			}
			rows = append(rows, row)
			continue
		}
		key := func(l CostLine) string { return strings.Join(l.Resources, ", ") }
		used := make([]bool, len(nls))
		for i := range pls {
			row := costRow{label: fmt.Sprintf("%s (%s)", item, key(pls[i])), planned: &pls[i]}
			for j := range nls {
				if !used[j] && key(nls[j]) == key(pls[i]) {
					used[j], row.nat = true, &nls[j]
					break
				}
			}
			rows = append(rows, row)
		}
		for j := range nls {
			if !used[j] {
				rows = append(rows, costRow{label: fmt.Sprintf("%s (%s)", item, key(nls[j])), nat: &nls[j]})
			}
		}
	}
	return rows
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
