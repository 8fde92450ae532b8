// Command acme-platform is a generated platform project: its
// configuration is all there is of it, and stacks.PlatformProgram reads
// it.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

func main() { pulumi.Run(stacks.PlatformProgram) }
