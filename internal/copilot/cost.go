package copilot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/plan"
)

// baseInterfaceEndpoints are the interface endpoints every platform has:
// image pulls and logs (s3 is a free gateway endpoint).
var baseInterfaceEndpoints = []string{"ecr.api", "ecr.dkr", "logs"}

// interfaceEndpoints are the platform's interface endpoints: the base
// set and the ones its services need, gateway endpoints left out.
func (e *envStack) interfaceEndpoints() []string {
	out := slices.Clone(baseInterfaceEndpoints)
	if v, ok := e.platform.values["endpoints"].([]string); ok {
		for _, ep := range v {
			if !slices.Contains(network.GatewayServices, ep) && !slices.Contains(out, ep) {
				out = append(out, ep)
			}
		}
	}
	return out
}

// costSection compares, per environment, Copilot's NAT gateways with the
// platform's endpoints, from the project's price table.
func (c *converter) costSection(b *strings.Builder) {
	b.WriteString("## Cost: Copilot's NAT gateways against the platform's endpoints\n\n")
	fmt.Fprintf(b, "For tasks in private subnets, Copilot put a NAT gateway (and its Elastic IP) in each availability zone of the environment's VPC. "+
		"The platform has no NAT gateway: its tasks reach AWS through VPC endpoints, an interface endpoint per service in each zone, and the free s3 gateway endpoint. "+
		"Prices are %s's on-demand list prices from the project's price table (`%s`); only the way out of the VPC is priced, since the load balancer and the tasks cost the same either way.\n\n",
		c.opts.Region, plan.PricesFile)
	b.WriteString("| environment | zones | Copilot: NAT gateways a month | platform: interface endpoints a month | per GB: NAT / endpoints | endpoints cost less |\n|---|---|---|---|---|---|\n")
	var notes []string
	for _, e := range c.envs {
		eps := e.interfaceEndpoints()
		w, err := plan.WayOutCost(c.opts.Region, e.zones, len(eps))
		if err != nil {
			fmt.Fprintf(b, "| %s | %d | no price: %v | | | |\n", e.name, e.zones, err)
			continue
		}
		wins := "at any traffic"
		switch {
		case w.EndpointsWinAboveGb < 0:
			wins = "never"
		case w.EndpointsWinAboveGb > 0:
			wins = fmt.Sprintf("above %s GB a month", trimFloat(w.EndpointsWinAboveGb))
		}
		copilotCell := fmt.Sprintf("%s (%d × %s h)", plan.Money(w.NatMonthly), e.zones, trimFloat(w.HoursPerMonth))
		natPerGb := "$" + trimFloat(w.NatPerGb)
		if e.allPublic() {
			// Copilot made no NAT gateway here: each task had a public IP.
			var ips float64
			copilotCell, ips = c.publicIPCell(e, w.HoursPerMonth)
			natPerGb = "$0 (public IPs)"
			wins = "never: Copilot's public IPs cost less and had no per-GB charge; the endpoints buy private tasks, not a saving"
			if ips > w.EndpointsMonthly {
				wins = fmt.Sprintf("below %s GB a month: above it the endpoints' per-GB charge outweighs the public IPs, which have none", trimFloat((ips-w.EndpointsMonthly)/w.EndpointsPerGb))
			}
		}
		fmt.Fprintf(b, "| %s | %d | %s | %s (%d endpoints: %s) | %s / $%s | %s |\n",
			e.name, e.zones, copilotCell, plan.Money(w.EndpointsMonthly),
			len(eps), strings.Join(eps, ", "), natPerGb, trimFloat(w.EndpointsPerGb), wins)
		notes = append(notes, c.costNote(e), c.endpointNote(e))
	}
	b.WriteString("\n")
	for _, n := range notes {
		if n != "" {
			b.WriteString("- " + n + "\n")
		}
	}
	b.WriteString("- The zones: " + c.zoneNote() + "\n\n")
}

