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
	// Order is when the program registered it, counted over registrations
	// and invokes together from 1.
	Order int
}

// Invoke is one provider function call the program made.
type Invoke struct {
	Token string
	Args  resource.PropertyMap
	// Order is when the program made it, counted over registrations and
	// invokes together from 1.
	Order int
}

// Mocks implements pulumi.MockResourceMonitor.
type Mocks struct {
	// Region answers aws.GetRegion and goes into ARNs.
	Region string
	// Zones answers aws.GetAvailabilityZones. Default: <Region>a, b and c.
	Zones []string
	// Parameters answers ssm.GetParameter by name. Optional.
	Parameters map[string]string

	// Vpcs are the VPCs that already exist, by ID (vpc-...). They answer
	// ec2.LookupVpc by id; an ID not here fails the way the provider does
	// ("no matching EC2 VPC found"). Optional.
	Vpcs map[string]Vpc
	// Subnets are the subnets that already exist, by ID (subnet-...). They
	// answer ec2.LookupSubnet by id, and ec2.LookupRouteTable by subnetId
	// through their RouteTableId. Optional.
	Subnets map[string]Subnet
	// RouteTables are the routes of the route tables that already exist,
	// by ID (rtb-...), and which one is its VPC's main route table. A
	// route table a subnet names but this map does not exists with the
	// local route only. They answer ec2.LookupRouteTable by routeTableId,
	// by subnetId, and by vpcId with the filter association.main=true.
	// Optional.
	RouteTables map[string]RouteTable
	// VpcEndpoints are the VPC endpoints that already exist. They answer
	// ec2.LookupVpcEndpoint, which must match exactly one of them by the
	// id, vpcId, serviceName and state it is given. Optional.
	VpcEndpoints []VpcEndpoint
	// HostedZones are the Route 53 hosted zones that already exist. They
	// answer route53.LookupZone by zoneId, or by name and privateZone; a
	// zone not here fails the way the provider does ("no matching Route
	// 53 Hosted Zone found"). Optional.
	HostedZones []HostedZone
	// ListenerRules are the rules live listeners already hold, which
	// answer lb.LookupListenerRule by listener ARN and priority; a
	// priority no rule holds fails as the provider does ("empty result").
	ListenerRules []ListenerRule
	// StackOutputs are other stacks' outputs by stack name, which a
	// StackReference to that stack reads.
	StackOutputs map[string]map[string]any

	mu        sync.Mutex
	resources []*Resource
	invokes   []Invoke
	calls     int // registrations and invokes so far
}

// Vpc is an existing VPC's attributes the look-up reports.
type Vpc struct {
	// DnsSupport is the VPC's enableDnsSupport attribute.
	DnsSupport bool
	// DnsHostnames is the VPC's enableDnsHostnames attribute.
	DnsHostnames bool
	// CidrBlock is the VPC's primary IPv4 range. Default: "10.0.0.0/16".
	CidrBlock string
}

// Subnet is an existing subnet.
type Subnet struct {
	// VpcId is the VPC the subnet is in.
	VpcId string
	// AvailabilityZone is the subnet's zone name ("us-east-1a").
	AvailabilityZone string
	// RouteTableId is the route table explicitly associated with the
	// subnet. "" means the subnet has no association of its own (it uses
	// its VPC's main route table implicitly), and a route table look-up by
	// subnetId then finds nothing, as with the real provider, whose
	// association.subnet-id filter matches explicit associations only.
	RouteTableId string
	// CidrBlock is the subnet's IPv4 range. Optional.
	CidrBlock string
	// MapPublicIpOnLaunch is the subnet's attribute of that name: whether
	// a network interface created in it gets a public IPv4 address unless
	// it asks not to.
	MapPublicIpOnLaunch bool
}

// RouteTable is an existing route table.
type RouteTable struct {
	// VpcId is the VPC the route table is in. Default: the VPC of a
	// subnet associated with it.
	VpcId string
	// Main tells whether it is its VPC's main route table, which every
	// subnet with no association of its own uses.
	Main bool
	// Routes are the routes besides the local route, which every route
	// table has and the look-up adds.
	Routes []Route
}

// Route is one route of a route table.
type Route struct {
	// CidrBlock is the IPv4 destination ("0.0.0.0/0").
	CidrBlock string
	// GatewayId is an internet or virtual private gateway target (igw-...).
	GatewayId string
	// NatGatewayId is a NAT gateway target (nat-...).
	NatGatewayId string
}

