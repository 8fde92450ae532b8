package copilot

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// defaultTeamServices is the fewest services the generated team is
// sized for, the platform's own default.
const defaultTeamServices = 10

// connect lets the web services call the environment's backends:
// Copilot let every service of an environment reach every backend, by
// service discovery or Service Connect, and here a caller names its
// servers. The other services are told what they lose: a backend may
// call backends, but the components refuse a call cycle, so backends
// are not made to call each other; a worker or a job is no Service
// Connect client at all.
func (c *converter) connect(e *envStack) {
	var backends, names []string
	for _, s := range e.services {
		if s.kind == "backend" {
			backends = append(backends, c.stackName(s.cfg.project, e.name))
			names = append(names, s.m.Name)
		}
	}
	sort.Strings(backends)
	sort.Strings(names)
	for _, s := range e.services {
		switch {
		case s.kind != "web":
			c.unreached(s, names)
		case len(backends) == 0:
			s.cfg.del("calls")
		default:
			s.cfg.gen("calls", backends, "Copilot let every service reach every backend of its environment; a web service calls each one through Service Connect")
		}
	}
}

// unreached says that a backend, worker or job reaches none of the
// environment's backends (names), which Copilot's service discovery let
// it reach.
func (c *converter) unreached(s *svcStack, names []string) {
	others := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == s.m.Name })
	if len(others) == 0 {
		return
	}
	list := strings.Join(others, ", ")
	switch s.kind {
	case "backend":
		c.warn("The backend %s reaches no backend (%s) until you add `calls` to its stacks by hand: Copilot let every service reach every backend by service discovery, but here a caller names the backends it calls, and the components refuse a call cycle, so the converter does not make backends call each other. Name in %s's `calls` only the backends it does call (as organization/<app>-<backend>/<env>), with no cycle.", s.m.Name, list, s.m.Name)
	case "worker", "job":
		what := map[string]string{"worker": "worker", "job": "scheduled job"}[s.kind]
		c.warn("The %s %s reaches no backend (%s): Copilot let every service reach every backend by service discovery, but in these components only web services and backends call backends through Service Connect, so a %s cannot be given `calls`. If it calls one, turn it into a backend (a Backend Service that names the backends in `calls`), or reach the backend another way: a queue the backend reads, or a web service's path on the load balancer.", what, s.m.Name, list, what)
	}
}

// route gives the web services their place on the platform's load
// balancer: its name, the team, and rule priorities that try longer
// paths first and the catch-all last, as Copilot orders its rules.
func (c *converter) route(e *envStack) {
	var webs []*svcStack
	for _, s := range e.services {
		if s.kind == "web" {
			webs = append(webs, s)
		}
	}
	sort.SliceStable(webs, func(i, j int) bool {
		a, b := webs[i], webs[j]
		if (a.pathLen == 0) != (b.pathLen == 0) {
			return b.pathLen == 0
		}
		if a.pathLen != b.pathLen {
			return a.pathLen > b.pathLen
		}
		if (len(a.hosts) > 0) != (len(b.hosts) > 0) {
			return len(a.hosts) > 0
		}
		return a.m.Name < b.m.Name
	})
	for i, s := range webs {
		s.cfg.gen("loadBalancer", "main", "the platform's one load balancer")
		s.cfg.gen("team", c.ws.App, "the platform's one team, named after the application")
		s.cfg.gen("priority", (i+1)*10, "rule priorities try longer paths first and the catch-all (/) last, as Copilot orders its rules; steps of 10 leave room between them")
	}
}

// requiredKeys are the keys a stack is nothing without: when the
// components refuse one, the stack is left out rather than deployed
// without it.
var requiredKeys = []string{"kind", "name", "image", "appPath", "containerPort", "schedule", "paths", "platformStack", "loadBalancer", "team", "priority", "calls"}

// check runs the service program's config reader on each service stack
// (Options.Check). A refused key, or entry of one, is taken out and the
// stack checked again; a refused key the stack cannot do without leaves
// the stack out (refused). What each stack needs of the platform's
// endpoints is kept for it.
func (c *converter) check(e *envStack) {
	var kept []*svcStack
	for _, s := range e.services {
		if c.checkStack(e, s) {
			kept = append(kept, s)
		}
	}
	e.services = kept
}

