package components

import (
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PrivateFargateServiceType is the component's type token.
const PrivateFargateServiceType = "private-fargate:index:PrivateFargateService"

// PrivateFargateService is a web service on ECS in private subnets, reached
// through a public ALB, pulling from ECR and logging to CloudWatch through
// VPC endpoints; or, by its Kind, a backend reached through Service
// Connect, a worker that consumes an SQS queue, or a scheduled job, on the
// same network and cluster with no load balancer.
type PrivateFargateService struct {
	pulumi.ResourceState

	// Url is the service's address: https://<domain name> with a domain,
	// else http://<alb dns> or https://<alb dns>.
	Url pulumi.StringOutput `pulumi:"url"`
	// LoadBalancerDnsName is the ALB's DNS name.
	LoadBalancerDnsName pulumi.StringOutput `pulumi:"loadBalancerDnsName"`
	// RepositoryUrl is the ECR repository's URL.
	RepositoryUrl pulumi.StringOutput `pulumi:"repositoryUrl"`
	// ClusterName is the ECS cluster's name.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// ServiceName is the ECS service's name.
	ServiceName pulumi.StringOutput `pulumi:"serviceName"`
	// VpcId is the VPC's ID.
	VpcId pulumi.StringOutput `pulumi:"vpcId"`
	// PublicSubnetIds are the ALB's subnets, one per AZ.
	PublicSubnetIds pulumi.StringArrayOutput `pulumi:"publicSubnetIds"`
	// PrivateSubnetIds are the tasks' subnets, one per AZ.
	PrivateSubnetIds pulumi.StringArrayOutput `pulumi:"privateSubnetIds"`
	// EndpointIds are the VPC endpoint IDs by short service name.
	EndpointIds pulumi.StringMapOutput `pulumi:"endpointIds"`
	// LogGroupName is the container log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// TaskSecurityGroupId is the tasks' security group (in bridge mode,
	// the container instances' group, which the tasks share).
	TaskSecurityGroupId pulumi.StringOutput `pulumi:"taskSecurityGroupId"`
	// AccessLogsBucket is the bucket the ALB's access logs go to; empty
	// with access logs off.
	AccessLogsBucket pulumi.StringOutput `pulumi:"accessLogsBucket"`

	// The outputs below are those of the kinds other than web; each is
	// empty for a kind it does not apply to, and Outputs leaves it out.
	// Url, LoadBalancerDnsName and AccessLogsBucket are empty for them,
	// and ServiceName for a job, which has no ECS service.

	// Endpoint is the URL a backend's callers reach it at through Service
	// Connect, such as http://orders:8080 (Kind "backend").
	Endpoint pulumi.StringOutput `pulumi:"endpoint"`
	// ScheduleArn is a job's EventBridge Scheduler schedule (Kind "job").
	ScheduleArn pulumi.StringOutput `pulumi:"scheduleArn"`
	// QueueUrl is the URL of the queue a worker consumes (Kind "worker").
	QueueUrl pulumi.StringOutput `pulumi:"queueUrl"`
	// QueueArn is the ARN of the queue a worker consumes (Kind "worker").
	QueueArn pulumi.StringOutput `pulumi:"queueArn"`
	// DeadLetterQueueArn is a worker's dead-letter queue (empty for an
	// adopted queue), or the SQS queue a job's runs that could not start
	// are sent to, created or adopted (Kind "worker" or "job").
	DeadLetterQueueArn pulumi.StringOutput `pulumi:"deadLetterQueueArn"`

	kind string
}

// NewPrivateFargateService checks args, then builds one service the way the
// pieces compose: a Network with the endpoints this service needs, a
// LoadBalancer that forwards to it, a Cluster with its capacity, and the
// WebService, all children of one component. On invalid args it returns a
// *ValidationError and registers nothing.
//
// The pieces take the component's own name, so every resource keeps the
// name it had before the pieces existed, and an alias to its URN under the
// component: a stack deployed with an earlier release upgrades in place.
func NewPrivateFargateService(ctx *pulumi.Context, name string, args *PrivateFargateServiceArgs,
	opts ...pulumi.ResourceOption,
) (*PrivateFargateService, error) {
	a, checked, err := checkPrivateFargateService(ctx, name, args, opts)
	if err != nil {
		return nil, err
	}
	region, zone := checked.region, checked.hostedZone
	netArgs := a.Network
	netArgs.AvailabilityZones = checked.zones

	comp := &PrivateFargateService{}
	if err := ctx.RegisterComponentResource(PrivateFargateServiceType, name, comp, opts...); err != nil {
		return nil, fmt.Errorf("register component: %w", err)
	}
	child := pulumi.Parent(comp)

	netArgs.Region = region
	netArgs.Features = map[string]network.EndpointFeatures{name: a.endpointFeatures()}
	netArgs.Tags = a.Tags
	// The key comes first: the flow-log group, the log groups, the
	// repository, the alarm topic and the ECS Exec sessions all take it.
	var keyArn pulumi.StringInput
	if k := a.Kms; k != nil {
		keyArn = k.KeyArn
		if k.Create {
			created, err := key.NewKeyIn(ctx, name, key.KeyArgs{Region: region, Tags: a.Tags}, inService(comp, "Key"), child)
			if err != nil {
				return nil, err
			}
			keyArn = created.Arn
		}
	}
	if fl := netArgs.FlowLogs; fl != nil && fl.KmsKeyArn == nil && keyArn != nil {
		withKey := *fl
		withKey.KmsKeyArn = keyArn
		netArgs.FlowLogs = &withKey
	}
	netArgs.PullThroughCache = network.CacheRulesWithKey(netArgs.PullThroughCache, keyArn)
	net, err := network.NewNetworkIn(ctx, name, netArgs, inService(comp, "Network"), checked.adopted, child)
	if err != nil {
		return nil, err
	}
	comp.kind = kindOf(a.Kind)
	if comp.kind != KindWeb {
		return comp.buildKind(ctx, name, a, net, keyArn, child)
	}

	targetType := edge.TargetIP
	if a.bridge() {
		targetType = edge.TargetInstance
	}
	lbArgs := a.LoadBalancer
	lbArgs.Network = net
	lbArgs.Ingress = a.Ingress
	lbArgs.DefaultTarget = &edge.DefaultTargetArgs{Port: a.Container.Port, TargetType: targetType}
	lbArgs.Tags = a.Tags
	lbArgs.Waf = edge.WafForService(a.LoadBalancer.Waf, a.LogRetentionDays, keyArn)
	alb, err := edge.NewLoadBalancerIn(ctx, name, lbArgs, inService(comp, "LoadBalancer"), zone, child)
	if err != nil {
		return nil, err
	}

	clArgs := a.clusterArgs(net, keyArn)
	if a.bridge() {
		clArgs.LoadBalancers = []edge.LoadBalancerSource{alb}
	}
	cl, err := cluster.NewClusterIn(ctx, name, clArgs, inService(comp, "Cluster"), child)
	if err != nil {
		return nil, err
	}

	svc, err := service.NewWebServiceIn(ctx, name, service.WebServiceArgs{
		Network: net, Cluster: cl, LoadBalancer: alb,
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags,
		KmsKeyArn: keyArn, SecretsUseKey: a.Kms != nil && a.Kms.Secrets,
		Autoscaling: a.Autoscaling, Alarms: a.Alarms,
	}, inService(comp, "WebService"), child)
	if err != nil {
		return nil, err
	}

	comp.Url = alb.Url
	comp.LoadBalancerDnsName = alb.DnsName
	comp.RepositoryUrl = svc.RepositoryUrl
	comp.ClusterName = cl.ClusterName
	comp.ServiceName = svc.ServiceName
	comp.VpcId = net.VpcId
	comp.PublicSubnetIds = net.PublicSubnetIds
	comp.PrivateSubnetIds = net.PrivateSubnetIds
	comp.EndpointIds = net.EndpointIds
	comp.LogGroupName = svc.LogGroupName
	comp.TaskSecurityGroupId = svc.TaskSecurityGroupId
	comp.AccessLogsBucket = alb.AccessLogsBucket
	comp.noKindOutputs()
	if err := ctx.RegisterResourceOutputs(comp, comp.Outputs()); err != nil {
		return nil, fmt.Errorf("register outputs: %w", err)
	}
	return comp, nil
}

// ValidatePrivateFargateService checks args as NewPrivateFargateService
// does, with the same look-ups (the region, its zones, the hosted zone of
// a domain name, an adopted VPC given by literal IDs), and registers
// nothing: a *ValidationError lists every problem. A program that has
// problems of its own to report (its configuration's) calls it to report
// the component's beside them, in one run.
func ValidatePrivateFargateService(ctx *pulumi.Context, name string, args *PrivateFargateServiceArgs, opts ...pulumi.ResourceOption) error {
	_, _, err := checkPrivateFargateService(ctx, name, args, opts)
	return err
}

// checkedService is what the checks before registering looked up.
type checkedService struct {
	region string
	// zones are the zones of a network the service creates.
	zones []string
	// hostedZone is the hosted zone of a domain name.
	hostedZone *edge.HostedZone
	// adopted is an adopted VPC given by literal IDs, checked.
	adopted *network.AdoptedVpc
}

// checkPrivateFargateService defaults and checks args, and returns them
// with what the checks looked up. The args are checked first, with no
// look-up but the region; then the look-ups' problems come back together:
// the zones, the hosted zone, and an adopted VPC given by literal IDs.
func checkPrivateFargateService(ctx *pulumi.Context, name string, args *PrivateFargateServiceArgs, opts []pulumi.ResourceOption) (PrivateFargateServiceArgs, checkedService, error) {
	var c checkedService
	if args == nil {
		args = &PrivateFargateServiceArgs{}
	}
	a := args.withDefaults()
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return a, c, err
	}
	if c.region, err = piece.ResolveRegion(ctx, a.Region, invokeOpts); err != nil {
		return a, c, err
	}
	if err := a.validateAsWritten(name, c.region, *args); err != nil {
		return a, c, err
	}
	c.zones = a.Network.AvailabilityZones
	var p check.Problems
	if a.Network.Existing == nil {
		// Refuse an AZ count the region cannot hold before anything exists.
		if c.zones, err = network.AvailabilityZones(ctx, a.Network, invokeOpts, "Network."); err != nil {
			return a, c, err
		}
	} else {
		net := a.Network
		net.Region = c.region
		var vp check.Problems
		c.adopted, vp = network.LookUpAdoptedVpc(ctx, "Network.", net, invokeOpts)
		p = append(p, vp...)
	}
	if kindOf(a.Kind) == KindWeb {
		// Refuse a hosted zone that does not hold the domain, or is not there.
		var zp check.Problems
		c.hostedZone, zp = edge.LookupHostedZone(ctx, "Ingress.", "", a.Ingress, nil, invokeOpts)
		p = append(p, zp...)
	}
	if err := check.Refusal("", p); err != nil {
		return a, c, err
	}
	return a, c, nil
}