// VpcEndpoint is an existing VPC endpoint.
type VpcEndpoint struct {
	// Id is the endpoint's ID (vpce-...).
	Id string
	// VpcId is the VPC the endpoint is in.
	VpcId string
	// ServiceName is the full service name
	// ("com.amazonaws.us-east-1.ecr.api").
	ServiceName string
	// Type is "Interface" or "Gateway". Default: "Gateway" when
	// RouteTableIds are set, else "Interface".
	Type string
	// PrivateDnsEnabled tells whether an interface endpoint has private
	// DNS on.
	PrivateDnsEnabled bool
	// RouteTableIds are a gateway endpoint's route tables.
	RouteTableIds []string
	// SubnetIds are an interface endpoint's subnets.
	SubnetIds []string
	// SecurityGroupIds are an interface endpoint's security groups.
	SecurityGroupIds []string
	// PrefixListId is a gateway endpoint's managed prefix list (pl-...).
	PrefixListId string
}

// HostedZone is an existing Route 53 hosted zone.
type HostedZone struct {
	// Id is the zone's ID ("Z0123456789ABCDEFGHIJ").
	Id string
	// Name is the zone's name, without the trailing dot ("example.com").
	Name string
	// Private tells whether it is a private hosted zone.
	Private bool
}

// endpointType is the endpoint's Type, or its default.
func (e VpcEndpoint) endpointType() string {
	switch {
	case e.Type != "":
		return e.Type
	case len(e.RouteTableIds) > 0:
		return "Gateway"
	}
	return "Interface"
}

// Mocked ECS-optimized AMI IDs, as the public SSM parameters would give
// them.
const (
	EcsAmiX86   = "ami-0ec5a2023x8664000"
	EcsAmiArm64 = "ami-0ec5a2023arm6400"
)