// checkStack checks one stack; false leaves it out.
func (c *converter) checkStack(e *envStack, s *svcStack) bool {
	if c.opts.Check == nil {
		for _, ep := range localEndpoints(s.cfg) {
			e.endpoints[ep] = append(e.endpoints[ep], s.m.Name)
		}
		return true
	}
	for range 20 {
		eps, err := c.opts.Check(s.cfg.project, s.cfg.lookup)
		if err == nil {
			for _, ep := range eps {
				e.endpoints[ep] = append(e.endpoints[ep], s.m.Name)
			}
			return true
		}
		if c.refused(e, s, err) {
			return false
		}
	}
	e.skipped = append(e.skipped, skippedStack{m: s.m, why: "the components' checks did not settle"})
	return false
}

// splitProblems lists the problems an error holds, one a line, as the
// stacks package's ConfigError and errors.Join print them.
func splitProblems(err error) []string {
	var multi interface{ Unwrap() []error }
	if errors.As(err, &multi) {
		var out []string
		for _, e := range multi.Unwrap() {
			out = append(out, splitProblems(e)...)
		}
		return out
	}
	var out []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// problemKey is the stack key a problem names ("app-api:cpu: ..." or
// "cpu: ..."), its top-level part, or "" when it names none.
func problemKey(project, p string) string {
	p = strings.TrimPrefix(p, project+":")
	head, _, found := strings.Cut(p, ": ")
	if !found || strings.ContainsAny(head, " ") {
		return ""
	}
	head, _, _ = strings.Cut(head, ".")
	head, _, _ = strings.Cut(head, "[")
	return head
}

// localEndpoints derives the endpoints a stack needs beyond the base set
// from its keys with the network package's endpoint set, when no checker
// runs.
func localEndpoints(cfg *stackConfig) []string {
	var f network.EndpointFeatures
	secrets := func(m map[string]string) {
		for _, arn := range m {
			f.SecretsManager = f.SecretsManager || strings.Contains(arn, ":secretsmanager:")
			f.ParameterStore = f.ParameterStore || strings.Contains(arn, ":ssm:")
		}
	}
	if m, ok := cfg.values["secrets"].(map[string]string); ok {
		secrets(m)
	}
	if list, ok := cfg.values["sidecars"].([]obj); ok {
		for _, sc := range list {
			if m, ok := sc.get("secrets"); ok {
				secrets(m.(map[string]string))
			}
		}
	}
	f.Exec = cfg.values["enableExecuteCommand"] == true
	f.Xray = cfg.values["tracing"] == "xray"
	f.ServiceConnect = cfg.values["kind"] == "backend" || cfg.has("calls")
	f.Sqs = cfg.values["kind"] == "worker"
	var out []string
	for _, ep := range network.EndpointSet(f) {
		switch ep.Service {
		case "ecr.api", "ecr.dkr", "logs", "s3":
		default:
			out = append(out, ep.Service)
		}
	}
	return out
}

// finishPlatform sets what the services need of the platform: the
// endpoints, the pull-through cache rules, Service Connect, ECS Exec
// logging, the load balancer's names and the team.
func (c *converter) finishPlatform(e *envStack) {
	p := e.platform
	need := map[string][]string{}
	for ep, who := range e.endpoints {
		need[ep] = append(need[ep], who...)
	}
	for ep, who := range e.extraEndpoints {
		need[ep] = append(need[ep], who...)
	}
	// ECS Exec needs kms only to decrypt sessions under a customer key
	// (BRIEF fact 2), and the converted platform has none: Copilot's
	// environments had no key either.
	if !p.has("kmsKey") {
		delete(need, "kms")
	}
	if len(need) > 0 {
		var names, why []string
		for _, ep := range sortedKeys(need) {
			who := slices.Compact(slices.Sorted(slices.Values(need[ep])))
			names = append(names, ep)
			why = append(why, ep+" ("+strings.Join(who, ", ")+")")
		}
		p.gen("endpoints", names, "what the services need beyond ecr.api, ecr.dkr, logs and s3: "+strings.Join(why, ", "))
	}
	if len(e.cache) > 0 {
		var why []string
		for _, r := range e.cache {
			up, _ := r.get("upstream")
			why = append(why, fmt.Sprintf("%v for %s", up, strings.Join(e.cacheWhy[up.(string)], ", ")))
		}
		p.gen("pullThroughCache", e.cache, "the tasks pull these registries' images through ECR, with no NAT: "+strings.Join(why, "; "))
	}
	backends := false
	for _, s := range e.services {
		backends = backends || s.kind == "backend"
	}
	if !backends {
		p.del("serviceConnect")
	} else {
		p.gen("serviceConnect", obj{{"namespace", c.ws.App + "-" + e.name}}, "the backends are published in this Service Connect namespace, and the web services call them in it")
	}
	if len(need) == 0 {
		p.del("endpoints")
	}
	exec := false
	for _, s := range e.services {
		exec = exec || s.cfg.values["enableExecuteCommand"] == true
	}
	if !exec {
		p.del("exec")
	} else {
		p.gen("exec", obj{{"logRetentionDays", 30}}, "services take ECS Exec sessions (exec: true); the cluster logs them for 30 days, Copilot's log retention")
	}
	c.insights(e)
	c.names(e)
	webs := 0
	for _, s := range e.services {
		if s.kind == "web" {
			webs++
		}
	}
	p.gen("loadBalancers", []obj{e.lb}, "one load balancer, main, for the web services")
	p.gen("teams", []obj{{{"name", c.ws.App}, {"loadBalancer", "main"}, {"maxServices", max(defaultTeamServices, webs)}}},
		"one team, named after the application, with room for its web services (10 at least)")
}

// names gives the load balancer the services' aliases: with a
// certificate of the environment's, the names it must cover; without
// one, a certificate the platform requests for them in the hosted zone.
func (c *converter) names(e *envStack) {
	hosts := slices.Compact(slices.Sorted(slices.Values(e.hosts)))
	if len(hosts) == 0 {
		return
	}
	if _, ok := e.lb.get("certificateArn"); ok {
		c.warn("The %s load balancer serves the environment's certificate; it must cover %s, and each name needs a DNS record pointing at the load balancer's DNS name, which the platform does not write with an imported certificate.", e.name, strings.Join(hosts, ", "))
		return
	}
	e.lb = e.lb.with("https", true).with("domainName", hosts[0])
	if len(hosts) > 1 {
		e.lb = e.lb.with("hostNames", hosts[1:])
	}
	if e.hostedZoneID != "" {
		e.lb = e.lb.with("hostedZoneId", e.hostedZoneID)
		return
	}
	labels := strings.Split(hosts[0], ".")
	zone := hosts[0]
	if len(labels) > 2 {
		zone = strings.Join(labels[len(labels)-2:], ".")
	}
	e.lb = e.lb.with("hostedZoneName", zone)
	c.warn("The %s platform requests a certificate for %s and validates it in the hosted zone %s, a guess from the first name: Copilot kept the application's domain outside the manifests. Set loadBalancers[0].hostedZoneName (or hostedZoneId) to the zone that holds the names.", e.name, strings.Join(hosts, ", "), zone)
}

// insightsDefaultWhy is why an environment that does not mention
// Container Insights gets them disabled.
const insightsDefaultWhy = "Copilot leaves Container Insights off unless observability.container_insights is true, and the platform's default is enabled; set enabled to pay for its metrics"

// insights turns Container Insights on for an environment whose
// services have alarms (alarms: true) when Copilot had them off: the
// components' RunningTasks alarm reads DesiredTaskCount and
// RunningTaskCount in the ECS/ContainerInsights namespace, which only a
// cluster with Container Insights on publishes, so with them off the
// alarm never gets data. It runs again when stacks are left out, so it
// also puts back what the manifest said.
func (c *converter) insights(e *envStack) {
	if e.insightsOn {
		return
	}
	var who []string
	for _, s := range e.services {
		if s.cfg.values["alarms"] == true {
			who = append(who, s.m.Name)
		}
	}
	sort.Strings(who)
	e.insightsFor = who
	var o *outcome
	if e.insightsOff != "" {
		o = c.rec.out(e.m.File, e.insightsOff, e.name, e.platform)
		o.sets, o.notes = []setting{{key: "containerInsights", value: "disabled"}}, nil
	}
	if len(who) == 0 {
		if e.insightsOff == "" {
			e.platform.gen("containerInsights", "disabled", insightsDefaultWhy)
			return
		}
		e.platform.set("containerInsights", "disabled")
		e.platform.generated = slices.DeleteFunc(e.platform.generated, func(g generated) bool { return g.key == "containerInsights" })
		return
	}
	why := fmt.Sprintf("enabled although Copilot had Container Insights off: the components give a service with alarms (alarms: true; here %s) a RunningTasks alarm on the ECS/ContainerInsights metrics, which only a cluster with Container Insights on publishes. %s",
		strings.Join(who, ", "), insightsCost)
	e.platform.gen("containerInsights", "enabled", why)
	if o != nil {
		o.sets = nil
		o.notes = []string{"`" + e.platform.project + ":containerInsights` = `enabled`, not disabled: " + why}
	}
}

// insightsCost is what Container Insights costs, which the project's
// price table does not hold.
const insightsCost = "Container Insights is billed as CloudWatch custom metrics, per cluster, service and task metric; the project's price table does not price it, so the cost section leaves it out"
