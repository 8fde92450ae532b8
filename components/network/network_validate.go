package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WithDefaults returns a copy of the network args with every default
// filled in. An adopted VPC takes none of the layout defaults: its layout
// is what it is.
func (args NetworkArgs) WithDefaults() NetworkArgs {
	a := args
	if a.FlowLogs != nil {
		fl := a.FlowLogs.withDefaults()
		a.FlowLogs = &fl
	}
	if a.Existing != nil {
		return a
	}
	a.CidrBlock = check.StrOr(a.CidrBlock, check.DefaultVpcCidr)
	if a.AzCount == 0 {
		a.AzCount = check.DefaultAzCount
		if len(a.AvailabilityZones) > 0 {
			a.AzCount = len(a.AvailabilityZones)
		}
	}
	a.NatGateways = NatMode(check.StrOr(string(a.NatGateways), string(NatNone)))
	return a
}

// Validate checks the defaulted network args and returns every problem.
func (a NetworkArgs) Validate(name string) check.Problems {
	var p check.Problems
	check.CheckComponentName(&p, name)
	if a.Existing == nil {
		CheckNetworkLayout(&p, "", a, a.Region)
	} else {
		CheckExisting(&p, "", a)
	}
	CheckExtraServices(&p, "ExtraEndpointServices", a.ExtraEndpointServices)
	if a.FlowLogs != nil {
		CheckFlowLogs(&p, "FlowLogs.", *a.FlowLogs, a.Region)
	}
	if !a.SharedEndpointAccess && len(a.Features) > check.MaxRulesPerGroup {
		p.Add("Features", "%d services each add an inbound rule to the endpoint group, which holds %d (Amazon VPC quota %q); set SharedEndpointAccess, so that they join one group the endpoint group admits in one rule",
			len(a.Features), check.MaxRulesPerGroup, check.QuotaGroupRules)
	}
	for _, svc := range check.SortedKeys(a.Features) {
		if !check.ComponentNamePattern.MatchString(svc) {
			p.Add("Features."+svc, "%q is not a service name; key each entry by the name of the WebService that uses the network", svc)
		}
		CheckExtraServices(&p, fmt.Sprintf("Features.%s.Extra", svc), a.Features[svc].Extra)
	}
	CheckPullThroughCache(&p, "", a.PullThroughCache, a.Region)
	check.CheckTags(&p, "Tags", a.Tags)
	return p
}

// CheckNetworkLayout checks the layout of a VPC the network creates.
// prefix is the path of the network args ("Network." in a
// PrivateFargateService) and region the network's.
func CheckNetworkLayout(p *check.Problems, prefix string, a NetworkArgs, region string) {
	if _, _, err := check.SubnetCidrs(a.CidrBlock, 1); err != nil {
		p.Add(prefix+"CidrBlock", "%v", err)
	}
	if a.AzCount < 2 {
		p.Add(prefix+"AzCount", "%d AZs is too few: an ALB needs subnets in at least 2 AZs; use 2 or more", a.AzCount)
	} else if a.AzCount > check.MaxAzCount {
		p.Add(prefix+"AzCount", "%d AZs is more than the subnet layout holds; use 2 to %d", a.AzCount, check.MaxAzCount)
	}
	if n := len(a.AvailabilityZones); n > 0 && n != a.AzCount {
		p.Add(prefix+"AvailabilityZones", "%d zones are named but AzCount is %d; name exactly AzCount zones or leave AzCount unset", n, a.AzCount)
	}
	for i, z := range a.AvailabilityZones {
		field := fmt.Sprintf("%sAvailabilityZones[%d]", prefix, i)
		if msg := check.ZoneRule(region)(z); msg != "" {
			p.Add(field, "%s", msg)
		}
		if slices.Index(a.AvailabilityZones, z) != i {
			p.Add(field, "%q is listed twice; an ALB takes one subnet per AZ, so name each zone once", z)
		}
	}
	switch a.NatGateways {
	case NatNone, NatSingle, NatPerAz:
	default:
		p.Add(prefix+"NatGateways", "%q is not a NAT mode; use %q, %q or %q", a.NatGateways, NatNone, NatSingle, NatPerAz)
	}
}

