package main

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/urn"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"gopkg.in/yaml.v3"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

const (
	// yamlService is the YAML service program.
	yamlService = "../examples/yaml-service/Pulumi.yaml"
	// yamlServiceProject is its project name.
	yamlServiceProject = "private-fargate-yaml-service"
	// platformFixture is the contract the platform example's dev stack
	// exports (examples/platform keeps it in step); it stands in for the
	// platform stack's output.
	platformFixture = "../examples/platform/testdata/contract.dev.json"
)

// stackOutput is a Pulumi YAML expression reading a StackReference's
// output: ${ref.outputs["name"]}.
var stackOutput = regexp.MustCompile(`^\$\{([a-zA-Z0-9_-]+)\.outputs\["([a-zA-Z0-9_-]+)"\]\}$`)

// yamlServiceProgram is the part of the YAML service program this test
// reads: yamlProgram and its config declarations.
type yamlServiceProgram struct {
	yamlProgram `yaml:",inline"`
	Name        string `yaml:"name"`
	Config      map[string]struct {
		Type string `yaml:"type"`
	} `yaml:"config"`
}

// The YAML service program is one the package accepts, and its
// WebService, sent over the wire with the platform stack's output (the
// platform example's contract, depending on the StackReference, as
// Pulumi YAML sends ${platform.outputs["platform"]}), registers what
// NewWebService registers in a Go program given that contract: its own
// listener rule for payments.example.com on the platform's HTTPS
// listener, in the payments team's block, and tasks in the platform's
// private subnets with no public IP. It is the TypeScript service
// program's service: the same properties, but for the platform.
func TestYamlServiceBuildsOverTheWire(t *testing.T) {
	src, err := os.ReadFile(yamlService)
	if err != nil {
		t.Fatal(err)
	}
	var prog yamlServiceProgram
	if err := yaml.Unmarshal(src, &prog); err != nil {
		t.Fatalf("%s: %v", yamlService, err)
	}
	if prog.Name != yamlServiceProject {
		t.Errorf("%s: project %q, want %q", yamlService, prog.Name, yamlServiceProject)
	}
	if prog.Packages[Name] == "" {
		t.Errorf("%s does not add the %s package under packages", yamlService, Name)
	}
	var spec pschema.PackageSpec
	if err := json.Unmarshal(getSchema(t), &spec); err != nil {
		t.Fatal(err)
	}

	// The stack reference, named by the platformStack config, and the
	// service reading its "platform" output.
	ref, name := "", ""
	types := map[string]string{}
	for n, r := range prog.Resources {
		types[n] = r.Type
		switch r.Type {
		case "pulumi:pulumi:StackReference":
			ref = n
		case service.WebServiceType:
			name = n
		default:
			t.Errorf("resource %s: a %s; the service program has a StackReference and a WebService", n, r.Type)
		}
	}
	if ref == "" || name == "" {
		t.Fatalf("%s: want a pulumi:pulumi:StackReference and a %s, have %v", yamlService, service.WebServiceType, types)
	}
	if got := prog.Resources[ref].Properties["name"]; got != "${platformStack}" {
		t.Errorf("resource %s: name %v, want ${platformStack}", ref, got)
	}
	if c, ok := prog.Config["platformStack"]; !ok || c.Type != "string" {
		t.Errorf("%s: config platformStack is not declared as a string", yamlService)
	}
	svc := prog.Resources[name]
	rs := spec.Resources[service.WebServiceType]
	platform, _ := svc.Properties["platform"].(string)
	if m := stackOutput.FindStringSubmatch(platform); m == nil || m[1] != ref || m[2] != "platform" {
		t.Errorf(`resource %s: platform %q, want ${%s.outputs["platform"]}`, name, platform, ref)
	}
	if want := "#/types/" + Name + ":index:PlatformContract"; rs.InputProperties["platform"].Ref != want {
		t.Errorf("the schema's WebService platform is %q, want %s", rs.InputProperties["platform"].Ref, want)
	}
	props := map[string]any{}
	for key, v := range svc.Properties {
		if key == "platform" {
			continue
		}
		props[key] = v
		prop, ok := rs.InputProperties[key]
		if !ok {
			t.Errorf("resource %s: %s has no input %s", name, svc.Type, key)
			continue
		}
		for _, problem := range checkValue(&spec, prop.TypeSpec, v, types) {
			t.Errorf("resource %s: %s%s", name, key, problem)
		}
	}
	for out, expr := range prog.Outputs {
		m := interpolation.FindStringSubmatch(expr)
		if m == nil {
			continue // a literal
		}
		if _, ok := spec.Resources[types[m[1]]].Properties[m[2]]; m[2] == "" || !ok {
			t.Errorf("output %s: %s (%s) has no output %q", out, m[1], types[m[1]], m[2])
		}
	}
	if t.Failed() {
		return
	}

	// The TypeScript program's service, but for the platform it reads.
	ts, err := os.ReadFile(typescriptService)
	if err != nil {
		t.Fatal(err)
	}
	var req typescriptServiceRequest
	if err := json.Unmarshal(ts, &req); err != nil {
		t.Fatalf("%s: %v", typescriptService, err)
	}
	inputs := yamlInputs(props, nil).AsMap()
	mappable := func(m property.Map) any { return presource.ToResourcePropertyValue(property.New(m)).Mappable() }
	if d := cmp.Diff(mappable(req.constructInputs(t).Delete("platform")), mappable(inputs)); d != "" {
		t.Errorf("%s sends the WebService other properties than examples/typescript-service (-typescript +yaml):\n%s", yamlService, d)
	}

	data, err := os.ReadFile(platformFixture)
	if err != nil {
		t.Fatal(err)
	}
	var contract map[string]any
	if err := json.Unmarshal(data, &contract); err != nil {
		t.Fatalf("%s: %v", platformFixture, err)
	}
	refURN := urn.URN("urn:pulumi:" + stack + "::" + yamlServiceProject + "::pulumi:pulumi:StackReference::" + ref)
	inputs = inputs.Set("platform", contractValue(contract).WithDependencies([]urn.URN{refURN}))

	goPath := goServiceOnPlatform(t, yamlServiceProject, name, contract, "main", paymentsProgram())
	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	if _, err := construct(s, yamlServiceProject, stack, service.WebServiceType, name, inputs); err != nil {
		t.Fatalf("Construct %s %s: %v", service.WebServiceType, name, err)
	}
	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	checkAttached(t, wire, name, contract, "payments.example.com", "payments")
}
