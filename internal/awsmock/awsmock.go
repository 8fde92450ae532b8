// Package awsmock answers Pulumi's mock resource monitor for the AWS
// resources and look-ups this project uses, and records every registration
// (type, name, parent, inputs, dependencies) so tests and the offline plan
// can inspect exactly what a program asked for.
//
// Outputs are deterministic: a resource's ID is its logical name plus
// "_id", and ARNs, URLs and DNS names are built from the name, the region
// and Account.
package awsmock

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Account is the AWS account ID every mocked ARN carries.
const Account = "123456789012"

// Resource is one registration the program made.
type Resource struct {
	URN    string
	Type   string
	Name   string
	Parent string // the parent's URN
	Custom bool
	ID     string
	Inputs resource.PropertyMap
	// Outputs are the inputs plus what the mock computed.
	Outputs resource.PropertyMap
	// Dependencies are the URNs this resource waits for, explicit
	// (DependsOn) and implied by its inputs.
	Dependencies []string
	// PropertyDependencies are the URNs each input came from.
	PropertyDependencies map[string][]string
	// IgnoreChanges are the inputs a later update leaves alone.
	IgnoreChanges []string
	// Aliases are the URNs this resource was known by before, resolved from
	// the alias specs the program sent (name, type and parent).
	Aliases []string
}

// Invoke is one provider function call the program made.
type Invoke struct {
	Token string
	Args  resource.PropertyMap
}

// Mocks implements pulumi.MockResourceMonitor.
type Mocks struct {
	// Region answers aws.GetRegion and goes into ARNs.
	Region string
	// Zones answers aws.GetAvailabilityZones. Default: <Region>a, b and c.
	Zones []string
	// Parameters answers ssm.GetParameter by name. Optional.
	Parameters map[string]string

	mu        sync.Mutex
	resources []*Resource
	invokes   []Invoke
}

// Mocked ECS-optimized AMI IDs, as the public SSM parameters would give
// them.
const (
	EcsAmiX86   = "ami-0ec5a2023x8664000"
	EcsAmiArm64 = "ami-0ec5a2023arm6400"
)

// New returns mocks for region with three zones and the public SSM
// parameters of the ECS-optimized Amazon Linux 2023 AMIs.
func New(region string) *Mocks {
	return &Mocks{
		Region: region,
		Zones:  []string{region + "a", region + "b", region + "c"},
		Parameters: map[string]string{
			"/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id":       EcsAmiX86,
			"/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id": EcsAmiArm64,
		},
	}
}

// NewResource records the registration and returns deterministic outputs.
func (m *Mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r := &Resource{
		Type:    args.TypeToken,
		Name:    args.Name,
		Custom:  args.Custom,
		Inputs:  args.Inputs.Copy(),
		Outputs: args.Inputs.Copy(),
		ID:      args.Name + "_id",
	}
	if rpc := args.RegisterRPC; rpc != nil {
		r.Parent = rpc.GetParent()
		r.Dependencies = slices.Clone(rpc.GetDependencies())
		r.IgnoreChanges = slices.Clone(rpc.GetIgnoreChanges())
		r.PropertyDependencies = map[string][]string{}
		for k, v := range rpc.GetPropertyDependencies() {
			r.PropertyDependencies[k] = slices.Clone(v.GetUrns())
		}
		r.URN = childURN(resource.URN(r.Parent), r.Type, r.Name)
		for _, a := range rpc.GetAliases() {
			r.Aliases = append(r.Aliases, aliasURN(r, a))
		}
		r.Aliases = append(r.Aliases, rpc.GetAliasURNs()...)
	}
	if !args.Custom {
		r.ID = ""
	}
	m.computeOutputs(r)

	m.mu.Lock()
	m.resources = append(m.resources, r)
	m.mu.Unlock()
	return r.ID, r.Outputs, nil
}

// aliasURN resolves one alias: a full URN as given, or a spec whose unset
// name, type and parent default to the resource's own.
func aliasURN(r *Resource, a *pulumirpc.Alias) string {
	if u := a.GetUrn(); u != "" {
		return u
	}
	spec := a.GetSpec()
	name, typ, parent := r.Name, r.Type, r.Parent
	if spec.GetName() != "" {
		name = spec.GetName()
	}
	if spec.GetType() != "" {
		typ = spec.GetType()
	}
	switch {
	case spec.GetNoParent():
		parent = ""
	case spec.GetParentUrn() != "":
		parent = spec.GetParentUrn()
	}
	if parent == "" && r.Parent != "" {
		// No parent: the URN takes its stack and project from the old parent's.
		p := resource.URN(r.Parent)
		return string(resource.NewURN(p.Stack(), p.Project(), "", tokens.Type(typ), name))
	}
	return childURN(resource.URN(parent), typ, name)
}

// childURN builds a URN the way the mock monitor does, taking the stack
// and project from the parent's URN.
func childURN(parent resource.URN, typ, name string) string {
	if parent == "" {
		return typ + "::" + name
	}
	parentType := tokens.Type("")
	if parent.QualifiedType() != resource.RootStackType {
		parentType = parent.QualifiedType()
	}
	return string(resource.NewURN(parent.Stack(), parent.Project(), parentType, tokens.Type(typ), name))
}

func (m *Mocks) arn(service, resourcePart string) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, m.Region, Account, resourcePart)
}

