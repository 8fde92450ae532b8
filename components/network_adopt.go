package components

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// adoptedVpc is what the deploy-time look-ups found in an adopted VPC.
type adoptedVpc struct {
	vpcID       string
	zones       []string // of the private subnets, in order
	prefixLists map[string]string
}

// adoptVpc takes an existing VPC. Nothing of the VPC is registered: the
// VPC, its subnets and their route tables are looked up at deploy time and
// checked, and every ID the network hands on resolves only when the checks
// pass, so a VPC that cannot serve private tasks fails the deployment
// before any endpoint, group or service is created in it.
func adoptVpc(f *family, a NetworkArgs) (*vpcParts, error) {
	e := a.Existing
	opts := []pulumi.InvokeOption{pulumi.Parent(f.parent)}
	region := a.Region
	var endpointSG pulumi.StringInput = pulumi.String("")
	if e.EndpointSecurityGroupId != nil {
		endpointSG = e.EndpointSecurityGroupId
	}
	checked := pulumi.All(e.VpcId, e.PublicSubnetIds, e.PrivateSubnetIds, e.PrivateRouteTableIds, endpointSG).ApplyT(
		func(v []any) (any, error) {
			return checkAdoptedVpc(f.ctx, f.name, region, e.EndpointServices, adoptedIDs{
				vpc: v[0].(string), public: v[1].([]string), private: v[2].([]string), routeTables: v[3].([]string),
				endpointSG: v[4].(string),
			}, opts)
		}).(pulumi.AnyOutput)
	vpcID := checked.ApplyT(func(v any) string { return v.(adoptedVpc).vpcID }).(pulumi.StringOutput)
	gated := func(in pulumi.StringArrayInput) pulumi.StringArrayOutput {
		return pulumi.All(vpcID, in).ApplyT(func(v []any) []string { return v[1].([]string) }).(pulumi.StringArrayOutput)
	}
	return &vpcParts{
		vpcID:       vpcID,
		public:      gated(e.PublicSubnetIds),
		private:     gated(e.PrivateSubnetIds),
		routeTables: gated(e.PrivateRouteTableIds),
		zones:       checked.ApplyT(func(v any) []string { return v.(adoptedVpc).zones }).(pulumi.StringArrayOutput),
		prefixLists: checked.ApplyT(func(v any) map[string]string { return v.(adoptedVpc).prefixLists }).(pulumi.StringMapOutput),
	}, nil
}

// adoptedPrefixList is the prefix list of a gateway endpoint the adopted
// VPC already has, as the look-up found it.
func adoptedPrefixList(v *vpcParts, service string) pulumi.StringOutput {
	return v.prefixLists.MapIndex(pulumi.String(service))
}

type adoptedIDs struct {
	vpc                          string
	public, private, routeTables []string
	// endpointSG is EndpointSecurityGroupId, or "" when it is not given.
	endpointSG string
}

