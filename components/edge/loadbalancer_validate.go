package edge

import (
	"fmt"
	"math"
	"net/netip"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// WithDefaults returns a copy of the load balancer args with every default
// filled in.
func (args LoadBalancerArgs) WithDefaults() LoadBalancerArgs {
	a := args
	a.Ingress = a.Ingress.WithDefaults()
	a.IdleTimeout = check.IntOr(a.IdleTimeout, check.DefaultIdleTimeout)
	a.DeregistrationDelay = check.PtrOr(a.DeregistrationDelay, check.DefaultDeregistrationDelay)
	a.HealthCheck = a.HealthCheck.WithDefaults()
	a.AccessLogs = a.AccessLogs.WithDefaults()
	if a.Waf != nil {
		w := a.Waf.WithDefaults()
		a.Waf = &w
	}
	if t := a.DefaultTarget; t != nil {
		c := *t
		c.Port = check.IntOr(c.Port, check.DefaultContainerPort)
		c.TargetType = check.StrOr(c.TargetType, TargetIP)
		a.DefaultTarget = &c
	}
	return a
}

func (args IngressArgs) WithDefaults() IngressArgs {
	a := args
	if len(a.AllowedCidrs) == 0 {
		a.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	if a.CertificateArn != nil || a.DomainName != "" {
		a.Https = true
	}
	a.SslPolicy = check.StrOr(a.SslPolicy, check.DefaultSslPolicy)
	a.HostedZoneName = normalizeZoneName(a.HostedZoneName)
	return a
}

// WithDefaults fills in the access logs' defaults: a bucket the load
// balancer creates keeps logs for 90 days.
func (args AccessLogsArgs) WithDefaults() AccessLogsArgs {
	a := args
	if a.Bucket == nil {
		a.ExpirationDays = check.IntOr(a.ExpirationDays, check.DefaultLogExpirationDays)
	}
	return a
}

func (args TargetHealthCheck) WithDefaults() TargetHealthCheck {
	hc := args
	hc.Path = check.StrOr(hc.Path, check.DefaultHealthPath)
	hc.Matcher = check.StrOr(hc.Matcher, check.DefaultHealthMatcher)
	hc.Interval = check.IntOr(hc.Interval, check.DefaultHealthInterval)
	hc.Timeout = check.IntOr(hc.Timeout, check.DefaultHealthTimeout)
	hc.HealthyThreshold = check.IntOr(hc.HealthyThreshold, check.DefaultHealthyThreshold)
	hc.UnhealthyThreshold = check.IntOr(hc.UnhealthyThreshold, check.DefaultUnhealthyThreshold)
	return hc
}

// Validate checks the defaulted load balancer args and returns every
// problem.
func (a LoadBalancerArgs) Validate(name string) check.Problems {
	var p check.Problems
	check.CheckComponentName(&p, name)
	if a.Network == nil {
		p.Add("Network", "no network is given; pass the Network whose public subnets the ALB goes in")
	}
	region := ""
	if a.Network != nil {
		region = a.Network.NetworkContract().Region
	}
	CheckIngress(&p, "Ingress.", a.Ingress, region)
	checkRouteHosts(&p, "Routes", a.Routes, a.Ingress)
	checkHostNames(&p, "Ingress.HostNames", a.Ingress)
	if r := a.TargetPorts; r != nil {
		CheckPortRange(&p, "TargetPorts", *r)
	}
	CheckPriorityRanges(&p, "PriorityRanges", a.PriorityRanges)
	checkListenerRuleQuota(&p, a)
	p.RangeInt("IdleTimeout", a.IdleTimeout, 1, 4000)
	CheckAccessLogs(&p, "AccessLogs.", a.AccessLogs, region)
	if a.Waf != nil {
		CheckWaf(&p, "Waf.", *a.Waf, region)
	}
	switch {
	case a.DefaultTarget != nil && len(a.Routes) > 0:
		p.Add("DefaultTarget", "a default target and routes exclude each other; serve one service with DefaultTarget, or several with Routes (a catch-all route has Paths [\"/*\"])")
	}
	if t := a.DefaultTarget; t != nil {
		p.RangeInt("DefaultTarget.Port", t.Port, 1, 65535)
		if t.TargetType != TargetIP && t.TargetType != TargetInstance {
			p.Add("DefaultTarget.TargetType", "%q is not a target type; use %s (awsvpc tasks) or %s (bridge tasks on EC2)", t.TargetType, TargetIP, TargetInstance)
		}
		CheckTargetHealth(&p, "", a.HealthCheck, *a.DeregistrationDelay)
	}
	checkRoutes(&p, "Routes", a.Routes)
	check.CheckTags(&p, "Tags", a.Tags)
	return p
}

// CheckIngress checks who may reach the listeners and the HTTPS settings.
// region is the load balancer's, which an ACM certificate must be in.
func CheckIngress(p *check.Problems, prefix string, in IngressArgs, region string) {
	for i, c := range in.AllowedCidrs {
		if pre, err := netip.ParsePrefix(c); err != nil || pre.Masked() != pre {
			p.Add(prefix+"AllowedCidrs["+check.Itoa(i)+"]", "%q is not a CIDR block; write it as 203.0.113.0/24 or 0.0.0.0/0", c)
		}
	}
	if in.Https && in.CertificateArn == nil && in.DomainName == "" {
		p.Add(prefix+"CertificateArn", "HTTPS is on but no certificate is given; set DomainName and its hosted zone to have one made, or the ARN of an ACM certificate in this region, or turn HTTPS off")
	}
	if in.CertificateArn != nil {
		check.CheckString(p, prefix+"CertificateArn", in.CertificateArn, check.CertificateRule(region))
		if in.DomainName != "" {
			p.Add(prefix+"CertificateArn", "is set beside DomainName, which makes a certificate of its own; remove CertificateArn to have the certificate made and validated, or remove DomainName and point your DNS at the load balancer yourself")
		}
	}
	if !strings.HasPrefix(in.SslPolicy, "ELBSecurityPolicy-") {
		p.Add(prefix+"SslPolicy", "%q is not an ELB TLS policy; use %s", in.SslPolicy, check.DefaultSslPolicy)
	}
	checkDomain(p, prefix, in)
}

// checkDomain checks the domain name and its hosted zone: the name is one
// a certificate takes as its common name, the zone is given once, by ID
// or by name, and a zone given by name holds the domain. A zone given by
// ID is checked for that when it is looked up.
func checkDomain(p *check.Problems, prefix string, in IngressArgs) {
	zoneSet := in.HostedZoneId != "" || in.HostedZoneName != ""
	switch {
	case in.DomainName == "" && zoneSet:
		field := prefix + "HostedZoneId"
		if in.HostedZoneId == "" {
			field = prefix + "HostedZoneName"
		}
		p.Add(field, "a hosted zone is given but no DomainName; set DomainName to a name in the zone, or remove the zone")
		return
	case in.DomainName == "":
		return
	}
	if why := DnsNameProblem(in.DomainName, false); why != "" {
		p.Add(prefix+"DomainName", "%q is not a domain name for the load balancer: %s", in.DomainName, why)
	} else if len(in.DomainName) > maxCommonName {
		p.Add(prefix+"DomainName", "%q is %d characters, but a certificate's common name holds at most %d (RFC 5280); use a shorter name", in.DomainName, len(in.DomainName), maxCommonName)
	}
	switch {
	case in.HostedZoneId != "" && in.HostedZoneName != "":
		p.Add(prefix+"HostedZoneId", "the hosted zone is given both by ID (%s) and by name (%s); set one of them", in.HostedZoneId, in.HostedZoneName)
	case !zoneSet:
		p.Add(prefix+"HostedZoneId", "DomainName %s needs the Route 53 hosted zone that holds it, for the certificate's validation records and the alias records; set HostedZoneId or HostedZoneName", in.DomainName)
	case in.HostedZoneId != "" && !hostedZoneIDPattern.MatchString(in.HostedZoneId):
		p.Add(prefix+"HostedZoneId", "%q is not a hosted zone ID; use the zone's ID such as Z1D633PJN98FT9 (without /hostedzone/)", in.HostedZoneId)
	case in.HostedZoneName != "":
		if why := DnsNameProblem(in.HostedZoneName, false); why != "" {
			p.Add(prefix+"HostedZoneName", "%q is not a hosted zone name: %s", in.HostedZoneName, why)
		} else if !InZone(in.DomainName, in.HostedZoneName) {
			p.Add(prefix+"DomainName", "%s is not in the hosted zone %s, so its certificate cannot be validated there; use a name that ends in .%s, or the zone that holds %s", in.DomainName, in.HostedZoneName, in.HostedZoneName, in.DomainName)
		}
	}
}

// checkRouteHosts checks, with a domain name, that each route's host
// names can go on the load balancer's certificate: a name with at most a
// leading "*." wildcard, in the hosted zone when it is given by name.
func checkRouteHosts(p *check.Problems, field string, routes []ListenerRoute, in IngressArgs) {
	if in.DomainName == "" {
		return
	}
	for i, r := range routes {
		for k, h := range r.Hosts {
			f := fmt.Sprintf("%s[%d].Hosts[%d]", field, i, k)
			h = strings.ToLower(h)
			switch why := DnsNameProblem(h, true); {
			case why != "":
				p.Add(f, "%q cannot go on the load balancer's certificate for %s: %s", h, in.DomainName, why)
			case in.HostedZoneName != "" && !InZone(h, in.HostedZoneName):
				p.Add(f, "%s is not in the hosted zone %s, so the load balancer's certificate cannot cover it; use a host in %s", h, in.HostedZoneName, in.HostedZoneName)
			}
		}
	}
}

// CheckAccessLogs checks the access log settings. region is the load
// balancer's, whose log delivery principal the bucket policy names.
func CheckAccessLogs(p *check.Problems, prefix string, a AccessLogsArgs, region string) {
	if !a.Enabled {
		switch {
		case a.Bucket != nil:
			p.Add(prefix+"Bucket", "is set but access logs are off; set Enabled, or remove Bucket")
		case a.Prefix != "":
			p.Add(prefix+"Prefix", "is set but access logs are off; set Enabled, or remove Prefix")
		case a.ForceDestroy:
			p.Add(prefix+"ForceDestroy", "is on but access logs are off, so there is no bucket; set Enabled, or turn ForceDestroy off")
		}
		return
	}
	if a.Prefix != "" {
		if msg := logPrefixRule(a.Prefix); msg != "" {
			p.Add(prefix+"Prefix", "%s", msg)
		}
	}
	if a.Bucket != nil {
		check.CheckString(p, prefix+"Bucket", a.Bucket, BucketNameRule)
		if a.ExpirationDays != 0 {
			p.Add(prefix+"ExpirationDays", "applies to a bucket the load balancer creates, not to the given Bucket; set the expiry in that bucket's own lifecycle rules, or remove Bucket")
		}
		if a.ForceDestroy {
			p.Add(prefix+"ForceDestroy", "applies to a bucket the load balancer creates, not to the given Bucket; remove ForceDestroy, or remove Bucket")
		}
		return
	}
	p.RangeInt(prefix+"ExpirationDays", a.ExpirationDays, 1, math.MaxInt32)
	if principal, _ := LogDeliveryPrincipal(region); principal == nil {
		p.Add(prefix+"Enabled", "no log delivery principal is encoded for %s, so the load balancer cannot write the bucket's policy; give Bucket, a bucket whose policy you write yourself", region)
	}
}

// CheckTargetHealth checks a target group's health check and draining
// delay. prefix is the path of the fields' parent.
func CheckTargetHealth(p *check.Problems, prefix string, hc TargetHealthCheck, deregistrationDelay int) {
	p.RangeInt(prefix+"DeregistrationDelay", deregistrationDelay, 0, 3600)
	if !strings.HasPrefix(hc.Path, "/") {
		p.Add(prefix+"HealthCheck.Path", "%q does not start with \"/\"; use a path such as /healthz", hc.Path)
	}
	if !check.MatcherPattern.MatchString(hc.Matcher) {
		p.Add(prefix+"HealthCheck.Matcher", "%q is not an HTTP code list; use codes such as 200, 200-299 or 200,204", hc.Matcher)
	}
	p.RangeInt(prefix+"HealthCheck.Interval", hc.Interval, 5, 300)
	p.RangeInt(prefix+"HealthCheck.Timeout", hc.Timeout, 2, 120)
	if hc.Timeout >= hc.Interval {
		p.Add(prefix+"HealthCheck.Timeout", "%ds must be less than the interval (%ds)", hc.Timeout, hc.Interval)
	}
	p.RangeInt(prefix+"HealthCheck.HealthyThreshold", hc.HealthyThreshold, 2, 10)
	p.RangeInt(prefix+"HealthCheck.UnhealthyThreshold", hc.UnhealthyThreshold, 2, 10)
}

// checkHostNames checks the certificate's further names: each a DNS name
// with at most a leading "*." wildcard, in the hosted zone when it is
// given by name, and only with HTTPS.
func checkHostNames(p *check.Problems, field string, in IngressArgs) {
	if len(in.HostNames) > 0 && !in.Https && in.DomainName == "" && in.CertificateArn == nil {
		p.Add(field, "names a certificate's hosts, but the load balancer has no HTTPS listener; set DomainName or CertificateArn, or remove HostNames")
	}
	for i, h := range in.HostNames {
		f := fmt.Sprintf("%s[%d]", field, i)
		h = strings.ToLower(h)
		switch why := DnsNameProblem(h, true); {
		case why != "":
			p.Add(f, "%q cannot go on a certificate: %s", h, why)
		case in.HostedZoneName != "" && !InZone(h, in.HostedZoneName):
			p.Add(f, "%s is not in the hosted zone %s, so the certificate made for %s cannot cover it; use a name in %s", h, in.HostedZoneName, in.DomainName, in.HostedZoneName)
		}
	}
}

// CheckPortRange checks a TCP port range.
func CheckPortRange(p *check.Problems, field string, r PortRange) {
	p.RangeInt(field+".From", r.From, 1, 65535)
	p.RangeInt(field+".To", r.To, 1, 65535)
	if r.From > r.To {
		p.Add(field, "runs from %d down to %d; put the lower port in From", r.From, r.To)
	}
}

// Application Load Balancer quotas (Elastic Load Balancing User Guide for
// ALBs, "Quotas for your Application Load Balancers"): 100 rules per load
// balancer over all its listeners, default actions not counted, and 100
// target groups per load balancer. Both are adjustable only by a request
// to AWS, so a stack must fit inside them.
const (
	MaxRulesPerAlb        = 100
	MaxTargetGroupsPerAlb = 100
)

// CheckPriorityRanges checks the teams' priority blocks: inside 1-50000,
// From <= To, each team once, no two overlapping, each big enough for its
// services, and no more services in all than an ALB's rules and target
// groups allow.
func CheckPriorityRanges(p *check.Problems, field string, ranges []PriorityRange) {
	teams := map[string]int{}
	total := 0
	for i, r := range ranges {
		f := fmt.Sprintf("%s[%d]", field, i)
		p.RangeInt(f+".From", r.From, 1, maxRulePriority)
		p.RangeInt(f+".To", r.To, 1, maxRulePriority)
		if r.From > r.To {
			p.Add(f, "runs from %d down to %d; put the lower priority in From", r.From, r.To)
		}
		if r.Team != "" && !check.ComponentNamePattern.MatchString(r.Team) {
			p.Add(f+".Team", "%q is not a team name; use lowercase letters, digits and hyphens, such as \"orders\"", r.Team)
		}
		if j, dup := teams[r.Team]; dup {
			p.Add(f+".Team", "team %q already has block %d; give each team one block", r.Team, j)
		}
		teams[r.Team] = i
		if r.MaxServices < 0 {
			p.Add(f+".MaxServices", "%d is negative; use 1 or more, or leave it unset", r.MaxServices)
		}
		if size := r.To - r.From + 1; r.MaxServices > size && r.From <= r.To {
			p.Add(f+".MaxServices", "%d services cannot take distinct priorities in a block of %d (%d-%d); widen the block or lower MaxServices", r.MaxServices, size, r.From, r.To)
		}
		total += r.MaxServices
		for k := range i {
			o := ranges[k]
			if r.From <= o.To && o.From <= r.To {
				p.Add(f, "%d-%d overlaps block %d (%d-%d) of team %q; give each team its own priorities", r.From, r.To, k, o.From, o.To, o.Team)
			}
		}
	}
	if total > MaxRulesPerAlb {
		p.Add(field, "the teams may route %d services, but an Application Load Balancer holds %d listener rules and %d target groups (Elastic Load Balancing quotas \"Rules per Application Load Balancer\" and \"Target groups per Application Load Balancer\"); lower the teams' MaxServices, or spread the teams over another load balancer", total, MaxRulesPerAlb, MaxTargetGroupsPerAlb)
	}
}

// checkListenerRuleQuota refuses a load balancer whose own group would
// hold more rules than a group does: one inbound rule per listener port
// and allowed CIDR, and, without TargetPorts, one outbound rule per
// routed service.
func checkListenerRuleQuota(p *check.Problems, a LoadBalancerArgs) {
	ports := 1
	if a.Ingress.Https {
		ports = 2
	}
	v4, v6 := 0, 0
	for _, c := range a.Ingress.AllowedCidrs {
		if strings.Contains(c, ":") {
			v6++
		} else {
			v4++
		}
	}
	if n := ports * max(v4, v6); n > check.MaxRulesPerGroup {
		p.Add("Ingress.AllowedCidrs", "%d listener ports times %d CIDR blocks of one IP version make %d inbound rules on the load balancer's group, which holds %d (Amazon VPC quota %q); use fewer, wider blocks, or a managed prefix list outside this component",
			ports, max(v4, v6), n, check.MaxRulesPerGroup, check.QuotaGroupRules)
	}
	if a.TargetPorts == nil && len(a.Routes) > check.MaxRulesPerGroup {
		p.Add("Routes", "%d routed services each add an outbound rule to the load balancer's group, which holds %d (Amazon VPC quota %q); set TargetPorts, so that the tasks join one group the load balancer reaches in one rule",
			len(a.Routes), check.MaxRulesPerGroup, check.QuotaGroupRules)
	}
}
