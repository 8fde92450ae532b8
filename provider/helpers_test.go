package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blang/semver"
	"github.com/google/go-cmp/cmp"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// projectDir is the repository root: the Go program's Pulumi.yaml and
// stack files.
const projectDir = ".."

// newServer serves the provider under the integration harness, with
// monitor answering registrations and invokes in place of the engine.
func newServer(t testing.TB, monitor pulumi.MockResourceMonitor) integration.Server {
	t.Helper()
	prov, err := New()
	if err != nil {
		t.Fatalf("build the provider: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	opts := []integration.ServerOption{integration.WithProvider(prov)}
	if monitor != nil {
		opts = append(opts, integration.WithMocks(monitor))
	}
	s, err := integration.NewServer(ctx, Name, semver.MustParse(Version), opts...)
	if err != nil {
		t.Fatalf("start the provider: %v", err)
	}
	return s
}

// The harness's monitor names every resource in stack "stack" of
// project "project", whatever the request says; the component's parent
// is that stack, so that awsmock, which derives URNs from parents, agrees
// with it. The request's URN carries the real project and stack, which
// the components read for their tags.
const harnessStack = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack"

// construct builds one component over the wire, as a program in another
// language would: its type, name and inputs in a Construct request.
func construct(s integration.Server, project, stack, typ, name string, inputs property.Map) (p.ConstructResponse, error) {
	return s.Construct(p.ConstructRequest{
		Urn:    presource.URN(fmt.Sprintf("urn:pulumi:%s::%s::%s::%s", stack, project, typ, name)),
		Parent: harnessStack,
		Inputs: inputs,
	})
}

// refTo is a resource reference to a component the server built, as an
// SDK sends a component passed as an input.
func refTo(resp p.ConstructResponse) property.Value {
	return property.New(property.ResourceReference{URN: resp.Urn, PackageVersion: Version})
}

// devStack is the component name and args the Go program builds from the
// dev stack's configuration.
func devStack(t *testing.T) (*stacks.StackFiles, string, components.PrivateFargateServiceArgs) {
	t.Helper()
	return stackArgs(t, "dev")
}

// stackArgs reads a stack of the root project as the program does.
func stackArgs(t *testing.T, stack string) (*stacks.StackFiles, string, components.PrivateFargateServiceArgs) {
	t.Helper()
	files, err := stacks.LoadStackFiles(projectDir, stack)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var args components.PrivateFargateServiceArgs
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		cfg, err := stacks.Load(ctx)
		if err != nil {
			return err
		}
		name, args = cfg.Name, cfg.Args
		return nil
	}, files.RunOption(awsmock.New(files.Config["aws:region"])))
	if err != nil {
		t.Fatalf("read the %s stack's config: %v", stack, err)
	}
	return files, name, args
}

// wireInputs renders Go component args as the inputs an SDK would send
// for them: each field under its key, zero values left out (the
// component reads them as its defaults either way), literal inputs as
// plain values. An Output has no literal form; it fails the test.
func wireInputs(t *testing.T, args any) property.Map {
	t.Helper()
	v, ok, err := wireValue(reflect.ValueOf(args), false)
	if err != nil {
		t.Fatalf("render the args: %v", err)
	}
	if !ok {
		return property.Map{}
	}
	return v.AsMap()
}

func wireValue(v reflect.Value, keepZero bool) (property.Value, bool, error) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return property.Value{}, false, nil
		}
		switch in := v.Interface().(type) {
		case pulumi.String:
			return property.New(string(in)), true, nil
		case pulumi.StringArray, pulumi.StringMap:
			return wireValue(reflect.ValueOf(in), keepZero)
		default:
			return property.Value{}, false, fmt.Errorf("%T has no literal value", in)
		}
	case reflect.Pointer:
		if v.IsNil() {
			return property.Value{}, false, nil
		}
		return wireValue(v.Elem(), true)
	case reflect.Struct:
		m := map[string]property.Value{}
		for _, f := range reflect.VisibleFields(v.Type()) {
			if !f.IsExported() {
				continue
			}
			fv, ok, err := wireValue(v.FieldByIndex(f.Index), false)
			if err != nil {
				return property.Value{}, false, fmt.Errorf("%s: %w", f.Name, err)
			}
			if ok {
				m[fieldKey(f)] = fv
			}
		}
		return property.New(m), len(m) > 0 || keepZero, nil
	case reflect.Slice:
		if v.Len() == 0 && !keepZero {
			return property.Value{}, false, nil
		}
		var a []property.Value
		for i := range v.Len() {
			ev, _, err := wireValue(v.Index(i), true)
			if err != nil {
				return property.Value{}, false, err
			}
			a = append(a, ev)
		}
		return property.New(a), true, nil
	case reflect.Map:
		if v.Len() == 0 && !keepZero {
			return property.Value{}, false, nil
		}
		m := map[string]property.Value{}
		for it := v.MapRange(); it.Next(); {
			ev, _, err := wireValue(it.Value(), true)
			if err != nil {
				return property.Value{}, false, err
			}
			m[it.Key().String()] = ev
		}
		return property.New(m), true, nil
	case reflect.String:
		return property.New(v.String()), keepZero || v.String() != "", nil
	case reflect.Bool:
		return property.New(v.Bool()), keepZero || v.Bool(), nil
	case reflect.Int, reflect.Int32, reflect.Int64:
		return property.New(float64(v.Int())), keepZero || v.Int() != 0, nil
	case reflect.Float64:
		return property.New(v.Float()), keepZero || v.Float() != 0, nil
	}
	return property.Value{}, false, fmt.Errorf("no wire form for a %s", v.Type())
}

