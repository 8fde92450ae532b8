// Command plan shows a stack's resources, traffic paths, endpoints,
// diagram and monthly cost without an AWS account or the Pulumi CLI:
//
//	go run ./cmd/plan --stack dev [--dir DIR] [--json | --mermaid]
//	    [--platform FILE] [--teams N] [--now TIME] [--job-duration D]
//	    [--contract-out FILE] [--backend STACK=FILE]... [--outputs-out FILE]
//
// It runs the same program `pulumi up` runs in DIR, under mocks. The
// program is the function of package stacks that DIR/main.go hands
// pulumi.Run, when the plan knows it (stacks.PlatformProgram or stacks.ServiceProgram, for a
// project of its own such as one converted from AWS Copilot, whatever its
// name); otherwise the root project's or an example's, chosen by the
// project name in DIR/Pulumi.yaml. A service program that attaches to a
// platform stack (examples/team-orders) reads the platform's contract
// from FILE, what `pulumi stack output --json` prints for the platform
// stack, or by default from the platform example's fixture; the plan then
// shows what the service stack adds to the platform, and its cost on top
// of its share (1/N, N teams) of the platform's fixed cost. For a
// platform stack, --contract-out FILE also writes the contract that
// stack would export, in that same form, with ids of the forms AWS gives
// standing in for the ones it would give, so that service stacks can be
// planned against it with --platform FILE. A service stack that calls
// backends' stacks reads each one's outputs from --backend STACK=FILE
// (what `pulumi stack output --json` prints for it), and for a backend's
// stack --outputs-out FILE writes the outputs it would export, in that
// form, for --backend. A stack's schedules show their
// next runs from TIME (RFC 3339; default now), and a scheduled job's runs
// are priced at D each (a Go duration such as 15m; default the job's
// timeout, or 10m without one). Bad input (an unknown project or stack, a
// missing stack file, a config the program rejects, --contract-out for a
// project that exports no contract) exits 1 with every problem and
// prints no plan.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/internal/plan"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command: it parses args, builds the plan, writes it to
// stdout and returns the exit code: 0 on success, 1 when the stack cannot
// be planned, 2 for a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack name: reads Pulumi.<stack>.yaml (required)")
	dir := fs.String("dir", ".", "project directory holding Pulumi.yaml")
	asJSON := fs.Bool("json", false, "write the whole plan as JSON")
	asMermaid := fs.Bool("mermaid", false, "write the architecture as a Mermaid flowchart")
	platform := fs.String("platform", "", "for a service program: the platform contract, as `pulumi stack output --json` prints it for the platform stack (default: the program's fixture)")
	teams := fs.Int("teams", 0, "for a service program: how many teams share the platform's fixed cost (default: the teams the contract gives priority blocks to)")
	now := fs.String("now", "", "the time schedules' next runs and runs a month are counted from, RFC 3339 such as 2027-01-04T09:00:00Z (default: now)")
	jobDuration := fs.Duration("job-duration", 0, "how long each run of a scheduled job is priced to last, such as 15m (default: the job's timeout, or 10m without one)")
	contractOut := fs.String("contract-out", "", "for a platform stack: also write the platform contract it would export to FILE, as `pulumi stack output --json` prints it, for --platform")
	backends := map[string]string{}
	fs.Func("backend", "for a service stack that calls backends: `STACK=FILE`, a called backend stack's full name and its outputs, as `pulumi stack output --json` prints them (or --outputs-out writes them); once per backend", func(v string) error {
		name, file, ok := strings.Cut(v, "=")
		if !ok || name == "" || file == "" {
			return fmt.Errorf("%q is not STACK=FILE, such as acme/orders/dev=orders.json", v)
		}
		backends[name] = file
		return nil
	})
	outputsOut := fs.String("outputs-out", "", "for a service stack: also write the outputs it would export to FILE, as `pulumi stack output --json` prints them, for a caller's --backend")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./cmd/plan --stack NAME [--dir DIR] [--json | --mermaid] [--platform FILE] [--teams N] [--now TIME] [--job-duration D] [--contract-out FILE] [--backend STACK=FILE]... [--outputs-out FILE]")
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
		fmt.Fprintf(stderr, "plan: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	case *stack == "":
		fmt.Fprintln(stderr, "plan: --stack is required")
		fs.Usage()
		return 2
	case *asJSON && *asMermaid:
		fmt.Fprintln(stderr, "plan: choose one of --json and --mermaid")
		return 2
	case *teams < 0:
		fmt.Fprintf(stderr, "plan: --teams %d: give how many teams share the platform, 1 or more\n", *teams)
		return 2
	case *jobDuration < 0:
		fmt.Fprintf(stderr, "plan: --job-duration %s: give how long a scheduled run lasts, such as 15m\n", *jobDuration)
		return 2
	}
	var from time.Time
	if *now != "" {
		var err error
		if from, err = time.Parse(time.RFC3339, *now); err != nil {
			fmt.Fprintf(stderr, "plan: --now %q is not an RFC 3339 time; write it as 2027-01-04T09:00:00Z or with an offset, 2027-01-04T10:00:00+01:00\n", *now)
			return 2
		}
	}

	opts := plan.Options{Platform: *platform, Teams: *teams, Now: from, JobDuration: *jobDuration, Backends: backends}
	p, err := plan.LoadWith(*dir, *stack, opts)
	if err != nil {
		fmt.Fprintf(stderr, "plan: %v\n", err)
		return 1
	}
	if *contractOut != "" {
		contract, err := plan.PlatformContract(*dir, *stack)
		if err != nil {
			fmt.Fprintf(stderr, "plan: --contract-out: %v\n", err)
			return 1
		}
		if err := os.WriteFile(*contractOut, contract, 0o644); err != nil {
			fmt.Fprintf(stderr, "plan: --contract-out: %v\n", err)
			return 1
		}
	}
	if *outputsOut != "" {
		outputs, err := plan.ServiceOutputs(*dir, *stack, opts)
		if err != nil {
			fmt.Fprintf(stderr, "plan: --outputs-out: %v\n", err)
			return 1
		}
		if err := os.WriteFile(*outputsOut, outputs, 0o644); err != nil {
			fmt.Fprintf(stderr, "plan: --outputs-out: %v\n", err)
			return 1
		}
	}
	var out []byte
	switch {
	case *asJSON:
		if out, err = p.JSON(); err != nil {
			fmt.Fprintf(stderr, "plan: render JSON: %v\n", err)
			return 1
		}
	case *asMermaid:
		out = []byte(p.Mermaid())
	default:
		out = []byte(p.Text())
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "plan: %v\n", err)
		return 1
	}
	return 0
}
