package components

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PlatformType is the Platform component's type token.
const PlatformType = "private-fargate:index:Platform"

// PlatformContractVersion is the version of the platform contract this
// package writes and reads. A reader refuses a contract of another
// version by name.
const PlatformContractVersion = 1

// Platform is what a platform team runs for every service team: the
// network and its endpoints, one or more load balancers with their
// listeners, the cluster and its capacity, and optionally the key. Its
// Contract output is everything a service program needs to attach to it,
// and nothing it should not see; services in other programs read it with
// AttachPlatform.
//
// The shared security groups hold rules per purpose, not per service:
// tasks join the network's endpoint-clients group and each load
// balancer's targets group, so a platform of any number of services keeps
// every group inside AWS's default rule quotas.
type Platform struct {
	pulumi.ResourceState

	// Contract is the platform contract, as a stack exports it under
	// PlatformOutput.
	Contract pulumi.AnyOutput `pulumi:"contract"`

	// Network, LoadBalancers, Cluster and Key are the pieces, for services
	// in the same program; their contracts are the ones Contract holds.
	Network       *network.Network
	LoadBalancers map[string]*edge.LoadBalancer
	Cluster       *cluster.Cluster
	Key           *key.Key
}

// PlatformOutput is the stack output a platform program exports its
// contract under, and AttachPlatform reads.
const PlatformOutput = "platform"

