package components

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// PlatformContract is the platform contract: everything a service program
// needs of a platform, and nothing it should not see. A platform program
// exports it as one stack output (PlatformOutput); a service program reads
// it with AttachPlatform, or from configuration with PlatformFromConfig
// when another tool made the platform. It hands the same contracts as the
// pieces do: pass it as a WebService's Network and Cluster, and one of its
// LoadBalancer(name) as the LoadBalancer.
type PlatformContract struct {
	// Version is PlatformContractVersion.
	Version int `json:"version"`
	// Name is the platform's name.
	Name string `json:"name"`
	// Region and Partition are where the platform is.
	Region    string `json:"region"`
	Partition string `json:"partition"`
	// Network is the VPC, its subnets and endpoints.
	Network PlatformNetwork `json:"network"`
	// LoadBalancers are the ALBs, by name.
	LoadBalancers []PlatformLoadBalancer `json:"loadBalancers"`
	// Cluster is the ECS cluster and its capacity.
	Cluster PlatformCluster `json:"cluster"`
	// KeyArn is the platform's customer-managed key; "" without one.
	KeyArn string `json:"keyArn,omitempty"`
	// Priorities says how listener rule priorities are given out.
	Priorities PriorityScheme `json:"priorities"`
}

// PlatformNetwork is the network part of the platform contract.
type PlatformNetwork struct {
	// VpcId is the VPC's id.
	VpcId string `json:"vpcId"`
	// VpcCidr is the VPC's IPv4 range; absent when it is not known.
	VpcCidr string `json:"vpcCidr,omitempty"`
	// PublicSubnets are the load balancers' subnets; PrivateSubnets the
	// tasks'. Zone is "" when it is not known.
	PublicSubnets  []PlatformSubnet `json:"publicSubnets"`
	PrivateSubnets []PlatformSubnet `json:"privateSubnets"`
	// PrivateRouteTableIds are the private subnets' route tables.
	PrivateRouteTableIds []string `json:"privateRouteTableIds"`
	// Endpoints are the VPC endpoints present, their type by short
	// service name.
	Endpoints map[string]string `json:"endpoints"`
	// Nat tells whether the private subnets route to the internet.
	Nat bool `json:"nat"`
	// EndpointSecurityGroupId is the interface endpoints' group;
	// EndpointClientSecurityGroupId the group tasks join to reach them.
	EndpointSecurityGroupId       string `json:"endpointSecurityGroupId"`
	EndpointClientSecurityGroupId string `json:"endpointClientSecurityGroupId,omitempty"`
	// GatewayPrefixListIds are the gateway endpoints' prefix lists.
	GatewayPrefixListIds map[string]string `json:"gatewayPrefixListIds"`
	// PullThroughCache are the network's pull-through cache rules, by the
	// hosts they cache; absent without rules. A service's image on one of
	// those hosts is rewritten to CacheRegistry/<prefix>/<path>.
	PullThroughCache []network.CacheRoute `json:"pullThroughCache,omitempty"`
	// CacheRegistry is the private registry host cached images are pulled
	// from (<account>.dkr.ecr.<region>.amazonaws.com); absent without
	// rules.
	CacheRegistry string `json:"cacheRegistry,omitempty"`
}

// PlatformSubnet is one subnet and its zone.
type PlatformSubnet struct {
	// Id is the subnet's id.
	Id string `json:"id"`
	// Zone is the subnet's availability zone; absent when it is not known.
	Zone string `json:"zone,omitempty"`
}

