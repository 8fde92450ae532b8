package components

import (
	"fmt"
	"strings"
)

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