// PlatformArgs configures a Platform.
type PlatformArgs struct {
	// Region is the AWS region. Optional. Default: the provider's region.
	Region string `pulumi:"region,optional"`

	// Network is the VPC, created or adopted (Network.Existing). Its
	// SharedEndpointAccess is always on. Optional; see NetworkArgs.
	Network network.NetworkArgs `pulumi:"network,optional"`

	// Endpoints are the VPC endpoints services may need beyond the ones
	// every service needs (ecr.api, ecr.dkr, logs, s3), by short service
	// name: "secretsmanager", "ssm", "ssmmessages" for ECS Exec, "kms",
	// and "ecs", "ecs-agent", "ecs-telemetry" for EC2 capacity (added
	// with Cluster.Ec2). A service that needs one the platform lacks is
	// refused before it registers anything. Optional. Default: none.
	Endpoints []string `pulumi:"endpoints,optional"`

	// LoadBalancers are the platform's ALBs, each with its own listeners
	// and targets group. Optional. Default: one, named "main", HTTP only,
	// open to 0.0.0.0/0.
	LoadBalancers []PlatformLoadBalancerArgs `pulumi:"loadBalancers,optional"`

	// Teams are the service teams, each with a block of listener rule
	// priorities on one load balancer and a number of services. A team
	// that names no load balancer goes on the first one with room. An ALB
	// holds 100 rules and 100 target groups, so the teams' services on one
	// load balancer add up to at most 100. Optional. Default: none, and
	// every service takes its priority from 1-49999 on any load balancer.
	Teams []TeamArgs `pulumi:"teams,optional"`

	// Cluster is the ECS cluster and its capacity. Its Network and
	// LoadBalancers are the platform's own. Optional; see ClusterArgs.
	Cluster cluster.ClusterArgs `pulumi:"cluster,optional"`

	// Key makes a customer-managed KMS key for the services' data at rest.
	// Optional. Default: false (AWS-owned keys).
	Key bool `pulumi:"key,optional"`

	// Tags are added to every taggable resource. Optional.
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// PlatformLoadBalancerArgs configures one of a platform's load balancers.
type PlatformLoadBalancerArgs struct {
	// Name names the load balancer in the contract; its resources are
	// named <platform>-<name>-.... Required. Valid: lowercase letters,
	// digits and hyphens.
	Name string `pulumi:"name"`
	// Ingress says who may reach the listeners and whether HTTPS is on.
	Ingress edge.IngressArgs `pulumi:"ingress,optional"`
	// TargetPorts are the container ports services behind this load
	// balancer may use. Optional. Default: 1024-65535.
	TargetPorts *edge.PortRange `pulumi:"targetPorts,optional"`
	// DeletionProtection, IdleTimeout and AccessLogs are as on
	// LoadBalancerArgs.
	DeletionProtection bool                `pulumi:"deletionProtection,optional"`
	IdleTimeout        int                 `pulumi:"idleTimeout,optional"`
	AccessLogs         edge.AccessLogsArgs `pulumi:"accessLogs,optional"`
}

// TeamArgs is one service team on a platform.
type TeamArgs struct {
	// Name is the team's name, which its services' routes give as Team.
	// Required. Valid: lowercase letters, digits and hyphens.
	Name string `pulumi:"name"`
	// LoadBalancer is the load balancer the team's services use.
	// Optional. Default: the first one with room for MaxServices.
	LoadBalancer string `pulumi:"loadBalancer,optional"`
	// MaxServices is how many services the team routes. Optional.
	// Default: 10. Valid: 1 to 100.
	MaxServices int `pulumi:"maxServices,optional"`
	// Priorities is the team's block of rule priorities. Optional.
	// Default: a block of 5000 by the team's place among the teams on its
	// load balancer (the first team 1-5000, the next 5001-10000, ...), so
	// add new teams at the end of the list, or set the block here. Valid:
	// inside 1-49999, apart from the other teams' blocks.
	Priorities *edge.PriorityRange `pulumi:"priorities,optional"`
}

// Platform defaults.
const (
	defaultPlatformLoadBalancer = "main"
	defaultTeamServices         = 10
	defaultTeamBlock            = 5000
)

// withDefaults fills in the platform's defaults, and the team blocks of
// each load balancer by name.
func (args PlatformArgs) withDefaults() (PlatformArgs, map[string][]edge.PriorityRange) {
	a := args
	if len(a.LoadBalancers) == 0 {
		a.LoadBalancers = []PlatformLoadBalancerArgs{{Name: defaultPlatformLoadBalancer}}
	}
	a.LoadBalancers = slices.Clone(a.LoadBalancers)
	for i := range a.LoadBalancers {
		if a.LoadBalancers[i].TargetPorts == nil {
			a.LoadBalancers[i].TargetPorts = &edge.PortRange{From: 1024, To: 65535}
		}
	}
	a.Teams = slices.Clone(a.Teams)
	used := map[string]int{}
	for _, t := range a.Teams {
		if t.LoadBalancer != "" {
			used[t.LoadBalancer] += check.IntOr(t.MaxServices, defaultTeamServices)
		}
	}
	for i := range a.Teams {
		t := &a.Teams[i]
		t.MaxServices = check.IntOr(t.MaxServices, defaultTeamServices)
		if t.LoadBalancer != "" {
			continue
		}
		// First fit: the first load balancer with room for the team.
		for _, l := range a.LoadBalancers {
			if used[l.Name]+t.MaxServices <= edge.MaxRulesPerAlb {
				t.LoadBalancer = l.Name
				used[l.Name] += t.MaxServices
				break
			}
		}
	}
	blocks := map[string][]edge.PriorityRange{}
	for _, t := range a.Teams {
		if t.LoadBalancer == "" {
			continue
		}
		b := edge.PriorityRange{Team: t.Name, MaxServices: t.MaxServices}
		if t.Priorities != nil {
			b.From, b.To = t.Priorities.From, t.Priorities.To
		} else {
			k := len(blocks[t.LoadBalancer])
			b.From, b.To = k*defaultTeamBlock+1, min((k+1)*defaultTeamBlock, edge.DerivedPriorityRange)
		}
		blocks[t.LoadBalancer] = append(blocks[t.LoadBalancer], b)
	}
	return a, blocks
}

// validate checks what the pieces do not: the load balancers' names, the
// teams, and that every team found a load balancer with room.
func (a PlatformArgs) validate(name string) check.Problems {
	var p check.Problems
	check.CheckComponentName(&p, name)
	names := map[string]int{}
	for i, l := range a.LoadBalancers {
		f := fmt.Sprintf("LoadBalancers[%d].Name", i)
		switch {
		case l.Name == "":
			p.Add(f, "is empty; name the load balancer, such as \"main\"")
		case !check.ComponentNamePattern.MatchString(l.Name):
			p.Add(f, "%q cannot name resources; use lowercase letters, digits and hyphens", l.Name)
		}
		if j, dup := names[l.Name]; dup {
			p.Add(f, "%q already names load balancer %d; give each its own name", l.Name, j)
		}
		names[l.Name] = i
	}
	teams := map[string]int{}
	for i, t := range a.Teams {
		f := fmt.Sprintf("Teams[%d]", i)
		switch {
		case t.Name == "":
			p.Add(f+".Name", "is empty; name the team, such as \"orders\"")
		case !check.ComponentNamePattern.MatchString(t.Name):
			p.Add(f+".Name", "%q is not a team name; use lowercase letters, digits and hyphens", t.Name)
		}
		if j, dup := teams[t.Name]; dup {
			p.Add(f+".Name", "%q already names team %d; give each team one entry", t.Name, j)
		}
		teams[t.Name] = i
		p.RangeInt(f+".MaxServices", t.MaxServices, 1, edge.MaxRulesPerAlb)
		if _, ok := names[t.LoadBalancer]; t.LoadBalancer != "" && !ok {
			p.Add(f+".LoadBalancer", "the platform has no load balancer %q; use one of its LoadBalancers' names", t.LoadBalancer)
		}
		if t.LoadBalancer == "" {
			p.Add(f, "no load balancer has room for %d more services: an Application Load Balancer holds %d listener rules and %d target groups (Elastic Load Balancing quotas \"Rules per Application Load Balancer\" and \"Target groups per Application Load Balancer\"); add a load balancer to LoadBalancers, or lower the teams' MaxServices",
				t.MaxServices, edge.MaxRulesPerAlb, edge.MaxTargetGroupsPerAlb)
		}
	}
	check.CheckTags(&p, "Tags", a.Tags)
	return p
}

// NewPlatform checks args, then creates the network with shared endpoint
// access, each load balancer with its targets group and its teams'
// priority blocks, the cluster with its capacity, and the key. On invalid
// args it returns a *ValidationError and registers nothing.
func NewPlatform(ctx *pulumi.Context, name string, args *PlatformArgs, opts ...pulumi.ResourceOption) (*Platform, error) {
	if args == nil {
		args = &PlatformArgs{}
	}
	a, blocks := args.withDefaults()
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return nil, err
	}
	region, err := piece.ResolveRegion(ctx, check.StrOr(a.Region, a.Network.Region), invokeOpts)
	if err != nil {
		return nil, err
	}
	found, err := a.lookUp(ctx, name, region, blocks, invokeOpts)
	if err != nil {
		return nil, err
	}
	netArgs, adopted, zones := found.network, found.adopted, found.zones
	pl := &Platform{LoadBalancers: map[string]*edge.LoadBalancer{}}
	if err := ctx.RegisterComponentResource(PlatformType, name, pl, opts...); err != nil {
		return nil, fmt.Errorf("register platform: %w", err)
	}
	child := pulumi.Parent(pl)
	// The key comes first: the network's cache templates and the cluster's
	// ECS Exec sessions take it.
	var keyArn pulumi.StringInput
	if a.Key {
		if pl.Key, err = key.NewKey(ctx, name, &key.KeyArgs{Region: region, Tags: a.Tags}, child); err != nil {
			return nil, err
		}
		keyArn = pl.Key.Arn
	}
	netArgs.PullThroughCache = network.CacheRulesWithKey(netArgs.PullThroughCache, keyArn)
	if pl.Network, err = network.NewNetworkIn(ctx, name, netArgs, nil, adopted, child); err != nil {
		return nil, err
	}
	var lbs []edge.LoadBalancerSource
	for _, l := range a.LoadBalancers {
		lbArgs := a.platformLoadBalancer(l, blocks[l.Name], pl.Network)
		made, err := edge.NewLoadBalancerIn(ctx, name+"-"+l.Name, lbArgs, nil, zones[l.Name], child)
		if err != nil {
			return nil, err
		}
		pl.LoadBalancers[l.Name] = made
		lbs = append(lbs, made)
	}
	clArgs := a.Cluster
	clArgs.Network, clArgs.LoadBalancers, clArgs.Tags = pl.Network, lbs, a.Tags
	if clArgs.Exec != nil && clArgs.Exec.KmsKeyArn == nil && keyArn != nil {
		exec := *clArgs.Exec
		exec.KmsKeyArn = keyArn
		clArgs.Exec = &exec
	}
	if pl.Cluster, err = cluster.NewCluster(ctx, name, &clArgs, child); err != nil {
		return nil, err
	}
	pl.Contract = platformContractOutput(name, pl, a.LoadBalancers)
	if err := ctx.RegisterResourceOutputs(pl, pulumi.Map{"contract": pl.Contract}); err != nil {
		return nil, fmt.Errorf("register platform outputs: %w", err)
	}
	return pl, nil
}