// CheckExisting checks the adopted VPC's args: what can be known before
// deploying. The rest is looked up and checked at deploy time.
func CheckExisting(p *check.Problems, prefix string, a NetworkArgs) {
	e := a.Existing
	for _, f := range []struct {
		field string
		set   bool
	}{
		{"CidrBlock", a.CidrBlock != ""}, {"AzCount", a.AzCount != 0},
		{"AvailabilityZones", len(a.AvailabilityZones) > 0}, {"NatGateways", a.NatGateways != ""},
	} {
		if f.set {
			p.Add(prefix+f.field, "an adopted VPC keeps its own layout; remove %s, or remove Existing to create a VPC", f.field)
		}
	}
	checkID(p, prefix+"Existing.VpcId", e.VpcId, "vpc-", true)
	checkIDs(p, prefix+"Existing.PublicSubnetIds", e.PublicSubnetIds, "subnet-", 2)
	checkIDs(p, prefix+"Existing.PrivateSubnetIds", e.PrivateSubnetIds, "subnet-", 2)
	checkIDs(p, prefix+"Existing.PrivateRouteTableIds", e.PrivateRouteTableIds, "rtb-", 1)
	checkID(p, prefix+"Existing.EndpointSecurityGroupId", e.EndpointSecurityGroupId, "sg-", false)
	CheckExtraServices(p, prefix+"Existing.EndpointServices", e.EndpointServices)
	var interfaces []string
	for _, s := range e.EndpointServices {
		if EndpointType(s) == EndpointInterface {
			interfaces = append(interfaces, s)
		}
	}
	if len(interfaces) > 0 && e.EndpointSecurityGroupId == nil {
		p.Add(prefix+"Existing.EndpointSecurityGroupId", "the VPC's interface endpoints (%s) need their security group so the tasks can be admitted to it; set it to the endpoints' sg-... ID",
			strings.Join(interfaces, ", "))
	}
}

// CheckExtraServices checks a list of short endpoint service names.
func CheckExtraServices(p *check.Problems, field string, names []string) {
	seen := map[string]bool{}
	for i, s := range names {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !check.ServiceNamePattern.MatchString(s) || strings.HasPrefix(s, "com.amazonaws.") {
			p.Add(f, "%q is not a short service name; use the part after com.amazonaws.<region>., such as \"sqs\"", s)
		}
		if seen[s] {
			p.Add(f, "%q is listed twice; list each service once", s)
		}
		seen[s] = true
	}
}

// checkID checks an ID input whose value is known now; an unknown one is
// checked by the deploy-time look-ups.
func checkID(p *check.Problems, field string, in pulumi.StringInput, prefix string, required bool) {
	if in == nil {
		if required {
			p.Add(field, "is required; set the %s... ID", prefix)
		}
		return
	}
	if v, ok := check.LiteralString(in); ok && !strings.HasPrefix(v, prefix) {
		p.Add(field, "%q is not an ID of that kind; use %s...", v, prefix)
	}
}

// checkIDs checks a list of IDs known now; min is how many it needs.
func checkIDs(p *check.Problems, field string, in pulumi.StringArrayInput, prefix string, min int) {
	if in == nil {
		p.Add(field, "is required; list at least %d %s... IDs", min, prefix)
		return
	}
	v, ok := literalStrings(in)
	if !ok {
		return
	}
	if len(v) < min {
		p.Add(field, "%d given; list at least %d %s... IDs", len(v), min, prefix)
	}
	for i, id := range v {
		if !strings.HasPrefix(id, prefix) {
			p.Add(fmt.Sprintf("%s[%d]", field, i), "%q is not an ID of that kind; use %s...", id, prefix)
		}
	}
	for i, id := range v {
		if slices.Index(v, id) != i {
			p.Add(fmt.Sprintf("%s[%d]", field, i), "%q is listed twice; list each once", id)
		}
	}
}

// literalStrings returns the values of an array input made of literals.
func literalStrings(in pulumi.StringArrayInput) ([]string, bool) {
	arr, ok := in.(pulumi.StringArray)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := check.LiteralString(e)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
