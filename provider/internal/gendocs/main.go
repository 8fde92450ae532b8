// Command gendocs copies the godoc of the components package into the
// provider, so that the schema describes every input, output and enum with
// the text the Go API already documents. `go generate` in the provider
// directory runs it; a test fails when its output is stale.
//
//	go run ./internal/gendocs -o docs_gen.go ../components
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/private-fargate/pulumi-private-ecs/provider/internal/godocs"
)

func main() {
	out := flag.String("o", "docs_gen.go", "file to write")
	pkg := flag.String("package", "main", "package clause of the written file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gendocs [-o file] [-package name] DIR")
		os.Exit(2)
	}
	docs, err := godocs.Read(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	src, err := godocs.GoSource(*pkg, docs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
