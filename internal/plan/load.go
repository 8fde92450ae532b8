package plan

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// Load reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml the way the
// Pulumi CLI does, runs the program `pulumi up` runs under mocks (no
// cloud, no CLI), and builds the plan from what it registered. Bad input
// (an unknown stack, a missing file, a config the component rejects)
// returns the error with every problem and no plan.
func Load(dir, stack string) (*Plan, error) {
	files, err := stacks.LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	mocks := awsmock.New(files.Config["aws:region"])
	if err := pulumi.RunErr(stacks.Program, files.RunOption(mocks)); err != nil {
		// The engine wraps the program's error in a list of one; report the
		// configuration problems themselves when that is what it was.
		var ce *stacks.ConfigError
		var ve *components.ValidationError
		switch {
		case errors.As(err, &ce):
			err = ce
		case errors.As(err, &ve):
			err = ve
		}
		return nil, fmt.Errorf("stack %s: %w", stack, err)
	}
	in := Input{
		Project:    files.Project,
		Stack:      files.Stack,
		Config:     files.Config,
		StackKeys:  files.FromStack,
		SecretKeys: files.SecretKeys,
		Region:     files.Config["aws:region"],
		Resources:  mocks.Resources(),
	}
	return Build(in)
}
