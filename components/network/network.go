package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NetworkType is the Network component's type token.
const NetworkType = "private-fargate:index:Network"

// Network is a VPC for private services: a public and a private subnet per
// AZ, an internet gateway for the public side only, optional NAT, and the
// VPC endpoints every service on it needs, with their security group. Or,
// with Existing, an adopted VPC plus only the endpoints it lacks.
//
// Several WebServices share one Network: its endpoint set is the union of
// their declared features, and each service admits its own tasks to the
// endpoint security group.
type Network struct {
	pulumi.ResourceState

	// VpcId is the VPC's ID. For an adopted VPC whose IDs are Outputs it
	// resolves only once the deploy-time checks pass.
	VpcId pulumi.StringOutput `pulumi:"vpcId"`
	// PublicSubnetIds are the load balancer's subnets, one per AZ.
	PublicSubnetIds pulumi.StringArrayOutput `pulumi:"publicSubnetIds"`
	// PrivateSubnetIds are the tasks' subnets, one per AZ.
	PrivateSubnetIds pulumi.StringArrayOutput `pulumi:"privateSubnetIds"`
	// PrivateRouteTableIds are the private subnets' route tables.
	PrivateRouteTableIds pulumi.StringArrayOutput `pulumi:"privateRouteTableIds"`
	// AvailabilityZones are the private subnets' zones, in subnet order.
	AvailabilityZones pulumi.StringArrayOutput `pulumi:"availabilityZones"`
	// EndpointSecurityGroupId is the interface endpoints' security group.
	EndpointSecurityGroupId pulumi.StringOutput `pulumi:"endpointSecurityGroupId"`
	// EndpointIds are the IDs of the endpoints the network created, by
	// short service name.
	EndpointIds pulumi.StringMapOutput `pulumi:"endpointIds"`
	// GatewayPrefixListIds are the managed prefix lists of the gateway
	// endpoints (created or adopted), by short service name; tasks reach
	// S3 through the one named "s3".
	GatewayPrefixListIds pulumi.StringMapOutput `pulumi:"gatewayPrefixListIds"`
	// EndpointServices are every endpoint the VPC has for its services,
	// created or adopted, by short service name, sorted.
	EndpointServices pulumi.StringArrayOutput `pulumi:"endpointServices"`
	// Endpoints are the endpoints with the reasons for each and the
	// services that need it, as the plan shows them.
	Endpoints pulumi.AnyOutput `pulumi:"endpoints"`

	// ready are the endpoints, their group and the private routing, which
	// tasks and instances need at start; internet is what an
	// internet-facing load balancer needs (the internet gateway and the
	// public routes). Listed explicitly, and depended on instead of the
	// component: the SDK adds a component's children to it asynchronously,
	// so depending on the component waits for a different set each run.
	ready     []pulumi.Resource
	internet  []pulumi.Resource
	name      string
	region    string
	nat       bool
	endpoints []EndpointSpec
	adopted   []string
	// contract is what the network hands services and clusters.
	contract NetworkContract
}

// NetworkContract is what the network hands services and clusters: its
// ids, which resolve once the parts a consumer needs exist, and its facts.
func (n *Network) NetworkContract() NetworkContract { return n.contract }

// Region is the region the network's endpoint services were named for.
func (n *Network) Region() string { return n.region }

// HasNat tells whether the private subnets route to the internet.
func (n *Network) HasNat() bool { return n.nat }

// EndpointSet is the endpoints the network provides, created or adopted,
// with their reasons, sorted by service.
func (n *Network) EndpointSet() []EndpointSpec { return slices.Clone(n.endpoints) }

// HasEndpoint tells whether the network provides the service's endpoint.
func (n *Network) hasEndpoint(service string) bool {
	return slices.ContainsFunc(n.endpoints, func(e EndpointSpec) bool { return e.Service == service })
}

