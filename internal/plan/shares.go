package plan

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Columns of the cost per service, in the order they print.
const (
	ShareALB        = "ALB"
	ShareEndpoints  = "Interface endpoints"
	ShareNAT        = "NAT gateways"
	ShareIPv4       = "Public IPv4"
	ShareTasks      = "Fargate tasks"
	ShareInstances  = "EC2 instances"
	ShareAlarms     = "Alarms"
	ShareKeys       = "KMS keys"
	ShareJobs       = "Job runs"
	unattributedRow = "(no service)"
)

var shareOrder = []string{ShareALB, ShareEndpoints, ShareNAT, ShareIPv4, ShareTasks, ShareJobs, ShareInstances, ShareAlarms, ShareKeys}

// ShareRule is how the plan splits the planned estimate between services.
const ShareRule = "each service pays for its own Fargate tasks; the ALB, its web ACL and its public addresses are split evenly " +
	"between the services it forwards to; each interface endpoint between the services its needed-by tag names " +
	"(every service when it names none or was cut short); NAT gateways and their addresses between all services; " +
	"an EC2 group between the services its capacity provider runs tasks for; each alarm is its service's; KMS keys between all services; gateway endpoints are free. " +
	"Shares are in whole cents, and a cent that does not divide evenly goes to the first services by name"

// JobShareRule is what ShareRule adds for a stack with scheduled jobs.
const JobShareRule = "; a scheduled job is a row of its own, which pays for its runs and its state machine's transitions"

// ServiceCost is one service's share of the planned monthly estimate.
type ServiceCost struct {
	Service string `json:"service"`
	// Shares are the service's part of each column (ShareALB, ...), in
	// dollars; a column it has no part of is absent.
	Shares map[string]float64 `json:"shares"`
	Total  float64            `json:"total"`
}

// shareBook adds up cents per service and column.
type shareBook struct {
	services []string // names, sorted
	extra    []string // rows after the services: the jobs
	cents    map[string]map[string]int64
}

func newShareBook(services []Service) *shareBook {
	b := &shareBook{cents: map[string]map[string]int64{}}
	for _, s := range services {
		b.services = append(b.services, s.Name)
	}
	return b
}

// split gives each of the named services an even part of dollars, in
// whole cents; with no service it goes to the unattributed row.
func (b *shareBook) split(column string, dollars float64, names []string) {
	cents := int64(math.Round(dollars * 100))
	if cents == 0 {
		return
	}
	if len(names) == 0 {
		names = []string{unattributedRow}
	}
	names = slices.Sorted(slices.Values(names))
	each, rest := cents/int64(len(names)), cents%int64(len(names))
	for i, n := range names {
		c := each
		if int64(i) < rest {
			c++
		}
		if b.cents[n] == nil {
			b.cents[n] = map[string]int64{}
		}
		b.cents[n][column] += c
	}
}

// rows are the services (and the unattributed row, if used) in name order.
func (b *shareBook) rows() []ServiceCost {
	names := append(slices.Clone(b.services), slices.Sorted(slices.Values(b.extra))...)
	if _, ok := b.cents[unattributedRow]; ok {
		names = append(names, unattributedRow)
	}
	out := make([]ServiceCost, 0, len(names))
	for _, n := range names {
		sc := ServiceCost{Service: n, Shares: map[string]float64{}}
		var total int64
		for col, c := range b.cents[n] {
			sc.Shares[col] = float64(c) / 100
			total += c
		}
		sc.Total = float64(total) / 100
		out = append(out, sc)
	}
	return out
}

// serviceShares splits the planned estimate between the services by
// ShareRule, reading who uses what from the registered resources.
func serviceShares(fp footprint, rp RegionPrices, g GlobalPrices, h float64, planned Estimate, svcs []Service, eps []Endpoint, alarms []Alarm, scds []Schedule) []ServiceCost {
	wafMonth := func(w wafFootprint) float64 { return g.WafWebAclMonth + float64(w.rules)*g.WafRuleMonth }
	b := newShareBook(svcs)
	all := b.services
	// A job's runs are its own row, after the services: it shares in no
	// service's cost, and no service in its runs.
	for _, j := range fp.jobs {
		if !slices.Contains(b.services, j.name) {
			b.extra = append(b.extra, j.name)
		}
		for _, l := range planned.Lines {
			if (l.Item == ItemJobRuns || l.Item == ItemStateMachine) && slices.Equal(l.Resources, []string{j.name}) {
				b.split(ShareJobs, l.Monthly, []string{j.name})
			}
		}
	}
	behind := func(lb string) []string {
		var names []string
		for _, s := range svcs {
			if slices.Contains(s.LoadBalancers, lb) {
				names = append(names, s.Name)
			}
		}
		return names
	}
	for _, lb := range fp.albs {
		names := behind(lb.Name)
		b.split(ShareALB, h*rp.AlbHour, names)
		if internal, _ := boolean(lb.Inputs, "internal"); !internal {
			n := len(strs(lb.Inputs, "subnets")) + len(objects(lb.Inputs, "subnetMappings"))
			if n == 0 {
				n = fp.zones
			}
			b.split(ShareIPv4, float64(n)*h*rp.PublicIpv4Hour, names)
		}
	}
	for _, w := range fp.wafs {
		// A web ACL guards one ALB: its services share it as they share
		// the ALB.
		b.split(ShareALB, wafMonth(w), behind(w.alb))
	}
	byResource := map[string]Endpoint{}
	for _, e := range eps {
		byResource[e.Resource] = e
	}
	for _, ep := range fp.interfaces {
		zones := len(strs(ep.Inputs, "subnetIds"))
		if zones == 0 {
			zones = fp.zones
		}
		e := byResource[ep.Name]
		var names []string
		for _, s := range svcs {
			if e.neededBy(s.Name) {
				names = append(names, s.Name)
			}
		}
		b.split(ShareEndpoints, float64(zones)*h*rp.InterfaceEndpointHour, names)
	}
	b.split(ShareNAT, float64(len(fp.nats))*h*rp.NatHour, all)
	b.split(ShareKeys, float64(len(fp.keys))*g.KmsKeyMonth, all)
	b.split(ShareIPv4, float64(len(fp.eips))*h*rp.PublicIpv4Hour, all)
	for _, s := range svcs {
		for _, l := range planned.Lines {
			if isFargateItem(l.Item) && slices.Equal(l.Resources, []string{s.Resource}) {
				b.split(ShareTasks, l.Monthly, []string{s.Name})
			}
		}
	}
	for _, l := range planned.Lines {
		if !strings.HasPrefix(l.Item, ItemEC2+" ") || len(l.Resources) != 1 {
			continue
		}
		var names []string
		for _, s := range svcs {
			if slices.Contains(s.InstanceGroups, l.Resources[0]) {
				names = append(names, s.Name)
			}
		}
		b.split(ShareInstances, l.Monthly, names)
	}
	if _, priced := planned.Line(ItemAlarms); priced {
		for _, a := range alarms {
			var names []string
			if slices.Contains(b.services, a.Service) {
				names = []string{a.Service}
			}
			b.split(ShareAlarms, float64(a.AlarmMetricCount())*rp.AlarmMetricMonth, names)
		}
	}
	return b.rows()
}

