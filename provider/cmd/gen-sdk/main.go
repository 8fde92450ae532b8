// Command gen-sdk writes the TypeScript and Python SDKs of the examples
// from the golden schema, with Pulumi's code generators, where
// `pulumi package add` would put them in a consumer's project:
// examples/typescript/sdks/private-fargate,
// examples/typescript-service/sdks/private-fargate,
// examples/python/sdks/private-fargate and
// examples/python-service/sdks/private-fargate. Run it from the provider
// directory after `go test . -update` changed schema.json:
//
//	go run ./cmd/gen-sdk
//
// With -check it writes nothing and fails when the SDKs on disk are not
// what it would write.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/private-fargate/pulumi-private-ecs/provider/internal/sdkgen"
)

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	examples := flag.String("examples", "../examples", "the folder holding the typescript and python examples")
	check := flag.Bool("check", false, "write nothing; fail if the SDKs on disk are stale")
	flag.Parse()
	if err := run(*schemaPath, *examples, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdk:", err)
		os.Exit(1)
	}
}

// sdkDirs are where each language's SDK goes: one copy per example that
// uses it.
var sdkDirs = map[string][]string{
	"nodejs": {
		filepath.Join("typescript", "sdks", "private-fargate"),
		filepath.Join("typescript-service", "sdks", "private-fargate"),
	},
	"python": {
		filepath.Join("python", "sdks", "private-fargate"),
		filepath.Join("python-service", "sdks", "private-fargate"),
	},
}

func run(schemaPath, examples string, check bool) error {
	src, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	stale := false
	for _, lang := range sdkgen.Languages {
		// Each generator adds its language's details to the package, so
		// each gets a package of its own.
		pkg, err := sdkgen.Bind(src)
		if err != nil {
			return err
		}
		files, err := sdkgen.Generate(pkg, lang)
		if err != nil {
			return fmt.Errorf("generate the %s SDK: %w", lang, err)
		}
		for _, d := range sdkDirs[lang] {
			dir := filepath.Join(examples, d)
			if !check {
				if err := sdkgen.Write(dir, files); err != nil {
					return fmt.Errorf("write the %s SDK: %w", lang, err)
				}
				fmt.Printf("wrote %d files to %s\n", len(files), dir)
				continue
			}
			diff, err := sdkgen.Stale(dir, files)
			if err != nil {
				return err
			}
			for _, name := range diff {
				fmt.Fprintf(os.Stderr, "%s: %s is stale\n", dir, name)
				stale = true
			}
		}
	}
	if stale {
		return fmt.Errorf("the SDKs are not generated from %s; run go run ./cmd/gen-sdk", schemaPath)
	}
	return nil
}
