package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// mirrors pairs each wire args type with the components type it mirrors.
var mirrors = []struct{ wire, comp reflect.Type }{
	{reflect.TypeFor[PrivateFargateServiceArgs](), reflect.TypeFor[components.PrivateFargateServiceArgs]()},
	{reflect.TypeFor[NetworkArgs](), reflect.TypeFor[network.NetworkArgs]()},
	{reflect.TypeFor[LoadBalancerArgs](), reflect.TypeFor[edge.LoadBalancerArgs]()},
	{reflect.TypeFor[ClusterArgs](), reflect.TypeFor[cluster.ClusterArgs]()},
	{reflect.TypeFor[WebServiceArgs](), reflect.TypeFor[service.WebServiceArgs]()},
	{reflect.TypeFor[KeyArgs](), reflect.TypeFor[key.KeyArgs]()},
	{reflect.TypeFor[PlatformArgs](), reflect.TypeFor[components.PlatformArgs]()},
	// A WebService's platform: the contract a platform stack exports.
	{reflect.TypeFor[PlatformContract](), reflect.TypeFor[components.PlatformContract]()},
}

// Every components args field crosses the wire (or is left out above, for
// a reason), under the same key and in the same shape: plain where the
// component takes a plain value, an input where it takes an input. A
// field added to the components fails here until the wire carries it.
func TestWireArgsMirrorComponents(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var check func(wire, comp reflect.Type)
	check = func(wire, comp reflect.Type) {
		if seen[wire] {
			return
		}
		seen[wire] = true
		wireFields := map[string]reflect.StructField{}
		for _, f := range reflect.VisibleFields(wire) {
			if f.IsExported() && !f.Anonymous {
				wireFields[fieldKey(f)] = f
			}
		}
		for _, cf := range reflect.VisibleFields(comp) {
			if !cf.IsExported() || cf.Anonymous {
				continue
			}
			key := fieldKey(cf)
			wf, ok := wireFields[key]
			delete(wireFields, key)
			if !ok {
				if _, ok := leftOut[wire.Name()+"."+key]; !ok {
					t.Errorf("%s.%s (%s) has no counterpart in %s: add a rule for it to provider/internal/wireargs/rules.go if it needs one, then go generate ./... in provider/", comp.Name(), cf.Name, key, wire.Name())
				}
				continue
			}
			if ws, cs := shape(wf.Type), shape(cf.Type); ws != cs {
				t.Errorf("%s.%s is %s on the wire but %s in %s", wire.Name(), key, ws, cs, comp.Name())
				continue
			}
			if w, c := structOf(wf.Type), structOf(cf.Type); w != nil && c != nil {
				check(w, c)
			}
		}
		for key := range wireFields {
			if _, ok := wireOnly[wire.Name()+"."+key]; !ok {
				t.Errorf("%s.%s has no counterpart in %s", wire.Name(), key, comp.Name())
			}
		}
	}
	for _, m := range mirrors {
		check(m.wire, m.comp)
	}
}

// sourceTypes are the components interfaces that take a piece or its
// contract; on the wire, a reference to the piece.
var sourceTypes = []reflect.Type{
	reflect.TypeFor[network.NetworkSource](),
	reflect.TypeFor[cluster.ClusterSource](),
	reflect.TypeFor[edge.LoadBalancerSource](),
	reflect.TypeFor[service.ServiceConnectSource](),
}

// contractTypes are what a reference converts into.
var contractTypes = []reflect.Type{
	reflect.TypeFor[network.NetworkContract](),
	reflect.TypeFor[cluster.ClusterContract](),
	reflect.TypeFor[edge.LoadBalancerContract](),
	reflect.TypeFor[service.ServiceConnectContract](),
}

// shape says how a field crosses the wire: a plain value, an input, a
// piece, or a list, map or object of them.
func shape(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		if reflect.PointerTo(t.Elem()).Implements(resourceType) {
			return "a piece"
		}
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface && t.Implements(inputType) {
		return "an input"
	}
	if slices.Contains(sourceTypes, t) {
		return "a piece"
	}
	switch t.Kind() {
	case reflect.Slice:
		return "a list of " + shape(t.Elem())
	case reflect.Map:
		return "a map of " + shape(t.Elem())
	case reflect.Struct:
		if reflect.PointerTo(t).Implements(resourceType) {
			return "a piece"
		}
		return "an object"
	}
	return "a plain " + t.Kind().String()
}

// convert carries every wire field into the components args: a wire
// value with every field set converts into components args with every
// field set, references into the pieces they resolved to.
func TestConvertCarriesEveryField(t *testing.T) {
	for _, m := range mirrors {
		wire := reflect.New(m.wire)
		fill(wire.Elem())
		comp := reflect.New(m.comp)
		if err := convert(comp.Interface(), wire.Elem().Interface()); err != nil {
			t.Errorf("convert %s: %v", m.wire.Name(), err)
			continue
		}
		for _, path := range zeroFields(comp.Elem(), m.comp.Name()) {
			t.Errorf("convert %s left %s unset", m.wire.Name(), path)
		}
	}
}

