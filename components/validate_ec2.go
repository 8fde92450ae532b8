package components

import (
	"fmt"
	"strings"
)

// checkEc2 applies the rules of EC2 container instances: a sane group
// size, one architecture across instance types, AMI and task, a task that
// fits one instance, and enough ENIs for awsvpc tasks.
func (a PrivateFargateServiceArgs) checkEc2(p *problems, name string) {
	e := a.Ec2
	if e == nil {
		p.add("Ec2", "the capacity provider strategy names EC2 but no EC2 capacity is configured; set the instance types (and sizes) of the Auto Scaling group")
		return
	}
	for _, prefix := range []string{"aws", "ecs", "fargate"} {
		if strings.HasPrefix(strings.ToLower(name), prefix) {
			p.add("name", "%q starts with %q, which ECS refuses at the start of a capacity provider name (derived from the component name); rename the component", name, prefix)
		}
	}

	arch := ""
	for i, t := range e.InstanceTypes {
		f := fmt.Sprintf("Ec2.InstanceTypes[%d]", i)
		if strings.TrimSpace(t) == "" {
			p.add(f, "the instance type is empty; set one such as m6i.large")
			continue
		}
		if !strings.Contains(t, ".") {
			p.add(f, "%q is not an instance type; write family.size, such as m6i.large", t)
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
		p.add("Ec2.InstanceTypes", "no instance type given; set at least one, such as m6i.large")
	}
	if arch != "" {
		switch e.AmiArchitecture {
		case "x86_64", "arm64":
			if e.AmiArchitecture != amiArch(arch) {
				p.add("Ec2.AmiArchitecture", "an %s AMI cannot boot %s instance types (%s); use an %s AMI or %s instance types",
					e.AmiArchitecture, amiArch(arch), strings.Join(e.InstanceTypes, ", "), amiArch(arch), e.AmiArchitecture)
			}
		default:
			p.add("Ec2.AmiArchitecture", "%q is not an AMI architecture; use x86_64 or arm64", e.AmiArchitecture)
		}
		if a.Task.Architecture != arch {
			p.add("Task.Architecture", "%s tasks cannot run on %s instances (%s); use %s or leave it unset", a.Task.Architecture, arch, strings.Join(e.InstanceTypes, ", "), arch)
		}
	}
	if e.AmiId != "" && !strings.HasPrefix(e.AmiId, "ami-") {
		p.add("Ec2.AmiId", "%q is not an AMI ID; use ami-... or leave it unset for the ECS-optimized AMI", e.AmiId)
	}
	p.rangeInt("Ec2.RootVolumeSize", e.RootVolumeSize, 30, 16384)

	if e.MinSize < 0 {
		p.add("Ec2.MinSize", "%d is negative; use 0 or more", e.MinSize)
	}
	if e.MaxSize < 1 {
		p.add("Ec2.MaxSize", "%d instances can run no task; use 1 or more", e.MaxSize)
	}
	if e.MinSize > e.MaxSize {
		p.add("Ec2.MinSize", "%d is above MaxSize (%d); lower MinSize or raise MaxSize", e.MinSize, e.MaxSize)
	} else if d := *e.DesiredCapacity; d < e.MinSize || d > e.MaxSize {
		p.add("Ec2.DesiredCapacity", "%d is outside MinSize..MaxSize (%d..%d); use a value in that range", d, e.MinSize, e.MaxSize)
	}
	p.rangeInt("Ec2.TargetCapacity", e.TargetCapacity, 1, 100)
	if e.ManagedTerminationProtection && !*e.ManagedScaling {
		p.add("Ec2.ManagedTerminationProtection", "managed termination protection needs managed scaling; turn ManagedScaling on, or turn termination protection off")
	}
	switch e.NetworkMode {
	case NetworkAwsvpc:
	case NetworkBridge:
		if len(a.Service.ExtraSecurityGroupIds) > 0 {
			p.add("Service.ExtraSecurityGroupIds", "bridge networking gives tasks the instance security group, so task security groups cannot apply; remove them or use awsvpc networking")
		}
	default:
		p.add("Ec2.NetworkMode", "%q is not a network mode for EC2 tasks; use awsvpc or bridge", e.NetworkMode)
	}

	if a.Task.Cpu < 128 {
		p.add("Task.Cpu", "%d CPU units is below ECS's minimum; use 128 or more", a.Task.Cpu)
	}
	a.checkFit(p, e)
}

// checkFit checks that a task fits one instance of every listed type and
// that MaxSize instances hold the tasks a deployment runs at once.
func (a PrivateFargateServiceArgs) checkFit(p *problems, e *Ec2CapacityArgs) {
	surge := (*a.Service.DesiredCount*a.Service.MaximumPercent + 99) / 100
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
		if perInstance*e.MaxSize < surge {
			p.add("Ec2.MaxSize", "%d %s instances hold %d tasks (%d each, limited by %s), but a deployment of %d tasks at MaximumPercent %d runs %d; raise MaxSize, use a larger type, or for awsvpc turn on the account's awsvpcTrunking setting and AwsvpcTrunking",
				e.MaxSize, t, perInstance*e.MaxSize, perInstance, limit, *a.Service.DesiredCount, a.Service.MaximumPercent, surge)
		}
	}
}
