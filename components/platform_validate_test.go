package components

import (
	"errors"
	"slices"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
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
