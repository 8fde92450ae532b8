package plan

import (
	"slices"
	"sort"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Resource type tokens the plan reads.
const (
	typeSecurityGroup  = "aws:ec2/securityGroup:SecurityGroup"
	typeIngressRule    = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgressRule     = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeLoadBalancer   = "aws:lb/loadBalancer:LoadBalancer"
	typeListener       = "aws:lb/listener:Listener"
	typeListenerRule   = "aws:lb/listenerRule:ListenerRule"
	typeCapacityProv   = "aws:ecs/capacityProvider:CapacityProvider"
	typeEcsService     = "aws:ecs/service:Service"
	typeTaskDefinition = "aws:ecs/taskDefinition:TaskDefinition"
	typeClusterCP      = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
	typeVpcEndpoint    = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	typeAutoScaling    = "aws:autoscaling/group:Group"
	typeNatGateway     = "aws:ec2/natGateway:NatGateway"
	typeEip            = "aws:ec2/eip:Eip"
	typeSubnet         = "aws:ec2/subnet:Subnet"
	typeVpc            = "aws:ec2/vpc:Vpc"
)

// Plan is everything the offline plan shows for one stack. It is built
// whole before anything is printed, and every list in it is sorted.
type Plan struct {
	Project           string   `json:"project"`
	Stack             string   `json:"stack"`
	Region            string   `json:"region"`
	AvailabilityZones []string `json:"availabilityZones"`
	// ZoneCount is how many AZs the stack spans: the registered subnets'
	// zones, or for an adopted VPC (whose subnets are not registered) the
	// ALB's subnets, one per AZ.
	ZoneCount int `json:"zoneCount"`
	// Assumed says what the plan assumed the account already holds (an
	// adopted VPC), one sentence each: the account is never read.
	Assumed []string `json:"assumed,omitempty"`
	// Config is every key the program sees; secrets are "[secret]".
	Config map[string]string `json:"config"`
	// StackKeys are the keys the stack file sets itself.
	StackKeys  []string `json:"stackKeys"`
	SecretKeys []string `json:"secretKeys"`

	Resources      []Resource      `json:"resources"`
	Tree           []*TreeNode     `json:"tree"`
	SecurityGroups []SecurityGroup `json:"securityGroups"`
	// Paths are the security group rules, one per rule.
	Paths []Path `json:"paths"`
	// Hops pair the rules into traffic that can flow (or cannot).
	Hops      []Hop      `json:"hops"`
	Endpoints []Endpoint `json:"endpoints"`
	// LogGroups are the log groups and what writes to each.
	LogGroups []LogGroup `json:"logGroups"`
	// ExecServices are the ECS services that take ECS Exec sessions.
	ExecServices []ExecService `json:"execServices"`
	// Keys say which key encrypts what the stack keeps at rest.
	Keys []KeyUse `json:"keys"`
	// LoadBalancers are the ALBs' listeners, names and certificate, and
	// where their access logs go.
	LoadBalancers []LoadBalancer `json:"loadBalancers"`
	// Services are the ECS services, by name, with what carries their
	// traffic and what they need.
	Services []Service `json:"services"`
	// Scaling are the Application Auto Scaling targets and their
	// policies, Alarms the CloudWatch metric alarms, and Topics the SNS
	// topics the stack creates for them.
	Scaling []ScalingTarget `json:"scaling"`
	Alarms  []Alarm         `json:"alarms"`
	Topics  []Topic         `json:"topics"`
	// ServiceConnect is the services' Service Connect names and the calls
	// between them; nil when no service uses Service Connect.
	ServiceConnect *ServiceConnect `json:"serviceConnect,omitempty"`
	// Queues are the SQS queues the stack creates or consumes, and
	// Schedules its EventBridge Scheduler schedules; both absent without
	// any.
	Queues    []Queue    `json:"queues,omitempty"`
	Schedules []Schedule `json:"schedules,omitempty"`
	// CacheRules are the ECR pull-through cache rules, and CachedImages
	// the containers that pull through them; both absent without rules.
	CacheRules   []CacheRule   `json:"cacheRules,omitempty"`
	CachedImages []CachedImage `json:"cachedImages,omitempty"`
	// Cost is nil when the price table has no prices for the region;
	// CostNote then says so.
	Cost     *Cost  `json:"cost"`
	CostNote string `json:"costNote,omitempty"`
	// Platform is, for a service stack attached to a platform, what it
	// adds to the platform and its cost on top of the platform's shared
	// one; nil for a stack that attaches to none.
	Platform *PlatformShare `json:"platform,omitempty"`
}

// Resource is one registered resource as the plan shows it.
type Resource struct {
	URN    string `json:"urn"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"` // the parent's URN
	ID     string `json:"id,omitempty"`
	// Inputs are the registered inputs as JSON data; secrets are
	// "[secret]".
	Inputs map[string]any `json:"inputs"`
	// Dependencies are the URNs the resource waits for.
	Dependencies []string `json:"dependencies,omitempty"`
}

// Input is what a plan is built from: the stack's identity and config,
// what the component decided, and every registered resource.
type Input struct {
	Project, Stack string
	Config         map[string]string
	StackKeys      []string
	SecretKeys     []string

	// Region is the stack's region; the zones are read from the subnets.
	Region string

	Resources []*awsmock.Resource
	// Assumed says what the program was assumed to find in the account.
	Assumed []string
	// Prices is the price table; nil means the embedded one.
	Prices *PriceTable
	// Platform is the contract a service stack attached to, Share where
	// it came from, and Teams how many teams share its fixed cost (0: the
	// contract's); Platform is nil for a stack that attaches to none.
	Platform *components.PlatformContract
	Share    *PlatformShare
	Teams    int
	// Now is when the schedules' next runs are counted from; the zero
	// time means the time Build runs. JobDuration is how long a scheduled
	// run is priced to last; 0 means the job's timeout, or
	// DefaultJobDuration without one.
	Now         time.Time
	JobDuration time.Duration
}

// index looks registered resources up by URN, ID, ARN and type.
type index struct {
	all    []*awsmock.Resource
	byURN  map[string]*awsmock.Resource
	byID   map[string]*awsmock.Resource
	byArn  map[string]*awsmock.Resource
	byType map[string][]*awsmock.Resource
}

func newIndex(rs []*awsmock.Resource) *index {
	all := slices.Clone(rs)
	sort.SliceStable(all, func(i, j int) bool { return all[i].URN < all[j].URN })
	ix := &index{
		all:    all,
		byURN:  map[string]*awsmock.Resource{},
		byID:   map[string]*awsmock.Resource{},
		byArn:  map[string]*awsmock.Resource{},
		byType: map[string][]*awsmock.Resource{},
	}
	for _, r := range all {
		ix.byURN[r.URN] = r
		if r.ID != "" {
			ix.byID[r.ID] = r
		}
		if arn := str(r.Outputs, "arn"); arn != "" {
			ix.byArn[arn] = r
		}
		ix.byType[r.Type] = append(ix.byType[r.Type], r)
	}
	return ix
}

// Build turns what a program registered into a plan.
func Build(in Input) (*Plan, error) {
	prices := in.Prices
	if prices == nil {
		var err error
		if prices, err = Prices(); err != nil {
			return nil, err
		}
	}
	ix := newIndex(in.Resources)
	p := &Plan{
		Project:           in.Project,
		Stack:             in.Stack,
		Region:            in.Region,
		AvailabilityZones: subnetZones(ix),
		Assumed:           in.Assumed,
		Config:            in.Config,
		StackKeys:         sorted(in.StackKeys),
		SecretKeys:        sorted(in.SecretKeys),
	}
	if p.Config == nil {
		p.Config = map[string]string{}
	}
	for _, r := range ix.all {
		p.Resources = append(p.Resources, resourceOf(r))
	}
	p.Tree = buildTree(ix)
	p.SecurityGroups = securityGroups(ix)
	p.ZoneCount = zoneCount(ix, p.AvailabilityZones)
	p.Paths, p.Hops = trafficPaths(ix, p.SecurityGroups)
	if in.Platform != nil {
		p.Hops = platformHops(ix, p.Hops, p.SecurityGroups, in.Platform)
	}
	p.Endpoints = endpoints(ix)
	p.LogGroups = logGroups(ix)
	p.ExecServices = execServices(ix)
	p.Keys = keyUses(ix)
	p.LoadBalancers = loadBalancers(ix)
	p.CacheRules = cacheRules(ix)
	p.CachedImages = cachedImages(ix, p.CacheRules)
	var owners hopOwners
	p.Services, owners = services(ix, p.Endpoints)
	if in.Platform != nil {
		platformTraceEndpoints(p.Services, in.Platform)
	}
	attributeHops(p.Hops, owners)
	p.ServiceConnect = serviceConnect(ix, p.Services, p.Hops, in.Platform)
	p.Scaling, p.Alarms, p.Topics = scalingTargets(ix), alarms(ix), topics(ix)
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	p.Schedules = schedules(ix, now)
	p.Queues = queues(ix, p.Services, p.Schedules, p.Scaling)
	p.Cost, p.CostNote = estimate(ix, prices, in.Region, p.ZoneCount, p.Services, p.Endpoints, p.Scaling, p.Alarms,
		p.Schedules, in.JobDuration, p.ServiceConnect)
	if in.Platform != nil {
		share := in.Share
		if share == nil {
			share = &PlatformShare{Name: in.Platform.Name}
		}
		p.Platform = platformShare(ix, in.Platform, share, p.Cost, prices, in.Teams)
	}
	nonNil(&p.AvailabilityZones)
	nonNil(&p.Resources)
	nonNil(&p.Tree)
	nonNil(&p.SecurityGroups)
	nonNil(&p.Paths)
	nonNil(&p.Hops)
	nonNil(&p.Endpoints)
	nonNil(&p.LogGroups)
	nonNil(&p.ExecServices)
	nonNil(&p.Keys)
	nonNil(&p.LoadBalancers)
	nonNil(&p.Services)
	nonNil(&p.Scaling)
	nonNil(&p.Alarms)
	nonNil(&p.Topics)
	return p, nil
}

func resourceOf(r *awsmock.Resource) Resource {
	return Resource{
		URN:          r.URN,
		Type:         r.Type,
		Name:         r.Name,
		Parent:       r.Parent,
		ID:           r.ID,
		Inputs:       jsonObject(r.Inputs),
		Dependencies: sorted(r.Dependencies),
	}
}

// subnetZones lists the zones the subnets were placed in.
func subnetZones(ix *index) []string {
	var zones []string
	for _, s := range ix.byType[typeSubnet] {
		if z := str(s.Inputs, "availabilityZone"); z != "" && !slices.Contains(zones, z) {
			zones = append(zones, z)
		}
	}
	sort.Strings(zones)
	return zones
}

// zoneCount is how many AZs the stack spans: its subnets' zones, or when
// it registers no subnet (an adopted VPC) the most subnets an ALB or an
// interface endpoint is in, since each takes one subnet per AZ.
func zoneCount(ix *index, zones []string) int {
	if len(zones) > 0 {
		return len(zones)
	}
	n := 0
	for _, lb := range ix.byType[typeLoadBalancer] {
		n = max(n, len(strs(lb.Inputs, "subnets")))
	}
	for _, ep := range ix.byType[typeVpcEndpoint] {
		n = max(n, len(strs(ep.Inputs, "subnetIds")))
	}
	return n
}

// sorted returns a sorted copy without duplicates, never nil, so that
// JSON shows an empty list as [].
func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return slices.Compact(out)
}

// nonNil makes an empty list [] rather than null in JSON, so the schema
// does not change with the stack.
func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}
