package copilot

import (
	"fmt"
	"strings"
)

// pathPatterns are the listener rule's path patterns for Copilot's
// http.path: "/" matches every path, and "api" matches /api and
// everything under it.
func pathPatterns(p string) []string {
	t := strings.Trim(strings.TrimSpace(p), "/")
	switch {
	case t == "" || t == "*":
		return []string{"/*"}
	case strings.ContainsAny(t, "*?"):
		return []string{"/" + t}
	}
	return []string{"/" + t, "/" + t + "/*"}
}

// maxConditionValues is how many values one listener rule's conditions
// hold in all (Elastic Load Balancing quotas, "condition values per
// rule"; BRIEF fact 15).
const maxConditionValues = 5

// http converts a web service's http section: its rule's paths and
// hosts, and its target group's health check.
func (s *svcConv) http() {
	h, nlb := s.root.get("http"), s.root.get("nlb")
	if h.isScalar() {
		if on, ok := s.r.boolean(h); ok && !on {
			why := "http is false: the service has no Application Load Balancer"
			if nlb.ok() {
				why += ", only a Network Load Balancer"
			}
			s.not(h, why, "serve HTTP on the platform's ALB (give the service http.path), or keep it on Copilot")
			s.skip = why + "; the platform offers Application Load Balancers only"
			return
		}
	}
	if !h.ok() {
		if nlb.ok() {
			s.skip = "it has a Network Load Balancer only; the platform offers Application Load Balancers only"
			return
		}
		s.r.fail(s.root.get("type"), "a Load Balanced Web Service needs http (or nlb); add http.path")
		return
	}
	port, target := s.root.at("image.port"), h.get("target_port")
	if !port.ok() && !target.ok() {
		s.r.fail(s.root.get("image"), "has no port; a Load Balanced Web Service forwards to image.port")
	}
	p := h.get("path")
	raw, ok := s.r.str(p)
	if !ok {
		if !p.ok() {
			s.r.fail(h, "has no path; set http.path ('/' for every path)")
		}
		return
	}
	paths := pathPatterns(raw)
	s.st.pathLen = len(strings.Trim(raw, "/"))
	s.mark(p, "paths", "", paths)
	for _, rule := range h.get("additional_rules").items() {
		rp := rule.get("path")
		if !rp.ok() {
			continue
		}
		if len(rule.entries()) != 1 {
			s.not(rp, "the rule sets more than its path, so it needs a listener rule and target group of its own", "run another service stack for this rule")
			continue
		}
		if v, ok := s.r.str(rp); ok {
			more := pathPatterns(v)
			paths = append(paths, more...)
			s.mark(rp, "paths", "", more)
		}
	}
	s.healthcheckHTTP(h.get("healthcheck"))
	if d := h.get("deregistration_delay"); d.ok() {
		if v, ok := s.r.seconds(d); ok {
			s.put(d, "deregistrationDelay", v)
		}
	}
	s.targetDefaults()
	if tc := h.get("target_container"); tc.ok() {
		if v, _ := s.r.str(tc); v == s.m.Name {
			s.note(tc, "the main container: the ALB forwards to it")
		}
	}
	if target.ok() {
		if v, ok := s.r.integer(target); ok {
			s.put(target, "containerPort", v)
			if port.ok() {
				s.note(port, "the ALB forwards to http.target_port, which containerPort takes")
			}
		}
	}
	for _, n := range []node{port, target} {
		if v, ok := s.cfg.values["containerPort"].(int); ok && v == 443 && n.ok() {
			s.note(n, "Copilot's load balancer spoke HTTPS to a container on 443; the platform's target groups speak HTTP, so serve plain HTTP on the container port (TLS ends at the load balancer)")
			break
		}
	}
	hosts := s.aliases(h)
	if r := h.get("redirect_to_https"); r.ok() {
		if on, ok := s.r.boolean(r); ok && !on {
			s.not(r, "with HTTPS on, the platform redirects port 80 to 443 for every service", "serve the service over HTTPS")
		}
	}
	if v := h.get("version"); v.ok() {
		if ver, _ := s.r.str(v); !strings.EqualFold(ver, "http1") {
			s.not(v, "the target groups speak HTTP/1.1 to the tasks; "+ver+" is not offered", "serve HTTP/1.1 on the container port, or call it as a backend (Service Connect, appProtocol "+strings.ToLower(ver)+")")
		}
	}
	if len(paths)+len(hosts) > maxConditionValues {
		var kept []string
		for _, pp := range paths {
			if strings.HasSuffix(pp, "*") {
				kept = append(kept, pp)
			}
		}
		if len(kept) < len(paths) {
			s.note(p, fmt.Sprintf("a rule holds %d condition values in all, so each exact path is left to its /* pattern", maxConditionValues))
			paths = kept
		}
	}
	s.cfg.set("paths", paths)
	if len(hosts) > 0 {
		s.cfg.set("hosts", hosts)
	}
	s.st.hosts = hosts
}

