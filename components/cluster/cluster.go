package cluster

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/servicediscovery"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ClusterType is the Cluster component's type token.
const ClusterType = "private-fargate:index:Cluster"

// Cluster is an ECS cluster with Container Insights (ContainerInsights),
// its capacity providers (FARGATE and FARGATE_SPOT, and an Auto Scaling
// group provider per EC2 group) and the cluster's one
// ClusterCapacityProviders, which names every provider any service on it
// uses. ECS keeps one provider list per cluster: a second association
// would overwrite the first, so services never associate providers
// themselves.
type Cluster struct {
	pulumi.ResourceState

	// Arn is the cluster's ARN.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// ClusterName is the cluster's name.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// CapacityProviders are the providers associated with the cluster.
	CapacityProviders pulumi.StringArrayOutput `pulumi:"capacityProviders"`

	// contract is what the cluster hands services.
	contract ClusterContract
}

// ClusterContract is what the cluster hands services: its ids, which
// resolve once its capacity providers are associated, and its facts.
func (c *Cluster) ClusterContract() ClusterContract { return c.contract }

// NewCluster checks args, then creates the cluster, its EC2 groups and
// the capacity provider association. On invalid args it returns a
// *ValidationError and registers nothing.
func NewCluster(ctx *pulumi.Context, name string, args *ClusterArgs, opts ...pulumi.ResourceOption) (*Cluster, error) {
	if args == nil {
		args = &ClusterArgs{}
	}
	return NewClusterIn(ctx, name, *args, nil, opts...)
}

func NewClusterIn(ctx *pulumi.Context, name string, args ClusterArgs, in *piece.Within, opts ...pulumi.ResourceOption) (*Cluster, error) {
	a := args.WithDefaults()
	if sc := a.ServiceConnect; sc != nil && sc.Namespace == "" {
		a.ServiceConnect = &ServiceConnectArgs{Namespace: name}
	}
	if err := check.Refusal("Cluster", a.Validate(name)); err != nil {
		return nil, err
	}
	c := &Cluster{}
	if err := ctx.RegisterComponentResource(ClusterType, name, c, opts...); err != nil {
		return nil, fmt.Errorf("register cluster: %w", err)
	}
	f := &piece.Family{Ctx: ctx, Name: name, Parent: c, In: in, Tags: a.Tags, Piece: "Cluster"}

	clusterName := name + "-cluster"
	clArgs := &ecs.ClusterArgs{
		Settings: ecs.ClusterSettingArray{&ecs.ClusterSettingArgs{
			Name:  pulumi.String("containerInsights"),
			Value: pulumi.String(a.ContainerInsights),
		}},
		Tags: f.TagsFor(clusterName),
	}
	var exec *clusterExec
	if a.Exec != nil {
		var cfg *ecs.ClusterConfigurationArgs
		var err error
		if exec, cfg, err = newClusterExec(f, a.Exec, a.region()); err != nil {
			return nil, err
		}
		clArgs.Configuration = cfg
	}
	var namespace *servicediscovery.HttpNamespace
	if sc := a.ServiceConnect; sc != nil {
		nsName := name + "-namespace"
		var err error
		namespace, err = servicediscovery.NewHttpNamespace(ctx, nsName, &servicediscovery.HttpNamespaceArgs{
			Name:        pulumi.String(sc.Namespace),
			Description: pulumi.String("Service Connect names of cluster " + name),
			Tags:        f.TagsFor(nsName),
		}, f.Opts()...)
		if err != nil {
			return nil, fmt.Errorf("create service connect namespace: %w", err)
		}
		// The cluster's default namespace: a service that turns Service
		// Connect on without naming one joins it (ECS API,
		// ClusterServiceConnectDefaultsRequest). UpdateCluster changes it
		// in place, so a deployed cluster gains it without replacement.
		clArgs.ServiceConnectDefaults = &ecs.ClusterServiceConnectDefaultsArgs{Namespace: namespace.Arn}
	}
	cl, err := ecs.NewCluster(ctx, clusterName, clArgs, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create cluster: %w", err)
	}

	var providers pulumi.StringArray
	if *a.Fargate {
		providers = pulumi.ToStringArray(fargateProviders)
	}
	var network network.NetworkContract
	if a.Network != nil {
		network = a.Network.NetworkContract()
	}
	var lbs []edge.LoadBalancerContract
	for _, l := range a.LoadBalancers {
		lbs = append(lbs, l.LoadBalancerContract())
	}
	var groups []*ec2Group
	for _, e := range a.Ec2 {
		g, err := newEc2Group(f, cl, network, lbs, e)
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
		providers = append(providers, g.provider.Name)
	}
	providerOf := func(item CapacityProviderStrategyItem) pulumi.StringInput {
		if item.Provider == ProviderEC2 {
			for _, g := range groups {
				if g.args.Name == item.Group || (item.Group == "" && len(groups) == 1) {
					return g.provider.Name
				}
			}
		}
		return pulumi.String(item.Provider)
	}

	defaults := ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray{}
	for _, item := range a.DefaultStrategy {
		defaults = append(defaults, &ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{
			CapacityProvider: providerOf(item),
			Base:             pulumi.Int(item.Base),
			Weight:           pulumi.Int(item.Weight),
		})
	}
	assoc, err := ecs.NewClusterCapacityProviders(ctx, name+"-capacity-providers", &ecs.ClusterCapacityProvidersArgs{
		ClusterName:                       cl.Name,
		CapacityProviders:                 providers,
		DefaultCapacityProviderStrategies: defaults,
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("associate capacity providers: %w", err)
	}

	c.Arn = cl.Arn
	c.ClusterName = cl.Name
	c.CapacityProviders = assoc.CapacityProviders
	c.contract = clusterContract(name, a, cl, assoc, groups, exec)
	if namespace != nil {
		c.contract.ServiceConnect = &ServiceConnectContract{Namespace: a.ServiceConnect.Namespace, NamespaceArn: namespace.Arn}
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"arn":               c.Arn,
		"clusterName":       c.ClusterName,
		"capacityProviders": c.CapacityProviders,
	}); err != nil {
		return nil, fmt.Errorf("register cluster outputs: %w", err)
	}
	return c, nil
}

