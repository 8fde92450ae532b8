package copilot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Workspace is a Copilot workspace as read from disk: the application,
// its environments and services, and what it holds that no manifest
// describes.
type Workspace struct {
	// Dir is the workspace root, the directory that holds copilot/.
	Dir string
	// App is the application's name, from copilot/.workspace.
	App string
	// Envs are the environment manifests, by name.
	Envs []*Manifest
	// Services are the service and job manifests, by name.
	Services []*Manifest
	// Pipelines are the pipeline manifests.
	Pipelines []*Manifest
	// Extras are files no manifest describes (addons, overrides,
	// buildspecs), which are not converted.
	Extras []Extra
}

// Manifest is one manifest file.
type Manifest struct {
	// File is its path relative to the workspace, with slashes.
	File string
	// Name is the manifest's name, its directory's.
	Name string
	// Type is the manifest's type field.
	Type string
	// Root is the manifest without its environments section.
	Root *yaml.Node
	// Overrides are the environments section's entries, by environment.
	Overrides map[string]*yaml.Node
	// OverrideLines are the lines that name each environment.
	OverrideLines map[string]int
	// Base is what a walk of Root found; Unknown adds the unknown fields of
	// the overrides.
	Base    walked
	Unknown []unknown
}

// Extra is a file of the workspace that no manifest describes.
type Extra struct {
	File   string
	Reason string
}

// appName is what Copilot takes as an application, environment or service
// name: lowercase letters, digits and hyphens, starting with a letter.
var appName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Read reads the workspace under dir: copilot/.workspace, every
// copilot/environments/<env>/manifest.yml and every
// copilot/<service>/manifest.yml, with environment overrides checked
// against the environments. It reports every problem at once, each with
// its file, line and field, as an *Error.
func Read(dir string) (*Workspace, error) {
	ws, ps := read(dir)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return ws, nil
}

// read reads what it can of the workspace, and the problems it found.
func read(dir string) (*Workspace, *problems) {
	ps := &problems{}
	ws := &Workspace{Dir: dir}
	ws.readApp(ps)
	ws.readEnvs(ps)
	ws.readServices(ps)
	ws.readPipelines(ps)
	ws.readExtras()
	ws.checkOverrides(ps)
	return ws, ps
}

const (
	workspaceFile = "copilot/.workspace"
	envsDir       = "copilot/environments"
	pipelinesDir  = "copilot/pipelines"
	manifestName  = "manifest.yml"
)

func (ws *Workspace) path(rel string) string { return filepath.Join(ws.Dir, filepath.FromSlash(rel)) }

func (ws *Workspace) readApp(ps *problems) {
	data, err := os.ReadFile(ws.path(workspaceFile))
	if err != nil {
		ps.add(workspaceFile, 0, "", "cannot be read (%v); --workspace names the directory that holds copilot/", unwrapPath(err))
		return
	}
	root := parseYAML(ps, workspaceFile, data)
	if root == nil {
		return
	}
	k, v := mapEntry(root, "application")
	switch {
	case v == nil || v.Kind != yaml.ScalarNode || v.Value == "":
		ps.add(workspaceFile, root.Line, "application", "is missing; Copilot writes the application's name here")
	case !appName.MatchString(v.Value):
		ps.add(workspaceFile, k.Line, "application", "%q is not an application name: lowercase letters, digits and hyphens, starting with a letter", v.Value)
	default:
		ws.App = v.Value
	}
}

