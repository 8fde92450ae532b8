package plan

import (
	"strings"
	"testing"
)

// TestWayOutCost prices the way out of a VPC from the price table: in
// us-east-1, a NAT gateway costs $0.045 an hour and its Elastic IP $0.005,
// an interface endpoint $0.01 an hour per zone; per GB, $0.045 against
// $0.01 (BRIEF cost facts: three endpoints in two zones are about $43.80
// a month, cheaper than two NAT gateways at any traffic).
func TestWayOutCost(t *testing.T) {
	tests := []struct {
		zones, endpoints int
		nat, eps, wins   float64
	}{
		{zones: 2, endpoints: 3, nat: 73, eps: 43.8, wins: 0},
		{zones: 2, endpoints: 10, nat: 73, eps: 146, wins: 2086},
		{zones: 3, endpoints: 5, nat: 109.5, eps: 109.5, wins: 0},
	}
	for _, tt := range tests {
		w, err := WayOutCost("us-east-1", tt.zones, tt.endpoints)
		if err != nil {
			t.Fatal(err)
		}
		if w.NatMonthly != tt.nat || w.EndpointsMonthly != tt.eps || w.EndpointsWinAboveGb != tt.wins {
			t.Errorf("%d zones, %d endpoints: NAT $%v, endpoints $%v, endpoints win above %v GB; want $%v, $%v, %v",
				tt.zones, tt.endpoints, w.NatMonthly, w.EndpointsMonthly, w.EndpointsWinAboveGb, tt.nat, tt.eps, tt.wins)
		}
		if w.NatPerGb != 0.045 || w.EndpointsPerGb != 0.01 {
			t.Errorf("per GB: NAT %v, endpoints %v; want 0.045 and 0.01", w.NatPerGb, w.EndpointsPerGb)
		}
	}
	if _, err := WayOutCost("eu-west-9", 2, 3); err == nil || !strings.Contains(err.Error(), "no prices for eu-west-9") {
		t.Errorf("a region with no prices: %v, want an error naming it", err)
	}
}
