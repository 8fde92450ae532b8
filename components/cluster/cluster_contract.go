package cluster

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ClusterSource gives a cluster's contract: a *Cluster, or a
// ClusterContract itself.
type ClusterSource interface {
	ClusterContract() ClusterContract
}

// ClusterContract is what a service needs of a cluster.
type ClusterContract struct {
	// Name is the cluster piece's name, for messages.
	Name string
	// Region is the cluster's region; "" when it is not known.
	Region string
	// Arn and ClusterName name the ECS cluster; they resolve once its
	// capacity providers are associated.
	Arn         pulumi.StringInput
	ClusterName pulumi.StringInput
	// Fargate tells whether FARGATE and FARGATE_SPOT are associated.
	Fargate bool
	// Groups are the EC2 groups, each with its capacity provider.
	Groups []Ec2GroupContract
	// Exec is the cluster's ECS Exec logging; nil when the cluster logs no
	// sessions, and then no service may turn ECS Exec on.
	Exec *ExecContract
	// ServiceConnect is the cluster's Service Connect namespace; nil when
	// it has none, and then no service may use Service Connect.
	ServiceConnect *ServiceConnectContract
	// InsightsOff says the cluster publishes no Container Insights
	// metrics (ContainerInsights disabled), so no service on it may have
	// the alarms whose RunningTasks alarm reads them.
	InsightsOff bool
}

// ServiceConnectContract is a cluster's Service Connect namespace.
type ServiceConnectContract struct {
	// Namespace is the namespace's name.
	Namespace string
	// NamespaceArn is its ARN, which a service's Service Connect
	// configuration names.
	NamespaceArn pulumi.StringInput
}

// ClusterContract returns the contract itself.
func (c ClusterContract) ClusterContract() ClusterContract { return c }

// Group finds the EC2 group a strategy item names: by name, or the only
// one when the item names none.
func (c ClusterContract) Group(name string) (Ec2GroupContract, bool) {
	if name == "" {
		if len(c.Groups) == 1 {
			return c.Groups[0], true
		}
		return Ec2GroupContract{}, false
	}
	i := slices.IndexFunc(c.Groups, func(g Ec2GroupContract) bool { return g.Name == name })
	if i < 0 {
		return Ec2GroupContract{}, false
	}
	return c.Groups[i], true
}

// ProviderName is the capacity provider a strategy item names: FARGATE
// and FARGATE_SPOT as they are, EC2 as its group's provider.
func (c ClusterContract) ProviderName(item CapacityProviderStrategyItem) pulumi.StringInput {
	if item.Provider == ProviderEC2 {
		if g, ok := c.Group(item.Group); ok {
			return g.ProviderName
		}
	}
	return pulumi.String(item.Provider)
}

// Ec2GroupContract is what a service needs of one EC2 group.
type Ec2GroupContract struct {
	// Name is the group's name; "" for a cluster's only, unnamed group.
	Name string
	// ProviderName is the group's ECS capacity provider.
	ProviderName pulumi.StringInput
	// InstanceSecurityGroupId is the instances' group; bridge-mode tasks
	// share it.
	InstanceSecurityGroupId pulumi.StringInput
	// NetworkMode is NetworkAwsvpc or NetworkBridge.
	NetworkMode string
	// InstanceTypes are the group's instance types, the first preferred.
	InstanceTypes []string
	// MaxSize is the most instances the group runs.
	MaxSize int
	// AwsvpcTrunking says the account's awsvpcTrunking setting is on.
	AwsvpcTrunking bool
	// SessionManager says the instances take Session Manager.
	SessionManager bool
	// AdmittedLoadBalancers name the load balancers a bridge-mode group
	// admits on the dynamic host ports; a bridge service's load balancer
	// must be one of them.
	AdmittedLoadBalancers []string
}

// Capacity is the group's facts as the workload checks read them.
func (g Ec2GroupContract) Capacity() Ec2CapacityArgs {
	return Ec2CapacityArgs{
		Name: g.Name, InstanceTypes: slices.Clone(g.InstanceTypes), MaxSize: g.MaxSize,
		NetworkMode: g.NetworkMode, AwsvpcTrunking: g.AwsvpcTrunking, SessionManager: g.SessionManager,
	}
}

// ExecContract is a cluster's ECS Exec logging.
type ExecContract struct {
	// LogGroupArn is the sessions' log group.
	LogGroupArn pulumi.StringInput
	// KmsKeyArn encrypts the sessions; nil without a key.
	KmsKeyArn pulumi.StringInput
}
