package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// typeHttpNamespace is a Cloud Map HTTP namespace, which a cluster makes
// for Service Connect.
const typeHttpNamespace = "aws:servicediscovery/httpNamespace:HttpNamespace"

// Service Connect's proxy share of a task, as AWS recommends it ("Service
// Connect components", proxy resources: "an additional 256 CPU units and
// at least 64 MiB of memory").
const (
	proxyCPU    = 256
	proxyMemory = 64
)

// ServiceConnect is what the stack's ECS services do with ECS Service
// Connect: the namespaces they are in, the servers published there, and
// the calls between services, read from the security group rules that
// carry them.
type ServiceConnect struct {
	Namespaces []ConnectNamespace `json:"namespaces"`
	// Services are the services with Service Connect on: servers and
	// clients alike.
	Services []ConnectService `json:"services"`
	// Calls are the traffic paths from a caller to a server, one per
	// pair of <caller>-calls-<server> rules.
	Calls []ConnectCall `json:"calls"`
}

// ConnectNamespace is a Cloud Map namespace services join.
type ConnectNamespace struct {
	Name string `json:"name"`
	// Resource is the namespace's resource name in this stack; empty for
	// the platform's or another stack's.
	Resource string `json:"resource,omitempty"`
	Arn      string `json:"arn"`
	// Owner says whose it is: "this stack", or the platform's name.
	Owner string `json:"owner"`
}

// ConnectService is one service with Service Connect on.
type ConnectService struct {
	Service   string `json:"service"`
	Namespace string `json:"namespace"`
	// Server is what it publishes, nil for a client only.
	Server *ConnectServer `json:"server,omitempty"`
	// TaskCPU and TaskMemory are its task's size (CPU units, MiB), which
	// the proxy shares with the app.
	TaskCPU    int `json:"taskCpu"`
	TaskMemory int `json:"taskMemory"`
	// Note warns when the task leaves the app too little beside the
	// proxy's recommended share.
	Note string `json:"note,omitempty"`

	resource string // the ECS service's resource name
}

// ConnectServer is a name a service publishes: callers reach it as
// http://<Alias>:<Port>.
type ConnectServer struct {
	DiscoveryName string `json:"discoveryName"`
	Alias         string `json:"alias"`
	Port          int    `json:"port"`
	PortName      string `json:"portName"`
	// Protocol is the port's appProtocol: http, http2 or grpc, or tcp
	// when it has none.
	Protocol string `json:"protocol"`
	// Callers are the services whose rules let them call it.
	Callers []string `json:"callers"`
}

// ConnectCall is one caller's path to one server.
type ConnectCall struct {
	Caller string `json:"caller"`
	// Server is the server's discovery name, and Service the service that
	// publishes it; Service is empty for a server of another stack.
	Server  string `json:"server"`
	Service string `json:"service,omitempty"`
	Port    int    `json:"port"`
	Egress  string `json:"egress,omitempty"`
	Ingress string `json:"ingress,omitempty"`
	// Open is false when a rule is missing, so the call is dropped.
	Open bool `json:"open"`
	// Note says what is wrong with the call, when something is.
	Note string `json:"note,omitempty"`
}

// Path renders the call as "api → ledger:8080".
func (c ConnectCall) Path() string { return fmt.Sprintf("%s → %s:%d", c.Caller, c.Server, c.Port) }

