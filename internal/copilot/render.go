package copilot

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ModulePath is this module's path, which the generated go.mod requires.
const ModulePath = "github.com/private-fargate/pulumi-private-ecs"

// File is one generated file.
type File struct {
	// Path is relative to the output directory, with slashes.
	Path string
	Data []byte
}

// Result is a conversion's files, sorted by path.
type Result struct {
	Files []File
}

// Listing renders every file under a header line, in order: what
// --dry-run prints and the tests compare.
func (r *Result) Listing() string {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "=== %s\n", f.Path)
		b.Write(f.Data)
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// File returns the file at path, or nil.
func (r *Result) File(path string) []byte {
	for _, f := range r.Files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// render makes every file.
func (c *converter) render() (*Result, error) {
	r := &Result{}
	add := func(path string, data []byte) { r.Files = append(r.Files, File{Path: path, Data: data}) }
	add("go.mod", c.goMod())
	add("platform/Pulumi.yaml", projectFile(c.platformProject(),
		fmt.Sprintf("The %s application's platform, converted from AWS Copilot: per environment a VPC with the endpoints its services need and no NAT gateway, a public ALB and an ECS cluster. The service stacks attach to it.", c.ws.App)))
	add("platform/main.go", mainFile(c.platformProject(), "PlatformProgram"))
	for _, e := range c.envs {
		data, err := e.platform.render(fmt.Sprintf("# The %s environment's platform, converted from %s by from-copilot.\n", e.name, e.m.File))
		if err != nil {
			return nil, fmt.Errorf("render the %s platform stack: %w", e.name, err)
		}
		add("platform/Pulumi."+e.name+".yaml", data)
	}
	for _, m := range c.ws.Services {
		var stacks []*svcStack
		for _, e := range c.envs {
			for _, s := range e.services {
				if s.m == m {
					stacks = append(stacks, s)
				}
			}
		}
		if len(stacks) == 0 {
			continue
		}
		add(m.Name+"/Pulumi.yaml", projectFile(c.serviceProject(m.Name),
			fmt.Sprintf("The %s application's %s service (a %s in Copilot), converted from AWS Copilot: a %s stack per environment, attached to that environment's %s platform stack.", c.ws.App, m.Name, m.Type, stacks[0].kind, c.platformProject())))
		add(m.Name+"/main.go", mainFile(c.serviceProject(m.Name), "ServiceProgram"))
		for _, s := range stacks {
			data, err := s.cfg.render(fmt.Sprintf("# The %s service in the %s environment, converted from %s by from-copilot.\n", m.Name, s.cfg.stack, m.File))
			if err != nil {
				return nil, fmt.Errorf("render %s's %s stack: %w", m.Name, s.cfg.stack, err)
			}
			add(m.Name+"/Pulumi."+s.cfg.stack+".yaml", data)
		}
	}
	md, err := c.migration()
	if err != nil {
		return nil, err
	}
	add("MIGRATION.md", md)
	sort.SliceStable(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	return r, nil
}

// projectFile is a project's Pulumi.yaml. It declares no config keys:
// the programs check their keys' names themselves, and the Pulumi CLI
// takes undeclared keys.
func projectFile(name, description string) []byte {
	data, err := yaml.Marshal(obj{{"name", name}, {"runtime", "go"}, {"description", description}})
	if err != nil {
		return fmt.Appendf(nil, "name: %s\nruntime: go\n", name)
	}
	return data
}

// mainFile is a project's main.go: it runs one of the stacks package's
// programs.
func mainFile(project, program string) []byte {
	return fmt.Appendf(nil, `// Command %s runs the project's stacks; from-copilot generated it.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"%s/stacks"
)

func main() {
	pulumi.Run(stacks.%s)
}
`, project, ModulePath, program)
}

// goMod is the generated module: it requires this module, replaced by
// the checkout it was converted with.
func (c *converter) goMod() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "module %s-infra\n\ngo %s\n\nrequire %s v0.0.0\n", c.ws.App, c.opts.GoVersion, ModulePath)
	if rel := c.replacePath(); rel != "" {
		fmt.Fprintf(&b, "\nreplace %s => %s\n", ModulePath, rel)
	}
	return b.Bytes()
}

// replacePath is the checkout's path relative to the output directory,
// or "" without a checkout.
func (c *converter) replacePath() string {
	if c.opts.Root == "" {
		return ""
	}
	rel := filepath.ToSlash(relPath(c.opts.Out, c.opts.Root))
	if !strings.HasPrefix(rel, ".") && !filepath.IsAbs(rel) {
		rel = "./" + rel
	}
	return rel
}

// relPath is to's path relative to from, both made absolute first; the
// absolute path when there is no relative one.
func relPath(from, to string) string {
	f, err1 := filepath.Abs(from)
	t, err2 := filepath.Abs(to)
	if err1 != nil || err2 != nil {
		return to
	}
	rel, err := filepath.Rel(f, t)
	if err != nil {
		return t
	}
	return rel
}

// FindRoot finds this module's checkout: the nearest go.mod at or above
// dir whose module is ModulePath. It returns the directory and the go
// directive's version, or "" when there is none.
func FindRoot(dir string) (root, goVersion string) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	for {
		if mod, ver, ok := readGoMod(filepath.Join(dir, "go.mod")); ok {
			if mod == ModulePath {
				return dir, ver
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ""
		}
		dir = parent
	}
}

// readGoMod reads a go.mod's module path and go version.
func readGoMod(path string) (module, goVersion string, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", "", false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == "module" {
			module = strings.Trim(f[1], `"`)
		}
		if len(f) == 2 && f[0] == "go" {
			goVersion = f[1]
		}
	}
	return module, goVersion, module != ""
}

// Write puts the files under out, which must be empty or not exist yet:
// a conversion never overwrites files.
func Write(out string, r *Result) error {
	entries, err := os.ReadDir(out)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s is not empty; write to a new or empty directory, so that no file of yours is overwritten", out)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("read %s: %w", out, err)
	}
	for _, f := range r.Files {
		p := filepath.Join(out, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}
