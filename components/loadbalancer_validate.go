package components

import (
	"net/netip"
	"strings"
)

// withDefaults returns a copy of the load balancer args with every default
// filled in.
func (args LoadBalancerArgs) withDefaults() LoadBalancerArgs {
	a := args
	a.Ingress = a.Ingress.withDefaults()
	a.IdleTimeout = intOr(a.IdleTimeout, defaultIdleTimeout)
	a.DeregistrationDelay = ptrOr(a.DeregistrationDelay, defaultDeregistrationDelay)
	a.HealthCheck = a.HealthCheck.withDefaults()
	if t := a.DefaultTarget; t != nil {
		c := *t
		c.Port = intOr(c.Port, defaultContainerPort)
		c.TargetType = strOr(c.TargetType, TargetIP)
		a.DefaultTarget = &c
	}
	return a
}

func (args IngressArgs) withDefaults() IngressArgs {
	a := args
	if len(a.AllowedCidrs) == 0 {
		a.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	if a.CertificateArn != nil {
		a.Https = true
	}
	a.SslPolicy = strOr(a.SslPolicy, defaultSslPolicy)
	return a
}

func (args TargetHealthCheck) withDefaults() TargetHealthCheck {
	hc := args
	hc.Path = strOr(hc.Path, defaultHealthPath)
	hc.Matcher = strOr(hc.Matcher, defaultHealthMatcher)
	hc.Interval = intOr(hc.Interval, defaultHealthInterval)
	hc.Timeout = intOr(hc.Timeout, defaultHealthTimeout)
	hc.HealthyThreshold = intOr(hc.HealthyThreshold, defaultHealthyThreshold)
	hc.UnhealthyThreshold = intOr(hc.UnhealthyThreshold, defaultUnhealthyThreshold)
	return hc
}

// validate checks the defaulted load balancer args and returns every
// problem.
func (a LoadBalancerArgs) validate(name string) problems {
	var p problems
	checkComponentName(&p, name)
	if a.Network == nil {
		p.add("Network", "no network is given; pass the Network whose public subnets the ALB goes in")
	}
	region := ""
	if a.Network != nil {
		region = a.Network.Region()
	}
	checkIngress(&p, "Ingress.", a.Ingress, region)
	p.rangeInt("IdleTimeout", a.IdleTimeout, 1, 4000)
	switch {
	case a.DefaultTarget != nil && len(a.Routes) > 0:
		p.add("DefaultTarget", "a default target and routes exclude each other; serve one service with DefaultTarget, or several with Routes (a catch-all route has Paths [\"/*\"])")
	case a.DefaultTarget == nil && len(a.Routes) == 0:
		p.add("Routes", "the load balancer serves no service; set DefaultTarget for one service, or Routes for several")
	}
	if t := a.DefaultTarget; t != nil {
		p.rangeInt("DefaultTarget.Port", t.Port, 1, 65535)
		if t.TargetType != TargetIP && t.TargetType != TargetInstance {
			p.add("DefaultTarget.TargetType", "%q is not a target type; use %s (awsvpc tasks) or %s (bridge tasks on EC2)", t.TargetType, TargetIP, TargetInstance)
		}
		checkTargetHealth(&p, "", a.HealthCheck, *a.DeregistrationDelay)
	}
	checkRoutes(&p, "Routes", a.Routes)
	checkTags(&p, "Tags", a.Tags)
	return p
}

// checkIngress checks who may reach the listeners and the HTTPS settings.
// region is the load balancer's, which an ACM certificate must be in.
func checkIngress(p *problems, prefix string, in IngressArgs, region string) {
	for i, c := range in.AllowedCidrs {
		if pre, err := netip.ParsePrefix(c); err != nil || pre.Masked() != pre {
			p.add(prefix+"AllowedCidrs["+itoa(i)+"]", "%q is not a CIDR block; write it as 203.0.113.0/24 or 0.0.0.0/0", c)
		}
	}
	if in.Https && in.CertificateArn == nil {
		p.add(prefix+"CertificateArn", "HTTPS is on but no certificate is given; set the ARN of an ACM certificate in this region, or turn HTTPS off")
	}
	if in.CertificateArn != nil {
		checkString(p, prefix+"CertificateArn", in.CertificateArn, certificateRule(region))
	}
	if !strings.HasPrefix(in.SslPolicy, "ELBSecurityPolicy-") {
		p.add(prefix+"SslPolicy", "%q is not an ELB TLS policy; use %s", in.SslPolicy, defaultSslPolicy)
	}
}

// checkTargetHealth checks a target group's health check and draining
// delay. prefix is the path of the fields' parent.
func checkTargetHealth(p *problems, prefix string, hc TargetHealthCheck, deregistrationDelay int) {
	p.rangeInt(prefix+"DeregistrationDelay", deregistrationDelay, 0, 3600)
	if !strings.HasPrefix(hc.Path, "/") {
		p.add(prefix+"HealthCheck.Path", "%q does not start with \"/\"; use a path such as /healthz", hc.Path)
	}
	if !matcherPattern.MatchString(hc.Matcher) {
		p.add(prefix+"HealthCheck.Matcher", "%q is not an HTTP code list; use codes such as 200, 200-299 or 200,204", hc.Matcher)
	}
	p.rangeInt(prefix+"HealthCheck.Interval", hc.Interval, 5, 300)
	p.rangeInt(prefix+"HealthCheck.Timeout", hc.Timeout, 2, 120)
	if hc.Timeout >= hc.Interval {
		p.add(prefix+"HealthCheck.Timeout", "%ds must be less than the interval (%ds)", hc.Timeout, hc.Interval)
	}
	p.rangeInt(prefix+"HealthCheck.HealthyThreshold", hc.HealthyThreshold, 2, 10)
	p.rangeInt(prefix+"HealthCheck.UnhealthyThreshold", hc.UnhealthyThreshold, 2, 10)
}
