package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serviceProject copies the service program's test project, with the
// stack files given, into a directory of its own.
func serviceProject(t *testing.T, stacks map[string]string) string {
	t.Helper()
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
	for name, body := range stacks {
		if err := os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A web service stack that calls a backend's stack is planned against
// the outputs ServiceOutputs plans for that backend: its Service Connect
// contract, with a security group id of AWS's form, which the caller's
// checks take. Without them the caller is refused as it would be before
// the backend is deployed.
func TestServiceOutputsFeedACallersPlan(t *testing.T) {
	contract := writeContract(t, platformProgramDir, "dev")
	dir := serviceProject(t, map[string]string{
		"backend": "config:\n  aws:region: us-east-1\n  shop:platformStack: acme/platform/dev\n  shop:name: ledger\n  shop:kind: backend\n  shop:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ledger:2.0.1\n",
		"web": "config:\n  aws:region: us-east-1\n  shop:platformStack: acme/platform/dev\n  shop:name: orders\n  shop:team: orders\n  shop:paths: [/orders/*]\n" +
			"  shop:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2\n  shop:calls: [acme/shop/backend]\n",
	})
	out, err := ServiceOutputs(dir, "backend", Options{Platform: contract})
	if err != nil {
		t.Fatalf("ServiceOutputs of the backend: %v", err)
	}
	var outputs map[string]any
	if err := json.Unmarshal(out, &outputs); err != nil {
		t.Fatal(err)
	}
	sc, _ := outputs["serviceConnect"].(map[string]any)
	if sc["name"] != "ledger" || !strings.HasPrefix(sc["securityGroupId"].(string), "sg-") {
		t.Errorf("the backend's serviceConnect output is %v, want ledger's with a group id of AWS's form", sc)
	}
	file := filepath.Join(t.TempDir(), "ledger.json")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadWith(dir, "web", Options{Platform: contract}); err == nil || !strings.Contains(err.Error(), `has no "serviceConnect" output`) {
		t.Errorf("the caller without its backend's outputs: %v, want it refused for the missing output", err)
	}
	p, err := LoadWith(dir, "web", Options{Platform: contract, Backends: map[string]string{"acme/shop/backend": file}})
	if err != nil {
		t.Fatalf("the caller with its backend's outputs: %v", err)
	}
	found := false
	for _, a := range p.Assumed {
		found = found || strings.Contains(a, "backend stack acme/shop/backend exports the Service Connect contract")
	}
	if !found {
		t.Errorf("the plan does not say it assumed the backend's outputs: %v", p.Assumed)
	}
	if _, err := ServiceOutputs(platformProgramDir, "dev", Options{}); err == nil || !strings.Contains(err.Error(), "is no service project") {
		t.Errorf("ServiceOutputs of a platform stack: %v, want it refused", err)
	}
	if _, err := LoadWith(dir, "web", Options{Platform: contract, Backends: map[string]string{"acme/shop/backend": contract}}); err == nil || !strings.Contains(err.Error(), `has no "serviceConnect" output`) {
		t.Errorf("a backend file that is no backend's outputs: %v, want it refused", err)
	}
}
