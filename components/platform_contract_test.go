package components

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// A platform's contract resolves: every load balancer of a platform has a
// targets group, whose id (an IDOutput) waits for the ALB's egress rule
// to it, and a contract that never resolves is a stack that never
// exports it.
func TestPlatformContractResolves(t *testing.T) {
	m := awsmock.New(testRegion)
	var got map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := NewPlatform(ctx, "plat", &PlatformArgs{Teams: []TeamArgs{{Name: "orders"}}})
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any { got, _ = v.(map[string]any); return v })
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	lbs, _ := got["loadBalancers"].([]any)
	if len(lbs) != 1 {
		t.Fatalf("contract has load balancers %v, want one", got["loadBalancers"])
	}
	if sg := lbs[0].(map[string]any)["targetSecurityGroupId"]; sg != "plat-main-targets-sg_id" {
		t.Errorf("contract's targetSecurityGroupId = %v, want plat-main-targets-sg_id", sg)
	}
}

// The contract's keys are camelCase throughout, as the README's table
// documents them: the port and priority ranges too, whose Go fields carry
// only pulumi tags of their own.
func TestPlatformContractRangesAreCamelCase(t *testing.T) {
	m, err := contractMap(PlatformContract{
		Version: PlatformContractVersion,
		LoadBalancers: []PlatformLoadBalancer{{
			Name: "main", TargetPorts: PortRange{From: 1024, To: 65535},
			PriorityRanges: []PriorityRange{{Team: "orders", From: 1, To: 5000, MaxServices: 10}},
		}},
		Priorities: priorityScheme,
	})
	if err != nil {
		t.Fatal(err)
	}
	lb := m["loadBalancers"].([]any)[0].(map[string]any)
	for what, got := range map[string]any{
		"targetPorts":       lb["targetPorts"],
		"priorityRanges[0]": lb["priorityRanges"].([]any)[0],
		"priorities.range":  m["priorities"].(map[string]any)["range"],
	} {
		want := map[string]any{
			"targetPorts":       map[string]any{"from": 1024.0, "to": 65535.0},
			"priorityRanges[0]": map[string]any{"team": "orders", "from": 1.0, "to": 5000.0, "maxServices": 10.0},
			"priorities.range":  map[string]any{"from": 1.0, "to": 49999.0},
		}[what]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("contract %s = %v, want %v", what, got, want)
		}
	}
}
