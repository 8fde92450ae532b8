package infra_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/existing-vpc/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

var update = flag.Bool("update", false, "rewrite testdata/dev.golden")

// projectDir holds the example's Pulumi.yaml and stack files.
const projectDir = ".."

// The dev stack's IDs, as Pulumi.dev.yaml sets them.
const vpcID = "vpc-0123456789abcdef0"

var (
	publicSubnets  = []string{"subnet-0aa1111111111111a", "subnet-0bb1111111111111b"}
	privateSubnets = []string{"subnet-0aa2222222222222a", "subnet-0bb2222222222222b"}
	routeTables    = []string{"rtb-0aa3333333333333a", "rtb-0bb3333333333333b"}
)

const (
	tEndpoint = "aws:ec2/vpcEndpoint:VpcEndpoint"
	tSG       = "aws:ec2/securityGroup:SecurityGroup"
	tEgress   = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tALB      = "aws:lb/loadBalancer:LoadBalancer"
	tService  = "aws:ecs/service:Service"

	iGetVpc         = "aws:ec2/getVpc:getVpc"
	iGetSubnet      = "aws:ec2/getSubnet:getSubnet"
	iGetRouteTable  = "aws:ec2/getRouteTable:getRouteTable"
	iGetVpcEndpoint = "aws:ec2/getVpcEndpoint:getVpcEndpoint"
)

// ownedByTheVpc are what the adopted VPC already has: the program must
// register (and so own, change or delete on destroy) none of them.
var ownedByTheVpc = []string{
	"aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable",
	"aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/route:Route",
	"aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip",
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
}

// devVpc are mocks holding the dev stack's VPC, healthy: DNS on, the
// subnets in us-east-1a and b, each private subnet on its own listed route
// table, and the s3 gateway endpoint on both.
func devVpc() *awsmock.Mocks {
	m := awsmock.New("us-east-1")
	m.AddExistingVpc(awsmock.ExistingVpc{
		VpcId: vpcID, PublicSubnetIds: publicSubnets, PrivateSubnetIds: privateSubnets,
		PrivateRouteTableIds: routeTables, Endpoints: []string{"s3"},
	})
	return m
}

// runStack runs a stack of the example from its files under m.
func runStack(t *testing.T, dir, stack string, m *awsmock.Mocks) error {
	t.Helper()
	files, err := stacks.LoadStackFiles(dir, stack)
	if err != nil {
		t.Fatal(err)
	}
	return pulumi.RunErr(infra.Program, files.RunOption(m))
}

func runDev(t *testing.T) *awsmock.Mocks {
	t.Helper()
	m := devVpc()
	if err := runStack(t, projectDir, "dev", m); err != nil {
		t.Fatalf("dev stack: %v", err)
	}
	return m
}

func invokes(m *awsmock.Mocks, token string) []map[string]any {
	var out []map[string]any
	for _, i := range m.Invokes() {
		if i.Token == token {
			out = append(out, i.Args.Mappable())
		}
	}
	return out
}

func expectNone(t *testing.T, m *awsmock.Mocks, types ...string) {
	t.Helper()
	for _, typ := range types {
		for _, r := range m.ByType(typ) {
			t.Errorf("%s registered; want no %s", r.URN, typ)
		}
	}
}

func TestDevStackGolden(t *testing.T) {
	awsmock.CheckGolden(t, filepath.Join("testdata", "dev.golden"), awsmock.Golden(runDev(t)), *update, "./examples/existing-vpc/...")
}

// An adopted VPC keeps its own VPC, subnets and routes: the stack
// registers none of them, creates only the endpoints the VPC lacks (it
// already has s3; a VPC holds one private-DNS interface endpoint per
// service, BRIEF fact 14), and places the ALB and tasks in the configured
// subnets.
func TestDevStackAdoptsTheVpc(t *testing.T) {
	m := runDev(t)
	expectNone(t, m, ownedByTheVpc...)

	var names []string
	for _, e := range m.ByType(tEndpoint) {
		names = append(names, e.Name)
	}
	if want := []string{"shared-vpce-ecr-api", "shared-vpce-ecr-dkr", "shared-vpce-logs"}; !slices.Equal(names, want) {
		t.Errorf("endpoints %v, want %v: the VPC's own s3 endpoint must not be created again", names, want)
	}
	for _, svc := range []string{"ecr-api", "ecr-dkr", "logs"} {
		e := awsmock.MustFind(t, m, tEndpoint, "shared-vpce-"+svc)
		awsmock.ExpectInput(t, e, "vpcId", vpcID)
		awsmock.ExpectInput(t, e, "vpcEndpointType", "Interface")
		awsmock.ExpectInput(t, e, "privateDnsEnabled", true)
		awsmock.ExpectInput(t, e, "subnetIds", privateSubnets)
		awsmock.ExpectInput(t, e, "securityGroupIds", []string{"shared-endpoint-sg_id"})
		awsmock.ExpectInput(t, e, "tags.needed-by", infra.Service)
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tSG, "shared-endpoint-sg"), "vpcId", vpcID)
	// The tasks reach S3 through the VPC's own gateway endpoint.
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tEgress, "orders-task-out-s3"), "prefixListId", "pl-existing-s3")
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tALB, "edge-alb"), "subnets", publicSubnets)
	svc := awsmock.MustFind(t, m, tService, "orders-service")
	awsmock.ExpectInput(t, svc, "networkConfiguration.subnets", privateSubnets)
	awsmock.ExpectInput(t, svc, "networkConfiguration.assignPublicIp", false)
	awsmock.ExpectInput(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE", "base": 0, "weight": 1}})
}

