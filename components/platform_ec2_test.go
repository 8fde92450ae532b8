package components

import (
	"fmt"
	"slices"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A platform's bridge-mode EC2 group serves its load balancers through
// their targets groups. Bridge tasks share the instances' group and take
// a dynamic host port from 32768-65535 (BRIEF fact 12; ECS developer
// guide, "Bridge network mode"), so the instances admit each ALB on that
// range in their own group, and join its targets group, which the ALB's
// one outbound rule reaches: the ALB's group gains no rule for the
// instances. EC2 container instances need the ecs, ecs-agent and
// ecs-telemetry endpoints without NAT (BRIEF fact 2), which the platform
// adds for its groups, and they reach every endpoint by joining the
// endpoint-clients group.
func TestPlatformBridgeGroupJoinsTheSharedGroups(t *testing.T) {
	args := PlatformArgs{
		Region: testRegion,
		Teams:  []TeamArgs{{Name: "ops"}},
		Cluster: cluster.ClusterArgs{Ec2: []cluster.Ec2CapacityArgs{{
			Name: "bridge", InstanceTypes: []string{"m6i.large"}, NetworkMode: cluster.NetworkBridge,
		}}},
	}
	services := map[string]service.WebServiceArgs{"ops": {
		Container: service.ContainerArgs{Image: pulumi.String(fxImage)},
		Route:     &service.ServiceRoute{Paths: []string{"/ops/*"}, Team: "ops"},
		Service:   service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "bridge", Weight: 1}}},
	}}
	m := awsmock.New(testRegion)
	if _, err := platformRun(t, m, args, services); err != nil {
		t.Fatalf("platform failed: %v", err)
	}

	for _, svc := range []string{"ecs", "ecs-agent", "ecs-telemetry"} {
		name := "acme-vpce-" + svc
		if m.Find(tEndpoint, name) == nil {
			t.Errorf("no %s endpoint (%s) for the platform's EC2 group", svc, name)
		}
	}
	lt := get(t, m, "aws:ec2/launchTemplate:LaunchTemplate", "acme-bridge-lt")
	expect(t, lt, "networkInterfaces[0].securityGroups", []string{"acme-bridge-instance-sg_id", "acme-endpoint-clients-sg_id", "acme-main-targets-sg_id"})

	var onInstances, onAlb []string
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			switch fmt.Sprint(in(r, "securityGroupId")) {
			case "acme-bridge-instance-sg_id":
				onInstances = append(onInstances, r.Name)
			case "acme-main-alb-sg_id":
				if typ == tEgress {
					onAlb = append(onAlb, r.Name)
				}
			}
		}
	}
	if !slices.Equal(onInstances, []string{"acme-bridge-instance-in-alb"}) {
		t.Errorf("rules on the instances' group = %v, want only acme-bridge-instance-in-alb", onInstances)
	}
	if !slices.Equal(onAlb, []string{"acme-main-alb-out-targets"}) {
		t.Errorf("outbound rules on the ALB's group = %v, want only its one rule to the targets group", onAlb)
	}
	ingress := get(t, m, tIngress, "acme-bridge-instance-in-alb")
	expect(t, ingress, "fromPort", cluster.DynamicPortLow)
	expect(t, ingress, "toPort", cluster.DynamicPortHigh)
	expect(t, ingress, "referencedSecurityGroupId", "acme-main-alb-sg_id")
	out := get(t, m, tEgress, "acme-main-alb-out-targets")
	expect(t, out, "fromPort", 1024)
	expect(t, out, "toPort", 65535)

	tg := get(t, m, tTG, "ops-tg")
	expect(t, tg, "targetType", edge.TargetInstance)
	svc := get(t, m, tService, "ops-service")
	if in(svc, "networkConfiguration") != nil {
		t.Errorf("%s has a network configuration; bridge tasks share the instances' interface", svc.URN)
	}
	expect(t, svc, "capacityProviderStrategies[0].capacityProvider", "acme-bridge-ec2")
}