// NewNetwork checks args, then creates the VPC (or adopts one) and the
// endpoints. On invalid args it returns a *ValidationError and registers
// nothing.
func NewNetwork(ctx *pulumi.Context, name string, args *NetworkArgs, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		args = &NetworkArgs{}
	}
	return NewNetworkIn(ctx, name, *args, nil, nil, opts...)
}

// NewNetworkIn builds the network as NewNetwork does, for the composites
// of this module: in is the composite it is built inside, or nil, and
// adopted is Existing as the caller's look-ups before registering found
// it (PrivateFargateService's and Platform's checks), so the network does
// not make them again, or nil.
func NewNetworkIn(ctx *pulumi.Context, name string, args NetworkArgs, in *piece.Within, adopted *AdoptedVpc, opts ...pulumi.ResourceOption) (*Network, error) {
	a := args.WithDefaults()
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return nil, err
	}
	region, err := piece.ResolveRegion(ctx, a.Region, invokeOpts)
	if err != nil {
		return nil, err
	}
	a.Region = region
	if err := check.Refusal("Network", a.Validate(name)); err != nil {
		return nil, err
	}
	var azs []string
	// The look-ups before the family exists name the fields the user
	// wrote: the composite's prefix for the network's args, if any.
	fieldPrefix := in.Path("")
	if a.Existing == nil {
		if azs, err = AvailabilityZones(ctx, a, invokeOpts, fieldPrefix); err != nil {
			return nil, err
		}
	} else if adopted == nil {
		// With literal IDs, refuse a VPC that cannot serve private tasks
		// before anything registers.
		var p check.Problems
		if adopted, p = LookUpAdoptedVpc(ctx, fieldPrefix, a, invokeOpts); len(p) > 0 {
			return nil, check.Refusal(in.PieceOr("Network"), p)
		}
	}

	n := &Network{name: name, region: region, endpoints: EndpointUnion(a.Features, a.ExtraEndpointServices)}
	if e := a.Existing; e != nil {
		n.nat = e.NatGateway
		n.adopted = slices.Clone(e.EndpointServices)
		slices.Sort(n.adopted)
		for _, svc := range n.adopted {
			if !n.hasEndpoint(svc) {
				n.endpoints = append(n.endpoints, EndpointSpec{Service: svc, Type: EndpointType(svc), Reasons: []string{"already in the adopted VPC"}})
			}
		}
		slices.SortFunc(n.endpoints, func(a, b EndpointSpec) int { return strings.Compare(a.Service, b.Service) })
	} else {
		n.nat = a.NatGateways != NatNone
	}
	if err := ctx.RegisterComponentResource(NetworkType, name, n, opts...); err != nil {
		return nil, fmt.Errorf("register network: %w", err)
	}
	f := &piece.Family{Ctx: ctx, Name: name, Parent: n, In: in, Tags: a.Tags, Piece: "Network"}

	var vpc *vpcParts
	if a.Existing == nil {
		vpc, err = createVpc(f, a, azs)
	} else {
		vpc, err = adoptVpc(f, a, fieldPrefix, adopted)
	}
	if err != nil {
		return nil, err
	}
	if err := n.createEndpoints(f, a, vpc); err != nil {
		return nil, err
	}
	n.ready = append(n.ready, vpc.routing...)
	n.internet = vpc.internet
	if err := n.hand(f, a, azs, adopted, vpc); err != nil {
		return nil, err
	}
	if a.FlowLogs != nil {
		if err := newFlowLog(f, *a.FlowLogs, region, vpc.vpcID); err != nil {
			return nil, err
		}
	}
	n.VpcId = vpc.vpcID
	n.PublicSubnetIds = vpc.public
	n.PrivateSubnetIds = vpc.private
	n.PrivateRouteTableIds = vpc.routeTables
	n.AvailabilityZones = vpc.zones

	services := make([]string, len(n.endpoints))
	for i, e := range n.endpoints {
		services[i] = e.Service
	}
	n.EndpointServices = pulumi.ToStringArray(services).ToStringArrayOutput()
	n.Endpoints = pulumi.Any(endpointOutputs(n.endpoints))
	if err := ctx.RegisterResourceOutputs(n, pulumi.Map{
		"vpcId":                   n.VpcId,
		"publicSubnetIds":         n.PublicSubnetIds,
		"privateSubnetIds":        n.PrivateSubnetIds,
		"privateRouteTableIds":    n.PrivateRouteTableIds,
		"availabilityZones":       n.AvailabilityZones,
		"endpointSecurityGroupId": n.EndpointSecurityGroupId,
		"endpointIds":             n.EndpointIds,
		"gatewayPrefixListIds":    n.GatewayPrefixListIds,
		"endpointServices":        n.EndpointServices,
		"endpoints":               n.Endpoints,
	}); err != nil {
		return nil, fmt.Errorf("register network outputs: %w", err)
	}
	return n, nil
}