// platformLookUps is what NewPlatform looks up before it registers: the
// network's args with the region's zones, an adopted VPC, and the load
// balancers' hosted zones by name.
type platformLookUps struct {
	network network.NetworkArgs
	adopted *network.AdoptedVpc
	zones   map[string]*edge.HostedZone
}

// lookUp checks the defaulted args and makes the look-ups a piece would
// make once the platform is registered, so that a refusal registers
// nothing: the load balancers' hosted zones, the region's zones, an
// adopted VPC given by literal ids, and the cluster's args against the
// endpoints the network will have. It returns a *ValidationError listing
// every problem the checks and the look-ups find.
func (a PlatformArgs) lookUp(ctx *pulumi.Context, name, region string, blocks map[string][]edge.PriorityRange, invokeOpts []pulumi.InvokeOption) (platformLookUps, error) {
	checks := a.staticChecks(name, region, blocks)
	out := platformLookUps{network: checks.network, zones: map[string]*edge.HostedZone{}}
	p := checks.platform
	for i, l := range a.LoadBalancers {
		p = append(p, checks.loadBalancers[i]...)
		if len(checks.loadBalancers[i]) == 0 && l.Ingress.DomainName != "" {
			field := fmt.Sprintf("LoadBalancers[%d].", i)
			lbArgs := a.platformLoadBalancer(l, blocks[l.Name], network.NetworkContract{Name: name, Region: region})
			zone, zp := edge.LookupHostedZone(ctx, field+"Ingress.", field+"Ingress.HostNames", lbArgs.WithDefaults().Ingress, nil, invokeOpts)
			p = append(p, zp...)
			out.zones[l.Name] = zone
		}
	}
	if out.network.Existing == nil {
		azs, err := network.AvailabilityZones(ctx, out.network.WithDefaults(), invokeOpts, "Network.")
		var ve *check.ValidationError
		switch {
		case errors.As(err, &ve):
			p = append(p, ve.Problems...)
		case err != nil:
			return out, err
		default:
			out.network.AvailabilityZones = azs
		}
	} else {
		var vp check.Problems
		out.adopted, vp = network.LookUpAdoptedVpc(ctx, "Network.", out.network, invokeOpts)
		p = append(p, vp...)
	}
	p = append(p, checks.cluster...)
	return out, check.Refusal("Platform", p)
}

