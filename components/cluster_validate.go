package components

import (
	"fmt"
	"slices"
	"strings"
)

// checkCapacityProviderPrefix refuses a name ECS would refuse at the start
// of a capacity provider's name, which is derived from it.
func checkCapacityProviderPrefix(p *problems, name string) {
	for _, prefix := range []string{"aws", "ecs", "fargate"} {
		if strings.HasPrefix(strings.ToLower(name), prefix) {
			p.add("name", "%q starts with %q, which ECS refuses at the start of a capacity provider name (derived from the component name); rename the component", name, prefix)
		}
	}
}

// checkEc2Group applies the rules of one Auto Scaling group of container
// instances: a sane size, one architecture across instance types and AMI,
// and a known network mode. prefix is the group's path ("Ec2.").
func checkEc2Group(p *problems, prefix string, e Ec2CapacityArgs) {
	arch := ""
	for i, t := range e.InstanceTypes {
		f := fmt.Sprintf("%sInstanceTypes[%d]", prefix, i)
		if strings.TrimSpace(t) == "" {
			p.add(f, "the instance type is empty; set one such as m6i.large")
			continue
		}
		if !strings.Contains(t, ".") {
			p.add(f, "%q is not an instance type; write family.size, such as m6i.large", t)
			continue
		}
		if msg := checkInstanceTypeName(t); msg != "" {
			p.add(f, "%s", msg)
			continue
		}
		ta := InstanceArch(t)
		if arch == "" {
			arch = ta
		} else if ta != arch {
			p.add(f, "%s is %s but %s is %s; one group runs one architecture, so list types of one architecture", t, ta, e.InstanceTypes[0], arch)
		}
	}
	if len(e.InstanceTypes) == 0 {
		p.add(prefix+"InstanceTypes", "no instance type given; set at least one, such as m6i.large")
	}
	if arch != "" {
		switch e.AmiArchitecture {
		case "x86_64", "arm64":
			if e.AmiArchitecture != amiArch(arch) {
				p.add(prefix+"AmiArchitecture", "an %s AMI cannot boot %s instance types (%s); use an %s AMI or %s instance types",
					e.AmiArchitecture, amiArch(arch), strings.Join(e.InstanceTypes, ", "), amiArch(arch), e.AmiArchitecture)
			}
		default:
			p.add(prefix+"AmiArchitecture", "%q is not an AMI architecture; use x86_64 or arm64", e.AmiArchitecture)
		}
	}
	if e.AmiId != "" && !strings.HasPrefix(e.AmiId, "ami-") {
		p.add(prefix+"AmiId", "%q is not an AMI ID; use ami-... or leave it unset for the ECS-optimized AMI", e.AmiId)
	}
	p.rangeInt(prefix+"RootVolumeSize", e.RootVolumeSize, 30, 16384)

	if e.MinSize < 0 {
		p.add(prefix+"MinSize", "%d is negative; use 0 or more", e.MinSize)
	}
	if e.MaxSize < 1 {
		p.add(prefix+"MaxSize", "%d instances can run no task; use 1 or more", e.MaxSize)
	}
	if e.MinSize > e.MaxSize {
		p.add(prefix+"MinSize", "%d is above MaxSize (%d); lower MinSize or raise MaxSize", e.MinSize, e.MaxSize)
	} else if d := *e.DesiredCapacity; d < e.MinSize || d > e.MaxSize {
		p.add(prefix+"DesiredCapacity", "%d is outside MinSize..MaxSize (%d..%d); use a value in that range", d, e.MinSize, e.MaxSize)
	}
	p.rangeInt(prefix+"TargetCapacity", e.TargetCapacity, 1, 100)
	if e.ManagedTerminationProtection && !*e.ManagedScaling {
		p.add(prefix+"ManagedTerminationProtection", "managed termination protection needs managed scaling; turn ManagedScaling on, or turn termination protection off")
	}
	switch e.NetworkMode {
	case NetworkAwsvpc, NetworkBridge:
	default:
		p.add(prefix+"NetworkMode", "%q is not a network mode for EC2 tasks; use awsvpc or bridge", e.NetworkMode)
	}
}

// withDefaults fills in an EC2 group's defaults.
func (args Ec2CapacityArgs) withDefaults() Ec2CapacityArgs {
	c := args
	if c.MinSize == 0 && c.MaxSize == 0 {
		c.MinSize, c.MaxSize = 2, 4
	}
	c.DesiredCapacity = ptrOr(c.DesiredCapacity, c.MinSize)
	if c.ManagedScaling == nil {
		on := true
		c.ManagedScaling = &on
	} else {
		v := *c.ManagedScaling
		c.ManagedScaling = &v
	}
	c.TargetCapacity = intOr(c.TargetCapacity, 100)
	c.RootVolumeSize = intOr(c.RootVolumeSize, defaultRootVolume)
	c.NetworkMode = strOr(c.NetworkMode, NetworkAwsvpc)
	if len(c.InstanceTypes) > 0 {
		c.AmiArchitecture = strOr(c.AmiArchitecture, amiArch(InstanceArch(c.InstanceTypes[0])))
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

// checkStrategy applies ECS's rules for a capacity provider strategy.
func checkStrategy(p *problems, field string, s []CapacityProviderStrategyItem) {
	if len(s) > 6 {
		p.add(field, "%d entries is more than ECS allows; use at most 6", len(s))
	}
	var bases []string
	seen := map[string]bool{}
	anyWeight := false
	for i, item := range s {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(knownProviders, item.Provider) {
			p.add(f+".Provider", "%q is not a known capacity provider; use FARGATE, FARGATE_SPOT or EC2", item.Provider)
		}
		if seen[item.Provider] {
			p.add(f+".Provider", "%s is named twice; merge the entries", item.Provider)
		}
		seen[item.Provider] = true
		if item.Base < 0 || item.Base > 100000 {
			p.add(f+".Base", "%d is out of range; use 0 to 100000", item.Base)
		}
		if item.Base > 0 {
			bases = append(bases, item.Provider)
		}
		if item.Weight < 0 || item.Weight > 1000 {
			p.add(f+".Weight", "%d is out of range; use 0 to 1000", item.Weight)
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
		p.add(field, "EC2 is mixed with %s; ECS does not mix an Auto Scaling group provider with Fargate providers in one strategy; use EC2 alone or Fargate providers alone", strings.Join(fargate, " and "))
	}
	if len(bases) > 1 {
		p.add(field, "only one provider may set a base (%s all do); remove all but one of the bases", strings.Join(bases, " and "))
	}
	if len(s) > 0 && !anyWeight {
		p.add(field, "every weight is 0, so no task would be placed; give at least one provider a weight above 0")
	}
}
