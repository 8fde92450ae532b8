package components

import (
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