// CheckPlatformLookUps checks args as NewPlatform does before it
// registers anything, look-ups included (the region's zones, hosted
// zones, an adopted VPC), and registers nothing. A program that finds a
// problem of its own before NewPlatform (an adopted VPC's route tables
// it could not look up) reports the platform's with it. It returns a
// *ValidationError listing every problem, or nil.
func CheckPlatformLookUps(ctx *pulumi.Context, name string, args *PlatformArgs, opts ...pulumi.ResourceOption) error {
	if args == nil {
		args = &PlatformArgs{}
	}
	a, blocks := args.withDefaults()
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return err
	}
	region, err := piece.ResolveRegion(ctx, check.StrOr(a.Region, a.Network.Region), invokeOpts)
	if err != nil {
		return err
	}
	_, err = a.lookUp(ctx, name, region, blocks, invokeOpts)
	return err
}

// CheckPlatformArgs checks args as NewPlatform does, without any of its
// look-ups (the region's zones, hosted zones, an adopted VPC): the
// platform's own rules, its network's, each load balancer's with its
// teams' blocks, and its cluster's. region is the platform's region, or
// "" when it is not known yet: the checks that need it (zone names, ARNs
// of the region) then wait for NewPlatform. It registers and invokes
// nothing, so a program can report a configuration's problems with the
// platform's before it looks anything up. It returns a *ValidationError
// listing every problem, or nil.
func CheckPlatformArgs(name, region string, args *PlatformArgs) error {
	if args == nil {
		args = &PlatformArgs{}
	}
	a, blocks := args.withDefaults()
	region = check.StrOr(region, check.StrOr(a.Region, a.Network.Region))
	c := a.staticChecks(name, region, blocks)
	p := c.platform
	for _, lp := range c.loadBalancers {
		p = append(p, lp...)
	}
	return check.Refusal("Platform", append(p, c.cluster...))
}