// The network checks the VPC before anything registers (the config's IDs
// are literals): one look-up of the VPC, one per subnet, each subnet's own
// route table (the public ones' for their internet gateway route, the
// private ones' for the s3 endpoint), and the existing s3 endpoint by VPC,
// name and type (a VPC may also have an s3 interface endpoint).
func TestDevStackLooksTheVpcUp(t *testing.T) {
	m := runDev(t)
	if got := invokes(m, iGetVpc); len(got) != 1 || got[0]["id"] != vpcID {
		t.Errorf("getVpc look-ups %v, want one with id %s", got, vpcID)
	}
	var subnets, rtSubnets []string
	for _, a := range invokes(m, iGetSubnet) {
		subnets = append(subnets, a["id"].(string))
	}
	for _, a := range invokes(m, iGetRouteTable) {
		rtSubnets = append(rtSubnets, a["subnetId"].(string))
	}
	slices.Sort(subnets)
	want := slices.Sorted(slices.Values(append(slices.Clone(publicSubnets), privateSubnets...)))
	if !slices.Equal(subnets, want) {
		t.Errorf("getSubnet look-ups %v, want %v", subnets, want)
	}
	slices.Sort(rtSubnets)
	if !slices.Equal(rtSubnets, want) {
		t.Errorf("getRouteTable look-ups by subnetId %v, want %v", rtSubnets, want)
	}
	wantEndpoint := []map[string]any{{
		"vpcId": vpcID, "serviceName": "com.amazonaws.us-east-1.s3",
		"filters": []any{map[string]any{"name": "vpc-endpoint-type", "values": []any{"Gateway"}}},
	}}
	if diff := cmp.Diff(awsmock.AsJSON(wantEndpoint), awsmock.AsJSON(invokes(m, iGetVpcEndpoint))); diff != "" {
		t.Errorf("getVpcEndpoint look-ups (-want +got):\n%s", diff)
	}
}

// Fact: private DNS on an interface endpoint needs enableDnsSupport and
// enableDnsHostnames on the VPC (AWS PrivateLink docs, "DNS attributes";
// BRIEF fact 4). A VPC with hostnames off is refused, naming the field,
// the VPC and the command that fixes it, before anything registers: not
// even the network component, so `pulumi up --skip-preview` creates
// nothing either.
func TestDevStackRefusesAVpcWithDnsHostnamesOff(t *testing.T) {
	m := devVpc()
	m.Vpcs[vpcID] = awsmock.Vpc{DnsSupport: true}
	err := runStack(t, projectDir, "dev", m)
	if err == nil {
		t.Fatal("the dev stack deployed into a VPC with DNS hostnames off")
	}
	for _, want := range []string{
		"invalid Network arguments",
		"Existing.VpcId: VPC " + vpcID + " has DNS hostnames off",
		"aws ec2 modify-vpc-attribute --vpc-id " + vpcID + " --enable-dns-hostnames",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	for _, r := range m.Resources() {
		t.Errorf("%s registered although the VPC was refused", r.URN)
	}
}

// Config errors name the key and the fix, all at once, and nothing is
// registered or looked up.
func TestConfigErrors(t *testing.T) {
	proj, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const region = "config:\n  aws:region: us-east-1\n"
	const good = "  existing-vpc:vpcId: vpc-1\n  existing-vpc:publicSubnetIds: [subnet-p1, subnet-p2]\n" +
		"  existing-vpc:privateSubnetIds: [subnet-q1, subnet-q2]\n  existing-vpc:privateRouteTableIds: [rtb-1]\n"
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"nothing set", region, []string{
			"invalid stack configuration (4 problems)",
			"existing-vpc:vpcId: not set; set it to the existing VPC's ID (pulumi config set existing-vpc:vpcId vpc-...)",
			"existing-vpc:publicSubnetIds: not set; list the ALB's public subnets, one per AZ, at least 2",
			"existing-vpc:privateSubnetIds: not set; list the tasks' private subnets, one per AZ, at least 2",
			"existing-vpc:privateRouteTableIds: not set; list the route table of every private subnet, at least 1",
		}},
		{"one private subnet", strings.Replace(region+good, "[subnet-q1, subnet-q2]", "[subnet-q1]", 1), []string{
			"existing-vpc:privateSubnetIds: 1 given; list the tasks' private subnets, one per AZ, at least 2",
		}},
		{"wrong kinds of ID", region + "  existing-vpc:vpcId: subnet-1\n  existing-vpc:publicSubnetIds: [subnet-p1, rtb-2]\n" +
			"  existing-vpc:privateSubnetIds: [subnet-q1, subnet-p1]\n  existing-vpc:privateRouteTableIds: [rtb-1]\n", []string{
			`existing-vpc:vpcId: "subnet-1" is not an ID of that kind; use vpc-...`,
			`existing-vpc:publicSubnetIds[1]: "rtb-2" is not an ID of that kind; use subnet-...`,
			"existing-vpc:privateSubnetIds: subnet-p1 is also in publicSubnetIds",
		}},
		{"existing interface endpoint without its group", region + good + "  existing-vpc:existingEndpoints: [s3, ecr.api]\n", []string{
			"existing-vpc:endpointSecurityGroupId: not set, but existingEndpoints names interface endpoints (ecr.api); set it to their security group",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range map[string]string{"Pulumi.yaml": string(proj), "Pulumi.bad.yaml": tt.body} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m := devVpc()
			err := runStack(t, dir, "bad", m)
			var ce *infra.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error = %v, want a *infra.ConfigError", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q:\n%v", want, err)
				}
			}
			for _, r := range m.Resources() {
				if r.Type != "pulumi:pulumi:Stack" {
					t.Errorf("%s registered although the config was refused", r.URN)
				}
			}
			if inv := m.Invokes(); len(inv) != 0 {
				t.Errorf("look-ups %v made although the config was refused", inv)
			}
		})
	}
}
