package cluster

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// CheckCapacityProviderPrefix refuses a name ECS would refuse at the start
// of a capacity provider's name, which is derived from it.
func CheckCapacityProviderPrefix(p *check.Problems, name string) {
	for _, prefix := range []string{"aws", "ecs", "fargate"} {
		if strings.HasPrefix(strings.ToLower(name), prefix) {
			p.Add("name", "%q starts with %q, which ECS refuses at the start of a capacity provider name (derived from the component name); rename the component", name, prefix)
		}
	}
}

// CheckEc2Group applies the rules of one Auto Scaling group of container
// instances: a sane size, one architecture across instance types and AMI,
// and a known network mode. prefix is the group's path ("Ec2.").
func CheckEc2Group(p *check.Problems, prefix string, e Ec2CapacityArgs) {
	arch := ""
	for i, t := range e.InstanceTypes {
		f := fmt.Sprintf("%sInstanceTypes[%d]", prefix, i)
		if strings.TrimSpace(t) == "" {
			p.Add(f, "the instance type is empty; set one such as m6i.large")
			continue
		}
		if !strings.Contains(t, ".") {
			p.Add(f, "%q is not an instance type; write family.size, such as m6i.large", t)
			continue
		}
		if msg := CheckInstanceTypeName(t); msg != "" {
			p.Add(f, "%s", msg)
			continue
		}
		ta := InstanceArch(t)
		if arch == "" {
			arch = ta
		} else if ta != arch {
			p.Add(f, "%s is %s but %s is %s; one group runs one architecture, so list types of one architecture", t, ta, e.InstanceTypes[0], arch)
		}
	}
	if len(e.InstanceTypes) == 0 {
		p.Add(prefix+"InstanceTypes", "no instance type given; set at least one, such as m6i.large")
	}
	if arch != "" {
		switch e.AmiArchitecture {
		case "x86_64", "arm64":
			if e.AmiArchitecture != amiArch(arch) {
				p.Add(prefix+"AmiArchitecture", "an %s AMI cannot boot %s instance types (%s); use an %s AMI or %s instance types",
					e.AmiArchitecture, amiArch(arch), strings.Join(e.InstanceTypes, ", "), amiArch(arch), e.AmiArchitecture)
			}
		default:
			p.Add(prefix+"AmiArchitecture", "%q is not an AMI architecture; use x86_64 or arm64", e.AmiArchitecture)
		}
	}
	if e.AmiId != "" && !strings.HasPrefix(e.AmiId, "ami-") {
		p.Add(prefix+"AmiId", "%q is not an AMI ID; use ami-... or leave it unset for the ECS-optimized AMI", e.AmiId)
	}
	p.RangeInt(prefix+"RootVolumeSize", e.RootVolumeSize, 30, 16384)

	if e.MinSize < 0 {
		p.Add(prefix+"MinSize", "%d is negative; use 0 or more", e.MinSize)
	}
	if e.MaxSize < 1 {
		p.Add(prefix+"MaxSize", "%d instances can run no task; use 1 or more", e.MaxSize)
	}
	if e.MinSize > e.MaxSize {
		p.Add(prefix+"MinSize", "%d is above MaxSize (%d); lower MinSize or raise MaxSize", e.MinSize, e.MaxSize)
	} else if d := *e.DesiredCapacity; d < e.MinSize || d > e.MaxSize {
		p.Add(prefix+"DesiredCapacity", "%d is outside MinSize..MaxSize (%d..%d); use a value in that range", d, e.MinSize, e.MaxSize)
	}
	p.RangeInt(prefix+"TargetCapacity", e.TargetCapacity, 1, 100)
	if e.ManagedTerminationProtection && !*e.ManagedScaling {
		p.Add(prefix+"ManagedTerminationProtection", "managed termination protection needs managed scaling; turn ManagedScaling on, or turn termination protection off")
	}
	switch e.NetworkMode {
	case NetworkAwsvpc, NetworkBridge:
	default:
		p.Add(prefix+"NetworkMode", "%q is not a network mode for EC2 tasks; use awsvpc or bridge", e.NetworkMode)
	}
}

// WithDefaults fills in an EC2 group's defaults.
func (args Ec2CapacityArgs) WithDefaults() Ec2CapacityArgs {
	c := args
	if c.MinSize == 0 && c.MaxSize == 0 {
		c.MinSize, c.MaxSize = 2, 4
	}
	c.DesiredCapacity = check.PtrOr(c.DesiredCapacity, c.MinSize)
	if c.ManagedScaling == nil {
		on := true
		c.ManagedScaling = &on
	} else {
		v := *c.ManagedScaling
		c.ManagedScaling = &v
	}
	c.TargetCapacity = check.IntOr(c.TargetCapacity, 100)
	c.RootVolumeSize = check.IntOr(c.RootVolumeSize, defaultRootVolume)
	c.NetworkMode = check.StrOr(c.NetworkMode, NetworkAwsvpc)
	if len(c.InstanceTypes) > 0 {
		c.AmiArchitecture = check.StrOr(c.AmiArchitecture, amiArch(InstanceArch(c.InstanceTypes[0])))
	}
	return c
}

// amiArch turns a task architecture into the AMI's spelling.
func amiArch(arch string) string {
	if arch == ArchARM64 {
		return "arm64"
	}
	return "x86_64"
}

// fargateProviders are the capacity providers a Fargate service may name.
var fargateProviders = []string{ProviderFargate, ProviderFargateSpot}

// knownProviders are every provider a strategy may name.
var knownProviders = []string{ProviderFargate, ProviderFargateSpot, ProviderEC2}

// CheckStrategy applies ECS's rules for a capacity provider strategy.
func CheckStrategy(p *check.Problems, field string, s []CapacityProviderStrategyItem) {
	if len(s) > 6 {
		p.Add(field, "%d entries is more than ECS allows; use at most 6", len(s))
	}
	var bases []string
	seen := map[string]bool{}
	anyWeight := false
	for i, item := range s {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(knownProviders, item.Provider) {
			p.Add(f+".Provider", "%q is not a known capacity provider; use FARGATE, FARGATE_SPOT or EC2", item.Provider)
		}
		if seen[item.Provider] {
			p.Add(f+".Provider", "%s is named twice; merge the entries", item.Provider)
		}
		seen[item.Provider] = true
		if item.Base < 0 || item.Base > 100000 {
			p.Add(f+".Base", "%d is out of range; use 0 to 100000", item.Base)
		}
		if item.Base > 0 {
			bases = append(bases, item.Provider)
		}
		if item.Weight < 0 || item.Weight > 1000 {
			p.Add(f+".Weight", "%d is out of range; use 0 to 1000", item.Weight)
		}
		if item.Weight > 0 {
			anyWeight = true
		}
	}
	hasEC2 := slices.ContainsFunc(s, func(i CapacityProviderStrategyItem) bool { return i.Provider == ProviderEC2 })
	var fargate []string
	for _, item := range s {
		if slices.Contains(fargateProviders, item.Provider) {
			fargate = append(fargate, item.Provider)
		}
	}
	if hasEC2 && len(fargate) > 0 {
		p.Add(field, "EC2 is mixed with %s; ECS does not mix an Auto Scaling group provider with Fargate providers in one strategy; use EC2 alone or Fargate providers alone", strings.Join(fargate, " and "))
	}
	if len(bases) > 1 {
		p.Add(field, "only one provider may set a base (%s all do); remove all but one of the bases", strings.Join(bases, " and "))
	}
	if len(s) > 0 && !anyWeight {
		p.Add(field, "every weight is 0, so no task would be placed; give at least one provider a weight above 0")
	}
}
