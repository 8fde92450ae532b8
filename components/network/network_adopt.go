package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AdoptedVpc is what the look-ups found in an adopted VPC.
type AdoptedVpc struct {
	vpcID                        string
	public, private, routeTables []string
	zones                        []string // of the private subnets, in order
	prefixLists                  map[string]string
	// warnings are what is allowed but unwise, by field: the network
	// logs them once it is registered.
	warnings []check.FieldError
}

// adoptedIDs are an adopted VPC's IDs, resolved.
type adoptedIDs struct {
	vpc                          string
	public, private, routeTables []string
	// endpointSG is EndpointSecurityGroupId, or "" when it is not given.
	endpointSG string
}

// literalAdoptedIDs returns the adopted VPC's IDs when every one of them
// is a literal, known before anything registers. With any of them an
// Output, ok is false and the checks wait for deploy time.
func literalAdoptedIDs(e *ExistingVpcArgs) (ids adoptedIDs, ok bool) {
	var okVpc, okPub, okPriv, okRT bool
	ids.vpc, okVpc = check.LiteralString(e.VpcId)
	ids.public, okPub = literalStrings(e.PublicSubnetIds)
	ids.private, okPriv = literalStrings(e.PrivateSubnetIds)
	ids.routeTables, okRT = literalStrings(e.PrivateRouteTableIds)
	okSG := true
	if e.EndpointSecurityGroupId != nil {
		ids.endpointSG, okSG = check.LiteralString(e.EndpointSecurityGroupId)
	}
	return ids, okVpc && okPub && okPriv && okRT && okSG
}

// LookUpAdoptedVpc makes every look-up and check of an adopted VPC whose
// IDs are literals, with the plain look-ups, before anything registers.
// It returns nil and no problems when an ID is an Output: adoptVpc then
// checks at deploy time. prefix is the network args' path in the caller's
// args ("Network." in a PrivateFargateService).
func LookUpAdoptedVpc(ctx *pulumi.Context, prefix string, a NetworkArgs, opts []pulumi.InvokeOption) (*AdoptedVpc, check.Problems) {
	ids, ok := literalAdoptedIDs(a.Existing)
	if !ok {
		return nil, nil
	}
	v, p := checkAdoptedVpc(ctx, prefix, a.Region, a.Existing.EndpointServices, ids, opts)
	if len(p) > 0 {
		return nil, p
	}
	return &v, nil
}

// adoptVpc takes an existing VPC. Nothing of the VPC is registered. With
// checked (literal IDs) the look-ups were made before anything registered
// and the IDs are handed on as they are. Otherwise the VPC, its subnets
// and their route tables are looked up once the IDs resolve, and every ID
// the network hands on resolves only when the checks pass, so a VPC that
// cannot serve private tasks fails the deployment before any endpoint,
// group or service is created in it.
func adoptVpc(f *piece.Family, a NetworkArgs, prefix string, checked *AdoptedVpc) (*vpcParts, error) {
	if checked != nil {
		warnAdopted(f, checked.warnings)
		return &vpcParts{
			vpcID:       pulumi.String(checked.vpcID).ToStringOutput(),
			public:      pulumi.ToStringArray(checked.public).ToStringArrayOutput(),
			private:     pulumi.ToStringArray(checked.private).ToStringArrayOutput(),
			routeTables: pulumi.ToStringArray(checked.routeTables).ToStringArrayOutput(),
			zones:       pulumi.ToStringArray(checked.zones).ToStringArrayOutput(),
			prefixLists: pulumi.ToStringMap(checked.prefixLists).ToStringMapOutput(),
		}, nil
	}
	e := a.Existing
	opts := []pulumi.InvokeOption{pulumi.Parent(f.Parent)}
	region := a.Region
	var endpointSG pulumi.StringInput = pulumi.String("")
	if e.EndpointSecurityGroupId != nil {
		endpointSG = e.EndpointSecurityGroupId
	}
	found := pulumi.All(e.VpcId, e.PublicSubnetIds, e.PrivateSubnetIds, e.PrivateRouteTableIds, endpointSG).ApplyT(
		func(v []any) (any, error) {
			ids := adoptedIDs{
				vpc: v[0].(string), public: v[1].([]string), private: v[2].([]string), routeTables: v[3].([]string),
				endpointSG: v[4].(string),
			}
			out, p := checkAdoptedVpc(f.Ctx, prefix, region, e.EndpointServices, ids, opts)
			if err := check.Refusal(f.PieceName(), p); err != nil {
				return nil, fmt.Errorf("network %s: the adopted VPC %s cannot serve private tasks: %w", f.Name, ids.vpc, err)
			}
			warnAdopted(f, out.warnings)
			return out, nil
		}).(pulumi.AnyOutput)
	vpcID := found.ApplyT(func(v any) string { return v.(AdoptedVpc).vpcID }).(pulumi.StringOutput)
	gated := func(in pulumi.StringArrayInput) pulumi.StringArrayOutput {
		return pulumi.All(vpcID, in).ApplyT(func(v []any) []string { return v[1].([]string) }).(pulumi.StringArrayOutput)
	}
	return &vpcParts{
		vpcID:       vpcID,
		public:      gated(e.PublicSubnetIds),
		private:     gated(e.PrivateSubnetIds),
		routeTables: gated(e.PrivateRouteTableIds),
		zones:       found.ApplyT(func(v any) []string { return v.(AdoptedVpc).zones }).(pulumi.StringArrayOutput),
		prefixLists: found.ApplyT(func(v any) map[string]string { return v.(AdoptedVpc).prefixLists }).(pulumi.StringMapOutput),
	}, nil
}