func isFargateItem(item string) bool {
	switch item {
	case ItemFargateVcpu, ItemFargateMemory, ItemSpotVcpu, ItemSpotMemory:
		return true
	}
	return false
}

// BreakEven compares, as services are added one by one, the way out of
// the VPC this stack has (one shared endpoint set) with giving each
// service a VPC of its own: with NAT gateways, or with its own endpoints.
type BreakEven struct {
	Rule string `json:"rule"`
	// Zones is the AZ count every design is priced for.
	Zones int            `json:"zones"`
	Rows  []BreakEvenRow `json:"rows"`
	Notes []string       `json:"notes"`
}

// BreakEvenRow is the fixed monthly cost of the way out with the first
// Services services.
type BreakEvenRow struct {
	Services int    `json:"services"`
	Added    string `json:"added"`
	// SharedEndpoints is how many interface endpoints the services so far
	// need, and Shared their monthly cost in this VPC, PerService that
	// split evenly.
	SharedEndpoints int     `json:"sharedEndpoints"`
	Shared          float64 `json:"shared"`
	PerService      float64 `json:"perService"`
	// OwnNat is each service in a VPC of its own with one NAT gateway and
	// Elastic IP per AZ and no interface endpoints.
	OwnNat float64 `json:"ownNat"`
	// OwnEndpoints is each service in a VPC of its own with the interface
	// endpoints it needs.
	OwnEndpoints float64 `json:"ownEndpoints"`
	// WinsAboveGb is the monthly traffic above which the shared endpoints
	// cost less than the NAT gateways; 0 when they cost less at any
	// traffic, -1 when they never do.
	WinsAboveGb float64 `json:"winsAboveGb"`
}

// BreakEvenRule says how the table is made.
const BreakEvenRule = "services are added in name order; the shared column is the interface endpoints the services so far need " +
	"(their needed-by tags), in this VPC's AZs; \"own VPC + NAT\" gives each service a VPC with one NAT gateway and Elastic IP per AZ " +
	"and no interface endpoints; \"own VPC + endpoints\" gives each its own endpoint set. Only the way out of the VPC is priced: " +
	"the ALB, tasks and instances are left out (separate VPCs would each need an ALB too), and the s3 gateway endpoint is free in every design"

// breakEvenTable builds the table from the registered endpoints and the
// services' names.
func breakEvenTable(svcs []Service, eps []Endpoint, zones int, rp RegionPrices, h float64) *BreakEven {
	if len(svcs) == 0 {
		return nil
	}
	be := &BreakEven{Rule: BreakEvenRule, Zones: zones}
	endpointMonth := func(e Endpoint) float64 {
		z := e.Zones
		if z == 0 {
			z = zones
		}
		return float64(z) * h * rp.InterfaceEndpointHour
	}
	natFixed := natMonth(rp, zones, h)
	perGb := rp.NatGb - rp.InterfaceEndpointGb
	used := map[string]bool{}
	var own float64
	for i, s := range svcs {
		for _, e := range eps {
			if e.Type != "Interface" || !e.neededBy(s.Name) {
				continue
			}
			own += endpointMonth(e)
			used[e.Resource] = true
		}
		row := BreakEvenRow{Services: i + 1, Added: s.Name, OwnNat: round2(float64(i+1) * natFixed), OwnEndpoints: round2(own)}
		for _, e := range eps {
			if used[e.Resource] {
				row.SharedEndpoints++
				row.Shared += endpointMonth(e)
			}
		}
		row.Shared = round2(row.Shared)
		row.PerService = round2(row.Shared / float64(i+1))
		switch {
		case row.Shared <= row.OwnNat:
		case perGb > 0:
			row.WinsAboveGb = math.Round((row.Shared - row.OwnNat) / perGb)
		default:
			row.WinsAboveGb = -1
		}
		be.Rows = append(be.Rows, row)
	}
	be.Notes = []string{fmt.Sprintf("Per GB the tasks send out, an interface endpoint charges %s and a NAT gateway %s; the table is the fixed cost before traffic.",
		fmtRate(rp.InterfaceEndpointGb), fmtRate(rp.NatGb))}
	return be
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