// New returns mocks for region with three zones, the public SSM
// parameters of the ECS-optimized Amazon Linux 2023 AMIs, and no existing
// VPCs, subnets or endpoints.
func New(region string) *Mocks {
	return &Mocks{
		Region: region,
		Zones:  []string{region + "a", region + "b", region + "c"},
		Parameters: map[string]string{
			"/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id":       EcsAmiX86,
			"/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id": EcsAmiArm64,
		},
		Vpcs:        map[string]Vpc{},
		Subnets:     map[string]Subnet{},
		RouteTables: map[string]RouteTable{},
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
	if rpc := args.ReadRPC; rpc != nil {
		// A read resource (a stack reference) has a parent and a URN too.
		r.Parent = rpc.GetParent()
		r.Dependencies = slices.Clone(rpc.GetDependencies())
		r.URN = childURN(resource.URN(r.Parent), r.Type, r.Name)
	}
	if !args.Custom {
		r.ID = ""
	}
	m.computeOutputs(r)

	m.mu.Lock()
	m.calls++
	r.Order = m.calls
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
	case "aws:ecr/pullThroughCacheRule:PullThroughCacheRule":
		set("registryId", Account)
	case "aws:cloudwatch/logGroup:LogGroup":
		set("name", name)
		set("arn", m.arn("logs", "log-group:"+name))
	case "aws:lb/loadBalancer:LoadBalancer":
		set("name", name)
		set("arn", m.arn("elasticloadbalancing", "loadbalancer/app/"+name+"/0123456789abcdef"))
		set("arnSuffix", "app/"+name+"/0123456789abcdef")
		set("dnsName", fmt.Sprintf("%s-1234567890.%s.elb.amazonaws.com", name, m.Region))
		set("zoneId", "Z35SXDOTRQ7X7K")
	case "aws:lb/targetGroup:TargetGroup":
		set("name", name)
		set("arn", m.arn("elasticloadbalancing", "targetgroup/"+name+"/0123456789abcdef"))
		set("arnSuffix", "targetgroup/"+name+"/0123456789abcdef")
	case "aws:sns/topic:Topic":
		set("name", name)
		set("arn", m.arn("sns", name))
	case "aws:cloudwatch/metricAlarm:MetricAlarm":
		set("name", name)
		set("arn", m.arn("cloudwatch", "alarm:"+name))
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
	case "aws:kms/key:Key":
		// Key IDs are UUIDs, and the ARN names the key by its ID.
		sum := sha256.Sum256([]byte(r.Name))
		id := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
		set("keyId", id)
		set("arn", m.arn("kms", "key/"+id))
	case "aws:secretsmanager/secret:Secret":
		// AWS appends a hyphen and six random characters to the name.
		set("arn", m.arn("secretsmanager", "secret:"+name+"-AbCdEf"))
	case "aws:ssm/parameter:Parameter":
		set("arn", m.arn("ssm", "parameter/"+strings.TrimPrefix(name, "/")))
	case "aws:s3/bucketV2:BucketV2":
		// Pulumi names a bucket after the resource, with a random suffix.
		bucket := r.Name + "-0a1b2c3"
		if v, ok := r.Inputs["bucket"]; ok && v.IsString() {
			bucket = v.StringValue()
		}
		set("bucket", bucket)
		set("arn", "arn:aws:s3:::"+bucket)
		set("bucketDomainName", bucket+".s3.amazonaws.com")
	case "aws:acm/certificate:Certificate":
		set("arn", m.arn("acm", "certificate/"+fmt.Sprintf("%x", sha256.Sum256([]byte(r.Name)))[:36]))
		set("status", "PENDING_VALIDATION")
		if _, ok := r.Outputs["domainValidationOptions"]; !ok {
			r.Outputs["domainValidationOptions"] = resource.NewProperty(validationOptions(r.Inputs))
		}
	case "aws:acm/certificateValidation:CertificateValidation":
		if v, ok := r.Inputs["certificateArn"]; ok && v.IsString() {
			set("certificateArn", v.StringValue())
		}
	case "aws:route53/record:Record":
		if v, ok := r.Inputs["name"]; ok && v.IsString() {
			set("fqdn", strings.TrimSuffix(v.StringValue(), "."))
		}
	case "pulumi:pulumi:StackReference":
		m.stackReference(r)
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

// validationOptions are the DNS validation records ACM asks for, one per
// name of the certificate: a CNAME named after a hash of the name
// without its "*." (a wildcard and its base get the same record, as ACM
// gives them), under that name.
func validationOptions(in resource.PropertyMap) []resource.PropertyValue {
	var names []string
	if v, ok := in["domainName"]; ok && v.IsString() {
		names = append(names, v.StringValue())
	}
	if v, ok := in["subjectAlternativeNames"]; ok && v.IsArray() {
		for _, n := range v.ArrayValue() {
			if n.IsString() {
				names = append(names, n.StringValue())
			}
		}
	}
	var out []resource.PropertyValue
	for _, n := range names {
		base := strings.TrimPrefix(n, "*.")
		sum := fmt.Sprintf("%x", sha256.Sum256([]byte(base)))
		out = append(out, resource.NewProperty(resource.NewPropertyMapFromMap(map[string]any{
			"domainName":          n,
			"resourceRecordName":  "_" + sum[:32] + "." + base + ".",
			"resourceRecordType":  "CNAME",
			"resourceRecordValue": "_" + sum[32:] + ".acm-validations.aws.",
		})))
	}
	return out
}

// Call answers the look-ups the program makes.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.calls++
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: args.Args.Copy(), Order: m.calls})
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
	case "aws:ec2/getVpc:getVpc":
		return m.lookupVpc(args.Args)
	case "aws:ec2/getSubnet:getSubnet":
		return m.lookupSubnet(args.Args)
	case "aws:ec2/getRouteTable:getRouteTable":
		return m.lookupRouteTable(args.Args)
	case "aws:ec2/getVpcEndpoint:getVpcEndpoint":
		return m.lookupVpcEndpoint(args.Args)
	case "aws:route53/getZone:getZone":
		return m.lookupZone(args.Args)
	case "aws:lb/getListenerRule:getListenerRule":
		return m.lookupListenerRule(args.Args)
	}
	return nil, fmt.Errorf("awsmock: no answer for %s", args.Token)
}