// PlatformLoadBalancer is one ALB of the platform contract.
type PlatformLoadBalancer struct {
	// Name is the load balancer's name on the platform, which a service
	// names to use it.
	Name string `json:"name"`
	// Arn is the ALB's ARN.
	Arn string `json:"arn"`
	// ArnSuffix is the ALB's ARN suffix, the dimension of its metrics.
	ArnSuffix string `json:"arnSuffix"`
	// DnsName is the ALB's DNS name.
	DnsName string `json:"dnsName"`
	// ZoneId is the ALB's Route 53 hosted zone, for alias records.
	ZoneId string `json:"zoneId"`
	// SecurityGroupId is the ALB's group; TargetSecurityGroupId the group
	// its targets join, reached on TargetPorts.
	SecurityGroupId       string         `json:"securityGroupId"`
	TargetSecurityGroupId string         `json:"targetSecurityGroupId,omitempty"`
	TargetPorts           edge.PortRange `json:"targetPorts"`
	// Listeners are the listener ARNs: "http", and "https" with HTTPS.
	Listeners map[string]string `json:"listeners"`
	// CertificateHosts are the names the HTTPS certificate covers.
	CertificateHosts []string `json:"certificateHosts,omitempty"`
	// PriorityRanges are the teams' blocks of rule priorities.
	PriorityRanges []edge.PriorityRange `json:"priorityRanges,omitempty"`
}

// PlatformCluster is the cluster part of the platform contract.
type PlatformCluster struct {
	// Name is the cluster piece's name, for messages.
	Name string `json:"name"`
	// Arn is the ECS cluster's ARN.
	Arn string `json:"arn"`
	// ClusterName is the ECS cluster's name.
	ClusterName string `json:"clusterName"`
	// CapacityProviders are the providers the cluster offers: FARGATE
	// and FARGATE_SPOT when Fargate is on, and each EC2 group's.
	CapacityProviders []string `json:"capacityProviders"`
	// Fargate tells whether FARGATE and FARGATE_SPOT are associated.
	Fargate bool `json:"fargate"`
	// Ec2Groups are the EC2 groups by name, with their facts.
	Ec2Groups []PlatformEc2Group `json:"ec2Groups,omitempty"`
	// Exec is the ECS Exec logging; absent when the cluster logs none.
	Exec *PlatformExec `json:"exec,omitempty"`
	// ServiceConnect is the cluster's Service Connect namespace; absent
	// when it has none.
	ServiceConnect *PlatformServiceConnect `json:"serviceConnect,omitempty"`
	// ContainerInsights is "disabled" when the cluster publishes no
	// Container Insights metrics; absent when it does.
	ContainerInsights string `json:"containerInsights,omitempty"`
}

// PlatformServiceConnect is the cluster's Service Connect namespace.
type PlatformServiceConnect struct {
	// Namespace is the namespace's name.
	Namespace string `json:"namespace"`
	// NamespaceArn is its ARN.
	NamespaceArn string `json:"namespaceArn"`
}

// PlatformEc2Group is one EC2 group of the platform contract.
type PlatformEc2Group struct {
	// Name is the group's name, which a strategy item gives as Group.
	Name string `json:"name"`
	// CapacityProvider is the group's ECS capacity provider.
	CapacityProvider string `json:"capacityProvider"`
	// InstanceSecurityGroupId is the instances' group; bridge-mode tasks
	// share it.
	InstanceSecurityGroupId string `json:"instanceSecurityGroupId"`
	// NetworkMode is awsvpc or bridge.
	NetworkMode string `json:"networkMode"`
	// InstanceTypes are the group's instance types, the first preferred.
	InstanceTypes []string `json:"instanceTypes"`
	// MaxSize is the most instances the group runs.
	MaxSize int `json:"maxSize"`
	// AwsvpcTrunking says the account's awsvpcTrunking setting is on.
	AwsvpcTrunking bool `json:"awsvpcTrunking,omitempty"`
	// SessionManager says the instances take Session Manager.
	SessionManager bool `json:"sessionManager,omitempty"`
	// LoadBalancers are the load balancers a bridge group admits.
	LoadBalancers []string `json:"loadBalancers,omitempty"`
}

// PlatformExec is the cluster's ECS Exec logging.
type PlatformExec struct {
	// LogGroupArn is the sessions' log group.
	LogGroupArn string `json:"logGroupArn"`
	// KmsKeyArn encrypts the sessions; absent without a key.
	KmsKeyArn string `json:"kmsKeyArn,omitempty"`
}