// hand fills in the contract the network hands services and clusters,
// with the endpoint-clients group when access is shared: the public
// subnets resolve once the internet side is routed, the private ones once
// the endpoints, their groups and the private routing exist.
func (n *Network) hand(f *piece.Family, a NetworkArgs, azs []string, adopted *AdoptedVpc, vpc *vpcParts) error {
	name, region := f.Name, n.region
	n.contract = NetworkContract{
		Name: name, Region: region, Partition: check.Partition(region),
		VpcId:                   vpc.vpcID,
		PrivateRouteTableIds:    vpc.routeTables,
		Endpoints:               make([]string, len(n.endpoints)),
		Nat:                     n.nat,
		EndpointSecurityGroupId: n.EndpointSecurityGroupId,
		GatewayPrefixListIds:    n.GatewayPrefixListIds,
	}
	for i, e := range n.endpoints {
		n.contract.Endpoints[i] = e.Service
	}
	if a.Existing == nil {
		n.contract.VpcCidr = pulumi.String(a.CidrBlock)
		n.contract.AvailabilityZones = slices.Clone(azs)
	} else if adopted != nil {
		// Looked up before anything registered: the zones are known.
		n.contract.AvailabilityZones = slices.Clone(adopted.zones)
	}
	if a.SharedEndpointAccess {
		clients, rules, err := newEndpointClients(f, n.contract)
		if err != nil {
			return err
		}
		n.ready = append(n.ready, rules...)
		n.contract.EndpointClientSecurityGroupId = clients
	}
	if len(a.PullThroughCache) > 0 {
		registry, err := newPullThroughCache(f, a.PullThroughCache, region)
		if err != nil {
			return err
		}
		n.contract.PullThroughCache = CacheRoutes(a.PullThroughCache)
		n.contract.CacheRegistry = registry
	}
	n.contract.PublicSubnetIds = piece.StringsAfter(vpc.public, n.internet)
	n.contract.PrivateSubnetIds = piece.StringsAfter(vpc.private, n.ready)
	return nil
}

// endpointOutputs renders the endpoint set as plain data for the outputs.
func endpointOutputs(specs []EndpointSpec) []any {
	out := make([]any, len(specs))
	for i, e := range specs {
		out[i] = map[string]any{
			"service":  e.Service,
			"type":     e.Type,
			"reasons":  slices.Clone(e.Reasons),
			"neededBy": slices.Clone(e.NeededBy),
		}
	}
	return out
}

// AvailabilityZones returns the named zones, or the first AzCount zones the
// region reports as available.
// prefix is the network args' path in the caller's args.
func AvailabilityZones(ctx *pulumi.Context, n NetworkArgs, opts []pulumi.InvokeOption, prefix string) ([]string, error) {
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
		return nil, fmt.Errorf("look up availability zones (or set %sAvailabilityZones): %w", prefix, err)
	}
	if len(res.Names) < n.AzCount {
		return nil, &check.ValidationError{Piece: "Network", Problems: []check.FieldError{{
			Field:   prefix + "AzCount",
			Problem: fmt.Sprintf("the region has %d available AZs, fewer than %d; use at most %d", len(res.Names), n.AzCount, len(res.Names)),
		}}}
	}
	return res.Names[:n.AzCount], nil
}

