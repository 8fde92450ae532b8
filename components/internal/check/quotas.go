package check

// Security group quotas (Amazon VPC User Guide, "Amazon VPC quotas",
// Security groups): 60 inbound and 60 outbound rules per group, enforced
// separately for IPv4 and IPv6 rules; a rule that names another group or
// a prefix list counts once for each. Adjustable only by a request to AWS.
const (
	MaxRulesPerGroup = 60
	QuotaGroupRules  = "Inbound or outbound rules per security group"
)
