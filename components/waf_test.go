package components

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	tWebAcl      = "aws:wafv2/webAcl:WebAcl"
	tWebAclAssoc = "aws:wafv2/webAclAssociation:WebAclAssociation"
	tWebAclLog   = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
)

func withWaf(a PrivateFargateServiceArgs, w edge.WafArgs) PrivateFargateServiceArgs {
	a.LoadBalancer.Waf = &w
	return a
}

// Facts: a web ACL that protects an ALB has scope REGIONAL and must be in
// the ALB's region (AWS WAF developer guide, "Resources that you can
// protect with AWS WAF": regional resources take a regional web ACL of
// their own region; CLOUDFRONT scope is for CloudFront alone). It is
// created by the same provider as the ALB, so in its region, and tied to
// it by a WebAclAssociation naming the ALB's ARN. Its log group must be
// named aws-waf-logs-... (AWS WAF API reference, LoggingConfiguration:
// "The name that you give the destination must start with
// aws-waf-logs-"), kept as long as the service's logs and under its key.
func TestWafIsRegionalInTheAlbsRegionAndLogsToAwsWafLogs(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	a := withWaf(baseArgs(), edge.WafArgs{RateLimit: 2000})
	a.LogRetentionDays = 90
	a.Kms = &KmsArgs{KeyArn: pulumi.String(key)}
	m, _ := mustRun(t, a)

	acl := get(t, m, tWebAcl, "web-waf")
	expect(t, acl, "scope", "REGIONAL")
	expect(t, acl, "defaultAction", map[string]any{"allow": map[string]any{}})
	alb := get(t, m, tALB, "web-alb")
	assoc := get(t, m, tWebAclAssoc, "web-waf-association")
	expect(t, assoc, "resourceArn", alb.Outputs["arn"].StringValue())
	expect(t, assoc, "webAclArn", acl.Outputs["arn"].StringValue())
	// Same parent, so the same provider, so the ALB's region.
	if acl.Parent != alb.Parent {
		t.Errorf("%s has parent %s but the ALB %s; a regional web ACL must take the ALB's provider and region", acl.URN, acl.Parent, alb.Parent)
	}

	lg := get(t, m, tLogGroup, "web-waf-logs")
	expect(t, lg, "name", "aws-waf-logs-web")
	expect(t, lg, "retentionInDays", 90)
	expect(t, lg, "kmsKeyId", key)
	logging := get(t, m, tWebAclLog, "web-waf-logging")
	expect(t, logging, "resourceArn", acl.Outputs["arn"].StringValue())
	expect(t, logging, "logDestinationConfigs", []any{lg.Outputs["arn"].StringValue()})
	expect(t, logging, "redactedFields", []any{
		map[string]any{"singleHeader": map[string]any{"name": "authorization"}},
		map[string]any{"singleHeader": map[string]any{"name": "cookie"}},
	})

	rules, _ := in(acl, "rules").([]any)
	var names []string
	for _, r := range rules {
		names = append(names, r.(map[string]any)["name"].(string))
	}
	if got, want := strings.Join(names, ","), "rate-limit-per-ip,AWS-AWSManagedRulesAmazonIpReputationList,AWS-AWSManagedRulesKnownBadInputsRuleSet,AWS-AWSManagedRulesCommonRuleSet"; got != want {
		t.Errorf("%s: rules %s, want %s", acl.URN, got, want)
	}
	expect(t, acl, "rules[0].action", map[string]any{"block": map[string]any{}})
	expect(t, acl, "rules[0].statement.rateBasedStatement", map[string]any{"limit": 2000, "aggregateKeyType": "IP", "evaluationWindowSec": 300})
	for i := 1; i <= 3; i++ {
		expect(t, acl, "rules["+string(rune('0'+i))+"].overrideAction", map[string]any{"none": map[string]any{}})
		expect(t, acl, "rules["+string(rune('0'+i))+"].statement.managedRuleGroupStatement.vendorName", "AWS")
	}
}

