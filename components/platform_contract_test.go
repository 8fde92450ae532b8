package components

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
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