// fill sets every field of v, recursively, to a value that is not zero.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		switch v.Type() {
		case reflect.TypeFor[*NetworkRef]():
			v.Set(reflect.ValueOf(&NetworkRef{ref[network.NetworkContract]{contract: network.NetworkContract{Name: "x"}, found: true}}))
		case reflect.TypeFor[*ClusterRef]():
			v.Set(reflect.ValueOf(&ClusterRef{ref[cluster.ClusterContract]{contract: cluster.ClusterContract{Name: "x"}, found: true}}))
		case reflect.TypeFor[*LoadBalancerRef]():
			v.Set(reflect.ValueOf(&LoadBalancerRef{ref[edge.LoadBalancerContract]{contract: edge.LoadBalancerContract{Name: "x"}, found: true}}))
		case reflect.TypeFor[*BackendServiceRef]():
			v.Set(reflect.ValueOf(&BackendServiceRef{ref[service.ServiceConnectContract]{contract: service.ServiceConnectContract{Name: "x"}, found: true}}))
		default:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		}
	case reflect.Interface:
		switch v.Type() {
		case reflect.TypeFor[pulumi.StringInput]():
			v.Set(reflect.ValueOf(pulumi.String("x")))
		case reflect.TypeFor[pulumi.StringArrayInput]():
			v.Set(reflect.ValueOf(pulumi.StringArray{pulumi.String("x")}))
		}
	case reflect.Struct:
		for _, f := range reflect.VisibleFields(v.Type()) {
			if f.IsExported() && !f.Anonymous {
				fill(v.FieldByIndex(f.Index))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e)
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), e)
		v.Set(m)
	case reflect.String:
		v.SetString("x")
	case reflect.Int:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(7.5)
	case reflect.Bool:
		v.SetBool(true)
	}
}

// zeroFields lists the paths of v's fields left zero, except those the
// wire leaves out on purpose.
func zeroFields(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return []string{path}
		}
		if v.Kind() == reflect.Interface && slices.Contains(sourceTypes, v.Type()) {
			// A reference converts into the piece's contract, never into
			// the piece.
			if !slices.Contains(contractTypes, v.Elem().Type()) {
				return []string{path + " (a " + v.Elem().Type().String() + ", not a contract)"}
			}
			return nil
		}
		return zeroFields(v.Elem(), path)
	case reflect.Struct:
		var out []string
		for _, f := range reflect.VisibleFields(v.Type()) {
			if f.IsExported() && !f.Anonymous {
				out = append(out, zeroFields(v.FieldByIndex(f.Index), path+"."+fieldKey(f))...)
			}
		}
		return slices.DeleteFunc(out, func(p string) bool { return leftOutPath(p) })
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return []string{path}
		}
		if v.Kind() == reflect.Slice {
			return zeroFields(v.Index(0), path+"[0]")
		}
		return zeroFields(v.MapIndex(v.MapKeys()[0]), path+".k")
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

// leftOutPath tells whether a components path is one the wire leaves out
// inside a PrivateFargateService or a Platform (leftOutPaths, from the
// views in internal/wireargs).
func leftOutPath(path string) bool {
	for _, prefix := range leftOutPaths {
		if path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[") {
			return true
		}
	}
	return false
}

// A components field path becomes the property path the caller wrote;
// indexes and map keys stay as they are.
func TestWireFieldNamesTheProperty(t *testing.T) {
	pfs := reflect.TypeFor[components.PrivateFargateServiceArgs]()
	tests := []struct{ give, want string }{
		{"Task.Cpu", "task.cpu"},
		{"Service.CapacityProviderStrategy[1].Base", "service.capacityProviderStrategy[1].base"},
		{"Container.Secrets.DB_PASSWORD", "container.secrets.DB_PASSWORD"},
		{"Container.Secrets.DB.Kind", "container.secrets.DB.kind"},
		{"Container.Environment.bad-name", "container.environment.bad-name"},
		{"Tags.team.name", "tags.team.name"},
		{"Tags.aws:owner", "tags.aws:owner"},
		{"Network.Existing.PrivateSubnetIds", "network.existing.privateSubnetIds"},
		{"Ingress.AllowedCidrs[0]", "ingress.allowedCidrs[0]"},
		{"Ec2", "ec2"},
		{"name", "name"},
	}
	for _, tt := range tests {
		if got := wireField(pfs, tt.give); got != tt.want {
			t.Errorf("wireField(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
	if got := wireField(reflect.TypeFor[network.NetworkArgs](), "Features.web"); got != "features.web" {
		t.Errorf("wireField(Features.web) = %q, want features.web", got)
	}
}
