package plan

import (
	"os"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/internal/docblock"
)

const readmePath = "../../README.md"

// TestReadmeBlocksAreGenerated fails when the README's diagrams (the dev
// stack's and the shared-platform example's) or its cost block no longer
// match what the plan builds; go test ./internal/plan -update rewrites
// them.
func TestReadmeBlocksAreGenerated(t *testing.T) {
	dev, prod := mustLoad(t, "dev"), mustLoad(t, "prod")
	shared := mustLoadDir(t, sharedPlatformDir, "dev")
	blocks := []struct{ name, want string }{
		{"diagram:dev", ReadmeDiagram(dev)},
		{"diagram:shared-platform", ReadmeDiagram(shared)},
		{"cost", ReadmeCost(dev, prod)},
	}
	raw, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	if *update {
		for _, b := range blocks {
			if doc, err = docblock.Replace(doc, b.name, b.want); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(readmePath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range blocks {
		got, err := docblock.Get(doc, b.name)
		if err != nil {
			t.Fatalf("README.md: %v", err)
		}
		if got != b.want {
			t.Errorf("README.md block %s is not what the plan builds; run go test ./internal/plan -update and review the diff.\ngot:\n%s\nwant:\n%s", b.name, got, b.want)
		}
	}
}

// The break-even sentence is right for every sign of the two differences
// (NAT minus endpoints, before traffic and per GB) and never prints a
// negative amount.
func TestBreakEvenSentenceForEverySign(t *testing.T) {
	for _, tt := range []struct {
		fixed, perGb float64
		want         string
	}{
		{70.08, 0.035, "saves $70.08 a month before traffic and $0.035 per GB against NAT gateways, so its endpoints win at any traffic level"},
		{0, 0, "saves $0.00 a month before traffic and $0 per GB against NAT gateways, so its endpoints win at any traffic level"},
		{-14.6, 0.035, "costs $14.60 a month more before traffic but $0.035 less per GB, so its endpoints win above 417 GB a month"},
		{14.6, -0.01, "saves $14.60 a month before traffic but costs $0.01 more per GB than NAT gateways, so its endpoints win below 1460 GB a month"},
		{-14.6, -0.01, "costs $14.60 a month more before traffic and $0.01 more per GB than NAT gateways, so NAT gateways win at any traffic level"},
		{-14.6, 0, "costs $14.60 a month more before traffic and $0 more per GB than NAT gateways, so NAT gateways win at any traffic level"},
	} {
		got := breakEvenSentence(tt.fixed, tt.perGb)
		if got != tt.want {
			t.Errorf("breakEvenSentence(%v, %v) =\n  %s\nwant\n  %s", tt.fixed, tt.perGb, got, tt.want)
		}
		if strings.Contains(got, "$-") || strings.Contains(got, " -") {
			t.Errorf("breakEvenSentence(%v, %v) prints a negative amount: %s", tt.fixed, tt.perGb, got)
		}
	}
}
