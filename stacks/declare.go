package stacks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// Project is this program's Pulumi project: its name and description.
const (
	ProjectName        = "private-fargate"
	projectDescription = "A web service on Amazon ECS in private subnets with no NAT gateway, reaching ECR, CloudWatch Logs and S3 through VPC endpoints, behind a public ALB; or, by its kind, a backend reached through Service Connect, a queue worker or a scheduled job, with no load balancer."
)

// ProjectFile renders Pulumi.yaml from the keys table. Every key gets a
// default: the Pulumi CLI refuses to run a stack that does not set a
// declared key without one ("Stack 'dev' is missing configuration value",
// ValidateStackConfigAndApplyProjectConfig in the Pulumi workspace
// package). The defaults are the component's, or the key's none value,
// which the program reads as unset.
func ProjectFile() ([]byte, error) {
	d := components.DefaultArgs()
	cfg := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range keys {
		decl := &yaml.Node{Kind: yaml.MappingNode}
		add := func(key string, v any) error {
			var n yaml.Node
			if err := n.Encode(v); err != nil {
				return fmt.Errorf("key %s: %w", k.Name, err)
			}
			decl.Content = append(decl.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &n)
			return nil
		}
		if err := add("type", k.Type); err != nil {
			return nil, err
		}
		if k.Items != "" {
			if err := add("items", map[string]string{"type": k.Items}); err != nil {
				return nil, err
			}
		}
		if err := add("description", k.description()); err != nil {
			return nil, err
		}
		if err := add("default", declaredDefault(k, d)); err != nil {
			return nil, err
		}
		cfg.Content = append(cfg.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k.Name}, decl)
	}
	return projectYAML("# Generated from the keys table in stacks/keys.go by\n# go test ./stacks -run TestProjectFile -update; edit the table, not this file.\n",
		ProjectName, projectDescription, cfg)
}

// projectYAML renders a Go project's Pulumi.yaml: its name, runtime,
// description and the config declarations cfg holds, under header.
func projectYAML(header, project, description string, cfg *yaml.Node) ([]byte, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "name"}, {Kind: yaml.ScalarNode, Value: project},
		{Kind: yaml.ScalarNode, Value: "runtime"}, {Kind: yaml.ScalarNode, Value: "go"},
		{Kind: yaml.ScalarNode, Value: "description"}, {Kind: yaml.ScalarNode, Value: description},
		{Kind: yaml.ScalarNode, Value: "config"}, cfg,
	}}
	var b bytes.Buffer
	b.WriteString(header)
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

// declaredDefault is the value Pulumi.yaml declares for a key.
func declaredDefault(k *stackKey, d Args) any {
	if k.Default != nil {
		return k.Default(d)
	}
	switch k.None {
	case "[]":
		return []any{}
	case "{}":
		return map[string]any{}
	}
	return ""
}

// ConfigTable renders the README's table of keys.
func ConfigTable() string {
	d := components.DefaultArgs()
	var b strings.Builder
	b.WriteString("| key | type | default | meaning |\n|---|---|---|---|\n")
	b.WriteString("| `aws:region` | string | (required) | Region to deploy to; names the endpoint services, and every ARN and zone must be of it. |\n")
	for _, k := range keys {
		typ := k.Type
		if k.Items != "" {
			typ = k.Items + "[]"
		}
		def := "`" + compact(declaredDefault(k, d)) + "`"
		if k.Default == nil {
			def += " (none)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Name, typ, def, k.description())
	}
	return b.String()
}

// Ec2Table renders the README's table of the ec2 key's fields.
func Ec2Table() string { return SubTable("ec2") }

// SubTable renders the README's table of a structured key's fields.
func SubTable(key string) string {
	k, _ := keyByName(key)
	var b strings.Builder
	b.WriteString("| key | default | meaning |\n|---|---|---|\n")
	for _, s := range k.Sub {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.Name, s.Default, s.Desc)
	}
	return b.String()
}

// compact renders a default as a stack file would write it, in one line:
// strings bare, lists and objects in flow style.
func compact(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return `""`
		}
		return v
	case []map[string]any:
		parts := make([]string, len(v))
		for i, m := range v {
			var fields []string
			for _, name := range sortedKeys(m) {
				fields = append(fields, fmt.Sprintf("%s: %v", name, m[name]))
			}
			parts[i] = "{" + strings.Join(fields, ", ") + "}"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// description is what a key does, and the kinds it applies to when not
// all of them.
func (k *stackKey) description() string {
	switch n := len(k.Kinds); n {
	case 0:
		return k.Desc
	case 1:
		return k.Desc + " Kind " + k.Kinds[0] + " only."
	default:
		return k.Desc + " Kinds " + strings.Join(k.Kinds[:n-1], ", ") + " and " + k.Kinds[n-1] + " only."
	}
}
