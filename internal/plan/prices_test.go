package plan

import (
	"slices"
	"strings"
	"testing"
)

func TestPriceTableNamesASourceForEveryPrice(t *testing.T) {
	pt, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	if pt.ReadOn == "" || pt.HoursPerMonth != 730 {
		t.Errorf("readOn %q hoursPerMonth %v, want a date and 730", pt.ReadOn, pt.HoursPerMonth)
	}
	if d := pt.Assumptions.FargateSpotDiscount; d != 0.7 || !strings.Contains(pt.Assumptions.FargateSpotDiscountNote, "ASSUMPTION") {
		t.Errorf("Fargate Spot discount %v with note %q, want 0.7 labelled as an assumption", d, pt.Assumptions.FargateSpotDiscountNote)
	}
	for _, region := range []string{"us-east-1", "ap-northeast-2"} {
		rp, ok := pt.Regions[region]
		if !ok {
			t.Errorf("no prices for %s", region)
			continue
		}
		for _, typ := range []string{"m6i.large", "m7g.large", "t3.medium"} {
			if rp.Ec2[typ] <= 0 {
				t.Errorf("%s: no EC2 price for %s", region, typ)
			}
		}
		for _, arch := range []string{"X86_64", "ARM64"} {
			if r := rp.Fargate[arch]; r.VcpuHour <= 0 || r.GbHour <= 0 {
				t.Errorf("%s: Fargate %s rates %+v", region, arch, r)
			}
		}
		sourced := map[string]bool{}
		for _, s := range rp.Sources {
			if !strings.HasPrefix(s.URL, "https://") || s.Read == "" || s.Note == "" {
				t.Errorf("%s: source %+v lacks a URL, the date it was read, or a note", region, s)
			}
			for _, item := range s.Items {
				sourced[item] = true
			}
		}
		items := rp.Items()
		for _, item := range items {
			if !sourced[item] {
				t.Errorf("%s: %s has no source in %s", region, item, PricesFile)
			}
		}
		for _, u := range rp.Unconfirmed {
			if !slices.Contains(items, u.Item) {
				t.Errorf("%s: unconfirmed item %q is not a price in the table", region, u.Item)
			}
		}
	}
	// Seoul costs more than N. Virginia for the network pieces, as BRIEF.md says.
	us, seoul := pt.Regions["us-east-1"], pt.Regions["ap-northeast-2"]
	if seoul.NatHour <= us.NatHour || seoul.InterfaceEndpointHour <= us.InterfaceEndpointHour || seoul.Fargate["X86_64"].VcpuHour <= us.Fargate["X86_64"].VcpuHour {
		t.Errorf("Seoul prices %+v are not above us-east-1's %+v", seoul, us)
	}
}

func TestParsePricesRejectsAnIncompleteTable(t *testing.T) {
	tests := []struct{ name, body, wantErr string }{
		{"no hours", `{"regions":{}}`, "hoursPerMonth must be above 0"},
		{"missing price", `{"hoursPerMonth":730,"regions":{"us-east-1":{"albHour":0.0225}}}`, "regions.us-east-1."},
		{"misspelt key", `{"hoursPerMonth":730,"regons":{}}`, `unknown field "regons"`},
		{"discount of 100%", `{"hoursPerMonth":730,"assumptions":{"fargateSpotDiscount":1},"regions":{}}`, "fargateSpotDiscount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePrices([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParsePrices(%s) = %v, want an error containing %q", tt.body, err, tt.wantErr)
			}
		})
	}
}
