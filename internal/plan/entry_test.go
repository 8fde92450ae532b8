package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// platformProgramDir is a generated project whose main.go runs
// stacks.PlatformProgram, with a dev and an adopted stack.
const platformProgramDir = "../../stacks/testdata/platform-program"

// A project whose name the plan does not know is run by the function of
// package stacks its main.go hands pulumi.Run, under whatever names
// main.go imports pulumi and stacks; anything else is not an entry point.
func TestEntryPointIsReadFromMainGo(t *testing.T) {
	tests := []struct {
		name, main, want string
	}{
		{name: "the three lines", want: "PlatformProgram", main: `package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

func main() { pulumi.Run(stacks.PlatformProgram) }
`},
		{name: "renamed imports", want: "PlatformProgram", main: `package main

import (
	p "github.com/private-fargate/pulumi-private-ecs/stacks"
	sdk "github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	sdk.Run(p.PlatformProgram)
}
`},
		{name: "another function of stacks", want: "ServiceProgram", main: `package main

import (
	"github.com/private-fargate/pulumi-private-ecs/stacks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() { pulumi.Run(stacks.ServiceProgram) }
`},
		{name: "another package's program", want: "", main: `package main

import (
	"github.com/private-fargate/pulumi-private-ecs/examples/platform/infra"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() { pulumi.Run(infra.Program) }
`},
		{name: "a package of the same name elsewhere", want: "", main: `package main

import (
	"example.com/other/stacks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() { pulumi.Run(stacks.PlatformProgram) }
`},
		{name: "a function literal", want: "", main: `package main

import (
	"github.com/private-fargate/pulumi-private-ecs/stacks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() { pulumi.Run(func(ctx *pulumi.Context) error { return stacks.PlatformProgram(ctx) }) }
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(tt.main), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := entryPoint(dir)
			if err != nil || got != tt.want {
				t.Errorf("entryPoint = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if got, err := entryPoint(t.TempDir()); got != "" || err != nil {
		t.Errorf("entryPoint of a project without main.go = %q, %v; want nothing", got, err)
	}
}

// A project of its own name, whose main.go runs stacks.PlatformProgram,
// is planned with that program: its stacks run under the mocks with what
// their config names in the account assumed, and the plan says so.
func TestLoadRunsTheProgramItsMainGoHandsPulumiRun(t *testing.T) {
	dev := mustLoadDir(t, platformProgramDir, "dev")
	if dev.Project != "acme-platform" || len(dev.Resources) != 58 {
		t.Errorf("dev: project %s with %d resources, want acme-platform with the golden's 58", dev.Project, len(dev.Resources))
	}
	if want := "public hosted zone example.com"; len(dev.Assumed) != 1 || !strings.HasPrefix(dev.Assumed[0], want) {
		t.Errorf("dev assumed %q, want the hosted zone alone", dev.Assumed)
	}
	adopted := mustLoadDir(t, platformProgramDir, "adopted")
	found := false
	for _, a := range adopted.Assumed {
		found = found || strings.Contains(a, "each private subnet has a route table of its own (rtb-")
	}
	if !found {
		t.Errorf("adopted assumed %q, want the private subnets' own route tables said", adopted.Assumed)
	}
	for _, r := range adopted.Resources {
		if r.Type == typeVpc || r.Type == typeSubnet {
			t.Errorf("%s registered for an adopted VPC", r.URN)
		}
	}
}

// A service project (main.go hands pulumi.Run stacks.ServiceProgram) is
// planned against the platform contract given, and shows what it adds to
// the platform; without one it is refused with the flag to pass.
func TestLoadRunsTheServiceProgramAgainstTheContractGiven(t *testing.T) {
	const dir = "../../stacks/testdata/service-program"
	p, err := LoadWith(dir, "web", Options{Platform: contractFixture})
	if err != nil {
		t.Fatal(err)
	}
	if p.Project != "shop" || p.Platform == nil || p.Platform.Stack != "acme/platform/dev" {
		t.Fatalf("project %s, platform %+v; want shop attached to acme/platform/dev", p.Project, p.Platform)
	}
	web := 0
	for _, r := range p.Resources {
		if r.Type == "private-fargate:index:WebService" {
			web++
		}
	}
	if web != 1 {
		t.Errorf("%d WebService resources, want the stack's one", web)
	}
	_, err = Load(dir, "web")
	if err == nil || !strings.Contains(err.Error(), "pass its contract with --platform FILE") {
		t.Errorf("Load without a contract = %v; want the --platform flag named", err)
	}
}

// A project whose main.go names a function of stacks the plan cannot run
// is refused by that name, with the ones it can.
func TestLoadRefusesAnEntryPointItCannotRun(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"Pulumi.yaml":     "name: orders-service\nruntime: go\n",
		"Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n",
		"main.go": `package main

import (
	"github.com/private-fargate/pulumi-private-ecs/stacks"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() { pulumi.Run(stacks.Program) }
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(dir, "dev")
	want := `names project "orders-service", which the plan has no program for, and its main.go hands pulumi.Run stacks.Program, which the plan cannot run; it runs stacks.PlatformProgram, stacks.ServiceProgram`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v; want an error containing %q", err, want)
	}
}