// serviceConnect reads the services' Service Connect configurations and
// the call rules; nil when no service turns Service Connect on and no
// rule calls one.
func serviceConnect(ix *index, svcs []Service, hops []Hop, platform *components.PlatformContract) *ServiceConnect {
	sc := &ServiceConnect{}
	namespaces := map[string]ConnectNamespace{}
	for _, r := range ix.byType[typeHttpNamespace] {
		ns := ConnectNamespace{Name: str(r.Inputs, "name"), Resource: r.Name, Arn: str(r.Outputs, "arn"), Owner: "this stack"}
		namespaces[ns.Arn] = ns
	}
	if platform != nil && platform.Cluster.ServiceConnect != nil {
		p := platform.Cluster.ServiceConnect
		namespaces[p.NamespaceArn] = ConnectNamespace{Name: p.Namespace, Arn: p.NamespaceArn, Owner: "platform " + platform.Name}
	}
	used := map[string]bool{}
	byName := map[string]*awsmock.Resource{}
	for _, s := range svcs {
		if r, ok := ix.byURN[s.URN]; ok {
			byName[s.Name] = r
		}
	}
	servers := map[string]string{} // discovery name -> service
	for _, s := range svcs {
		r := byName[s.Name]
		cfg := object(r.Inputs, "serviceConnectConfiguration")
		if on, _ := boolean(cfg, "enabled"); !on {
			continue
		}
		arn := str(cfg, "namespace")
		ns, ok := namespaces[arn]
		if !ok {
			ns = ConnectNamespace{Name: arn, Arn: arn, Owner: "not in this stack"}
			if arn == "" {
				ns = ConnectNamespace{Name: "the cluster's default", Owner: "the cluster"}
			}
			namespaces[arn] = ns
		}
		used[arn] = true
		cs := ConnectService{Service: s.Name, Namespace: ns.Name, resource: s.Resource}
		td, hasTD := taskDefinitionOf(ix, r)
		if hasTD {
			cpu, _ := num(td.Inputs, "cpu")
			mem, _ := num(td.Inputs, "memory")
			cs.TaskCPU, cs.TaskMemory = int(cpu), int(mem)
			if cs.TaskCPU > 0 && cs.TaskCPU <= proxyCPU {
				cs.Note = fmt.Sprintf("the task has %d CPU units, no more than the %d AWS recommends for the proxy alone; give the task %d or more", cs.TaskCPU, proxyCPU, 2*proxyCPU)
			}
		}
		for _, srv := range objects(cfg, "services") {
			server := &ConnectServer{DiscoveryName: str(srv, "discoveryName"), PortName: str(srv, "portName"), Protocol: "tcp"}
			if server.DiscoveryName == "" {
				server.DiscoveryName = server.PortName
			}
			server.Alias = server.DiscoveryName
			if aliases := objects(srv, "clientAlias"); len(aliases) > 0 {
				port, _ := num(aliases[0], "port")
				server.Port = int(port)
				if dns := str(aliases[0], "dnsName"); dns != "" {
					server.Alias = dns
				}
			}
			if hasTD {
				for _, c := range containerDefs(td) {
					for _, pm := range c.PortMappings {
						if pm.Name == server.PortName {
							if pm.AppProtocol != "" {
								server.Protocol = pm.AppProtocol
							}
							if server.Port == 0 {
								server.Port = pm.ContainerPort
							}
						}
					}
				}
			}
			servers[server.DiscoveryName] = s.Name
			cs.Server = server
		}
		sc.Services = append(sc.Services, cs)
	}
	sc.Calls = connectCalls(ix, hops, servers)
	for i := range sc.Services {
		srv := sc.Services[i].Server
		if srv == nil {
			continue
		}
		for _, c := range sc.Calls {
			if c.Server == srv.DiscoveryName {
				srv.Callers = appendNew(srv.Callers, c.Caller)
			}
		}
		sort.Strings(srv.Callers)
		nonNil(&srv.Callers)
	}
	for i, c := range sc.Calls {
		if c.Note == "" && !slices.ContainsFunc(sc.Services, func(s ConnectService) bool { return s.Service == c.Caller }) {
			sc.Calls[i].Note = fmt.Sprintf("%s has rules to call %s but no Service Connect of its own, so it cannot resolve the name", c.Caller, c.Server)
		}
	}
	if len(sc.Services) == 0 && len(sc.Calls) == 0 {
		return nil
	}
	for arn, ns := range namespaces {
		if used[arn] || ns.Owner == "this stack" {
			sc.Namespaces = append(sc.Namespaces, ns)
		}
	}
	sort.Slice(sc.Namespaces, func(i, j int) bool { return sc.Namespaces[i].Name < sc.Namespaces[j].Name })
	sort.Slice(sc.Services, func(i, j int) bool { return sc.Services[i].Service < sc.Services[j].Service })
	nonNil(&sc.Namespaces)
	nonNil(&sc.Services)
	nonNil(&sc.Calls)
	return sc
}

