package copilot

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// node is a field of a merged manifest: its name's node (for the line),
// its value and its concrete path. A missing field has a nil value.
type node struct {
	key  *yaml.Node
	v    *yaml.Node
	path string
}

// get is the child field named key.
func (n node) get(key string) node {
	k, v := mapEntry(n.v, key)
	if isNull(v) {
		v = nil
	}
	return node{key: k, v: v, path: join(n.path, key)}
}

// at follows a dotted path.
func (n node) at(path string) node {
	for _, k := range strings.Split(path, ".") {
		n = n.get(k)
	}
	return n
}

func (n node) ok() bool       { return n.v != nil }
func (n node) isMap() bool    { return n.v != nil && n.v.Kind == yaml.MappingNode }
func (n node) isSeq() bool    { return n.v != nil && n.v.Kind == yaml.SequenceNode }
func (n node) isScalar() bool { return n.v != nil && n.v.Kind == yaml.ScalarNode }

// line is the line of the field's name, or of its value.
func (n node) line() int {
	switch {
	case n.key != nil:
		return n.key.Line
	case n.v != nil:
		return n.v.Line
	}
	return 0
}

// items are a list's items, each with its index in the path.
func (n node) items() []node {
	if !n.isSeq() {
		return nil
	}
	out := make([]node, len(n.v.Content))
	for i, item := range n.v.Content {
		out[i] = node{v: item, path: fmt.Sprintf("%s[%d]", n.path, i)}
		if isNull(item) {
			out[i].v = nil
		}
	}
	return out
}

// entries are a map's fields, in order.
func (n node) entries() []node {
	if !n.isMap() {
		return nil
	}
	var out []node
	for i := 0; i+1 < len(n.v.Content); i += 2 {
		k, v := n.v.Content[i], n.v.Content[i+1]
		if isNull(v) {
			v = nil
		}
		out = append(out, node{key: k, v: v, path: join(n.path, k.Value)})
	}
	return out
}

// name is a map entry's name.
func (n node) name() string {
	if n.key == nil {
		return ""
	}
	return n.key.Value
}

// reader reads typed values from one manifest's fields, collecting a
// problem for each value of the wrong shape.
type reader struct {
	ps   *problems
	file string
	// vars are the ${NAME}s Copilot fills in, and unset tells of one it
	// fills in from the deploying shell, which is kept as written.
	vars  map[string]string
	unset func(n node, name string)
}

// copilotVar finds a ${NAME} in a manifest value.
var copilotVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

func (r reader) fail(n node, format string, args ...any) {
	r.ps.add(r.file, n.line(), n.path, format, args...)
}

// str reads a scalar as text.
func (r reader) str(n node) (string, bool) {
	if !n.ok() {
		return "", false
	}
	if !n.isScalar() {
		r.fail(n, "must be a single value, not a %s", shape(n.v))
		return "", false
	}
	v := n.v.Value
	if strings.Contains(v, "${") {
		v = copilotVar.ReplaceAllStringFunc(v, func(m string) string {
			name := m[2 : len(m)-1]
			if val, ok := r.vars[name]; ok {
				return val
			}
			if r.unset != nil {
				r.unset(n, name)
			}
			return m
		})
	}
	return v, true
}

// integer reads a whole number.
func (r reader) integer(n node) (int, bool) {
	s, ok := r.str(n)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		r.fail(n, "%q is not a whole number", s)
		return 0, false
	}
	return v, true
}

// number reads a number, whole or not.
func (r reader) number(n node) (float64, bool) {
	s, ok := r.str(n)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.fail(n, "%q is not a number", s)
		return 0, false
	}
	return v, true
}

// boolean reads true or false, as Copilot does (yes, no, on and off
// included).
func (r reader) boolean(n node) (bool, bool) {
	if !n.ok() {
		return false, false
	}
	var b bool
	if !n.isScalar() || n.v.Decode(&b) != nil {
		r.fail(n, "%s is not true or false", shown(n.v))
		return false, false
	}
	return b, true
}

// duration reads a Go duration such as 30s, 1m30s or 2h, as Copilot
// does.
func (r reader) duration(n node) (time.Duration, bool) {
	s, ok := r.str(n)
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		r.fail(n, "%q is not a duration; write it as 30s, 5m or 1h30m", s)
		return 0, false
	}
	return d, true
}

// seconds reads a duration in whole seconds.
func (r reader) seconds(n node) (int, bool) {
	d, ok := r.duration(n)
	if !ok {
		return 0, false
	}
	if d%time.Second != 0 {
		r.fail(n, "%s is not a whole number of seconds", d)
		return 0, false
	}
	return int(d / time.Second), true
}

// strs reads a list of strings, or one string as a list of one.
func (r reader) strs(n node) ([]string, bool) {
	if !n.ok() {
		return nil, false
	}
	if n.isScalar() {
		return []string{n.v.Value}, true
	}
	if !n.isSeq() {
		r.fail(n, "must be a list of strings, not a %s", shape(n.v))
		return nil, false
	}
	var out []string
	ok := true
	for _, item := range n.items() {
		s, good := r.str(item)
		ok = ok && good
		if good {
			out = append(out, s)
		}
	}
	return out, ok
}

// shape names a node's kind for a message.
func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "map"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// shown renders a node's value for a message.
func shown(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return "a " + shape(n)
}
