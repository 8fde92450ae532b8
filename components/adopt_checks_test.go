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

// dnsOff is an adopted VPC with DNS support and DNS hostnames off, as AWS
// makes a VPC by default without the console's wizard (the brief's fact 4).
func dnsOff(m *awsmock.Mocks) { m.Vpcs["vpc-1"] = awsmock.Vpc{} }

// adoptingService is a PrivateFargateService on vpc-1 with literal IDs.
func adoptingService() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Network = network.NetworkArgs{Existing: adoptArgs().Existing}
	return a
}

// With literal IDs, an adopted VPC that cannot serve private tasks is
// refused before the first registration, by NewNetwork,
// NewPrivateFargateService and ValidatePrivateFargateService alike: no
// component, cluster, role, repository, image build, log group or task
// definition is registered, so none would be created, not even under
// `pulumi up --skip-preview`, which registers (and so creates) whatever
// the program registers before it fails. The fact behind this VPC's
// refusal: private DNS on an interface endpoint needs enableDnsSupport
// and enableDnsHostnames on the VPC (AWS PrivateLink guide, "DNS
// attributes for your VPC",
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-support).
func TestAdoptedVpcWithLiteralIdsRefusedBeforeAnythingRegisters(t *testing.T) {
	tests := []struct {
		name      string
		program   func(ctx *pulumi.Context) error
		piece     string
		wantField string
	}{
		{
			name: "NewNetwork",
			program: func(ctx *pulumi.Context) error {
				a := adoptArgs()
				_, err := network.NewNetwork(ctx, "main", &a)
				return err
			},
			piece: "Network", wantField: "Existing.VpcId",
		},
		{
			name: "NewPrivateFargateService",
			program: func(ctx *pulumi.Context) error {
				a := adoptingService()
				_, err := NewPrivateFargateService(ctx, testName, &a)
				return err
			},
			piece: "", wantField: "Network.Existing.VpcId",
		},
		{
			name: "ValidatePrivateFargateService",
			program: func(ctx *pulumi.Context) error {
				a := adoptingService()
				return ValidatePrivateFargateService(ctx, testName, &a)
			},
			piece: "", wantField: "Network.Existing.VpcId",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := adoptMocks()
			dnsOff(m)
			var got error
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				got = tt.program(ctx)
				return got
			}, pulumi.WithMocks(testProject, testStack, m))
			if err == nil {
				t.Fatal("program succeeded; want the VPC with DNS off refused")
			}
			var ve *check.ValidationError
			if !errors.As(got, &ve) {
				t.Fatalf("error = %v, want a *ValidationError", got)
			}
			if ve.Piece != tt.piece {
				t.Errorf("ValidationError.Piece = %q, want %q", ve.Piece, tt.piece)
			}
			var problems []string
			for _, p := range ve.Problems {
				if p.Field != tt.wantField {
					t.Errorf("problem under %s, want only %s: %s", p.Field, tt.wantField, p.Problem)
				}
				problems = append(problems, p.Problem)
			}
			all := strings.Join(problems, "\n")
			for _, w := range []string{"--enable-dns-support", "--enable-dns-hostnames"} {
				if !strings.Contains(all, w) {
					t.Errorf("problems do not say %q:\n%s", w, all)
				}
			}
			// The mock records every registration, component resources
			// included: there must be none.
			for _, r := range m.Resources() {
				t.Errorf("%s (%s) registered although the VPC was refused before registering", r.URN, r.Type)
			}
		})
	}
}

// The look-ups' problems come back together, in one ValidationError: the
// adopted VPC's beside a hosted zone that does not exist (Route 53 docs:
// a domain's records go in the public hosted zone that holds it).
func TestPrivateFargateServiceReportsVpcAndHostedZoneProblemsAtOnce(t *testing.T) {
	m := adoptMocks()
	dnsOff(m)
	a := withDomain(adoptingService())
	var got error
	_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
		got = ValidatePrivateFargateService(ctx, testName, &a)
		return got
	}, pulumi.WithMocks(testProject, testStack, m))
	var ve *check.ValidationError
	if !errors.As(got, &ve) {
		t.Fatalf("error = %v, want a *ValidationError", got)
	}
	fields := map[string]bool{}
	for _, p := range ve.Problems {
		fields[p.Field] = true
	}
	if !fields["Network.Existing.VpcId"] || !fields["Ingress.HostedZoneName"] {
		t.Errorf("problems under %v, want Network.Existing.VpcId and Ingress.HostedZoneName:\n%v", fields, got)
	}
}

