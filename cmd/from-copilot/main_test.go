package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shop is the multi-service testdata workspace.
const shop = "../../internal/copilot/testdata/shop"

// badWorkspace writes a workspace with two bad manifests.
func badWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, body := range map[string]string{
		"copilot/.workspace":                    "application: shop\n",
		"copilot/environments/dev/manifest.yml": "name: dev\ntype: Environment\n",
		"copilot/api/manifest.yml":              "name: api\ntype: Load Balanced Web Service\nhttp:\n  path: /\nimage:\n  build: api/Dockerfile\n  port: 80\nenvironments:\n  prod:\n    cpu: 512\n",
		"copilot/jobs/manifest.yml":             "name: jobs\ntype: Cron Job\n",
	} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	tests := []struct {
		name       string
		args       func(out string) []string
		prefill    bool // put a file in the out directory first
		wantCode   int
		wantStdout []string
		wantStderr []string
		wantFiles  []string // must exist under out afterwards; nil means out must hold nothing new
	}{
		{name: "no flags", args: func(string) []string { return nil }, wantCode: 2,
			wantStderr: []string{"--workspace and --out are required", "usage: go run ./cmd/from-copilot"}},
		{name: "unexpected argument", args: func(out string) []string { return []string{"--workspace", shop, "--out", out, "extra"} }, wantCode: 2,
			wantStderr: []string{`unexpected arguments ["extra"]`}},
		{name: "dry run prints and writes nothing", args: func(out string) []string { return []string{"--workspace", shop, "--out", out, "--dry-run"} },
			wantStdout: []string{"would write 26 files to ", "  platform/Pulumi.dev.yaml\n", "=== go.mod\nmodule shop-infra\n", "=== MIGRATION.md\n# Migrating shop from AWS Copilot", "pulumi.Run(stacks.ServiceProgram)"}},
		{name: "writes the module", args: func(out string) []string {
			return []string{"--workspace", shop, "--out", out, "--org", "acme", "--region", "us-east-1", "--account", "210987654321"}
		},
			wantStdout: []string{"wrote 26 files to ", "MIGRATION.md first"},
			wantFiles:  []string{"go.mod", "MIGRATION.md", "platform/main.go", "platform/Pulumi.yaml", "platform/Pulumi.dev.yaml", "platform/Pulumi.prod.yaml", "api/Pulumi.prod.yaml", "report/Pulumi.dev.yaml"}},
		{name: "a directory that is not empty", args: func(out string) []string { return []string{"--workspace", shop, "--out", out} }, prefill: true, wantCode: 1,
			wantStderr: []string{"is not empty; write to a new or empty directory"}},
		{name: "bad input names file, line and field and writes nothing", args: func(out string) []string { return []string{"--workspace", badWorkspace(t), "--out", out} }, wantCode: 1,
			wantStderr: []string{
				"the workspace cannot be converted (2 problems); nothing was written:",
				"copilot/api/manifest.yml:9: environments.prod: names no environment of the workspace (dev)",
				`copilot/jobs/manifest.yml:2: type: "Cron Job" is not a workload type Copilot knows`,
			}},
		{name: "bad options", args: func(out string) []string {
			return []string{"--workspace", shop, "--out", out, "--account", "12345", "--region", "moon-1"}
		}, wantCode: 1,
			wantStderr: []string{`--region "moon-1" is not an AWS region`, `--account "12345" is not an AWS account ID`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if tt.prefill {
				if err := os.MkdirAll(out, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, "keep.txt"), []byte("mine"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(tt.args(out), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			for _, s := range tt.wantStdout {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%.2000s", s, stdout.String())
				}
			}
			if tt.wantStdout == nil && stdout.Len() > 0 {
				t.Errorf("stdout should be empty, got:\n%.2000s", stdout.String())
			}
			for _, s := range tt.wantStderr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
			var got []string
			_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(out, p)
					got = append(got, filepath.ToSlash(rel))
				}
				return nil
			})
			if tt.wantFiles == nil {
				want := 0
				if tt.prefill {
					want = 1
				}
				if len(got) != want {
					t.Errorf("out holds %v; nothing should have been written", got)
				}
			}
			for _, f := range tt.wantFiles {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
					t.Errorf("%s was not written: %v", f, err)
				}
			}
		})
	}
}

// TestWrittenModulePointsAtTheCheckout checks the written go.mod: the
// module requires this one and replaces it with the checkout, by a path
// relative to the output directory.
func TestWrittenModulePointsAtTheCheckout(t *testing.T) {
	out := filepath.Join(t.TempDir(), "infra")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--workspace", shop, "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(out, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	rel, _ := filepath.Rel(out, root)
	for _, want := range []string{"module shop-infra\n", "require github.com/private-fargate/pulumi-private-ecs v0.0.0\n",
		"replace github.com/private-fargate/pulumi-private-ecs => " + filepath.ToSlash(rel) + "\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("go.mod lacks %q:\n%s", want, data)
		}
	}
}
