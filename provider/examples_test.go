package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"gopkg.in/yaml.v3"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// yamlProgram is the part of a Pulumi YAML program this test reads.
type yamlProgram struct {
	Packages  map[string]string `yaml:"packages"`
	Resources map[string]struct {
		Type       string         `yaml:"type"`
		Properties map[string]any `yaml:"properties"`
	} `yaml:"resources"`
	Outputs map[string]string `yaml:"outputs"`
}

var interpolation = regexp.MustCompile(`^\$\{([a-zA-Z0-9_-]+)(?:\.([a-zA-Z0-9_]+))?\}$`)

// The YAML example is a program the package accepts: every property it
// sets is one the schema lists, with a value of the schema's type (an
// enum's value, a reference to a resource of the right type), every
// output it reads exists, and its resources, constructed over the wire in
// the order their references need, build the service.
func TestYamlExampleBuildsOverTheWire(t *testing.T) {
	src, err := os.ReadFile("../examples/yaml/Pulumi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var prog yamlProgram
	if err := yaml.Unmarshal(src, &prog); err != nil {
		t.Fatalf("examples/yaml/Pulumi.yaml: %v", err)
	}
	if prog.Packages[Name] == "" {
		t.Errorf("examples/yaml/Pulumi.yaml does not add the %s package under packages", Name)
	}
	var spec pschema.PackageSpec
	if err := json.Unmarshal(getSchema(t), &spec); err != nil {
		t.Fatal(err)
	}

	types := map[string]string{}
	for name, r := range prog.Resources {
		types[name] = r.Type
	}
	for name, r := range prog.Resources {
		rs, ok := spec.Resources[r.Type]
		if !ok {
			t.Errorf("resource %s: the package has no type %s", name, r.Type)
			continue
		}
		for _, req := range rs.RequiredInputs {
			if _, ok := r.Properties[req]; !ok {
				t.Errorf("resource %s: required property %s is not set", name, req)
			}
		}
		for key, v := range r.Properties {
			prop, ok := rs.InputProperties[key]
			if !ok {
				t.Errorf("resource %s: %s has no input %s", name, r.Type, key)
				continue
			}
			for _, problem := range checkValue(&spec, prop.TypeSpec, v, types) {
				t.Errorf("resource %s: %s%s", name, key, problem)
			}
		}
	}
	for out, expr := range prog.Outputs {
		m := interpolation.FindStringSubmatch(expr)
		if m == nil || m[2] == "" {
			t.Errorf("output %s: %q reads no resource output", out, expr)
			continue
		}
		if _, ok := spec.Resources[types[m[1]]].Properties[m[2]]; !ok {
			t.Errorf("output %s: %s (%s) has no output %s", out, m[1], types[m[1]], m[2])
		}
	}
	if t.Failed() {
		return
	}

	m := awsmock.New(region)
	s := newServer(t, harnessMocks{m})
	built := map[string]p.ConstructResponse{}
	for len(built) < len(prog.Resources) {
		progress := false
		for _, name := range sortedKeys(types) {
			r := prog.Resources[name]
			if _, done := built[name]; done || !refsBuilt(r.Properties, built) {
				continue
			}
			inputs := yamlInputs(r.Properties, built).AsMap()
			resp, err := construct(s, "private-fargate-yaml", "dev", r.Type, name, inputs)
			if err != nil {
				t.Fatalf("Construct %s (%s): %v", name, r.Type, err)
			}
			built[name], progress = resp, true
		}
		if !progress {
			t.Fatalf("the resources' references form a cycle: built %v of %v", sortedKeys(built), sortedKeys(types))
		}
	}

	svc := m.Find("aws:ecs/service:Service", "web-service")
	if svc == nil {
		t.Fatalf("no ECS service registered: %v", types)
	}
	strategy, _ := json.Marshal(svc.Inputs["capacityProviderStrategies"].Mappable())
	if !strings.Contains(string(strategy), `"capacityProvider":"FARGATE_SPOT"`) {
		t.Errorf("%s: capacityProviderStrategies = %s, want FARGATE_SPOT", svc.URN, strategy)
	}
	var endpoints []string
	for _, e := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		endpoints = append(endpoints, e.Inputs["serviceName"].StringValue())
	}
	slices.Sort(endpoints)
	want := []string{"com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"}
	if !slices.Equal(endpoints, want) {
		t.Errorf("endpoints = %v, want %v", endpoints, want)
	}
}