// connectCalls pairs the <caller>-calls-<server>-out and -in rules into
// calls: the caller is the workload the rules belong to, the server the
// name between "calls-" and the direction. A call is open when its hop
// is.
func connectCalls(ix *index, hops []Hop, servers map[string]string) []ConnectCall {
	type key struct{ caller, server string }
	calls := map[key]*ConnectCall{}
	var order []key
	for _, typ := range []string{typeEgressRule, typeIngressRule} {
		for _, r := range ix.byType[typ] {
			caller := workloadOf(ix, r)
			prefix := caller + "-calls-"
			if caller == "" || !strings.HasPrefix(r.Name, prefix) {
				continue
			}
			rest := strings.TrimPrefix(r.Name, prefix)
			server, dir := rest, ""
			if i := strings.LastIndex(rest, "-"); i > 0 {
				server, dir = rest[:i], rest[i+1:]
			}
			k := key{caller, server}
			c, ok := calls[k]
			if !ok {
				c = &ConnectCall{Caller: caller, Server: server, Service: servers[server]}
				calls[k] = c
				order = append(order, k)
			}
			port, _ := num(r.Inputs, "fromPort")
			c.Port = int(port)
			switch {
			case typ == typeEgressRule && dir == "out":
				c.Egress = r.Name
			case typ == typeIngressRule && dir == "in":
				c.Ingress = r.Name
			}
		}
	}
	var out []ConnectCall
	for _, k := range order {
		c := calls[k]
		for _, h := range hops {
			if (c.Egress != "" && h.Egress == c.Egress) || (c.Ingress != "" && h.Ingress == c.Ingress) {
				c.Open = h.Open
				if !h.Open {
					c.Note = h.Note
				}
				break
			}
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Caller != out[j].Caller {
			return out[i].Caller < out[j].Caller
		}
		return out[i].Server < out[j].Server
	})
	return out
}

// writeServiceConnect renders the Service Connect section.
func (p *Plan) writeServiceConnect(b *strings.Builder) {
	sc := p.ServiceConnect
	b.WriteString("Service Connect (names services call each other by, and who calls whom)\n")
	for _, ns := range sc.Namespaces {
		where := ns.Owner
		if ns.Resource != "" {
			where += ", " + ns.Resource
		}
		fmt.Fprintf(b, "  namespace %s (%s)\n", ns.Name, where)
	}
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, s := range sc.Services {
		task := fmt.Sprintf("task %d CPU / %d MiB, the proxy's share 256 / 64", s.TaskCPU, s.TaskMemory)
		var calls []string
		for _, c := range sc.Calls {
			if c.Caller == s.Service {
				calls = append(calls, c.Server)
			}
		}
		role := "calls " + strings.Join(calls, ", ")
		if len(calls) == 0 {
			role = "calls nothing"
		}
		if s.Server == nil {
			fmt.Fprintf(tw, "  %s\tclient only\t%s\t%s\n", s.Service, role, task)
			continue
		}
		callers := "called by no service of this stack"
		if len(s.Server.Callers) > 0 {
			callers = "called by " + strings.Join(s.Server.Callers, ", ")
		}
		if len(calls) > 0 {
			callers += "; " + role
		}
		fmt.Fprintf(tw, "  %s\tserves http://%s:%d (%s)\t%s\t%s\n", s.Service, s.Server.Alias, s.Server.Port, s.Server.Protocol, callers, task)
	}
	tw.Flush()
	for _, s := range sc.Services {
		if s.Note != "" {
			fmt.Fprintf(b, "  NOTE %s: %s\n", s.Service, s.Note)
		}
	}
	if len(sc.Calls) == 0 {
		b.WriteString("  Calls: none; no security group rule lets one service call another.\n")
		return
	}
	b.WriteString("  Calls (from the <caller>-calls-<server> rules):\n")
	tw = tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, c := range sc.Calls {
		mark := ""
		if !c.Open {
			mark = "  DROPPED"
		}
		rules := strings.Join(slices.DeleteFunc([]string{"egress " + c.Egress, "ingress " + c.Ingress}, func(s string) bool { return strings.HasSuffix(s, " ") }), " + ")
		fmt.Fprintf(tw, "    %s\t%s%s\n", c.Path(), rules, mark)
	}
	tw.Flush()
	for _, c := range sc.Calls {
		if c.Note != "" {
			fmt.Fprintf(b, "  NOTE %s: %s\n", c.Path(), c.Note)
		}
	}
}