// platformChecks are the problems of a platform's args that no look-up
// finds, in the groups NewPlatform reports them in around its look-ups,
// and the network's args they were found in.
type platformChecks struct {
	network network.NetworkArgs
	// platform are the platform's own problems and its network's.
	platform check.Problems
	// loadBalancers are each load balancer's, with its teams' blocks; a
	// load balancer without any has its hosted zone looked up.
	loadBalancers []check.Problems
	// cluster are the cluster's, on the endpoints the network will have.
	cluster check.Problems
}

// staticChecks makes the checks of the defaulted args that need no
// look-up.
func (a PlatformArgs) staticChecks(name, region string, blocks map[string][]edge.PriorityRange) platformChecks {
	c := platformChecks{network: a.platformNetwork(region)}
	c.platform = a.validate(name)
	c.platform = append(c.platform, a.checkExecEndpoints(c.network)...)
	c.platform = append(c.platform, prefixed("Network.", c.network.WithDefaults().Validate(name))...)
	for i, l := range a.LoadBalancers {
		lbArgs := a.platformLoadBalancer(l, blocks[l.Name], network.NetworkContract{Name: name, Region: region})
		c.loadBalancers = append(c.loadBalancers, a.onTeams(i, blocks[l.Name], lbArgs.WithDefaults().Validate(name+"-"+l.Name)))
	}
	c.cluster = prefixed("Cluster.", a.preCluster(name, region, c.network).WithDefaults().Validate(name))
	return c
}

// checkExecEndpoints refuses a platform that logs ECS Exec sessions but
// offers no way for a task's session to reach AWS: without NAT, ECS Exec
// needs the ssmmessages endpoint, and kms when the sessions are encrypted
// with a customer key (ECS developer guide, "Using ECS Exec"; BRIEF facts
// 2 and 13). Every service that turns ECS Exec on would otherwise be
// refused for an endpoint the platform lacks.
func (a PlatformArgs) checkExecEndpoints(n network.NetworkArgs) check.Problems {
	var p check.Problems
	nat := n.NatGateways != "" && n.NatGateways != network.NatNone
	if n.Existing != nil {
		nat = n.Existing.NatGateway
	}
	if (a.Cluster.Exec == nil && a.Cluster.ServiceConnect == nil) || nat {
		return p
	}
	have := map[string]bool{}
	for _, e := range network.EndpointUnion(n.Features, n.ExtraEndpointServices) {
		have[e.Service] = true
	}
	if n.Existing != nil {
		for _, e := range n.Existing.EndpointServices {
			have[e] = true
		}
	}
	if a.Cluster.Exec != nil {
		need := []string{"ssmmessages"}
		if a.Cluster.Exec.KmsKeyArn != nil || a.Key {
			need = append(need, "kms")
		}
		for _, e := range need {
			if !have[e] {
				p.Add("Endpoints", "Cluster.Exec logs ECS Exec sessions, but the platform has no %s endpoint, which a task's session needs without NAT; add %q to Endpoints, or remove Cluster.Exec", e, e)
			}
		}
	}
	// Service Connect's proxy is managed through ecs-agent (BRIEF fact 2).
	if a.Cluster.ServiceConnect != nil && !have["ecs-agent"] {
		p.Add("Endpoints", "Cluster.ServiceConnect gives the cluster a namespace, but the platform has no ecs-agent endpoint, through which ECS manages every Service Connect task's proxy without NAT; add \"ecs-agent\" to Endpoints, or remove Cluster.ServiceConnect")
	}
	return p
}