// healthcheckHTTP converts the target group's health check.
func (s *svcConv) healthcheckHTTP(hc node) {
	if !hc.ok() {
		return
	}
	if hc.isScalar() {
		if v, ok := s.r.str(hc); ok {
			s.put(hc, "healthCheckPath", v)
		}
		return
	}
	if v, ok := s.r.str(hc.get("path")); ok {
		s.put(hc.get("path"), "healthCheckPath", v)
	}
	if v, ok := s.r.str(hc.get("success_codes")); ok {
		s.put(hc.get("success_codes"), "healthCheckMatcher", v)
	}
	for _, f := range []struct{ field, key string }{{"healthy_threshold", "healthyThreshold"}, {"unhealthy_threshold", "unhealthyThreshold"}} {
		if n := hc.get(f.field); n.ok() {
			if v, ok := s.r.integer(n); ok {
				s.put(n, f.key, v)
			}
		}
	}
	for _, f := range []struct{ field, key string }{{"interval", "healthCheckInterval"}, {"timeout", "healthCheckTimeout"}, {"grace_period", "healthCheckGracePeriod"}} {
		if n := hc.get(f.field); n.ok() {
			if v, ok := s.r.seconds(n); ok {
				s.put(n, f.key, v)
			}
		}
	}
}

// copilotTargetDefaults are the target group and health check settings
// a Load Balanced Web Service got from Copilot when its manifest set
// none, with the stack key each becomes. Copilot's manifest reference
// (site/content/docs/include/http-healthcheck.en.md and
// manifest/lb-web-service.en.md in aws/copilot-cli) documents them:
// success_codes 200, healthy_threshold 5, unhealthy_threshold 2,
// interval 30s, timeout 5s, grace_period 60s, deregistration_delay 60s
// (manifest.DefaultHealthCheckGracePeriod and DefaultDeregistrationDelay
// in internal/pkg/manifest/lb_web_svc.go).
var copilotTargetDefaults = []struct {
	key, field string
	value      any
}{
	{"healthCheckMatcher", "http.healthcheck.success_codes", "200"},
	{"healthyThreshold", "http.healthcheck.healthy_threshold", 5},
	{"unhealthyThreshold", "http.healthcheck.unhealthy_threshold", 2},
	{"healthCheckInterval", "http.healthcheck.interval", 30},
	{"healthCheckTimeout", "http.healthcheck.timeout", 5},
	{"healthCheckGracePeriod", "http.healthcheck.grace_period", 60},
	{"deregistrationDelay", "http.deregistration_delay", 60},
}

// targetDefaults writes Copilot's default for each target group setting
// the manifest leaves unset, so that the service's target group checks
// and drains its tasks as Copilot's did rather than as the components'
// defaults would. A default timeout that would not be below an interval
// the manifest set is left to the components: the load balancer takes a
// timeout only below the interval.
func (s *svcConv) targetDefaults() {
	for _, d := range copilotTargetDefaults {
		if s.cfg.has(d.key) {
			continue
		}
		if d.key == "healthCheckTimeout" {
			if iv, ok := s.cfg.values["healthCheckInterval"].(int); ok && iv <= d.value.(int) {
				continue
			}
		}
		s.cfg.gen(d.key, d.value, fmt.Sprintf("Copilot's default for %s (%v), which the manifest leaves unset", d.field, d.value))
	}
}

// aliases reads http.alias (a name, names, or {name, hosted_zone}
// entries) and http.hosted_zone: the rule's hosts, and the platform's
// certificate names and zone.
func (s *svcConv) aliases(h node) []string {
	a := h.get("alias")
	var hosts []string
	zone := h.get("hosted_zone")
	switch {
	case a.isScalar():
		v, _ := s.r.str(a)
		hosts = append(hosts, v)
	case a.isSeq():
		for _, item := range a.items() {
			if item.isMap() {
				name, ok := s.r.str(item.get("name"))
				if !ok {
					s.r.fail(item, "has no name")
					continue
				}
				hosts = append(hosts, name)
				s.mark(item.get("name"), "hosts", "", []string{name})
				if z := item.get("hosted_zone"); z.ok() {
					s.zone(z)
				}
				continue
			}
			if v, ok := s.r.str(item); ok {
				hosts = append(hosts, v)
			}
		}
	case zone.ok():
		s.r.fail(zone, "is set without http.alias; Copilot writes the alias's record into this zone, so set the alias or remove the zone")
		return nil
	}
	if len(hosts) > 0 {
		s.mark(a, "hosts", "", hosts)
		s.e.hosts = append(s.e.hosts, hosts...)
	}
	if zone.ok() {
		s.zone(zone)
	}
	return hosts
}

