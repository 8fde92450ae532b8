package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A Platform under mocks exports its contract as the plain object a
// stack output holds, every key in lowerCamel case as the README's
// contract table spells it (the port and priority ranges included), and
// that object reads back into the same contract.
func TestPlatformContractOutputIsItsJSONForm(t *testing.T) {
	var got map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		pl, err := NewPlatform(ctx, "acme", &PlatformArgs{Teams: []TeamArgs{{Name: "payments"}}})
		if err != nil {
			return err
		}
		pl.Contract.ApplyT(func(v any) any {
			got, _ = v.(map[string]any)
			return nil
		})
		return nil
	}, pulumi.WithMocks(testProject, testStack, awsmock.New(testRegion)))
	if err != nil {
		t.Fatalf("NewPlatform: %v", err)
	}
	if got == nil {
		t.Fatal("the platform's contract output is not an object")
	}
	lb := got["loadBalancers"].([]any)[0].(map[string]any)
	wantRanges := []any{map[string]any{"team": "payments", "from": 1.0, "to": 5000.0, "maxServices": 10.0}}
	if d := cmp.Diff(wantRanges, lb["priorityRanges"]); d != "" {
		t.Errorf("loadBalancers[0].priorityRanges (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]any{"from": 1024.0, "to": 65535.0}, lb["targetPorts"]); d != "" {
		t.Errorf("loadBalancers[0].targetPorts (-want +got):\n%s", d)
	}
	c, err := decodePlatformContract(got)
	if err != nil {
		t.Fatalf("the contract output does not read back: %v", err)
	}
	back, err := contractMap(*c)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(got)
	again, _ := json.Marshal(back)
	if d := cmp.Diff(string(want), string(again)); d != "" {
		t.Errorf("the contract changes when read back (-output +read back):\n%s", d)
	}
}

// attachedPlatform is a deployed platform's contract, as a service
// program reads it.
func attachedPlatform() *PlatformContract {
	return &PlatformContract{
		Version: PlatformContractVersion, Name: "acme", Region: testRegion, Partition: "aws",
		Network: PlatformNetwork{
			VpcId:                         "vpc-0a1b2c3d4e5f60001",
			PublicSubnets:                 []PlatformSubnet{{Id: "subnet-0a1b2c3d4e5f60003", Zone: "us-east-1a"}, {Id: "subnet-0a1b2c3d4e5f60004", Zone: "us-east-1b"}},
			PrivateSubnets:                []PlatformSubnet{{Id: "subnet-0a1b2c3d4e5f60001", Zone: "us-east-1a"}, {Id: "subnet-0a1b2c3d4e5f60002", Zone: "us-east-1b"}},
			PrivateRouteTableIds:          []string{"rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"},
			Endpoints:                     map[string]string{"ecr.api": network.EndpointInterface, "ecr.dkr": network.EndpointInterface, "logs": network.EndpointInterface, "s3": network.EndpointGateway},
			EndpointSecurityGroupId:       "sg-0a1b2c3d4e5f60004",
			EndpointClientSecurityGroupId: "sg-0a1b2c3d4e5f60003",
			GatewayPrefixListIds:          map[string]string{"s3": "pl-63a5400a"},
		},
		LoadBalancers: []PlatformLoadBalancer{{
			Name: "main", Arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/acme-main-alb/50dc6c495c0c9188",
			ArnSuffix: "app/acme-main-alb/50dc6c495c0c9188", DnsName: "acme-main-alb.us-east-1.elb.amazonaws.com", ZoneId: "Z35SXDOTRQ7X7K",
			SecurityGroupId: "sg-0a1b2c3d4e5f60001", TargetSecurityGroupId: "sg-0a1b2c3d4e5f60002", TargetPorts: edge.PortRange{From: 1024, To: 65535},
			Listeners:      map[string]string{edge.ListenerHttp: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/acme-main-alb/50dc6c495c0c9188/f2f7dc8efc522ab2"},
			PriorityRanges: []edge.PriorityRange{{Team: "payments", From: 1, To: 5000}},
		}},
		Cluster: PlatformCluster{
			Name: "acme", Arn: "arn:aws:ecs:us-east-1:123456789012:cluster/acme-cluster", ClusterName: "acme-cluster",
			CapacityProviders: []string{cluster.ProviderFargate, cluster.ProviderFargateSpot}, Fargate: true,
		},
	}
}

// A component provider builds each service in a context of its own.
// Contexts that share a scope refuse a listener rule priority another of
// them took, as one program does; contexts that do not, do not see each
// other's (each Go program run is a scope of its own).
func TestShareRuleClaimsRefusesAPriorityAnotherContextTook(t *testing.T) {
	service := func(scope any, name string) error {
		return pulumi.RunErr(func(ctx *pulumi.Context) error {
			if scope != nil {
				service.ShareRuleClaims(ctx, scope)
			}
			c := attachedPlatform()
			lb, err := c.LoadBalancer("main")
			if err != nil {
				return err
			}
			_, err = service.NewWebService(ctx, name, &service.WebServiceArgs{
				Network: c.NetworkContract(), Cluster: c.ClusterContract(), LoadBalancer: lb,
				Route:     &service.ServiceRoute{Hosts: []string{name + ".example.com"}, Team: "payments", Priority: 10},
				Container: service.ContainerArgs{Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")},
			})
			return err
		}, pulumi.WithMocks(testProject, testStack, awsmock.New(testRegion)))
	}
	scope := new(int)
	if err := service(scope, "orders"); err != nil {
		t.Fatalf("the first service: %v", err)
	}
	err := service(scope, "invoices")
	if err == nil || !strings.Contains(err.Error(), "Route.Priority: 10 (set in Route.Priority) is already service orders's") {
		t.Errorf("a second service of the scope on priority 10: %v; want it refused as orders'", err)
	}
	if err := service(nil, "invoices"); err != nil {
		t.Errorf("a service in a context of its own on priority 10: %v; want it accepted", err)
	}
}
