package components

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
)

// Fact (EC2 instance types guide, "Amazon EC2 instance type naming
// conventions" and "Current generation instances"): a type is
// family.size; m6i comes in large to 32xlarge and metal, so m6i.huge and
// m6i.nano do not exist, and a family like m9z is none AWS offers. The
// launch template takes any string, so an unknown type would only fail
// when the Auto Scaling group launches: it is refused by name first.
func TestInstanceTypeNamesAreRefusedUnlessEc2OffersThem(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		wantErr string
	}{
		{name: "listed type", give: "m6i.large"},
		{name: "unlisted size of a listed family", give: "m6i.4xlarge"},
		{name: "metal", give: "c7g.metal"},
		{name: "sized metal", give: "m7i.metal-24xl"},
		{name: "burstable nano", give: "t3.nano"},
		{name: "graviton medium", give: "c7gn.medium"},
		{name: "flex family", give: "m7i-flex.large"},
		{name: "size that does not exist", give: "m6i.huge", wantErr: `"huge" is not an EC2 instance size; use one such as large, xlarge, 2xlarge or metal`},
		{name: "multiple that does not exist", give: "m6i.5xlarge", wantErr: `"5xlarge" is not an EC2 instance size`},
		{name: "nano outside the t families", give: "m6i.nano", wantErr: "m6i has no nano size"},
		{name: "medium on an x86 family", give: "m6i.medium", wantErr: "m6i has no medium size; use large or bigger"},
		{name: "unknown family", give: "m9z.large", wantErr: `"m9z" is not an EC2 instance family; use a family such as m6i, m7g or c7i`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cluster.CheckInstanceTypeName(tt.give)
			if tt.wantErr == "" && got != "" {
				t.Fatalf("%s refused: %s", tt.give, got)
			}
			if !strings.Contains(got, tt.wantErr) {
				t.Errorf("%s: got %q, want it to contain %q", tt.give, got, tt.wantErr)
			}
		})
	}
}

// The check runs with the others, before anything registers, and names
// the field.
func TestUnknownInstanceTypeIsRefusedByField(t *testing.T) {
	a := baseArgs()
	a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Weight: 1}}
	a.Ec2 = &cluster.Ec2CapacityArgs{InstanceTypes: []string{"m6i.huge"}, MinSize: 1, MaxSize: 2}
	m, _, err := run(t, a)
	if err == nil || !strings.Contains(err.Error(), `Ec2.InstanceTypes[0]: m6i.huge is not an EC2 instance type: "huge" is not an EC2 instance size`) {
		t.Fatalf("err = %v, want Ec2.InstanceTypes[0] refused", err)
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("%d resources registered for a refused instance type, want 0", n)
	}
}
