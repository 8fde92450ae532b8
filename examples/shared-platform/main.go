// Command shared-platform is a Pulumi program (`pulumi up --stack dev` in
// this directory): three services on one shared network, load balancer
// and cluster. Everything it does lives in package infra, so that the
// offline plan and the tests can run it in-process.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/shared-platform/infra"
)

func main() {
	pulumi.Run(infra.Program)
}
