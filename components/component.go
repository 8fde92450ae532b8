package components

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PrivateFargateServiceType is the component's type token.
const PrivateFargateServiceType = "private-fargate:index:PrivateFargateService"

// PrivateFargateService is a web service on ECS in private subnets, reached
// through a public ALB, pulling from ECR and logging to CloudWatch through
// VPC endpoints.
type PrivateFargateService struct {
	pulumi.ResourceState

	// Url is the service's address: http://<alb dns> or https://<alb dns>.
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

	// Endpoints is the endpoint set the component created, with the
	// reason for each one.
	Endpoints []EndpointSpec
	// Region is the region the service names of the endpoints were built for.
	Region string
	// AvailabilityZones are the zones the subnets were placed in.
	AvailabilityZones []string
}

// builder carries what every part of the construction needs.
type builder struct {
	ctx    *pulumi.Context
	name   string
	args   PrivateFargateServiceArgs
	region string
	azs    []string
	comp   *PrivateFargateService
}

// NewPrivateFargateService checks args, then creates the VPC, endpoints,
// security groups, ECR repository, ALB, IAM roles, log group, cluster, task
// definition and service as children of one component. On invalid args it
// returns a *ValidationError and registers nothing.
func NewPrivateFargateService(ctx *pulumi.Context, name string, args *PrivateFargateServiceArgs,
	opts ...pulumi.ResourceOption,
) (*PrivateFargateService, error) {
	if args == nil {
		args = &PrivateFargateServiceArgs{}
	}
	a := args.withDefaults()
	invokeOpts, err := invokeOptions(opts)
	if err != nil {
		return nil, err
	}

	region := a.Region
	if region == "" {
		r, err := aws.GetRegion(ctx, nil, invokeOpts...)
		if err != nil {
			return nil, fmt.Errorf("look up the region (or set Region): %w", err)
		}
		region = r.Name
	}
	if err := a.validate(name, region); err != nil {
		return nil, err
	}
	azs, err := availabilityZones(ctx, a.Network, invokeOpts)
	if err != nil {
		return nil, err
	}

	comp := &PrivateFargateService{Region: region, AvailabilityZones: azs}
	if err := ctx.RegisterComponentResource(PrivateFargateServiceType, name, comp, opts...); err != nil {
		return nil, fmt.Errorf("register component: %w", err)
	}
	b := &builder{ctx: ctx, name: name, args: a, region: region, azs: azs, comp: comp}
	if err := b.build(); err != nil {
		return nil, err
	}
	return comp, nil
}

// invokeOptions passes the caller's provider or parent on to the look-ups
// made before the component exists, so they ask the same account and region.
func invokeOptions(opts []pulumi.ResourceOption) ([]pulumi.InvokeOption, error) {
	ro, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil, fmt.Errorf("read resource options: %w", err)
	}
	var out []pulumi.InvokeOption
	if ro.Parent != nil {
		out = append(out, pulumi.Parent(ro.Parent))
	}
	if ro.Provider != nil {
		out = append(out, pulumi.Provider(ro.Provider))
	}
	return out, nil
}

