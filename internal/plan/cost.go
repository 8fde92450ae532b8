package plan

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Capacity providers the cost model prices as Fargate.
const (
	providerFargate     = "FARGATE"
	providerFargateSpot = "FARGATE_SPOT"
)

// Cost is the monthly estimate for a stack, and the same stack with NAT
// gateways in place of its interface endpoints.
type Cost struct {
	Region        string  `json:"region"`
	HoursPerMonth float64 `json:"hoursPerMonth"`
	PricesReadOn  string  `json:"pricesReadOn"`
	// Estimates are the stack as planned, then the NAT alternative.
	Estimates []Estimate `json:"estimates"`
	// TrafficRates are the charges that depend on traffic; they are listed,
	// not estimated.
	TrafficRates []Rate   `json:"trafficRates"`
	Assumptions  []string `json:"assumptions"`
	// NotPriced are what the stack uses that costs it nothing, or that
	// someone else pays for, with the price where there is one.
	NotPriced   []string `json:"notPriced,omitempty"`
	Unconfirmed []string `json:"unconfirmed,omitempty"`
	Sources     []string `json:"sources"`
	// Services split the planned estimate between the services by
	// ShareRule; a row "(no service)" holds what no service uses.
	Services  []ServiceCost `json:"services"`
	ShareRule string        `json:"shareRule"`
	// Scaling is each autoscaled service's monthly cost at its fewest
	// and its most tasks; the estimates price the desired count.
	Scaling []ScalingCost `json:"scaling,omitempty"`
	// BreakEven compares the shared endpoint set with a VPC per service
	// as services are added; nil with no service.
	BreakEven *BreakEven `json:"breakEven,omitempty"`
}

// Estimate is one design's monthly cost.
type Estimate struct {
	Name  string     `json:"name"`
	Lines []CostLine `json:"lines"`
	Total float64    `json:"total"`
	// Missing lists what could not be priced; Total leaves it out.
	Missing []string `json:"missing,omitempty"`
	priced  []string // the price table items used
}

