// Package wireargs writes the provider's wire args: the Go types
// Construct receives, which infer reads the schema from. Each one mirrors
// a components args type field for field, under the same key, so that the
// provider's convert copies one into the other by key and the schema's
// descriptions come from the components godoc. It reads the components
// types by reflection and applies the rules in rules.go, which say what
// the types do not:
//
//   - a plain field stays plain and an input stays an input; a
//     pulumi.StringMap or pulumi.StringArray becomes
//     map[string]pulumi.StringInput or []pulumi.StringInput, which infer
//     reads (the named types it cannot), so the schema keeps a plain map
//     or list of inputs and the component can still check its keys
//     before it registers anything;
//   - an optional object is a pointer (infer requires it; the component
//     reads nil as the zero value, its defaults), and so is an optional
//     enum;
//   - a string the schema offers as an enum has the provider's enum type
//     (enums);
//   - a piece handed to another piece is a reference (pieces);
//   - inside a composite, an args type holds only the fields that apply
//     there (views);
//   - a nested type drops its "Args" suffix (names);
//   - the platform contract's JSON tags become pulumi tags.
//
// The provider runs it with `go generate` (internal/genargs), and a test
// there fails when args_gen.go is stale.
package wireargs

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Source returns the Go source of args_gen.go in package pkg.
func Source(pkg string) ([]byte, error) {
	g := newGen()
	for _, t := range roots {
		g.object(t, t.Name())
	}
	g.checkRulesUsed()
	if err := errors.Join(g.errs...); err != nil {
		return nil, err
	}
	return g.write(pkg)
}

func newGen() *gen {
	g := &gen{byKey: map[string]*object{}, byName: map[string]string{}, used: map[string]bool{},
		leftOut: map[string]string{}, roots: map[reflect.Type]bool{}}
	for _, t := range roots {
		g.roots[t] = true
	}
	return g
}

type object struct {
	name   string
	comp   reflect.Type
	doc    string
	fields []field
}

type field struct {
	name, goType, tag string
}

type gen struct {
	objects []*object
	byKey   map[string]*object
	byName  map[string]string // wire name: the key that claimed it
	used    map[string]bool   // the rules that matched a field
	roots   map[reflect.Type]bool
	leftOut map[string]string
	paths   []string
	errs    []error
}

func (g *gen) errorf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Errorf(format, args...))
}

// wireName is the wire name of the components type t.
func (g *gen) wireName(t reflect.Type) string {
	if g.roots[t] {
		return t.Name()
	}
	if n, ok := names[t.Name()]; ok {
		return n
	}
	return strings.TrimSuffix(t.Name(), "Args")
}

// object returns the wire name of the components struct t, writing its
// wire type the first time. path is where it was first met, from a root.
func (g *gen) object(t reflect.Type, path string) string {
	name := g.wireName(t)
	var omit map[string]string
	if g.roots[t] {
		omit = rootOmit[t.Name()]
		if omit != nil {
			g.used["rootOmit."+t.Name()] = true
		}
	}
	return g.declare("type:"+t.Name(), name, t, fmt.Sprintf("%s mirrors components.%s.", name, t.Name()), omit, path)
}

func (g *gen) declare(key, name string, t reflect.Type, doc string, omit map[string]string, path string) string {
	if o, ok := g.byKey[key]; ok {
		return o.name
	}
	if t.PkgPath() != componentsPkg && !strings.HasPrefix(t.PkgPath(), componentsPkg+"/") {
		g.errorf("%s: %s is not a components type; the wire mirrors only those", path, t)
		return name
	}
	if other, ok := g.byName[name]; ok {
		g.errorf("%s: the wire name %s is taken by %s; add a name for %s to the rules", path, name, other, key)
	}
	g.byName[name] = key
	o := &object{name: name, comp: t, doc: doc}
	g.byKey[key] = o
	g.objects = append(g.objects, o)
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		k, opt, err := keyOf(f)
		if err != nil {
			g.errorf("%s.%s: %v", t.Name(), f.Name, err)
			continue
		}
		if reason, ok := omit[k]; ok {
			g.leftOut[name+"."+k] = reason
			g.paths = append(g.paths, path+"."+k)
			continue
		}
		rule := t.Name() + "." + k
		if _, ok := optional[rule]; ok {
			g.used["optional."+rule] = true
			opt = true
		}
		o.fields = append(o.fields, field{f.Name, g.fieldType(t, f, k, opt, path+"."+k), tag(k, opt)})
		if key != "type:"+t.Name() {
			continue // a view holds no wire-only fields
		}
		for _, w := range wireOnly[t.Name()] {
			if w.after != k {
				continue
			}
			g.used["wireOnly."+t.Name()+"."+w.tag] = true
			typ := w.goType
			if w.from != nil {
				typ = g.expr(w.from, strings.HasSuffix(w.tag, ",optional"), path+"."+w.name)
			}
			o.fields = append(o.fields, field{w.name, typ, w.tag})
		}
	}
	for k := range omit {
		if _, ok := g.leftOut[name+"."+k]; !ok {
			g.errorf("%s: the view %s leaves out %q, which %s does not have", path, name, k, t.Name())
		}
	}
	return name
}

