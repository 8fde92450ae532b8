package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A service stack on a platform reaches X-Ray through the platform's
// endpoints, which its own stack does not register: its trace path is
// read from the contract. Against a contract with the xray endpoint and
// no NAT, the web stack with tracing: xray goes through that endpoint;
// against one with NAT and no xray endpoint, through NAT.
func TestServiceTracePathReadsThePlatformsEndpoints(t *testing.T) {
	tests := []struct {
		name string
		xray bool
		nat  bool
		want string
	}{
		{name: "xray endpoint, no NAT", xray: true, want: "-> xray endpoint com.amazonaws.us-east-1.xray"},
		{name: "NAT, no xray endpoint", nat: true, want: "-> X-Ray, with no xray endpoint (through NAT)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			const from = "../../stacks/testdata/service-program"
			for _, f := range []string{"Pulumi.yaml", "Pulumi.web.yaml", "main.go"} {
				b, err := os.ReadFile(filepath.Join(from, f))
				if err != nil {
					t.Fatal(err)
				}
				if f == "Pulumi.web.yaml" {
					b = append(b, "  shop:tracing: xray\n"...)
				}
				if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			contract := editedContract(t, dir, func(c map[string]any) {
				n := c["network"].(map[string]any)
				n["nat"] = tt.nat
				eps := n["endpoints"].(map[string]any)
				delete(eps, "xray")
				if tt.xray {
					eps["xray"] = "Interface"
					// Tasks with no NAT pull the collector from ECR
					// Public through the platform's cache.
					n["pullThroughCache"] = []any{map[string]any{"upstream": "ecr-public", "prefix": "ecr-public", "hosts": []any{"public.ecr.aws"}}}
					n["cacheRegistry"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
				}
			})
			p, err := LoadWith(dir, "web", Options{Platform: contract})
			if err != nil {
				t.Fatalf("plan stack web with tracing: %v", err)
			}
			var traced int
			for _, s := range p.Services {
				if s.Trace == nil {
					continue
				}
				traced++
				if got := s.Trace.Text(); !strings.HasSuffix(got, tt.want) {
					t.Errorf("service %s trace path = %q, want it to end %q", s.Name, got, tt.want)
				}
			}
			if traced != 1 {
				t.Fatalf("%d services with a trace path, want the web service's", traced)
			}
			if text := p.Text(); !strings.Contains(text, tt.want) {
				t.Errorf("plan text lacks the trace path %q", tt.want)
			}
		})
	}
}

// editedContract writes the contract fixture, changed by edit, into dir.
func editedContract(t *testing.T, dir string, edit func(c map[string]any)) string {
	t.Helper()
	b, err := os.ReadFile(contractFixture)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	edit(c)
	if b, err = json.Marshal(c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "contract.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
