package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

func TestEC2InstancesArePricedFromTheAutoScalingGroup(t *testing.T) {
	pt := mustPrices(t)
	h := pt.HoursPerMonth
	ec2 := "EC2 "
	tests := []struct {
		name        string
		region      string
		group       map[string]any
		lt          map[string]any
		wantItem    string
		wantMonthly float64
		wantMissing string
	}{
		{"desired capacity", "us-east-1", map[string]any{"desiredCapacity": 2, "minSize": 1, "launchTemplate": map[string]any{"id": "lt_id"}},
			map[string]any{"instanceType": "m7g.large"}, ec2 + "m7g.large", 2 * h * pt.Regions["us-east-1"].Ec2["m7g.large"], ""},
		{"min size when no desired capacity", "ap-northeast-2", map[string]any{"minSize": 3, "launchTemplate": map[string]any{"id": "lt_id"}},
			map[string]any{"instanceType": "t3.medium"}, ec2 + "t3.medium", 3 * h * pt.Regions["ap-northeast-2"].Ec2["t3.medium"], ""},
		{"x86 general purpose", "ap-northeast-2", map[string]any{"desiredCapacity": 1, "launchTemplate": map[string]any{"id": "lt_id"}},
			map[string]any{"instanceType": "m6i.large"}, ec2 + "m6i.large", h * pt.Regions["ap-northeast-2"].Ec2["m6i.large"], ""},
		{"type not in the table", "us-east-1", map[string]any{"desiredCapacity": 1, "launchTemplate": map[string]any{"id": "lt_id"}},
			map[string]any{"instanceType": "c7i.large"}, "", 0, "asg: no price for c7i.large in internal/plan/prices.json; add it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []*awsmock.Resource{
				res(typeAutoScaling, "asg", tt.group, nil),
				res(typeLaunchTemplate, "lt", tt.lt, nil),
				// Tasks placed on the group's capacity provider are paid for
				// as instances, not as Fargate.
				res(typeEcsService, "svc", map[string]any{"desiredCount": 4, "capacityProviderStrategies": []any{
					map[string]any{"capacityProvider": "asg-cp", "weight": 1}}}, nil),
			}
			p, err := Build(Input{Region: tt.region, Resources: rs})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Cost.Estimates {
				for _, l := range e.Lines {
					if strings.HasPrefix(l.Item, "Fargate") {
						t.Errorf("%s: %s line for tasks on an EC2 capacity provider: %+v", e.Name, l.Item, l)
					}
				}
				if tt.wantMissing != "" {
					if !slices.Contains(e.Missing, tt.wantMissing) {
						t.Errorf("%s: missing %v, want %q", e.Name, e.Missing, tt.wantMissing)
					}
					continue
				}
				l, ok := e.Line(tt.wantItem)
				if !ok || !near(l.Monthly, tt.wantMonthly) {
					t.Errorf("%s: %s line %+v, want %v a month", e.Name, tt.wantItem, l, tt.wantMonthly)
				}
			}
			if !strings.Contains(strings.Join(p.Cost.Assumptions, "; "), "4 task(s) on asg-cp are paid for as the EC2 instances") {
				t.Errorf("assumptions %q do not say the EC2 tasks are paid as instances", p.Cost.Assumptions)
			}
		})
	}
}

