package service

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// resolvedRoute is a service's listener rule as it will be created.
type resolvedRoute struct {
	hosts, paths []string
	priority     int
	listenerArn  pulumi.StringInput
}

// checkServiceRoute checks a service's own route against ALB's rules and
// against the load balancer's contract: the listener exists, the team has
// a block and an explicit priority is inside it, and every host on the
// HTTPS listener is one its certificate covers (a client that asks for
// another name fails its TLS handshake before the rule is ever read).
func checkServiceRoute(p *check.Problems, field string, r ServiceRoute, l edge.LoadBalancerContract) {
	edge.CheckConditions(p, field, r.Hosts, r.Paths)
	switch r.Listener {
	case edge.ListenerHttp:
	case edge.ListenerHttps:
		if !l.Https {
			p.Add(field+".Listener", "load balancer %s has no HTTPS listener; use %q, or give the load balancer a certificate", l.Name, edge.ListenerHttp)
		}
	default:
		p.Add(field+".Listener", "%q is not a listener; use %q or %q", r.Listener, edge.ListenerHttps, edge.ListenerHttp)
	}
	block, ok := l.PriorityRange(r.Team)
	if !ok {
		var teams []string
		for _, b := range l.PriorityRanges {
			teams = append(teams, fmt.Sprintf("%q", b.Team))
		}
		p.Add(field+".Team", "load balancer %s gives no priority block to team %q; use one of %s, or ask the platform team for a block", l.Name, r.Team, strings.Join(teams, ", "))
	} else if r.Priority != 0 && (r.Priority < block.From || r.Priority > block.To) {
		p.Add(field+".Priority", "%d is outside team %q's block %d-%d on load balancer %s; use a priority in the block, or 0 to derive one", r.Priority, r.Team, block.From, block.To, l.Name)
	}
	if r.Listener == edge.ListenerHttps && len(l.CertificateHosts) > 0 {
		for k, h := range r.Hosts {
			if !certificateCovers(l.CertificateHosts, h) {
				p.Add(fmt.Sprintf("%s.Hosts[%d]", field, k), "%s is not a name the certificate of load balancer %s covers (%s), so a browser's TLS handshake fails before the rule is read; use a covered host, or add it to the load balancer's Ingress.HostNames",
					h, l.Name, strings.Join(l.CertificateHosts, ", "))
			}
		}
	}
}

// certificateCovers tells whether a certificate for names serves host: a
// name equal to it, or a wildcard "*.example.com" for a host one label
// under example.com (a wildcard covers one label only: RFC 6125, section
// 6.4.3, as ACM applies it). A host pattern with wildcards of its own is
// covered only by the same name.
func certificateCovers(names []string, host string) bool {
	host = strings.ToLower(host)
	for _, n := range names {
		n = strings.ToLower(n)
		if n == host {
			return true
		}
		if base, ok := strings.CutPrefix(n, "*."); ok && !strings.ContainsAny(host, "*?") {
			if label, rest, found := strings.Cut(host, "."); found && label != "" && rest == base {
				return true
			}
		}
	}
	return false
}

