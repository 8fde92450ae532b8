package plan

import (
	"fmt"
	"math"
)

// WayOut is a VPC's way to AWS services priced for a month, fixed and
// per GB: NAT gateways, one per zone with an Elastic IP each, against
// interface endpoints, each in every zone. The s3 and dynamodb gateway
// endpoints cost nothing in either design.
type WayOut struct {
	Region        string
	Zones         int
	HoursPerMonth float64
	// NatMonthly is the NAT gateways' and their addresses' fixed cost,
	// NatPerGb what a NAT gateway charges per GB it processes.
	NatMonthly float64
	NatPerGb   float64
	// InterfaceEndpoints is how many endpoints are priced;
	// EndpointsMonthly their fixed cost, EndpointsPerGb their per-GB
	// charge.
	InterfaceEndpoints int
	EndpointsMonthly   float64
	EndpointsPerGb     float64
	// EndpointsWinAboveGb is the monthly traffic above which the
	// endpoints cost less than the NAT gateways: 0 when they cost less at
	// any traffic, -1 when they never do.
	EndpointsWinAboveGb float64
}

// WayOutCost prices both ways out of a VPC in zones zones of region from
// the price table.
func WayOutCost(region string, zones, interfaceEndpoints int) (WayOut, error) {
	t, err := Prices()
	if err != nil {
		return WayOut{}, err
	}
	rp, ok := t.Regions[region]
	if !ok {
		return WayOut{}, fmt.Errorf("%s has no prices for %s; add them", PricesFile, region)
	}
	h := t.HoursPerMonth
	w := WayOut{
		Region: region, Zones: zones, HoursPerMonth: h,
		NatMonthly: round2(natMonth(rp, zones, h)), NatPerGb: rp.NatGb,
		InterfaceEndpoints: interfaceEndpoints,
		EndpointsMonthly:   round2(float64(interfaceEndpoints*zones) * h * rp.InterfaceEndpointHour),
		EndpointsPerGb:     rp.InterfaceEndpointGb,
	}
	perGb := rp.NatGb - rp.InterfaceEndpointGb
	switch {
	case w.EndpointsMonthly <= w.NatMonthly:
	case perGb > 0:
		w.EndpointsWinAboveGb = math.Round((w.EndpointsMonthly - w.NatMonthly) / perGb)
	default:
		w.EndpointsWinAboveGb = -1
	}
	return w, nil
}

// natMonth is the fixed monthly cost of one NAT gateway and its Elastic
// IP per zone.
func natMonth(rp RegionPrices, zones int, h float64) float64 {
	return float64(zones) * h * (rp.NatHour + rp.PublicIpv4Hour)
}