// clusterContract is what the cluster hands services. A service names
// the cluster and its providers only once they are associated (ECS places
// tasks on associated providers only), so their ids resolve after the
// association.
func clusterContract(name string, a ClusterArgs, cl *ecs.Cluster, assoc pulumi.Resource, groups []*ec2Group, exec *clusterExec) ClusterContract {
	done := []pulumi.Resource{assoc}
	out := ClusterContract{
		Name: name, Region: a.region(), Fargate: *a.Fargate,
		Arn: piece.StringAfter(cl.Arn, done), ClusterName: piece.StringAfter(cl.Name, done),
		InsightsOff: a.ContainerInsights == InsightsDisabled,
	}
	for _, g := range groups {
		out.Groups = append(out.Groups, Ec2GroupContract{
			Name: g.args.Name, ProviderName: piece.StringAfter(g.provider.Name, done),
			InstanceSecurityGroupId: g.instanceSG, NetworkMode: g.args.NetworkMode,
			InstanceTypes: slices.Clone(g.args.InstanceTypes), MaxSize: g.args.MaxSize,
			AwsvpcTrunking: g.args.AwsvpcTrunking, SessionManager: g.args.SessionManager,
			AdmittedLoadBalancers: g.admitted,
		})
	}
	if exec != nil {
		out.Exec = &ExecContract{LogGroupArn: exec.logGroupArn}
		if exec.hasKey {
			out.Exec.KmsKeyArn = exec.key
		}
	}
	return out
}

// WithDefaults returns a copy of the cluster args with every default
// filled in.
func (args ClusterArgs) WithDefaults() ClusterArgs {
	a := args
	if a.Fargate == nil {
		on := len(a.Ec2) == 0
		a.Fargate = &on
	}
	a.Ec2 = slices.Clone(a.Ec2)
	for i := range a.Ec2 {
		a.Ec2[i] = a.Ec2[i].WithDefaults()
	}
	if a.Exec != nil {
		e := *a.Exec
		e.LogRetentionDays = check.IntOr(e.LogRetentionDays, check.DefaultLogRetentionDays)
		a.Exec = &e
	}
	a.ContainerInsights = check.StrOr(a.ContainerInsights, InsightsEnabled)
	if len(a.DefaultStrategy) == 0 {
		switch {
		case *a.Fargate:
			a.DefaultStrategy = []CapacityProviderStrategyItem{{Provider: ProviderFargate, Weight: 1}}
		case len(a.Ec2) > 0:
			a.DefaultStrategy = []CapacityProviderStrategyItem{{Provider: ProviderEC2, Group: a.Ec2[0].Name, Weight: 1}}
		}
	}
	return a
}

// region is the cluster's network's region, or "" without a network.
func (a ClusterArgs) region() string {
	if a.Network != nil {
		return a.Network.NetworkContract().Region
	}
	return ""
}

