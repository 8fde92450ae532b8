package service

import (
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// checkTaskOnGroup checks a service's task against the EC2 group it runs
// on: the same architecture, settings bridge networking allows, and a task
// that fits the instances.
//
// group names the group for a WebService, whose args do not hold it; ""
// is the PrivateFargateService's own Ec2 group.
func checkTaskOnGroup(p *check.Problems, a Workload, e *cluster.Ec2CapacityArgs, group string) {
	if len(e.InstanceTypes) > 0 && e.InstanceTypes[0] != "" {
		if arch := cluster.InstanceArch(e.InstanceTypes[0]); a.Task.Architecture != arch {
			p.Add("Task.Architecture", "%s tasks cannot run on %s instances (%s); use %s or leave it unset", a.Task.Architecture, arch, strings.Join(e.InstanceTypes, ", "), arch)
		}
	}
	if e.NetworkMode == cluster.NetworkBridge && !check.KnownEmpty(a.Service.ExtraSecurityGroupIds) {
		p.Add("Service.ExtraSecurityGroupIds", "bridge networking gives tasks the instance security group, so task security groups cannot apply; remove them or use awsvpc networking")
	}
	if a.Task.Cpu < 128 {
		p.Add("Task.Cpu", "%d CPU units is below ECS's minimum; use 128 or more", a.Task.Cpu)
	}
	checkFit(p, a, e, group)
}

// checkFit checks that a task fits one instance of every listed type and
// that MaxSize instances hold the tasks a deployment runs at once: the
// desired count, or with autoscaling its maximum, times MaximumPercent.
func checkFit(p *check.Problems, a Workload, e *cluster.Ec2CapacityArgs, group string) {
	peak := a.peakTasks()
	surge := (peak*a.Service.MaximumPercent + 99) / 100
	scaled := peak != *a.Service.DesiredCount
	deployment := fmt.Sprintf("a deployment of %d tasks at MaximumPercent %d runs %d", peak, a.Service.MaximumPercent, surge)
	if scaled {
		deployment = fmt.Sprintf("a deployment at Autoscaling.MaxCount (%d tasks) and MaximumPercent %d runs %d", peak, a.Service.MaximumPercent, surge)
	}
	for _, t := range e.InstanceTypes {
		spec, ok := cluster.LookupInstance(t)
		if !ok {
			continue // unknown sizes are not checked; the constructor warns
		}
		cpu, mem := cluster.UsableOnInstance(spec)
		if a.Task.Cpu > cpu {
			p.Add("Task.Cpu", "%d CPU units do not fit one %s (%d vCPU, %d units left after %d for the OS and agent); use at most %d or a larger type",
				a.Task.Cpu, t, spec.VCPU, cpu, cluster.ReservedCpuUnits, cpu)
		}
		if a.Task.Memory > mem {
			p.Add("Task.Memory", "%d MiB does not fit one %s (%d MiB, %d left after the OS's tenth and the agent's %d); use at most %d or a larger type",
				a.Task.Memory, t, spec.MemoryMiB, mem, cluster.AgentReservedMiB, mem)
		}
		if a.Task.Cpu > cpu || a.Task.Memory > mem || a.Task.Cpu <= 0 || a.Task.Memory <= 0 {
			continue
		}
		perInstance := min(cpu/a.Task.Cpu, mem/a.Task.Memory)
		limit := "CPU and memory"
		if e.NetworkMode == cluster.NetworkAwsvpc && !e.AwsvpcTrunking && spec.MaxENIs-1 < perInstance {
			perInstance = spec.MaxENIs - 1
			limit = fmt.Sprintf("ENIs (%d, one for the instance)", spec.MaxENIs)
		}
		if perInstance*e.MaxSize >= surge {
			continue
		}
		switch {
		case group == "":
			p.Add("Ec2.MaxSize", "%d %s instances hold %d tasks (%d each, limited by %s), but %s; raise MaxSize, use a larger type, or for awsvpc turn on the account's awsvpcTrunking setting and AwsvpcTrunking",
				e.MaxSize, t, perInstance*e.MaxSize, perInstance, limit, deployment)
		case scaled:
			// The group belongs to the cluster: the service can only ask
			// for fewer tasks, and say where the group is set.
			p.Add("Autoscaling.MaxCount", "the %d %s instances of the %s hold %d tasks (%d each, limited by %s), but %s; lower MaxCount or MaximumPercent, or raise that group's MaxSize in the cluster's args",
				e.MaxSize, t, group, perInstance*e.MaxSize, perInstance, limit, deployment)
		default:
			p.Add("Service.DesiredCount", "the %d %s instances of the %s hold %d tasks (%d each, limited by %s), but %s; lower DesiredCount or MaximumPercent, or raise that group's MaxSize in the cluster's args",
				e.MaxSize, t, group, perInstance*e.MaxSize, perInstance, limit, deployment)
		}
	}
}
