package edge

import (
	"fmt"
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WAF modes: the rules block what they match, or only count it.
const (
	WafBlock = "BLOCK"
	WafCount = "COUNT"
)

// WafArgs puts an AWS WAF web ACL in front of the load balancer: AWS's
// managed core rule set, known bad inputs and IP reputation list, and
// optionally a rate limit per client IP, logged to CloudWatch Logs. The
// web ACL is regional, in the load balancer's region.
type WafArgs struct {
	// Mode is BLOCK (the rules block the requests they match) or COUNT
	// (they only count them, in the metrics and the log, for a rollout).
	// Optional. Default: BLOCK.
	Mode string `pulumi:"mode,optional"`
	// RateLimit is how many requests one client IP may send within
	// RateLimitWindow seconds; the rate rule blocks (or counts) the rest.
	// Optional. Default: 0 (no rate rule). Valid: 0, or 10 to
	// 2000000000.
	RateLimit int `pulumi:"rateLimit,optional"`
	// RateLimitWindow is the rate rule's window in seconds. Optional.
	// Default: 300. Valid: 60, 120, 300 or 600.
	RateLimitWindow int `pulumi:"rateLimitWindow,optional"`
	// LogRetentionDays is how long CloudWatch keeps the web ACL's log
	// (log group aws-waf-logs-<name>). Optional. Default: 30 (inside a
	// PrivateFargateService, its LogRetentionDays). Valid: one of
	// CloudWatch's retention values.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// KmsKeyArn is a customer-managed key of the region that encrypts the
	// log group; its policy must let CloudWatch Logs use it. Optional.
	// Default: an AWS-owned key (inside a PrivateFargateService, its key
	// when it has one).
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// AWS WAF limits (AWS WAF API reference, RateBasedStatement: Limit 10 to
// 2,000,000,000, EvaluationWindowSec 60, 120, 300 or 600).
const (
	wafRateMin            = 10
	wafRateMax            = 2_000_000_000
	defaultWafRateWindow  = 300
	wafLogGroupPrefix     = "aws-waf-logs-"
	wafScope              = "REGIONAL"
	WafDefaultWebAclLimit = 1500 // WCUs a web ACL holds at the base price
)

var wafRateWindows = []int{60, 120, 300, 600}

// wafManagedGroups are the AWS managed rule groups every web ACL gets, in
// evaluation order, with the capacity (WCU) each uses (AWS WAF developer
// guide, "AWS Managed Rules rule groups list"): the cheap IP reputation
// list first, then known bad inputs, then the core rule set.
var wafManagedGroups = []struct {
	name, metric string
	wcu          int
}{
	{"AWSManagedRulesAmazonIpReputationList", "ip-reputation", 25},
	{"AWSManagedRulesKnownBadInputsRuleSet", "known-bad-inputs", 200},
	{"AWSManagedRulesCommonRuleSet", "core-rule-set", 700},
}

// wafRateRuleWcu is a rate-based rule's capacity with one aggregation key
// (the client IP) and no scope-down statement.
const wafRateRuleWcu = 2

func (args WafArgs) WithDefaults() WafArgs {
	a := args
	a.Mode = check.StrOr(a.Mode, WafBlock)
	if a.RateLimit != 0 {
		a.RateLimitWindow = check.IntOr(a.RateLimitWindow, defaultWafRateWindow)
	}
	a.LogRetentionDays = check.IntOr(a.LogRetentionDays, check.DefaultLogRetentionDays)
	return a
}

// CheckWaf refuses bad WAF args; prefix is the field's path ("Waf.").
func CheckWaf(p *check.Problems, prefix string, a WafArgs, region string) {
	if a.Mode != WafBlock && a.Mode != WafCount {
		p.Add(prefix+"Mode", "%q is not a WAF mode; use BLOCK, or COUNT to only count what the rules match while rolling out", a.Mode)
	}
	if a.RateLimit != 0 && (a.RateLimit < wafRateMin || a.RateLimit > wafRateMax) {
		p.Add(prefix+"RateLimit", "%d requests is outside what a WAF rate rule takes; use %d to %d, or 0 for no rate rule", a.RateLimit, wafRateMin, wafRateMax)
	}
	switch {
	case a.RateLimit == 0 && a.RateLimitWindow != 0:
		p.Add(prefix+"RateLimitWindow", "is set but RateLimit is not; set RateLimit, or remove RateLimitWindow")
	case a.RateLimit != 0 && !slices.Contains(wafRateWindows, a.RateLimitWindow):
		p.Add(prefix+"RateLimitWindow", "%d seconds is not a window WAF takes; use 60, 120, 300 or 600", a.RateLimitWindow)
	}
	check.CheckRetention(p, prefix+"LogRetentionDays", a.LogRetentionDays)
	if a.KmsKeyArn != nil {
		check.CheckString(p, prefix+"KmsKeyArn", a.KmsKeyArn, check.KmsKeyRule(region))
	}
}

// WafForService fills a PrivateFargateService's WAF args with the
// service's log retention and key, where they are not set.
func WafForService(w *WafArgs, retention int, key pulumi.StringInput) *WafArgs {
	if w == nil {
		return nil
	}
	c := *w
	c.LogRetentionDays = check.IntOr(c.LogRetentionDays, retention)
	if c.KmsKeyArn == nil {
		c.KmsKeyArn = key
	}
	return &c
}

// WafCapacity is the WCUs the web ACL's rules use.
func WafCapacity(a WafArgs) int {
	n := 0
	for _, g := range wafManagedGroups {
		n += g.wcu
	}
	if a.RateLimit != 0 {
		n += wafRateRuleWcu
	}
	return n
}

// visibility is a rule's (or the web ACL's) metrics and sampled requests.
func wafVisibility(metric string) *wafv2.WebAclRuleVisibilityConfigArgs {
	return &wafv2.WebAclRuleVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(metric),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}

// wafRules are the web ACL's rules: the rate rule first when there is
// one (a flood is cut before the other rules spend capacity on it), then
// the managed groups. In COUNT mode the managed groups' actions are
// overridden to count and the rate rule counts.
func wafRules(name string, a WafArgs) wafv2.WebAclRuleArray {
	var rules wafv2.WebAclRuleArray
	priority := 0
	if a.RateLimit != 0 {
		action := &wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{}}
		if a.Mode == WafCount {
			action = &wafv2.WebAclRuleActionArgs{Count: &wafv2.WebAclRuleActionCountArgs{}}
		}
		rules = append(rules, &wafv2.WebAclRuleArgs{
			Name:     pulumi.String("rate-limit-per-ip"),
			Priority: pulumi.Int(priority),
			Action:   action,
			Statement: &wafv2.WebAclRuleStatementArgs{
				RateBasedStatement: &wafv2.WebAclRuleStatementRateBasedStatementArgs{
					Limit:               pulumi.Int(a.RateLimit),
					AggregateKeyType:    pulumi.String("IP"),
					EvaluationWindowSec: pulumi.Int(a.RateLimitWindow),
				},
			},
			VisibilityConfig: wafVisibility(name + "-rate-limit-per-ip"),
		})
		priority++
	}
	for _, g := range wafManagedGroups {
		override := &wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}}
		if a.Mode == WafCount {
			override = &wafv2.WebAclRuleOverrideActionArgs{Count: &wafv2.WebAclRuleOverrideActionCountArgs{}}
		}
		rules = append(rules, &wafv2.WebAclRuleArgs{
			Name:           pulumi.String("AWS-" + g.name),
			Priority:       pulumi.Int(priority),
			OverrideAction: override,
			Statement: &wafv2.WebAclRuleStatementArgs{
				ManagedRuleGroupStatement: &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
					Name:       pulumi.String(g.name),
					VendorName: pulumi.String("AWS"),
				},
			},
			VisibilityConfig: wafVisibility(name + "-" + g.metric),
		})
		priority++
	}
	return rules
}

