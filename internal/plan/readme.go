package plan

import (
	"fmt"
	"math"
	"strings"
)

// ReadmeDiagram is the README's architecture block for a stack: the
// plan's Mermaid flowchart in a fenced block.
func ReadmeDiagram(p *Plan) string {
	return "```mermaid\n" + p.Mermaid() + "```\n"
}

// ReadmeCost is the README's cost block: each stack's estimate beside its
// NAT alternative, and one sentence that reads them.
func ReadmeCost(plans ...*Plan) string {
	var b strings.Builder
	var clauses []string
	for _, p := range plans {
		fmt.Fprintf(&b, "%s (`go run ./cmd/plan --stack %s`):\n\n```text\n%s```\n\n", p.Stack, p.Stack, p.CostText())
		if p.Cost != nil {
			clauses = append(clauses, p.Stack+" "+breakEven(p.Cost))
		}
	}
	if len(clauses) > 0 {
		fmt.Fprintf(&b, "Reading the tables: %s.\n", strings.Join(clauses, "; "))
	}
	return b.String()
}

// breakEven says at what monthly traffic the endpoint design beats one
// NAT gateway per AZ.
func breakEven(c *Cost) string {
	planned, nat := c.Estimates[0].Total, c.Estimates[1].Total
	var perGbEndpoint, perGbNat float64
	for _, r := range c.TrafficRates {
		switch r.Item {
		case "Interface endpoint data processed":
			perGbEndpoint = r.Rate
		case "NAT gateway data processed":
			perGbNat = r.Rate
		}
	}
	return breakEvenSentence(nat-planned, perGbNat-perGbEndpoint)
}

// breakEvenSentence reads the two differences, NAT minus endpoints: fixed
// a month before traffic, and perGb per GB processed. Each sign pair
// has its own sentence, so no amount is ever printed negative.
func breakEvenSentence(fixed, perGb float64) string {
	switch {
	case fixed >= 0 && perGb >= 0:
		return fmt.Sprintf("saves %s a month before traffic and %s per GB against NAT gateways, so its endpoints win at any traffic level", Money(fixed), fmtRate(round(perGb)))
	case fixed < 0 && perGb > 0:
		return fmt.Sprintf("costs %s a month more before traffic but %s less per GB, so its endpoints win above %.0f GB a month", Money(-fixed), fmtRate(round(perGb)), -fixed/perGb)
	case fixed >= 0 && perGb < 0:
		return fmt.Sprintf("saves %s a month before traffic but costs %s more per GB than NAT gateways, so its endpoints win below %.0f GB a month", Money(fixed), fmtRate(round(math.Abs(perGb))), fixed/-perGb)
	}
	return fmt.Sprintf("costs %s a month more before traffic and %s more per GB than NAT gateways, so NAT gateways win at any traffic level", Money(-fixed), fmtRate(round(math.Abs(perGb))))
}
