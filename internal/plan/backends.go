package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// ServiceOutputs plans a service stack (a project whose main.go runs
// stacks.ServiceProgram) against the platform contract opts.Platform
// names, and returns the outputs it would export as `pulumi stack output
// --json` prints them: for a backend, its "serviceConnect" contract,
// which a caller's stack reference reads (Options.Backends). The program
// runs under the mocks as LoadWith runs it; a configuration it refuses
// returns its problems.
func ServiceOutputs(dir, stack string, opts Options) ([]byte, error) {
	files, err := stacks.LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	prog, err := programFor(dir, files)
	if err != nil {
		return nil, err
	}
	if prog.Outputs == nil {
		return nil, fmt.Errorf("project %s is no service project; give one whose main.go runs stacks.ServiceProgram", files.Project)
	}
	m := awsmock.New(files.Config["aws:region"])
	if prog.Cloud != nil {
		prog.Cloud(files, m)
	}
	if _, _, _, err := attachPlatform(dir, files, prog, opts, m); err != nil {
		return nil, err
	}
	if _, err := attachBackends(files, prog, opts, m); err != nil {
		return nil, err
	}
	outputs, err := resolved(files, m, func(ctx *pulumi.Context) (pulumi.Input, error) { return prog.Outputs(ctx) })
	if err != nil {
		return nil, err
	}
	// The outputs are JSON data; a copy gets ids of AWS's form, as
	// PlatformContract's, so that a caller's checks take them.
	v, err := standInCopy(outputs)
	if err != nil {
		return nil, fmt.Errorf("stack %s: its outputs: %w", files.Stack, err)
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("stack %s: encode its outputs: %w", files.Stack, err)
	}
	return append(data, '\n'), nil
}

// attachBackends gives the stack references to the backends
// Options.Backends names the outputs in their files, and says what it
// assumed.
func attachBackends(files *stacks.StackFiles, prog Program, opts Options, m *awsmock.Mocks) ([]string, error) {
	names := make([]string, 0, len(opts.Backends))
	for name := range opts.Backends {
		names = append(names, name)
	}
	sort.Strings(names)
	if err := backendsCalled(files, prog, names); err != nil {
		return nil, err
	}
	var assumed []string
	for _, name := range names {
		path := opts.Backends[name]
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("--backend %s: %w", name, err)
		}
		var outputs map[string]any
		if err := json.Unmarshal(data, &outputs); err != nil {
			return nil, fmt.Errorf("--backend %s: %s is not a stack's outputs, as `pulumi stack output --json` prints them: %w", name, path, err)
		}
		if _, ok := outputs["serviceConnect"]; !ok {
			return nil, fmt.Errorf("--backend %s: %s has no \"serviceConnect\" output; give a backend stack's outputs", name, path)
		}
		if m.StackOutputs == nil {
			m.StackOutputs = map[string]map[string]any{}
		}
		m.StackOutputs[name] = outputs
		assumed = append(assumed, fmt.Sprintf("backend stack %s exports the Service Connect contract in %s", name, path))
	}
	return assumed, nil
}

// backendsCalled refuses a --backend naming a stack the planned stack
// does not call: its outputs would be read by no stack reference, and
// the plan would look as if the stack used them.
func backendsCalled(files *stacks.StackFiles, prog Program, names []string) error {
	var calls []string
	if prog.Calls != nil {
		calls = prog.Calls(files)
	}
	var errs []error
	for _, name := range names {
		switch {
		case slices.Contains(calls, name):
		case len(calls) == 0:
			errs = append(errs, fmt.Errorf("--backend %s: stack %s calls no backend stack (its %s:calls key names none); remove the flag, or add the stack to calls", name, files.Stack, files.Project))
		default:
			errs = append(errs, fmt.Errorf("--backend %s: stack %s does not call it; it calls %s (its %s:calls key); name one of those, or add the stack to calls", name, files.Stack, strings.Join(calls, ", "), files.Project))
		}
	}
	return errors.Join(errs...)
}
