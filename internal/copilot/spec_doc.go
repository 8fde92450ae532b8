package copilot

import (
	"fmt"
	"strings"
)

// typeOrder is the order the manifest types are documented in.
var typeOrder = []string{TypeEnvironment, TypeLBWS, TypeBackend, TypeWorker, TypeJob, TypeRDWS, TypeStaticSite, TypePipeline}

// docPath renders a table path for people: "<name>" for a chosen name.
func docPath(p string) string { return strings.ReplaceAll(p, "*", "<name>") }

// FieldsMarkdown renders the whole field table: per manifest type, every
// field and what it becomes.
func FieldsMarkdown() string {
	var b strings.Builder
	b.WriteString("# Copilot manifest fields and what from-copilot makes of them\n\n")
	b.WriteString("Generated from the table in `internal/copilot/spec.go` by `go test ./internal/copilot -run TestFieldsDoc -update`; edit the table, not this file. " +
		"Every field of Copilot's manifest specification, per manifest type: **mapped** to the stack key it sets (service keys by name, platform keys as `platform: key`), " +
		"**covered** by what the generated stacks do anyway, **not converted** with the reason and what to do instead, or **structure** (a manifest's name, type and environment overrides). " +
		"`<name>` stands for a name you choose, `[]` for a list's items. A field that is not in this table is listed in MIGRATION.md as unknown.\n\n")
	b.WriteString(FieldCounts())
	for _, typ := range typeOrder {
		fmt.Fprintf(&b, "\n## %s\n\n| field | status | becomes, or why not | instead |\n|---|---|---|---|\n", typ)
		for _, f := range Fields()[typ] {
			becomes := f.Reason
			if f.Status == Mapped {
				becomes = "`" + f.Keys + "`"
				if f.Reason != "" {
					becomes += ": " + f.Reason
				}
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", docPath(f.Path), f.Status, escapeCell(becomes), escapeCell(f.Instead))
		}
	}
	return b.String()
}

// FieldCounts renders how many fields of each manifest type are mapped,
// covered, not converted and structural.
func FieldCounts() string {
	var b strings.Builder
	b.WriteString("| manifest type | fields | mapped | covered | not converted | structure |\n|---|---|---|---|---|---|\n")
	for _, typ := range typeOrder {
		n := map[Status]int{}
		table := Fields()[typ]
		for _, f := range table {
			n[f.Status]++
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", typ, len(table), n[Mapped], n[Covered], n[NotConverted], n[Structural])
	}
	return b.String()
}
