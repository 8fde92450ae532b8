package components

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Fact: an ECS cluster's containerInsights setting takes enhanced,
// enabled or disabled (ECS API reference, ClusterSetting). The cluster
// sets the one asked for; unset keeps enabled, which every cluster
// released before the setting had, so a deployed cluster does not
// change; any other value is refused by field before anything
// registers.
func TestClusterContainerInsightsSetting(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		want    string
		wantErr string
	}{
		{name: "unset keeps enabled", give: "", want: cluster.InsightsEnabled},
		{name: "enabled", give: cluster.InsightsEnabled, want: "enabled"},
		{name: "enhanced", give: cluster.InsightsEnhanced, want: "enhanced"},
		{name: "disabled", give: cluster.InsightsDisabled, want: "disabled"},
		{name: "refused", give: "Enhanced", wantErr: `ContainerInsights: "Enhanced" is not a Container Insights setting; use enabled, enhanced or disabled`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				_, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{ContainerInsights: tt.give})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if rs := m.Resources(); len(rs) != 0 {
					t.Errorf("registered %s for a refused setting, want nothing", rs[0].URN)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			expect(t, get(t, m, tCluster, "apps-cluster"), "settings", []map[string]any{{"name": "containerInsights", "value": tt.want}})
		})
	}
}
