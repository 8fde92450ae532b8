package plan

import (
	"strings"
	"testing"
)

// Fact (AWS blog, "Cost-effective ways for securing your web applications
// using AWS WAF": WAF charges per web ACL and per rule a month, plus per
// request inspected, the same in every region). prod's web ACL is priced
// as $5 for the web ACL and $1 for each of its 4 rules (an AWS managed
// rule group counts as one rule), and its requests as a rate, $0.60 per
// million, since the plan does not know the traffic.
func TestPlanPricesTheWebAclItsRulesAndItsRequestsAsARate(t *testing.T) {
	p := mustLoad(t, "prod")
	acl, ok := p.Cost.Estimates[0].Line(ItemWafWebAcl)
	if !ok || acl.Quantity != 1 || acl.Rate != 5 || acl.Monthly != 5 {
		t.Errorf("web ACL line %+v, want 1 × $5", acl)
	}
	rules, ok := p.Cost.Estimates[0].Line(ItemWafRules)
	if !ok || rules.Quantity != 4 || rules.Rate != 1 || rules.Monthly != 4 {
		t.Errorf("rules line %+v, want 4 × $1", rules)
	}
	found := false
	for _, r := range p.Cost.TrafficRates {
		if r.Item == "AWS WAF requests inspected" && r.Rate == 0.6 && r.Unit == "million requests" {
			found = true
		}
	}
	if !found {
		t.Errorf("traffic rates %+v lack the WAF request rate", p.Cost.TrafficRates)
	}
	if !strings.Contains(p.CostText(), "AWS WAF requests inspected $0.6/million requests") {
		t.Errorf("cost text lacks the WAF request rate:\n%s", p.CostText())
	}
	dev := mustLoad(t, "dev")
	if _, ok := dev.Cost.Estimates[0].Line(ItemWafWebAcl); ok {
		t.Errorf("dev has no web ACL but is charged for one")
	}
}
