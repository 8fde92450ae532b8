package components

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// clusterArgs is the component's cluster on its network: its capacity
// (Fargate, or its EC2 group), ECS Exec's session logs under the key,
// and for a backend the Service Connect namespace it is published in,
// named after the component.
func (a PrivateFargateServiceArgs) clusterArgs(net *network.Network, keyArn pulumi.StringInput) cluster.ClusterArgs {
	fargate := !a.usesEC2()
	clArgs := cluster.ClusterArgs{Network: net, Fargate: &fargate, DefaultStrategy: a.Service.CapacityProviderStrategy, Tags: a.Tags}
	if a.usesEC2() {
		clArgs.Ec2 = []cluster.Ec2CapacityArgs{*a.Ec2}
	}
	if a.Service.EnableExecuteCommand {
		// The sessions are kept as long as the container's logs, under
		// the service's key when it has one.
		clArgs.Exec = &cluster.ExecArgs{LogRetentionDays: a.LogRetentionDays, KmsKeyArn: keyArn}
	}
	if kindOf(a.Kind) == KindBackend {
		clArgs.ServiceConnect = &cluster.ServiceConnectArgs{}
	}
	return clArgs
}

// buildKind builds the rest of a component of a kind other than web, on
// its network: the cluster, then the workload in place of the load
// balancer and web service. No ALB, certificate, access-log bucket or web
// ACL is made.
func (c *PrivateFargateService) buildKind(ctx *pulumi.Context, name string, a PrivateFargateServiceArgs, net *network.Network,
	keyArn pulumi.StringInput, child pulumi.ResourceOption,
) (*PrivateFargateService, error) {
	cl, err := cluster.NewClusterIn(ctx, name, a.clusterArgs(net, keyArn), inService(c, "Cluster"), child)
	if err != nil {
		return nil, err
	}
	c.noKindOutputs()
	c.ServiceName = pulumi.String("").ToStringOutput()
	switch c.kind {
	case KindBackend:
		b, err := service.NewBackendServiceIn(ctx, name, a.backendArgs(net, cl, keyArn), inKind(c.kind), child)
		if err != nil {
			return nil, err
		}
		c.ServiceName, c.Endpoint = b.ServiceName, b.Endpoint
		c.RepositoryUrl, c.LogGroupName, c.TaskSecurityGroupId = b.RepositoryUrl, b.LogGroupName, b.TaskSecurityGroupId
	case KindWorker:
		w, err := service.NewWorkerServiceIn(ctx, name, a.workerArgs(net, cl, keyArn), inKind(c.kind), child)
		if err != nil {
			return nil, err
		}
		c.ServiceName, c.QueueUrl, c.QueueArn, c.DeadLetterQueueArn = w.ServiceName, w.QueueUrl, w.QueueArn, w.DeadLetterQueueArn
		c.RepositoryUrl, c.LogGroupName, c.TaskSecurityGroupId = w.RepositoryUrl, w.LogGroupName, w.TaskSecurityGroupId
	case KindJob:
		j, err := service.NewScheduledJobIn(ctx, name, a.jobArgs(net, cl, keyArn), inKind(c.kind), child)
		if err != nil {
			return nil, err
		}
		c.ScheduleArn, c.DeadLetterQueueArn = j.ScheduleArn, j.DeadLetterQueueArn
		c.RepositoryUrl, c.LogGroupName, c.TaskSecurityGroupId = j.RepositoryUrl, j.LogGroupName, j.TaskSecurityGroupId
	default:
		return nil, fmt.Errorf("build kind %q: no such kind", c.kind)
	}
	c.ClusterName = cl.ClusterName
	c.VpcId = net.VpcId
	c.PublicSubnetIds = net.PublicSubnetIds
	c.PrivateSubnetIds = net.PrivateSubnetIds
	c.EndpointIds = net.EndpointIds
	empty := pulumi.String("").ToStringOutput()
	c.Url, c.LoadBalancerDnsName, c.AccessLogsBucket = empty, empty, empty
	if err := ctx.RegisterResourceOutputs(c, c.Outputs()); err != nil {
		return nil, fmt.Errorf("register outputs: %w", err)
	}
	return c, nil
}

// noKindOutputs empties the outputs of the kinds other than web, so that
// every output is known to be empty where it does not apply.
func (c *PrivateFargateService) noKindOutputs() {
	empty := pulumi.String("").ToStringOutput()
	c.Endpoint, c.ScheduleArn, c.DeadLetterQueueArn, c.QueueUrl, c.QueueArn = empty, empty, empty, empty, empty
}

// kindOutputs are the outputs of a kind other than web: the network's,
// the cluster's, and the workload's repository, logs and task group for
// every kind; a backend's ECS service and endpoint; a worker's ECS
// service, queue and dead-letter queue; a job's schedule and dead-letter
// queue. There is no url, load balancer or access-log bucket.
func (c *PrivateFargateService) kindOutputs() pulumi.Map {
	out := pulumi.Map{
		"repositoryUrl":       c.RepositoryUrl,
		"clusterName":         c.ClusterName,
		"vpcId":               c.VpcId,
		"publicSubnetIds":     c.PublicSubnetIds,
		"privateSubnetIds":    c.PrivateSubnetIds,
		"endpointIds":         c.EndpointIds,
		"logGroupName":        c.LogGroupName,
		"taskSecurityGroupId": c.TaskSecurityGroupId,
	}
	switch c.kind {
	case KindBackend:
		out["serviceName"] = c.ServiceName
		out["endpoint"] = c.Endpoint
	case KindWorker:
		out["serviceName"] = c.ServiceName
		out["queueUrl"] = c.QueueUrl
		out["queueArn"] = c.QueueArn
		out["deadLetterQueueArn"] = c.DeadLetterQueueArn
	case KindJob:
		out["scheduleArn"] = c.ScheduleArn
		out["deadLetterQueueArn"] = c.DeadLetterQueueArn
	}
	return out
}
