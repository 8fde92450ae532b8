package components

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Invoke tokens of the adopted VPC's deploy-time look-ups.
const (
	iGetVpc         = "aws:ec2/getVpc:getVpc"
	iGetSubnet      = "aws:ec2/getSubnet:getSubnet"
	iGetRouteTable  = "aws:ec2/getRouteTable:getRouteTable"
	iGetVpcEndpoint = "aws:ec2/getVpcEndpoint:getVpcEndpoint"
)

var (
	adoptPublic      = []string{"subnet-pub-a", "subnet-pub-b"}
	adoptPrivate     = []string{"subnet-priv-a", "subnet-priv-b"}
	adoptRouteTables = []string{"rtb-priv-a", "rtb-priv-b"}
)

// adoptMocks are mocks with a healthy existing VPC, vpc-1: DNS support and
// hostnames on, public subnets in us-east-1a and b sharing one route table
// that routes 0.0.0.0/0 to internet gateway igw-1, private subnets in
// us-east-1a and b, each with its own route table and no route out, and a
// main route table with the local route only.
func adoptMocks() *awsmock.Mocks {
	m := awsmock.New(testRegion)
	m.Vpcs["vpc-1"] = awsmock.Vpc{DnsSupport: true, DnsHostnames: true}
	m.RouteTables["rtb-public"] = awsmock.RouteTable{Routes: []awsmock.Route{{CidrBlock: "0.0.0.0/0", GatewayId: "igw-1"}}}
	m.RouteTables["rtb-main"] = awsmock.RouteTable{VpcId: "vpc-1", Main: true}
	m.Subnets["subnet-pub-a"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableId: "rtb-public"}
	m.Subnets["subnet-pub-b"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1b", RouteTableId: "rtb-public"}
	m.Subnets["subnet-priv-a"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableId: "rtb-priv-a"}
	m.Subnets["subnet-priv-b"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1b", RouteTableId: "rtb-priv-b"}
	return m
}

// adoptEndpoints are healthy existing endpoints of vpc-1 for the four
// services every service needs.
func adoptEndpoints() []awsmock.VpcEndpoint {
	iface := func(svc string) awsmock.VpcEndpoint {
		return awsmock.VpcEndpoint{
			Id: "vpce-" + strings.ReplaceAll(svc, ".", "-"), VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1." + svc,
			PrivateDnsEnabled: true, SubnetIds: adoptPrivate, SecurityGroupIds: []string{"sg-existing"},
		}
	}
	return []awsmock.VpcEndpoint{
		iface("ecr.api"), iface("ecr.dkr"), iface("logs"),
		{Id: "vpce-s3", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", RouteTableIds: adoptRouteTables, PrefixListId: "pl-63a5400a"},
	}
}

// adoptArgs adopt vpc-1 with literal IDs, for one service "web" with no
// features beyond image pulls and logs.
func adoptArgs() network.NetworkArgs {
	return network.NetworkArgs{Region: testRegion, Features: map[string]network.EndpointFeatures{"web": {}}, Existing: &network.ExistingVpcArgs{
		VpcId:                pulumi.String("vpc-1"),
		PublicSubnetIds:      pulumi.ToStringArray(adoptPublic),
		PrivateSubnetIds:     pulumi.ToStringArray(adoptPrivate),
		PrivateRouteTableIds: pulumi.ToStringArray(adoptRouteTables),
	}}
}

// networkOutputs are some of the network's outputs, resolved.
type networkOutputs struct {
	mu                 sync.Mutex
	vpcID, sgID        string
	zones, private     []string
	prefixLists, epIDs map[string]string
}

// runNetwork evaluates NewNetwork(ctx, "main", &args) under m and returns
// m and the error the program ended with.
func runNetwork(t testing.TB, m *awsmock.Mocks, args network.NetworkArgs) (*awsmock.Mocks, error) {
	t.Helper()
	_, err := runNetworkOutputs(t, m, func(*pulumi.Context) network.NetworkArgs { return args })
	return m, err
}

// runNetworkOutputs is runNetwork with the args built inside the program
// (so they may hold outputs) and the network's outputs resolved.
func runNetworkOutputs(t testing.TB, m *awsmock.Mocks, args func(*pulumi.Context) network.NetworkArgs) (*networkOutputs, error) {
	t.Helper()
	out := &networkOutputs{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		a := args(ctx)
		n, err := network.NewNetwork(ctx, "main", &a)
		if err != nil {
			return err
		}
		// Exported, so the run waits for it: an apply nothing depends on
		// may otherwise still be pending when the program ends.
		ctx.Export("probe", pulumi.All(n.VpcId, n.EndpointSecurityGroupId, n.AvailabilityZones, n.PrivateSubnetIds, n.GatewayPrefixListIds, n.EndpointIds).ApplyT(func(v []any) any {
			out.mu.Lock()
			defer out.mu.Unlock()
			out.vpcID, out.sgID = v[0].(string), v[1].(string)
			out.zones, out.private = v[2].([]string), v[3].([]string)
			out.prefixLists, out.epIDs = v[4].(map[string]string), v[5].(map[string]string)
			return nil
		}))
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	return out, err
}

// invokesOf returns the arguments of every look-up with this token, as
// plain maps, in order.
func invokesOf(m *awsmock.Mocks, token string) []map[string]any {
	var out []map[string]any
	for _, i := range m.Invokes() {
		if i.Token == token {
			out = append(out, i.Args.Mappable())
		}
	}
	return out
}

// expectNone fails when any resource of these types was registered.
func expectNone(t testing.TB, m *awsmock.Mocks, types ...string) {
	t.Helper()
	for _, typ := range types {
		for _, r := range m.ByType(typ) {
			t.Errorf("%s registered; want no %s", r.URN, typ)
		}
	}
}

// The VPC, its subnets, route tables, gateway, routes and default group
// already exist: adopting must not register (and so not own, change or
// delete on destroy) any of them.
var vpcOwnedTypes = []string{
	tVpc, tSubnet, tRouteTable, tRTA, tRoute, tDefaultSG, tNat, tEip,
	"aws:ec2/internetGateway:InternetGateway",
}

// An adopted healthy VPC gets only the endpoint security group and the
// endpoints: ecr.api, ecr.dkr and logs as interface endpoints with private
// DNS in the private subnets, and the s3 gateway endpoint on the private
// route tables (ECR docs, "Amazon ECR interface VPC endpoints
// (AWS PrivateLink)": Fargate pulls need com.amazonaws.region.ecr.api,
// ecr.dkr, the s3 gateway endpoint because layers are in S3, and logs for
// awslogs). The VPC, subnets and route tables are looked up at deploy time.
func TestAdoptedVpcGetsOnlyEndpointsAndTheirGroup(t *testing.T) {
	m := adoptMocks()
	out, err := runNetworkOutputs(t, m, func(*pulumi.Context) network.NetworkArgs { return adoptArgs() })
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	expectNone(t, m, vpcOwnedTypes...)

	sg := get(t, m, tSG, "main-endpoint-sg")
	expect(t, sg, "vpcId", "vpc-1")
	if n := len(m.ByType(tSG)); n != 1 {
		t.Errorf("%d security groups registered, want 1", n)
	}

	var names []string
	for _, r := range m.ByType(tEndpoint) {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	if want := []string{"main-vpce-ecr-api", "main-vpce-ecr-dkr", "main-vpce-logs", "main-vpce-s3"}; !slices.Equal(names, want) {
		t.Fatalf("endpoints %v, want %v", names, want)
	}
	for _, svc := range []string{"ecr.api", "ecr.dkr", "logs"} {
		ep := get(t, m, tEndpoint, "main-vpce-"+strings.ReplaceAll(svc, ".", "-"))
		expect(t, ep, "vpcId", "vpc-1")
		expect(t, ep, "serviceName", "com.amazonaws.us-east-1."+svc)
		expect(t, ep, "vpcEndpointType", "Interface")
		expect(t, ep, "privateDnsEnabled", true)
		expect(t, ep, "subnetIds", adoptPrivate)
		expect(t, ep, "securityGroupIds", []string{"main-endpoint-sg_id"})
		if in(ep, "routeTableIds") != nil {
			t.Errorf("%s: interface endpoint has routeTableIds %v", ep.URN, in(ep, "routeTableIds"))
		}
	}
	s3 := get(t, m, tEndpoint, "main-vpce-s3")
	expect(t, s3, "vpcId", "vpc-1")
	expect(t, s3, "serviceName", "com.amazonaws.us-east-1.s3")
	expect(t, s3, "vpcEndpointType", "Gateway")
	expect(t, s3, "routeTableIds", adoptRouteTables)
	for _, k := range []string{"subnetIds", "securityGroupIds", "privateDnsEnabled"} {
		if in(s3, k) != nil {
			t.Errorf("%s: gateway endpoint has %s %v", s3.URN, k, in(s3, k))
		}
	}

	// The look-ups: the VPC, every subnet, each private subnet's own route
	// table; no endpoint look-up when none is listed as existing, and no
	// zone look-up: the zones are the private subnets'.
	if got := invokesOf(m, iGetVpc); len(got) != 1 || got[0]["id"] != "vpc-1" {
		t.Errorf("getVpc look-ups %v, want one with id vpc-1", got)
	}
	var subnets, rtSubnets []string
	for _, a := range invokesOf(m, iGetSubnet) {
		subnets = append(subnets, a["id"].(string))
	}
	for _, a := range invokesOf(m, iGetRouteTable) {
		rtSubnets = append(rtSubnets, a["subnetId"].(string))
	}
	slices.Sort(subnets)
	slices.Sort(rtSubnets)
	want := []string{"subnet-priv-a", "subnet-priv-b", "subnet-pub-a", "subnet-pub-b"}
	if !slices.Equal(subnets, want) {
		t.Errorf("getSubnet look-ups %v, want %v", subnets, want)
	}
	// Every subnet has a route table of its own: no main route table
	// look-up.
	if !slices.Equal(rtSubnets, want) {
		t.Errorf("getRouteTable look-ups by subnetId %v, want %v", rtSubnets, want)
	}
	if got := invokesOf(m, iGetVpcEndpoint); len(got) != 0 {
		t.Errorf("getVpcEndpoint look-ups %v, want none", got)
	}
	if got := invokesOf(m, "aws:index/getAvailabilityZones:getAvailabilityZones"); len(got) != 0 {
		t.Errorf("getAvailabilityZones look-ups %v, want none for an adopted VPC", got)
	}

	out.mu.Lock()
	defer out.mu.Unlock()
	if out.vpcID != "vpc-1" || out.sgID != "main-endpoint-sg_id" {
		t.Errorf("VpcId %q, EndpointSecurityGroupId %q; want vpc-1, main-endpoint-sg_id", out.vpcID, out.sgID)
	}
	if !slices.Equal(out.zones, []string{"us-east-1a", "us-east-1b"}) || !slices.Equal(out.private, adoptPrivate) {
		t.Errorf("AvailabilityZones %v, PrivateSubnetIds %v", out.zones, out.private)
	}
	if out.prefixLists["s3"] != "pl-s3" {
		t.Errorf("GatewayPrefixListIds %v, want s3 from the created endpoint", out.prefixLists)
	}
}

// A VPC holds one interface endpoint with private DNS per service, so the
// ones it already has are not created again (AWS PrivateLink docs,
// "Enable private DNS": private DNS can be on for only one endpoint of a
// service per VPC), and with the endpoints' own security group given no
// group is created either. The adopted s3 endpoint's prefix list is the
// one the tasks reach S3 through.
func TestAdoptedVpcWithAllEndpointsRegistersNothingNew(t *testing.T) {
	m := adoptMocks()
	m.VpcEndpoints = adoptEndpoints()
	out, err := runNetworkOutputs(t, m, func(*pulumi.Context) network.NetworkArgs {
		a := adoptArgs()
		a.Existing.EndpointServices = []string{"ecr.api", "ecr.dkr", "logs", "s3"}
		a.Existing.EndpointSecurityGroupId = pulumi.String("sg-existing")
		return a
	})
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	expectNone(t, m, append([]string{tEndpoint, tSG, tIngress, tEgress}, vpcOwnedTypes...)...)

	var looked []string
	for _, a := range invokesOf(m, iGetVpcEndpoint) {
		if a["vpcId"] != "vpc-1" {
			t.Errorf("getVpcEndpoint %v not scoped to vpc-1", a)
		}
		looked = append(looked, a["serviceName"].(string))
	}
	slices.Sort(looked)
	want := []string{"com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"}
	if !slices.Equal(looked, want) {
		t.Errorf("getVpcEndpoint look-ups %v, want %v", looked, want)
	}

	out.mu.Lock()
	defer out.mu.Unlock()
	if out.sgID != "sg-existing" || out.prefixLists["s3"] != "pl-63a5400a" || len(out.epIDs) != 0 {
		t.Errorf("EndpointSecurityGroupId %q, GatewayPrefixListIds %v, EndpointIds %v; want sg-existing, the adopted pl-63a5400a, none",
			out.sgID, out.prefixLists, out.epIDs)
	}
}

// A VPC may have an s3 interface endpoint (for on-premises access to S3)
// next to the s3 gateway endpoint (Amazon S3 docs, "AWS PrivateLink for
// Amazon S3": both types can be in one VPC). The adopted "s3" is the
// gateway one, whose prefix list the tasks reach S3 through.
func TestAdoptedS3GatewayEndpointNextToAnS3InterfaceEndpoint(t *testing.T) {
	m := adoptMocks()
	m.VpcEndpoints = append(adoptEndpoints(), awsmock.VpcEndpoint{
		Id: "vpce-s3-interface", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: "Interface",
		SubnetIds: adoptPrivate, SecurityGroupIds: []string{"sg-existing"},
	})
	out, err := runNetworkOutputs(t, m, func(*pulumi.Context) network.NetworkArgs {
		a := adoptArgs()
		a.Existing.EndpointServices = []string{"s3"}
		return a
	})
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	if m.Find(tEndpoint, "main-vpce-s3") != nil {
		t.Errorf("the s3 gateway endpoint was created again")
	}
	get(t, m, tEndpoint, "main-vpce-ecr-api")
	for _, a := range invokesOf(m, iGetVpcEndpoint) {
		if got := normalize(a["filters"]); !reflect.DeepEqual(got, normalize([]any{map[string]any{"name": "vpc-endpoint-type", "values": []any{"Gateway"}}})) {
			t.Errorf("getVpcEndpoint filters %v, want the type Gateway", got)
		}
	}
	out.mu.Lock()
	defer out.mu.Unlock()
	if out.prefixLists["s3"] != "pl-63a5400a" {
		t.Errorf("GatewayPrefixListIds %v, want s3 from the adopted gateway endpoint", out.prefixLists)
	}
}

// Each refusal names the field, the VPC and the fix. With literal IDs
// (as here) the look-ups run before anything registers, so nothing is
// registered at all, not even the network component.
func TestAdoptedVpcRefusals(t *testing.T) {
	tests := []struct {
		name string
		// fact is the AWS fact the refusal rests on, and its source.
		fact  string
		mocks func(*awsmock.Mocks)
		args  func(*network.ExistingVpcArgs)
		// field is the field the (first) problem is reported under.
		field string
		want  []string
	}{
		{
			name: "DNS hostnames off",
			fact: "AWS PrivateLink docs, DNS attributes: private DNS on an interface endpoint needs enableDnsSupport and enableDnsHostnames",
			mocks: func(m *awsmock.Mocks) {
				m.Vpcs["vpc-1"] = awsmock.Vpc{DnsSupport: true}
			},
			field: "Existing.VpcId",
			want:  []string{"VPC vpc-1 has DNS hostnames off", "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames"},
		},
		{
			name: "DNS support off",
			fact: "AWS PrivateLink docs, DNS attributes: private DNS on an interface endpoint needs enableDnsSupport and enableDnsHostnames",
			mocks: func(m *awsmock.Mocks) {
				m.Vpcs["vpc-1"] = awsmock.Vpc{DnsHostnames: true}
			},
			field: "Existing.VpcId",
			want:  []string{"VPC vpc-1 has DNS support off", "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support"},
		},
		{
			name: "private subnets in one AZ",
			fact: "ELB docs, Availability Zones: an ALB needs subnets in at least two AZs; tasks in one AZ would leave it with one",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-priv-b"]
				s.AvailabilityZone = "us-east-1a"
				m.Subnets["subnet-priv-b"] = s
			},
			field: "Existing.PrivateSubnetIds",
			want:  []string{"the private subnets of VPC vpc-1 are in 1 AZ (us-east-1a)", "list private subnets in 2 or more AZs"},
		},
		{
			name: "public subnets miss a private subnet's AZ",
			fact: "ELB docs, Availability Zones: the ALB routes only to targets in AZs it has a subnet in",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-pub-b"]
				s.AvailabilityZone = "us-east-1c"
				m.Subnets["subnet-pub-b"] = s
			},
			field: "Existing.PublicSubnetIds",
			want:  []string{"the public subnets of VPC vpc-1 do not cover the tasks' AZ us-east-1b", "add a public subnet there"},
		},
		{
			name: "private route table not listed",
			fact: "VPC docs, gateway endpoints: a gateway endpoint serves only subnets whose route table it is on; ECR layers come from S3",
			args: func(e *network.ExistingVpcArgs) {
				e.PrivateRouteTableIds = pulumi.ToStringArray([]string{"rtb-priv-a"})
			},
			field: "Existing.PrivateRouteTableIds",
			want:  []string{"private subnet subnet-priv-b uses route table rtb-priv-b, which PrivateRouteTableIds does not list", "so add rtb-priv-b"},
		},
		{
			name: "private subnet on the main route table, not listed",
			fact: "VPC docs, Subnet route tables: a subnet with no association of its own uses the main route table, which the endpoint would not be on unless it is listed",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-priv-b"]
				s.RouteTableId = ""
				m.Subnets["subnet-priv-b"] = s
			},
			field: "Existing.PrivateRouteTableIds",
			want:  []string{"private subnet subnet-priv-b uses the VPC's main route table rtb-main (it has no route table of its own)", "associate a route table of its own and list it, or add rtb-main"},
		},
		{
			name: "private subnet with no route table at all",
			fact: "EC2 API, DescribeRouteTables: a subnet with no explicit association is implicitly associated with the main route table; here it cannot be found either",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-priv-b"]
				s.RouteTableId = ""
				m.Subnets["subnet-priv-b"] = s
				delete(m.RouteTables, "rtb-main")
			},
			field: "Existing.PrivateSubnetIds[1]",
			want:  []string{"private subnet subnet-priv-b has no route table of its own", "the main route table of VPC vpc-1 cannot be looked up", "associate a route table of its own and list it in PrivateRouteTableIds"},
		},
		{
			// ELB user guide, "Subnets for your load balancer" and the
			// ELBv2 API reference, CreateLoadBalancer Subnets ("The IDs
			// of the public subnets") and Scheme ("The nodes of an
			// internet-facing load balancer have public IP addresses");
			// VPC user guide, "Subnet route tables": a subnet reaches the
			// internet through a route 0.0.0.0/0 to an internet gateway.
			name: "public subnets without a route to an internet gateway",
			fact: "an internet-facing load balancer must be in public subnets, whose route table routes 0.0.0.0/0 to an internet gateway",
			mocks: func(m *awsmock.Mocks) {
				m.RouteTables["rtb-public"] = awsmock.RouteTable{}
			},
			field: "Existing.PublicSubnetIds[0]",
			want: []string{
				"public subnet subnet-pub-a uses route table rtb-public, which has no route 0.0.0.0/0 to an internet gateway, so an internet-facing ALB there cannot be reached",
				"Existing.PublicSubnetIds[1]: public subnet subnet-pub-b uses route table rtb-public",
				"aws ec2 create-route --route-table-id rtb-public --destination-cidr-block 0.0.0.0/0 --gateway-id",
			},
		},
		{
			name: "public subnets route to a NAT gateway, not an internet gateway",
			fact: "VPC user guide, Subnet route tables: only a route to an internet gateway (igw-...) makes a subnet public; a NAT gateway takes no connections from the internet",
			mocks: func(m *awsmock.Mocks) {
				m.RouteTables["rtb-public"] = awsmock.RouteTable{Routes: []awsmock.Route{{CidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1"}}}
			},
			field: "Existing.PublicSubnetIds[0]",
			want:  []string{"public subnet subnet-pub-a uses route table rtb-public, which has no route 0.0.0.0/0 to an internet gateway"},
		},
		{
			name: "public subnet on a main route table with no internet route",
			fact: "VPC user guide, Subnet route tables; EC2 API, DescribeRouteTables: a subnet with no explicit association uses the VPC's main route table",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-pub-b"]
				s.RouteTableId = ""
				m.Subnets["subnet-pub-b"] = s
			},
			field: "Existing.PublicSubnetIds[1]",
			want:  []string{"public subnet subnet-pub-b uses the VPC's main route table rtb-main (it has no route table of its own), which has no route 0.0.0.0/0 to an internet gateway"},
		},
		{
			name: "subnet of another region",
			fact: "endpoint service names are regional (com.amazonaws.<region>.<service>): a network that names us-east-1 services cannot serve subnets the provider finds in eu-west-1",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-pub-a"]
				s.AvailabilityZone = "eu-west-1a"
				m.Subnets["subnet-pub-a"] = s
			},
			field: "Existing.PublicSubnetIds[0]",
			want:  []string{"public subnet subnet-pub-a is in zone eu-west-1a, which is not in the network's region us-east-1", "set Region to the VPC's region"},
		},
		{
			name: "private subnet in another VPC",
			fact: "VPC docs: a VPC endpoint's subnets must be in the endpoint's VPC",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-priv-b"]
				s.VpcId = "vpc-2"
				m.Subnets["subnet-priv-b"] = s
			},
			field: "Existing.PrivateSubnetIds[1]",
			want:  []string{"private subnet subnet-priv-b is in VPC vpc-2, not vpc-1", "list subnets of VPC vpc-1"},
		},
		{
			name: "existing interface endpoint with private DNS off",
			fact: "AWS PrivateLink docs, Enable private DNS: without it the service's default DNS name resolves to public addresses",
			mocks: func(m *awsmock.Mocks) {
				m.VpcEndpoints = adoptEndpoints()
				m.VpcEndpoints[0].PrivateDnsEnabled = false
			},
			args: func(e *network.ExistingVpcArgs) {
				e.EndpointServices = []string{"ecr.api"}
				e.EndpointSecurityGroupId = pulumi.String("sg-existing")
			},
			field: "Existing.EndpointServices[0]",
			want:  []string{"the ecr.api endpoint vpce-ecr-api of VPC vpc-1 has private DNS off", "turn private DNS on"},
		},
		{
			name: "existing interface endpoint in another security group",
			fact: "AWS PrivateLink docs, Security groups: an interface endpoint admits only what its own security groups allow, so the tasks must be admitted to one of them",
			mocks: func(m *awsmock.Mocks) {
				m.VpcEndpoints = adoptEndpoints()
			},
			args: func(e *network.ExistingVpcArgs) {
				e.EndpointServices = []string{"ecr.api"}
				e.EndpointSecurityGroupId = pulumi.String("sg-other")
			},
			field: "Existing.EndpointSecurityGroupId",
			want:  []string{"the ecr.api endpoint vpce-ecr-api of VPC vpc-1 has security groups sg-existing, not EndpointSecurityGroupId sg-other", "set EndpointSecurityGroupId to the endpoint's group or add sg-other to the endpoint"},
		},
		{
			name: "existing s3 gateway endpoint misses a private route table",
			fact: "ECR docs, interface VPC endpoints: image layers come from S3 through the gateway endpoint, which serves only the route tables it is on",
			mocks: func(m *awsmock.Mocks) {
				m.VpcEndpoints = adoptEndpoints()
				m.VpcEndpoints[3].RouteTableIds = []string{"rtb-priv-a"}
			},
			args: func(e *network.ExistingVpcArgs) {
				e.EndpointServices = []string{"s3"}
			},
			field: "Existing.EndpointServices[0]",
			want:  []string{"the s3 gateway endpoint vpce-s3 of VPC vpc-1 is not on route table rtb-priv-b", "add those route tables to it"},
		},
		{
			name: "listed endpoint missing",
			fact: "the endpoint must exist for EndpointServices to skip creating it",
			args: func(e *network.ExistingVpcArgs) {
				e.EndpointServices = []string{"logs"}
				e.EndpointSecurityGroupId = pulumi.String("sg-existing")
			},
			field: "Existing.EndpointServices[0]",
			want:  []string{"VPC vpc-1 has no logs endpoint of type Interface", "no matching EC2 VPC Endpoint found", "remove logs from EndpointServices"},
		},
		{
			name: "unknown VPC",
			fact: "the look-up fails as the provider's does",
			mocks: func(m *awsmock.Mocks) {
				delete(m.Vpcs, "vpc-1")
			},
			field: "Existing.VpcId",
			want:  []string{"look up VPC vpc-1", "no matching EC2 VPC found", "check the ID, and that the provider's account and region (us-east-1) hold it"},
		},
		{
			name: "two problems at once",
			fact: "both facts above; every problem is reported in one error",
			mocks: func(m *awsmock.Mocks) {
				m.Vpcs["vpc-1"] = awsmock.Vpc{DnsSupport: true}
				s := m.Subnets["subnet-pub-b"]
				s.AvailabilityZone = "us-east-1c"
				m.Subnets["subnet-pub-b"] = s
			},
			field: "Existing.VpcId",
			want:  []string{"VPC vpc-1 has DNS hostnames off", "--enable-dns-hostnames", "Existing.PublicSubnetIds: the public subnets of VPC vpc-1 do not cover the tasks' AZ us-east-1b", "add a public subnet there"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := adoptMocks()
			if tt.mocks != nil {
				tt.mocks(m)
			}
			a := adoptArgs()
			if tt.args != nil {
				tt.args(a.Existing)
			}
			_, err := runNetwork(t, m, a)
			if err == nil {
				t.Fatalf("program succeeded; want it refused (%s)", tt.fact)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			if !strings.Contains(err.Error(), "invalid Network arguments") || !strings.Contains(err.Error(), "\n  "+tt.field+": ") {
				t.Errorf("error is not a Network validation error naming %s:\n%v", tt.field, err)
			}
			for _, r := range m.Resources() {
				t.Errorf("%s registered although the VPC was refused before registering", r.URN)
			}
		})
	}
}

// What can be known before deploying is refused before anything is
// registered, naming each field.
func TestAdoptedVpcValidation(t *testing.T) {
	tests := []struct {
		name  string
		args  func(*network.NetworkArgs)
		field string
		want  string
	}{
		{"VPC ID without prefix", func(a *network.NetworkArgs) { a.Existing.VpcId = pulumi.String("vpc") }, "Existing.VpcId", `"vpc" is not an ID of that kind; use vpc-...`},
		{"one private subnet", func(a *network.NetworkArgs) {
			a.Existing.PrivateSubnetIds = pulumi.ToStringArray([]string{"subnet-priv-a"})
		}, "Existing.PrivateSubnetIds", "1 given; list at least 2"},
		{"existing interface endpoint without its group", func(a *network.NetworkArgs) { a.Existing.EndpointServices = []string{"ecr.api", "s3"} }, "Existing.EndpointSecurityGroupId", "interface endpoints (ecr.api) need their security group"},
		{"CIDR with Existing", func(a *network.NetworkArgs) { a.CidrBlock = "10.0.0.0/16" }, "CidrBlock", "an adopted VPC keeps its own layout; remove CidrBlock"},
	}
	check := func(t *testing.T, a network.NetworkArgs, want map[string]string) {
		t.Helper()
		m, err := runNetwork(t, adoptMocks(), a)
		var ve *check.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("error = %v, want a *ValidationError", err)
		}
		got := map[string]string{}
		for _, p := range ve.Problems {
			got[p.Field] += p.Problem
		}
		for field, w := range want {
			if !strings.Contains(got[field], w) {
				t.Errorf("problem of %s = %q, want it to contain %q (all: %v)", field, got[field], w, err)
			}
		}
		if len(got) != len(want) {
			t.Errorf("problems %v, want only %v", got, want)
		}
		for _, r := range m.Resources() {
			t.Errorf("%s registered although the args were refused", r.URN)
		}
		if inv := m.Invokes(); len(inv) != 0 {
			t.Errorf("look-ups %v made although the args were refused", inv)
		}
	}
	all := adoptArgs()
	wantAll := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := adoptArgs()
			tt.args(&a)
			check(t, a, map[string]string{tt.field: tt.want})
		})
		tt.args(&all)
		wantAll[tt.field] = tt.want
	}
	t.Run("all at once", func(t *testing.T) { check(t, all, wantAll) })
}

