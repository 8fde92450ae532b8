package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONGolden keeps the --json output of the dev stack stable:
// reviewers see any schema or plan change as a diff of testdata/dev.json
// (go test ./internal/plan -update rewrites it).
func TestJSONGolden(t *testing.T) {
	got, err := mustLoad(t, "dev").JSON()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "dev.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (go test ./internal/plan -update creates it): %v", path, err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("--json for dev differs from %s at line %d:\ngot:  %s\nwant: %s\nif the change is meant, run go test ./internal/plan -update and review the diff", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("--json for dev differs from %s in length (%d lines, want %d)", path, len(gl), len(wl))
	}
}

// TestJSONSchema checks the fields tools read, independently of the golden
// file's values.
func TestJSONSchema(t *testing.T) {
	b, err := mustLoad(t, "prod").JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"project", "stack", "region", "availabilityZones", "config", "stackKeys", "secretKeys",
		"resources", "tree", "securityGroups", "paths", "hops", "endpoints", "cost"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("plan JSON has no %q", key)
		}
	}
	var resources []map[string]any
	if err := json.Unmarshal(doc["resources"], &resources); err != nil {
		t.Fatal(err)
	}
	for _, r := range resources {
		for _, key := range []string{"urn", "type", "name", "inputs"} {
			if _, ok := r[key]; !ok {
				t.Errorf("resource %v has no %q", r["urn"], key)
			}
		}
		if r["type"] == typeEcsService {
			deps, _ := r["dependencies"].([]any)
			if len(deps) == 0 {
				t.Errorf("%v: no dependencies, want the listener and endpoints it waits for", r["urn"])
			}
			if _, ok := r["parent"].(string); !ok {
				t.Errorf("%v: no parent", r["urn"])
			}
		}
	}
	var cost struct {
		Estimates []struct {
			Name  string
			Total float64
			Lines []struct {
				Item           string
				Quantity, Rate float64
				Monthly        float64
				Unit, Detail   string
			}
		}
	}
	if err := json.Unmarshal(doc["cost"], &cost); err != nil {
		t.Fatal(err)
	}
	if len(cost.Estimates) != 2 || len(cost.Estimates[0].Lines) == 0 {
		t.Fatalf("cost JSON %s lacks two estimates with lines", doc["cost"])
	}
	for _, l := range cost.Estimates[0].Lines {
		if l.Item == "" || l.Unit == "" || l.Detail == "" || !near(l.Quantity*l.Rate, l.Monthly) {
			t.Errorf("cost line %+v: item, unit and detail must be set and quantity × rate must be the monthly amount", l)
		}
	}
}

// The plan is the same on every run. Dependencies on a component once
// made it vary: the SDK adds children to a component asynchronously, so
// what a dependency on it expanded to depended on timing.
func TestPlanIsTheSameOnEveryRun(t *testing.T) {
	first, err := mustLoad(t, "dev").JSON()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 15; i++ {
		again, err := mustLoad(t, "dev").JSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(first) {
			t.Fatalf("run %d planned differently from the first", i+2)
		}
	}
}