// checkAdoptedVpc looks the adopted VPC up and returns every reason it
// cannot serve private tasks, at once:
//   - private DNS on interface endpoints needs DNS support and DNS
//     hostnames on the VPC (AWS PrivateLink docs, "DNS attributes");
//   - the subnets must be in this VPC, and in the region whose endpoint
//     services the network names;
//   - an ALB needs subnets in at least two AZs, and it must have a subnet
//     in every AZ the tasks run in (ELB docs, "Availability Zones");
//   - the s3 gateway endpoint must be on the route table of every task
//     subnet, or image layers cannot be fetched (ECR docs, "Interface VPC
//     endpoints");
//   - an interface endpoint the VPC already has must have private DNS on,
//     or the tasks resolve the public address they cannot reach;
//   - it must carry EndpointSecurityGroupId, the group the tasks are
//     admitted to: an interface endpoint accepts only what its own
//     groups allow (PrivateLink docs, "Security groups").
func checkAdoptedVpc(ctx *pulumi.Context, network, region string, existing []string, ids adoptedIDs, opts []pulumi.InvokeOption) (adoptedVpc, error) {
	out := adoptedVpc{vpcID: ids.vpc, prefixLists: map[string]string{}}
	var problems []string
	fail := func(format string, v ...any) { problems = append(problems, fmt.Sprintf(format, v...)) }

	vpc, err := ec2.LookupVpc(ctx, &ec2.LookupVpcArgs{Id: &ids.vpc}, opts...)
	if err != nil {
		return out, fmt.Errorf("network %s: look up VPC %s: %w", network, ids.vpc, err)
	}
	if !vpc.EnableDnsSupport {
		fail("VPC %s has DNS support off; private DNS on the interface endpoints needs it: run aws ec2 modify-vpc-attribute --vpc-id %s --enable-dns-support", ids.vpc, ids.vpc)
	}
	if !vpc.EnableDnsHostnames {
		fail("VPC %s has DNS hostnames off; private DNS on the interface endpoints needs it: run aws ec2 modify-vpc-attribute --vpc-id %s --enable-dns-hostnames", ids.vpc, ids.vpc)
	}

	zonesOf := func(kind string, subnets []string) []string {
		var zones []string
		for _, id := range subnets {
			s, err := ec2.LookupSubnet(ctx, &ec2.LookupSubnetArgs{Id: &id}, opts...)
			if err != nil {
				fail("%s subnet %s cannot be looked up (%v); list subnets of VPC %s", kind, id, err, ids.vpc)
				continue
			}
			if s.VpcId != ids.vpc {
				fail("%s subnet %s is in VPC %s, not %s; list subnets of VPC %s", kind, id, s.VpcId, ids.vpc, ids.vpc)
			}
			if zoneRule(region)(s.AvailabilityZone) != "" {
				fail("%s subnet %s is in zone %s, which is not in the network's region %s, whose endpoint services the network names; set Region to the VPC's region, or deploy with a provider of %s", kind, id, s.AvailabilityZone, region, region)
			}
			zones = append(zones, s.AvailabilityZone)
		}
		return zones
	}
	privateZones := zonesOf("private", ids.private)
	publicZones := zonesOf("public", ids.public)
	out.zones = privateZones
	if n := len(distinct(privateZones)); n < 2 {
		fail("the private subnets of VPC %s are in %d AZ (%s); the tasks and the ALB need at least 2, so list private subnets in 2 or more AZs", ids.vpc, n, strings.Join(distinct(privateZones), ", "))
	}
	if n := len(distinct(publicZones)); n < 2 {
		fail("the public subnets of VPC %s are in %d AZ (%s); an ALB needs subnets in at least 2, so list public subnets in 2 or more AZs", ids.vpc, n, strings.Join(distinct(publicZones), ", "))
	}
	var uncovered []string
	for _, z := range distinct(privateZones) {
		if !slices.Contains(publicZones, z) {
			uncovered = append(uncovered, z)
		}
	}
	if len(uncovered) > 0 {
		fail("the public subnets of VPC %s do not cover the tasks' AZ %s; the ALB must have a subnet in every AZ the tasks run in, so add a public subnet there or drop the private subnets of that AZ", ids.vpc, strings.Join(uncovered, ", "))
	}

	for _, id := range ids.private {
		rt, err := ec2.LookupRouteTable(ctx, &ec2.LookupRouteTableArgs{SubnetId: &id}, opts...)
		if err != nil {
			fail("private subnet %s has no route table of its own (%v); associate one and list it in PrivateRouteTableIds", id, err)
			continue
		}
		if !slices.Contains(ids.routeTables, rt.RouteTableId) {
			fail("private subnet %s uses route table %s, which PrivateRouteTableIds does not list; the s3 gateway endpoint must be on it, so add %s", id, rt.RouteTableId, rt.RouteTableId)
		}
	}

	for _, svc := range existing {
		name := fmt.Sprintf("com.amazonaws.%s.%s", region, svc)
		// By type too: a VPC may have an s3 interface endpoint (for
		// on-premises access) next to the s3 gateway endpoint, and the
		// look-up must match exactly one endpoint.
		typ := endpointType(svc)
		ep, err := ec2.LookupVpcEndpoint(ctx, &ec2.LookupVpcEndpointArgs{
			VpcId: &ids.vpc, ServiceName: &name,
			Filters: []ec2.GetVpcEndpointFilter{{Name: "vpc-endpoint-type", Values: []string{typ}}},
		}, opts...)
		if err != nil {
			fail("VPC %s has no %s endpoint of type %s (%v); remove %s from EndpointServices so the network creates it", ids.vpc, svc, typ, err, svc)
			continue
		}
		if typ == EndpointGateway {
			var missing []string
			for _, rt := range ids.routeTables {
				if !slices.Contains(ep.RouteTableIds, rt) {
					missing = append(missing, rt)
				}
			}
			if len(missing) > 0 {
				fail("the %s gateway endpoint %s of VPC %s is not on route table %s; add those route tables to it", svc, ep.Id, ids.vpc, strings.Join(missing, ", "))
			}
			out.prefixLists[svc] = ep.PrefixListId
		} else {
			if !ep.PrivateDnsEnabled {
				fail("the %s endpoint %s of VPC %s has private DNS off, so tasks resolve the public address they cannot reach; turn private DNS on", svc, ep.Id, ids.vpc)
			}
			if ids.endpointSG != "" && !slices.Contains(ep.SecurityGroupIds, ids.endpointSG) {
				fail("the %s endpoint %s of VPC %s has security groups %s, not EndpointSecurityGroupId %s, so the tasks admitted to %s cannot reach it; set EndpointSecurityGroupId to the endpoint's group or add %s to the endpoint",
					svc, ep.Id, ids.vpc, strings.Join(ep.SecurityGroupIds, ", "), ids.endpointSG, ids.endpointSG, ids.endpointSG)
			}
		}
	}
	if len(problems) > 0 {
		return out, errors.New("network " + network + ": the adopted VPC " + ids.vpc + " cannot serve private tasks:\n  " + strings.Join(problems, "\n  "))
	}
	return out, nil
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
