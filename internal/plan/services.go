package plan

import (
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Service is one ECS service, and what the registered resources say
// about it: where its tasks run, the security groups that carry its
// traffic, the load balancers in front of it and the endpoints it needs.
type Service struct {
	// Name is its WebService's name, which the endpoints' needed-by tags
	// use, or the ECS service's resource name outside a WebService.
	Name     string `json:"name"`
	Resource string `json:"resource"`
	URN      string `json:"urn"`
	// DesiredCount is the tasks it runs (ECS's default 1 when unset).
	DesiredCount int `json:"desiredCount"`
	// Placement is how many of its tasks each capacity provider runs.
	Placement []ProviderTasks `json:"placement"`
	// TaskGroups are its tasks' security groups (awsvpc networking).
	TaskGroups []string `json:"taskGroups,omitempty"`
	// InstanceGroups are the Auto Scaling groups behind the EC2 capacity
	// providers its strategy names, and InstanceSecurityGroups their
	// instances' security groups.
	InstanceGroups         []string `json:"instanceGroups,omitempty"`
	InstanceSecurityGroups []string `json:"instanceSecurityGroups,omitempty"`
	// LoadBalancers are the ALBs whose listeners or rules forward to its
	// target groups.
	LoadBalancers []string `json:"loadBalancers,omitempty"`
	// Endpoints are the endpoints it needs, by short service name: those
	// whose needed-by tag names it, and those whose tag names no service
	// or was cut short (counted for every service).
	Endpoints []string `json:"endpoints"`
	// TaskDefinition is its task definition's resource name, and
	// Containers that task's containers, the app's first.
	TaskDefinition string      `json:"taskDefinition,omitempty"`
	Containers     []Container `json:"containers"`
	// Trace is the way its traces go, when its task runs the tracing
	// collector.
	Trace *TracePath `json:"trace,omitempty"`
}

// hopOwners say whose traffic a security group carries: specific groups
// belong to the services whose tasks or instances use them, broad ones
// (a load balancer's) to every service behind it.
type hopOwners struct {
	specific, broad map[string][]string // group name -> service names
}

// services reads every ECS service, sorted by name, and who owns which
// security group.
func services(ix *index, eps []Endpoint) ([]Service, hopOwners) {
	owners := hopOwners{specific: map[string][]string{}, broad: map[string][]string{}}
	var out []Service
	for _, svc := range ix.byType[typeEcsService] {
		s := Service{Name: serviceName(ix, svc), Resource: svc.Name, URN: svc.URN}
		items, desired := strategyOf(ix, svc)
		s.DesiredCount = desired
		s.Placement = SplitTasks(desired, items)
		s.TaskGroups = groupNames(ix, strs(object(svc.Inputs, "networkConfiguration"), "securityGroups"))
		for _, it := range items {
			asg := providerGroup(ix, it.Provider)
			if asg == nil {
				continue
			}
			s.InstanceGroups = appendNew(s.InstanceGroups, asg.Name)
			if lt := launchTemplateOf(ix, asg); lt != nil {
				for _, g := range groupNames(ix, instanceGroupIDs(lt)) {
					s.InstanceSecurityGroups = appendNew(s.InstanceSecurityGroups, g)
				}
			}
		}
		for _, lb := range loadBalancersOf(ix, svc) {
			s.LoadBalancers = appendNew(s.LoadBalancers, lb.Name)
			for _, g := range groupNames(ix, strs(lb.Inputs, "securityGroups")) {
				owners.broad[g] = appendNew(owners.broad[g], s.Name)
			}
		}
		for _, g := range append(slices.Clone(s.TaskGroups), s.InstanceSecurityGroups...) {
			owners.specific[g] = appendNew(owners.specific[g], s.Name)
		}
		for _, e := range eps {
			if e.neededBy(s.Name) {
				s.Endpoints = append(s.Endpoints, e.Service)
			}
		}
		if td, ok := taskDefinitionOf(ix, svc); ok {
			s.TaskDefinition = td.Name
			s.Containers, s.Trace = containersOf(td, eps)
		}
		nonNil(&s.Endpoints)
		nonNil(&s.Containers)
		nonNil(&s.Placement)
		sort.Strings(s.InstanceGroups)
		sort.Strings(s.InstanceSecurityGroups)
		sort.Strings(s.LoadBalancers)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	// A scheduled job's task group is the job's: its schedule or state
	// machine starts the tasks, with no ECS service.
	for _, l := range taskLaunchers(ix) {
		if l.by.Type == typeEcsService {
			continue
		}
		if job := workloadOf(ix, l.by); job != "" {
			for _, g := range groupNames(ix, l.groups) {
				owners.specific[g] = appendNew(owners.specific[g], job)
			}
		}
	}
	for _, m := range []map[string][]string{owners.specific, owners.broad} {
		for _, names := range m {
			sort.Strings(names)
		}
	}
	return out, owners
}

// attributeHops names the services each hop carries traffic for: the
// services whose tasks or instances are one of its ends; failing that, the
// services behind a load balancer that is one of its ends (the internet's
// way in is every routed service's). Other hops belong to no service.
func attributeHops(hops []Hop, owners hopOwners) {
	for i := range hops {
		h := &hops[i]
		var names []string
		for _, n := range []Node{h.From, h.To} {
			if n.Kind == KindSecurityGroup {
				for _, s := range owners.specific[n.Name] {
					names = appendNew(names, s)
				}
			}
		}
		if len(names) == 0 {
			for _, n := range []Node{h.From, h.To} {
				if n.Kind == KindSecurityGroup {
					for _, s := range owners.broad[n.Name] {
						names = appendNew(names, s)
					}
				}
			}
		}
		sort.Strings(names)
		h.Services = names
	}
}

// workloadTypes are the components whose name the endpoints' needed-by
// tags, the alarms and the plan use for what runs their tasks.
var workloadTypes = []string{service.WebServiceType, service.BackendServiceType, service.WorkerServiceType, service.ScheduledJobType}

// workloadOf is the name of the workload component r is a child of, or "".
func workloadOf(ix *index, r *awsmock.Resource) string {
	if p, ok := ix.byURN[r.Parent]; ok && slices.Contains(workloadTypes, p.Type) {
		return p.Name
	}
	return ""
}

// serviceName is the workload's name when the ECS service is one's
// child (a WebService or a BackendService), else the ECS service's own
// resource name.
func serviceName(ix *index, svc *awsmock.Resource) string {
	if name := workloadOf(ix, svc); name != "" {
		return name
	}
	return svc.Name
}

// strategyOf reads a service's capacity provider strategy (the cluster's
// default when it sets neither a strategy nor a launch type) and its
// desired count (ECS's default 1 when unset).
func strategyOf(ix *index, svc *awsmock.Resource) ([]StrategyItem, int) {
	desired := 1
	if d, ok := num(svc.Inputs, "desiredCount"); ok {
		desired = int(d)
	}
	strategy := objects(svc.Inputs, "capacityProviderStrategies")
	if len(strategy) == 0 && str(svc.Inputs, "launchType") == "" {
		for _, cp := range ix.byType[typeClusterCP] {
			strategy = objects(cp.Inputs, "defaultCapacityProviderStrategies")
		}
	}
	var items []StrategyItem
	for _, e := range strategy {
		base, _ := num(e, "base")
		weight, _ := num(e, "weight")
		items = append(items, StrategyItem{Provider: str(e, "capacityProvider"), Base: int(base), Weight: int(weight)})
	}
	if len(items) == 0 {
		lt := str(svc.Inputs, "launchType")
		if lt == "" {
			lt = "EC2" // ECS's default launch type
		}
		items = []StrategyItem{{Provider: lt, Weight: 1}}
	}
	return items, desired
}

// providerGroup is the Auto Scaling group of the capacity provider with
// this name, or nil (FARGATE, FARGATE_SPOT, or one not in the stack).
func providerGroup(ix *index, name string) *awsmock.Resource {
	for _, cp := range ix.byType[typeCapacityProv] {
		if str(cp.Outputs, "name") != name && cp.Name != name {
			continue
		}
		arn := str(object(cp.Inputs, "autoScalingGroupProvider"), "autoScalingGroupArn")
		if g, ok := ix.byArn[arn]; ok && g.Type == typeAutoScaling {
			return g
		}
	}
	return nil
}

// launchTemplateOf is the launch template an Auto Scaling group launches,
// directly or through its mixed instances policy; with one launch template
// in the stack, that one.
func launchTemplateOf(ix *index, g *awsmock.Resource) *awsmock.Resource {
	spec := object(g.Inputs, "launchTemplate")
	if spec == nil {
		mixed := object(object(object(g.Inputs, "mixedInstancesPolicy"), "launchTemplate"), "launchTemplateSpecification")
		if mixed != nil {
			spec = resource.PropertyMap{"id": mixed["launchTemplateId"], "name": mixed["launchTemplateName"]}
		}
	}
	if id := str(spec, "id"); id != "" {
		if lt, ok := ix.byID[id]; ok {
			return lt
		}
	}
	if name := str(spec, "name"); name != "" {
		for _, r := range ix.byType[typeLaunchTemplate] {
			if str(r.Inputs, "name") == name || r.Name == name {
				return r
			}
		}
	}
	if len(ix.byType[typeLaunchTemplate]) == 1 {
		return ix.byType[typeLaunchTemplate][0]
	}
	return nil
}

// instanceGroupIDs are the security group IDs a launch template gives its
// instances.
func instanceGroupIDs(lt *awsmock.Resource) []string {
	ids := strs(lt.Inputs, "vpcSecurityGroupIds")
	for _, ni := range objects(lt.Inputs, "networkInterfaces") {
		ids = append(ids, strs(ni, "securityGroups")...)
	}
	return ids
}

// loadBalancersOf are the ALBs that forward to the service's target
// groups: through a listener's default action or a listener rule.
func loadBalancersOf(ix *index, svc *awsmock.Resource) []*awsmock.Resource {
	var tgs []string
	for _, lb := range objects(svc.Inputs, "loadBalancers") {
		tgs = append(tgs, str(lb, "targetGroupArn"))
	}
	forwards := func(actions []resource.PropertyMap) bool {
		for _, a := range actions {
			if slices.Contains(tgs, str(a, "targetGroupArn")) {
				return true
			}
			for _, tg := range objects(object(a, "forward"), "targetGroups") {
				if slices.Contains(tgs, str(tg, "arn")) {
					return true
				}
			}
		}
		return false
	}
	var listeners []*awsmock.Resource
	for _, l := range ix.byType[typeListener] {
		if forwards(objects(l.Inputs, "defaultActions")) {
			listeners = append(listeners, l)
		}
	}
	for _, r := range ix.byType[typeListenerRule] {
		if l, ok := ix.byArn[str(r.Inputs, "listenerArn")]; ok && forwards(objects(r.Inputs, "actions")) {
			listeners = append(listeners, l)
		}
	}
	var out []*awsmock.Resource
	for _, l := range listeners {
		if lb, ok := ix.byArn[str(l.Inputs, "loadBalancerArn")]; ok && !slices.Contains(out, lb) {
			out = append(out, lb)
		}
	}
	return out
}

// groupNames are the names of the stack's security groups with these IDs;
// groups from outside the stack are left out.
func groupNames(ix *index, ids []string) []string {
	var out []string
	for _, id := range ids {
		if r, ok := ix.byID[id]; ok && r.Type == typeSecurityGroup {
			out = appendNew(out, r.Name)
		}
	}
	return out
}

// neededBy tells whether the service needs the endpoint: its tag names
// the service, names none, or was cut short.
func (e Endpoint) neededBy(service string) bool {
	return len(e.NeededBy) == 0 || e.NeededByMore > 0 || slices.Contains(e.NeededBy, service)
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
