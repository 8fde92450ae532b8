package components

import (
	"fmt"
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

// checkTaskOnGroup checks a service's task against the EC2 group it runs
// on: the same architecture, settings bridge networking allows, and a task
// that fits the instances.
//
// group names the group for a WebService, whose args do not hold it; ""
// is the PrivateFargateService's own Ec2 group.
func checkTaskOnGroup(p *problems, a workload, e *Ec2CapacityArgs, group string) {
	if len(e.InstanceTypes) > 0 && e.InstanceTypes[0] != "" {
		if arch := InstanceArch(e.InstanceTypes[0]); a.Task.Architecture != arch {
			p.add("Task.Architecture", "%s tasks cannot run on %s instances (%s); use %s or leave it unset", a.Task.Architecture, arch, strings.Join(e.InstanceTypes, ", "), arch)
		}
	}
	if e.NetworkMode == NetworkBridge && !knownEmpty(a.Service.ExtraSecurityGroupIds) {
		p.add("Service.ExtraSecurityGroupIds", "bridge networking gives tasks the instance security group, so task security groups cannot apply; remove them or use awsvpc networking")
	}
	if a.Task.Cpu < 128 {
		p.add("Task.Cpu", "%d CPU units is below ECS's minimum; use 128 or more", a.Task.Cpu)
	}
	checkFit(p, a, e, group)
}

// checkFit checks that a task fits one instance of every listed type and
// that MaxSize instances hold the tasks a deployment runs at once: the
// desired count, or with autoscaling its maximum, times MaximumPercent.
func checkFit(p *problems, a workload, e *Ec2CapacityArgs, group string) {
	peak := a.peakTasks()
	surge := (peak*a.Service.MaximumPercent + 99) / 100
	scaled := peak != *a.Service.DesiredCount
	deployment := fmt.Sprintf("a deployment of %d tasks at MaximumPercent %d runs %d", peak, a.Service.MaximumPercent, surge)
	if scaled {
		deployment = fmt.Sprintf("a deployment at Autoscaling.MaxCount (%d tasks) and MaximumPercent %d runs %d", peak, a.Service.MaximumPercent, surge)
	}
	for _, t := range e.InstanceTypes {
		spec, ok := LookupInstance(t)
		if !ok {
			continue // unknown sizes are not checked; the constructor warns
		}
		cpu, mem := usableOnInstance(spec)
		if a.Task.Cpu > cpu {
			p.add("Task.Cpu", "%d CPU units do not fit one %s (%d vCPU, %d units left after %d for the OS and agent); use at most %d or a larger type",
				a.Task.Cpu, t, spec.VCPU, cpu, reservedCpuUnits, cpu)
		}
		if a.Task.Memory > mem {
			p.add("Task.Memory", "%d MiB does not fit one %s (%d MiB, %d left after the OS's tenth and the agent's %d); use at most %d or a larger type",
				a.Task.Memory, t, spec.MemoryMiB, mem, agentReservedMiB, mem)
		}
		if a.Task.Cpu > cpu || a.Task.Memory > mem || a.Task.Cpu <= 0 || a.Task.Memory <= 0 {
			continue
		}
		perInstance := min(cpu/a.Task.Cpu, mem/a.Task.Memory)
		limit := "CPU and memory"
		if e.NetworkMode == NetworkAwsvpc && !e.AwsvpcTrunking && spec.MaxENIs-1 < perInstance {
			perInstance = spec.MaxENIs - 1
			limit = fmt.Sprintf("ENIs (%d, one for the instance)", spec.MaxENIs)
		}
		if perInstance*e.MaxSize >= surge {
			continue
		}
		switch {
		case group == "":
			p.add("Ec2.MaxSize", "%d %s instances hold %d tasks (%d each, limited by %s), but %s; raise MaxSize, use a larger type, or for awsvpc turn on the account's awsvpcTrunking setting and AwsvpcTrunking",
				e.MaxSize, t, perInstance*e.MaxSize, perInstance, limit, deployment)
		case scaled:
			// The group belongs to the cluster: the service can only ask
			// for fewer tasks, and say where the group is set.
			p.add("Autoscaling.MaxCount", "the %d %s instances of the %s hold %d tasks (%d each, limited by %s), but %s; lower MaxCount or MaximumPercent, or raise that group's MaxSize in the cluster's args",
				e.MaxSize, t, group, perInstance*e.MaxSize, perInstance, limit, deployment)
		default:
			p.add("Service.DesiredCount", "the %d %s instances of the %s hold %d tasks (%d each, limited by %s), but %s; lower DesiredCount or MaximumPercent, or raise that group's MaxSize in the cluster's args",
				e.MaxSize, t, group, perInstance*e.MaxSize, perInstance, limit, deployment)
		}
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