// Outputs are the component's outputs by name, as it registers them and as
// a stack exports them: for a web service (Kind "web"), every output of
// the releases before kinds, and those only; for another kind, what
// applies to it (kindOutputs).
func (c *PrivateFargateService) Outputs() pulumi.Map {
	if kindOf(c.kind) != KindWeb {
		return c.kindOutputs()
	}
	return pulumi.Map{
		"url":                 c.Url,
		"loadBalancerDnsName": c.LoadBalancerDnsName,
		"repositoryUrl":       c.RepositoryUrl,
		"clusterName":         c.ClusterName,
		"serviceName":         c.ServiceName,
		"vpcId":               c.VpcId,
		"publicSubnetIds":     c.PublicSubnetIds,
		"privateSubnetIds":    c.PrivateSubnetIds,
		"endpointIds":         c.EndpointIds,
		"logGroupName":        c.LogGroupName,
		"taskSecurityGroupId": c.TaskSecurityGroupId,
		"accessLogsBucket":    c.AccessLogsBucket,
	}
}

// inService is what a piece built inside a PrivateFargateService takes
// from it: deploy-time problems reported under the component, with the
// field paths its caller wrote, and each child's alias to its URN under
// the component, where the first release made it. The component's own
// args name the pieces' fields thus:
//   - the network's are under Network;
//   - the load balancer's are under LoadBalancer, except Ingress, which
//     is the component's own;
//   - the cluster's ECS Exec key and the service's key are Kms.KeyArn,
//     and the service's SecretsUseKey is Kms.Secrets; its EC2 group is
//     Ec2 and its default strategy the service's;
//   - every other service field has the same path.
func inService(comp pulumi.Resource, pieceName string) *piece.Within {
	field := func(f string) string { return f }
	switch pieceName {
	case "Network":
		field = func(f string) string { return "Network." + f }
	case "LoadBalancer":
		field = func(f string) string {
			if strings.HasPrefix(f, "Ingress.") {
				return f
			}
			return "LoadBalancer." + f
		}
	case "Cluster":
		field = func(f string) string {
			switch {
			case f == "Exec.KmsKeyArn":
				return "Kms.KeyArn"
			case strings.HasPrefix(f, "Ec2[0]"):
				return "Ec2" + strings.TrimPrefix(f, "Ec2[0]")
			case strings.HasPrefix(f, "DefaultStrategy"):
				return "Service.CapacityProviderStrategy" + strings.TrimPrefix(f, "DefaultStrategy")
			}
			return f
		}
	case "WebService":
		field = func(f string) string {
			switch f {
			case "KmsKeyArn":
				return "Kms.KeyArn"
			case "SecretsUseKey":
				return "Kms.Secrets"
			}
			return f
		}
	}
	return &piece.Within{Composite: "PrivateFargateService", Released: comp, Field: field}
}