// zone records the hosted zone the platform's certificate and records go
// in.
func (s *svcConv) zone(z node) {
	id, ok := s.r.str(z)
	if !ok {
		return
	}
	at := fmt.Sprintf("%s:%d", s.m.File, z.line())
	switch {
	case s.e.hostedZoneID == "":
		s.e.hostedZoneID, s.e.hostedZoneLine = id, at
	case s.e.hostedZoneID != id:
		s.c.warn("The services of %s name two hosted zones (%s at %s, %s at %s); the platform's certificate is validated in one, %s: put every alias in it, or give the platform a certificate (http.public.certificates).", s.e.name, s.e.hostedZoneID, s.e.hostedZoneLine, id, at, s.e.hostedZoneID)
	}
	o := s.c.rec.out(s.m.File, z.path, s.e.name, s.e.platform)
	o.sets = append(o.sets, setting{key: "loadBalancers", show: "loadBalancers[main].hostedZoneId", value: s.e.hostedZoneID})
}

// subscribe converts a worker's subscribe section: the topics of other
// services' publish, and the queue's settings.
func (s *svcConv) subscribe() {
	sub := s.root.get("subscribe")
	var arns []string
	for _, t := range sub.get("topics").items() {
		name, ok1 := s.r.str(t.get("name"))
		svc, ok2 := s.r.str(t.get("service"))
		if !ok1 || !ok2 {
			s.r.fail(t, "needs both name and service: the topic, and the service that publishes it")
			continue
		}
		fifo, found := s.c.published(s.e.name, svc, name)
		switch {
		case !found && s.c.service(svc) == nil:
			s.r.fail(t.get("service"), "%q is no service of the workspace", svc)
			continue
		case !found:
			s.r.fail(t.get("name"), "service %s publishes no topic %q in %s (publish.topics)", svc, name, s.e.name)
			continue
		case fifo:
			for _, n := range []node{t.get("name"), t.get("service")} {
				s.not(n, "the topic is FIFO, and SNS delivers a FIFO topic to FIFO queues only; the worker's created queue is standard", "adopt a FIFO queue of your own (queue.arn) subscribed to the topic")
			}
			continue
		}
		arn := s.c.topicArn(s.e.name, svc, name, false)
		arns = append(arns, arn)
		s.mark(t.get("name"), "topics", "", arn)
		s.mark(t.get("service"), "topics", "", arn)
	}
	if len(arns) > 0 {
		s.put(sub.get("topics"), "topics", arns)
	}
	q := sub.get("queue")
	var queue obj
	for _, f := range []struct{ field, key string }{{"retention", "retentionSeconds"}, {"timeout", "visibilityTimeoutSeconds"}} {
		if n := q.get(f.field); n.ok() {
			if v, ok := s.r.seconds(n); ok {
				queue = queue.with(f.key, v)
				s.mark(n, "queue", "queue."+f.key, v)
			}
		}
	}
	if n := q.at("dead_letter.tries"); n.ok() {
		if v, ok := s.r.integer(n); ok {
			queue = queue.with("maxReceiveCount", v)
			s.mark(n, "queue", "queue.maxReceiveCount", v)
			s.mark(q.get("dead_letter"), "queue", "queue.maxReceiveCount", v)
		}
	}
	if len(queue) > 0 {
		s.cfg.set("queue", queue)
	}
	s.c.warn("Copilot gave a worker its queue's URL as COPILOT_QUEUE_URI; the components give it as QUEUE_URL (and the ARN as QUEUE_ARN): change the workers to read QUEUE_URL.")
}

// service finds a service manifest by name.
func (c *converter) service(name string) *Manifest {
	for _, m := range c.ws.Services {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// published tells whether service svc publishes topic name in env, and
// whether the topic is FIFO.
func (c *converter) published(env, svc, name string) (fifo, found bool) {
	m := c.service(svc)
	if m == nil || m.Type == "" {
		return false, false
	}
	for _, t := range (node{v: m.merged(env)}).at("publish.topics").items() {
		n := t.get("name")
		if !n.isScalar() || n.v.Value != name {
			continue
		}
		f := t.get("fifo")
		switch {
		case f.isMap():
			return true, true
		case f.isScalar():
			var b bool
			_ = f.v.Decode(&b)
			return b, true
		}
		return false, true
	}
	return false, false
}

// job converts a scheduled job's schedule and timeout.
func (s *svcConv) job() {
	sch := s.root.at("on.schedule")
	if !sch.ok() {
		s.r.fail(s.root.get("on"), "on.schedule is missing; a Scheduled Job runs on a schedule")
		return
	}
	raw, ok := s.r.str(sch)
	if !ok {
		return
	}
	expr, err := awsSchedule(raw)
	if err != nil {
		s.r.fail(sch, "%v", err)
		return
	}
	if expr == "" {
		s.note(sch, "none: the job is off in this environment, so it has no stack here")
		s.skip = "on.schedule is none: the job is off in this environment"
		return
	}
	s.put(sch, "schedule", expr)
	s.put(sch, "timezone", "UTC")
	s.mark(s.root.get("on"), "schedule", "", expr)
	if t := s.root.get("timeout"); t.ok() {
		if v, ok := s.r.seconds(t); ok {
			if v < 1 {
				s.r.fail(t, "must be at least 1s")
			} else {
				s.put(t, "jobTimeout", v)
			}
		}
	}
}
