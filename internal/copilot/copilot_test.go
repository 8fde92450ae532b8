package copilot

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// cases are the testdata workspaces, each written from Copilot's manifest
// specification: shop is the multi-service application the end-to-end
// test plans; web, backend, worker and job cover every field of their
// manifest type, environments every field of an environment manifest,
// elsewhere the types and files that are not converted, refused what the
// components refuse and misspelt fields.
var cases = []string{"shop", "web", "backend", "worker", "job", "environments", "elsewhere", "refused"}

// testOptions are the options a golden case converts with: its out
// directory beside its copilot/ directory, so that the paths in the
// files do not depend on the machine, and the command's defaults.
func testOptions(t testing.TB, dir string) Options {
	t.Helper()
	root, goVersion := FindRoot(".")
	if root == "" {
		t.Fatal("no checkout of " + ModulePath + " above the test's directory")
	}
	return Options{
		Out: filepath.Join(dir, "out"), Org: DefaultOrg, Region: DefaultRegion, Account: DefaultAccount,
		Root: root, GoVersion: goVersion, Check: stacks.ServiceEndpoints, Plan: true,
	}
}

// converted are the cases' conversions, made once: each plans every
// stack it generates.
var converted = map[string]*Result{}

// convertCase converts one testdata workspace.
func convertCase(t testing.TB, name string) *Result {
	t.Helper()
	if res, ok := converted[name]; ok {
		return res
	}
	dir := filepath.Join("testdata", name)
	ws, err := Read(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	res, err := Convert(ws, testOptions(t, dir))
	if err != nil {
		t.Fatalf("convert %s: %v", dir, err)
	}
	converted[name] = res
	return res
}

// TestConvertGolden compares, per case, the generated files (a listing
// of every file but MIGRATION.md) and MIGRATION.md with their goldens.
func TestConvertGolden(t *testing.T) {
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			res := convertCase(t, name)
			files := &Result{}
			for _, f := range res.Files {
				if f.Path != "MIGRATION.md" {
					files.Files = append(files.Files, f)
				}
			}
			dir := filepath.Join("testdata", name)
			awsmock.CheckGolden(t, filepath.Join(dir, "files.golden"), files.Listing(), *update, "./internal/copilot")
			awsmock.CheckGolden(t, filepath.Join(dir, "MIGRATION.golden.md"), string(res.File("MIGRATION.md")), *update, "./internal/copilot")
		})
	}
}

// TestNoMappedFieldIsDroppedSilently checks that every mapped field a
// case sets became something: MIGRATION.md says what, for each.
func TestNoMappedFieldIsDroppedSilently(t *testing.T) {
	for _, name := range cases {
		md := string(convertCase(t, name).File("MIGRATION.md"))
		for _, line := range strings.Split(md, "\n") {
			if strings.Contains(line, "a converter bug") || strings.HasPrefix(line, "|  |") || strings.HasSuffix(line, "|  |") {
				t.Errorf("%s: MIGRATION.md has a field with no line or no outcome: %s", name, line)
			}
		}
	}
}

// TestEveryFieldIsCovered checks that the testdata manifests set every
// field of the table, per manifest type, somewhere: in a manifest or in
// one of its environment overrides.
func TestEveryFieldIsCovered(t *testing.T) {
	seen := map[string]map[string]bool{}
	note := func(typ string, w walked) {
		if seen[typ] == nil {
			seen[typ] = map[string]bool{}
		}
		for _, p := range w.Fields {
			seen[typ][p.Field.Path] = true
		}
	}
	for _, name := range cases {
		ws, err := Read(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range slices.Concat(ws.Envs, ws.Services, ws.Pipelines) {
			note(m.Type, m.Base)
			if len(m.Overrides) > 0 {
				seen[m.Type]["environments"] = true
			}
			for _, o := range m.Overrides {
				if !isNull(o) {
					note(m.Type, walk(&problems{}, m.File, o, Fields()[m.Type]))
				}
			}
		}
	}
	for typ, table := range Fields() {
		for _, f := range table {
			if !seen[typ][f.Path] {
				t.Errorf("%s: no testdata manifest sets %s (%s)", typ, f.Path, f.Status)
			}
		}
	}
}

// TestFieldTable checks the table's shape: each path once, under a parent
// of its own, and each entry saying what it needs to.
func TestFieldTable(t *testing.T) {
	for typ, table := range Fields() {
		seen := map[string]bool{}
		for _, f := range table {
			if seen[f.Path] {
				t.Errorf("%s: %s is listed twice", typ, f.Path)
			}
			seen[f.Path] = true
			if i := strings.LastIndex(f.Path, "."); i > 0 {
				if parent := strings.TrimSuffix(f.Path[:i], "[]"); !slices.ContainsFunc(table, func(g Field) bool { return g.Path == parent }) {
					t.Errorf("%s: %s has no parent %s in the table", typ, f.Path, parent)
				}
			}
			switch f.Status {
			case Mapped:
				if f.Keys == "" {
					t.Errorf("%s: %s is mapped to no key", typ, f.Path)
				}
			case NotConverted:
				if f.Reason == "" || f.Instead == "" {
					t.Errorf("%s: %s is not converted without a reason and what to do instead", typ, f.Path)
				}
			case Covered, Structural:
				if f.Reason == "" {
					t.Errorf("%s: %s says nothing of what it becomes", typ, f.Path)
				}
			default:
				t.Errorf("%s: %s has no status", typ, f.Path)
			}
		}
	}
}

// TestFieldsDoc keeps FIELDS.md, the table as a document, in step with
// the table.
func TestFieldsDoc(t *testing.T) {
	awsmock.CheckGolden(t, "FIELDS.md", FieldsMarkdown(), *update, "./internal/copilot")
}

// TestResultListingIsStable checks that two conversions of the same
// workspace write the same bytes: maps are never rendered in their
// iteration order.
func TestResultListingIsStable(t *testing.T) {
	var listings []string
	for range 3 {
		opts := testOptions(t, filepath.Join("testdata", "shop"))
		opts.Plan = false
		res, err := ReadAndConvert(filepath.Join("testdata", "shop"), opts)
		if err != nil {
			t.Fatal(err)
		}
		listings = append(listings, res.Listing())
	}
	if listings[0] != listings[1] || listings[1] != listings[2] {
		t.Error("three conversions of testdata/shop differ")
	}
}

// writeWorkspace writes files (path to body) under a new directory.
func writeWorkspace(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestNoCheckoutLeavesTheReplaceOut converts with no checkout of this
// module found: go.mod requires the module with no replace, and
// MIGRATION.md says to add one before go mod tidy.
func TestNoCheckoutLeavesTheReplaceOut(t *testing.T) {
	opts := testOptions(t, filepath.Join("testdata", "shop"))
	opts.Root, opts.Plan = "", false
	res, err := ReadAndConvert(filepath.Join("testdata", "shop"), opts)
	if err != nil {
		t.Fatal(err)
	}
	mod := string(res.File("go.mod"))
	if strings.Contains(mod, "replace") || !strings.Contains(mod, "require "+ModulePath+" v0.0.0") {
		t.Errorf("go.mod with no checkout:\n%s", mod)
	}
	if md := string(res.File("MIGRATION.md")); !strings.Contains(md, "go.mod has no replace for "+ModulePath+": add `replace "+ModulePath+" => <path to its checkout>` before `go mod tidy`") {
		t.Error("MIGRATION.md does not say to add the replace")
	}
}
