package copilot

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlLine finds the line a yaml.v3 error names, and yamlPrefix what
// comes before its message.
var (
	yamlLine   = regexp.MustCompile(`line (\d+)`)
	yamlPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)
)

// parseYAML reads one YAML document into its top-level mapping, with
// aliases and merge keys resolved so that every node is a plain one that
// keeps its line. An empty document is an empty mapping. Invalid YAML, a
// second document or a top level that is not a mapping is a problem.
func parseYAML(ps *problems, file string, data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1}
		}
		ps.add(file, errLine(err), "", "invalid YAML: %s", yamlPrefix.ReplaceAllString(err.Error(), ""))
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		ps.add(file, next.Line, "", "invalid YAML: a second document; a manifest is one document")
		return nil
	} else if !errors.Is(err, io.EOF) {
		ps.add(file, errLine(err), "", "invalid YAML: %s", yamlPrefix.ReplaceAllString(err.Error(), ""))
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1}
		}
		root = root.Content[0]
	}
	root = resolve(root)
	if isNull(root) {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: root.Line}
	}
	if root.Kind != yaml.MappingNode {
		ps.add(file, root.Line, "", "invalid manifest: the top level must be a map of fields")
		return nil
	}
	return root
}

// errLine is the line a yaml.v3 error names, or 0.
func errLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// resolve copies n with aliases replaced by what they point at and merge
// keys (<<) expanded; keys a mapping sets itself win over merged ones.
func resolve(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return resolve(n.Alias)
	}
	c := *n
	c.Content = nil
	switch n.Kind {
	case yaml.MappingNode:
		var merged []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], resolve(n.Content[i+1])
			if k.Value == "<<" && k.Tag == "!!merge" {
				switch v.Kind {
				case yaml.MappingNode:
					merged = append(merged, v.Content...)
				case yaml.SequenceNode:
					for _, m := range v.Content {
						if m.Kind == yaml.MappingNode {
							merged = append(merged, m.Content...)
						}
					}
				}
				continue
			}
			c.Content = append(c.Content, k, v)
		}
		for i := 0; i+1 < len(merged); i += 2 {
			if mapGet(&c, merged[i].Value) == nil {
				c.Content = append(c.Content, merged[i], merged[i+1])
			}
		}
	default:
		for _, item := range n.Content {
			c.Content = append(c.Content, resolve(item))
		}
	}
	return &c
}

// isNull tells whether n is YAML's null (~, null or nothing).
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// mapGet returns the value of key in mapping m, or nil.
func mapGet(m *yaml.Node, key string) *yaml.Node {
	_, v := mapEntry(m, key)
	return v
}

// mapEntry returns the key and value nodes of key in mapping m.
func mapEntry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// without returns a copy of mapping m without the given keys.
func without(m *yaml.Node, keys ...string) *yaml.Node {
	c := *m
	c.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		drop := false
		for _, k := range keys {
			drop = drop || m.Content[i].Value == k
		}
		if !drop {
			c.Content = append(c.Content, m.Content[i], m.Content[i+1])
		}
	}
	return &c
}

// mergeOverride applies an environment's override to a manifest, as
// Copilot does: maps merge field by field, and any other value (a
// scalar, a list, or a value of another shape) replaces the manifest's. A
// null override changes nothing. Where Copilot's fields exclude each
// other, setting one in the override clears the other: image.build and
// image.location, and count.spot and count's autoscaling fields.
func mergeOverride(path string, base, over *yaml.Node) *yaml.Node {
	if isNull(over) {
		return base
	}
	if base == nil || base.Kind != yaml.MappingNode || over.Kind != yaml.MappingNode {
		return over
	}
	b := base
	switch {
	case path == "image" || (strings.HasPrefix(path, "sidecars.") && strings.HasSuffix(path, ".image")):
		if mapGet(over, "build") != nil {
			b = without(b, "location")
		}
		if mapGet(over, "location") != nil {
			b = without(b, "build")
		}
	case path == "count":
		if mapGet(over, "spot") != nil {
			b = without(b, autoscalingFields...)
		}
		for _, f := range autoscalingFields {
			if mapGet(over, f) != nil {
				b = without(b, "spot")
			}
		}
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: b.Tag, Line: b.Line, Column: b.Column}
	for i := 0; i+1 < len(b.Content); i += 2 {
		k, v := b.Content[i], b.Content[i+1]
		if ok, ov := mapEntry(over, k.Value); ok != nil && !isNull(ov) {
			if v.Kind == yaml.MappingNode && ov.Kind == yaml.MappingNode {
				out.Content = append(out.Content, ok, mergeOverride(join(path, k.Value), v, ov))
			} else {
				out.Content = append(out.Content, ok, ov)
			}
			continue
		}
		out.Content = append(out.Content, k, v)
	}
	for i := 0; i+1 < len(over.Content); i += 2 {
		k, v := over.Content[i], over.Content[i+1]
		if mapGet(b, k.Value) == nil && !isNull(v) {
			out.Content = append(out.Content, k, v)
		}
	}
	return out
}

// autoscalingFields are count's fields that exclude count.spot.
var autoscalingFields = []string{"range", "cooldown", "cpu_percentage", "memory_percentage", "requests", "response_time", "queue_delay"}

// join makes a dotted path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