// resolveRoute gives the service's rule its listener and priority, and
// refuses a priority another rule holds: one the load balancer gave a
// route of its own, one another service of this program took, or one a
// rule already holds on the live listener, found with a look-up when the
// listener's ARN is known. It returns nil for a service on the load
// balancer's default target.
func (a WebServiceArgs) resolveRoute(ctx *pulumi.Context, name string, opts []pulumi.ResourceOption) (*resolvedRoute, check.Problems) {
	l := a.LoadBalancer.LoadBalancerContract()
	ruleListener := l.HttpListenerArn
	if l.Https {
		ruleListener = l.HttpsListenerArn
	}
	r := a.Route
	if r == nil {
		route, priority, ok := l.Route(name)
		if !ok {
			return nil, nil
		}
		return &resolvedRoute{hosts: route.Hosts, paths: route.Paths, priority: priority, listenerArn: ruleListener}, nil
	}
	var p check.Problems
	listener := l.HttpListenerArn
	if r.Listener == edge.ListenerHttps {
		listener = l.HttpsListenerArn
	}
	block, _ := l.PriorityRange(r.Team)
	priority := r.Priority
	how := "set in Route.Priority"
	if priority == 0 {
		priority = edge.DerivedPriority(name, block)
		how = fmt.Sprintf("derived from the name in team %q's block %d-%d", r.Team, block.From, block.To)
	}
	fix := fmt.Sprintf("set Route.Priority to another number in %d-%d", block.From, block.To)
	onRuleListener := r.Listener == edge.ListenerHttps == l.Https
	for _, other := range l.Routes {
		if onRuleListener && l.Priorities[other.Service] == priority {
			p.Add("Route.Priority", "%d (%s) is the priority load balancer %s gives %s's route; %s", priority, how, l.Name, other.Service, fix)
		}
	}
	arn, arnKnown := KnownString(listener)
	key := l.Name + "/" + r.Listener
	if arnKnown {
		key = arn
	}
	if holder := claimPriority(ctx, key, priority, name); holder != name {
		p.Add("Route.Priority", "%d (%s) is already service %s's on the %s listener of load balancer %s; %s", priority, how, holder, r.Listener, l.Name, fix)
	}
	if arnKnown && len(p) == 0 {
		invokeOpts, err := piece.InvokeOptions(opts)
		if err != nil {
			p.Add("Route", "%v", err)
			return nil, p
		}
		if held, err := liveRule(ctx, arn, priority, name, invokeOpts); err != nil {
			p.Add("Route.Priority", "look up priority %d on listener %s: %v", priority, arn, err)
		} else if held != "" {
			p.Add("Route.Priority", "%d (%s) is held on the %s listener of load balancer %s by rule %s; %s", priority, how, r.Listener, l.Name, held, fix)
		}
	}
	return &resolvedRoute{hosts: r.Hosts, paths: r.Paths, priority: priority, listenerArn: listener}, p
}

// liveRule looks up the rule at priority on the listener and returns its
// ARN when another owner's rule holds it, or "" when the priority is free
// or held by this service's own rule, as a later deploy finds it: its
// tags name this project and stack, and this service as its component
// (which the service's Tags cannot change) or its rule by Name (which
// they can).
func liveRule(ctx *pulumi.Context, listenerArn string, priority int, service string, opts []pulumi.InvokeOption) (string, error) {
	rule, err := lb.LookupListenerRule(ctx, &lb.LookupListenerRuleArgs{ListenerArn: &listenerArn, Priority: &priority}, opts...)
	if err != nil {
		if ruleNotFound(err) {
			return "", nil
		}
		return "", err
	}
	t := rule.Tags
	if t["project"] == ctx.Project() && t["stack"] == ctx.Stack() && (t["component"] == service || t["Name"] == service+"-rule") {
		return "", nil
	}
	return rule.Arn, nil
}

// ruleNotFound tells whether a listener rule look-up failed because no
// rule holds the priority: the provider reports an empty result.
func ruleNotFound(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "empty result") || strings.Contains(msg, "not found") || strings.Contains(msg, "notfound")
}

// KnownString is a string input's value when it is a literal.
func KnownString(in pulumi.StringInput) (string, bool) {
	if s, ok := in.(pulumi.String); ok {
		return string(s), true
	}
	return "", false
}

// knownLen is a string array input's length when it is a literal.
func knownLen(in pulumi.StringArrayInput) (int, bool) {
	if in == nil {
		return 0, true
	}
	if arr, ok := in.(pulumi.StringArray); ok {
		return len(arr), true
	}
	return 0, false
}

// programClaims are the rule priorities this program's services have
// taken, per program run (its context, or the scope ShareRuleClaims gives
// it) and listener: two services of one program that derive the same
// priority are refused before either registers, which a look-up cannot
// do (neither rule exists yet).
var programClaims sync.Map // *pulumi.Context or a shared scope -> *priorityClaims

