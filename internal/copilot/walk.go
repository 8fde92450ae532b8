package copilot

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// present is one field a manifest sets.
type present struct {
	// Path is the concrete path: "variables.LOG_LEVEL",
	// "http.additional_rules[0].path".
	Path string
	// Field is the table's entry for it.
	Field Field
	// Line is the line of the field's name.
	Line int
	// Leaf tells that the value is not walked further: a scalar, a list
	// of scalars, or an opaque value.
	Leaf bool
}

// unknown is a field the specification of the manifest's type does not
// have.
type unknown struct {
	Path string
	Line int
}

// walked is what a walk found, in document order.
type walked struct {
	Fields  []present
	Unknown []unknown
}

// walk lists the fields of mapping m against the table. skip names
// top-level fields the caller reads itself (environments). A key given
// twice in one map is a problem: YAML leaves its meaning undefined.
func walk(ps *problems, file string, m *yaml.Node, table []Field, skip ...string) walked {
	var w walked
	w.mapping(ps, file, m, table, "", "", skip)
	return w
}

func (w *walked) mapping(ps *problems, file string, m *yaml.Node, table []Field, pattern, path string, skip []string) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			ps.add(file, k.Line, path, "a field name must be a plain string")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			ps.add(file, k.Line, join(path, k.Value), "is given twice (first on line %d); keep one", first)
			continue
		}
		seen[k.Value] = k.Line
		if path == "" && slices.Contains(skip, k.Value) {
			continue
		}
		childPath := join(path, k.Value)
		f, ok := lookup(table, join(pattern, k.Value))
		if !ok {
			f, ok = lookup(table, join(pattern, "*"))
		}
		if !ok {
			w.Unknown = append(w.Unknown, unknown{Path: childPath, Line: k.Line})
			continue
		}
		w.value(ps, file, v, table, f, childPath, k.Line)
	}
}

// value records one field and walks its value.
func (w *walked) value(ps *problems, file string, v *yaml.Node, table []Field, f Field, path string, line int) {
	i := len(w.Fields)
	w.Fields = append(w.Fields, present{Path: path, Field: f, Line: line, Leaf: true})
	if f.Opaque {
		return
	}
	switch v.Kind {
	case yaml.MappingNode:
		if hasChildren(table, f.Path+".") {
			w.Fields[i].Leaf = false
			w.mapping(ps, file, v, table, f.Path, path, nil)
		}
	case yaml.SequenceNode:
		if !hasChildren(table, f.Path+"[].") {
			return
		}
		leaf := false
		for j, item := range v.Content {
			if item.Kind == yaml.MappingNode {
				w.mapping(ps, file, item, table, f.Path+"[]", fmt.Sprintf("%s[%d]", path, j), nil)
			} else {
				leaf = true
			}
		}
		w.Fields[i].Leaf = leaf
	}
}

// hasChildren tells whether the table has a field under prefix.
func hasChildren(table []Field, prefix string) bool {
	for _, f := range table {
		if strings.HasPrefix(f.Path, prefix) {
			return true
		}
	}
	return false
}
