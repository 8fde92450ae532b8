// Command team-orders is the orders team's Pulumi program (`pulumi up
// --stack dev` in this directory): two services attached to the
// platform that examples/platform deploys, through its stack's contract.
// Everything it does lives in package infra, so that the offline plan and
// the tests can run it in-process.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/team-orders/infra"
)

func main() {
	pulumi.Run(infra.Program)
}
