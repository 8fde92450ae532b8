package components

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Fact: a subnet uses the route table explicitly associated with it, or
// else its VPC's main route table (VPC user guide, "Subnet route
// tables"); a DescribeRouteTables look-up by association.subnet-id finds
// explicit associations only (EC2 API reference, DescribeRouteTables).
// So the private subnets' route tables, which the s3 gateway endpoint
// must be on (BRIEF fact 1), are found by subnet, then by the VPC's main
// table; each once, in the subnets' order. A subnet with neither is
// refused by its field with the fix, and the look-ups register nothing.
func TestPrivateRouteTablesAreLookedUpFromTheSubnets(t *testing.T) {
	tests := []struct {
		name     string
		subnets  []string
		setup    func(m *awsmock.Mocks)
		want     []string
		wantErrs []string
	}{
		{
			name:    "each subnet's own table",
			subnets: []string{"subnet-a1", "subnet-a2"},
			setup: func(m *awsmock.Mocks) {
				m.Subnets["subnet-a1"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableId: "rtb-1"}
				m.Subnets["subnet-a2"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1b", RouteTableId: "rtb-2"}
			},
			want: []string{"rtb-1", "rtb-2"},
		},
		{
			name:    "one shared table, and the main table for a subnet with none",
			subnets: []string{"subnet-a1", "subnet-a2", "subnet-a3"},
			setup: func(m *awsmock.Mocks) {
				m.Subnets["subnet-a1"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableId: "rtb-1"}
				m.Subnets["subnet-a2"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1b", RouteTableId: "rtb-1"}
				m.Subnets["subnet-a3"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1c"}
				m.RouteTables["rtb-main"] = awsmock.RouteTable{VpcId: "vpc-1", Main: true}
			},
			want: []string{"rtb-1", "rtb-main"},
		},
		{
			name:    "a subnet with no table of its own in a VPC without a main one",
			subnets: []string{"subnet-a1", "subnet-gone"},
			setup: func(m *awsmock.Mocks) {
				m.Subnets["subnet-a1"] = awsmock.Subnet{VpcId: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableId: "rtb-1"}
			},
			wantErrs: []string{"Existing.PrivateSubnetIds[1]: private subnet subnet-gone has no route table of its own",
				"check that it is a subnet of VPC vpc-1, or list the private subnets' route tables in PrivateRouteTableIds"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			tt.setup(m)
			var got []string
			var lookErr error
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				got, lookErr = network.LookUpPrivateRouteTables(ctx, "", "vpc-1", tt.subnets)
				return nil
			}, pulumi.WithMocks(testProject, testStack, m))
			if err != nil {
				t.Fatal(err)
			}
			if rs := m.Resources(); len(rs) != 0 {
				t.Errorf("the look-ups registered %s", rs[0].URN)
			}
			if len(tt.wantErrs) > 0 {
				var ve *check.ValidationError
				if !errors.As(lookErr, &ve) {
					t.Fatalf("error %v, want a validation error", lookErr)
				}
				for _, w := range tt.wantErrs {
					if !strings.Contains(lookErr.Error(), w) {
						t.Errorf("error lacks %q:\n%v", w, lookErr)
					}
				}
				return
			}
			if lookErr != nil {
				t.Fatal(lookErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("route tables %v, want %v", got, tt.want)
			}
		})
	}
}