func TestRegionWithoutPricesOmitsTheCostOnly(t *testing.T) {
	dir := writeProject(t, "paris", "config:\n  aws:region: eu-west-3\n")
	p, err := Load(dir, "paris")
	if err != nil {
		t.Fatalf("a stack in a region without prices must still plan: %v", err)
	}
	want := "no prices for eu-west-3 in internal/plan/prices.json; add them"
	if p.Cost != nil || p.CostNote != want {
		t.Errorf("cost %+v note %q, want no cost and %q", p.Cost, p.CostNote, want)
	}
	if len(p.Resources) == 0 || len(p.Hops) == 0 || len(p.Endpoints) == 0 {
		t.Errorf("resources (%d), hops (%d) and endpoints (%d) must still be planned", len(p.Resources), len(p.Hops), len(p.Endpoints))
	}
	if text := p.Text(); !strings.Contains(text, want) || strings.Contains(text, "total") {
		t.Errorf("text must say %q and show no total:\n%s", want, text)
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["cost"] != nil || doc["costNote"] != want {
		t.Errorf("JSON cost %v costNote %v, want null and %q", doc["cost"], doc["costNote"], want)
	}
}

// ARM64 on Fargate Spot (which AWS allows on platform 1.4.0 or later: ECS
// API reference, CapacityProviderStrategyItem) is priced at the ARM64
// rates with the Spot discount: the cheapest Fargate capacity there is.
func TestArmOnFargateSpotIsPricedAtArmRatesLessTheSpotDiscount(t *testing.T) {
	dir := writeProject(t, "armspot", `config:
  aws:region: us-east-1
  private-fargate:architecture: ARM64
  private-fargate:capacity:
    - provider: FARGATE_SPOT
      weight: 1
`)
	p := mustLoadDir(t, dir, "armspot")
	pt := mustPrices(t)
	arm := pt.Regions["us-east-1"].Fargate["ARM64"]
	share := 1 - pt.Assumptions.FargateSpotDiscount
	l, ok := p.Cost.Estimates[0].Line(ItemSpotVcpu)
	if !ok {
		t.Fatalf("no %s line in %+v", ItemSpotVcpu, p.Cost.Estimates[0].Lines)
	}
	if !near(l.Rate, arm.VcpuHour*share) || !strings.Contains(l.Detail, "(ARM64)") {
		t.Errorf("%s: rate %v (%s), want the ARM64 rate %v less the Spot discount: %v", l.Item, l.Rate, l.Detail, arm.VcpuHour, arm.VcpuHour*share)
	}
	m, ok := p.Cost.Estimates[0].Line(ItemSpotMemory)
	if !ok || !near(m.Rate, arm.GbHour*share) {
		t.Errorf("%s: rate %v, want %v", ItemSpotMemory, m.Rate, arm.GbHour*share)
	}
}

// Two services on Fargate make two lines of each Fargate item; the table
// shows each, named by its service, and the NAT column pairs them by
// service, so no service's tasks drop out of the table while the total
// counts them.
func TestCostTableShowsEveryLineOfAnItem(t *testing.T) {
	planned := Estimate{Name: EstimatePlanned, Lines: []CostLine{
		{Item: ItemALB, Detail: "1 ALB", Quantity: 730, Rate: 0.0225, Monthly: 16.425},
		{Item: ItemFargateVcpu, Detail: "a", Rate: 1, Monthly: 2, Resources: []string{"web-service"}},
		{Item: ItemFargateVcpu, Detail: "b", Rate: 1, Monthly: 3, Resources: []string{"ledger-service"}},
	}}
	nat := Estimate{Name: EstimateNAT, Lines: []CostLine{
		{Item: ItemALB, Detail: "1 ALB", Quantity: 730, Rate: 0.0225, Monthly: 16.425},
		{Item: ItemFargateVcpu, Detail: "b", Rate: 1, Monthly: 3, Resources: []string{"ledger-service"}},
		{Item: ItemFargateVcpu, Detail: "a", Rate: 1, Monthly: 2, Resources: []string{"web-service"}},
	}}
	var got []string
	for _, r := range costRows(planned, nat) {
		got = append(got, fmt.Sprintf("%s: %s | %s", r.label, strings.TrimSpace(amountOf(r.planned)), strings.TrimSpace(amountOf(r.nat))))
	}
	want := []string{
		"ALB: $16.43 | $16.43",
		"Fargate vCPU (web-service): $2.00 | $2.00",
		"Fargate vCPU (ledger-service): $3.00 | $3.00",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cost table rows (-want +got):\n%s", diff)
	}
}
