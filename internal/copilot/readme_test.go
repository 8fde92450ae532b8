package copilot

import (
	"os"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/internal/docblock"
)

const readmePath = "../../README.md"

// TestReadmeFieldCounts keeps the README's count of the field table, per
// manifest type, in step with the table; -update rewrites it.
func TestReadmeFieldCounts(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if *update {
		if doc, err = docblock.Replace(doc, "copilot-fields", FieldCounts()); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(readmePath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := docblock.Get(doc, "copilot-fields")
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	if got != FieldCounts() {
		t.Errorf("README.md's copilot-fields block is not the table's counts; run go test ./internal/copilot -update and review the diff.\ngot:\n%s\nwant:\n%s", got, FieldCounts())
	}
}
