package plan

import (
	"strings"
	"testing"
)

// TestPlanPricesXRayTracesAsRates: X-Ray bills per trace, so the plan
// lists its rates and invents no traffic. us-east-1: $5.00 per million
// traces recorded, $0.50 per million retrieved or scanned (AWS X-Ray
// pricing page; prices.json names the source).
func TestPlanPricesXRayTracesAsRates(t *testing.T) {
	p, err := Load(writeProject(t, "traced", tracedProject), "traced")
	if err != nil {
		t.Fatalf("plan stack traced: %v", err)
	}
	got := map[string]Rate{}
	for _, r := range p.Cost.TrafficRates {
		got[r.Item] = r
	}
	for item, rate := range map[string]float64{"X-Ray traces recorded": 5.00, "X-Ray traces retrieved or scanned": 0.50} {
		r, ok := got[item]
		if !ok || r.Rate != rate || r.Unit != "million traces" {
			t.Errorf("rate %q = %+v, want %v per million traces", item, r, rate)
		}
	}
	for _, e := range p.Cost.Estimates {
		for _, l := range e.Lines {
			if strings.Contains(l.Item, "X-Ray") {
				t.Errorf("estimate %s has a line %q: traces are a rate, not a monthly figure", e.Name, l.Item)
			}
		}
	}
	text := p.Text()
	for _, want := range []string{"X-Ray traces recorded $5/million traces", "X-Ray traces retrieved or scanned $0.5/million traces"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q", want)
		}
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"item": "X-Ray traces recorded",`) {
		t.Errorf("plan JSON lacks the X-Ray traces recorded rate")
	}
}
