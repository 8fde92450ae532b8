package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// The dev stack built over the wire, from the inputs a TypeScript or
// Python program would send for its configuration, registers the same
// children with the same inputs as the Go program: Construct runs the
// same constructor, defaults and checks.
func TestDevStackOverTheWireRegistersWhatTheGoProgramDoes(t *testing.T) {
	files, name, args := devStack(t)
	region := files.Config["aws:region"]

	goPath := awsmock.New(region)
	if err := pulumi.RunErr(stacks.Program, files.RunOption(goPath)); err != nil {
		t.Fatalf("Go program, dev stack: %v", err)
	}

	wire := awsmock.New(region)
	s := newServer(t, harnessMocks{wire})
	resp, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, wireInputs(t, args))
	if err != nil {
		t.Fatalf("Construct %s: %v", components.PrivateFargateServiceType, err)
	}
	_ = resp

	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's for the dev stack (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's for the dev stack (-go +wire):\n%s", d)
	}
}
