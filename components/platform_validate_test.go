package components

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A platform's problems are named by the platform's own fields: a team's
// priority block is Teams[i].Priorities, not the load balancer's
// PriorityRanges that the platform makes from it (which the caller never
// wrote), and a bad team name is named once.
func TestPlatformNamesTeamProblemsByTeam(t *testing.T) {
	tests := []struct {
		name       string
		teams      []TeamArgs
		wantFields []string
	}{
		{"a bad team name", []TeamArgs{{Name: "Payments"}}, []string{"Teams[0].Name"}},
		{"a block that runs downwards", []TeamArgs{{Name: "payments"}, {Name: "orders", Priorities: &edge.PriorityRange{From: 9000, To: 8000}}},
			[]string{"Teams[1].Priorities"}},
		{"two overlapping blocks", []TeamArgs{
			{Name: "payments", Priorities: &edge.PriorityRange{From: 1, To: 100}},
			{Name: "orders", Priorities: &edge.PriorityRange{From: 50, To: 150}},
		}, []string{"Teams[1].Priorities"}},
		{"a block past the largest priority", []TeamArgs{{Name: "payments", Priorities: &edge.PriorityRange{From: 1, To: 60000}}},
			[]string{"Teams[0].Priorities.To"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
				_, err = NewPlatform(ctx, "acme", &PlatformArgs{Region: testRegion, Teams: tt.teams})
				return nil
			}, pulumi.WithMocks(testProject, testStack, awsmock.New(testRegion)))
			var ve *check.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("NewPlatform: %v; want a validation error", err)
			}
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("problems named %v, want %v:\n%v", fields, tt.wantFields, err)
			}
		})
	}
}

// CheckPlatformArgs finds what NewPlatform finds before its look-ups, by
// the same fields, and makes no look-up: a program can refuse a bad
// configuration with the platform's problems and nothing invoked.
func TestCheckPlatformArgsFindsWhatNewPlatformDoesWithoutLookUps(t *testing.T) {
	args := PlatformArgs{
		Network:       network.NetworkArgs{CidrBlock: "8.8.0.0/16", AzCount: 1},
		LoadBalancers: []PlatformLoadBalancerArgs{{Name: "main", IdleTimeout: 5000}, {Name: "main"}},
		Teams:         []TeamArgs{{Name: "orders", LoadBalancer: "edge"}},
		Cluster:       cluster.ClusterArgs{Exec: &cluster.ExecArgs{LogRetentionDays: 31}, ContainerInsights: "on"},
	}
	fields := func(err error) []string {
		var ve *check.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("error %v, want a validation error", err)
		}
		var out []string
		for _, p := range ve.Problems {
			out = append(out, p.Field)
		}
		return out
	}
	m := awsmock.New(testRegion)
	var built error
	_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, built = NewPlatform(ctx, "acme", &args)
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	checked := CheckPlatformArgs("acme", testRegion, &args)
	if diff := cmp.Diff(fields(built), fields(checked)); diff != "" {
		t.Errorf("CheckPlatformArgs's fields differ from NewPlatform's (-NewPlatform +CheckPlatformArgs):\n%s", diff)
	}
	for _, want := range []string{"Network.CidrBlock", "Network.AzCount", "LoadBalancers[0].IdleTimeout", "LoadBalancers[1].Name",
		"Teams[0].LoadBalancer", "Endpoints", "Cluster.Exec.LogRetentionDays", "Cluster.ContainerInsights"} {
		if !slices.Contains(fields(checked), want) {
			t.Errorf("CheckPlatformArgs names %v, not %s", fields(checked), want)
		}
	}
	if err := CheckPlatformArgs("acme", "", &PlatformArgs{}); err != nil {
		t.Errorf("CheckPlatformArgs of the defaults, region unknown: %v", err)
	}
}
