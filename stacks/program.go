package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// Program is what `pulumi up` runs: read the stack's config, build the
// component, export its outputs.
func Program(ctx *pulumi.Context) error {
	_, err := Run(ctx)
	return err
}

// Run is Program, returning the component so that offline tools can read
// what it decided (its endpoint set and their reasons, its zones).
func Run(ctx *pulumi.Context) (*components.PrivateFargateService, error) {
	cfg, err := Load(ctx)
	if err != nil {
		return nil, err
	}
	svc, err := components.NewPrivateFargateService(ctx, cfg.Name, &cfg.Args)
	if err != nil {
		return nil, withConfigKeys(ctx.Project(), err)
	}
	for name, value := range svc.Outputs() {
		ctx.Export(name, value)
	}
	return svc, nil
}