func tag(key string, opt bool) string {
	if opt {
		return key + ",optional"
	}
	return key
}

const componentsPkg = "github.com/private-fargate/pulumi-private-ecs/components"

// keyOf is a components field's key and whether it is optional: from its
// pulumi tag, from its JSON tag (the platform contract), or from its Go
// name. The provider matches fields by key; for a field with no pulumi
// tag that is the Go name in lowerCamel case, so the JSON name must be
// that too.
func keyOf(f reflect.StructField) (string, bool, error) {
	if tag, ok := f.Tag.Lookup("pulumi"); ok {
		name, rest, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			return "", false, fmt.Errorf("pulumi tag %q names no key", tag)
		}
		return name, slices.Contains(strings.Split(rest, ","), "optional"), nil
	}
	if tag, ok := f.Tag.Lookup("json"); ok {
		name, rest, _ := strings.Cut(tag, ",")
		if want := strings.ToLower(f.Name[:1]) + f.Name[1:]; name != want {
			return "", false, fmt.Errorf("json key %q is not %q, the key the provider matches it by", name, want)
		}
		return name, slices.Contains(strings.Split(rest, ","), "omitempty"), nil
	}
	// An untagged field: the Go name in lowerCamel case, optional (a
	// required field needs a tag that says so).
	return strings.ToLower(f.Name[:1]) + f.Name[1:], true, nil
}

// fieldType is the wire type of the components field f of t.
func (g *gen) fieldType(t reflect.Type, f reflect.StructField, key string, opt bool, path string) string {
	rule := t.Name() + "." + key
	if e, ok := enums[rule]; ok {
		g.used["enums."+rule] = true
		if f.Type.Kind() != reflect.String {
			g.errorf("%s: an enum rule for a %s", path, f.Type)
		}
		if opt {
			return "*" + e
		}
		return e
	}
	if v, ok := views[rule]; ok {
		g.used["views."+rule] = true
		ct := f.Type
		for ct.Kind() == reflect.Pointer {
			ct = ct.Elem()
		}
		if ct.Kind() != reflect.Struct {
			g.errorf("%s: a view of a %s", path, f.Type)
			return "any"
		}
		name := g.declare("view:"+rule, v.name, ct, v.doc, v.omit, path)
		if opt || f.Type.Kind() == reflect.Pointer {
			return "*" + name
		}
		return name
	}
	return g.expr(f.Type, opt, path)
}

var (
	inputType  = reflect.TypeFor[pulumi.Input]()
	pulumiPkg  = reflect.TypeFor[pulumi.StringInput]().PkgPath()
	plainKinds = []reflect.Kind{reflect.String, reflect.Int, reflect.Bool, reflect.Float64}
)

// expr is the wire type of the components type t; opt makes an object a
// pointer.
func (g *gen) expr(t reflect.Type, opt bool, path string) string {
	if ref, ok := pieces[t]; ok {
		g.used["pieces."+t.Name()] = true
		return ref
	}
	switch t.Kind() {
	case reflect.Interface:
		if t.PkgPath() == pulumiPkg && t.Implements(inputType) {
			return "pulumi." + t.Name()
		}
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Struct {
			return "*" + g.object(t.Elem(), path)
		}
		if t.Elem().Name() != "" && slices.Contains(plainKinds, t.Elem().Kind()) && t.Elem().PkgPath() == "" {
			return "*" + t.Elem().Name()
		}
	case reflect.Struct:
		name := g.object(t, path)
		if opt {
			return "*" + name
		}
		return name
	case reflect.Slice:
		// A named pulumi collection (pulumi.StringArray) as its
		// unnamed form, which infer reads.
		if t.Name() == "" || t.PkgPath() == pulumiPkg {
			return "[]" + g.expr(t.Elem(), false, path+"[]")
		}
	case reflect.Map:
		if (t.Name() == "" || t.PkgPath() == pulumiPkg) && t.Key() == reflect.TypeFor[string]() {
			return "map[string]" + g.expr(t.Elem(), false, path+"[]")
		}
	default:
		if slices.Contains(plainKinds, t.Kind()) && t.PkgPath() == "" {
			return t.Name()
		}
	}
	g.errorf("%s: no rule for a %s on the wire; add one to provider/internal/wireargs/rules.go", path, t)
	return "any"
}

