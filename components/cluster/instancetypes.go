package cluster

import (
	"regexp"
	"strings"
)

// InstanceSpec is what the component needs to know of an EC2 instance type.
type InstanceSpec struct {
	VCPU      int
	MemoryMiB int
	// MaxENIs is the most network interfaces the type takes; one is the
	// instance's own, so without ENI trunking an instance runs MaxENIs-1
	// awsvpc tasks.
	MaxENIs int
	// Arch is ArchX86_64 or ArchARM64.
	Arch string
}

// instanceSpecs lists common ECS instance types (from the EC2 instance type
// documentation). Types not listed still deploy; the size and ENI checks are
// then skipped with a warning.
var instanceSpecs = map[string]InstanceSpec{
	"t3.small":    {2, 2048, 3, ArchX86_64},
	"t3.medium":   {2, 4096, 3, ArchX86_64},
	"t3.large":    {2, 8192, 3, ArchX86_64},
	"t3.xlarge":   {4, 16384, 4, ArchX86_64},
	"m5.large":    {2, 8192, 3, ArchX86_64},
	"m5.xlarge":   {4, 16384, 4, ArchX86_64},
	"m6i.large":   {2, 8192, 3, ArchX86_64},
	"m6i.xlarge":  {4, 16384, 4, ArchX86_64},
	"m6i.2xlarge": {8, 32768, 4, ArchX86_64},
	"m7i.large":   {2, 8192, 3, ArchX86_64},
	"m7i.xlarge":  {4, 16384, 4, ArchX86_64},
	"c6i.large":   {2, 4096, 3, ArchX86_64},
	"c6i.xlarge":  {4, 8192, 4, ArchX86_64},
	"r6i.large":   {2, 16384, 3, ArchX86_64},
	"g5.xlarge":   {4, 16384, 4, ArchX86_64},
	"t4g.small":   {2, 2048, 3, ArchARM64},
	"t4g.medium":  {2, 4096, 3, ArchARM64},
	"m6g.large":   {2, 8192, 3, ArchARM64},
	"m7g.large":   {2, 8192, 3, ArchARM64},
	"m7g.xlarge":  {4, 16384, 4, ArchARM64},
	"c7g.large":   {2, 4096, 3, ArchARM64},
	"c7g.xlarge":  {4, 8192, 4, ArchARM64},
}

// LookupInstance returns the spec of a listed instance type.
func LookupInstance(instanceType string) (InstanceSpec, bool) {
	s, ok := instanceSpecs[instanceType]
	return s, ok
}

// gravitonFamily matches Graviton families: a "g" among the letters after
// the generation digit (m7g, c7gn, r6gd, t4g, g5g, im4gn), and a1.
var gravitonFamily = regexp.MustCompile(`^([a-z]+\d+[a-z]*g[a-z]*|a1)$`)

// InstanceArch returns the CPU architecture of an instance type.
func InstanceArch(instanceType string) string {
	if s, ok := instanceSpecs[instanceType]; ok {
		return s.Arch
	}
	family, _, _ := strings.Cut(instanceType, ".")
	if gravitonFamily.MatchString(family) {
		return ArchARM64
	}
	return ArchX86_64
}

// Room the component leaves on each instance for the OS and the ECS agent.
const (
	ReservedCpuUnits  = 128
	AgentReservedMiB  = 256 // ECS_RESERVED_MEMORY in the user data
	osMemoryFraction  = 10  // percent of the instance's memory
	instanceCpuUnits  = 1024
	imdsHopLimit      = 1
	DynamicPortLow    = 32768
	DynamicPortHigh   = 65535
	defaultRootVolume = 30
)

// UsableOnInstance returns the CPU units and MiB one task may use on s.
func UsableOnInstance(s InstanceSpec) (cpu, memory int) {
	return s.VCPU*instanceCpuUnits - ReservedCpuUnits,
		s.MemoryMiB - s.MemoryMiB*osMemoryFraction/100 - AgentReservedMiB
}
