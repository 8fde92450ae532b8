// Command private-fargate is the Pulumi program: `pulumi up --stack dev`
// runs it. Everything it does lives in package stacks.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

func main() {
	pulumi.Run(stacks.Program)
}