// claimScopes are the scopes ShareRuleClaims gave contexts.
var claimScopes sync.Map // *pulumi.Context -> scope

// ShareRuleClaims makes the services built in ctx keep their listener
// rule priorities, and their count of rules on other pieces' security
// groups, in scope, with those of every other context given the
// same scope, instead of in ctx alone. A component provider builds each
// service in a context of its own; it gives all the contexts of one
// deployment one scope, so that two services of that deployment that take
// the same priority are refused as they are in one Go program. scope must
// be comparable.
func ShareRuleClaims(ctx *pulumi.Context, scope any) {
	claimScopes.Store(ctx, scope)
}

// claimScope is where ctx keeps its claims: the scope ShareRuleClaims
// gave it, or ctx itself.
func claimScope(ctx *pulumi.Context) any {
	if scope, ok := claimScopes.Load(ctx); ok {
		return scope
	}
	return ctx
}

type priorityClaims struct {
	mu sync.Mutex
	by map[string]string // listener + "#" + priority -> service
}

// claimPriority records service's priority on the listener and returns
// the service that holds it: service itself, or the one that took it
// first.
func claimPriority(ctx *pulumi.Context, listener string, priority int, service string) string {
	v, _ := programClaims.LoadOrStore(claimScope(ctx), &priorityClaims{by: map[string]string{}})
	c := v.(*priorityClaims)
	c.mu.Lock()
	defer c.mu.Unlock()
	k := fmt.Sprintf("%s#%d", listener, priority)
	if holder, ok := c.by[k]; ok {
		return holder
	}
	c.by[k] = service
	return service
}

// sharedRuleClaims are, per program run, the services that added a rule
// to another piece's security group: the load balancer's group gets an
// outbound rule per service without TargetPorts, the endpoint group an
// inbound rule per service without SharedEndpointAccess. Counting them
// refuses the service that would pass the group's quota before it
// registers, where AWS would refuse its rule mid-deploy
// (RulesPerSecurityGroupLimitExceeded).
var sharedRuleClaims sync.Map // *pulumi.Context or a shared scope -> *ruleClaims

type ruleClaims struct {
	mu sync.Mutex
	by map[string][]string // group -> services
}

// claimSharedRule records that service adds a rule to group and returns
// how many services have.
func claimSharedRule(ctx *pulumi.Context, group, service string) int {
	v, _ := sharedRuleClaims.LoadOrStore(claimScope(ctx), &ruleClaims{by: map[string][]string{}})
	c := v.(*ruleClaims)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.Contains(c.by[group], service) {
		c.by[group] = append(c.by[group], service)
	}
	return len(c.by[group])
}

// checkSharedRules refuses a service whose rule would pass the default
// quota of the load balancer's or the endpoints' group (Amazon VPC quota
// "Inbound or outbound rules per security group": 60 a direction).
func checkSharedRules(ctx *pulumi.Context, name string, n network.NetworkContract, l edge.LoadBalancerContract, bridge bool) check.Problems {
	var p check.Problems
	if bridge {
		return p
	}
	if l.TargetSecurityGroupId == nil {
		if k := claimSharedRule(ctx, "alb-egress/"+l.Name, name); k > check.MaxRulesPerGroup {
			p.Add("LoadBalancer", "service %s would add outbound rule number %d to load balancer %s's group, which holds %d (Amazon VPC quota %q); give the load balancer TargetPorts, so that tasks join its targets group instead",
				name, k, l.Name, check.MaxRulesPerGroup, check.QuotaGroupRules)
		}
	}
	if n.EndpointClientSecurityGroupId == nil {
		if k := claimSharedRule(ctx, "endpoint-ingress/"+n.Name, name); k > check.MaxRulesPerGroup {
			p.Add("Network", "service %s would add inbound rule number %d to network %s's endpoint group, which holds %d (Amazon VPC quota %q); set the network's SharedEndpointAccess, so that tasks join its endpoint clients group instead",
				name, k, n.Name, check.MaxRulesPerGroup, check.QuotaGroupRules)
		}
	}
	return p
}
