package plan

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json and the README's generated blocks")

// projectDir holds Pulumi.yaml and the stack files.
const projectDir = "../.."

// The examples' project directories.
const (
	sharedPlatformDir = "../../examples/shared-platform"
	existingVpcDir    = "../../examples/existing-vpc"
	platformDir       = "../../examples/platform"
	teamOrdersDir     = "../../examples/team-orders"
)

var (
	plansMu sync.Mutex
	plans   = map[string]*Plan{}
)

// mustLoad plans a stack of the real project once per test binary; plans
// are not changed by the tests that read them.
func mustLoad(t testing.TB, stack string) *Plan {
	t.Helper()
	return mustLoadDir(t, projectDir, stack)
}

// mustLoadDir plans a stack of the project in dir once per test binary.
func mustLoadDir(t testing.TB, dir, stack string) *Plan {
	t.Helper()
	plansMu.Lock()
	defer plansMu.Unlock()
	key := dir + " " + stack
	if p, ok := plans[key]; ok {
		return p
	}
	p, err := Load(dir, stack)
	if err != nil {
		t.Fatalf("plan stack %s of %s: %v", stack, dir, err)
	}
	plans[key] = p
	return p
}

// writeProject makes a project dir with the real Pulumi.yaml and one stack
// file with the given body.
func writeProject(t *testing.T, stack, body string) string {
	t.Helper()
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), proj, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi."+stack+".yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustPrices(t testing.TB) *PriceTable {
	t.Helper()
	pt, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	return pt
}

// res builds a registration by hand, the way awsmock records one: the ID
// is the name plus "_id" for custom resources, and outputs are the inputs
// plus extra.
func res(typ, name string, inputs map[string]any, extra map[string]any) *awsmock.Resource {
	in := resource.NewPropertyMapFromMap(inputs)
	out := in.Copy()
	for k, v := range extra {
		out[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
	}
	return &awsmock.Resource{
		URN:     "urn:pulumi:t::p::" + typ + "::" + name,
		Type:    typ,
		Name:    name,
		Custom:  true,
		ID:      name + "_id",
		Inputs:  in,
		Outputs: out,
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
