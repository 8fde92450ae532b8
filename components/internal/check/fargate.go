package check

import (
	"fmt"
	"slices"
	"strings"
)

// fargateSize is one row of Fargate's CPU and memory table.
type fargateSize struct {
	cpu                  int
	minMemory, maxMemory int
	step                 int
	extra                []int // sizes outside the min..max steps
}

// fargateSizes is Fargate's table of CPU units to memory MiB.
var fargateSizes = []fargateSize{
	{cpu: 256, extra: []int{512, 1024, 2048}},
	{cpu: 512, minMemory: 1024, maxMemory: 4096, step: 1024},
	{cpu: 1024, minMemory: 2048, maxMemory: 8192, step: 1024},
	{cpu: 2048, minMemory: 4096, maxMemory: 16384, step: 1024},
	{cpu: 4096, minMemory: 8192, maxMemory: 30720, step: 1024},
	{cpu: 8192, minMemory: 16384, maxMemory: 61440, step: 4096},
	{cpu: 16384, minMemory: 32768, maxMemory: 122880, step: 8192},
}

// FargateMemoryOptions lists the memory sizes in MiB that Fargate offers for
// cpu units, or nil when cpu is not a Fargate size.
func FargateMemoryOptions(cpu int) []int {
	for _, s := range fargateSizes {
		if s.cpu != cpu {
			continue
		}
		opts := slices.Clone(s.extra)
		for m := s.minMemory; s.step > 0 && m <= s.maxMemory; m += s.step {
			opts = append(opts, m)
		}
		return opts
	}
	return nil
}

// CheckFargateSize returns an error naming the valid choices when cpu and
// memory are not a combination Fargate runs.
func CheckFargateSize(cpu, memory int) error {
	opts := FargateMemoryOptions(cpu)
	if opts == nil {
		cpus := make([]string, len(fargateSizes))
		for i, s := range fargateSizes {
			cpus[i] = fmt.Sprint(s.cpu)
		}
		return fmt.Errorf("%d CPU units is not a Fargate size; use one of %s", cpu, strings.Join(cpus, ", "))
	}
	if slices.Contains(opts, memory) {
		return nil
	}
	s := fargateSizes[slices.IndexFunc(fargateSizes, func(s fargateSize) bool { return s.cpu == cpu })]
	var valid string
	if s.step > 0 {
		valid = fmt.Sprintf("%d to %d in steps of %d", s.minMemory, s.maxMemory, s.step)
	} else {
		parts := make([]string, len(opts))
		for i, m := range opts {
			parts[i] = fmt.Sprint(m)
		}
		valid = strings.Join(parts, ", ")
	}
	return fmt.Errorf("%d MiB is not offered with %d CPU units; use %s MiB", memory, cpu, valid)
}
