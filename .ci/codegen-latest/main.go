// Command codegen-latest writes the package's TypeScript and Python SDKs
// from its golden schema with the newest Pulumi code generators the module
// proxy serves (pkg/v3 as pinned in this module's go.mod), beside the ones
// provider/cmd/gen-sdk pins. A current Pulumi CLI generates the SDK a
// consumer installs with these, so CI installs and type-checks the
// examples against both. It is a module of its own so that its pkg/v3
// does not move the provider's.
//
//	go run . -schema ../../provider/schema.json -out DIR
//
// writes DIR/nodejs and DIR/python.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-private-fargate codegen-latest"

func main() {
	schemaPath := flag.String("schema", "../../provider/schema.json", "the package schema")
	out := flag.String("out", "", "the folder to write nodejs/ and python/ into (required)")
	flag.Parse()
	if err := run(*schemaPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "codegen-latest:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	if out == "" {
		return errors.New("-out is required: the folder to write the SDKs into")
	}
	src, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	for _, lang := range []string{"nodejs", "python"} {
		// Each generator adds its language's details to the package, so
		// each binds a package of its own.
		var spec schema.PackageSpec
		if err := json.Unmarshal(src, &spec); err != nil {
			return fmt.Errorf("read the schema: %w", err)
		}
		pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("bind the schema: %w", err)
		}
		if diags.HasErrors() {
			return fmt.Errorf("bind the schema: %s", diags.Error())
		}
		var files map[string][]byte
		switch lang {
		case "nodejs":
			files, err = nodejs.GeneratePackage(tool, pkg, nil, nil, true, noDependencies{})
		case "python":
			files, err = python.GeneratePackage(tool, pkg, nil, noDependencies{})
		}
		if err != nil {
			return fmt.Errorf("generate the %s SDK: %w", lang, err)
		}
		dir := filepath.Join(out, lang)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for name, b := range files {
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("wrote %d files to %s\n", len(files), dir)
	}
	return nil
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
