package copilot

import (
	"net/netip"
	"slices"
)

// Copilot's own default for an environment it makes a VPC for: two
// availability zones (environment manifest, network.vpc.subnets: zones
// are assigned in alphabetical order, two of each kind by default).
const copilotDefaultZones = 2

// envConv converts one environment manifest into its platform stack.
type envConv struct {
	c *converter
	e *envStack
	r reader
}

// out records what a field of the environment manifest became.
func (v *envConv) out(n node) *outcome {
	return v.c.rec.out(v.e.m.File, n.path, v.e.name, v.e.platform)
}

// put sets a platform key from a field; show names the part the field
// set, "" for the whole key.
func (v *envConv) put(n node, key, show string, value any) {
	o := v.out(n)
	o.sets = append(o.sets, setting{key: key, show: show, value: value})
}

// convertEnv makes an environment's platform stack from its manifest.
func (c *converter) convertEnv(m *Manifest) *envStack {
	e := &envStack{
		name: m.Name, m: m, platform: newStackConfig(c.platformProject(), m.Name, c.opts.Region),
		lb: obj{{"name", "main"}}, extraEndpoints: map[string][]string{}, cacheWhy: map[string][]string{},
		endpoints: map[string][]string{},
	}
	c.rec.present(m.File, m.Name, m.Base, false)
	v := &envConv{c: c, e: e, r: reader{ps: c.ps, file: m.File}}
	root := node{v: m.Root}
	v.out(root.get("name")).notes = []string{"the platform stack " + m.Name + " (Pulumi." + m.Name + ".yaml)"}
	v.network(root.at("network.vpc"))
	v.http(root.at("http.public"))
	if !root.at("observability.container_insights").ok() {
		e.platform.gen("containerInsights", "disabled", insightsDefaultWhy)
	}
	if n := root.at("observability.container_insights"); n.ok() {
		if on, ok := v.r.boolean(n); ok {
			value := "disabled"
			if on {
				value = "enabled"
			}
			e.platform.set("containerInsights", value)
			v.put(n, "containerInsights", "", value)
			e.insightsOn = on
			if !on {
				e.insightsOff = n.path
			}
		}
	}
	return e
}

// subnet is one subnet of the environment manifest.
type subnet struct {
	n            node
	id, cidr, az string
}

// network converts network.vpc: an adopted VPC, or a new one's range and
// zones.
func (v *envConv) network(vpc node) {
	e := v.e
	id, cidr := vpc.get("id"), vpc.get("cidr")
	if id.ok() && cidr.ok() {
		v.r.fail(cidr, "is set beside network.vpc.id (line %d); Copilot imports a VPC by id or makes one from cidr, not both: remove one", id.line())
	}
	subnets := map[string][]subnet{}
	for _, kind := range []string{"public", "private"} {
		for _, item := range vpc.at("subnets." + kind).items() {
			s := subnet{n: item}
			s.id, _ = v.r.str(item.get("id"))
			s.cidr, _ = v.r.str(item.get("cidr"))
			s.az, _ = v.r.str(item.get("az"))
			if s.id != "" && (s.cidr != "" || s.az != "") {
				v.r.fail(item.get("id"), "is set beside cidr or az; a subnet is imported by id or made from cidr and az, not both")
			}
			subnets[kind] = append(subnets[kind], s)
		}
	}
	if fl := vpc.get("flow_logs"); fl.ok() {
		on := true
		if fl.isScalar() {
			on, _ = v.r.boolean(fl)
		}
		e.platform.set("flowLogs", on)
		v.put(fl, "flowLogs", "", on)
	}
	if id.ok() {
		vpcID, _ := v.r.str(id)
		e.adopted = true
		existing := obj{{"vpcId", vpcID}}
		v.put(id, "existingVpc", "existingVpc.vpcId", vpcID)
		for _, kind := range []string{"public", "private"} {
			var ids []string
			for _, s := range subnets[kind] {
				if s.id == "" {
					v.r.fail(s.n, "has no id; the subnets of an imported VPC (network.vpc.id) are named by id")
					continue
				}
				ids = append(ids, s.id)
			}
			key := kind + "SubnetIds"
			if len(ids) > 0 {
				existing = existing.with(key, ids)
				for _, s := range subnets[kind] {
					v.put(s.n.get("id"), "existingVpc", "existingVpc."+key, s.id)
				}
			}
		}
		if len(subnets["private"]) == 0 {
			v.r.fail(vpc.get("subnets"), "names no private subnets; the platform runs every task in the imported VPC's private subnets: list them under network.vpc.subnets.private")
		}
		e.platform.set("existingVpc", existing)
		e.zones = max(len(subnets["private"]), len(subnets["public"]), 1)
		e.zonesFrom = "one per subnet of the imported VPC"
		v.c.warn("The %s platform stack adopts VPC %s. List the VPC endpoints it already has in existingVpc.endpointServices, and their security group in existingVpc.endpointSecurityGroupId: a VPC holds one interface endpoint with private DNS per service, so the platform cannot create one the VPC already has.", e.name, vpcID)
		return
	}
	if cidr.ok() {
		if s, ok := v.r.str(cidr); ok {
			if _, err := netip.ParsePrefix(s); err != nil {
				v.r.fail(cidr, "%q is not a CIDR block such as 10.0.0.0/16", s)
			} else {
				e.platform.set("vpcCidr", s)
				v.put(cidr, "vpcCidr", "", s)
			}
		}
	}
	var zones []string
	for _, kind := range []string{"public", "private"} {
		for _, s := range subnets[kind] {
			if s.az != "" && !slices.Contains(zones, s.az) {
				zones = append(zones, s.az)
			}
		}
	}
	pairs := max(len(subnets["public"]), len(subnets["private"]))
	switch {
	case len(zones) > 0:
		e.platform.set("availabilityZones", zones)
		e.platform.set("azCount", len(zones))
		for _, kind := range []string{"public", "private"} {
			for _, s := range subnets[kind] {
				if s.az != "" {
					v.put(s.n.get("az"), "availabilityZones", "", zones)
				}
			}
		}
		e.zones, e.zonesFrom = len(zones), "the zones the manifest's subnets name"
	case pairs > 0:
		e.platform.set("azCount", pairs)
		for _, kind := range []string{"public", "private"} {
			if n := vpc.at("subnets." + kind); n.ok() {
				v.put(n, "azCount", "", pairs)
			}
		}
		e.zones, e.zonesFrom = pairs, "one per subnet pair the manifest lists"
	default:
		e.zones, e.zonesFrom = copilotDefaultZones, "Copilot's default of two zones"
	}
}