// warnAdopted logs what the look-ups found allowed but unwise, on the
// network.
func warnAdopted(f *piece.Family, warnings []check.FieldError) {
	for _, w := range warnings {
		// A warning that cannot be logged changes nothing that deploys.
		_ = f.Ctx.Log.Warn(fmt.Sprintf("network %s: %s", f.Name, w.Error()), &pulumi.LogArgs{Resource: f.Parent})
	}
}

// adoptedPrefixList is the prefix list of a gateway endpoint the adopted
// VPC already has, as the look-up found it.
func adoptedPrefixList(v *vpcParts, service string) pulumi.StringOutput {
	return v.prefixLists.MapIndex(pulumi.String(service))
}

// vpcChecker makes an adopted VPC's look-ups and collects, by field,
// every reason the VPC cannot serve private tasks, and what is allowed
// but unwise.
type vpcChecker struct {
	ctx      *pulumi.Context
	prefix   string
	region   string
	ids      adoptedIDs
	opts     []pulumi.InvokeOption
	p        check.Problems
	warnings check.Problems
}

func (c *vpcChecker) field(name string) string { return c.prefix + "Existing." + name }

func (c *vpcChecker) indexed(name string, i int) string {
	return fmt.Sprintf("%sExisting.%s[%d]", c.prefix, name, i)
}

// checkAdoptedVpc looks the adopted VPC up and returns it, or every
// reason it cannot serve private tasks, at once, by field:
//   - private DNS on interface endpoints needs DNS support and DNS
//     hostnames on the VPC (AWS PrivateLink docs, "DNS attributes");
//   - the subnets must be in this VPC, and in the region whose endpoint
//     services the network names;
//   - an ALB needs subnets in at least two AZs, and it must have a subnet
//     in every AZ the tasks run in (ELB docs, "Availability Zones");
//   - an internet-facing ALB's subnets must be public: their route table
//     (the VPC's main one for a subnet with no association of its own)
//     routes 0.0.0.0/0 to an internet gateway (ELB docs, "Subnets for
//     your load balancer"; VPC docs, "Subnet route tables");
//   - the s3 gateway endpoint must be on the route table of every task
//     subnet, or image layers cannot be fetched (ECR docs, "Interface VPC
//     endpoints");
//   - an interface endpoint the VPC already has must have private DNS on,
//     or the tasks resolve the public address they cannot reach;
//   - it must carry EndpointSecurityGroupId, the group the tasks are
//     admitted to: an interface endpoint accepts only what its own
//     groups allow (PrivateLink docs, "Security groups").
//
// A private subnet that maps public IPs on launch or routes to an
// internet gateway is allowed, with a warning.
func checkAdoptedVpc(ctx *pulumi.Context, prefix, region string, existing []string, ids adoptedIDs, opts []pulumi.InvokeOption) (AdoptedVpc, check.Problems) {
	c := &vpcChecker{ctx: ctx, prefix: prefix, region: region, ids: ids, opts: opts}
	out := AdoptedVpc{
		vpcID: ids.vpc, public: ids.public, private: ids.private, routeTables: ids.routeTables,
		prefixLists: map[string]string{},
	}
	c.checkDNS()
	privateSubnets := c.subnets("PrivateSubnetIds", "private", ids.private)
	publicSubnets := c.subnets("PublicSubnetIds", "public", ids.public)
	out.zones = c.checkZones(privateSubnets, publicSubnets)
	c.checkPublicRoutes(publicSubnets)
	c.checkPrivateRoutes(privateSubnets)
	c.checkEndpoints(existing, out.prefixLists)
	out.warnings = c.warnings
	return out, c.p
}

