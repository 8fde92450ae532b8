package components

import (
	"fmt"
	"slices"
	"strings"
)

// withDefaults returns a copy of the service args with every default
// filled in, and the cluster's EC2 group the strategy names (nil on
// Fargate, or when the cluster has no such group: validate says so).
func (args WebServiceArgs) withDefaults() (WebServiceArgs, *Ec2GroupContract) {
	a := args
	var group *Ec2GroupContract
	if item, ok := a.workload().ec2Item(); ok && a.Cluster != nil {
		if g, found := a.Cluster.ClusterContract().group(item.Group); found {
			group = &g
		}
	}
	var ec2 *Ec2CapacityArgs
	if group != nil {
		c := group.capacity()
		ec2 = &c
	}
	w := a.workload().withDefaults(ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Sidecars, a.Autoscaling, a.Alarms = w.Sidecars, w.Autoscaling, w.Alarms
	a.DeregistrationDelay = ptrOr(a.DeregistrationDelay, defaultDeregistrationDelay)
	a.HealthCheck = a.HealthCheck.withDefaults()
	if r := a.Route; r != nil {
		route := *r
		if route.Listener == "" && a.LoadBalancer != nil {
			route.Listener = ListenerHttp
			if a.LoadBalancer.LoadBalancerContract().Https {
				route.Listener = ListenerHttps
			}
		}
		a.Route = &route
	}
	return a, group
}

// validate checks the defaulted service args against themselves and
// against the contracts it is given, and returns every problem.
func (a WebServiceArgs) validate(name string, group *Ec2GroupContract) problems {
	var p problems
	checkComponentName(&p, name)
	if a.Network == nil {
		p.add("Network", "no network is given; pass the Network the tasks run in")
	}
	if a.Cluster == nil {
		p.add("Cluster", "no cluster is given; pass the Cluster that runs the service")
	}
	if a.LoadBalancer == nil {
		p.add("LoadBalancer", "no load balancer is given; pass the LoadBalancer that brings users to the service")
	}
	if a.Network == nil || a.Cluster == nil || a.LoadBalancer == nil {
		return p
	}
	n, c, l := a.Network.NetworkContract(), a.Cluster.ClusterContract(), a.LoadBalancer.LoadBalancerContract()
	var ec2 *Ec2CapacityArgs
	groupName := ""
	if group != nil {
		e := group.capacity()
		ec2 = &e
		groupName = "cluster's EC2 group"
		if group.Name != "" {
			groupName = fmt.Sprintf("cluster's EC2 group %q", group.Name)
		}
	}
	w := a.workload()
	w.caches = n.PullThroughCache
	checkWorkload(&p, w, ec2, groupName, n.Nat, n.Region)
	for i, item := range w.Service.CapacityProviderStrategy {
		checkProviderInCluster(&p, fmt.Sprintf("Service.CapacityProviderStrategy[%d]", i), item, c.Fargate, clusterGroups(c))
	}
	a.checkRoute(&p, name, l, group)
	if a.Service.EnableExecuteCommand && c.Exec == nil {
		p.add("Service.EnableExecuteCommand", "cluster %s logs no ECS Exec sessions, so this service's would go unrecorded; set Exec on the cluster", c.Name)
	}
	checkTargetHealth(&p, "", a.HealthCheck, *a.DeregistrationDelay)
	a.checkEndpoints(&p, name, n, c)
	a.checkGroups(&p, n, l, group)
	return p
}

// clusterGroups are the cluster's EC2 groups as the strategy checks read
// them.
func clusterGroups(c ClusterContract) []Ec2CapacityArgs {
	out := make([]Ec2CapacityArgs, len(c.Groups))
	for i, g := range c.Groups {
		out[i] = g.capacity()
	}
	return out
}

// checkRoute checks that the load balancer has a way to this service: its
// own Route, the load balancer's route for it, or a default target group
// that matches the service's port and networking (target type ip for
// awsvpc, instance for bridge).
func (a WebServiceArgs) checkRoute(p *problems, name string, l LoadBalancerContract, group *Ec2GroupContract) {
	bridge := group != nil && group.NetworkMode == NetworkBridge
	if bridge && !slices.Contains(group.AdmittedLoadBalancers, l.Name) {
		p.add("LoadBalancer", "bridge tasks on the %s take traffic on the instances' dynamic host ports, which the cluster opens only to the load balancers it is given, and %s is not one of them; add the load balancer to the cluster's LoadBalancers", groupLabel(group), l.Name)
	}
	_, _, declared := l.route(name)
	if r := a.Route; r != nil {
		if declared {
			p.add("Route", "load balancer %s already declares a route for %s in its Routes; keep one of the two, preferably this one", l.Name, name)
		}
		checkServiceRoute(p, "Route", *r, l)
		return
	}
	if declared {
		return
	}
	t := l.DefaultTarget
	if t == nil {
		p.add("Route", "load balancer %s has no default target and no route for %s; give the service a Route with its hosts or paths", l.Name, name)
		return
	}
	if t.Port != a.Container.Port {
		p.add("Container.Port", "%d differs from the load balancer's default target port %d; use the same port on both", a.Container.Port, t.Port)
	}
	want := TargetIP
	if bridge {
		want = TargetInstance
	}
	if t.TargetType != want {
		p.add("LoadBalancer", "the load balancer's default target group registers %s targets but this service's tasks need %s; set DefaultTarget.TargetType to %s", t.TargetType, want, want)
	}
}

// groupLabel names an EC2 group in a message.
func groupLabel(g *Ec2GroupContract) string {
	if g.Name == "" {
		return "cluster's EC2 group"
	}
	return fmt.Sprintf("cluster's EC2 group %q", g.Name)
}

// Security groups per network interface: 5 by default (Amazon VPC User
// Guide, "Amazon VPC quotas", Security groups: "Security groups per
// network interface", 5, adjustable up to 16 only by a request to AWS).
const maxGroupsPerInterface = 5

// checkGroups refuses a task whose interface would need more security
// groups than an interface holds, and a container port the load
// balancer's targets group does not reach.
func (a WebServiceArgs) checkGroups(p *problems, n NetworkContract, l LoadBalancerContract, group *Ec2GroupContract) {
	if group != nil && group.NetworkMode == NetworkBridge {
		return
	}
	count := 1
	var joined []string
	if l.TargetSecurityGroupId != nil {
		count++
		joined = append(joined, "the load balancer's targets group")
		if !l.TargetPorts.contains(a.Container.Port) {
			p.add("Container.Port", "%d is outside the ports %d-%d load balancer %s reaches its targets on; use a port in that range, or widen the load balancer's TargetPorts",
				a.Container.Port, l.TargetPorts.From, l.TargetPorts.To, l.Name)
		}
	}
	if n.EndpointClientSecurityGroupId != nil {
		count++
		joined = append(joined, "the network's endpoint clients group")
	}
	extra, known := knownLen(a.Service.ExtraSecurityGroupIds)
	if known && count+extra > maxGroupsPerInterface {
		p.add("Service.ExtraSecurityGroupIds", "%d groups and the task's own%s make %d, but a network interface holds %d security groups (Amazon VPC quota \"Security groups per network interface\"); use at most %d extra groups",
			extra, withPrefix(", ", strings.Join(joined, ", ")), count+extra, maxGroupsPerInterface, maxGroupsPerInterface-count)
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
func (a WebServiceArgs) checkEndpoints(p *problems, name string, n NetworkContract, c ClusterContract) {
	if n.Nat {
		return
	}
	need := EndpointSet(a.features(c))
	for _, e := range need {
		if n.hasEndpoint(e.Service) {
			continue
		}
		p.add("Network", "service %s needs the %s endpoint (%s), but network %s has none; %s",
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
	}
	if field == "" {
		return fmt.Sprintf("add %q to the network's ExtraEndpointServices (a platform's Endpoints)", endpoint)
	}
	return fmt.Sprintf("set %s in the network's Features[%q], or add %q to its ExtraEndpointServices (a platform's Endpoints)", field, service, endpoint)
}

// features are the endpoint features the service's own settings use.
func (a WebServiceArgs) features(c ClusterContract) EndpointFeatures {
	var f EndpointFeatures
	f.SecretsManager, f.ParameterStore = secretFeatures(containerSecrets(a.Container, a.Sidecars)...)
	f.Exec = a.Service.EnableExecuteCommand
	f.Kms = f.Exec && c.Exec != nil && c.Exec.KmsKeyArn != nil
	f.Xray = a.Tracing == TracingXray
	return f
}

// secretFeatures tells which secret stores the containers' secrets use.
func secretFeatures(containers ...map[string]ContainerSecret) (secretsManager, parameterStore bool) {
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