// costNote says what Copilot's environment really had, when it was not
// NAT gateways.
func (c *converter) costNote(e *envStack) string {
	switch {
	case e.adopted:
		return fmt.Sprintf("%s: Copilot imported this VPC and added no NAT gateway to it; the NAT column is what a private layout of its own would cost, and whatever NAT the VPC has stays its owner's.", e.name)
	case e.allPublic():
		return fmt.Sprintf("%s: every service was placed in public subnets (%s), so Copilot made no NAT gateway ($0 in the NAT column) and gave each task a public IP instead ($%s an hour each, priced for the services' desired tasks; a scheduled job's tasks had one only while they ran); the platform keeps every task private and pays for its endpoints instead.",
			e.name, strings.Join(slices.Compact(slices.Sorted(slices.Values(e.publicPlacement))), ", "), c.ipv4Hour())
	case len(e.publicPlacement) > 0:
		return fmt.Sprintf("%s: Copilot also ran %s in public subnets, with a public IP per task; the platform runs every task in private subnets.",
			e.name, strings.Join(slices.Compact(slices.Sorted(slices.Values(e.publicPlacement))), ", "))
	}
	return ""
}

// allPublic tells that Copilot placed every service of e in public
// subnets of a VPC of its own, so it made no NAT gateway.
func (e *envStack) allPublic() bool {
	return !e.adopted && len(e.privatePlacement) == 0 && len(e.publicPlacement) > 0
}

// publicIPCell prices Copilot's way out for an environment with no NAT
// gateway: a public IPv4 address per desired task of its services (jobs
// left out: their tasks run only now and then).
func (c *converter) publicIPCell(e *envStack, hours float64) (string, float64) {
	tasks := 0
	for _, s := range e.services {
		if s.kind == "job" || !slices.Contains(e.publicPlacement, s.m.Name) {
			continue
		}
		n, ok := s.cfg.values["desiredCount"].(int)
		if !ok {
			n = 1
		}
		tasks += n
	}
	t, err := plan.Prices()
	rp, ok := t.Regions[c.opts.Region]
	if err != nil || !ok || rp.PublicIpv4Hour == 0 {
		return fmt.Sprintf("$0.00 NAT; public IPs for %d %s, not priced (no public IPv4 price for %s in the price table)", tasks, plural(tasks, "task", "tasks"), c.opts.Region), 0
	}
	monthly := float64(tasks) * rp.PublicIpv4Hour * hours
	return fmt.Sprintf("$0.00 NAT; %s public IPs (%d %s × $%s × %s h)", plan.Money(monthly), tasks, plural(tasks, "task", "tasks"), trimFloat(rp.PublicIpv4Hour), trimFloat(hours)), monthly
}

// endpointNote says what one more interface endpoint costs in e, and
// which services need the ones beyond the base set, so a reader sees
// what a feature costs.
func (c *converter) endpointNote(e *envStack) string {
	one, err := plan.WayOutCost(c.opts.Region, e.zones, 1)
	if err != nil {
		return ""
	}
	why := "none"
	if _, ok := e.platform.values["endpoints"]; ok {
		for _, g := range e.platform.generated {
			if g.key == "endpoints" {
				why = strings.TrimPrefix(g.why, "what the services need beyond ecr.api, ecr.dkr, logs and s3: ")
			}
		}
	}
	return fmt.Sprintf("%s: each interface endpoint costs %s a month in its %d zones; beyond ecr.api, ecr.dkr, logs and s3 the services need %s. Turning a feature off (ECS Exec, tracing, a secret's store) drops its endpoint.",
		e.name, plan.Money(one.EndpointsMonthly), e.zones, why)
}

// zoneNote says where each environment's zone count came from.
func (c *converter) zoneNote() string {
	var parts []string
	for _, e := range c.envs {
		parts = append(parts, fmt.Sprintf("%s, %s", e.name, e.zonesFrom))
	}
	return strings.Join(parts, "; ") + "."
}

// ipv4Hour is the region's public IPv4 address price.
func (c *converter) ipv4Hour() string {
	t, err := plan.Prices()
	if err != nil {
		return "?"
	}
	if rp, ok := t.Regions[c.opts.Region]; ok {
		return trimFloat(rp.PublicIpv4Hour)
	}
	return "?"
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.4f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