// checkDNS refuses a VPC with DNS support or DNS hostnames off.
func (c *vpcChecker) checkDNS() {
	id := c.ids.vpc
	vpc, err := ec2.LookupVpc(c.ctx, &ec2.LookupVpcArgs{Id: &id}, c.opts...)
	if err != nil {
		c.p.Add(c.field("VpcId"), "look up VPC %s: %v; check the ID, and that the provider's account and region (%s) hold it", id, err, c.region)
		return
	}
	if !vpc.EnableDnsSupport {
		c.p.Add(c.field("VpcId"), "VPC %s has DNS support off; private DNS on the interface endpoints needs it: run aws ec2 modify-vpc-attribute --vpc-id %s --enable-dns-support", id, id)
	}
	if !vpc.EnableDnsHostnames {
		c.p.Add(c.field("VpcId"), "VPC %s has DNS hostnames off; private DNS on the interface endpoints needs it: run aws ec2 modify-vpc-attribute --vpc-id %s --enable-dns-hostnames", id, id)
	}
}

// subnet is a listed subnet as the look-up found it; nil when it could
// not be looked up.
type subnet struct {
	id, field string
	*ec2.LookupSubnetResult
}

// subnets looks up the subnets of one list and refuses those of another
// VPC or region.
func (c *vpcChecker) subnets(list, kind string, ids []string) []subnet {
	out := make([]subnet, len(ids))
	for i, id := range ids {
		out[i] = subnet{id: id, field: c.indexed(list, i)}
		s, err := ec2.LookupSubnet(c.ctx, &ec2.LookupSubnetArgs{Id: &id}, c.opts...)
		if err != nil {
			c.p.Add(out[i].field, "%s subnet %s cannot be looked up (%v); list subnets of VPC %s", kind, id, err, c.ids.vpc)
			continue
		}
		out[i].LookupSubnetResult = s
		if s.VpcId != c.ids.vpc {
			c.p.Add(out[i].field, "%s subnet %s is in VPC %s, not %s; list subnets of VPC %s", kind, id, s.VpcId, c.ids.vpc, c.ids.vpc)
		}
		if check.ZoneRule(c.region)(s.AvailabilityZone) != "" {
			c.p.Add(out[i].field, "%s subnet %s is in zone %s, which is not in the network's region %s, whose endpoint services the network names; set Region to the VPC's region, or deploy with a provider of %s",
				kind, id, s.AvailabilityZone, c.region, c.region)
		}
	}
	return out
}

func zonesOf(subnets []subnet) []string {
	var zones []string
	for _, s := range subnets {
		if s.LookupSubnetResult != nil {
			zones = append(zones, s.AvailabilityZone)
		}
	}
	return zones
}

// checkZones refuses subnets in fewer than two AZs, and public subnets
// that miss an AZ of the tasks. It returns the private subnets' zones.
func (c *vpcChecker) checkZones(private, public []subnet) []string {
	privateZones, publicZones := zonesOf(private), zonesOf(public)
	if n := len(distinct(privateZones)); n < 2 {
		c.p.Add(c.field("PrivateSubnetIds"), "the private subnets of VPC %s are in %d AZ (%s); the tasks and the ALB need at least 2, so list private subnets in 2 or more AZs",
			c.ids.vpc, n, strings.Join(distinct(privateZones), ", "))
	}
	if n := len(distinct(publicZones)); n < 2 {
		c.p.Add(c.field("PublicSubnetIds"), "the public subnets of VPC %s are in %d AZ (%s); an ALB needs subnets in at least 2, so list public subnets in 2 or more AZs",
			c.ids.vpc, n, strings.Join(distinct(publicZones), ", "))
	}
	var uncovered []string
	for _, z := range distinct(privateZones) {
		if !slices.Contains(publicZones, z) {
			uncovered = append(uncovered, z)
		}
	}
	if len(uncovered) > 0 {
		c.p.Add(c.field("PublicSubnetIds"), "the public subnets of VPC %s do not cover the tasks' AZ %s; the ALB must have a subnet in every AZ the tasks run in, so add a public subnet there or drop the private subnets of that AZ",
			c.ids.vpc, strings.Join(uncovered, ", "))
	}
	return privateZones
}

// routeTable is the route table a subnet uses: the one explicitly
// associated with it, or else its VPC's main route table.
type routeTable struct {
	*ec2.LookupRouteTableResult
	main bool
}