// vpcParts are the IDs the endpoints and the other pieces are built on,
// created or adopted.
type vpcParts struct {
	vpcID                        pulumi.StringOutput
	public, private, routeTables pulumi.StringArrayOutput
	zones                        pulumi.StringArrayOutput
	// prefixLists are the adopted gateway endpoints' prefix lists.
	prefixLists pulumi.StringMapOutput
	// internet are what an internet-facing load balancer waits for: the
	// internet gateway, the public route and the public subnets'
	// associations. routing are what tasks wait for: the private
	// subnets' associations and the NAT routes. Empty for an adopted VPC,
	// whose routes exist already.
	internet, routing []pulumi.Resource
}

// createVpc creates the VPC with DNS support and hostnames on (private DNS
// on interface endpoints needs both), a public and a private subnet per
// AZ, an internet gateway for the public side only, and one private route
// table per AZ with no route out unless NAT is asked for.
func createVpc(f *piece.Family, a NetworkArgs, azs []string) (*vpcParts, error) {
	publicCidrs, privateCidrs, err := check.SubnetCidrs(a.CidrBlock, len(azs))
	if err != nil {
		return nil, fmt.Errorf("split VPC CIDR: %w", err)
	}
	name := f.Name + "-vpc"
	vpc, err := ec2.NewVpc(f.Ctx, name, &ec2.VpcArgs{
		CidrBlock:          pulumi.String(a.CidrBlock),
		EnableDnsSupport:   pulumi.Bool(true),
		EnableDnsHostnames: pulumi.Bool(true),
		Tags:               f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create VPC: %w", err)
	}
	vpcID := vpc.ID()

	// Adopting the default security group with no rules removes AWS's
	// allow-all rules from it, so nothing placed in it by mistake can talk.
	name = f.Name + "-default-sg"
	if _, err := ec2.NewDefaultSecurityGroup(f.Ctx, name, &ec2.DefaultSecurityGroupArgs{
		VpcId: vpcID,
		Tags:  f.TagsFor(name),
	}, f.Opts()...); err != nil {
		return nil, fmt.Errorf("restrict default security group: %w", err)
	}

	name = f.Name + "-igw"
	igw, err := ec2.NewInternetGateway(f.Ctx, name, &ec2.InternetGatewayArgs{
		VpcId: vpcID,
		Tags:  f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create internet gateway: %w", err)
	}

	name = f.Name + "-public-rt"
	publicRT, err := ec2.NewRouteTable(f.Ctx, name, &ec2.RouteTableArgs{
		VpcId: vpcID,
		Tags:  f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create public route table: %w", err)
	}
	publicRoute, err := ec2.NewRoute(f.Ctx, f.Name+"-public-internet", &ec2.RouteArgs{
		RouteTableId:         publicRT.ID(),
		DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
		GatewayId:            igw.ID(),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create public internet route: %w", err)
	}
	out := &vpcParts{internet: []pulumi.Resource{igw, publicRoute}}

	var public, private, routeTables pulumi.StringArray
	var publicSubnets []*ec2.Subnet
	var privateRTs []*ec2.RouteTable
	for i, az := range azs {
		name = fmt.Sprintf("%s-public-%d", f.Name, i)
		sub, err := ec2.NewSubnet(f.Ctx, name, &ec2.SubnetArgs{
			VpcId:            vpcID,
			CidrBlock:        pulumi.String(publicCidrs[i]),
			AvailabilityZone: pulumi.String(az),
			// The ALB and NAT gateways get their own addresses; nothing
			// else in a public subnet should get one by default.
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags:                f.TagsFor(name),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create public subnet %d: %w", i, err)
		}
		rta, err := ec2.NewRouteTableAssociation(f.Ctx, name+"-rta", &ec2.RouteTableAssociationArgs{
			SubnetId:     sub.ID(),
			RouteTableId: publicRT.ID(),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("associate public subnet %d: %w", i, err)
		}
		out.internet = append(out.internet, rta)
		public = append(public, sub.ID().ToStringOutput())
		publicSubnets = append(publicSubnets, sub)

		name = fmt.Sprintf("%s-private-%d", f.Name, i)
		sub, err = ec2.NewSubnet(f.Ctx, name, &ec2.SubnetArgs{
			VpcId:               vpcID,
			CidrBlock:           pulumi.String(privateCidrs[i]),
			AvailabilityZone:    pulumi.String(az),
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags:                f.TagsFor(name),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create private subnet %d: %w", i, err)
		}
		rt, err := ec2.NewRouteTable(f.Ctx, name+"-rt", &ec2.RouteTableArgs{
			VpcId: vpcID,
			Tags:  f.TagsFor(name + "-rt"),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create private route table %d: %w", i, err)
		}
		rta, err = ec2.NewRouteTableAssociation(f.Ctx, name+"-rta", &ec2.RouteTableAssociationArgs{
			SubnetId:     sub.ID(),
			RouteTableId: rt.ID(),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("associate private subnet %d: %w", i, err)
		}
		out.routing = append(out.routing, rta)
		private = append(private, sub.ID().ToStringOutput())
		routeTables = append(routeTables, rt.ID().ToStringOutput())
		privateRTs = append(privateRTs, rt)
	}
	natRoutes, err := natGateways(f, a.NatGateways, igw, publicSubnets, privateRTs)
	if err != nil {
		return nil, err
	}
	out.routing = append(out.routing, natRoutes...)
	out.vpcID = vpcID.ToStringOutput()
	out.public = public.ToStringArrayOutput()
	out.private = private.ToStringArrayOutput()
	out.routeTables = routeTables.ToStringArrayOutput()
	out.zones = pulumi.ToStringArray(azs).ToStringArrayOutput()
	return out, nil
}

// natGateways adds the optional NAT gateways and the private default routes
// through them. With NatNone the private route tables keep no route out.
func natGateways(f *piece.Family, mode NatMode, igw *ec2.InternetGateway, public []*ec2.Subnet, privateRTs []*ec2.RouteTable) ([]pulumi.Resource, error) {
	count := 0
	switch mode {
	case NatSingle:
		count = 1
	case NatPerAz:
		count = len(public)
	}
	var nats []*ec2.NatGateway
	for i := 0; i < count; i++ {
		name := fmt.Sprintf("%s-nat-%d", f.Name, i)
		eip, err := ec2.NewEip(f.Ctx, name+"-eip", &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   f.TagsFor(name + "-eip"),
		}, f.Opts(pulumi.DependsOn([]pulumi.Resource{igw}))...)
		if err != nil {
			return nil, fmt.Errorf("create NAT address %d: %w", i, err)
		}
		nat, err := ec2.NewNatGateway(f.Ctx, name, &ec2.NatGatewayArgs{
			AllocationId: eip.ID(),
			SubnetId:     public[i].ID(),
			Tags:         f.TagsFor(name),
		}, f.Opts(pulumi.DependsOn([]pulumi.Resource{igw}))...)
		if err != nil {
			return nil, fmt.Errorf("create NAT gateway %d: %w", i, err)
		}
		nats = append(nats, nat)
	}
	if count == 0 {
		return nil, nil
	}
	var routes []pulumi.Resource
	for i, rt := range privateRTs {
		nat := nats[min(i, count-1)]
		route, err := ec2.NewRoute(f.Ctx, fmt.Sprintf("%s-private-%d-nat", f.Name, i), &ec2.RouteArgs{
			RouteTableId:         rt.ID(),
			DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
			NatGatewayId:         nat.ID(),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create NAT route %d: %w", i, err)
		}
		routes = append(routes, route)
	}
	return routes, nil
}

// EndpointType is the type AWS offers a service's endpoint as.
func EndpointType(service string) string {
	if slices.Contains(GatewayServices, service) {
		return EndpointGateway
	}
	return EndpointInterface
}

// EndpointTag fits a list into one tag value (AWS allows 256 characters),
// saying how many items did not fit.
func EndpointTag(items []string, sep string) string {
	out := ""
	for i, it := range items {
		next := out
		if next != "" {
			next += sep
		}
		next += it
		if rest := len(items) - i - 1; len(next) > 256-len(fmt.Sprintf("%s+%d more", sep, rest+1)) && rest > 0 {
			return fmt.Sprintf("%s%s+%d more", out, sep, len(items)-i)
		}
		out = next
	}
	if len(out) > 256 {
		out = out[:256]
	}
	return out
}

// createEndpoints creates the endpoint security group (unless an adopted
// VPC brings its own) and every endpoint the VPC does not already have:
// interface endpoints in every private subnet with private DNS on, and
// gateway endpoints on every private route table. Each endpoint's tags say
// why it exists and which services need it.
func (n *Network) createEndpoints(f *piece.Family, a NetworkArgs, v *vpcParts) error {
	var sgID pulumi.StringOutput
	if e := a.Existing; e != nil && e.EndpointSecurityGroupId != nil {
		sgID = e.EndpointSecurityGroupId.ToStringOutput()
	} else {
		desc := "VPC interface endpoints: HTTPS from the tasks only"
		for _, feat := range a.Features {
			if feat.Ec2 {
				desc = "VPC interface endpoints: HTTPS from the tasks and container instances only"
			}
		}
		name := f.Name + "-endpoint-sg"
		sg, err := ec2.NewSecurityGroup(f.Ctx, name, &ec2.SecurityGroupArgs{
			VpcId:       v.vpcID,
			Description: pulumi.String(desc),
			Tags:        f.TagsFor(name),
		}, f.Opts()...)
		if err != nil {
			return fmt.Errorf("create endpoint security group: %w", err)
		}
		sgID = sg.ID().ToStringOutput()
		n.ready = append(n.ready, sg)
	}
	n.EndpointSecurityGroupId = sgID

	ids := pulumi.StringMap{}
	prefixLists := pulumi.StringMap{}
	for _, spec := range n.endpoints {
		if slices.Contains(n.adopted, spec.Service) {
			if spec.Type == EndpointGateway {
				prefixLists[spec.Service] = adoptedPrefixList(v, spec.Service)
			}
			continue
		}
		name := f.Name + "-vpce-" + strings.ReplaceAll(spec.Service, ".", "-")
		tags := f.TagMap(name)
		tags["needed-for"] = pulumi.String(EndpointTag(spec.Reasons, "; "))
		if len(spec.NeededBy) > 0 {
			tags["needed-by"] = pulumi.String(EndpointTag(spec.NeededBy, " "))
		}
		args := &ec2.VpcEndpointArgs{
			VpcId:           v.vpcID,
			ServiceName:     pulumi.String(spec.ServiceName(n.region)),
			VpcEndpointType: pulumi.String(spec.Type),
			Tags:            tags,
		}
		if spec.Type == EndpointGateway {
			args.RouteTableIds = v.routeTables
		} else {
			args.SubnetIds = v.private
			args.SecurityGroupIds = pulumi.StringArray{sgID}
			args.PrivateDnsEnabled = pulumi.Bool(true)
		}
		ep, err := ec2.NewVpcEndpoint(f.Ctx, name, args, f.Opts()...)
		if err != nil {
			return fmt.Errorf("create %s endpoint: %w", spec.Service, err)
		}
		n.ready = append(n.ready, ep)
		ids[spec.Service] = ep.ID().ToStringOutput()
		if spec.Type == EndpointGateway {
			prefixLists[spec.Service] = ep.PrefixListId
		}
	}
	n.EndpointIds = ids.ToStringMapOutput()
	n.GatewayPrefixListIds = prefixLists.ToStringMapOutput()
	return nil
}