// PrivateFargateService looks the adopted VPC up once, in its checks, and
// hands what it found to its network: the look-ups are not made again,
// and the ALB and the service use the listed subnets.
func TestPrivateFargateServiceLooksUpAnAdoptedVpcOnce(t *testing.T) {
	m := adoptMocks()
	_, _, err := runIn(t, m, adoptingService())
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	if got := invokesOf(m, iGetVpc); len(got) != 1 {
		t.Errorf("getVpc look-ups %v, want one", got)
	}
	if got := invokesOf(m, iGetSubnet); len(got) != 4 {
		t.Errorf("getSubnet look-ups %v, want one per listed subnet", got)
	}
	expectNone(t, m, vpcOwnedTypes...)
	expect(t, get(t, m, tALB, testName+"-alb"), "subnets", adoptPublic)
	expect(t, get(t, m, tService, testName+"-service"), "networkConfiguration.subnets", adoptPrivate)
	expect(t, get(t, m, tEndpoint, testName+"-vpce-s3"), "routeTableIds", adoptRouteTables)
}

// A subnet with no route table association of its own uses its VPC's main
// route table (VPC user guide, "Subnet route tables",
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html;
// EC2 API reference, DescribeRouteTables: no subnet ID is returned for an
// implicit association, so a look-up by subnet finds nothing). The checks
// then judge the main route table: a public subnet on a main route table
// that routes to an internet gateway is public, and a private subnet on a
// main route table that PrivateRouteTableIds lists gets the s3 gateway
// endpoint through it.
func TestAdoptedSubnetsOnTheMainRouteTable(t *testing.T) {
	t.Run("public subnet, main route table to an internet gateway", func(t *testing.T) {
		m := adoptMocks()
		m.RouteTables["rtb-main"] = awsmock.RouteTable{VpcId: "vpc-1", Main: true, Routes: []awsmock.Route{{CidrBlock: "0.0.0.0/0", GatewayId: "igw-1"}}}
		s := m.Subnets["subnet-pub-b"]
		s.RouteTableId = ""
		m.Subnets["subnet-pub-b"] = s
		if _, err := runNetwork(t, m, adoptArgs()); err != nil {
			t.Fatalf("program failed: %v", err)
		}
		var main []map[string]any
		for _, a := range invokesOf(m, iGetRouteTable) {
			if a["vpcId"] != nil {
				main = append(main, a)
			}
		}
		want := map[string]any{"vpcId": "vpc-1", "filters": []any{map[string]any{"name": "association.main", "values": []any{"true"}}}}
		if len(main) != 1 || !reflect.DeepEqual(normalize(main[0]), normalize(want)) {
			t.Errorf("main route table look-ups %v, want one: %v", main, want)
		}
	})
	t.Run("private subnet, main route table listed", func(t *testing.T) {
		m := adoptMocks()
		s := m.Subnets["subnet-priv-b"]
		s.RouteTableId = ""
		m.Subnets["subnet-priv-b"] = s
		a := adoptArgs()
		a.Existing.PrivateRouteTableIds = pulumi.ToStringArray([]string{"rtb-priv-a", "rtb-main"})
		if _, err := runNetwork(t, m, a); err != nil {
			t.Fatalf("program failed: %v", err)
		}
		expect(t, get(t, m, tEndpoint, "main-vpce-s3"), "routeTableIds", []string{"rtb-priv-a", "rtb-main"})
	})
}

// warningLog is the program's log with its warnings kept: Pulumi's mock
// engine drops what ctx.Log sends, and ctx.Log is an interface field, so a
// test puts this in its place.
type warningLog struct {
	pulumi.Log
	mu       sync.Mutex
	warnings []string
}

func (l *warningLog) Warn(msg string, args *pulumi.LogArgs) error {
	l.mu.Lock()
	l.warnings = append(l.warnings, msg)
	l.mu.Unlock()
	return l.Log.Warn(msg, args)
}

func (l *warningLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.warnings)
}

