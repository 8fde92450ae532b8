package main

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// describe finishes the schema infer wrote, from the wire types and the
// components godoc:
//
//   - every resource, property, object type and enum gets the doc comment
//     of the components type or field it mirrors;
//   - every property whose Go type is plain is plain at every level: infer
//     marks plain only the primitives, so an object, array or map of plain
//     values (the container, the strategy, the allowed CIDRs) would
//     otherwise take an Output that the constructor could not branch on.
//     A map or array of inputs (tags, policy ARNs) is plain itself, its
//     values inputs, as in the components.
//
// It fails only when the schema lacks what the wire types say it has; a
// missing description is for the tests to catch (undescribed), not a
// reason to serve no schema.
func describe(spec *pschema.PackageSpec) error {
	var errs []error
	seen := map[reflect.Type]bool{}
	for _, pc := range served {
		r, ok := spec.Resources[pc.token]
		if !ok {
			errs = append(errs, fmt.Errorf("schema has no resource %s", pc.token))
			continue
		}
		r.Description = godocs["type."+pc.docsType]
		errs = append(errs, describeProperties(spec, r.InputProperties, pc.args, pc.docsArgs, seen)...)
		for name, prop := range r.Properties {
			prop.Description = godocs["field."+pc.docsType+"."+name]
			r.Properties[name] = prop
		}
		spec.Resources[pc.token] = r
	}
	for token, t := range spec.Types {
		name := token[strings.LastIndex(token, ":")+1:]
		if key, ok := enumDocs[name]; ok {
			t.Description = godocs[key]
			spec.Types[token] = t
		}
	}
	return errors.Join(errs...)
}

// describeProperties describes props, the schema of the Go struct t,
// with the godoc of the components type docsType, and marks the plain
// ones; then it does the same for each object type t uses.
func describeProperties(spec *pschema.PackageSpec, props map[string]pschema.PropertySpec, t reflect.Type,
	docsType string, seen map[reflect.Type]bool,
) []error {
	var errs []error
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		key := fieldKey(f)
		prop, ok := props[key]
		if !ok {
			errs = append(errs, fmt.Errorf("schema of %s has no property %q", t.Name(), key))
			continue
		}
		prop.Description = godocs["field."+docsType+"."+key]
		if doc, ok := wireOnly[t.Name()+"."+key]; ok {
			prop.Description = doc
		}
		markPlain(&prop.TypeSpec, f.Type)
		if inputInSchema[t.Name()+"."+key] {
			prop.Plain = false
		}
		props[key] = prop
		if nested := structOf(f.Type); nested != nil && !seen[nested] {
			seen[nested] = true
			errs = append(errs, describeType(spec, nested, seen)...)
		}
	}
	return errs
}

// describeType describes the object type of the wire struct t.
func describeType(spec *pschema.PackageSpec, t reflect.Type, seen map[reflect.Type]bool) []error {
	token := Name + ":index:" + t.Name()
	ct, ok := spec.Types[token]
	if !ok {
		return []error{fmt.Errorf("schema has no type %s", token)}
	}
	docsType := t.Name()
	if d, ok := docsFor[docsType]; ok {
		docsType = d
	}
	ct.Description = godocs["type."+docsType]
	errs := describeProperties(spec, ct.Properties, t, docsType, seen)
	spec.Types[token] = ct
	return errs
}

// inputInSchema are the plain wire fields the schema offers as inputs,
// by wire type and key, so that a program can pass an Output: a
// WebService's platform, which a program reads from the platform stack
// as an Output (requireOutput in TypeScript; a plain property would not
// type-check there). Construct takes the value out of its Output, and
// refuses it while it is unknown (plainPlatform), so the constructor
// still branches on a plain value. Its contents stay plain.
var inputInSchema = map[string]bool{"WebServiceArgs.platform": true}

var (
	inputType    = reflect.TypeFor[pulumi.Input]()
	resourceType = reflect.TypeFor[pulumi.Resource]()
)

// markPlain marks ts plain, and its items or values, as far as the Go
// type t is not a Pulumi input.
func markPlain(ts *pschema.TypeSpec, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		if reflect.PointerTo(t.Elem()).Implements(resourceType) {
			break
		}
		t = t.Elem()
	}
	if ts == nil || t.Implements(inputType) {
		return
	}
	ts.Plain = true
	switch t.Kind() {
	case reflect.Slice:
		markPlain(ts.Items, t.Elem())
	case reflect.Map:
		markPlain(ts.AdditionalProperties, t.Elem())
	}
}

// structOf is the wire struct a field's type holds (through pointers,
// slices and maps), or nil for primitives, enums, inputs and references.
func structOf(t reflect.Type) reflect.Type {
	for {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			t = t.Elem()
			continue
		case reflect.Struct:
			if reflect.PointerTo(t).Implements(pieceRefType) {
				return nil
			}
			return t
		}
		return nil
	}
}

// undescribed lists everything in spec that has no description.
func undescribed(spec *pschema.PackageSpec) []error {
	var errs []error
	missing := func(what string) { errs = append(errs, fmt.Errorf("%s has no description", what)) }
	for token, r := range spec.Resources {
		if r.Description == "" {
			missing(token)
		}
		for name, prop := range r.InputProperties {
			if prop.Description == "" {
				missing(token + " input " + name)
			}
		}
		for name, prop := range r.Properties {
			if prop.Description == "" {
				missing(token + " output " + name)
			}
		}
	}
	for token, t := range spec.Types {
		if t.Description == "" {
			missing(token)
		}
		for name, prop := range t.Properties {
			if prop.Description == "" {
				missing(token + " property " + name)
			}
		}
	}
	return errs
}

// summary is the first paragraph of a doc comment.
func summary(doc string) string {
	first, _, _ := strings.Cut(doc, "\n\n")
	return first
}