// stringArg is a string argument of a look-up, or "" when not given.
func stringArg(args resource.PropertyMap, key string) string {
	if v, ok := args[resource.PropertyKey(key)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

// unsupported fails a look-up that uses arguments the mock does not
// implement, rather than answering as if they were not given.
func unsupported(token string, args resource.PropertyMap, keys ...string) error {
	for k, v := range args {
		if v.IsNull() || slices.Contains(keys, string(k)) {
			continue
		}
		return fmt.Errorf("awsmock: %s by %q is not mocked; look it up by %s", token, k, strings.Join(keys, ", "))
	}
	return nil
}

func toAny(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

// lookupVpc answers ec2.LookupVpc by id, with the result's property names
// (LookupVpcResult's pulumi tags).
func (m *Mocks) lookupVpc(args resource.PropertyMap) (resource.PropertyMap, error) {
	if err := unsupported("getVpc", args, "id"); err != nil {
		return nil, err
	}
	id := stringArg(args, "id")
	v, ok := m.Vpcs[id]
	if !ok {
		return nil, fmt.Errorf("no matching EC2 VPC found (awsmock: no VPC %q)", id)
	}
	cidr := v.CidrBlock
	if cidr == "" {
		cidr = "10.0.0.0/16"
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"id":                 id,
		"arn":                m.arn("ec2", "vpc/"+id),
		"cidrBlock":          cidr,
		"default":            false,
		"enableDnsSupport":   v.DnsSupport,
		"enableDnsHostnames": v.DnsHostnames,
		"instanceTenancy":    "default",
		"ownerId":            Account,
		"state":              "available",
		"tags":               map[string]any{},
	}), nil
}

// lookupSubnet answers ec2.LookupSubnet by id.
func (m *Mocks) lookupSubnet(args resource.PropertyMap) (resource.PropertyMap, error) {
	if err := unsupported("getSubnet", args, "id"); err != nil {
		return nil, err
	}
	id := stringArg(args, "id")
	s, ok := m.Subnets[id]
	if !ok {
		return nil, fmt.Errorf("no matching EC2 Subnet found (awsmock: no subnet %q)", id)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"id":                  id,
		"arn":                 m.arn("ec2", "subnet/"+id),
		"vpcId":               s.VpcId,
		"availabilityZone":    s.AvailabilityZone,
		"cidrBlock":           s.CidrBlock,
		"defaultForAz":        false,
		"mapPublicIpOnLaunch": s.MapPublicIpOnLaunch,
		"ownerId":             Account,
		"state":               "available",
		"tags":                map[string]any{},
	}), nil
}

// lookupRouteTable answers ec2.LookupRouteTable by subnetId (the subnet's
// explicitly associated route table, as the provider's association.subnet-id
// filter finds it: a subnet with no association of its own finds nothing),
// by routeTableId, or by vpcId with the filter association.main=true (the
// VPC's main route table).
func (m *Mocks) lookupRouteTable(args resource.PropertyMap) (resource.PropertyMap, error) {
	if err := unsupported("getRouteTable", args, "subnetId", "routeTableId", "vpcId", "filters"); err != nil {
		return nil, err
	}
	subnetID, rtID, vpcID := stringArg(args, "subnetId"), stringArg(args, "routeTableId"), stringArg(args, "vpcId")
	main := false
	if f, ok := args["filters"]; ok && f.IsArray() {
		for _, v := range f.ArrayValue() {
			name := ""
			var values []resource.PropertyValue
			if v.IsObject() {
				name = stringArg(v.ObjectValue(), "name")
				if vs, ok := v.ObjectValue()["values"]; ok && vs.IsArray() {
					values = vs.ArrayValue()
				}
			}
			if name != "association.main" || len(values) != 1 || !values[0].IsString() || values[0].StringValue() != "true" {
				return nil, fmt.Errorf("awsmock: getRouteTable filter %v is not mocked; only association.main=true is", v)
			}
			main = true
		}
	}
	switch {
	case subnetID != "":
		s, ok := m.Subnets[subnetID]
		if !ok || s.RouteTableId == "" || (rtID != "" && rtID != s.RouteTableId) {
			return nil, fmt.Errorf("no matching EC2 Route Table found (awsmock: no route table associated with subnet %q)", subnetID)
		}
		rtID = s.RouteTableId
	case main:
		for _, id := range sortedKeys(m.RouteTables) {
			if rt := m.RouteTables[id]; rt.Main && m.routeTableVpc(id) == vpcID && (rtID == "" || rtID == id) {
				rtID = id
				break
			}
		}
		if !m.RouteTables[rtID].Main {
			return nil, fmt.Errorf("no matching EC2 Route Table found (awsmock: VPC %q has no main route table)", vpcID)
		}
	}
	table, known := m.RouteTables[rtID]
	var subnets []string
	for _, id := range sortedKeys(m.Subnets) {
		if s := m.Subnets[id]; s.RouteTableId == rtID && rtID != "" {
			subnets = append(subnets, id)
		}
	}
	owner := m.routeTableVpc(rtID)
	if (!known && len(subnets) == 0) || (vpcID != "" && owner != vpcID) {
		return nil, fmt.Errorf("no matching EC2 Route Table found (awsmock: no route table %q in VPC %q)", rtID, vpcID)
	}
	var assocs []any
	if table.Main {
		assocs = append(assocs, map[string]any{
			"main": true, "routeTableAssociationId": "rtbassoc-main-" + rtID, "routeTableId": rtID,
			"subnetId": "", "gatewayId": "",
		})
	}
	for _, id := range subnets {
		assocs = append(assocs, map[string]any{
			"main": false, "routeTableAssociationId": "rtbassoc-" + id, "routeTableId": rtID,
			"subnetId": id, "gatewayId": "",
		})
	}
	local := "10.0.0.0/16"
	if v, ok := m.Vpcs[owner]; ok && v.CidrBlock != "" {
		local = v.CidrBlock
	}
	routes := []any{routeOutput(Route{CidrBlock: local, GatewayId: "local"})}
	for _, r := range table.Routes {
		routes = append(routes, routeOutput(r))
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"id":           rtID,
		"routeTableId": rtID,
		"arn":          m.arn("ec2", "route-table/"+rtID),
		"vpcId":        owner,
		"ownerId":      Account,
		"associations": assocs,
		"routes":       routes,
		"tags":         map[string]any{},
		"gatewayId":    "",
		"subnetId":     subnetID,
	}), nil
}