// dirs lists the directories in rel, sorted.
func (ws *Workspace) dirs(rel string) []string {
	entries, err := os.ReadDir(ws.path(rel))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// readManifest parses a manifest and checks its name and type; wantType
// is the type it must have, "" for a service's.
func (ws *Workspace) readManifest(ps *problems, rel, name, wantType string) *Manifest {
	data, err := os.ReadFile(ws.path(rel))
	if err != nil {
		ps.add(rel, 0, "", "cannot be read: %v", unwrapPath(err))
		return nil
	}
	root := parseYAML(ps, rel, data)
	if root == nil {
		return nil
	}
	m := &Manifest{File: rel, Name: name, Overrides: map[string]*yaml.Node{}, OverrideLines: map[string]int{}}
	if k, v := mapEntry(root, "name"); v != nil && (v.Kind != yaml.ScalarNode || v.Value != name) {
		ps.add(rel, k.Line, "name", "%q is not its directory's name %q; Copilot names a manifest after its directory, so rename one of them", v.Value, name)
	}
	if !appName.MatchString(name) {
		ps.add(rel, 0, "", "%q is not a name Copilot takes: lowercase letters, digits and hyphens, starting with a letter", name)
	}
	k, v := mapEntry(root, "type")
	switch {
	case wantType == TypePipeline:
		m.Type = TypePipeline
	case v == nil || v.Kind != yaml.ScalarNode || v.Value == "":
		ps.add(rel, root.Line, "type", "is missing; set the manifest's type (%s)", typeList(wantType))
	case wantType != "" && v.Value != wantType:
		ps.add(rel, k.Line, "type", "%q is not %q, the only type an environment manifest has", v.Value, wantType)
	case wantType == "" && !slices.Contains(ServiceTypes, v.Value):
		ps.add(rel, k.Line, "type", "%q is not a workload type Copilot knows; use %s", v.Value, typeList(""))
	default:
		m.Type = v.Value
	}
	m.Root = root
	if k, env := mapEntry(root, "environments"); k != nil {
		m.Root = without(root, "environments")
		switch {
		case isNull(env):
		case env.Kind != yaml.MappingNode:
			ps.add(rel, k.Line, "environments", "must be a map of environment names to overrides")
		default:
			for i := 0; i+1 < len(env.Content); i += 2 {
				ek, ev := env.Content[i], env.Content[i+1]
				if !isNull(ev) && ev.Kind != yaml.MappingNode {
					ps.add(rel, ek.Line, "environments."+ek.Value, "must be a map of the fields to override")
					continue
				}
				m.Overrides[ek.Value] = ev
				m.OverrideLines[ek.Value] = ek.Line
			}
		}
	}
	return m
}

// typeList names the types a manifest may have.
func typeList(wantType string) string {
	if wantType != "" {
		return "\"" + wantType + "\""
	}
	quoted := make([]string, len(ServiceTypes))
	for i, t := range ServiceTypes {
		quoted[i] = "\"" + t + "\""
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

func (ws *Workspace) readEnvs(ps *problems) {
	for _, name := range ws.dirs(envsDir) {
		if name == "addons" || name == "overrides" {
			continue
		}
		rel := envsDir + "/" + name + "/" + manifestName
		if _, err := os.Stat(ws.path(rel)); err != nil {
			ps.add(rel, 0, "", "is missing; write it with `copilot env show -n %s --manifest > %s`", name, rel)
			continue
		}
		if m := ws.readManifest(ps, rel, name, TypeEnvironment); m != nil {
			m.Base = walk(ps, rel, m.Root, environmentFields(), "environments")
			ws.Envs = append(ws.Envs, m)
		}
	}
	if len(ws.Envs) == 0 && ws.App != "" {
		ps.add(envsDir, 0, "", "holds no environment manifest; Copilot before v1.20 kept environments out of the workspace: write each one with `copilot env show -n <env> --manifest`")
	}
}

func (ws *Workspace) readServices(ps *problems) {
	for _, name := range ws.dirs("copilot") {
		if name == "environments" || name == "pipelines" {
			continue
		}
		rel := "copilot/" + name + "/" + manifestName
		if _, err := os.Stat(ws.path(rel)); err != nil {
			continue // a directory of another tool's, not a service
		}
		m := ws.readManifest(ps, rel, name, "")
		if m == nil {
			continue
		}
		if m.Type != "" {
			m.Base = walk(ps, rel, m.Root, Fields()[m.Type], "environments")
		}
		ws.Services = append(ws.Services, m)
	}
}

func (ws *Workspace) readPipelines(ps *problems) {
	for _, name := range ws.dirs(pipelinesDir) {
		rel := pipelinesDir + "/" + name + "/" + manifestName
		if _, err := os.Stat(ws.path(rel)); err != nil {
			continue
		}
		if m := ws.readManifest(ps, rel, name, TypePipeline); m != nil {
			m.Base = walk(ps, rel, m.Root, pipelineFields())
			ws.Pipelines = append(ws.Pipelines, m)
		}
	}
	if _, err := os.Stat(ws.path("copilot/pipeline.yml")); err == nil {
		ws.Extras = append(ws.Extras, Extra{File: "copilot/pipeline.yml", Reason: "a Copilot pipeline (the legacy file): " + pipelineFields()[0].Reason})
	}
}

// readExtras lists the addons, overrides and buildspecs: files that add
// CloudFormation or CodeBuild steps to Copilot's stacks.
func (ws *Workspace) readExtras() {
	root := ws.path("copilot")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(ws.Dir, p)
		rel = filepath.ToSlash(rel)
		parts := strings.Split(rel, "/")
		switch {
		case slices.Contains(parts, "addons"):
			ws.Extras = append(ws.Extras, Extra{File: rel, Reason: "an addon: CloudFormation that Copilot deployed beside the stack; write what it creates as a Pulumi program (or import the resources), and give the tasks access with taskRolePolicyArns or taskRoleStatements"})
		case slices.Contains(parts, "overrides"):
			ws.Extras = append(ws.Extras, Extra{File: rel, Reason: "an override (CDK or YAML patch) of Copilot's CloudFormation; set what it changed through the stack keys, or compose the components in a Go program"})
		case parts[len(parts)-1] == "buildspec.yml":
			ws.Extras = append(ws.Extras, Extra{File: rel, Reason: "a pipeline's CodeBuild buildspec; run pulumi preview and pulumi up from your CI system instead"})
		}
		return nil
	})
}

// checkOverrides refuses overrides of environments the workspace does not
// have, and walks each override for unknown fields.
func (ws *Workspace) checkOverrides(ps *problems) {
	var names []string
	for _, e := range ws.Envs {
		names = append(names, e.Name)
	}
	for _, m := range ws.Services {
		for _, env := range sortedKeys(m.Overrides) {
			line := m.OverrideLines[env]
			if len(names) > 0 && !slices.Contains(names, env) {
				ps.add(m.File, line, "environments."+env, "names no environment of the workspace (%s); fix the name or remove the override", strings.Join(names, ", "))
			}
			if m.Type == "" || isNull(m.Overrides[env]) {
				continue
			}
			w := walk(ps, m.File, m.Overrides[env], Fields()[m.Type])
			for _, u := range w.Unknown {
				m.Unknown = append(m.Unknown, unknown{Path: "environments." + env + "." + u.Path, Line: u.Line})
			}
		}
		m.Unknown = append(m.Base.Unknown, m.Unknown...)
	}
	for _, m := range append(slices.Clone(ws.Envs), ws.Pipelines...) {
		m.Unknown = m.Base.Unknown
	}
}

// merged is the manifest as it applies to env: its overrides merged in.
func (m *Manifest) merged(env string) *yaml.Node {
	return mergeOverride("", m.Root, m.Overrides[env])
}

// unwrapPath drops the path from an *fs.PathError, which the message
// names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
