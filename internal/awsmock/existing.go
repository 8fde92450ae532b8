package awsmock

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
)

// ExistingVpc describes a VPC that already exists, for AddExistingVpc.
type ExistingVpc struct {
	VpcId                string
	PublicSubnetIds      []string
	PrivateSubnetIds     []string
	PrivateRouteTableIds []string
	// Endpoints are the endpoints the VPC already has, by short service
	// name ("s3", "ecr.api"). "s3" and "dynamodb" are gateway endpoints,
	// every other name an interface endpoint.
	Endpoints []string
	// EndpointSecurityGroupId is the existing interface endpoints' group.
	EndpointSecurityGroupId string
}

// AddExistingVpc records a VPC that passes every check an adopted network
// makes, and returns what it assumed, one sentence each:
//   - DNS support and DNS hostnames are on;
//   - private subnet i and public subnet i are in zone i of Zones (wrapping
//     around), so the public subnets cover the tasks' zones;
//   - private subnet i has route table i of PrivateRouteTableIds of its own
//     (wrapping around), with no route out of the VPC; with no
//     PrivateRouteTableIds, each private subnet has a route table of its
//     own all the same, "rtb-" and 17 hex digits made from the subnet's
//     ID, which a program that looks the tables up from the subnets
//     finds (RouteTableIdOf); the public subnets
//     share the route table "rtb-public-<VpcId>", which is not listed and
//     routes 0.0.0.0/0 to the internet gateway "igw-<VpcId>" (take the
//     route away with m.RouteTables to test a public subnet that is not
//     public); the VPC's main route table "rtb-main-<VpcId>" has only the
//     local route;
//   - each existing interface endpoint has private DNS on, in the private
//     subnets, in EndpointSecurityGroupId; each existing gateway endpoint
//     is on every listed route table, with the prefix list
//     "pl-existing-<service>".
func (m *Mocks) AddExistingVpc(v ExistingVpc) []string {
	m.Vpcs[v.VpcId] = Vpc{DnsSupport: true, DnsHostnames: true}
	zone := func(i int) string {
		if len(m.Zones) == 0 {
			return m.Region + "a"
		}
		return m.Zones[i%len(m.Zones)]
	}
	var zones []string
	routeTables := v.PrivateRouteTableIds
	if len(routeTables) == 0 {
		for _, id := range v.PrivateSubnetIds {
			routeTables = append(routeTables, RouteTableIdOf(id))
		}
	}
	for i, id := range v.PrivateSubnetIds {
		rt := ""
		if len(routeTables) > 0 {
			rt = routeTables[i%len(routeTables)]
		}
		m.Subnets[id] = Subnet{VpcId: v.VpcId, AvailabilityZone: zone(i), RouteTableId: rt}
		if !slices.Contains(zones, zone(i)) {
			zones = append(zones, zone(i))
		}
	}
	publicRT, igw := "rtb-public-"+v.VpcId, "igw-"+v.VpcId
	for i, id := range v.PublicSubnetIds {
		m.Subnets[id] = Subnet{VpcId: v.VpcId, AvailabilityZone: zone(i), RouteTableId: publicRT}
	}
	if m.RouteTables == nil {
		m.RouteTables = map[string]RouteTable{}
	}
	m.RouteTables[publicRT] = RouteTable{VpcId: v.VpcId, Routes: []Route{{CidrBlock: "0.0.0.0/0", GatewayId: igw}}}
	m.RouteTables["rtb-main-"+v.VpcId] = RouteTable{VpcId: v.VpcId, Main: true}
	own := "its own listed route table"
	if len(v.PrivateRouteTableIds) == 0 {
		own = "a route table of its own (" + strings.Join(routeTables, ", ") + ")"
	}
	assumed := []string{
		fmt.Sprintf("VPC %s exists with DNS support and DNS hostnames on", v.VpcId),
		fmt.Sprintf("its private and public subnets pair up by position in zones %s, and each private subnet has %s", strings.Join(zones, ", "), own),
		fmt.Sprintf("its public subnets route 0.0.0.0/0 to internet gateway %s, and its private subnets map no public IPs and have no route to it", igw),
	}
	for _, svc := range v.Endpoints {
		e := VpcEndpoint{
			Id:          "vpce-existing-" + strings.ReplaceAll(svc, ".", "-"),
			VpcId:       v.VpcId,
			ServiceName: fmt.Sprintf("com.amazonaws.%s.%s", m.Region, svc),
		}
		if svc == "s3" || svc == "dynamodb" {
			e.Type, e.RouteTableIds, e.PrefixListId = "Gateway", slices.Clone(routeTables), "pl-existing-"+svc
			assumed = append(assumed, fmt.Sprintf("its %s gateway endpoint is on every private route table, with prefix list %s", svc, e.PrefixListId))
		} else {
			e.Type, e.PrivateDnsEnabled = "Interface", true
			e.SubnetIds, e.SecurityGroupIds = slices.Clone(v.PrivateSubnetIds), []string{v.EndpointSecurityGroupId}
			assumed = append(assumed, fmt.Sprintf("its %s interface endpoint has private DNS on", svc))
		}
		m.VpcEndpoints = append(m.VpcEndpoints, e)
	}
	return assumed
}

// RouteTableIdOf is the route table AddExistingVpc gives a private subnet
// when it is given no PrivateRouteTableIds: an ID of the form AWS gives
// ("rtb-" and 17 hex digits), the same for the same subnet.
func RouteTableIdOf(subnetID string) string {
	return fmt.Sprintf("rtb-%x", sha256.Sum256([]byte(subnetID)))[:21]
}
