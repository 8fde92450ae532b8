// Package godocs reads the doc comments of a Go package's types, struct
// fields and constants, so that a schema can describe each input and
// output with the comment its Go field already carries.
//
// Keys:
//
//	"package"              the package comment
//	"type.T"               type T's comment
//	"field.T.tag"          the comment of T's field whose pulumi tag is tag
//	                       (an untagged field: its Go name in lowerCamel case)
//	"const.C"              constant C's own comment
//	"group.C"              the comment of the const block holding C
//
// A field with no comment of its own shares the comment of the field
// above it when that comment names it ("MinSize and MaxSize bound the
// group" on MinSize describes MaxSize too).
package godocs

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Read parses the non-test Go files in dir and the packages under it (the
// components package keeps each piece in a package of its own) and returns
// the docs of their exported identifiers by key. An alias is no doc of its
// own: the type it names has one.
func Read(dir string) (map[string]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "internal" {
			return filepath.SkipDir // no wire type is declared there
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	docs := map[string]string{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		if f.Doc != nil && filepath.Dir(name) == filepath.Clean(dir) {
			docs["package"] = text(f.Doc)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			switch gd.Tok {
			case token.TYPE:
				readTypes(docs, gd)
			case token.CONST:
				readConsts(docs, gd)
			}
		}
	}
	return docs, nil
}

func readTypes(docs map[string]string, gd *ast.GenDecl) {
	for _, spec := range gd.Specs {
		ts := spec.(*ast.TypeSpec)
		if !ts.Name.IsExported() || ts.Assign.IsValid() {
			continue
		}
		doc := ts.Doc
		if doc == nil && len(gd.Specs) == 1 {
			doc = gd.Doc
		}
		if doc != nil {
			docs["type."+ts.Name.Name] = text(doc)
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		prev := ""
		for _, field := range st.Fields.List {
			fieldDoc := text(field.Doc)
			if fieldDoc == "" && field.Comment != nil {
				fieldDoc = text(field.Comment)
			}
			tag := pulumiTag(field)
			if tag == "" && len(field.Names) == 1 && field.Names[0].IsExported() {
				// An untagged field crosses the wire under its Go name in
				// lowerCamel case.
				n := field.Names[0].Name
				tag = strings.ToLower(n[:1]) + n[1:]
			}
			if fieldDoc == "" && len(field.Names) == 1 && namesWord(prev, field.Names[0].Name) {
				fieldDoc = prev
			}
			if fieldDoc != "" {
				prev = fieldDoc
			}
			if tag != "" && fieldDoc != "" {
				docs["field."+ts.Name.Name+"."+tag] = fieldDoc
			}
		}
	}
}

func readConsts(docs map[string]string, gd *ast.GenDecl) {
	group := ""
	if gd.Lparen.IsValid() {
		group = text(gd.Doc)
	}
	for _, spec := range gd.Specs {
		vs := spec.(*ast.ValueSpec)
		if len(vs.Values) == 1 {
			if _, alias := vs.Values[0].(*ast.SelectorExpr); alias {
				continue // a name kept for another package's constant
			}
		}
		doc := text(vs.Doc)
		if !gd.Lparen.IsValid() {
			doc = text(gd.Doc)
		}
		for _, n := range vs.Names {
			if !n.IsExported() {
				continue
			}
			if doc != "" {
				docs["const."+n.Name] = doc
			}
			if group != "" {
				docs["group."+n.Name] = group
			}
		}
	}
}

// namesWord tells whether doc holds word as a whole word.
func namesWord(doc, word string) bool {
	for _, w := range strings.FieldsFunc(doc, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		if w == word {
			return true
		}
	}
	return false
}

// pulumiTag is the name in a field's pulumi tag, or "".
func pulumiTag(field *ast.Field) string {
	if field.Tag == nil {
		return ""
	}
	raw, err := strconv.Unquote(field.Tag.Value)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(reflect.StructTag(raw).Get("pulumi"), ",")
	return name
}

// text is a comment as prose: lines within a paragraph joined by spaces,
// paragraphs and list items kept on lines of their own.
func text(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	var out []string
	para := ""
	flush := func() {
		if para != "" {
			out = append(out, para)
			para = ""
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(cg.Text()), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
			out = append(out, "")
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  "):
			flush()
			out = append(out, line)
		case para == "":
			para = trimmed
		default:
			para += " " + trimmed
		}
	}
	flush()
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// GoSource renders docs as a Go file of package pkg holding one map,
// godocs, sorted by key.
func GoSource(pkg string, docs map[string]string) ([]byte, error) {
	keys := make([]string, 0, len(docs))
	for k := range docs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/gendocs from ../components; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	fmt.Fprintf(&b, "// godocs are the doc comments of the components package, by key (see\n// internal/godocs): what the schema describes each property with.\n")
	fmt.Fprintf(&b, "var godocs = map[string]string{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\t%q: %q,\n", k, docs[k])
	}
	fmt.Fprintf(&b, "}\n")
	return format.Source(b.Bytes())
}
