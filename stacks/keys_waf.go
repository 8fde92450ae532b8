package stacks

import (
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
)

// The waf key's description, fields and setter; the key itself is in the
// table in keys.go.

const wafDesc = "AWS WAF web ACL on the ALB {mode, rateLimit, rateLimitWindow}: AWS managed rule groups (core rule set, known bad inputs, IP reputation list) " +
	"and an optional rate limit per client IP, regional in the stack's region, logged to the CloudWatch log group aws-waf-logs-<name> " +
	"kept as long as logRetentionDays and under kmsKey when there is one. {}: no web ACL."

var wafSubs = []subKey{
	{Name: "mode", Field: "Mode", Default: "`BLOCK`", Valid: "BLOCK or COUNT",
		Desc: "`BLOCK`: the rules block what they match. `COUNT`: they only count it (metrics, log), for a rollout."},
	{Name: "rateLimit", Field: "RateLimit", Default: "`0` (no rate rule)", Valid: "10 to 2000000000",
		Desc: "Requests one client IP may send within rateLimitWindow before the rate rule blocks (or counts) the rest, 10 to 2000000000."},
	{Name: "rateLimitWindow", Field: "RateLimitWindow", Default: "`300`", Valid: "60, 120, 300 or 600",
		Desc: "The rate rule's window in seconds: 60, 120, 300 or 600; with rateLimit."},
}

type wafKey struct {
	Mode            string `json:"mode"`
	RateLimit       int    `json:"rateLimit"`
	RateLimitWindow int    `json:"rateLimitWindow"`
}

func setWaf(a *Args, v wafKey) {
	a.LoadBalancer.Waf = &edge.WafArgs{Mode: v.Mode, RateLimit: v.RateLimit, RateLimitWindow: v.RateLimitWindow}
}