// PriorityScheme says how listener rule priorities are given out: a
// service's rule takes the priority it sets inside its team's block, or
// the one DerivedPriority gives its name there (FNV-1a, 32 bits, of the
// service name, modulo the block's size, from the block's start), so
// adding or removing another service never moves it. Before it registers
// anything, a service looks the priority up on the live listener and is
// refused when another rule holds it.
type PriorityScheme struct {
	// Scheme names the scheme: "fnv1a32-of-service-name-in-team-block".
	Scheme string `json:"scheme"`
	// Range is where rules of services with no team go.
	Range edge.PriorityRange `json:"range"`
}

// priorityScheme is the scheme this package gives out priorities by.
var priorityScheme = PriorityScheme{Scheme: "fnv1a32-of-service-name-in-team-block", Range: edge.PriorityRange{From: 1, To: edge.DerivedPriorityRange}}

// NetworkContract is the platform's network as a piece's contract.
func (c *PlatformContract) NetworkContract() network.NetworkContract {
	n := c.Network
	out := network.NetworkContract{
		Name: c.Name, Region: c.Region, Partition: c.Partition,
		VpcId:                   pulumi.String(n.VpcId),
		PublicSubnetIds:         pulumi.ToStringArray(subnetIDs(n.PublicSubnets)),
		PrivateSubnetIds:        pulumi.ToStringArray(subnetIDs(n.PrivateSubnets)),
		PrivateRouteTableIds:    pulumi.ToStringArray(n.PrivateRouteTableIds),
		Nat:                     n.Nat,
		EndpointSecurityGroupId: pulumi.String(n.EndpointSecurityGroupId),
		GatewayPrefixListIds:    pulumi.ToStringMap(n.GatewayPrefixListIds),
	}
	if n.VpcCidr != "" {
		out.VpcCidr = pulumi.String(n.VpcCidr)
	}
	for _, s := range n.PrivateSubnets {
		if s.Zone == "" {
			out.AvailabilityZones = nil
			break
		}
		out.AvailabilityZones = append(out.AvailabilityZones, s.Zone)
	}
	out.Endpoints = check.SortedKeys(n.Endpoints)
	if len(n.PullThroughCache) > 0 {
		out.PullThroughCache = slices.Clone(n.PullThroughCache)
		out.CacheRegistry = pulumi.String(n.CacheRegistry)
	}
	if n.EndpointClientSecurityGroupId != "" {
		out.EndpointClientSecurityGroupId = pulumi.String(n.EndpointClientSecurityGroupId)
	}
	return out
}

// ClusterContract is the platform's cluster as a piece's contract.
func (c *PlatformContract) ClusterContract() cluster.ClusterContract {
	cl := c.Cluster
	out := cluster.ClusterContract{
		Name: cl.Name, Region: c.Region, Fargate: cl.Fargate,
		Arn: pulumi.String(cl.Arn), ClusterName: pulumi.String(cl.ClusterName),
		InsightsOff: cl.ContainerInsights == cluster.InsightsDisabled,
	}
	for _, g := range cl.Ec2Groups {
		out.Groups = append(out.Groups, cluster.Ec2GroupContract{
			Name: g.Name, ProviderName: pulumi.String(g.CapacityProvider),
			InstanceSecurityGroupId: pulumi.String(g.InstanceSecurityGroupId), NetworkMode: g.NetworkMode,
			InstanceTypes: slices.Clone(g.InstanceTypes), MaxSize: g.MaxSize,
			AwsvpcTrunking: g.AwsvpcTrunking, SessionManager: g.SessionManager,
			AdmittedLoadBalancers: slices.Clone(g.LoadBalancers),
		})
	}
	if sc := cl.ServiceConnect; sc != nil {
		out.ServiceConnect = &cluster.ServiceConnectContract{Namespace: sc.Namespace, NamespaceArn: pulumi.String(sc.NamespaceArn)}
	}
	if e := cl.Exec; e != nil {
		out.Exec = &cluster.ExecContract{LogGroupArn: pulumi.String(e.LogGroupArn)}
		if e.KmsKeyArn != "" {
			out.Exec.KmsKeyArn = pulumi.String(e.KmsKeyArn)
		}
	}
	return out
}

