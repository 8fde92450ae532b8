package copilot

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// doc parses a YAML document for the tests.
func doc(t *testing.T, s string) *yaml.Node {
	t.Helper()
	ps := &problems{}
	n := parseYAML(ps, "test.yml", []byte(s))
	if err := ps.err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// asMap is a node as plain data, for comparisons.
func asMap(t *testing.T, n *yaml.Node) map[string]any {
	t.Helper()
	var out map[string]any
	if err := n.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMergeOverride merges environment overrides as Copilot's manifest
// transformers do: maps field by field, lists and scalars replaced, a
// value of another shape replaced, null ignored, and the fields Copilot
// makes exclude each other cleared when the override sets the other.
func TestMergeOverride(t *testing.T) {
	tests := []struct {
		name, base, over, want string
	}{
		{"maps merge field by field", "cpu: 256\nhttp:\n  path: /\n  healthcheck: /h\n", "http:\n  path: api\n", "cpu: 256\nhttp:\n  path: api\n  healthcheck: /h\n"},
		{"lists are replaced", "http:\n  alias: [a.example.com, b.example.com]\n", "http:\n  alias: [c.example.com]\n", "http:\n  alias: [c.example.com]\n"},
		{"another shape replaces", "count: 2\n", "count:\n  range: 1-3\n  cpu_percentage: 50\n", "count:\n  range: 1-3\n  cpu_percentage: 50\n"},
		{"null changes nothing", "cpu: 256\nmemory: 512\n", "cpu: ~\n", "cpu: 256\nmemory: 512\n"},
		{"new fields are added", "cpu: 256\n", "exec: true\n", "cpu: 256\nexec: true\n"},
		{"variables merge by name", "variables:\n  A: 1\n  B: 2\n", "variables:\n  B: 3\n  C: 4\n", "variables:\n  A: 1\n  B: 3\n  C: 4\n"},
		{"location clears build", "image:\n  build: Dockerfile\n  port: 80\n", "image:\n  location: nginx:1\n", "image:\n  port: 80\n  location: nginx:1\n"},
		{"build clears location", "image:\n  location: nginx:1\n  port: 80\n", "image:\n  build: Dockerfile\n", "image:\n  port: 80\n  build: Dockerfile\n"},
		{"a sidecar's location clears its build", "sidecars:\n  s:\n    image:\n      build: d\n", "sidecars:\n  s:\n    image:\n      location: x:1\n", "sidecars:\n  s:\n    image:\n      location: x:1\n"},
		{"spot clears autoscaling", "count:\n  range: 1-4\n  cpu_percentage: 70\n  cooldown:\n    in: 30s\n", "count:\n  spot: 2\n", "count:\n  spot: 2\n"},
		{"a scalar count replaces the map", "count:\n  range: 1-4\n  cpu_percentage: 70\n", "count: 2\n", "count: 2\n"},
		{"autoscaling clears spot", "count:\n  spot: 2\n", "count:\n  range: 1-4\n  memory_percentage: 70\n", "count:\n  range: 1-4\n  memory_percentage: 70\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeOverride("", doc(t, tt.base), doc(t, tt.over))
			if diff := cmp.Diff(asMap(t, doc(t, tt.want)), asMap(t, got)); diff != "" {
				t.Errorf("merged (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMergeKeepsLines checks that a merged field keeps the line it was
// written on, in the manifest or in the override, so that MIGRATION.md
// and the problems name the right one.
func TestMergeKeepsLines(t *testing.T) {
	m := doc(t, "cpu: 256\nmemory: 512\nenvironments:\n  prod:\n    memory: 1024\n")
	merged := mergeOverride("", without(m, "environments"), mapGet(mapGet(m, "environments"), "prod"))
	for key, want := range map[string]int{"cpu": 1, "memory": 5} {
		if k, _ := mapEntry(merged, key); k == nil || k.Line != want {
			t.Errorf("%s: line %v, want %d", key, k, want)
		}
	}
}

// TestAnchorsAndMergeKeys reads YAML anchors and merge keys (<<) as
// Copilot's YAML library does: a map's own fields win.
func TestAnchorsAndMergeKeys(t *testing.T) {
	got := asMap(t, doc(t, "defaults: &d\n  cpu: 256\n  memory: 512\nsvc:\n  <<: *d\n  memory: 1024\nports: &p [80]\nmore: *p\n"))
	want := map[string]any{
		"defaults": map[string]any{"cpu": 256, "memory": 512},
		"svc":      map[string]any{"memory": 1024, "cpu": 256},
		"ports":    []any{80}, "more": []any{80},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolved (-want +got):\n%s", diff)
	}
}

// TestPathPatterns turns Copilot's http.path into listener rule path
// patterns: "/" is every path; "api" is /api and everything under it, as
// Copilot's rules match.
func TestPathPatterns(t *testing.T) {
	for give, want := range map[string][]string{
		"/": {"/*"}, "": {"/*"}, "api": {"/api", "/api/*"}, "/api/": {"/api", "/api/*"},
		"api/v1": {"/api/v1", "/api/v1/*"}, "static/*": {"/static/*"},
	} {
		if diff := cmp.Diff(want, pathPatterns(give)); diff != "" {
			t.Errorf("pathPatterns(%q) (-want +got):\n%s", give, diff)
		}
	}
}

// TestSpotCapacity places the tasks before spot_from on Fargate (the
// strategy's base, with weight 0) and the rest on Fargate Spot: a
// strategy has one base at most and one weight above 0 at least (BRIEF
// fact 7).
func TestSpotCapacity(t *testing.T) {
	for from, want := range map[int]string{
		0: `[{"provider":"FARGATE_SPOT","weight":1}]`,
		1: `[{"provider":"FARGATE_SPOT","weight":1}]`,
		3: `[{"provider":"FARGATE","base":2,"weight":0},{"provider":"FARGATE_SPOT","weight":1}]`,
	} {
		if got := configText(spotCapacity(from)); got != want {
			t.Errorf("spotCapacity(%d) = %s, want %s", from, got, want)
		}
	}
}

// TestProblemKey finds the stack key a components' problem names.
func TestProblemKey(t *testing.T) {
	for give, want := range map[string]string{
		"shop-api:cpu: 300 is not a Fargate size":                    "cpu",
		"shop-api:containerHealthCheck.command: must start with CMD": "containerHealthCheck",
		"shop-api:sidecars[0].image: is not pullable":                "sidecars",
		"cpu: 300 is not a Fargate size":                             "cpu",
		"the platform has no such load balancer":                     "",
	} {
		if got := problemKey("shop-api", give); got != want {
			t.Errorf("problemKey(%q) = %q, want %q", give, got, want)
		}
	}
}

// TestPullable decides how tasks with no NAT pull an image: an ECR image
// of the stack's region as it is; an image on a registry ECR caches
// through a pull-through cache rule the platform gets, with a credentials
// secret for the registries that need one; and no way at all for a
// registry ECR cannot cache or a moving tag on a cached one (ECR user
// guide, "Sync an upstream registry with an Amazon ECR private
// registry"; BRIEF facts 3 and 19).
func TestPullable(t *testing.T) {
	tests := []struct {
		image    string
		ok       bool
		rule     string // the rule the platform gets, "" for none
		whyParts string
	}{
		{image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", ok: true},
		{image: "public.ecr.aws/nginx/nginx:1.27", ok: true, rule: `{"upstream":"ecr-public"}`},
		{image: "quay.io/prometheus/node-exporter:v1.8.0", ok: true, rule: `{"upstream":"quay"}`},
		{image: "nginx:1.27", ok: true, rule: `{"upstream":"docker-hub","credentialArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub"}`},
		{image: "ghcr.io/acme/tool:2.0", ok: true, rule: `{"upstream":"github-container-registry","credentialArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/github-container-registry"}`},
		{image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", ok: true, rule: `{"upstream":"ecr","registryHost":"123456789012.dkr.ecr.eu-west-1.amazonaws.com"}`},
		{image: "nginx", whyParts: "pin a version tag or a digest"},
		{image: "public.ecr.aws/nginx/nginx:latest", whyParts: "pin a version tag or a digest"},
		{image: "gcr.io/acme/app:1", whyParts: "ECR cannot cache gcr.io"},
		{image: "mcr.microsoft.com/dotnet/runtime:8.0", whyParts: "ECR cannot cache mcr.microsoft.com"},
	}
	for _, tt := range tests {
		t.Run(tt.image, func(t *testing.T) {
			c := &converter{opts: Options{Region: "us-east-1", Account: "123456789012", AccountGiven: true}}
			e := &envStack{cacheWhy: map[string][]string{}}
			why, ok := c.pullable(e, tt.image)
			if ok != tt.ok || (!ok && !strings.Contains(why, tt.whyParts)) {
				t.Fatalf("pullable(%q) = %v, %q; want %v and a reason with %q", tt.image, ok, why, tt.ok, tt.whyParts)
			}
			got := ""
			if len(e.cache) > 0 {
				got = configText(e.cache[0])
			}
			if got != tt.rule {
				t.Errorf("pullable(%q): rule %s, want %s", tt.image, got, tt.rule)
			}
		})
	}
}
