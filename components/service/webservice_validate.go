package service

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// WithDefaults returns a copy of the service args with every default
// filled in, and the cluster's EC2 group the strategy names (nil on
// Fargate, or when the cluster has no such group: validate says so).
func (args WebServiceArgs) withDefaults() (WebServiceArgs, *cluster.Ec2GroupContract) {
	a := args
	var group *cluster.Ec2GroupContract
	if item, ok := a.workload().ec2Item(); ok && a.Cluster != nil {
		if g, found := a.Cluster.ClusterContract().Group(item.Group); found {
			group = &g
		}
	}
	var ec2 *cluster.Ec2CapacityArgs
	if group != nil {
		c := group.Capacity()
		ec2 = &c
	}
	w := a.workload().WithDefaults(ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Sidecars, a.Autoscaling, a.Alarms = w.Sidecars, w.Autoscaling, w.Alarms
	a.DeregistrationDelay = check.PtrOr(a.DeregistrationDelay, check.DefaultDeregistrationDelay)
	a.HealthCheck = a.HealthCheck.WithDefaults()
	if r := a.Route; r != nil {
		route := *r
		if route.Listener == "" && a.LoadBalancer != nil {
			route.Listener = edge.ListenerHttp
			if a.LoadBalancer.LoadBalancerContract().Https {
				route.Listener = edge.ListenerHttps
			}
		}
		a.Route = &route
	}
	return a, group
}

// validate checks the defaulted service args against themselves and
// against the contracts it is given, and returns every problem.
func (a WebServiceArgs) validate(name string, group *cluster.Ec2GroupContract) check.Problems {
	var p check.Problems
	check.CheckComponentName(&p, name)
	if a.Network == nil {
		p.Add("Network", "no network is given; pass the Network the tasks run in")
	}
	if a.Cluster == nil {
		p.Add("Cluster", "no cluster is given; pass the Cluster that runs the service")
	}
	if a.LoadBalancer == nil {
		p.Add("LoadBalancer", "no load balancer is given; pass the LoadBalancer that brings users to the service")
	}
	if a.Network == nil || a.Cluster == nil || a.LoadBalancer == nil {
		return p
	}
	n, c, l := a.Network.NetworkContract(), a.Cluster.ClusterContract(), a.LoadBalancer.LoadBalancerContract()
	var ec2 *cluster.Ec2CapacityArgs
	groupName := ""
	if group != nil {
		e := group.Capacity()
		ec2 = &e
		groupName = "cluster's EC2 group"
		if group.Name != "" {
			groupName = fmt.Sprintf("cluster's EC2 group %q", group.Name)
		}
	}
	w := a.workload()
	w.Caches = n.PullThroughCache
	CheckWorkload(&p, w, ec2, groupName, n.Nat, n.Region)
	for i, item := range w.Service.CapacityProviderStrategy {
		cluster.CheckProviderInCluster(&p, fmt.Sprintf("Service.CapacityProviderStrategy[%d]", i), item, c.Fargate, clusterGroups(c))
	}
	a.checkRoute(&p, name, l, group)
	if a.Alarms != nil && c.InsightsOff {
		p.Add("Alarms", "cluster %s publishes no Container Insights metrics (ContainerInsights disabled), so the RunningTasks alarm, on ECS/ContainerInsights' RunningTaskCount, would never get data; turn Container Insights on for the cluster, or turn the alarms off", c.Name)
	}
	if a.Service.EnableExecuteCommand && c.Exec == nil {
		p.Add("Service.EnableExecuteCommand", "cluster %s logs no ECS Exec sessions, so this service's would go unrecorded; set Exec on the cluster", c.Name)
	}
	edge.CheckTargetHealth(&p, "", a.HealthCheck, *a.DeregistrationDelay)
	checkCalls(&p, "", a.Calls, c, group != nil && group.NetworkMode == cluster.NetworkBridge)
	a.checkEndpoints(&p, name, n, c)
	a.checkGroups(&p, n, l, group)
	return p
}

// clusterGroups are the cluster's EC2 groups as the strategy checks read
// them.
func clusterGroups(c cluster.ClusterContract) []cluster.Ec2CapacityArgs {
	out := make([]cluster.Ec2CapacityArgs, len(c.Groups))
	for i, g := range c.Groups {
		out[i] = g.Capacity()
	}
	return out
}

// checkRoute checks that the load balancer has a way to this service: its
// own Route, the load balancer's route for it, or a default target group
// that matches the service's port and networking (target type ip for
// awsvpc, instance for bridge).
func (a WebServiceArgs) checkRoute(p *check.Problems, name string, l edge.LoadBalancerContract, group *cluster.Ec2GroupContract) {
	bridge := group != nil && group.NetworkMode == cluster.NetworkBridge
	if bridge && !slices.Contains(group.AdmittedLoadBalancers, l.Name) {
		p.Add("LoadBalancer", "bridge tasks on the %s take traffic on the instances' dynamic host ports, which the cluster opens only to the load balancers it is given, and %s is not one of them; add the load balancer to the cluster's LoadBalancers", groupLabel(group), l.Name)
	}
	_, _, declared := l.Route(name)
	if r := a.Route; r != nil {
		if declared {
			p.Add("Route", "load balancer %s already declares a route for %s in its Routes; keep one of the two, preferably this one", l.Name, name)
		}
		checkServiceRoute(p, "Route", *r, l)
		return
	}
	if declared {
		return
	}
	t := l.DefaultTarget
	if t == nil {
		p.Add("Route", "load balancer %s has no default target and no route for %s; give the service a Route with its hosts or paths", l.Name, name)
		return
	}
	if t.Port != a.Container.Port {
		p.Add("Container.Port", "%d differs from the load balancer's default target port %d; use the same port on both", a.Container.Port, t.Port)
	}
	want := edge.TargetIP
	if bridge {
		want = edge.TargetInstance
	}
	if t.TargetType != want {
		p.Add("LoadBalancer", "the load balancer's default target group registers %s targets but this service's tasks need %s; set DefaultTarget.TargetType to %s", t.TargetType, want, want)
	}
}

// groupLabel names an EC2 group in a message.
func groupLabel(g *cluster.Ec2GroupContract) string {
	if g.Name == "" {
		return "cluster's EC2 group"
	}
	return fmt.Sprintf("cluster's EC2 group %q", g.Name)
}

// Security groups per network interface: 5 by default (Amazon VPC User
// Guide, "Amazon VPC quotas", Security groups: "Security groups per
// network interface", 5, adjustable up to 16 only by a request to AWS).
const MaxGroupsPerInterface = 5

// checkGroups refuses a task whose interface would need more security
// groups than an interface holds, and a container port the load
// balancer's targets group does not reach.
func (a WebServiceArgs) checkGroups(p *check.Problems, n network.NetworkContract, l edge.LoadBalancerContract, group *cluster.Ec2GroupContract) {
	if group != nil && group.NetworkMode == cluster.NetworkBridge {
		return
	}
	count := 1
	var joined []string
	if l.TargetSecurityGroupId != nil {
		count++
		joined = append(joined, "the load balancer's targets group")
		if !l.TargetPorts.Contains(a.Container.Port) {
			p.Add("Container.Port", "%d is outside the ports %d-%d load balancer %s reaches its targets on; use a port in that range, or widen the load balancer's TargetPorts",
				a.Container.Port, l.TargetPorts.From, l.TargetPorts.To, l.Name)
		}
	}
	if n.EndpointClientSecurityGroupId != nil {
		count++
		joined = append(joined, "the network's endpoint clients group")
	}
	extra, known := knownLen(a.Service.ExtraSecurityGroupIds)
	if known && count+extra > MaxGroupsPerInterface {
		p.Add("Service.ExtraSecurityGroupIds", "%d groups and the task's own%s make %d, but a network interface holds %d security groups (Amazon VPC quota \"Security groups per network interface\"); use at most %d extra groups",
			extra, withPrefix(", ", strings.Join(joined, ", ")), count+extra, MaxGroupsPerInterface, MaxGroupsPerInterface-count)
	}
}

// withPrefix is s after prefix, or "" for an empty s.
func withPrefix(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// checkEndpoints refuses a network that lacks an endpoint the service
// needs, unless its tasks can reach AWS through NAT instead. Fargate
// pulling a private ECR image with awslogs needs ecr.api, ecr.dkr, logs and
// the s3 gateway; each secret kind adds its endpoint (ECS developer guide,
// "Amazon ECS interface VPC endpoints").
func (a WebServiceArgs) checkEndpoints(p *check.Problems, name string, n network.NetworkContract, c cluster.ClusterContract) {
	if n.Nat {
		return
	}
	need := network.EndpointSet(a.features(c))
	for _, e := range need {
		if n.HasEndpoint(e.Service) {
			continue
		}
		p.Add("Network", "service %s needs the %s endpoint (%s), but network %s has none; %s",
			name, e.Service, strings.Join(e.Reasons, "; "), n.Name, fixFor(name, e.Service))
	}
}

// fixFor says how to give the network an endpoint a service needs.
func fixFor(service, endpoint string) string {
	field := ""
	switch endpoint {
	case "secretsmanager":
		field = "SecretsManager"
	case "ssm":
		field = "ParameterStore"
	case "ssmmessages":
		field = "Exec"
	case "kms":
		field = "Exec and Kms"
	case "xray":
		field = "Xray"
	case "ecs-agent":
		field = "ServiceConnect"
	case "sqs":
		field = "Sqs"
	}
	if field == "" {
		return fmt.Sprintf("add %q to the network's ExtraEndpointServices (a platform's Endpoints)", endpoint)
	}
	return fmt.Sprintf("set %s in the network's Features[%q], or add %q to its ExtraEndpointServices (a platform's Endpoints)", field, service, endpoint)
}

// features are the endpoint features the service's own settings use.
func (a WebServiceArgs) features(c cluster.ClusterContract) network.EndpointFeatures {
	f := workloadFeatures(a.workload(), c)
	f.ServiceConnect = len(a.Calls) > 0
	return f
}

// SecretFeatures tells which secret stores the containers' secrets use.
func SecretFeatures(containers ...map[string]ContainerSecret) (secretsManager, parameterStore bool) {
	for _, secrets := range containers {
		for _, s := range secrets {
			switch s.kindOf() {
			case SecretKindSecretsManager:
				secretsManager = true
			case SecretKindParameterStore:
				parameterStore = true
			}
		}
	}
	return secretsManager, parameterStore
}