// Validate checks the defaulted cluster args and returns every problem.
func (a ClusterArgs) Validate(name string) check.Problems {
	var p check.Problems
	check.CheckComponentName(&p, name)
	if len(a.Ec2) > 0 {
		CheckCapacityProviderPrefix(&p, name)
		if a.Network == nil {
			p.Add("Network", "EC2 groups need a network for their instances; pass the Network the services use")
		}
	}
	if !*a.Fargate && len(a.Ec2) == 0 {
		p.Add("Fargate", "the cluster has no capacity; leave Fargate on or add an EC2 group")
	}
	switch a.ContainerInsights {
	case InsightsEnabled, InsightsEnhanced, InsightsDisabled:
	default:
		p.Add("ContainerInsights", "%q is not a Container Insights setting; use %s, %s or %s", a.ContainerInsights, InsightsEnabled, InsightsEnhanced, InsightsDisabled)
	}
	if sc := a.ServiceConnect; sc != nil && sc.Namespace != "" && !namespacePattern.MatchString(sc.Namespace) {
		p.Add("ServiceConnect.Namespace", "%q cannot name the namespace; use lowercase letters, digits, hyphens and dots, at most 253, starting and ending with a letter or digit", sc.Namespace)
	}
	seen := map[string]bool{}
	for i, e := range a.Ec2 {
		prefix := fmt.Sprintf("Ec2[%d].", i)
		switch {
		case e.Name == "" && len(a.Ec2) > 1:
			p.Add(prefix+"Name", "a cluster with %d EC2 groups needs each one named; set a name such as \"general\"", len(a.Ec2))
		case e.Name != "" && !check.GroupNamePattern.MatchString(e.Name):
			p.Add(prefix+"Name", "%q cannot name the group's resources; use lowercase letters, digits and hyphens, at most 16", e.Name)
		case seen[e.Name]:
			p.Add(prefix+"Name", "%q names two groups; give each its own name", e.Name)
		}
		seen[e.Name] = true
		CheckEc2Group(&p, prefix, e)
	}
	if a.Network != nil && !a.Network.NetworkContract().Nat {
		n := a.Network.NetworkContract()
		// The ECS agent on an instance talks to ECS itself: without NAT
		// the network needs the ecs, ecs-agent and ecs-telemetry endpoints
		// (and ssm, ssmmessages, ec2messages for Session Manager).
		for i, e := range a.Ec2 {
			for _, need := range network.EndpointSet(network.EndpointFeatures{Ec2: true, SessionManager: e.SessionManager}) {
				if !n.HasEndpoint(need.Service) {
					p.Add(fmt.Sprintf("Ec2[%d]", i), "the group's instances need the %s endpoint (%s), but network %s has none; set Ec2%s in the network's Features for a service on this group",
						need.Service, strings.Join(need.Reasons, "; "), n.Name, map[bool]string{true: " and SessionManager", false: ""}[e.SessionManager])
				}
			}
		}
	}
	if e := a.Exec; e != nil {
		check.CheckRetention(&p, "Exec.LogRetentionDays", e.LogRetentionDays)
		if e.KmsKeyArn != nil {
			check.CheckString(&p, "Exec.KmsKeyArn", e.KmsKeyArn, check.KmsKeyRule(a.region()))
		}
	}
	CheckStrategy(&p, "DefaultStrategy", a.DefaultStrategy)
	for i, item := range a.DefaultStrategy {
		CheckProviderInCluster(&p, fmt.Sprintf("DefaultStrategy[%d]", i), item, *a.Fargate, a.Ec2)
	}
	check.CheckTags(&p, "Tags", a.Tags)
	return p
}

// CheckProviderInCluster refuses a strategy item whose provider the
// cluster does not have: ECS only places tasks on associated providers.
func CheckProviderInCluster(p *check.Problems, field string, item CapacityProviderStrategyItem, fargate bool, groups []Ec2CapacityArgs) {
	switch item.Provider {
	case ProviderFargate, ProviderFargateSpot:
		if !fargate {
			p.Add(field+".Provider", "the cluster has no %s provider; turn the cluster's Fargate on, or use its EC2 capacity", item.Provider)
		}
		if item.Group != "" {
			p.Add(field+".Group", "only EC2 entries name a group; remove %q", item.Group)
		}
	case ProviderEC2:
		var names []string
		found := false
		for _, g := range groups {
			names = append(names, g.Name)
			if g.Name == item.Group || (item.Group == "" && len(groups) == 1) {
				found = true
			}
		}
		switch {
		case len(groups) == 0:
			p.Add(field+".Provider", "the cluster has no EC2 group; add one to the cluster's Ec2, or use FARGATE")
		case !found && item.Group == "":
			p.Add(field+".Group", "the cluster has %d EC2 groups (%v); name the one to use", len(groups), names)
		case !found:
			p.Add(field+".Group", "the cluster has no EC2 group %q; use one of %v", item.Group, names)
		}
	}
}

// namespacePattern is a Service Connect namespace name this component
// makes: DNS-like, so that it reads as the suffix of a client's alias.
var namespacePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$`)
