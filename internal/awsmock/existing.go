package awsmock

import (
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
//     (wrapping around); the public subnets share a route table that is
//     not listed;
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
	for i, id := range v.PrivateSubnetIds {
		rt := ""
		if len(v.PrivateRouteTableIds) > 0 {
			rt = v.PrivateRouteTableIds[i%len(v.PrivateRouteTableIds)]
		}
		m.Subnets[id] = Subnet{VpcId: v.VpcId, AvailabilityZone: zone(i), RouteTableId: rt}
		if !slices.Contains(zones, zone(i)) {
			zones = append(zones, zone(i))
		}
	}
	for i, id := range v.PublicSubnetIds {
		m.Subnets[id] = Subnet{VpcId: v.VpcId, AvailabilityZone: zone(i), RouteTableId: "rtb-public-" + v.VpcId}
	}
	assumed := []string{
		fmt.Sprintf("VPC %s exists with DNS support and DNS hostnames on", v.VpcId),
		fmt.Sprintf("its private and public subnets pair up by position in zones %s, and each private subnet has its own listed route table", strings.Join(zones, ", ")),
	}
	for _, svc := range v.Endpoints {
		e := VpcEndpoint{
			Id:          "vpce-existing-" + strings.ReplaceAll(svc, ".", "-"),
			VpcId:       v.VpcId,
			ServiceName: fmt.Sprintf("com.amazonaws.%s.%s", m.Region, svc),
		}
		if svc == "s3" || svc == "dynamodb" {
			e.Type, e.RouteTableIds, e.PrefixListId = "Gateway", slices.Clone(v.PrivateRouteTableIds), "pl-existing-"+svc
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
