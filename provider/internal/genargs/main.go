// Command genargs writes the provider's wire args (args_gen.go) from the
// components args types, by the rules of internal/wireargs. `go generate`
// in the provider directory runs it; a test fails when its output is
// stale.
//
//	go run ./internal/genargs -o args_gen.go
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/private-fargate/pulumi-private-ecs/provider/internal/wireargs"
)

func main() {
	out := flag.String("o", "args_gen.go", "file to write")
	pkg := flag.String("package", "main", "package clause of the written file")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: genargs [-o file] [-package name]")
		os.Exit(2)
	}
	src, err := wireargs.Source(*pkg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genargs:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genargs:", err)
		os.Exit(1)
	}
}
