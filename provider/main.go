// Command pulumi-resource-private-fargate is the private-fargate component
// package: a Pulumi provider that serves the components package's
// Network, LoadBalancer, Cluster, WebService and PrivateFargateService to
// programs in any Pulumi language. `pulumi package add` on this directory
// (it holds PulumiPlugin.yaml) builds it from source and generates an SDK
// from its schema.
package main

//go:generate go run ./internal/gendocs -o docs_gen.go ../components

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