// preCluster is the cluster's args as it will be built, on a network
// that has the endpoints the platform's network will have, for checking
// before anything registers.
func (a PlatformArgs) preCluster(name, region string, n network.NetworkArgs) cluster.ClusterArgs {
	endpoints := map[string]bool{}
	for _, e := range network.EndpointUnion(n.Features, n.ExtraEndpointServices) {
		endpoints[e.Service] = true
	}
	nat := n.NatGateways != "" && n.NatGateways != network.NatNone
	if e := n.Existing; e != nil {
		nat = e.NatGateway
		for _, s := range e.EndpointServices {
			endpoints[s] = true
		}
	}
	c := a.Cluster
	c.Network = network.NetworkContract{Name: name, Region: region, Endpoints: check.SortedKeys(endpoints), Nat: nat}
	c.LoadBalancers, c.Tags = nil, a.Tags
	return c
}

// platformNetwork is the network args: the user's, in the platform's
// region, with shared endpoint access, and the endpoints the platform
// offers beyond every service's.
func (a PlatformArgs) platformNetwork(region string) network.NetworkArgs {
	n := a.Network
	n.Region = region
	n.SharedEndpointAccess = true
	n.Tags = a.Tags
	n.ExtraEndpointServices = append(slices.Clone(n.ExtraEndpointServices), a.Endpoints...)
	if len(a.Cluster.Ec2) > 0 {
		features := map[string]network.EndpointFeatures{}
		for k, v := range n.Features {
			features[k] = v
		}
		for _, e := range a.Cluster.Ec2 {
			features["ec2-"+check.StrOr(e.Name, "default")] = network.EndpointFeatures{Ec2: true, SessionManager: e.SessionManager}
		}
		n.Features = features
	}
	return n
}

// platformLoadBalancer is one load balancer's args on the platform.
func (a PlatformArgs) platformLoadBalancer(l PlatformLoadBalancerArgs, blocks []edge.PriorityRange, n network.NetworkSource) edge.LoadBalancerArgs {
	return edge.LoadBalancerArgs{
		Network:            n,
		Ingress:            l.Ingress,
		TargetPorts:        l.TargetPorts,
		PriorityRanges:     blocks,
		Tags:               a.Tags,
		DeletionProtection: l.DeletionProtection,
		IdleTimeout:        l.IdleTimeout,
		AccessLogs:         l.AccessLogs,
	}
}

// onTeams names load balancer i's problems by the platform's fields: its
// own under LoadBalancers[i], and those of the priority blocks the
// platform made from its teams under the team's Priorities or
// MaxServices (a block's team name is the team's Name, which validate
// checks already).
func (a PlatformArgs) onTeams(i int, blocks []edge.PriorityRange, lbProblems check.Problems) check.Problems {
	var out check.Problems
	for _, e := range lbProblems {
		rest, ok := strings.CutPrefix(e.Field, "PriorityRanges")
		if !ok {
			out = append(out, check.FieldError{Field: fmt.Sprintf("LoadBalancers[%d].%s", i, e.Field), Problem: e.Problem})
			continue
		}
		var k int
		var tail string
		if _, err := fmt.Sscanf(rest, "[%d]", &k); err != nil || k >= len(blocks) {
			out = append(out, check.FieldError{Field: "Teams", Problem: e.Problem})
			continue
		}
		_, tail, _ = strings.Cut(rest, "]")
		team := slices.IndexFunc(a.Teams, func(t TeamArgs) bool { return t.Name == blocks[k].Team })
		switch tail {
		case ".Team":
			continue
		case ".MaxServices":
			tail = ".MaxServices"
		default:
			tail = ".Priorities" + tail
		}
		out = append(out, check.FieldError{Field: fmt.Sprintf("Teams[%d]%s", team, tail), Problem: e.Problem})
	}
	return out
}