// An ID that is an output is not known before deploying; the deploy-time
// look-ups still check it (AWS PrivateLink docs, DNS attributes: private
// DNS needs enableDnsSupport and enableDnsHostnames).
func TestAdoptedVpcIdFromAnOutputIsCheckedAtDeployTime(t *testing.T) {
	outputArgs := func(*pulumi.Context) network.NetworkArgs {
		a := adoptArgs()
		// Not a literal: validation cannot see it, and a bad prefix would
		// pass it.
		a.Existing.VpcId = pulumi.String("vpc-1").ToStringOutput().ApplyT(func(s string) string { return s }).(pulumi.StringOutput)
		return a
	}

	t.Run("healthy", func(t *testing.T) {
		m := adoptMocks()
		if _, err := runNetworkOutputs(t, m, outputArgs); err != nil {
			t.Fatalf("program failed: %v", err)
		}
		expect(t, get(t, m, tEndpoint, "main-vpce-logs"), "vpcId", "vpc-1")
		expect(t, get(t, m, tSG, "main-endpoint-sg"), "vpcId", "vpc-1")
	})

	t.Run("DNS hostnames off", func(t *testing.T) {
		m := adoptMocks()
		m.Vpcs["vpc-1"] = awsmock.Vpc{DnsSupport: true}
		_, err := runNetworkOutputs(t, m, outputArgs)
		if err == nil || !strings.Contains(err.Error(), "VPC vpc-1 has DNS hostnames off") {
			t.Fatalf("error = %v, want DNS hostnames of vpc-1 refused", err)
		}
		if got := invokesOf(m, iGetVpc); len(got) != 1 || got[0]["id"] != "vpc-1" {
			t.Errorf("getVpc look-ups %v, want one with id vpc-1", got)
		}
		expectNone(t, m, tEndpoint, tSG)
	})

	// ELB user guide, "Subnets for your load balancer"; ELBv2 API
	// reference, CreateLoadBalancer: an internet-facing load balancer's
	// subnets are public subnets, routing 0.0.0.0/0 to an internet
	// gateway. Checked at deploy time too, by field; only the network
	// component is registered before the IDs resolve.
	t.Run("public subnets without an internet route", func(t *testing.T) {
		m := adoptMocks()
		m.RouteTables["rtb-public"] = awsmock.RouteTable{}
		_, err := runNetworkOutputs(t, m, outputArgs)
		for _, w := range []string{
			"network main: the adopted VPC vpc-1 cannot serve private tasks: invalid Network arguments (2 problems)",
			"Existing.PublicSubnetIds[0]: public subnet subnet-pub-a uses route table rtb-public, which has no route 0.0.0.0/0 to an internet gateway",
			"Existing.PublicSubnetIds[1]: public subnet subnet-pub-b",
		} {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("error = %v, want it to contain %q", err, w)
			}
		}
		expectNone(t, m, tEndpoint, tSG)
		if got := m.ByType(network.NetworkType); len(got) != 1 {
			t.Errorf("%d network components registered, want the one that waits for the IDs", len(got))
		}
	})
}