// routeTableOf looks up the route table s uses. A look-up by subnet finds
// explicit associations only (EC2 API, DescribeRouteTables: a subnet with
// none is implicitly associated with the main route table, and no subnet
// ID is returned for implicit associations), so when it finds none the
// main route table is looked up by the subnet's VPC. The error completes
// "subnet ... has".
func (c *vpcChecker) routeTableOf(s subnet) (routeTable, error) {
	return lookUpRouteTableOf(c.ctx, s.id, s.VpcId, c.opts)
}

// lookUpRouteTableOf looks up the route table subnet uses, given its VPC:
// see routeTableOf.
func lookUpRouteTableOf(ctx *pulumi.Context, subnet, vpc string, opts []pulumi.InvokeOption) (routeTable, error) {
	rt, err := ec2.LookupRouteTable(ctx, &ec2.LookupRouteTableArgs{SubnetId: &subnet}, opts...)
	if err == nil {
		return routeTable{LookupRouteTableResult: rt}, nil
	}
	// The provider says "no matching EC2 Route Table found" when nothing
	// matched; anything else (a denied call, a throttle) is not an answer.
	if !strings.Contains(err.Error(), "no matching") {
		return routeTable{}, fmt.Errorf("a route table that cannot be looked up (%v)", err)
	}
	main, mainErr := ec2.LookupRouteTable(ctx, &ec2.LookupRouteTableArgs{
		VpcId:   &vpc,
		Filters: []ec2.GetRouteTableFilter{{Name: "association.main", Values: []string{"true"}}},
	}, opts...)
	if mainErr != nil {
		return routeTable{}, fmt.Errorf("no route table of its own (%v), and the main route table of VPC %s cannot be looked up (%v)", err, vpc, mainErr)
	}
	return routeTable{LookupRouteTableResult: main, main: true}, nil
}

// LookUpPrivateRouteTables finds the route tables of an adopted VPC's
// private subnets, for a program whose user did not list them in
// ExistingVpcArgs.PrivateRouteTableIds: each subnet's explicitly
// associated route table, or else the main route table of vpcID, which a
// subnet with no association of its own uses (VPC user guide, "Subnet
// route tables"). It returns each table once, in the subnets' order, or
// a *ValidationError naming each subnet whose table cannot be found under
// prefix + "Existing.PrivateSubnetIds[i]". It registers nothing; the
// adopted VPC's checks (LookUpAdoptedVpc) still run on what it found.
func LookUpPrivateRouteTables(ctx *pulumi.Context, prefix, vpcID string, privateSubnetIDs []string, opts ...pulumi.InvokeOption) ([]string, error) {
	var tables []string
	var p check.Problems
	for i, id := range privateSubnetIDs {
		rt, err := lookUpRouteTableOf(ctx, id, vpcID, opts)
		if err != nil {
			p.Add(fmt.Sprintf("%sExisting.PrivateSubnetIds[%d]", prefix, i),
				"private subnet %s has %v; check that it is a subnet of VPC %s, or list the private subnets' route tables in PrivateRouteTableIds", id, err, vpcID)
			continue
		}
		if !slices.Contains(tables, rt.RouteTableId) {
			tables = append(tables, rt.RouteTableId)
		}
	}
	if err := check.Refusal("Network", p); err != nil {
		return nil, err
	}
	return tables, nil
}

// internetRoute returns the internet gateway rt routes 0.0.0.0/0 to, or "".
func (rt routeTable) internetRoute() string {
	for _, r := range rt.Routes {
		if r.CidrBlock == "0.0.0.0/0" && strings.HasPrefix(r.GatewayId, "igw-") {
			return r.GatewayId
		}
	}
	return ""
}

// describe names rt as the subnet uses it.
func (rt routeTable) describe() string {
	if rt.main {
		return "the VPC's main route table " + rt.RouteTableId + " (it has no route table of its own)"
	}
	return "route table " + rt.RouteTableId
}

// checkPublicRoutes refuses a public subnet whose route table does not
// send 0.0.0.0/0 to an internet gateway: an internet-facing ALB there has
// no way in from the internet.
func (c *vpcChecker) checkPublicRoutes(public []subnet) {
	for _, s := range public {
		if s.LookupSubnetResult == nil {
			continue
		}
		rt, err := c.routeTableOf(s)
		if err != nil {
			c.p.Add(s.field, "public subnet %s has %v; an internet-facing ALB needs a route table with 0.0.0.0/0 to an internet gateway", s.id, err)
			continue
		}
		if rt.internetRoute() == "" {
			c.p.Add(s.field, "public subnet %s uses %s, which has no route 0.0.0.0/0 to an internet gateway, so an internet-facing ALB there cannot be reached; list public subnets, or add the route: aws ec2 create-route --route-table-id %s --destination-cidr-block 0.0.0.0/0 --gateway-id <the VPC's igw-...>",
				s.id, rt.describe(), rt.RouteTableId)
		}
	}
}

