// Command platform is the platform team's Pulumi program (`pulumi up
// --stack dev` in this directory): the network, its VPC endpoints, the
// load balancer, the cluster and the key that service teams share. It
// exports one stack output, "platform", the platform contract, which the
// service teams' programs read (examples/team-orders). Everything it does
// lives in package infra, so that the offline plan and the tests can run
// it in-process.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/platform/infra"
)

func main() {
	pulumi.Run(infra.Program)
}
