package plan

import (
	"os"
	"testing"
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
			if doc, err = ReplaceBlock(doc, b.name, b.want); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(readmePath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range blocks {
		got, err := Block(doc, b.name)
		if err != nil {
			t.Fatalf("README.md: %v", err)
		}
		if got != b.want {
			t.Errorf("README.md block %s is not what the plan builds; run go test ./internal/plan -update and review the diff.\ngot:\n%s\nwant:\n%s", b.name, got, b.want)
		}
	}
}

func TestReplaceBlockKeepsTheMarkers(t *testing.T) {
	doc := "a\n<!-- x:begin -->\nold\n<!-- x:end -->\nb\n"
	got, err := ReplaceBlock(doc, "x", "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\n<!-- x:begin -->\nnew\n<!-- x:end -->\nb\n"; got != want {
		t.Errorf("ReplaceBlock = %q, want %q", got, want)
	}
	if body, _ := Block(got, "x"); body != "new\n" {
		t.Errorf("Block = %q, want %q", body, "new\n")
	}
	if _, err := ReplaceBlock(doc, "y", ""); err == nil {
		t.Errorf("ReplaceBlock of a missing block succeeded")
	}
}