// COUNT mode, for a rollout: the managed groups' actions are overridden
// to count and the rate rule counts, so nothing is blocked while the
// metrics and the log show what would be (AWS WAF developer guide,
// "Testing and tuning your AWS WAF protections": override rule group
// actions to Count). Without RateLimit there is no rate rule.
func TestWafCountModeBlocksNothing(t *testing.T) {
	m, _ := mustRun(t, withWaf(baseArgs(), edge.WafArgs{Mode: edge.WafCount, RateLimit: 100, RateLimitWindow: 60}))
	acl := get(t, m, tWebAcl, "web-waf")
	expect(t, acl, "rules[0].action", map[string]any{"count": map[string]any{}})
	expect(t, acl, "rules[0].statement.rateBasedStatement.evaluationWindowSec", 60)
	for _, i := range []string{"1", "2", "3"} {
		expect(t, acl, "rules["+i+"].overrideAction", map[string]any{"count": map[string]any{}})
	}

	m, _ = mustRun(t, withWaf(baseArgs(), edge.WafArgs{}))
	if rules, _ := in(get(t, m, tWebAcl, "web-waf"), "rules").([]any); len(rules) != 3 {
		t.Errorf("web ACL without RateLimit has %d rules, want the 3 managed groups", len(rules))
	}
	if n := len(m.ByType(tWebAcl)); n != 1 {
		t.Errorf("%d web ACLs, want 1", n)
	}
	none, _ := mustRun(t, baseArgs())
	if n := len(none.ByType(tWebAcl)); n != 0 {
		t.Errorf("%d web ACLs without Waf, want 0", n)
	}
}

// Fact (AWS WAF developer guide, "Web ACL capacity units (WCUs)" and
// "AWS Managed Rules rule groups list"): the core rule set takes 700
// WCUs, known bad inputs 200, the IP reputation list 25, and a rate rule
// on the client IP 2; a web ACL holds 1,500 WCUs at its base price, and
// more costs extra. These rules fit.
func TestWafRulesFitTheBaseWebAclCapacity(t *testing.T) {
	if got := edge.WafCapacity(edge.WafArgs{RateLimit: 100}); got != 927 || got > edge.WafDefaultWebAclLimit {
		t.Errorf("WCUs = %d, want 927, within %d", got, edge.WafDefaultWebAclLimit)
	}
}

// Fact (AWS WAF API reference, RateBasedStatement): Limit takes 10 to
// 2,000,000,000 requests and EvaluationWindowSec 60, 120, 300 or 600.
// Bad values are refused by field, with the fix, before anything exists.
func TestWafBadInput(t *testing.T) {
	tests := []struct {
		name    string
		give    edge.WafArgs
		wantErr string
	}{
		{"mode", edge.WafArgs{Mode: "block"}, `LoadBalancer.Waf.Mode: "block" is not a WAF mode; use BLOCK, or COUNT`},
		{"rate below the minimum", edge.WafArgs{RateLimit: 5}, "LoadBalancer.Waf.RateLimit: 5 requests is outside what a WAF rate rule takes; use 10 to 2000000000, or 0 for no rate rule"},
		{"negative rate", edge.WafArgs{RateLimit: -1}, "LoadBalancer.Waf.RateLimit: -1 requests is outside"},
		{"window", edge.WafArgs{RateLimit: 100, RateLimitWindow: 30}, "LoadBalancer.Waf.RateLimitWindow: 30 seconds is not a window WAF takes; use 60, 120, 300 or 600"},
		{"window without a rate", edge.WafArgs{RateLimitWindow: 60}, "LoadBalancer.Waf.RateLimitWindow: is set but RateLimit is not"},
		{"retention", edge.WafArgs{LogRetentionDays: 4}, "LoadBalancer.Waf.LogRetentionDays: 4 is not a CloudWatch retention period"},
		{"key", edge.WafArgs{KmsKeyArn: pulumi.String("alias/waf")}, "LoadBalancer.Waf.KmsKeyArn: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, err := run(t, withWaf(baseArgs(), tt.give))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if n := len(m.Resources()); n != 0 {
				t.Errorf("%d resources registered for refused WAF args, want 0", n)
			}
		})
	}
}

// The LoadBalancer piece takes Waf as well, with the same checks under
// its own path (Waf.), and registers no web ACL when they fail; with a
// good one, its web ACL and log group are named after the load balancer.
func TestLoadBalancerPieceTakesAWaf(t *testing.T) {
	for _, tt := range []struct {
		name    string
		give    edge.WafArgs
		wantErr string
	}{
		{"good", edge.WafArgs{Mode: edge.WafCount}, ""},
		{"bad mode", edge.WafArgs{Mode: "DROP"}, `invalid LoadBalancer arguments (1 problem):` + "\n  " + `Waf.Mode: "DROP" is not a WAF mode`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				n, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{Region: testRegion})
				if err != nil {
					return err
				}
				w := tt.give
				_, err = edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: n, DefaultTarget: &edge.DefaultTargetArgs{}, Waf: &w})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				if n := len(m.ByType(tWebAcl)); n != 0 {
					t.Errorf("%d web ACLs registered for refused args", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			get(t, m, tWebAcl, "edge-waf")
			expect(t, get(t, m, tLogGroup, "edge-waf-logs"), "name", "aws-waf-logs-edge")
			expect(t, get(t, m, tLogGroup, "edge-waf-logs"), "retentionInDays", check.DefaultLogRetentionDays)
		})
	}
}
