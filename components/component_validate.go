package components

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// workload is what the component's service runs.
func (a PrivateFargateServiceArgs) workload() service.Workload {
	return service.Workload{
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags,
		Autoscaling: a.Autoscaling, Alarms: a.Alarms, Kind: workloadKind(a.Kind),
	}
}

// endpointFeatures are the endpoints the component's workload needs, by
// what it uses: the capacity, the secrets, ECS Exec and its key,
// tracing, the kind's own, and the extra services asked for.
func (a PrivateFargateServiceArgs) endpointFeatures() network.EndpointFeatures {
	features := network.EndpointFeatures{Extra: a.ExtraEndpointServices}
	if a.usesEC2() {
		features.Ec2 = true
		features.SessionManager = a.Ec2.SessionManager
	}
	features.SecretsManager, features.ParameterStore = service.SecretFeatures(service.ContainerSecrets(a.Container, a.Sidecars)...)
	features.Exec = a.Service.EnableExecuteCommand
	features.Kms = features.Exec && a.Kms != nil
	features.Xray = a.Tracing == service.TracingXray
	return kindFeatures(a.Kind, features)
}

// usesEC2 tells whether the strategy runs tasks on EC2 container instances.
func (a PrivateFargateServiceArgs) usesEC2() bool { return a.workload().UsesEC2() }

// bridge tells whether tasks use bridge networking on EC2.
func (a PrivateFargateServiceArgs) bridge() bool {
	return a.usesEC2() && a.Ec2 != nil && a.Ec2.NetworkMode == cluster.NetworkBridge
}

// validate checks the defaulted args against each other and against AWS's
// rules, and returns every problem at once. name is the component's name
// and region the deployment region.
func (a PrivateFargateServiceArgs) validate(name, region string) error {
	return a.validateAsWritten(name, region, a)
}

// validateAsWritten is validate, with raw the args as the caller wrote
// them, before defaults: they tell which fields the caller set.
func (a PrivateFargateServiceArgs) validateAsWritten(name, region string, raw PrivateFargateServiceArgs) error {
	var p check.Problems
	check.CheckComponentName(&p, name)
	checkPieceFields(&p, a)
	checkKindFields(&p, raw)

	if a.Network.Existing == nil {
		network.CheckNetworkLayout(&p, "Network.", a.Network, region)
	} else {
		network.CheckExisting(&p, "Network.", a.Network)
	}
	network.CheckExtraServices(&p, "ExtraEndpointServices", a.ExtraEndpointServices)
	network.CheckPullThroughCache(&p, "Network.", a.Network.PullThroughCache, region)
	if a.Network.FlowLogs != nil {
		network.CheckFlowLogs(&p, "Network.FlowLogs.", *a.Network.FlowLogs, region)
	}
	web := kindOf(a.Kind) == KindWeb
	if web {
		edge.CheckIngress(&p, "Ingress.", a.Ingress, region)
	}
	if k := a.Kms; k != nil {
		switch {
		case k.Create && k.KeyArn != nil:
			p.Add("Kms", "both Create and KeyArn are set; create a key or give one, not both")
		case !k.Create && k.KeyArn == nil:
			p.Add("Kms", "neither Create nor KeyArn is set; set Create to make a key, KeyArn to use one, or remove Kms")
		case k.KeyArn != nil:
			check.CheckString(&p, "Kms.KeyArn", k.KeyArn, check.KmsKeyRule(region))
		}
	}

	var ec2 *cluster.Ec2CapacityArgs
	if a.usesEC2() {
		if a.Ec2 == nil {
			p.Add("Ec2", "the capacity provider strategy names EC2 but no EC2 capacity is configured; set the instance types (and sizes) of the Auto Scaling group")
		} else {
			ec2 = a.Ec2
			cluster.CheckCapacityProviderPrefix(&p, name)
			cluster.CheckEc2Group(&p, "Ec2.", *a.Ec2)
		}
	} else if a.Ec2 != nil {
		p.Add("Ec2", "EC2 capacity is configured but the capacity provider strategy does not name EC2; add an entry with provider EC2 and weight 1 to the strategy, or remove the EC2 settings")
	}
	if !web {
		// The workload is checked as its own constructor checks it, and
		// nothing takes the load balancer's settings (checkKindFields).
		if knownKind(a.Kind) {
			a.checkWorkloadKind(&p, name, region)
		}
		return check.Refusal("", p)
	}
	w := a.workload()
	w.Caches = network.CacheRoutes(a.Network.PullThroughCache)
	service.CheckWorkload(&p, w, ec2, "", a.hasNat(), region)

	lb := a.LoadBalancer
	p.RangeInt("LoadBalancer.IdleTimeout", lb.IdleTimeout, 1, 4000)
	edge.CheckAccessLogs(&p, "LoadBalancer.AccessLogs.", lb.AccessLogs, region)
	if lb.Waf != nil {
		edge.CheckWaf(&p, "LoadBalancer.Waf.", edge.WafForService(lb.Waf, a.LogRetentionDays, nil).WithDefaults(), region)
	}
	edge.CheckTargetHealth(&p, "LoadBalancer.", lb.HealthCheck, *lb.DeregistrationDelay)
	return check.Refusal("", p)
}

// hasNat tells whether the tasks' subnets route to the internet.
func (a PrivateFargateServiceArgs) hasNat() bool {
	if e := a.Network.Existing; e != nil {
		return e.NatGateway
	}
	return a.Network.NatGateways != network.NatNone
}

// checkPieceFields refuses the pieces' own fields where the component
// sets them itself, so that no value the user set is silently dropped.
func checkPieceFields(p *check.Problems, a PrivateFargateServiceArgs) {
	const use = "PrivateFargateService sets this itself"
	if a.Network.Region != "" {
		p.Add("Network.Region", "%s; set Region instead", use)
	}
	if len(a.Network.Features) > 0 {
		p.Add("Network.Features", "%s from the container's secrets and the capacity; remove it (use ExtraEndpointServices for more endpoints)", use)
	}
	if len(a.Network.ExtraEndpointServices) > 0 {
		p.Add("Network.ExtraEndpointServices", "%s; set ExtraEndpointServices instead", use)
	}
	if len(a.Network.Tags) > 0 {
		p.Add("Network.Tags", "%s; set Tags instead", use)
	}
	lb := a.LoadBalancer
	if lb.Network != nil || lb.DefaultTarget != nil || len(lb.Routes) > 0 || len(lb.Tags) > 0 {
		p.Add("LoadBalancer", "%s: Network, DefaultTarget, Routes and Tags belong to a shared LoadBalancer; compose NewNetwork, NewLoadBalancer, NewCluster and NewWebService to share one", use)
	}
	if in := lb.Ingress; in.Https || in.CertificateArn != nil || len(in.AllowedCidrs) > 0 || in.SslPolicy != "" ||
		in.DomainName != "" || in.HostedZoneId != "" || in.HostedZoneName != "" {
		p.Add("LoadBalancer.Ingress", "%s; set Ingress instead", use)
	}
	if a.Ec2 != nil && a.Ec2.Name != "" {
		p.Add("Ec2.Name", "the component's one EC2 group takes no name; remove it")
	}
	for i, item := range a.Service.CapacityProviderStrategy {
		if item.Group != "" {
			p.Add(fmt.Sprintf("Service.CapacityProviderStrategy[%d].Group", i), "the component has one EC2 group; remove the group name")
		}
	}
}