// CostLine is one charge: Quantity units at Rate dollars each.
type CostLine struct {
	Item     string  `json:"item"`
	Detail   string  `json:"detail"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	Rate     float64 `json:"rate"`
	Monthly  float64 `json:"monthly"`
	// Note qualifies the rate, such as the Spot assumption.
	Note      string   `json:"note,omitempty"`
	Resources []string `json:"resources,omitempty"`
}

// Rate is a charge per unit of traffic.
type Rate struct {
	Item string  `json:"item"`
	Rate float64 `json:"rate"`
	Unit string  `json:"unit"`
}

// Cost line items, in the order they print.
const (
	ItemALB               = "ALB"
	ItemInterfaceEndpoint = "Interface endpoints"
	ItemGatewayEndpoint   = "Gateway endpoints"
	ItemNAT               = "NAT gateways"
	ItemPublicIPv4        = "Public IPv4"
	ItemFargateVcpu       = "Fargate vCPU"
	ItemFargateMemory     = "Fargate memory"
	ItemSpotVcpu          = "Fargate Spot vCPU"
	ItemSpotMemory        = "Fargate Spot memory"
	ItemEC2               = "EC2"
	ItemAlarms            = "CloudWatch alarms"
	ItemWafWebAcl         = "AWS WAF web ACLs"
	ItemWafRules          = "AWS WAF rules"
	ItemKmsKeys           = "KMS keys"
)

// Names of the two estimates.
const (
	EstimatePlanned = "as planned"
	EstimateNAT     = "NAT instead"
)

// footprint is what the cost depends on, read from the resources.
type footprint struct {
	albs       []*awsmock.Resource
	albZones   int // public IPv4 addresses the internet-facing ALBs hold
	interfaces []*awsmock.Resource
	ifaceZones int // endpoint-AZs
	gateways   []*awsmock.Resource
	nats       []*awsmock.Resource
	eips       []*awsmock.Resource
	zones      int
	services   []serviceFootprint
	groups     []groupFootprint
	// alarms are the metric alarms, alarmMetrics the metrics they read.
	alarms       []*awsmock.Resource
	alarmMetrics int
	notes        []string
	accessLogs   int // load balancers that write access logs
	wafs         []wafFootprint
	keys         []*awsmock.Resource // customer-managed KMS keys
	// jobs are the scheduled tasks, connect the Service Connect services.
	jobs    []jobFootprint
	connect connectFootprint
}

type serviceFootprint struct {
	name      string
	vcpu, gb  float64 // per task
	arch      string
	items     []StrategyItem
	placement []ProviderTasks
}

// ProviderTasks is how many of a service's tasks one capacity provider
// runs.
type ProviderTasks struct {
	Provider string `json:"provider"`
	Tasks    int    `json:"tasks"`
}

type groupFootprint struct {
	name         string
	instanceType string
	count        int
	countFrom    string
}

// estimate prices the stack and its NAT alternative. With no prices for
// the region it returns nil and a note saying so.
func estimate(ix *index, t *PriceTable, region string, zones int, svcs []Service, eps []Endpoint, scaling []ScalingTarget, alarms []Alarm,
	scds []Schedule, jobDuration time.Duration, sc *ServiceConnect) (*Cost, string) {
	if region == "" {
		return nil, "no region (aws:region) is set, so no cost is estimated"
	}
	rp, ok := t.Regions[region]
	if !ok {
		return nil, fmt.Sprintf("no prices for %s in %s; add them", region, PricesFile)
	}
	fp := readFootprint(ix, zones)
	fp.jobs = readJobs(scds, jobDuration)
	fp.connect = readConnect(sc, fp)
	c := &Cost{
		Region:        region,
		HoursPerMonth: t.HoursPerMonth,
		PricesReadOn:  t.ReadOn,
	}
	c.Estimates = []Estimate{
		price(EstimatePlanned, fp, rp, t, false),
		price(EstimateNAT, fp, rp, t, true),
	}
	c.Services = serviceShares(fp, rp, t.Global, t.HoursPerMonth, c.Estimates[0], svcs, eps, alarms, scds)
	c.Scaling = scalingCosts(ix, fp, rp, t, scaling)
	c.ShareRule = ShareRule
	if len(fp.jobs) > 0 {
		c.ShareRule = strings.Replace(ShareRule, ". Shares are in whole cents", JobShareRule+". Shares are in whole cents", 1)
	}
	c.BreakEven = breakEvenTable(svcs, eps, zones, rp, t.HoursPerMonth)
	c.TrafficRates = []Rate{
		{Item: "Interface endpoint data processed", Rate: rp.InterfaceEndpointGb, Unit: "GB"},
		{Item: "NAT gateway data processed", Rate: rp.NatGb, Unit: "GB"},
		{Item: "ALB capacity units", Rate: rp.AlbLcuHour, Unit: "LCU-hour"},
	}
	if rp.LogsIngestGb > 0 {
		c.TrafficRates = append(c.TrafficRates,
			Rate{Item: "CloudWatch Logs ingested (container logs, ECS Exec sessions, flow logs)", Rate: rp.LogsIngestGb, Unit: "GB"},
			Rate{Item: "CloudWatch Logs stored", Rate: rp.LogsStorageGbMonth, Unit: "GB-month"})
	}
	if len(fp.wafs) > 0 {
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "AWS WAF requests inspected", Rate: t.Global.WafRequestsPerMillion, Unit: "million requests"})
	}
	if len(fp.keys) > 0 {
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "KMS requests beyond the 20,000 free a month", Rate: t.Global.KmsRequestsPer10k, Unit: "10,000 requests"})
	}
	if fp.accessLogs > 0 {
		// ELB charges nothing to deliver the logs; their storage is S3's.
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "S3 storage of ALB access logs", Rate: rp.S3StandardGbMonth, Unit: "GB-month"})
	}
	cached := len(ix.byType[typePullThroughCacheRule]) > 0
	if cached && rp.EcrStorageGbMonth > 0 {
		// ECR fetches upstream images for free; the cached copies are
		// billed as private repository storage.
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "ECR storage of pull-through cached images", Rate: rp.EcrStorageGbMonth, Unit: "GB-month"})
	}
	traced := slices.ContainsFunc(svcs, func(s Service) bool { return s.Trace != nil })
	if traced && rp.XrayTracesRecordedPerMillion > 0 {
		// X-Ray bills per trace, not per hour: how many depends on the
		// traffic and the sampling, which the plan does not guess.
		c.TrafficRates = append(c.TrafficRates,
			Rate{Item: "X-Ray traces recorded", Rate: rp.XrayTracesRecordedPerMillion, Unit: "million traces"},
			Rate{Item: "X-Ray traces retrieved or scanned", Rate: rp.XrayTracesScannedPerMillion, Unit: "million traces"})
	}
	queued := len(ix.byType[typeQueue]) > 0 || slices.ContainsFunc(svcs, func(s Service) bool { return slices.Contains(s.Endpoints, "sqs") })
	if queued && rp.SqsRequestsPerMillion > 0 {
		// SQS bills per request (each 64 KB of a message is one), which
		// depends on the traffic: a rate, not a guess.
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "SQS requests to standard queues, beyond the first million a month", Rate: rp.SqsRequestsPerMillion, Unit: "million requests"})
	}
	if len(scds) > 0 && rp.SchedulerInvocationsPerMillion > 0 {
		c.TrafficRates = append(c.TrafficRates, Rate{Item: "EventBridge Scheduler invocations, beyond the first 14 million a month", Rate: rp.SchedulerInvocationsPerMillion, Unit: "million invocations"})
	}
	c.NotPriced = notPriced(ix, t.Global)
	c.Assumptions = []string{fmt.Sprintf("%g hours a month, on-demand list prices in USD, no free tier, no tax", t.HoursPerMonth)}
	if rp.LogsIngestGb == 0 {
		c.Assumptions = append(c.Assumptions, fmt.Sprintf("CloudWatch Logs ingestion and storage are not in %s for %s, so they are not listed", PricesFile, region))
	}
	if _, spot := c.Estimates[0].Line(ItemSpotVcpu); spot {
		c.Assumptions = append(c.Assumptions, fmt.Sprintf("Fargate Spot costs %s%% less than on-demand; Spot prices move, so this is not a list price", fmtNum(round(t.Assumptions.FargateSpotDiscount*100))))
	}
	if _, ok := c.Estimates[0].Line(ItemAlarms); ok {
		c.Assumptions = append(c.Assumptions, "an alarm is priced per metric it reads, so one on a metric math expression of two metrics counts two alarm metrics (CloudWatch bills per alarm metric)")
	}
	c.Assumptions = append(c.Assumptions, fp.notes...)
	for _, j := range fp.jobs {
		c.Assumptions = append(c.Assumptions, fmt.Sprintf("job %s: a run lasts %s (%s), and its runs a month are its schedule's in the year from %s, over 12", j.name, fmtDuration(j.run.duration), j.run.why, j.schedule.From))
	}
	used := map[string]bool{}
	if queued {
		used["sqsRequestsPerMillion"] = true
		if rp.SqsRequestsPerMillion == 0 {
			c.Assumptions = append(c.Assumptions, fmt.Sprintf("SQS requests are not in %s for %s, so they are not listed", PricesFile, region))
		}
	}
	if len(scds) > 0 {
		used["schedulerInvocationsPerMillion"] = true
		if rp.SchedulerInvocationsPerMillion == 0 {
			c.Assumptions = append(c.Assumptions, fmt.Sprintf("EventBridge Scheduler invocations are not in %s for %s, so they are not listed", PricesFile, region))
		}
	}
	for _, e := range c.Estimates {
		for _, item := range e.priced {
			used[item] = true
		}
	}
	if fp.accessLogs > 0 {
		used["s3StandardGbMonth"] = true
	}
	if cached {
		used["ecrStorageGbMonth"] = true
		if rp.EcrStorageGbMonth == 0 {
			c.Assumptions = append(c.Assumptions, fmt.Sprintf("ECR storage of pull-through cached images is not in %s for %s, so it is not listed", PricesFile, region))
		}
	}
	if traced {
		used["xrayTracesRecordedPerMillion"], used["xrayTracesScannedPerMillion"] = true, true
		if rp.XrayTracesRecordedPerMillion == 0 {
			c.Assumptions = append(c.Assumptions, fmt.Sprintf("X-Ray traces are not in %s for %s, so they are not listed", PricesFile, region))
		}
	}
	for _, u := range rp.Unconfirmed {
		if used[u.Item] {
			c.Unconfirmed = append(c.Unconfirmed, u.Item+": "+u.Note)
		}
	}
	c.Sources = []string{fmt.Sprintf("%s, read %s; each price names its source there", PricesFile, t.ReadOn)}
	return c, ""
}

// readFootprint finds the priced resources and the tasks and instances
// the stack runs.
func readFootprint(ix *index, zones int) footprint {
	fp := footprint{zones: zones}
	for _, lb := range ix.byType[typeLoadBalancer] {
		if t := str(lb.Inputs, "loadBalancerType"); t != "" && t != "application" {
			continue
		}
		fp.albs = append(fp.albs, lb)
		if on, _ := boolean(object(lb.Inputs, "accessLogs"), "enabled"); on {
			fp.accessLogs++
		}
		if internal, _ := boolean(lb.Inputs, "internal"); !internal {
			n := len(strs(lb.Inputs, "subnets")) + len(objects(lb.Inputs, "subnetMappings"))
			if n == 0 {
				n = zones
			}
			fp.albZones += n
		}
	}
	for _, ep := range ix.byType[typeVpcEndpoint] {
		switch str(ep.Inputs, "vpcEndpointType") {
		case "Interface":
			fp.interfaces = append(fp.interfaces, ep)
			n := len(strs(ep.Inputs, "subnetIds"))
			if n == 0 {
				n = zones
			}
			fp.ifaceZones += n
		case "Gateway", "":
			fp.gateways = append(fp.gateways, ep)
		}
	}
	fp.nats = ix.byType[typeNatGateway]
	fp.eips = ix.byType[typeEip]
	for _, svc := range ix.byType[typeEcsService] {
		fp.services = append(fp.services, serviceTasks(ix, svc, &fp))
	}
	for _, g := range ix.byType[typeAutoScaling] {
		fp.groups = append(fp.groups, instanceGroup(ix, g))
	}
	fp.wafs = readWafs(ix)
	fp.keys = ix.byType[typeKmsKey]
	fp.alarms = alarmResources(ix)
	for _, a := range fp.alarms {
		fp.alarmMetrics += alarmMetrics(a)
	}
	return fp
}

// serviceTasks reads a service's desired count, its task size and where
// ECS places its tasks.
func serviceTasks(ix *index, svc *awsmock.Resource, fp *footprint) serviceFootprint {
	s := serviceFootprint{name: svc.Name, arch: archX86}
	if td, ok := taskDefinitionOf(ix, svc); ok {
		cpu, _ := num(td.Inputs, "cpu")
		mem, _ := num(td.Inputs, "memory")
		s.vcpu, s.gb = cpu/1024, mem/1024
		if a := str(object(td.Inputs, "runtimePlatform"), "cpuArchitecture"); a != "" {
			s.arch = a
		}
	} else {
		fp.notes = append(fp.notes, fmt.Sprintf("service %s: its task definition was not found, so its tasks are not priced", svc.Name))
	}
	items, desired := strategyOf(ix, svc)
	s.items = items
	s.placement = SplitTasks(desired, items)
	for _, pt := range s.placement {
		if pt.Provider != providerFargate && pt.Provider != providerFargateSpot && pt.Tasks > 0 {
			fp.notes = append(fp.notes, fmt.Sprintf("service %s: %d task(s) on %s are paid for as the EC2 instances they run on", svc.Name, pt.Tasks, pt.Provider))
		}
	}
	return s
}

// StrategyItem is one capacity provider strategy entry.
type StrategyItem struct {
	Provider     string
	Base, Weight int
}

// SplitTasks places desired tasks the way ECS does: the provider with a
// base gets up to that many first, the rest are shared by weight, and a
// share that does not divide evenly goes to the largest remainders (the
// first entry wins a tie).
func SplitTasks(desired int, strategy []StrategyItem) []ProviderTasks {
	out := make([]ProviderTasks, len(strategy))
	left := desired
	for i, s := range strategy {
		out[i].Provider = s.Provider
		n := min(max(s.Base, 0), left)
		out[i].Tasks = n
		left -= n
	}
	total := 0
	for _, s := range strategy {
		total += max(s.Weight, 0)
	}
	if left <= 0 || total == 0 {
		return out
	}
	rem := make([]float64, len(strategy))
	given := 0
	for i, s := range strategy {
		share := float64(left) * float64(max(s.Weight, 0)) / float64(total)
		whole := int(math.Floor(share))
		out[i].Tasks += whole
		given += whole
		rem[i] = share - float64(whole)
	}
	for ; given < left; given++ {
		best := -1
		for i := range rem {
			if strategy[i].Weight > 0 && (best < 0 || rem[i] > rem[best]) {
				best = i
			}
		}
		out[best].Tasks++
		rem[best] = -1
	}
	return out
}

// instanceGroup reads an Auto Scaling group's size and instance type.
func instanceGroup(ix *index, g *awsmock.Resource) groupFootprint {
	gf := groupFootprint{name: g.Name}
	if n, ok := num(g.Inputs, "desiredCapacity"); ok {
		gf.count, gf.countFrom = int(n), "desiredCapacity"
	} else if n, ok := num(g.Inputs, "minSize"); ok {
		gf.count, gf.countFrom = int(n), "minSize"
	}
	lt := launchTemplateOf(ix, g)
	if lt != nil {
		gf.instanceType = str(lt.Inputs, "instanceType")
	}
	return gf
}

// price computes one design's lines. With nat, the interface endpoints
// are replaced by one NAT gateway per AZ, each with its Elastic IP.
func price(name string, fp footprint, rp RegionPrices, t *PriceTable, nat bool) Estimate {
	h := t.HoursPerMonth
	e := Estimate{Name: name}
	add := func(l CostLine, item string) {
		if item != "" {
			e.priced = append(e.priced, item)
		}
		l.Rate = round(l.Rate)
		l.Monthly = round(l.Quantity * l.Rate)
		e.Lines = append(e.Lines, l)
		e.Total = round(e.Total + l.Monthly)
	}
	if n := len(fp.albs); n > 0 {
		add(CostLine{Item: ItemALB, Detail: fmt.Sprintf("%s × %s h", plural(n, "ALB"), fmtNum(h)),
			Quantity: float64(n) * h, Unit: "ALB-hour", Rate: rp.AlbHour, Resources: resourceNames(fp.albs)}, "albHour")
	}
	if n := len(fp.interfaces); n > 0 && !nat {
		detail := fmt.Sprintf("%d endpoint-AZs × %s h", fp.ifaceZones, fmtNum(h))
		if fp.ifaceZones%n == 0 {
			detail = fmt.Sprintf("%s × %s × %s h", plural(n, "endpoint"), plural(fp.ifaceZones/n, "AZ"), fmtNum(h))
		}
		add(CostLine{Item: ItemInterfaceEndpoint, Detail: detail, Quantity: float64(fp.ifaceZones) * h,
			Unit: "endpoint-AZ-hour", Rate: rp.InterfaceEndpointHour, Resources: resourceNames(fp.interfaces)}, "interfaceEndpointHour")
	}
	if len(fp.gateways) > 0 {
		var svcs []string
		for _, g := range fp.gateways {
			svcs = append(svcs, shortService(str(g.Inputs, "serviceName")))
		}
		add(CostLine{Item: ItemGatewayEndpoint, Detail: strings.Join(svcs, ", ") + ": no hourly or per-GB charge",
			Unit: "endpoint-hour", Resources: resourceNames(fp.gateways)}, "")
	}
	nats, natDetail := len(fp.nats), ""
	if nat {
		nats, natDetail = fp.zones, " (one per AZ)"
	}
	if nats > 0 {
		add(CostLine{Item: ItemNAT, Detail: fmt.Sprintf("%s%s × %s h", plural(nats, "NAT gateway"), natDetail, fmtNum(h)),
			Quantity: float64(nats) * h, Unit: "NAT-hour", Rate: rp.NatHour, Resources: resourceNames(fp.nats)}, "natHour")
	}
	eips := len(fp.eips)
	if nat {
		eips = max(len(fp.eips)-len(fp.nats), 0) + nats
	}
	if addrs := fp.albZones + eips; addrs > 0 {
		var parts []string
		if fp.albZones > 0 {
			parts = append(parts, fmt.Sprintf("ALB %d, one per AZ", fp.albZones))
		}
		if eips > 0 {
			parts = append(parts, fmt.Sprintf("Elastic IPs %d", eips))
		}
		add(CostLine{Item: ItemPublicIPv4, Detail: fmt.Sprintf("%s (%s) × %s h", plural(addrs, "address"), strings.Join(parts, "; "), fmtNum(h)),
			Quantity: float64(addrs) * h, Unit: "address-hour", Rate: rp.PublicIpv4Hour}, "publicIpv4Hour")
	}
	spotShare := 1 - t.Assumptions.FargateSpotDiscount
	for _, s := range fp.services {
		rates, ok := rp.Fargate[s.arch]
		for _, pt := range s.placement {
			if pt.Tasks == 0 || (pt.Provider != providerFargate && pt.Provider != providerFargateSpot) {
				continue
			}
			if !ok {
				e.Missing = append(e.Missing, fmt.Sprintf("%s: no Fargate %s prices in %s; add them", s.name, s.arch, PricesFile))
				continue
			}
			vItem, mItem, share := ItemFargateVcpu, ItemFargateMemory, 1.0
			var vNote, mNote string
			if pt.Provider == providerFargateSpot {
				vItem, mItem, share = ItemSpotVcpu, ItemSpotMemory, spotShare
				vNote = fmt.Sprintf("assumed %s%% of on-demand %s", fmtNum(round(spotShare*100)), fmtRate(rates.VcpuHour))
				mNote = fmt.Sprintf("assumed %s%% of on-demand %s", fmtNum(round(spotShare*100)), fmtRate(rates.GbHour))
			}
			task := plural(pt.Tasks, "task")
			add(CostLine{Item: vItem, Detail: fmt.Sprintf("%s × %s vCPU (%s) × %s h", task, fmtNum(s.vcpu), s.arch, fmtNum(h)),
				Quantity: float64(pt.Tasks) * s.vcpu * h, Unit: "vCPU-hour", Rate: rates.VcpuHour * share, Note: vNote, Resources: []string{s.name}}, "fargate."+s.arch)
			add(CostLine{Item: mItem, Detail: fmt.Sprintf("%s × %s GB × %s h", task, fmtNum(s.gb), fmtNum(h)),
				Quantity: float64(pt.Tasks) * s.gb * h, Unit: "GB-hour", Rate: rates.GbHour * share, Note: mNote, Resources: []string{s.name}}, "fargate."+s.arch)
		}
	}
	if l, ok := priceConnect(fp.connect, rp, h, spotShare); ok {
		add(l, "")
	}
	for _, j := range fp.jobs {
		lines, items, missing := priceJob(j, rp, spotShare)
		for _, l := range lines {
			add(l, "")
		}
		e.priced = append(e.priced, items...)
		if missing != "" {
			e.Missing = append(e.Missing, missing)
		}
	}
	if n := len(fp.alarms); n > 0 {
		if rp.AlarmMetricMonth <= 0 {
			e.Missing = append(e.Missing, fmt.Sprintf("%s: no alarmMetricMonth price in %s; add it", plural(n, "alarm"), PricesFile))
		} else {
			add(CostLine{Item: ItemAlarms, Detail: fmt.Sprintf("%s reading %s", plural(n, "alarm"), plural(fp.alarmMetrics, "metric")),
				Quantity: float64(fp.alarmMetrics), Unit: "alarm metric-month", Rate: rp.AlarmMetricMonth, Resources: resourceNames(fp.alarms)}, "alarmMetricMonth")
		}
	}
	if n := len(fp.keys); n > 0 {
		add(CostLine{Item: ItemKmsKeys, Detail: plural(n, "customer-managed key") + " (first year: each yearly rotation adds $1 a month, for the first two rotations)",
			Quantity: float64(n), Unit: "key-month", Rate: t.Global.KmsKeyMonth, Resources: resourceNames(fp.keys)}, "")
	}
	if n := len(fp.wafs); n > 0 {
		rules := 0
		var acls []string
		for _, w := range fp.wafs {
			rules += w.rules
			acls = append(acls, w.name)
		}
		add(CostLine{Item: ItemWafWebAcl, Detail: plural(n, "web ACL"), Quantity: float64(n), Unit: "web ACL-month",
			Rate: t.Global.WafWebAclMonth, Resources: acls}, "")
		add(CostLine{Item: ItemWafRules, Detail: fmt.Sprintf("%s (a managed rule group counts as one)", plural(rules, "rule")), Quantity: float64(rules),
			Unit: "rule-month", Rate: t.Global.WafRuleMonth, Resources: acls}, "")
	}
	for _, g := range fp.groups {
		switch rate, ok := rp.Ec2[g.instanceType]; {
		case g.instanceType == "":
			e.Missing = append(e.Missing, fmt.Sprintf("%s: no instance type found in its launch template", g.name))
		case !ok:
			e.Missing = append(e.Missing, fmt.Sprintf("%s: no price for %s in %s; add it", g.name, g.instanceType, PricesFile))
		default:
			add(CostLine{Item: ItemEC2 + " " + g.instanceType, Detail: fmt.Sprintf("%s (%s) × %s h", plural(g.count, "instance"), g.countFrom, fmtNum(h)),
				Quantity: float64(g.count) * h, Unit: "instance-hour", Rate: rate, Resources: []string{g.name}}, "ec2."+g.instanceType)
		}
	}
	return e
}

// LinesOf returns every line of the estimate for an item: one per service
// for a task's items, one otherwise.
func (e Estimate) LinesOf(item string) []CostLine {
	var out []CostLine
	for _, l := range e.Lines {
		if l.Item == item {
			out = append(out, l)
		}
	}
	return out
}

// Line returns the estimate's first line for an item, if it has one.
func (e Estimate) Line(item string) (CostLine, bool) {
	for _, l := range e.Lines {
		if l.Item == item {
			return l, true
		}
	}
	return CostLine{}, false
}

func resourceNames(rs []*awsmock.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// round drops floating-point noise (0.012144000000000001) so that the
// JSON and the text show the numbers a person would write.
func round(f float64) float64 { return math.Round(f*1e9) / 1e9 }

// fmtNum prints a number without trailing zeros: 730, 0.25.
func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Money prints dollars to the cent.
func Money(f float64) string { return fmt.Sprintf("$%.2f", f) }

// fmtRate prints a unit price in full: $0.0225.
func fmtRate(f float64) string { return "$" + strconv.FormatFloat(f, 'f', -1, 64) }

// notPriced says what the stack's certificates and DNS records cost: the
// ACM public certificates nothing, the queries to alias records for an
// ALB nothing, the hosted zones they are in nothing to this stack (they
// are the account's), and the queries to the validation records the
// standard rate.
func notPriced(ix *index, g GlobalPrices) []string {
	var out []string
	if certs := resourceNames(ix.byType[typeCertificate]); len(certs) > 0 {
		out = append(out, fmt.Sprintf("ACM public %s %s: free", pluralWord(len(certs), "certificate"), strings.Join(certs, ", ")))
	}
	var zones []string
	aliases, others := 0, 0
	for _, r := range ix.byType[typeRecord] {
		if z := str(r.Inputs, "zoneId"); z != "" && !slices.Contains(zones, z) {
			zones = append(zones, z)
		}
		if len(objects(r.Inputs, "aliases")) > 0 {
			aliases++
		} else {
			others++
		}
	}
	if len(zones) == 0 {
		return out
	}
	sort.Strings(zones)
	out = append(out, fmt.Sprintf("Route 53 hosted %s %s: the account's, not this stack's (%s a month for each of the first 25 zones)",
		pluralWord(len(zones), "zone"), strings.Join(zones, ", "), Money(g.Route53HostedZoneMonth)))
	if aliases > 0 {
		out = append(out, fmt.Sprintf("queries to %s for the ALB: free", plural(aliases, "alias record")))
	}
	if others > 0 {
		out = append(out, fmt.Sprintf("queries to %s: %s per million", plural(others, "validation record"), Money(g.Route53QueriesPerMillion)))
	}
	return out
}

// pluralWord is the noun alone, plural unless n is 1.
func pluralWord(n int, noun string) string {
	return strings.TrimPrefix(plural(n, noun), fmt.Sprintf("%d ", n))
}