// http converts http.public: the platform's load balancer.
func (v *envConv) http(pub node) {
	e := v.e
	if certs := pub.get("certificates"); certs.ok() {
		list, _ := v.r.strs(certs)
		if len(list) > 0 {
			e.lb = e.lb.with("https", true).with("certificateArn", list[0])
			v.put(certs, "loadBalancers", "loadBalancers[main].certificateArn", list[0])
			if len(list) > 1 {
				o := v.out(certs)
				o.not, o.instead = "only the first certificate is the listener's", "cover every name the services use with that one certificate, or let the platform request one (domainName, hostNames)"
			}
		}
	}
	if al := pub.get("access_logs"); al.ok() {
		logs := obj{}
		if al.isScalar() {
			on, _ := v.r.boolean(al)
			logs = logs.with("enabled", on)
			v.put(al, "loadBalancers", "loadBalancers[main].accessLogs.enabled", on)
		} else {
			logs = logs.with("enabled", true)
			v.put(al, "loadBalancers", "loadBalancers[main].accessLogs.enabled", true)
			if b, ok := v.r.str(al.get("bucket_name")); ok {
				logs = logs.with("bucket", b)
				v.put(al.get("bucket_name"), "loadBalancers", "loadBalancers[main].accessLogs.bucket", b)
			}
			if p, ok := v.r.str(al.get("prefix")); ok {
				logs = logs.with("prefix", p)
				v.put(al.get("prefix"), "loadBalancers", "loadBalancers[main].accessLogs.prefix", p)
			}
		}
		e.lb = e.lb.with("accessLogs", logs)
	}
	if p, ok := v.r.str(pub.get("ssl_policy")); ok {
		e.lb = e.lb.with("sslPolicy", p)
		v.put(pub.get("ssl_policy"), "loadBalancers", "loadBalancers[main].sslPolicy", p)
	}
	if ips := pub.at("ingress.source_ips"); ips.ok() {
		if list, ok := v.r.strs(ips); ok {
			for i, s := range list {
				if _, err := netip.ParsePrefix(s); err != nil {
					at := ips
					if ips.isSeq() {
						at = ips.items()[i]
					}
					v.r.fail(at, "%q is not a CIDR block", s)
				}
			}
			e.lb = e.lb.with("allowedCidrs", list)
			v.put(ips, "loadBalancers", "loadBalancers[main].allowedCidrs", list)
		}
	}
}
