package plan

import (
	"fmt"
	"slices"
	"sort"

	"github.com/private-fargate/pulumi-private-ecs/components"
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
}

// endpoints joins the component's endpoint set to the registered
// endpoints. An endpoint the set asked for but nobody registered, or one
// registered outside the set, is listed too, and says so.
func endpoints(ix *index, region string, specs []components.EndpointSpec) []Endpoint {
	byName := map[string]*Endpoint{}
	for _, s := range specs {
		full := s.ServiceName(region)
		byName[full] = &Endpoint{Service: s.Service, Type: s.Type, ServiceName: full, Reasons: slices.Clone(s.Reasons)}
	}
	for _, r := range ix.byType[typeVpcEndpoint] {
		full := str(r.Inputs, "serviceName")
		e, ok := byName[full]
		if !ok {
			typ := str(r.Inputs, "vpcEndpointType")
			if typ == "" {
				typ = components.EndpointGateway // the provider's default
			}
			e = &Endpoint{Service: shortService(full), Type: typ, ServiceName: full,
				Reasons: []string{"registered outside the component's endpoint set"}}
			byName[full] = e
		}
		e.Resource = r.Name
		e.Zones = len(strs(r.Inputs, "subnetIds"))
		e.RouteTables = len(strs(r.Inputs, "routeTableIds"))
		e.PrefixList = str(r.Outputs, "prefixListId")
	}
	out := make([]Endpoint, 0, len(byName))
	for _, e := range byName {
		if e.Resource == "" {
			e.Reasons = append(e.Reasons, fmt.Sprintf("no %s endpoint resource was registered for it", e.Type))
		}
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Service < out[j].Service })
	return out
}
