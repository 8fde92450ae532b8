// Command from-copilot converts an AWS Copilot workspace into this
// project's stacks:
//
//	go run ./cmd/from-copilot --workspace DIR --out DIR [--dry-run]
//	    [--org ORG] [--region REGION] [--account ID]
//
// It reads DIR/copilot (the application, its environment manifests and
// its service manifests, with their environment overrides) and writes a
// Go module to the output directory: a platform project with a stack per
// Copilot environment, a project per service with a stack per
// environment, and MIGRATION.md, which says what became of every manifest
// field, what the components refused and what the NAT gateways cost
// against the endpoints. Bad input (invalid YAML, an unknown workload
// type, a manifest that contradicts itself, an override of a missing
// environment) exits 1 with every problem, by file, line and field, and
// writes nothing. --dry-run prints the files instead of writing them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/internal/copilot"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// checker runs the components' checks on each generated service stack:
// the service program's config reader, and the workload's endpoint set.
var checker copilot.Checker = stacks.ServiceEndpoints

// run is the whole command; it returns the exit code: 0 on success, 1
// when the workspace cannot be converted or written, 2 for a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("from-copilot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workspace := fs.String("workspace", "", "the Copilot workspace: the directory that holds copilot/ (required)")
	out := fs.String("out", "", "the directory to write the generated module to, new or empty (required)")
	dryRun := fs.Bool("dry-run", false, "print the files that would be written, and write nothing")
	org := fs.String("org", copilot.DefaultOrg, "the Pulumi organization of the stacks, in the full stack names the service stacks attach by")
	region := fs.String("region", copilot.DefaultRegion, "every stack's aws:region; Copilot's manifests name none")
	account := fs.String("account", copilot.DefaultAccount, "the AWS account ID in the ARNs of secrets, parameters and topics")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./cmd/from-copilot --workspace DIR --out DIR [--dry-run] [--org ORG] [--region REGION] [--account ID]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "from-copilot: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	case *workspace == "" || *out == "":
		fmt.Fprintln(stderr, "from-copilot: --workspace and --out are required")
		fs.Usage()
		return 2
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	root, goVersion := copilot.FindRoot(".")
	if goVersion == "" {
		goVersion = buildGoVersion()
	}
	res, err := copilot.ReadAndConvert(*workspace, copilot.Options{
		Out: *out, Org: *org, Region: *region, Account: *account,
		RegionGiven: given["region"], AccountGiven: given["account"],
		Root: root, GoVersion: goVersion, Check: checker, Plan: true,
	})
	if err != nil {
		fmt.Fprintf(stderr, "from-copilot: %v\n", err)
		return 1
	}
	if *dryRun {
		fmt.Fprintf(stdout, "would write %d files to %s:\n", len(res.Files), *out)
		for _, f := range res.Files {
			fmt.Fprintf(stdout, "  %s\n", f.Path)
		}
		fmt.Fprintln(stdout)
		fmt.Fprint(stdout, res.Listing())
		return 0
	}
	if err := copilot.Write(*out, res); err != nil {
		fmt.Fprintf(stderr, "from-copilot: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d files to %s; read %s first\n", len(res.Files), *out, strings.TrimSuffix(*out, "/")+"/MIGRATION.md")
	return 0
}

// buildGoVersion is the Go version this command was built with, for a
// go.mod when no checkout of the module is found.
func buildGoVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return strings.TrimPrefix(info.GoVersion, "go")
	}
	return "1.26"
}