// prefixed puts prefix before every problem's field.
func prefixed(prefix string, p check.Problems) check.Problems {
	out := make(check.Problems, len(p))
	for i, e := range p {
		out[i] = check.FieldError{Field: prefix + e.Field, Problem: e.Problem}
	}
	return out
}

// platformContractOutput is the platform's contract, once every id in it
// is known, as the plain object a stack exports.
func platformContractOutput(name string, pl *Platform, lbs []PlatformLoadBalancerArgs) pulumi.AnyOutput {
	n := pl.Network.NetworkContract()
	c := pl.Cluster.ClusterContract()
	var ins []any
	at := func(in any) int {
		ins = append(ins, in)
		return len(ins) - 1
	}
	var clientSG pulumi.StringInput = pulumi.String("")
	if n.EndpointClientSecurityGroupId != nil {
		clientSG = n.EndpointClientSecurityGroupId
	}
	iVpc, iPub, iPriv, iRT := at(n.VpcId), at(n.PublicSubnetIds), at(n.PrivateSubnetIds), at(n.PrivateRouteTableIds)
	iZones, iEpSG, iClients, iPL := at(pl.Network.AvailabilityZones), at(n.EndpointSecurityGroupId), at(clientSG), at(n.GatewayPrefixListIds)
	type lbIdx struct{ arn, suffix, dns, zone, sg, targets, http, https int }
	var lbIdxs []lbIdx
	var lbContracts []edge.LoadBalancerContract
	for _, l := range lbs {
		lc := pl.LoadBalancers[l.Name].LoadBalancerContract()
		lbContracts = append(lbContracts, lc)
		var https, targets pulumi.StringInput = pulumi.String(""), pulumi.String("")
		if lc.HttpsListenerArn != nil {
			https = lc.HttpsListenerArn
		}
		if lc.TargetSecurityGroupId != nil {
			targets = lc.TargetSecurityGroupId
		}
		lbIdxs = append(lbIdxs, lbIdx{
			at(lc.Arn), at(lc.ArnSuffix), at(lc.DnsName), at(lc.ZoneId), at(lc.SecurityGroupId),
			at(targets), at(lc.HttpListenerArn), at(https),
		})
	}
	iArn, iName, iProviders := at(c.Arn), at(c.ClusterName), at(pl.Cluster.CapacityProviders)
	iCache := -1
	if n.CacheRegistry != nil {
		iCache = at(n.CacheRegistry)
	}
	var groupIdx [][2]int
	for _, g := range c.Groups {
		groupIdx = append(groupIdx, [2]int{at(g.ProviderName), at(g.InstanceSecurityGroupId)})
	}
	iExecLogs, iExecKey, iKey := -1, -1, -1
	if c.Exec != nil {
		iExecLogs = at(c.Exec.LogGroupArn)
		if c.Exec.KmsKeyArn != nil {
			iExecKey = at(c.Exec.KmsKeyArn)
		}
	}
	if pl.Key != nil {
		iKey = at(pl.Key.Arn)
	}
	iNamespace := -1
	if c.ServiceConnect != nil {
		iNamespace = at(c.ServiceConnect.NamespaceArn)
	}
	// The result's type is any: a map[string]any would make a MapOutput,
	// not the AnyOutput a stack exports as one object.
	return pulumi.All(ins...).ApplyT(func(v []any) (any, error) {
		str := func(i int) string {
			if i < 0 {
				return ""
			}
			s, _ := v[i].(string)
			return s
		}
		strs := func(i int) []string { s, _ := v[i].([]string); return s }
		zones := strs(iZones)
		subnets := func(ids []string) []PlatformSubnet {
			out := make([]PlatformSubnet, len(ids))
			for k, id := range ids {
				out[k].Id = id
				if k < len(zones) {
					out[k].Zone = zones[k]
				}
			}
			return out
		}
		endpoints := map[string]string{}
		for _, e := range n.Endpoints {
			endpoints[e] = network.EndpointType(e)
		}
		prefixLists, _ := v[iPL].(map[string]string)
		out := PlatformContract{
			Version: PlatformContractVersion, Name: name, Region: n.Region, Partition: n.Partition,
			Network: PlatformNetwork{
				VpcId: str(iVpc), PublicSubnets: subnets(strs(iPub)), PrivateSubnets: subnets(strs(iPriv)),
				PrivateRouteTableIds: strs(iRT), Endpoints: endpoints, Nat: n.Nat,
				EndpointSecurityGroupId: str(iEpSG), EndpointClientSecurityGroupId: str(iClients),
				GatewayPrefixListIds: prefixLists,
				PullThroughCache:     n.PullThroughCache, CacheRegistry: str(iCache),
			},
			Cluster: PlatformCluster{
				Name: c.Name, Arn: str(iArn), ClusterName: str(iName), CapacityProviders: strs(iProviders), Fargate: c.Fargate,
			},
			KeyArn:     str(iKey),
			Priorities: priorityScheme,
		}
		if n.VpcCidr != nil {
			if cidr, ok := service.KnownString(n.VpcCidr); ok {
				out.Network.VpcCidr = cidr
			}
		}
		for k, lc := range lbContracts {
			ix := lbIdxs[k]
			listeners := map[string]string{edge.ListenerHttp: str(ix.http)}
			if s := str(ix.https); s != "" {
				listeners[edge.ListenerHttps] = s
			}
			out.LoadBalancers = append(out.LoadBalancers, PlatformLoadBalancer{
				Name: lbs[k].Name, Arn: str(ix.arn), ArnSuffix: str(ix.suffix), DnsName: str(ix.dns), ZoneId: str(ix.zone),
				SecurityGroupId: str(ix.sg), TargetSecurityGroupId: str(ix.targets), TargetPorts: lc.TargetPorts,
				Listeners: listeners, CertificateHosts: lc.CertificateHosts, PriorityRanges: lc.PriorityRanges,
			})
		}
		for k, g := range c.Groups {
			out.Cluster.Ec2Groups = append(out.Cluster.Ec2Groups, PlatformEc2Group{
				Name: g.Name, CapacityProvider: str(groupIdx[k][0]), InstanceSecurityGroupId: str(groupIdx[k][1]),
				NetworkMode: g.NetworkMode, InstanceTypes: g.InstanceTypes, MaxSize: g.MaxSize,
				AwsvpcTrunking: g.AwsvpcTrunking, SessionManager: g.SessionManager, LoadBalancers: g.AdmittedLoadBalancers,
			})
		}
		if c.Exec != nil {
			out.Cluster.Exec = &PlatformExec{LogGroupArn: str(iExecLogs), KmsKeyArn: str(iExecKey)}
		}
		if c.ServiceConnect != nil {
			out.Cluster.ServiceConnect = &PlatformServiceConnect{Namespace: c.ServiceConnect.Namespace, NamespaceArn: str(iNamespace)}
		}
		if c.InsightsOff {
			out.Cluster.ContainerInsights = cluster.InsightsDisabled
		}
		m, err := contractMap(out)
		if err != nil {
			return nil, err
		}
		return m, nil
	}).(pulumi.AnyOutput)
}

// contractMap is the contract as the plain object a stack output holds.
func contractMap(c PlatformContract) (map[string]any, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode the platform contract: %w", err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("decode the platform contract: %w", err)
	}
	return out, nil
}
