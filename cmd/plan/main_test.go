package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// projectDir holds Pulumi.yaml and the stack files.
const projectDir = "../.."

// project makes a project dir with the real Pulumi.yaml and the given
// stack files (name to body); with no Pulumi.yaml when proj is false.
func project(t *testing.T, proj bool, stacks map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if proj {
		b, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range stacks {
		if err := os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// platformProgramDir is a generated project whose main.go runs
// stacks.PlatformProgram.
const platformProgramDir = "../../stacks/testdata/platform-program"

// unknownProject is a project dir whose Pulumi.yaml names a project the
// plan has no program for.
func unknownProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"Pulumi.yaml": "name: billing\nruntime: go\n", "Pulumi.dev.yaml": "config: {}\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// outputsFile writes what `pulumi stack output --json` prints for the
// platform example's dev stack: its outputs, the contract under
// "platform".
func outputsFile(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../examples/platform/testdata/contract.dev.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "outputs.json")
	if err := os.WriteFile(path, []byte(`{"platform": `+string(data)+`}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRun(t *testing.T) {
	badConfig := "config:\n  aws:region: us-east-1\n  private-fargate:azCount: 1\n  private-fargate:image: nginx\n"
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string // each must appear; nil means stdout must be empty
		wantStderr []string
	}{
		{name: "text plan of dev", args: []string{"--stack", "dev", "--dir", projectDir}, wantCode: 0,
			wantStdout: []string{"Resources (56)", "Traffic paths", "internet (0.0.0.0/0) -> ALB (web-alb-sg)", "Load balancers (1)", "access logs: s3://web-alb-logs-0a1b2c3/AWSLogs/", "VPC endpoints (5)", "Estimated monthly cost in us-east-1"}},
		{name: "mermaid of prod", args: []string{"--stack", "prod", "--dir", projectDir, "--mermaid"}, wantCode: 0,
			wantStdout: []string{"flowchart LR\n", `-->|"tcp 8080"|`}},
		{name: "json of dev", args: []string{"--dir", projectDir, "--json", "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{`"stack": "dev"`, `"hops": [`}},
		{name: "no stack", args: []string{"--dir", projectDir}, wantCode: 2,
			wantStderr: []string{"--stack is required", "usage:"}},
		{name: "json and mermaid", args: []string{"--stack", "dev", "--dir", projectDir, "--json", "--mermaid"}, wantCode: 2,
			wantStderr: []string{"choose one of --json and --mermaid"}},
		{name: "unknown flag", args: []string{"--stack", "dev", "--yaml"}, wantCode: 2,
			wantStderr: []string{"flag provided but not defined: -yaml"}},
		{name: "unknown stack", args: []string{"--stack", "staging", "--dir", projectDir}, wantCode: 1,
			wantStderr: []string{`stack "staging": no file Pulumi.staging.yaml; the stacks are dev, prod`}},
		{name: "missing stack file", args: []string{"--stack", "dev", "--dir", project(t, true, map[string]string{"other": "config: {}\n"})}, wantCode: 1,
			wantStderr: []string{`stack "dev": no file Pulumi.dev.yaml; the stacks are other`}},
		{name: "missing project file", args: []string{"--stack", "dev", "--dir", project(t, false, nil)}, wantCode: 1,
			wantStderr: []string{"read Pulumi.yaml"}},
		{name: "config the component rejects", args: []string{"--stack", "bad", "--dir", project(t, true, map[string]string{"bad": badConfig})}, wantCode: 1,
			wantStderr: []string{"invalid stack configuration (2 problems)", "private-fargate:azCount: 1 AZs is too few",
				`private-fargate:image: "nginx" comes from docker.io`}},
		{name: "config of the wrong type", args: []string{"--stack", "bad", "--dir", project(t, true, map[string]string{"bad": "config:\n  aws:region: us-east-1\n  private-fargate:cpu: lots\n"})}, wantCode: 1,
			wantStderr: []string{"private-fargate:cpu: lots is not of type integer"}},
		{name: "text plan of the shared platform", args: []string{"--dir", "../../examples/shared-platform", "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{"Offline plan for stack dev of project shared-platform", "Traffic paths by service", "  api: 1 task on FARGATE_SPOT, behind edge-alb",
				"needed by: api", "Monthly cost per service", "Break-even against NAT as services are added"}},
		{name: "text plan of the adopted VPC", args: []string{"--dir", "../../examples/existing-vpc", "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{"Assumed, since the account is not read:", "VPC endpoints (3)", "needed by: orders"}},
		{name: "unknown project", args: []string{"--stack", "dev", "--dir", unknownProject(t)}, wantCode: 1,
			wantStderr: []string{`names project "billing", which the plan has no program for, and its main.go hands pulumi.Run none of stacks.PlatformProgram, stacks.ServiceProgram; it plans existing-vpc, platform, private-fargate, shared-platform, team-orders`}},
		{name: "text plan of a project whose main.go runs the platform program", args: []string{"--dir", platformProgramDir, "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{"Offline plan for stack dev of project acme-platform", "VPC endpoints (8)"}},
		{name: "contract out of a service project", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--contract-out", filepath.Join(t.TempDir(), "c.json")}, wantCode: 1,
			wantStderr: []string{"plan: --contract-out: project team-orders exports no platform contract"}},
		{name: "text plan of the platform", args: []string{"--dir", "../../examples/platform", "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{"Offline plan for stack dev of project platform", "VPC endpoints (7)", "total                   $112.33"}},
		{name: "service stack on the platform's fixture", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev"}, wantCode: 0,
			wantStdout: []string{"platform stack acme/platform/dev exports the platform contract in ../../examples/platform/testdata/contract.dev.json",
				"What this stack adds to the platform:", "orders-api    listener rule     orders-api-rule", "Rules on the platform's security groups: none",
				"platform fixed cost  $112.33", "this team's share (1/2)   $56.16"}},
		{name: "service stack on a platform's outputs, four teams", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--platform", outputsFile(t), "--teams", "4"}, wantCode: 0,
			wantStdout: []string{"outputs.json (platform platform: load balancers main", "this team's share (1/4)   $28.08  --teams"}},
		{name: "platform file that is not there", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--platform", "nope.json"}, wantCode: 1,
			wantStderr: []string{"plan: platform contract: open nope.json"}},
		{name: "platform for a program that attaches to none", args: []string{"--dir", "../../examples/shared-platform", "--stack", "dev", "--platform", "nope.json"}, wantCode: 1,
			wantStderr: []string{"--platform: project shared-platform attaches to no platform; drop the flag"}},
		{name: "negative teams", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--teams", "-1"}, wantCode: 2,
			wantStderr: []string{"--teams -1: give how many teams share the platform, 1 or more"}},
		{name: "service stack's schedule from a given time, its runs priced at a given length", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev",
			"--now", "2027-03-01T00:00:00Z", "--job-duration", "5m"}, wantCode: 0,
			wantStdout: []string{"next runs from 2027-03-01T01:00:00+01:00: 2027-03-01T03:30:00+01:00, 2027-03-02T03:30:00+01:00,",
				"on FARGATE_SPOT for 5m (the plan's job duration)"}},
		{name: "now that is not a time", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--now", "tomorrow"}, wantCode: 2,
			wantStderr: []string{`--now "tomorrow" is not an RFC 3339 time`}},
		{name: "negative job duration", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--job-duration", "-5m"}, wantCode: 2,
			wantStderr: []string{"--job-duration -5m0s: give how long a scheduled run lasts"}},
		{name: "job duration that is not a duration", args: []string{"--dir", "../../examples/team-orders", "--stack", "dev", "--job-duration", "ten"}, wantCode: 2,
			wantStderr: []string{`invalid value "ten" for flag -job-duration`}},
		{name: "region without prices", args: []string{"--stack", "paris", "--dir", project(t, true, map[string]string{"paris": "config:\n  aws:region: eu-west-3\n"})}, wantCode: 0,
			wantStdout: []string{"Traffic paths", "no prices for eu-west-3 in internal/plan/prices.json; add them"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr.String())
			}
			if tt.wantStdout == nil && stdout.Len() > 0 {
				t.Errorf("run(%q) printed a plan on failure:\n%s", tt.args, stdout.String())
			}
			for _, want := range tt.wantStdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("run(%q): stdout lacks %q:\n%s", tt.args, want, stdout.String())
				}
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("run(%q): stderr lacks %q:\n%s", tt.args, want, stderr.String())
				}
			}
			if tt.wantCode == 0 && stderr.Len() > 0 {
				t.Errorf("run(%q) succeeded but wrote to stderr:\n%s", tt.args, stderr.String())
			}
		})
	}
}

func TestRunJSONIsOneDocument(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--stack", "prod", "--dir", projectDir, "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var doc struct {
		Stack string `json:"stack"`
		Cost  struct {
			Region string `json:"region"`
		} `json:"cost"`
	}
	dec := json.NewDecoder(&stdout)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("--json output is not JSON: %v", err)
	}
	if dec.More() {
		t.Errorf("--json wrote more than one JSON document")
	}
	if doc.Stack != "prod" || doc.Cost.Region != "ap-northeast-2" {
		t.Errorf("--json stack %q cost region %q, want prod and ap-northeast-2", doc.Stack, doc.Cost.Region)
	}
}

// The JSON plan of a service stack holds its platform section.
func TestRunJSONOfAServiceStack(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--stack", "dev", "--dir", "../../examples/team-orders", "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var doc struct {
		Platform struct {
			Name  string `json:"name"`
			Stack string `json:"stack"`
			Teams int    `json:"teams"`
			Adds  []struct {
				Kind string `json:"kind"`
			} `json:"adds"`
			PlatformGroupRules []string `json:"platformGroupRules"`
		} `json:"platform"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("--json output is not JSON: %v", err)
	}
	pl := doc.Platform
	if pl.Name != "platform" || pl.Stack != "acme/platform/dev" || pl.Teams != 2 || len(pl.Adds) != 8 || pl.PlatformGroupRules == nil || len(pl.PlatformGroupRules) != 0 {
		t.Errorf("--json platform section %+v, want platform on acme/platform/dev, 2 teams, 8 additions and an empty list of platform group rules", pl)
	}
}

// --contract-out writes the platform stack's contract as `pulumi stack
// output --json` prints it, beside the plan, and a service stack is then
// planned against it with --platform.
func TestRunContractOutFeedsPlatform(t *testing.T) {
	path := filepath.Join(t.TempDir(), "platform.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--dir", platformProgramDir, "--stack", "dev", "--contract-out", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("run = %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Offline plan for stack dev of project acme-platform") {
		t.Errorf("the plan was not printed beside the contract:\n%s", stdout.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var outputs map[string]map[string]any
	if err := json.Unmarshal(data, &outputs); err != nil || outputs["platform"]["name"] != "platform" {
		t.Fatalf("%s holds %s, want the stack outputs with the platform contract: %v", path, data, err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"--dir", "../../examples/team-orders", "--stack", "dev", "--platform", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("team-orders on the written contract: run = %d; stderr:\n%s", code, stderr.String())
	}
	if want := "platform stack acme/platform/dev exports the platform contract in " + path; !strings.Contains(stdout.String(), want) {
		t.Errorf("team-orders' plan lacks %q:\n%s", want, stdout.String())
	}
}

// --outputs-out writes a backend stack's outputs as `pulumi stack output
// --json` prints them, and a stack that calls that backend is planned
// with them through --backend.
func TestRunOutputsOutFeedsBackend(t *testing.T) {
	contract := filepath.Join(t.TempDir(), "platform.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--dir", platformProgramDir, "--stack", "dev", "--contract-out", contract}, &stdout, &stderr); code != 0 {
		t.Fatalf("platform: run = %d; stderr:\n%s", code, stderr.String())
	}
	dir := t.TempDir()
	for _, f := range []string{"Pulumi.yaml", "main.go"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "stacks", "testdata", "service-program", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range map[string]string{
		"backend": "config:\n  aws:region: us-east-1\n  shop:platformStack: acme/platform/dev\n  shop:name: ledger\n  shop:kind: backend\n  shop:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ledger:2.0.1\n",
		"web":     "config:\n  aws:region: us-east-1\n  shop:platformStack: acme/platform/dev\n  shop:name: orders\n  shop:team: orders\n  shop:paths: [/orders/*]\n  shop:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2\n  shop:calls: [acme/shop/backend]\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outputs := filepath.Join(t.TempDir(), "ledger.json")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"--dir", dir, "--stack", "backend", "--platform", contract, "--outputs-out", outputs}, &stdout, &stderr); code != 0 {
		t.Fatalf("backend: run = %d; stderr:\n%s", code, stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"--dir", dir, "--stack", "web", "--platform", contract, "--backend", "acme/shop/backend=" + outputs}, &stdout, &stderr); code != 0 {
		t.Fatalf("caller: run = %d; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "backend stack acme/shop/backend exports the Service Connect contract") {
		t.Errorf("the caller's plan does not say what it assumed of the backend:\n%.3000s", stdout.String())
	}
	stderr.Reset()
	if code := run([]string{"--dir", dir, "--stack", "web", "--backend", "acme/shop/backend"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "is not STACK=FILE") {
		t.Errorf("--backend without a file: run = %d, stderr %q; want a usage error", code, stderr.String())
	}
}

// A --backend naming a stack the planned stack does not call is refused,
// naming the flag and the stacks it does call: its outputs would reach
// no stack reference, and the plan would read as if they were used.
func TestBackendFlagNamesOnlyACalledStack(t *testing.T) {
	var stdout, stderr bytes.Buffer
	contract := filepath.Join(t.TempDir(), "contract.json")
	if code := run([]string{"--dir", platformProgramDir, "--stack", "dev", "--contract-out", contract}, &stdout, &stderr); code != 0 {
		t.Fatalf("platform: run = %d; stderr:\n%s", code, stderr.String())
	}
	dir := t.TempDir()
	for _, f := range []string{"Pulumi.yaml", "main.go"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "stacks", "testdata", "service-program", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const web = "config:\n  aws:region: us-east-1\n  shop:platformStack: acme/platform/dev\n  shop:name: orders\n  shop:team: orders\n  shop:paths: [/orders/*]\n  shop:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2\n"
	for name, body := range map[string]string{"web": web + "  shop:calls: [acme/shop/backend]\n", "lone": web} {
		if err := os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outputs := filepath.Join(t.TempDir(), "ledger.json")
	if err := os.WriteFile(outputs, []byte(`{"serviceConnect": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, stack, backend, want string
	}{
		{"a stack it does not call", "web", "acme/shop/other", "--backend acme/shop/other: stack web does not call it; it calls acme/shop/backend (its shop:calls key)"},
		{"a stack that calls none", "lone", "acme/shop/backend", "--backend acme/shop/backend: stack lone calls no backend stack (its shop:calls key names none)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout.Reset()
			stderr.Reset()
			code := run([]string{"--dir", dir, "--stack", tt.stack, "--platform", contract, "--backend", tt.backend + "=" + outputs}, &stdout, &stderr)
			if code == 0 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("run = %d, stderr %q; want it refused with %q", code, stderr.String(), tt.want)
			}
		})
	}
}
