package stacks

import (
	"errors"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// Program is what `pulumi up` runs: read the stack's config, build the
// component, export its outputs.
func Program(ctx *pulumi.Context) error {
	_, err := Run(ctx)
	return err
}

// Run is Program, returning the component it built.
func Run(ctx *pulumi.Context) (*components.PrivateFargateService, error) {
	cfg, err := Load(ctx)
	if err != nil {
		// Report the component's problems with the rest in the same run.
		return nil, withComponentProblems(ctx, cfg, err)
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

// withComponentProblems adds what the component finds in the config's
// other keys to the config's own problems, registering nothing. A key
// already refused is not reported twice.
func withComponentProblems(ctx *pulumi.Context, cfg *Config, err error) error {
	var ce *ConfigError
	if cfg == nil || !errors.As(err, &ce) {
		return err
	}
	verr := components.ValidatePrivateFargateService(ctx, cfg.Name, &cfg.Args)
	if verr == nil {
		return ce
	}
	var more *ConfigError
	if !errors.As(withConfigKeys(ctx.Project(), verr), &more) {
		return &ConfigError{Problems: append(slices.Clone(ce.Problems), verr.Error())}
	}
	out := slices.Clone(ce.Problems)
	for _, p := range more.Problems {
		if !slices.ContainsFunc(ce.Problems, func(c string) bool { return sameKey(c, p) }) {
			out = append(out, p)
		}
	}
	return &ConfigError{Problems: out}
}

// sameKey tells whether two problems name the same key, or one lies under
// the other's.
func sameKey(a, b string) bool {
	ka, _, _ := strings.Cut(a, ": ")
	kb, _, _ := strings.Cut(b, ": ")
	return ka == kb || strings.HasPrefix(kb, ka+".") || strings.HasPrefix(kb, ka+"[") || strings.HasPrefix(ka, kb+".") || strings.HasPrefix(ka, kb+"[")
}