// checkValue lists what is wrong with a YAML value for a schema type.
func checkValue(spec *pschema.PackageSpec, ts pschema.TypeSpec, v any, resources map[string]string) []string {
	switch {
	case strings.HasPrefix(ts.Ref, "#/resources/"):
		m, _ := v.(string)
		ref := interpolation.FindStringSubmatch(m)
		if ref == nil || ref[2] != "" {
			return []string{fmt.Sprintf(": %v is not a reference to a resource", v)}
		}
		if want := strings.TrimPrefix(ts.Ref, "#/resources/"); resources[ref[1]] != want {
			return []string{fmt.Sprintf(": %s is a %s, not a %s", ref[1], resources[ref[1]], want)}
		}
		return nil
	case strings.HasPrefix(ts.Ref, "#/types/"):
		ct := spec.Types[strings.TrimPrefix(ts.Ref, "#/types/")]
		if len(ct.Enum) > 0 {
			for _, e := range ct.Enum {
				if e.Value == v {
					return nil
				}
			}
			return []string{fmt.Sprintf(": %v is not one of the enum's values", v)}
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf(": %v is not an object", v)}
		}
		var out []string
		for _, req := range ct.Required {
			if _, ok := obj[req]; !ok {
				out = append(out, "."+req+": required, not set")
			}
		}
		for k, e := range obj {
			prop, ok := ct.Properties[k]
			if !ok {
				out = append(out, "."+k+": not a property of "+ts.Ref)
				continue
			}
			for _, problem := range checkValue(spec, prop.TypeSpec, e, resources) {
				out = append(out, "."+k+problem)
			}
		}
		return out
	}
	switch ts.Type {
	case "array":
		a, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf(": %v is not a list", v)}
		}
		var out []string
		for i, e := range a {
			for _, problem := range checkValue(spec, *ts.Items, e, resources) {
				out = append(out, fmt.Sprintf("[%d]%s", i, problem))
			}
		}
		return out
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf(": %v is not a map", v)}
		}
		var out []string
		for k, e := range obj {
			for _, problem := range checkValue(spec, *ts.AdditionalProperties, e, resources) {
				out = append(out, "."+k+problem)
			}
		}
		return out
	case "string":
		if _, ok := v.(string); !ok {
			return []string{fmt.Sprintf(": %v is not a string", v)}
		}
	case "integer":
		if _, ok := v.(int); !ok {
			return []string{fmt.Sprintf(": %v is not an integer", v)}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf(": %v is not a boolean", v)}
		}
	}
	return nil
}

// refsBuilt tells whether every resource props reference is built.
func refsBuilt(props map[string]any, built map[string]p.ConstructResponse) bool {
	for _, v := range props {
		if s, ok := v.(string); ok {
			if m := interpolation.FindStringSubmatch(s); m != nil {
				if _, ok := built[m[1]]; !ok {
					return false
				}
			}
		}
	}
	return true
}

// yamlInputs is what Pulumi YAML sends for props: values as they are, a
// ${resource} as a reference to it.
func yamlInputs(v any, built map[string]p.ConstructResponse) property.Value {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]property.Value{}
		for k, e := range v {
			m[k] = yamlInputs(e, built)
		}
		return property.New(m)
	case []any:
		a := make([]property.Value, len(v))
		for i, e := range v {
			a[i] = yamlInputs(e, built)
		}
		return property.New(a)
	case string:
		if m := interpolation.FindStringSubmatch(v); m != nil && m[2] == "" {
			return refTo(built[m[1]])
		}
		return property.New(v)
	case int:
		return property.New(float64(v))
	case bool:
		return property.New(v)
	}
	return property.New(property.Null)
}
