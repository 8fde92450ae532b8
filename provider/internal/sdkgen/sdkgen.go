// Package sdkgen generates the package's TypeScript and Python SDKs from
// its schema with Pulumi's own code generators (pkg/v3/codegen), as
// `pulumi package add` does for a consumer: a local SDK, compiled on
// install in TypeScript.
package sdkgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Tool names the generator in the generated files' headers.
const Tool = "pulumi-private-fargate gen-sdk"

// Languages are the SDKs Generate writes.
var Languages = []string{"nodejs", "python"}

// Bind reads and checks a schema the way the code generators do.
func Bind(schemaJSON []byte) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return nil, fmt.Errorf("read the schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("bind the schema: %w", err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("bind the schema: %s", diags.Error())
	}
	return pkg, nil
}

// Generate returns the SDK of one language, by file path.
func Generate(pkg *schema.Package, language string) (map[string][]byte, error) {
	switch language {
	case "nodejs":
		return nodejs.GeneratePackage(Tool, pkg, nil, nil, true, noDependencies{})
	case "python":
		return python.GeneratePackage(Tool, pkg, nil, noDependencies{})
	}
	return nil, fmt.Errorf("no SDK generator for %q; use one of %v", language, Languages)
}

// Write replaces dir with files.
func Write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, name := range sortedNames(files) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Stale lists what differs between files and dir: files missing, changed
// or extra on disk.
func Stale(dir string, files map[string][]byte) ([]string, error) {
	var stale []string
	for _, name := range sortedNames(files) {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != string(files[name]) {
			stale = append(stale, name)
		}
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			stale = append(stale, filepath.ToSlash(rel)+" (not generated)")
		}
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	return stale, err
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// noDependencies is the loader for a schema that references no other
// package: it refuses every load.
type noDependencies struct{}

var errNoDependencies = errors.New("the private-fargate schema references no other package")

func (noDependencies) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoDependencies
}
