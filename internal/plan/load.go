package plan

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	existingvpc "github.com/private-fargate/pulumi-private-ecs/examples/existing-vpc/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// Load reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml the way the
// Pulumi CLI does, runs the project's program (chosen by the name in
// Pulumi.yaml, see Projects) under mocks (no cloud, no CLI), and builds
// the plan from what it registered. Bad input (an unknown project or
// stack, a missing file, a config the program rejects) returns the error
// with every problem and no plan.
func Load(dir, stack string) (*Plan, error) {
	return LoadWith(dir, stack, Options{})
}

// LoadWith is Load with options: for a service program, the platform
// contract file it is planned against and the teams sharing the
// platform's cost.
func LoadWith(dir, stack string, opts Options) (*Plan, error) {
	files, err := stacks.LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	prog, err := programFor(dir, files)
	if err != nil {
		return nil, err
	}
	return loadProgram(dir, files, prog, opts)
}

// programFor picks a project's program: the function of package stacks
// its main.go hands pulumi.Run, when the plan knows it (entryPoints);
// else this repository's project of the name Pulumi.yaml gives. The
// main.go comes first, so that a generated project named like one of
// this repository's (platform, say) runs its own program.
func programFor(dir string, files *stacks.StackFiles) (Program, error) {
	name, mainErr := entryPoint(dir)
	if prog, ok := entryPoints[name]; ok {
		return prog, nil
	}
	if prog, ok := programs[files.Project]; ok {
		return prog, nil
	}
	why := fmt.Sprintf("its main.go hands pulumi.Run none of %s", strings.Join(EntryPoints(), ", "))
	switch {
	case mainErr != nil:
		why = mainErr.Error()
	case name != "":
		why = fmt.Sprintf("its main.go hands pulumi.Run stacks.%s, which the plan cannot run; it runs %s", name, strings.Join(EntryPoints(), ", "))
	}
	return Program{}, fmt.Errorf("%s names project %q, which the plan has no program for, and %s; it plans %s, and any project whose main.go runs one of %s",
		filepath.Join(dir, "Pulumi.yaml"), files.Project, why, strings.Join(Projects(), ", "), strings.Join(EntryPoints(), ", "))
}

// LoadProgram runs prog with the stack's files under mocks and builds the
// plan from what it registered.
func LoadProgram(files *stacks.StackFiles, prog Program) (*Plan, error) {
	return loadProgram(".", files, prog, Options{})
}

func loadProgram(dir string, files *stacks.StackFiles, prog Program, opts Options) (*Plan, error) {
	if opts.Teams < 0 {
		return nil, fmt.Errorf("--teams: %d is negative; give how many teams share the platform, or 0 for the contract's", opts.Teams)
	}
	if opts.JobDuration < 0 {
		return nil, fmt.Errorf("--job-duration: %s is negative; give how long a scheduled run lasts, such as 15m, or 0 for each job's timeout", opts.JobDuration)
	}
	mocks := awsmock.New(files.Config["aws:region"])
	var assumed []string
	if prog.Cloud != nil {
		assumed = prog.Cloud(files, mocks)
	}
	contract, share, attached, err := attachPlatform(dir, files, prog, opts, mocks)
	if err != nil {
		return nil, err
	}
	assumed = append(assumed, attached...)
	called, err := attachBackends(files, prog, opts, mocks)
	if err != nil {
		return nil, err
	}
	assumed = append(assumed, called...)
	if err := pulumi.RunErr(prog.Run, files.RunOption(mocks)); err != nil {
		return nil, fmt.Errorf("stack %s: %w", files.Stack, programError(err))
	}
	in := Input{
		Project:     files.Project,
		Stack:       files.Stack,
		Config:      files.Config,
		StackKeys:   files.FromStack,
		SecretKeys:  files.SecretKeys,
		Region:      files.Config["aws:region"],
		Resources:   mocks.Resources(),
		Assumed:     assumed,
		Platform:    contract,
		Share:       share,
		Teams:       opts.Teams,
		Now:         opts.Now,
		JobDuration: opts.JobDuration,
	}
	return Build(in)
}

// programError unwraps what the engine adds around a program's error (a
// list of one), and reports configuration problems themselves when that
// is what it was.
func programError(err error) error {
	var ce *stacks.ConfigError
	var xe *existingvpc.ConfigError
	var ve *components.ValidationError
	var list interface{ WrappedErrors() []error }
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.As(err, &xe):
		return xe
	case errors.As(err, &ve):
		return ve
	case errors.As(err, &list) && len(list.WrappedErrors()) == 1:
		return list.WrappedErrors()[0]
	}
	return err
}
