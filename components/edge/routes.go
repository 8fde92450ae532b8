package edge

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// ALB listener rule limits (Elastic Load Balancing User Guide for ALBs,
// "Listener rules" and "Quotas for your Application Load Balancers").
const (
	// maxRulePriority: priorities run 1 to 50000 and are unique per listener.
	maxRulePriority = 50000
	// maxConditionValues: one rule holds at most five condition values in
	// all (host headers plus path patterns here).
	maxConditionValues = 5
	// maxConditionLength is the longest host header or path pattern.
	maxConditionLength = 128
	// DerivedPriorityRange: derived priorities fall in 1..49999, leaving
	// 50000 for a catch-all.
	DerivedPriorityRange = maxRulePriority - 1
)

var (
	// hostPattern: letters, digits, hyphens, dots, and the * and ? wildcards.
	hostPattern = regexp.MustCompile(`^[A-Za-z0-9.*?-]+$`)
	// pathPatternChars: what an ALB path pattern may hold.
	pathPatternChars = regexp.MustCompile(`^/[A-Za-z0-9_\-.$/~"'@:+&*?]*$`)
)

// isCatchAll tells whether a route matches every request.
func (r ListenerRoute) isCatchAll() bool {
	return len(r.Hosts) == 0 && len(r.Paths) == 1 && r.Paths[0] == "/*"
}

// conditionKey identifies a route's conditions regardless of their order.
func (r ListenerRoute) conditionKey() string {
	h, p := slices.Clone(r.Hosts), slices.Clone(r.Paths)
	slices.Sort(h)
	slices.Sort(p)
	return "hosts=" + strings.Join(h, ",") + " paths=" + strings.Join(p, ",")
}

// RoutePriorities gives each route its listener rule priority, by service.
// An explicit priority is kept. A catch-all route takes 50000, the last.
// Every other route derives one from a hash of its service name, moving to
// the next free number on a collision; so adding a route leaves the
// others' priorities alone unless it collides with them.
func RoutePriorities(routes []ListenerRoute) map[string]int {
	out := map[string]int{}
	taken := map[int]bool{}
	for _, r := range routes {
		if r.Priority > 0 {
			out[r.Service] = r.Priority
			taken[r.Priority] = true
		}
	}
	for _, r := range routes {
		if r.Priority > 0 || !r.isCatchAll() {
			continue
		}
		p := maxRulePriority
		for taken[p] && p > 1 {
			p--
		}
		out[r.Service] = p
		taken[p] = true
	}
	for _, r := range routes {
		if r.Priority > 0 || r.isCatchAll() {
			continue
		}
		p := DerivedPriority(r.Service, PriorityRange{From: 1, To: DerivedPriorityRange})
		for tries := 0; taken[p] && tries < DerivedPriorityRange; tries++ {
			p = p%DerivedPriorityRange + 1
		}
		out[r.Service] = p
		taken[p] = true
	}
	return out
}

// checkRoutes applies ALB's rules to the routes of one load balancer.
func checkRoutes(p *check.Problems, field string, routes []ListenerRoute) {
	services := map[string]int{}
	priorities := map[int]int{}
	conditions := map[string]int{}
	for i, r := range routes {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case r.Service == "":
			p.Add(f+".Service", "no service is named; set the name of the WebService that takes this route")
		case !check.ComponentNamePattern.MatchString(r.Service):
			p.Add(f+".Service", "%q is not a service name; use the WebService's name, such as \"api\"", r.Service)
		}
		if j, dup := services[r.Service]; dup && r.Service != "" {
			p.Add(f+".Service", "%s already has route %d; give each service one route, with up to %d hosts and paths", r.Service, j, maxConditionValues)
		}
		services[r.Service] = i

		n := len(r.Hosts) + len(r.Paths)
		CheckConditions(p, f, r.Hosts, r.Paths)
		if n > 0 {
			key := r.conditionKey()
			if j, dup := conditions[key]; dup {
				p.Add(f, "%s has the same conditions as %s (route %d), so one of them never gets a request; change the hosts or paths", r.Service, routes[j].Service, j)
			}
			conditions[key] = i
		}

		if r.Priority != 0 {
			if r.Priority < 1 || r.Priority > maxRulePriority {
				p.Add(f+".Priority", "%d is out of range; use 1 to %d, or 0 to derive one", r.Priority, maxRulePriority)
			} else if j, dup := priorities[r.Priority]; dup {
				p.Add(f+".Priority", "%d is already %s's (route %d); priorities are unique per listener, so pick another or leave it 0", r.Priority, routes[j].Service, j)
			}
			priorities[r.Priority] = i
		}
	}
	if len(routes) > maxRulePriority {
		p.Add(field, "%d routes is more than one listener holds; use at most %d", len(routes), maxRulePriority)
	}
}

// CheckConditions applies ALB's limits to one rule's conditions: 1 to 5
// values in all (Elastic Load Balancing User Guide for ALBs, "Listener
// rules", condition types), each host header and path pattern of valid
// characters and at most 128 long.
func CheckConditions(p *check.Problems, f string, hosts, paths []string) {
	n := len(hosts) + len(paths)
	switch {
	case n == 0:
		p.Add(f, "the route has no condition; give it host headers, path patterns or both")
	case n > maxConditionValues:
		p.Add(f, "%d hosts and paths is more than the %d condition values one ALB rule holds; split it or use wildcards", n, maxConditionValues)
	}
	for k, h := range hosts {
		if len(h) > maxConditionLength || !hostPattern.MatchString(h) {
			p.Add(fmt.Sprintf("%s.Hosts[%d]", f, k), "%q is not a host header pattern; use up to %d letters, digits, hyphens, dots and the * or ? wildcards", h, maxConditionLength)
		}
	}
	for k, path := range paths {
		if len(path) > maxConditionLength || !pathPatternChars.MatchString(path) {
			p.Add(fmt.Sprintf("%s.Paths[%d]", f, k), "%q is not a path pattern; start it with / and use up to %d characters, with * and ? as wildcards", path, maxConditionLength)
		}
	}
}

// DerivedPriority is the listener rule priority a service named service
// takes in a block when it sets none: the block's first priority plus a
// hash of the name, so it depends on nothing but the name and the block,
// and adding or removing another service never moves it. On the whole
// range 1-49999 it is the priority RoutePriorities first tries.
func DerivedPriority(service string, block PriorityRange) int {
	h := fnv.New32a()
	h.Write([]byte(service))
	size := block.To - block.From + 1
	if size < 1 {
		return block.From
	}
	return block.From + int(h.Sum32()%uint32(size))
}