// registered is what a program registered, by type and name: the inputs
// of each resource as plain JSON-shaped data, and its parent's type and
// name.
func registered(m *awsmock.Mocks) map[string]any {
	byURN := map[string]*awsmock.Resource{}
	for _, r := range m.Resources() {
		byURN[r.URN] = r
	}
	out := map[string]any{}
	for _, r := range m.Resources() {
		parent := "-"
		if p, ok := byURN[r.Parent]; ok {
			parent = p.Type + "::" + p.Name
		}
		b, _ := json.Marshal(r.Inputs.Mappable())
		var inputs any
		_ = json.Unmarshal(b, &inputs)
		out[r.Type+"::"+r.Name] = map[string]any{"parent": parent, "inputs": inputs}
	}
	return out
}

// diffLines is a (-want +got) diff of two golden resource lists.
func diffLines(want, got string) string {
	return cmp.Diff(strings.Split(want, "\n"), strings.Split(got, "\n"))
}

// types lists the types registered, sorted, for messages.
func types(m *awsmock.Mocks) []string {
	var out []string
	for _, r := range m.Resources() {
		out = append(out, r.Type+" "+r.Name)
	}
	slices.Sort(out)
	return out
}

// harnessMocks is awsmock as the harness's monitor: that monitor accepts
// output values, so the SDK sends a remote component's known Output input
// (the image's repository URL) as an output value, where the Go SDK's own
// mocks send the plain value. The engine resolves both the same way;
// harnessMocks unwraps output values before awsmock reads the inputs.
type harnessMocks struct{ *awsmock.Mocks }

func (m harnessMocks) NewResource(args pulumi.MockResourceArgs) (string, presource.PropertyMap, error) {
	args.Inputs = unwrapOutputs(presource.NewObjectProperty(args.Inputs)).ObjectValue()
	return m.Mocks.NewResource(args)
}

func unwrapOutputs(v presource.PropertyValue) presource.PropertyValue {
	switch {
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return presource.MakeComputed(presource.NewStringProperty(""))
		}
		inner := unwrapOutputs(o.Element)
		if o.Secret {
			return presource.MakeSecret(inner)
		}
		return inner
	case v.IsSecret():
		return presource.MakeSecret(unwrapOutputs(v.SecretValue().Element))
	case v.IsArray():
		out := make([]presource.PropertyValue, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			out[i] = unwrapOutputs(e)
		}
		return presource.NewArrayProperty(out)
	case v.IsObject():
		out := presource.PropertyMap{}
		for k, e := range v.ObjectValue() {
			out[k] = unwrapOutputs(e)
		}
		return presource.NewObjectProperty(out)
	}
	return v
}

// componentOverTheWire builds a PrivateFargateService from args with the
// Go program and over the wire, fails unless both register the same
// resources with the same inputs, and returns what the wire registered.
// what names the case in failures ("with a sidecar").
func componentOverTheWire(t *testing.T, files *stacks.StackFiles, name string, args components.PrivateFargateServiceArgs, what string) *awsmock.Mocks {
	t.Helper()
	region := files.Config["aws:region"]
	goPath := awsmock.New(region)
	if err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := components.NewPrivateFargateService(ctx, name, &args)
		return err
	}, files.RunOption(goPath)); err != nil {
		t.Fatalf("Go program %s: %v", what, err)
	}
	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	if _, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args)); err != nil {
		t.Fatalf("Construct %s: %v", what, err)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's %s (-go +wire):\n%s", what, d)
	}
	return wire
}