// LoadBalancer is the platform's load balancer of that name as a piece's
// contract; "" names the only one.
func (c *PlatformContract) LoadBalancer(name string) (edge.LoadBalancerContract, error) {
	var names []string
	for _, l := range c.LoadBalancers {
		names = append(names, l.Name)
		if l.Name != name && (name != "" || len(c.LoadBalancers) != 1) {
			continue
		}
		out := edge.LoadBalancerContract{
			Name: l.Name, Region: c.Region,
			Arn: pulumi.String(l.Arn), ArnSuffix: pulumi.String(l.ArnSuffix),
			DnsName: pulumi.String(l.DnsName), ZoneId: pulumi.String(l.ZoneId),
			SecurityGroupId:  pulumi.String(l.SecurityGroupId),
			HttpListenerArn:  pulumi.String(l.Listeners[edge.ListenerHttp]),
			CertificateHosts: slices.Clone(l.CertificateHosts),
			TargetPorts:      l.TargetPorts,
			PriorityRanges:   slices.Clone(l.PriorityRanges),
		}
		if arn := l.Listeners[edge.ListenerHttps]; arn != "" {
			out.Https, out.HttpsListenerArn = true, pulumi.String(arn)
		}
		if l.TargetSecurityGroupId != "" {
			out.TargetSecurityGroupId = pulumi.String(l.TargetSecurityGroupId)
		}
		return out, nil
	}
	if name == "" {
		return edge.LoadBalancerContract{}, fmt.Errorf("platform %s has %d load balancers (%s); name the one to use", c.Name, len(names), strings.Join(names, ", "))
	}
	return edge.LoadBalancerContract{}, fmt.Errorf("platform %s has no load balancer %q; use one of %s", c.Name, name, strings.Join(names, ", "))
}

// subnetIDs are the subnets' ids, in order.
func subnetIDs(subnets []PlatformSubnet) []string {
	out := make([]string, len(subnets))
	for i, s := range subnets {
		out[i] = s.Id
	}
	return out
}

// AttachPlatform reads the platform contract the platform program's stack
// exports (PlatformOutput), through a stack reference: stack is its full
// name, such as "acme/platform/prod". The contract's values are plain, so
// a WebService given it checks its args against the platform before it
// registers anything. The only resource it registers is the stack
// reference itself, which reads and creates nothing in AWS.
func AttachPlatform(ctx *pulumi.Context, stack string, opts ...pulumi.ResourceOption) (*PlatformContract, error) {
	ref, err := pulumi.NewStackReference(ctx, stack, &pulumi.StackReferenceArgs{Name: pulumi.String(stack)}, opts...)
	if err != nil {
		return nil, fmt.Errorf("reference platform stack %s: %w", stack, err)
	}
	d, err := ref.GetOutputDetails(PlatformOutput)
	if err != nil {
		return nil, fmt.Errorf("read output %q of platform stack %s: %w", PlatformOutput, stack, err)
	}
	v := d.Value
	if v == nil {
		v = d.SecretValue
	}
	if v == nil {
		return nil, fmt.Errorf("platform stack %s has no %q output yet; deploy the platform program there first (pulumi up), or read the contract from configuration with PlatformFromConfig", stack, PlatformOutput)
	}
	c, err := ParsePlatformContract(v)
	if err != nil {
		return nil, fmt.Errorf("platform stack %s: %w", stack, err)
	}
	return c, nil
}

// PlatformFromConfig reads the platform contract from the stack's
// configuration key (in the program's namespace) holding the contract as
// an object, as `pulumi stack output platform --json` prints it, for a
// platform another tool made.
func PlatformFromConfig(ctx *pulumi.Context, key string) (*PlatformContract, error) {
	raw, err := config.Try(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("read the platform contract: %w; set %s to the platform's contract object", err, key)
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return nil, fmt.Errorf("%s: the platform contract is not an object (%v); set it to what `pulumi stack output platform --json` prints", key, err)
	}
	c, err := ParsePlatformContract(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return c, nil
}

// ParsePlatformContract reads a platform contract from its JSON form: a
// map as a stack output or configuration holds it, or its JSON text. It
// refuses a contract of another version, and one that lacks what a
// service needs, naming every problem's path at once.
func ParsePlatformContract(v any) (*PlatformContract, error) {
	c, err := decodePlatformContract(v)
	if err != nil {
		return nil, err
	}
	if err := check.Refusal("PlatformContract", c.validate()); err != nil {
		return nil, err
	}
	return c, nil
}

// decodePlatformContract reads a contract's JSON form without checking
// its values.
func decodePlatformContract(v any) (*PlatformContract, error) {
	var data []byte
	switch x := v.(type) {
	case []byte:
		data = x
	case string:
		data = []byte(x)
	default:
		var err error
		if data, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("the platform contract cannot be read: %w", err)
		}
	}
	var c PlatformContract
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("the platform contract cannot be read: %w", err)
	}
	return &c, nil
}

