package plan

import (
	"sort"
	"strconv"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// Endpoint is one VPC endpoint: what the component asked for and why, and
// the resource that provides it.
type Endpoint struct {
	Service     string `json:"service"`     // short name, such as "ecr.api"
	Type        string `json:"type"`        // "Interface" or "Gateway"
	ServiceName string `json:"serviceName"` // full name, such as "com.amazonaws.us-east-1.ecr.api"
	Resource    string `json:"resource,omitempty"`
	// Zones is how many subnets (one per AZ) an interface endpoint is in.
	Zones int `json:"zones,omitempty"`
	// RouteTables is how many route tables a gateway endpoint is on.
	RouteTables int `json:"routeTables,omitempty"`
	// PrefixList is a gateway endpoint's prefix list.
	PrefixList string   `json:"prefixList,omitempty"`
	Reasons    []string `json:"reasons"`
	// NeededBy names the services that need it.
	NeededBy []string `json:"neededBy,omitempty"`
	// NeededByMore counts the services the needed-by tag had no room for
	// (it ends "+N more"); the plan then counts the endpoint for every
	// service.
	NeededByMore int `json:"neededByMore,omitempty"`
}

// endpoints reads the registered endpoints: what each is, where it is, and
// the reasons and services its tags say it serves.
func endpoints(ix *index) []Endpoint {
	var out []Endpoint
	for _, r := range ix.byType[typeVpcEndpoint] {
		full := str(r.Inputs, "serviceName")
		typ := str(r.Inputs, "vpcEndpointType")
		if typ == "" {
			typ = network.EndpointGateway // the provider's default
		}
		e := Endpoint{
			Service: shortService(full), Type: typ, ServiceName: full, Resource: r.Name,
			Zones:       len(strs(r.Inputs, "subnetIds")),
			RouteTables: len(strs(r.Inputs, "routeTableIds")),
			PrefixList:  str(r.Outputs, "prefixListId"),
		}
		tags := strMap(r.Inputs, "tags")
		if v := tags["needed-for"]; v != "" {
			e.Reasons = strings.Split(v, "; ")
		} else {
			e.Reasons = []string{"registered without a needed-for tag: outside the components' endpoint set"}
		}
		if v := tags["needed-by"]; v != "" {
			e.NeededBy, e.NeededByMore = neededBy(v)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Service < out[j].Service })
	return out
}

// neededBy reads a needed-by tag: service names separated by spaces, and
// "+N more" at the end when the tag's 256 characters held no more.
func neededBy(tag string) ([]string, int) {
	names := strings.Fields(tag)
	if n := len(names); n >= 2 && names[n-1] == "more" && strings.HasPrefix(names[n-2], "+") {
		if more, err := strconv.Atoi(names[n-2][1:]); err == nil && more > 0 {
			return names[:n-2], more
		}
	}
	return names, 0
}