// runNetworkLogged is runNetworkOutputs that also returns the warnings
// the program logged.
func runNetworkLogged(t testing.TB, m *awsmock.Mocks, args func(*pulumi.Context) network.NetworkArgs) ([]string, error) {
	t.Helper()
	log := &warningLog{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		log.Log = ctx.Log
		ctx.Log = log
		a := args(ctx)
		n, err := network.NewNetwork(ctx, "main", &a)
		if err != nil {
			return err
		}
		// Exported, so the run waits for the deploy-time checks.
		ctx.Export("vpcId", n.VpcId)
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	return log.all(), err
}

// A listed private subnet that is public in effect is allowed, with a
// warning naming the subnet and the fix, whether its IDs are literals
// (looked up before registering) or Outputs (at deploy time):
//   - map_public_ip_on_launch gives network interfaces created in the
//     subnet a public IPv4 address (EC2 API reference,
//     ModifySubnetAttribute, MapPublicIpOnLaunch,
//     https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySubnetAttribute.html);
//     the tasks ask for none (ECS API reference, AwsVpcConfiguration,
//     assignPublicIp, default DISABLED) and the container instances'
//     launch template neither, but anything else launched there gets one;
//   - a route table that routes 0.0.0.0/0 to an internet gateway makes
//     the subnet public (VPC user guide, "Subnet route tables",
//     https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html);
//     tasks with no public IP cannot use that route, and anything with
//     one there is reachable from the internet.
func TestAdoptedPrivateSubnetThatIsPublicIsWarnedAbout(t *testing.T) {
	tests := []struct {
		name  string
		mocks func(*awsmock.Mocks)
		want  []string
	}{
		{
			name: "healthy",
		},
		{
			name: "maps public IPs on launch",
			mocks: func(m *awsmock.Mocks) {
				s := m.Subnets["subnet-priv-a"]
				s.MapPublicIpOnLaunch = true
				m.Subnets["subnet-priv-a"] = s
			},
			want: []string{"network main: Existing.PrivateSubnetIds[0]: private subnet subnet-priv-a maps public IPs on launch; the tasks and container instances get none (they turn it off), but anything else launched there gets one: run aws ec2 modify-subnet-attribute --subnet-id subnet-priv-a --no-map-public-ip-on-launch"},
		},
		{
			name: "routes to an internet gateway",
			mocks: func(m *awsmock.Mocks) {
				m.RouteTables["rtb-priv-b"] = awsmock.RouteTable{Routes: []awsmock.Route{{CidrBlock: "0.0.0.0/0", GatewayId: "igw-1"}}}
			},
			want: []string{"network main: Existing.PrivateSubnetIds[1]: private subnet subnet-priv-b uses route table rtb-priv-b, which routes 0.0.0.0/0 to internet gateway igw-1, so it is a public subnet; the tasks have no public IP and cannot use that route, and anything with one there is reachable from the internet: list subnets whose route table has no internet gateway route"},
		},
		{
			name: "both, on the main route table",
			mocks: func(m *awsmock.Mocks) {
				m.RouteTables["rtb-main"] = awsmock.RouteTable{VpcId: "vpc-1", Main: true, Routes: []awsmock.Route{{CidrBlock: "0.0.0.0/0", GatewayId: "igw-1"}}}
				s := m.Subnets["subnet-priv-b"]
				s.RouteTableId, s.MapPublicIpOnLaunch = "", true
				m.Subnets["subnet-priv-b"] = s
			},
			want: []string{
				"Existing.PrivateSubnetIds[1]: private subnet subnet-priv-b maps public IPs on launch",
				"Existing.PrivateSubnetIds[1]: private subnet subnet-priv-b uses the VPC's main route table rtb-main (it has no route table of its own), which routes 0.0.0.0/0 to internet gateway igw-1",
			},
		},
	}
	ids := map[string]func(*pulumi.Context) network.NetworkArgs{
		"literal IDs": func(*pulumi.Context) network.NetworkArgs {
			a := adoptArgs()
			a.Existing.PrivateRouteTableIds = pulumi.ToStringArray([]string{"rtb-priv-a", "rtb-priv-b", "rtb-main"})
			return a
		},
		"IDs from Outputs": func(*pulumi.Context) network.NetworkArgs {
			a := adoptArgs()
			a.Existing.PrivateRouteTableIds = pulumi.ToStringArray([]string{"rtb-priv-a", "rtb-priv-b", "rtb-main"})
			a.Existing.VpcId = pulumi.String("vpc-1").ToStringOutput().ApplyT(func(s string) string { return s }).(pulumi.StringOutput)
			return a
		},
	}
	for _, tt := range tests {
		for kind, args := range ids {
			t.Run(tt.name+", "+kind, func(t *testing.T) {
				m := adoptMocks()
				if tt.mocks != nil {
					tt.mocks(m)
				}
				warnings, err := runNetworkLogged(t, m, args)
				if err != nil {
					t.Fatalf("program failed: %v; want warnings only", err)
				}
				if len(warnings) != len(tt.want) {
					t.Errorf("%d warnings %q, want %d", len(warnings), warnings, len(tt.want))
				}
				for _, w := range tt.want {
					if !slices.ContainsFunc(warnings, func(s string) bool { return strings.Contains(s, w) }) {
						t.Errorf("no warning contains %q; got %q", w, warnings)
					}
				}
			})
		}
	}
}

// Inside a PrivateFargateService the adopted VPC is looked up once, in
// the service's checks, and its warnings are logged once, by the network,
// under the service's field path (EC2 API reference,
// ModifySubnetAttribute: a subnet that maps public IPs on launch gives
// one to every network interface created in it that does not refuse it).
func TestPrivateFargateServiceWarnsOnceAboutAPrivateSubnetThatMapsPublicIps(t *testing.T) {
	m := adoptMocks()
	s := m.Subnets["subnet-priv-b"]
	s.MapPublicIpOnLaunch = true
	m.Subnets["subnet-priv-b"] = s
	log := &warningLog{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		log.Log = ctx.Log
		ctx.Log = log
		a := adoptingService()
		_, err := NewPrivateFargateService(ctx, testName, &a)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("program failed: %v; want a warning only", err)
	}
	want := "network web: Network.Existing.PrivateSubnetIds[1]: private subnet subnet-priv-b maps public IPs on launch"
	if got := log.all(); len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("warnings %q, want one starting %q", got, want)
	}
}
