package service

import (
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The workloads that are not behind the load balancer (backends, workers
// and scheduled jobs) share what this file builds and checks: a task
// security group that admits only what it is given, the way to the
// network's endpoints, and the task itself (repository and image, logs,
// roles, task definition, ECS Exec).

// privateArgs are what every workload off the load balancer is given.
type privateArgs struct {
	piece   string // "BackendService", "WorkerService", "ScheduledJob"
	network network.NetworkSource
	cluster cluster.ClusterSource
	w       Workload
}

// ec2Group is the cluster's EC2 group the strategy names, or nil on
// Fargate, or when the cluster has no such group (check says so).
func (a privateArgs) ec2Group() *cluster.Ec2GroupContract {
	item, ok := a.w.ec2Item()
	if !ok || a.cluster == nil {
		return nil
	}
	if g, found := a.cluster.ClusterContract().Group(item.Group); found {
		return &g
	}
	return nil
}

// withDefaults fills in the workload's defaults against the EC2 group it
// runs on.
func (a privateArgs) withDefaults() (privateArgs, *cluster.Ec2GroupContract) {
	group := a.ec2Group()
	var ec2 *cluster.Ec2CapacityArgs
	if group != nil {
		c := group.Capacity()
		ec2 = &c
	}
	a.w = a.w.WithDefaults(ec2)
	return a, group
}

// check checks the defaulted workload against itself and against the
// network and cluster contracts, as a web service's are, with the
// endpoints its own kind adds (extra): its capacity, its endpoints, and
// the security groups its tasks' interfaces hold.
func (a privateArgs) check(p *check.Problems, name string, group *cluster.Ec2GroupContract, extra network.EndpointFeatures) {
	check.CheckComponentName(p, name)
	if a.network == nil {
		p.Add("Network", "no network is given; pass the Network the tasks run in")
	}
	if a.cluster == nil {
		p.Add("Cluster", "no cluster is given; pass the Cluster that runs the tasks")
	}
	if a.network == nil || a.cluster == nil {
		return
	}
	n, c := a.network.NetworkContract(), a.cluster.ClusterContract()
	var ec2 *cluster.Ec2CapacityArgs
	groupName := ""
	if group != nil {
		e := group.Capacity()
		ec2 = &e
		groupName = groupLabel(group)
		if group.NetworkMode == cluster.NetworkBridge {
			p.Add("Service.CapacityProviderStrategy", "the %s runs bridge networking, where tasks share the instance's security group; a %s needs its own task security group (awsvpc), so run it on Fargate or on an awsvpc group", groupName, kindLabel(a.w.Kind))
		}
	}
	w := a.w
	w.Caches = n.PullThroughCache
	CheckWorkload(p, w, ec2, groupName, n.Nat, n.Region)
	for i, item := range w.Service.CapacityProviderStrategy {
		cluster.CheckProviderInCluster(p, fmt.Sprintf("Service.CapacityProviderStrategy[%d]", i), item, c.Fargate, clusterGroups(c))
	}
	if w.Alarms != nil && c.InsightsOff && w.Kind != KindJob {
		p.Add("Alarms", "cluster %s publishes no Container Insights metrics (ContainerInsights disabled), so the RunningTasks alarm, on ECS/ContainerInsights' RunningTaskCount, would never get data; turn Container Insights on for the cluster, or turn the alarms off", c.Name)
	}
	if w.Service.EnableExecuteCommand && c.Exec == nil {
		p.Add("Service.EnableExecuteCommand", "cluster %s logs no ECS Exec sessions, so this %s's would go unrecorded; set Exec on the cluster", c.Name, kindLabel(w.Kind))
	}
	if !n.Nat {
		f := workloadFeatures(w, c)
		f.ServiceConnect, f.Sqs = extra.ServiceConnect, extra.Sqs
		for _, e := range network.EndpointSet(f) {
			if !n.HasEndpoint(e.Service) {
				p.Add("Network", "%s %s needs the %s endpoint (%s), but network %s has none; %s",
					kindLabel(w.Kind), name, e.Service, strings.Join(e.Reasons, "; "), n.Name, fixFor(name, e.Service))
			}
		}
	}
	count := 1
	if n.EndpointClientSecurityGroupId != nil {
		count++
	}
	if extra, known := knownLen(w.Service.ExtraSecurityGroupIds); known && count+extra > MaxGroupsPerInterface {
		p.Add("Service.ExtraSecurityGroupIds", "%d groups and the task's own make %d, but a network interface holds %d security groups (Amazon VPC quota \"Security groups per network interface\"); use at most %d extra groups",
			extra, count+extra, MaxGroupsPerInterface, MaxGroupsPerInterface-count)
	}
}

// workloadFeatures are the endpoint features a workload's own settings
// use: its secrets, ECS Exec (and the key that encrypts its sessions) and
// tracing.
func workloadFeatures(w Workload, c cluster.ClusterContract) network.EndpointFeatures {
	var f network.EndpointFeatures
	f.SecretsManager, f.ParameterStore = SecretFeatures(ContainerSecrets(w.Container, w.Sidecars)...)
	f.Exec = w.Service.EnableExecuteCommand
	f.Kms = f.Exec && c.Exec != nil && c.Exec.KmsKeyArn != nil
	f.Xray = w.Tracing == TracingXray
	return f
}

// newPrivateParts are the steps' shared state for a workload off the load
// balancer, once it is registered as parent.
func newPrivateParts(f *piece.Family, a privateArgs, group *cluster.Ec2GroupContract) *serviceParts {
	sp := &serviceParts{f: f, w: a.w, n: a.network.NetworkContract(), c: a.cluster.ClusterContract(), group: group}
	sp.w.Caches = sp.n.PullThroughCache
	return sp
}

// privateGroup gives the tasks their own group: egress to the network's
// endpoints only (as a member of its endpoint-clients group, or through
// rules of its own), and the ingress rules given, nothing else.
func (sp *serviceParts) privateGroup(description string, rules func(taskSG pulumi.StringOutput) []piece.SgRule) (*ec2.SecurityGroup, error) {
	f, n := sp.f, sp.n
	sgName := f.Name + "-task-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, sgName, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String(description),
		Tags:        f.TagsFor(sgName),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create task security group: %w", err)
	}
	sp.taskSG = sg.ID().ToStringOutput()
	var own []piece.SgRule
	if rules != nil {
		own = rules(sp.taskSG)
	}
	if n.EndpointClientSecurityGroupId != nil {
		sp.members = append(sp.members, n.EndpointClientSecurityGroupId)
	} else {
		own = append(own, network.AccessRules("task", "the tasks", sp.taskSG, n)...)
	}
	made, err := network.NewRules(f, own)
	if err != nil {
		return nil, err
	}
	sp.waitFor = append(sp.waitFor, made...)
	return sg, nil
}

// builtTask is what buildTask makes.
type builtTask struct {
	repo  *registry
	logs  *cloudwatch.LogGroup
	roles *roles
	td    *ecs.TaskDefinition
}

// rolesAndTask creates the roles and their policies, the task definition
// and the ECS Exec grant; the service waits for the policies and the
// grant, which the task needs at start.
func (sp *serviceParts) rolesAndTask(repo *registry, logs *cloudwatch.LogGroup) (*roles, *ecs.TaskDefinition, error) {
	roles, err := newRoles(sp.f, sp.w, sp.in, repo, logs)
	if err != nil {
		return nil, nil, err
	}
	td, err := sp.taskDefinition(repo, logs, roles)
	if err != nil {
		return nil, nil, err
	}
	sp.waitFor = append(sp.waitFor, roles.executionPolicy)
	sp.waitFor = append(sp.waitFor, roles.taskPolicies...)
	if sp.w.Service.EnableExecuteCommand {
		pol, err := cluster.NewExecPolicy(sp.f, roles.task, *sp.c.Exec)
		if err != nil {
			return nil, nil, err
		}
		sp.waitFor = append(sp.waitFor, pol)
	}
	return roles, td, nil
}

// buildTask creates the task and what it runs with: the repository and
// image, the log group, the roles and their policies, the task definition
// and the ECS Exec grant. What a task needs at start joins waitFor.
func (sp *serviceParts) buildTask() (*builtTask, error) {
	sp.in = checkInputs(sp.f, sp.w, sp.n)
	repo, err := newRegistry(sp.f, sp.w, sp.in)
	if err != nil {
		return nil, err
	}
	logs, err := newLogGroup(sp.f, sp.w, sp.in)
	if err != nil {
		return nil, err
	}
	roles, td, err := sp.rolesAndTask(repo, logs)
	if err != nil {
		return nil, err
	}
	return &builtTask{repo: repo, logs: logs, roles: roles, td: td}, nil
}
