package stacks

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// PlatformProjectFile renders a Pulumi.yaml for a project that runs
// PlatformProgram: its name, description and the declaration of every
// platform key. The Pulumi CLI refuses to run a stack that does not set a
// declared key without a default, so each key is declared with the value
// the program reads as unset: its type's empty value, or true for
// fargate, or the platform's default for a key whose empty value is
// refused (azCount, vpcCidr, containerInsights). exec and serviceConnect
// take true, false or an object, so they are declared without a type,
// with false.
func PlatformProjectFile(project, description string) ([]byte, error) {
	cfg := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range platformKeys {
		decl := &yaml.Node{Kind: yaml.MappingNode}
		add := func(key string, v any) error {
			var n yaml.Node
			if err := n.Encode(v); err != nil {
				return fmt.Errorf("key %s: %w", k.Name, err)
			}
			decl.Content = append(decl.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &n)
			return nil
		}
		typ, items := k.declaredType()
		if typ != "" {
			if err := add("type", typ); err != nil {
				return nil, err
			}
		}
		if items != "" {
			if err := add("items", map[string]string{"type": items}); err != nil {
				return nil, err
			}
		}
		if err := add("description", k.Desc); err != nil {
			return nil, err
		}
		if err := add("default", k.declaredDefault()); err != nil {
			return nil, err
		}
		cfg.Content = append(cfg.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k.Name}, decl)
	}
	return projectYAML("# The platform program's keys, as stacks.PlatformProjectFile declares them.\n", project, description, cfg)
}

// declaredType is the key's Pulumi.yaml type and item type; "" for a
// switch, which takes more than one.
func (f platformField) declaredType() (typ, items string) {
	switch f.Kind {
	case kindInteger:
		return "integer", ""
	case kindBoolean:
		return "boolean", ""
	case kindStrings:
		return "array", "string"
	case kindObjects:
		return "array", "object"
	case kindObject, kindMap:
		return "object", ""
	case kindSwitch:
		return "", ""
	}
	return "string", ""
}

// declaredDefault is the value Pulumi.yaml declares for the key: one the
// program reads as unset.
func (f platformField) declaredDefault() any {
	if f.Declared != nil {
		return f.Declared
	}
	switch f.Kind {
	case kindInteger:
		return 0
	case kindBoolean:
		return f.Name == "fargate"
	case kindStrings, kindObjects:
		return []any{}
	case kindObject, kindMap:
		return map[string]any{}
	case kindSwitch:
		return false
	}
	return ""
}

// typeName is the key's or field's type in the README's table.
func (f platformField) typeName() string {
	switch f.Kind {
	case kindInteger:
		return "integer"
	case kindBoolean:
		return "boolean"
	case kindStrings:
		return "string[]"
	case kindObject:
		return "object"
	case kindObjects:
		return "object[]"
	case kindMap:
		return "map of string"
	case kindSwitch:
		return "boolean or object"
	}
	return "string"
}

// PlatformConfigTable renders the README's table of the platform
// program's keys, each structured key's fields under it
// (loadBalancers[].accessLogs.expirationDays).
func PlatformConfigTable() string {
	var b strings.Builder
	b.WriteString("| key | type | default | what it sets |\n|---|---|---|---|\n")
	b.WriteString("| `aws:region` | string | the provider's | `Region`: the region the platform is in; it names the endpoint services, and every zone and ARN must be of it. |\n")
	var rows func(prefix, parent string, fields []platformField)
	rows = func(prefix, parent string, fields []platformField) {
		for _, f := range fields {
			name := prefix + f.Name
			sets := strings.TrimPrefix(parent+"."+f.Sets, ".")
			fmt.Fprintf(&b, "| `%s` | %s | %s | `%s`: %s |\n", name, f.typeName(), f.Default, sets, f.Desc)
			switch f.Kind {
			case kindObjects:
				rows(name+"[].", sets+"[]", f.Fields)
			case kindObject, kindSwitch:
				rows(name+".", sets, f.Fields)
			}
		}
	}
	rows("", "", platformKeys)
	return b.String()
}
