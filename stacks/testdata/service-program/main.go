// Command shop runs one workload of the shop on its platform.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

func main() { pulumi.Run(stacks.ServiceProgram) }
