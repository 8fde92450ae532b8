package copilot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// obj is a structured config value whose fields keep their order, so
// that a stack file reads as its key's documentation lists them.
type obj []kv

type kv struct {
	K string
	V any
}

// with returns o with key set to v, replacing an earlier value.
func (o obj) with(key string, v any) obj {
	for i := range o {
		if o[i].K == key {
			o[i].V = v
			return o
		}
	}
	return append(o, kv{key, v})
}

func (o obj) get(key string) (any, bool) {
	for _, e := range o {
		if e.K == key {
			return e.V, true
		}
	}
	return nil, false
}

// MarshalYAML writes the fields in order.
func (o obj) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range o {
		var v yaml.Node
		if err := v.Encode(e.V); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.K}, &v)
	}
	return n, nil
}

// MarshalJSON writes the fields in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.K)
		v, err := json.Marshal(e.V)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// stackConfig is one generated stack's configuration: the project's keys
// and aws:region.
type stackConfig struct {
	project string
	stack   string
	region  string
	values  map[string]any
	// generated are the keys, or parts of keys, no manifest field set,
	// and why they have their value.
	generated []generated
}

// generated is a key, or a part of one (show names it, value is its
// value), that no manifest field set.
type generated struct {
	key, show string
	value     any
	why       string
}

func newStackConfig(project, stack, region string) *stackConfig {
	return &stackConfig{project: project, stack: stack, region: region, values: map[string]any{}}
}

func (c *stackConfig) set(key string, v any) { c.values[key] = v }

func (c *stackConfig) del(key string) { delete(c.values, key) }

func (c *stackConfig) has(key string) bool {
	_, ok := c.values[key]
	return ok
}

// gen sets a key no manifest field sets, saying why. Setting it again
// replaces the value and the reason.
func (c *stackConfig) gen(key string, v any, why string) {
	c.values[key] = v
	for i, g := range c.generated {
		if g.key == key && g.show == "" {
			c.generated[i].why = why
			return
		}
	}
	c.generated = append(c.generated, generated{key: key, why: why})
}

// genPart records a part of a key that no manifest field set.
func (c *stackConfig) genPart(key, show string, v any, why string) {
	c.generated = append(c.generated, generated{key: key, show: show, value: v, why: why})
}

// full is a key in the project's namespace.
func (c *stackConfig) full(key string) string { return c.project + ":" + key }

// lookup reads a key as the Pulumi CLI hands it to a program: strings
// as they are, numbers and booleans as text, lists and objects as JSON.
// It takes the key with or without the project's namespace, and
// aws:region.
func (c *stackConfig) lookup(key string) (string, bool) {
	if key == "aws:region" {
		return c.region, true
	}
	name := key
	if len(key) > len(c.project) && key[:len(c.project)+1] == c.project+":" {
		name = key[len(c.project)+1:]
	}
	v, ok := c.values[name]
	if !ok {
		return "", false
	}
	return configText(v), true
}

// configText renders a value as the CLI passes it.
func configText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// keys are the stack's keys, sorted.
func (c *stackConfig) keys() []string {
	out := make([]string, 0, len(c.values))
	for k := range c.values {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// render writes the stack file: aws:region, then the project's keys in
// order, under a comment naming where they came from.
func (c *stackConfig) render(comment string) ([]byte, error) {
	cfg := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) error {
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			return fmt.Errorf("key %s: %w", key, err)
		}
		cfg.Content = append(cfg.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &n)
		return nil
	}
	if err := add("aws:region", c.region); err != nil {
		return nil, err
	}
	for _, k := range c.keys() {
		if err := add(c.full(k), c.values[k]); err != nil {
			return nil, err
		}
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "config"}, cfg}}
	var b bytes.Buffer
	b.WriteString(comment)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// compact renders a value in one line, as MIGRATION.md shows it.
func compact(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return configText(v)
}