// checkRulesUsed fails on a rule that matched nothing: a rule for a field
// the components no longer have would otherwise go unnoticed.
func (g *gen) checkRulesUsed() {
	for k := range enums {
		if !g.used["enums."+k] {
			g.errorf("the enum rule for %s matches no field", k)
		}
	}
	for k := range views {
		if !g.used["views."+k] {
			g.errorf("the view rule for %s matches no field", k)
		}
	}
	for k := range rootOmit {
		if !g.used["rootOmit."+k] {
			g.errorf("the root omission rule for %s matches no served args", k)
		}
	}
	for k := range optional {
		if !g.used["optional."+k] {
			g.errorf("the optional rule for %s matches no field", k)
		}
	}
	for t, fs := range wireOnly {
		for _, w := range fs {
			if !g.used["wireOnly."+t+"."+w.tag] {
				g.errorf("the wire-only field %s.%s follows %q, which %s does not have", t, w.name, w.after, t)
			}
		}
	}
	for k := range names {
		found := false
		for _, o := range g.objects {
			found = found || o.comp.Name() == k && o.name == names[k]
		}
		if !found {
			g.errorf("the name rule for %s matches no type", k)
		}
	}
	for t := range pieces {
		if !g.used["pieces."+t.Name()] {
			g.errorf("the piece rule for %s matches no field", t)
		}
	}
}

func (g *gen) write(pkg string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/genargs from ../components; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	fmt.Fprintf(&b, "import \"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"\n\n")
	fmt.Fprintf(&b, "// The args as they cross the wire: see provider/internal/wireargs for\n")
	fmt.Fprintf(&b, "// how each type mirrors its components type, and its rules.go for what\n")
	fmt.Fprintf(&b, "// the components do not say themselves. The enums (enums.go) and the\n")
	fmt.Fprintf(&b, "// references to pieces (refs.go) stay hand-written: an enum's values\n")
	fmt.Fprintf(&b, "// and a reference's resolution are code, not a copy of a field.\n\n")
	for _, o := range g.objects {
		for _, line := range strings.Split(o.doc, "\n") {
			fmt.Fprintf(&b, "// %s\n", line)
		}
		fmt.Fprintf(&b, "type %s struct {\n", o.name)
		for _, f := range o.fields {
			fmt.Fprintf(&b, "\t%s %s `pulumi:%s`\n", f.name, f.goType, strconv.Quote(f.tag))
		}
		fmt.Fprintf(&b, "}\n\n")
	}

	fmt.Fprintf(&b, "// docsFor names the components type whose godoc describes each wire\n// type, where the names differ.\n")
	fmt.Fprintf(&b, "var docsFor = map[string]string{\n")
	for _, o := range g.objects {
		if o.name != o.comp.Name() {
			fmt.Fprintf(&b, "\t%q: %q,\n", o.name, o.comp.Name())
		}
	}
	fmt.Fprintf(&b, "}\n\n")

	fmt.Fprintf(&b, "// wireOnly are the wire fields with no components counterpart, by wire\n")
	fmt.Fprintf(&b, "// type and key, with their schema descriptions: convert skips them, and\n")
	fmt.Fprintf(&b, "// the constructor reads them itself (attach.go).\n")
	fmt.Fprintf(&b, "var wireOnly = map[string]string{\n")
	for _, o := range g.objects {
		for _, w := range wireOnly[o.comp.Name()] {
			if g.byKey["type:"+o.comp.Name()] != o {
				continue
			}
			key, _, _ := strings.Cut(w.tag, ",")
			fmt.Fprintf(&b, "\t%q: %q,\n", o.name+"."+key, w.doc)
		}
	}
	fmt.Fprintf(&b, "}\n\n")

	fmt.Fprintf(&b, "// leftOut are the components fields a view does not carry, by wire\n")
	fmt.Fprintf(&b, "// type and key, with the reason: the composite sets them itself.\n")
	fmt.Fprintf(&b, "var leftOut = map[string]string{\n")
	for _, o := range g.objects {
		for _, f := range reflect.VisibleFields(o.comp) {
			k, _, err := keyOf(f)
			if err != nil {
				continue
			}
			if r, ok := g.leftOut[o.name+"."+k]; ok {
				fmt.Fprintf(&b, "\t%q: %q,\n", o.name+"."+k, r)
			}
		}
	}
	fmt.Fprintf(&b, "}\n\n")

	fmt.Fprintf(&b, "// leftOutPaths are the same fields as components field paths from the\n")
	fmt.Fprintf(&b, "// args a provider serves.\n")
	fmt.Fprintf(&b, "var leftOutPaths = []string{\n")
	for _, p := range g.paths {
		fmt.Fprintf(&b, "\t%q,\n", p)
	}
	fmt.Fprintf(&b, "}\n")

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format args_gen.go: %w\n%s", err, b.Bytes())
	}
	return src, nil
}
