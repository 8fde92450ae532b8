package plan

import (
	"fmt"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// BenchmarkPlan measures one stack's whole plan, as the command makes it:
// the stack files read, the program run under mocks, the plan built and
// rendered as text. The Go build is not in it.
func BenchmarkPlan(b *testing.B) {
	for _, tc := range []struct{ name, dir, stack string }{
		{"dev", projectDir, "dev"},
		{"prod", projectDir, "prod"},
		// Target: under 50 ms.
		{"shared-platform", sharedPlatformDir, "dev"},
		{"existing-vpc", existingVpcDir, "dev"},
		{"platform", platformDir, "dev"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := Load(tc.dir, tc.stack)
				if err != nil {
					b.Fatal(err)
				}
				if p.Text() == "" {
					b.Fatal("empty plan")
				}
			}
		})
	}
}

// BenchmarkPlanServices measures the plan of n Fargate services on one
// network, load balancer and cluster: the program under mocks, the plan
// built and rendered. Target: under 300 ms for 20, and growing about
// linearly with n.
func BenchmarkPlanServices(b *testing.B) {
	files := &stacks.StackFiles{Project: "synthetic", Stack: "bench", Config: map[string]string{"aws:region": "us-east-1"}}
	for _, n := range []int{5, 10, 20} {
		prog := synthetic(n)
		b.Run(fmt.Sprintf("%d-services", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := LoadProgram(files, prog)
				if err != nil {
					b.Fatal(err)
				}
				if p.Text() == "" {
					b.Fatal("empty plan")
				}
			}
		})
	}
}

// BenchmarkPlanServiceStack measures the plan of a service stack attached
// to a platform (examples/team-orders), as the command makes it: the
// stack files and the platform contract read, the program run under
// mocks with the contract as the platform stack's output, the plan with
// its platform section built and rendered as text. Target: under 50 ms,
// like the one-program examples: attaching adds a file read and a
// contract check, not a run of the platform program.
func BenchmarkPlanServiceStack(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p, err := Load(teamOrdersDir, "dev")
		if err != nil {
			b.Fatal(err)
		}
		if p.Platform == nil || p.Text() == "" {
			b.Fatal("no platform section")
		}
	}
}