// availabilityZones returns the named zones, or the first AzCount zones the
// region reports as available.
func availabilityZones(ctx *pulumi.Context, n NetworkArgs, opts []pulumi.InvokeOption) ([]string, error) {
	if len(n.AvailabilityZones) > 0 {
		return n.AvailabilityZones, nil
	}
	state := "available"
	res, err := aws.GetAvailabilityZones(ctx, &aws.GetAvailabilityZonesArgs{
		State: &state,
		// Local Zones and Wavelength Zones the account opted into have
		// neither the ALB nor the endpoints this component needs.
		Filters: []aws.GetAvailabilityZonesFilter{{Name: "zone-type", Values: []string{"availability-zone"}}},
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("look up availability zones (or set Network.AvailabilityZones): %w", err)
	}
	if len(res.Names) < n.AzCount {
		return nil, &ValidationError{Problems: []FieldError{{
			Field:   "Network.AzCount",
			Problem: fmt.Sprintf("the region has %d available AZs, fewer than %d; use at most %d", len(res.Names), n.AzCount, len(res.Names)),
		}}}
	}
	return res.Names[:n.AzCount], nil
}

// build creates every child in dependency order and registers the outputs.
func (b *builder) build() error {
	net, err := b.network()
	if err != nil {
		return err
	}
	features := EndpointFeatures{Extra: b.args.ExtraEndpointServices}
	if b.args.usesEC2() {
		features.Ec2 = true
		features.SessionManager = b.args.Ec2.SessionManager
	}
	for _, arn := range b.args.Container.Secrets {
		switch secretKind(arn) {
		case "secretsmanager":
			features.SecretsManager = true
		case "ssm":
			features.ParameterStore = true
		}
	}
	b.comp.Endpoints = EndpointSet(features)

	sgs, err := b.securityGroups(net)
	if err != nil {
		return err
	}
	eps, err := b.endpoints(net, sgs)
	if err != nil {
		return err
	}
	rules, err := b.securityGroupRules(sgs, eps)
	if err != nil {
		return err
	}
	repo, err := b.registry()
	if err != nil {
		return err
	}
	alb, err := b.loadBalancer(net, sgs)
	if err != nil {
		return err
	}
	logs, err := b.logGroup()
	if err != nil {
		return err
	}
	roles, err := b.roles(repo, logs)
	if err != nil {
		return err
	}
	ecsCluster, err := b.cluster()
	if err != nil {
		return err
	}
	var ec2Provider pulumi.StringInput
	if b.args.usesEC2() {
		capacity, err := b.ec2Capacity(ecsCluster, net, sgs, append(append([]pulumi.Resource{}, eps.all...), rules...))
		if err != nil {
			return err
		}
		ec2Provider = capacity.provider.Name
	}
	cl, err := b.associateProviders(ecsCluster, ec2Provider)
	if err != nil {
		return err
	}
	svc, err := b.service(serviceDeps{
		net: net, sgs: sgs, eps: eps, rules: rules, repo: repo, alb: alb, logs: logs, roles: roles, cluster: cl,
	})
	if err != nil {
		return err
	}

	c := b.comp
	scheme := "http"
	if b.args.Ingress.Https {
		scheme = "https"
	}
	c.Url = pulumi.Sprintf("%s://%s", scheme, alb.lb.DnsName)
	c.LoadBalancerDnsName = alb.lb.DnsName
	c.RepositoryUrl = repo.repo.RepositoryUrl
	c.ClusterName = cl.cluster.Name
	c.ServiceName = svc.Name
	c.VpcId = net.vpc.ID().ToStringOutput()
	c.PublicSubnetIds = subnetIds(net.public)
	c.PrivateSubnetIds = subnetIds(net.private)
	endpointIds := pulumi.StringMap{}
	for svcName, ep := range eps.byService {
		endpointIds[svcName] = ep.ID().ToStringOutput()
	}
	c.EndpointIds = endpointIds.ToStringMapOutput()
	c.LogGroupName = logs.Name
	c.TaskSecurityGroupId = sgs.taskTraffic().ID().ToStringOutput()

	if err := b.ctx.RegisterResourceOutputs(c, c.Outputs()); err != nil {
		return fmt.Errorf("register outputs: %w", err)
	}
	return nil
}

// Outputs are the component's outputs by name, as it registers them and as
// a stack exports them.
func (c *PrivateFargateService) Outputs() pulumi.Map {
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
	}
}

// opts are the options every child gets: the component as its parent, plus
// any extra ones.
func (b *builder) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Parent(b.comp)}, extra...)
}

// tags returns the tags for a child: the user's tags, then the project,
// stack and component tags, which the user's cannot replace, and a Name.
func (b *builder) tags(resourceName string) pulumi.StringMap {
	t := pulumi.StringMap{}
	for k, v := range b.args.Tags {
		t[k] = pulumi.String(v)
	}
	base := map[string]string{
		"project":   b.ctx.Project(),
		"stack":     b.ctx.Stack(),
		"component": b.name,
		"Name":      resourceName,
	}
	if _, ok := b.args.Tags["Name"]; ok {
		delete(base, "Name")
	}
	for k, v := range maps.All(base) {
		t[k] = pulumi.String(v)
	}
	return t
}
