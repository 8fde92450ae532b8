// Command provider is the private-fargate component package: a Pulumi
// provider that serves the components package's Network, LoadBalancer,
// Cluster, WebService, Key, Platform and PrivateFargateService to programs
// in any Pulumi language. `pulumi package add` on this directory (it holds
// PulumiPlugin.yaml) builds it from source and generates an SDK from its
// schema.
package main

// When the components change, `go generate ./...` here copies their godoc
// (docs_gen.go), writes the wire args from their args types (args_gen.go,
// by the rules in internal/wireargs) and then rewrites the golden schema
// from GetSchema (schema.json); review the diffs.
//
//go:generate go run ./internal/gendocs -o docs_gen.go ../components
//go:generate go run ./internal/genargs -o args_gen.go
//go:generate go test . -run ^TestGetSchemaMatchesGolden$ -update

import (
	"context"
	"fmt"
	"os"
)

func main() {
	p, err := New()
	if err != nil {
		fmt.Fprintln(os.Stderr, "private-fargate:", err)
		os.Exit(1)
	}
	if err := p.Run(context.Background(), Name, Version); err != nil {
		fmt.Fprintln(os.Stderr, "private-fargate:", err)
		os.Exit(1)
	}
}