var (
	vpcIDPattern    = regexp.MustCompile(`^vpc-[0-9a-f]+$`)
	subnetIDPattern = regexp.MustCompile(`^subnet-[0-9a-f]+$`)
	sgIDPattern     = regexp.MustCompile(`^sg-[0-9a-f]+$`)
	rtbIDPattern    = regexp.MustCompile(`^rtb-[0-9a-f]+$`)
	regionPattern   = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
)

// validate returns every reason a service could not attach to the
// contract, by its path.
func (c PlatformContract) validate() check.Problems {
	var p check.Problems
	if c.Version != PlatformContractVersion {
		p.Add("version", "is %d, but this package reads version %d; use the package version the platform program uses, or upgrade both", c.Version, PlatformContractVersion)
		return p
	}
	if c.Name == "" {
		p.Add("name", "is empty; the platform's name is required")
	}
	if !regionPattern.MatchString(c.Region) {
		p.Add("region", "%q is not an AWS region; the platform's region is required", c.Region)
	} else if c.Partition != check.Partition(c.Region) {
		p.Add("partition", "%q is not region %s's partition %q", c.Partition, c.Region, check.Partition(c.Region))
	}
	n := c.Network
	id := func(field, v string, re *regexp.Regexp, example string) {
		if !re.MatchString(v) {
			p.Add(field, "%q is not an id like %s", v, example)
		}
	}
	id("network.vpcId", n.VpcId, vpcIDPattern, "vpc-0123456789abcdef0")
	zones := map[string]bool{}
	for i, s := range n.PrivateSubnets {
		id(fmt.Sprintf("network.privateSubnets[%d].id", i), s.Id, subnetIDPattern, "subnet-0123456789abcdef0")
		zones[s.Zone] = true
	}
	if len(n.PrivateSubnets) < 2 || (len(zones) < 2 && !zones[""]) {
		p.Add("network.privateSubnets", "the platform gives %d private subnets in %d zones; an ALB needs subnets in at least 2 zones, covering the tasks'", len(n.PrivateSubnets), len(zones))
	}
	for i, s := range n.PublicSubnets {
		id(fmt.Sprintf("network.publicSubnets[%d].id", i), s.Id, subnetIDPattern, "subnet-0123456789abcdef0")
	}
	for i, r := range n.PrivateRouteTableIds {
		id(fmt.Sprintf("network.privateRouteTableIds[%d]", i), r, rtbIDPattern, "rtb-0123456789abcdef0")
	}
	id("network.endpointSecurityGroupId", n.EndpointSecurityGroupId, sgIDPattern, "sg-0123456789abcdef0")
	if n.EndpointClientSecurityGroupId != "" {
		id("network.endpointClientSecurityGroupId", n.EndpointClientSecurityGroupId, sgIDPattern, "sg-0123456789abcdef0")
	}
	for _, svc := range check.SortedKeys(n.Endpoints) {
		if t := n.Endpoints[svc]; t != network.EndpointInterface && t != network.EndpointGateway {
			p.Add("network.endpoints."+svc, "%q is not an endpoint type; use %s or %s", t, network.EndpointInterface, network.EndpointGateway)
		} else if t == network.EndpointGateway && n.GatewayPrefixListIds[svc] == "" {
			p.Add("network.gatewayPrefixListIds."+svc, "gateway endpoint %s has no prefix list; tasks reach it through its prefix list", svc)
		}
	}
	c.validateCache(&p)
	if len(c.LoadBalancers) == 0 {
		p.Add("loadBalancers", "the platform gives no load balancer; a web service needs one")
	}
	for i, l := range c.LoadBalancers {
		f := fmt.Sprintf("loadBalancers[%d]", i)
		if l.Name == "" {
			p.Add(f+".name", "is empty; each load balancer is named")
		}
		if !strings.HasPrefix(l.Arn, "arn:") {
			p.Add(f+".arn", "%q is not an ARN", l.Arn)
		}
		id(f+".securityGroupId", l.SecurityGroupId, sgIDPattern, "sg-0123456789abcdef0")
		if l.TargetSecurityGroupId != "" {
			id(f+".targetSecurityGroupId", l.TargetSecurityGroupId, sgIDPattern, "sg-0123456789abcdef0")
			edge.CheckPortRange(&p, f+".targetPorts", l.TargetPorts)
		}
		for _, k := range check.SortedKeys(l.Listeners) {
			if k != edge.ListenerHttp && k != edge.ListenerHttps {
				p.Add(f+".listeners."+k, "is not a listener; the contract names %q and %q", edge.ListenerHttp, edge.ListenerHttps)
			} else if !strings.HasPrefix(l.Listeners[k], "arn:") {
				p.Add(f+".listeners."+k, "%q is not a listener ARN", l.Listeners[k])
			}
		}
		if l.Listeners[edge.ListenerHttp] == "" {
			p.Add(f+".listeners.http", "is missing; every load balancer has its port 80 listener")
		}
		edge.CheckPriorityRanges(&p, f+".priorityRanges", l.PriorityRanges)
	}
	cl := c.Cluster
	if !strings.HasPrefix(cl.Arn, "arn:") {
		p.Add("cluster.arn", "%q is not an ARN", cl.Arn)
	}
	if cl.ClusterName == "" {
		p.Add("cluster.clusterName", "is empty; the ECS cluster's name is required")
	}
	for i, g := range cl.Ec2Groups {
		f := fmt.Sprintf("cluster.ec2Groups[%d]", i)
		if g.CapacityProvider == "" {
			p.Add(f+".capacityProvider", "is empty; the group's capacity provider is required")
		}
		if g.NetworkMode != cluster.NetworkAwsvpc && g.NetworkMode != cluster.NetworkBridge {
			p.Add(f+".networkMode", "%q is not a network mode; use %s or %s", g.NetworkMode, cluster.NetworkAwsvpc, cluster.NetworkBridge)
		}
		id(f+".instanceSecurityGroupId", g.InstanceSecurityGroupId, sgIDPattern, "sg-0123456789abcdef0")
	}
	if sc := cl.ServiceConnect; sc != nil {
		if sc.Namespace == "" {
			p.Add("cluster.serviceConnect.namespace", "is empty; the namespace's name is required")
		}
		if !strings.HasPrefix(sc.NamespaceArn, "arn:") || !strings.Contains(sc.NamespaceArn, ":servicediscovery:") {
			p.Add("cluster.serviceConnect.namespaceArn", "%q is not a Cloud Map namespace ARN (arn:aws:servicediscovery:<region>:<account>:namespace/ns-...)", sc.NamespaceArn)
		}
	}
	return p
}

// validateCache checks the contract's cache rules and their registry.
func (c PlatformContract) validateCache(p *check.Problems) {
	n := c.Network
	if len(n.PullThroughCache) > 0 && !check.EcrHost.MatchString(n.CacheRegistry) {
		p.Add("network.cacheRegistry", "%q is not a private ECR registry host; the platform's cached images are pulled from <account>.dkr.ecr.<region>.amazonaws.com", n.CacheRegistry)
	}
	for i, r := range n.PullThroughCache {
		if _, ok := network.UpstreamRegistries[r.Upstream]; !ok || r.Prefix == "" || len(r.Hosts) == 0 {
			p.Add(fmt.Sprintf("network.pullThroughCache[%d]", i), "names upstream %q, prefix %q and hosts %q; each rule names an upstream ECR caches, its prefix and its hosts", r.Upstream, r.Prefix, r.Hosts)
		}
	}
}