// checkPrivateRoutes refuses a private subnet whose route table is not
// listed (the s3 gateway endpoint goes on the listed ones only), and
// warns about a private subnet that is public in effect.
func (c *vpcChecker) checkPrivateRoutes(private []subnet) {
	for _, s := range private {
		if s.LookupSubnetResult == nil {
			continue
		}
		if s.MapPublicIpOnLaunch {
			c.warnings.Add(s.field, "private subnet %s maps public IPs on launch; the tasks and container instances get none (they turn it off), but anything else launched there gets one: run aws ec2 modify-subnet-attribute --subnet-id %s --no-map-public-ip-on-launch",
				s.id, s.id)
		}
		rt, err := c.routeTableOf(s)
		if err != nil {
			c.p.Add(s.field, "private subnet %s has %v; associate a route table of its own and list it in PrivateRouteTableIds", s.id, err)
			continue
		}
		if !slices.Contains(c.ids.routeTables, rt.RouteTableId) {
			fix := "so add " + rt.RouteTableId
			if rt.main {
				fix = "so associate a route table of its own and list it, or add " + rt.RouteTableId
			}
			c.p.Add(c.field("PrivateRouteTableIds"), "private subnet %s uses %s, which PrivateRouteTableIds does not list; the s3 gateway endpoint must be on it, %s",
				s.id, rt.describe(), fix)
		}
		if igw := rt.internetRoute(); igw != "" {
			c.warnings.Add(s.field, "private subnet %s uses %s, which routes 0.0.0.0/0 to internet gateway %s, so it is a public subnet; the tasks have no public IP and cannot use that route, and anything with one there is reachable from the internet: list subnets whose route table has no internet gateway route",
				s.id, rt.describe(), igw)
		}
	}
}

// checkEndpoints looks up the endpoints the VPC already has, and records
// the prefix lists of its gateway endpoints.
func (c *vpcChecker) checkEndpoints(existing []string, prefixLists map[string]string) {
	for i, svc := range existing {
		field := c.indexed("EndpointServices", i)
		name := fmt.Sprintf("com.amazonaws.%s.%s", c.region, svc)
		// By type too: a VPC may have an s3 interface endpoint (for
		// on-premises access) next to the s3 gateway endpoint, and the
		// look-up must match exactly one endpoint.
		typ := EndpointType(svc)
		vpc := c.ids.vpc
		ep, err := ec2.LookupVpcEndpoint(c.ctx, &ec2.LookupVpcEndpointArgs{
			VpcId: &vpc, ServiceName: &name,
			Filters: []ec2.GetVpcEndpointFilter{{Name: "vpc-endpoint-type", Values: []string{typ}}},
		}, c.opts...)
		if err != nil {
			c.p.Add(field, "VPC %s has no %s endpoint of type %s (%v); remove %s from EndpointServices so the network creates it", vpc, svc, typ, err, svc)
			continue
		}
		if typ == EndpointGateway {
			var missing []string
			for _, rt := range c.ids.routeTables {
				if !slices.Contains(ep.RouteTableIds, rt) {
					missing = append(missing, rt)
				}
			}
			if len(missing) > 0 {
				c.p.Add(field, "the %s gateway endpoint %s of VPC %s is not on route table %s; add those route tables to it", svc, ep.Id, vpc, strings.Join(missing, ", "))
			}
			prefixLists[svc] = ep.PrefixListId
			continue
		}
		if !ep.PrivateDnsEnabled {
			c.p.Add(field, "the %s endpoint %s of VPC %s has private DNS off, so tasks resolve the public address they cannot reach; turn private DNS on", svc, ep.Id, vpc)
		}
		if sg := c.ids.endpointSG; sg != "" && !slices.Contains(ep.SecurityGroupIds, sg) {
			c.p.Add(c.field("EndpointSecurityGroupId"), "the %s endpoint %s of VPC %s has security groups %s, not EndpointSecurityGroupId %s, so the tasks admitted to %s cannot reach it; set EndpointSecurityGroupId to the endpoint's group or add %s to the endpoint",
				svc, ep.Id, vpc, strings.Join(ep.SecurityGroupIds, ", "), sg, sg, sg)
		}
	}
}

func distinct(v []string) []string {
	var out []string
	for _, s := range v {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
