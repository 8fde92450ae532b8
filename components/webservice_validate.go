package components

import (
	"fmt"
	"strings"
)

// withDefaults returns a copy of the service args with every default
// filled in, and the cluster's EC2 group the strategy names (nil on
// Fargate, or when the cluster has no such group: validate says so).
func (args WebServiceArgs) withDefaults() (WebServiceArgs, *ec2Group) {
	a := args
	var group *ec2Group
	if item, ok := a.workload().ec2Item(); ok && a.Cluster != nil {
		group, _ = a.Cluster.group(item.Group)
	}
	var ec2 *Ec2CapacityArgs
	if group != nil {
		ec2 = &group.args
	}
	w := a.workload().withDefaults(ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Autoscaling, a.Alarms = w.Autoscaling, w.Alarms
	a.DeregistrationDelay = ptrOr(a.DeregistrationDelay, defaultDeregistrationDelay)
	a.HealthCheck = a.HealthCheck.withDefaults()
	return a, group
}

// validate checks the defaulted service args against themselves and
// against the pieces it is given, and returns every problem.
func (a WebServiceArgs) validate(name string, group *ec2Group) problems {
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
	var ec2 *Ec2CapacityArgs
	groupName := ""
	if group != nil {
		ec2 = &group.args
		groupName = "cluster's EC2 group"
		if group.args.Name != "" {
			groupName = fmt.Sprintf("cluster's EC2 group %q", group.args.Name)
		}
	}
	w := a.workload()
	checkWorkload(&p, w, ec2, groupName, a.Network.HasNat(), a.Network.Region())
	for i, item := range w.Service.CapacityProviderStrategy {
		checkProviderInCluster(&p, fmt.Sprintf("Service.CapacityProviderStrategy[%d]", i), item, a.Cluster.fargate, clusterGroups(a.Cluster))
	}
	a.checkRoute(&p, name, group)
	if a.Service.EnableExecuteCommand && a.Cluster.exec == nil {
		p.add("Service.EnableExecuteCommand", "cluster %s logs no ECS Exec sessions, so this service's would go unrecorded; set Exec on the cluster", a.Cluster.name)
	}
	checkTargetHealth(&p, "", a.HealthCheck, *a.DeregistrationDelay)
	a.checkEndpoints(&p, name)
	return p
}

func clusterGroups(c *Cluster) []Ec2CapacityArgs {
	out := make([]Ec2CapacityArgs, len(c.groups))
	for i, g := range c.groups {
		out[i] = g.args
	}
	return out
}

// checkRoute checks that the load balancer has a way to this service: its
// route, or a default target group that matches the service's port and
// networking (target type ip for awsvpc, instance for bridge).
func (a WebServiceArgs) checkRoute(p *problems, name string, group *ec2Group) {
	l := a.LoadBalancer
	bridge := group != nil && group.args.NetworkMode == NetworkBridge
	if _, _, ok := l.route(name); ok {
		return
	}
	t := l.defaultTarget
	if t == nil {
		var routed []string
		for _, r := range l.routes {
			routed = append(routed, r.Service)
		}
		p.add("LoadBalancer", "the load balancer has no route for %s (its routes are for %s); add a ListenerRoute with Service %q to the load balancer's Routes", name, strings.Join(routed, ", "), name)
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

// checkEndpoints refuses a network that lacks an endpoint the service
// needs, unless its tasks can reach AWS through NAT instead. Fargate
// pulling a private ECR image with awslogs needs ecr.api, ecr.dkr, logs and
// the s3 gateway; each secret kind adds its endpoint (ECS developer guide,
// "Amazon ECS interface VPC endpoints").
func (a WebServiceArgs) checkEndpoints(p *problems, name string) {
	n := a.Network
	if n.HasNat() {
		return
	}
	need := EndpointSet(a.features())
	for _, e := range need {
		if n.hasEndpoint(e.Service) {
			continue
		}
		p.add("Network", "service %s needs the %s endpoint (%s), but network %s has none; %s",
			name, e.Service, strings.Join(e.Reasons, "; "), n.name, fixFor(name, e.Service))
	}
}

// fixFor says how to give the network an endpoint a service needs.
func fixFor(service, endpoint string) string {
	switch endpoint {
	case "secretsmanager":
		return fmt.Sprintf("set SecretsManager in the network's Features[%q]", service)
	case "ssm":
		return fmt.Sprintf("set ParameterStore in the network's Features[%q]", service)
	case "ssmmessages":
		return fmt.Sprintf("set Exec in the network's Features[%q]", service)
	case "kms":
		return fmt.Sprintf("set Exec and Kms in the network's Features[%q]", service)
	}
	return fmt.Sprintf("declare %q in the network's Features", service)
}

// features are the endpoint features the service's own settings use.
func (a WebServiceArgs) features() EndpointFeatures {
	var f EndpointFeatures
	f.SecretsManager, f.ParameterStore = secretFeatures(a.Container.Secrets)
	f.Exec = a.Service.EnableExecuteCommand
	f.Kms = f.Exec && a.Cluster != nil && a.Cluster.exec != nil && a.Cluster.exec.hasKey
	return f
}