// routeTableVpc is the VPC of a route table: its own VpcId, or that of a
// subnet associated with it.
func (m *Mocks) routeTableVpc(rtID string) string {
	if rt := m.RouteTables[rtID]; rt.VpcId != "" {
		return rt.VpcId
	}
	for _, id := range sortedKeys(m.Subnets) {
		if s := m.Subnets[id]; s.RouteTableId == rtID && rtID != "" {
			return s.VpcId
		}
	}
	return ""
}

// routeOutput is a route as the look-up reports it, with every target
// field the provider's result has.
func routeOutput(r Route) map[string]any {
	return map[string]any{
		"cidrBlock": r.CidrBlock, "gatewayId": r.GatewayId, "natGatewayId": r.NatGatewayId,
		"carrierGatewayId": "", "coreNetworkArn": "", "destinationPrefixListId": "", "egressOnlyGatewayId": "",
		"instanceId": "", "ipv6CidrBlock": "", "localGatewayId": "", "networkInterfaceId": "",
		"transitGatewayId": "", "vpcEndpointId": "", "vpcPeeringConnectionId": "",
	}
}

// lookupVpcEndpoint answers ec2.LookupVpcEndpoint: exactly one endpoint
// must match every one of id, vpcId, serviceName and state that is given,
// and every filter (by vpc-endpoint-type, vpc-id or service-name).
func (m *Mocks) lookupVpcEndpoint(args resource.PropertyMap) (resource.PropertyMap, error) {
	if err := unsupported("getVpcEndpoint", args, "id", "vpcId", "serviceName", "state", "filters"); err != nil {
		return nil, err
	}
	id, vpcID, svc, state := stringArg(args, "id"), stringArg(args, "vpcId"), stringArg(args, "serviceName"), stringArg(args, "state")
	filters := map[string][]string{}
	if f, ok := args["filters"]; ok && f.IsArray() {
		for _, v := range f.ArrayValue() {
			if !v.IsObject() {
				continue
			}
			name := stringArg(v.ObjectValue(), "name")
			if !slices.Contains([]string{"vpc-endpoint-type", "vpc-id", "service-name"}, name) {
				return nil, fmt.Errorf("awsmock: getVpcEndpoint filter %q is not mocked", name)
			}
			var values []string
			if vs, ok := v.ObjectValue()["values"]; ok && vs.IsArray() {
				for _, s := range vs.ArrayValue() {
					if s.IsString() {
						values = append(values, s.StringValue())
					}
				}
			}
			filters[name] = values
		}
	}
	match := func(filter, value string) bool {
		values, ok := filters[filter]
		return !ok || slices.Contains(values, value)
	}
	var found []VpcEndpoint
	for _, e := range m.VpcEndpoints {
		if (id == "" || e.Id == id) && (vpcID == "" || e.VpcId == vpcID) &&
			(svc == "" || e.ServiceName == svc) && (state == "" || state == "available") &&
			match("vpc-endpoint-type", e.endpointType()) && match("vpc-id", e.VpcId) && match("service-name", e.ServiceName) {
			found = append(found, e)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no matching EC2 VPC Endpoint found (awsmock: none with id %q, vpcId %q, serviceName %q, filters %v)", id, vpcID, svc, filters)
	case 1:
	default:
		return nil, fmt.Errorf("multiple EC2 VPC Endpoints matched; use additional constraints to reduce matches to a single EC2 VPC Endpoint")
	}
	e := found[0]
	typ := e.endpointType()
	return resource.NewPropertyMapFromMap(map[string]any{
		"id":                  e.Id,
		"arn":                 m.arn("ec2", "vpc-endpoint/"+e.Id),
		"vpcId":               e.VpcId,
		"serviceName":         e.ServiceName,
		"vpcEndpointType":     typ,
		"privateDnsEnabled":   e.PrivateDnsEnabled,
		"routeTableIds":       toAny(e.RouteTableIds),
		"subnetIds":           toAny(e.SubnetIds),
		"securityGroupIds":    toAny(e.SecurityGroupIds),
		"networkInterfaceIds": []any{},
		"cidrBlocks":          []any{},
		"dnsEntries":          []any{},
		"dnsOptions":          []any{},
		"prefixListId":        e.PrefixListId,
		"ownerId":             Account,
		"policy":              "",
		"requesterManaged":    false,
		"state":               "available",
		"tags":                map[string]any{},
	}), nil
}

// lookupZone answers route53.LookupZone by zoneId, or by name and
// privateZone (false when not given, as for the provider).
func (m *Mocks) lookupZone(args resource.PropertyMap) (resource.PropertyMap, error) {
	if err := unsupported("getZone", args, "zoneId", "name", "privateZone"); err != nil {
		return nil, err
	}
	id, name := stringArg(args, "zoneId"), strings.TrimSuffix(stringArg(args, "name"), ".")
	private := false
	if v, ok := args["privateZone"]; ok && v.IsBool() {
		private = v.BoolValue()
	}
	for _, z := range m.HostedZones {
		if (id != "" && z.Id == id) || (id == "" && name != "" && z.Name == name && z.Private == private) {
			return resource.NewPropertyMapFromMap(map[string]any{
				"id":                       z.Id,
				"zoneId":                   z.Id,
				"name":                     z.Name,
				"arn":                      "arn:aws:route53:::hostedzone/" + z.Id,
				"privateZone":              z.Private,
				"nameServers":              []any{"ns-1.awsdns-01.org", "ns-2.awsdns-02.com"},
				"primaryNameServer":        "ns-1.awsdns-01.org",
				"callerReference":          "mock",
				"comment":                  "",
				"linkedServiceDescription": "",
				"linkedServicePrincipal":   "",
				"resourceRecordSetCount":   2,
				"tags":                     map[string]any{},
				"vpcId":                    "",
			}), nil
		}
	}
	return nil, fmt.Errorf("no matching Route 53 Hosted Zone found (awsmock: no zone with id %q or name %q)", id, name)
}

// AddHostedZone records a public hosted zone that the program looks up
// by name or by ID, and returns what it assumed. An empty id gets one
// made from the name; an empty name, one made from the domain it must
// hold: the domain without its first label.
func (m *Mocks) AddHostedZone(id, name, domain string) []string {
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		name = domain
		if i := strings.Index(domain, "."); i >= 0 && strings.Count(domain, ".") > 1 {
			name = domain[i+1:]
		}
	}
	if id == "" {
		id = "Z" + strings.ToUpper(fmt.Sprintf("%x", sha256.Sum256([]byte(name)))[:20])
	}
	m.HostedZones = append(m.HostedZones, HostedZone{Id: id, Name: name})
	return []string{fmt.Sprintf("public hosted zone %s (%s) exists in the account and holds %s", name, id, domain)}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
