package plan

import "testing"

// BenchmarkPlan measures one stack's whole plan, as the command makes it:
// the stack files read, the program run under mocks, the plan built and
// rendered as text. The Go build is not in it.
func BenchmarkPlan(b *testing.B) {
	for _, stack := range []string{"dev", "prod"} {
		b.Run(stack, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := Load(projectDir, stack)
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
