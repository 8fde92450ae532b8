package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	p "github.com/pulumi/pulumi-go-provider"

	readgodocs "github.com/private-fargate/pulumi-private-ecs/provider/internal/godocs"
	"github.com/private-fargate/pulumi-private-ecs/provider/internal/sdkgen"
	"github.com/private-fargate/pulumi-private-ecs/provider/internal/wireargs"
)

var update = flag.Bool("update", false, "rewrite schema.json from GetSchema")

// schemaFile is the golden schema: what GetSchema returns, indented. The
// SDKs of the examples are generated from it (cmd/gen-sdk).
const schemaFile = "schema.json"

func getSchema(t *testing.T) []byte {
	t.Helper()
	resp, err := newServer(t, nil).GetSchema(p.GetSchemaRequest{})
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(resp.Schema), "", "  "); err != nil {
		t.Fatalf("GetSchema returned invalid JSON: %v", err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// GetSchema returns the checked-in schema, so a change to the package's
// API shows up as a reviewed diff of schema.json (`go generate ./...`
// rewrites it).
func TestGetSchemaMatchesGolden(t *testing.T) {
	got := getSchema(t)
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("read the golden schema (go test . -update writes it): %v", err)
	}
	if d := diffLines(string(want), string(got)); d != "" {
		t.Errorf("GetSchema differs from %s (-golden +GetSchema); run go generate ./... in provider/ and review:\n%s", schemaFile, d)
	}
}

// The schema binds, the way the code generators read it, and lists every
// component with typed properties, each described with its godoc; the
// cases below spell out what each language sees.
func TestSchemaListsEveryComponentTyped(t *testing.T) {
	src := getSchema(t)
	if _, err := sdkgen.Bind(src); err != nil {
		t.Fatal(err)
	}
	var spec pschema.PackageSpec
	if err := json.Unmarshal(src, &spec); err != nil {
		t.Fatal(err)
	}
	for _, err := range undescribed(&spec) {
		t.Errorf("%v: document it in ../components, then go generate ./...", err)
	}
	for _, pc := range served {
		r, ok := spec.Resources[pc.token]
		if !ok || !r.IsComponent {
			t.Errorf("%s: not a component resource in the schema", pc.token)
			continue
		}
		if len(r.InputProperties) == 0 || len(r.Properties) == 0 {
			t.Errorf("%s: %d inputs and %d outputs", pc.token, len(r.InputProperties), len(r.Properties))
		}
	}

	prop := func(token, name string) pschema.PropertySpec {
		t.Helper()
		if r, ok := spec.Resources[token]; ok {
			if p, ok := r.InputProperties[name]; ok {
				return p
			}
		}
		if ty, ok := spec.Types[token]; ok {
			if p, ok := ty.Properties[name]; ok {
				return p
			}
		}
		t.Fatalf("%s has no property %s", token, name)
		return pschema.PropertySpec{}
	}
	const (
		pfs = "private-fargate:index:PrivateFargateService"
		web = "private-fargate:index:WebService"
	)
	tests := []struct {
		what      string
		got       pschema.PropertySpec
		wantRef   string
		wantPlain bool
	}{
		// What the constructors branch on is plain...
		{"the container", prop(pfs, "container"), "#/types/private-fargate:index:Container", true},
		{"the container port", prop("private-fargate:index:Container", "port"), "", true},
		{"the NAT mode, an enum", prop("private-fargate:index:ServiceNetwork", "natGateways"), "#/types/private-fargate:index:NatMode", true},
		{"the strategy's provider, an enum", prop("private-fargate:index:CapacityProviderStrategyItem", "provider"), "#/types/private-fargate:index:CapacityProvider", true},
		{"the EC2 network mode, an enum", prop("private-fargate:index:Ec2Capacity", "networkMode"), "#/types/private-fargate:index:NetworkMode", true},
		{"the task architecture, an enum", prop("private-fargate:index:Task", "architecture"), "#/types/private-fargate:index:Architecture", true},
		{"the allowed CIDRs", prop("private-fargate:index:Ingress", "allowedCidrs"), "", true},
		{"the tags, a plain map of inputs", prop(pfs, "tags"), "", true},
		{"a service's network, a resource", prop(web, "network"), "#/resources/private-fargate:index:Network", true},
		{"a service's platform contract, plain inside", prop("private-fargate:index:ContractNetwork", "vpcId"), "", true},
		// The platform contract is an input, so that a program can pass a
		// stack reference's Output; Construct needs it known.
		{"a service's platform contract", prop(web, "platform"), "#/types/private-fargate:index:PlatformContract", false},
		// ...and what passes through to AWS is an input.
		{"the image URI", prop("private-fargate:index:Container", "image"), "", false},
		{"the certificate ARN", prop("private-fargate:index:Ingress", "certificateArn"), "", false},
		{"the adopted VPC's subnets", prop("private-fargate:index:ExistingVpc", "privateSubnetIds"), "", false},
	}
	for _, tt := range tests {
		if tt.got.Ref != tt.wantRef || tt.got.Plain != tt.wantPlain {
			t.Errorf("%s: $ref %q plain %v; want $ref %q plain %v", tt.what, tt.got.Ref, tt.got.Plain, tt.wantRef, tt.wantPlain)
		}
		if tt.got.Description == "" {
			t.Errorf("%s: no description", tt.what)
		}
	}
	if tags := prop(pfs, "tags"); tags.AdditionalProperties == nil || tags.AdditionalProperties.Plain {
		t.Errorf("tag values: want inputs, got %+v", tags.AdditionalProperties)
	}
	for _, enum := range []string{"NatMode", "CapacityProvider", "NetworkMode", "Architecture", "TargetType", "SecretKind", "DependencyCondition"} {
		ty, ok := spec.Types["private-fargate:index:"+enum]
		if !ok || len(ty.Enum) < 2 || ty.Description == "" {
			t.Errorf("%s: want a described enum, got %+v", enum, ty)
		}
	}
}

// docs_gen.go holds the components godoc as it is now: `go generate`
// rewrites it when a comment in ../components changes.
func TestDocsAreCurrent(t *testing.T) {
	docs, err := readgodocs.Read("../components")
	if err != nil {
		t.Fatal(err)
	}
	want, err := readgodocs.GoSource("main", docs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("docs_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if d := diffLines(string(want), string(got)); d != "" {
		t.Errorf("docs_gen.go is stale: the components godoc changed; run go generate ./... in provider/ (-want +got):\n%s", d)
	}
}

// args_gen.go holds the wire args as the components args types and the
// rules in internal/wireargs make them now: `go generate` rewrites it when
// either changes.
func TestWireArgsAreCurrent(t *testing.T) {
	want, err := wireargs.Source("main")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("args_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if d := diffLines(string(want), string(got)); d != "" {
		t.Errorf("args_gen.go is stale: the components args or the rules in internal/wireargs changed; run go generate ./... in provider/ (-want +got):\n%s", d)
	}
}