// newWaf creates the web ACL, its association with the load balancer and
// its logging to the aws-waf-logs-<name> log group.
// field is the args' path in problems ("Waf." or "LoadBalancer.Waf.").
func newWaf(f *piece.Family, field string, a WafArgs, region string, albArn pulumi.StringInput) error {
	name := f.Name + "-waf"
	// WAF logs only to a destination whose name starts with
	// aws-waf-logs- (AWS WAF API reference, LoggingConfiguration), and
	// adds the log group's resource policy itself when logging is
	// turned on.
	lgArgs := &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(wafLogGroupPrefix + f.Name),
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            f.TagsFor(name + "-logs"),
	}
	if a.KmsKeyArn != nil {
		lgArgs.KmsKeyId = check.CheckedString(f.PieceName(), f.Field(field+"KmsKeyArn"), a.KmsKeyArn, check.KmsKeyRule(region))
	}
	lg, err := cloudwatch.NewLogGroup(f.Ctx, name+"-logs", lgArgs, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create WAF log group: %w", err)
	}
	acl, err := wafv2.NewWebAcl(f.Ctx, name, &wafv2.WebAclArgs{
		Description:   pulumi.String("Managed rules and rate limit in front of the load balancer " + f.Name),
		Scope:         pulumi.String(wafScope),
		DefaultAction: &wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:         wafRules(f.Name, a),
		VisibilityConfig: &wafv2.WebAclVisibilityConfigArgs{
			CloudwatchMetricsEnabled: pulumi.Bool(true),
			MetricName:               pulumi.String(name),
			SampledRequestsEnabled:   pulumi.Bool(true),
		},
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create WAF web ACL: %w", err)
	}
	if _, err := wafv2.NewWebAclAssociation(f.Ctx, name+"-association", &wafv2.WebAclAssociationArgs{
		ResourceArn: albArn,
		WebAclArn:   acl.Arn,
	}, f.Opts()...); err != nil {
		return fmt.Errorf("associate WAF web ACL: %w", err)
	}
	// Credentials never reach the log: the Authorization and Cookie
	// headers are redacted.
	if _, err := wafv2.NewWebAclLoggingConfiguration(f.Ctx, name+"-logging", &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{lg.Arn},
		RedactedFields: wafv2.WebAclLoggingConfigurationRedactedFieldArray{
			&wafv2.WebAclLoggingConfigurationRedactedFieldArgs{SingleHeader: &wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String("authorization")}},
			&wafv2.WebAclLoggingConfigurationRedactedFieldArgs{SingleHeader: &wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String("cookie")}},
		},
	}, f.Opts()...); err != nil {
		return fmt.Errorf("create WAF logging configuration: %w", err)
	}
	return nil
}