// computeOutputs adds the outputs AWS would compute for r.
func (m *Mocks) computeOutputs(r *Resource) {
	set := func(k, v string) {
		if _, ok := r.Outputs[resource.PropertyKey(k)]; !ok {
			r.Outputs[resource.PropertyKey(k)] = resource.NewProperty(v)
		}
	}
	setNum := func(k string, v float64) {
		if _, ok := r.Outputs[resource.PropertyKey(k)]; !ok {
			r.Outputs[resource.PropertyKey(k)] = resource.NewProperty(v)
		}
	}
	name := r.Name
	if v, ok := r.Inputs["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	switch r.Type {
	case "aws:ecr/repository:Repository":
		set("name", name)
		set("arn", m.arn("ecr", "repository/"+name))
		set("repositoryUrl", fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", Account, m.Region, name))
		set("registryId", Account)
	case "aws:cloudwatch/logGroup:LogGroup":
		set("name", name)
		set("arn", m.arn("logs", "log-group:"+name))
	case "aws:lb/loadBalancer:LoadBalancer":
		set("name", name)
		set("arn", m.arn("elasticloadbalancing", "loadbalancer/app/"+name+"/0123456789abcdef"))
		set("dnsName", fmt.Sprintf("%s-1234567890.%s.elb.amazonaws.com", name, m.Region))
		set("zoneId", "Z35SXDOTRQ7X7K")
	case "aws:lb/targetGroup:TargetGroup":
		set("name", name)
		set("arn", m.arn("elasticloadbalancing", "targetgroup/"+name+"/0123456789abcdef"))
	case "aws:lb/listener:Listener":
		set("arn", m.arn("elasticloadbalancing", "listener/app/"+name))
	case "aws:ecs/cluster:Cluster":
		set("name", name)
		set("arn", m.arn("ecs", "cluster/"+name))
	case "aws:ecs/service:Service":
		set("name", name)
		set("arn", m.arn("ecs", "service/"+name))
	case "aws:ecs/taskDefinition:TaskDefinition":
		set("arn", m.arn("ecs", "task-definition/"+name+":1"))
		setNum("revision", 1)
	case "aws:iam/role:Role":
		set("name", name)
		set("arn", fmt.Sprintf("arn:aws:iam::%s:role/%s", Account, name))
	case "aws:iam/instanceProfile:InstanceProfile":
		set("name", name)
		set("arn", fmt.Sprintf("arn:aws:iam::%s:instance-profile/%s", Account, name))
	case "aws:ec2/vpcEndpoint:VpcEndpoint":
		svc := ""
		if v, ok := r.Inputs["serviceName"]; ok && v.IsString() {
			parts := strings.SplitN(v.StringValue(), ".", 4)
			svc = parts[len(parts)-1]
		}
		if t, ok := r.Inputs["vpcEndpointType"]; ok && t.IsString() && t.StringValue() == "Gateway" {
			set("prefixListId", "pl-"+svc)
		}
		set("arn", m.arn("ec2", "vpc-endpoint/"+r.ID))
	case "aws:autoscaling/group:Group":
		set("name", name)
		set("arn", fmt.Sprintf("arn:aws:autoscaling:%s:%s:autoScalingGroup:0000:autoScalingGroupName/%s", m.Region, Account, name))
	case "aws:ecs/capacityProvider:CapacityProvider":
		set("name", name)
		set("arn", m.arn("ecs", "capacity-provider/"+name))
	case "aws:ec2/launchTemplate:LaunchTemplate":
		set("arn", m.arn("ec2", "launch-template/"+r.ID))
		setNum("latestVersion", 1)
	case "awsx:ecr:Image":
		url := ""
		if v, ok := r.Inputs["repositoryUrl"]; ok && v.IsString() {
			url = v.StringValue()
		}
		sum := sha256.Sum256([]byte(r.Name))
		set("imageUri", fmt.Sprintf("%s@sha256:%x", url, sum))
	default:
		if r.Custom {
			set("arn", m.arn(strings.SplitN(strings.TrimPrefix(r.Type, "aws:"), "/", 2)[0], r.ID))
		}
	}
}

// Call answers the look-ups the program makes.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: args.Args.Copy()})
	m.mu.Unlock()
	switch args.Token {
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": m.Region, "id": m.Region, "endpoint": "ec2." + m.Region + ".amazonaws.com",
		}), nil
	case "aws:index/getAvailabilityZones:getAvailabilityZones":
		ids := make([]any, len(m.Zones))
		names := make([]any, len(m.Zones))
		for i, z := range m.Zones {
			names[i] = z
			ids[i] = fmt.Sprintf("use1-az%d", i+1)
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"id": m.Region, "names": names, "zoneIds": ids,
		}), nil
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": Account, "arn": "arn:aws:iam::" + Account + ":user/mock", "id": Account, "userId": "MOCK",
		}), nil
	case "aws:index/getPartition:getPartition":
		return resource.NewPropertyMapFromMap(map[string]any{
			"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws",
		}), nil
	case "aws:ssm/getParameter:getParameter":
		name := args.Args["name"].StringValue()
		v, ok := m.Parameters[name]
		if !ok {
			return nil, fmt.Errorf("awsmock: no SSM parameter %q", name)
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": name, "value": v, "type": "String", "id": name, "arn": m.arn("ssm", "parameter"+name),
		}), nil
	}
	return nil, fmt.Errorf("awsmock: no answer for %s", args.Token)
}

// Resources returns every registration, sorted by URN.
func (m *Mocks) Resources() []*Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Clone(m.resources)
	slices.SortFunc(out, func(a, b *Resource) int { return strings.Compare(a.URN, b.URN) })
	return out
}

// Invokes returns the look-ups made, in order.
func (m *Mocks) Invokes() []Invoke {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.invokes)
}

// ByType returns the registrations of one type, sorted by URN.
func (m *Mocks) ByType(typ string) []*Resource {
	var out []*Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the registration with this type and name, or nil.
func (m *Mocks) Find(typ, name string) *Resource {
	for _, r := range m.Resources() {
		if r.Type == typ && r.Name == name {
			return r
		}
	}
	return nil
}
