// Command existing-vpc is a Pulumi program (`pulumi up --stack dev` in
// this directory): one service in a VPC that already exists. Everything
// it does lives in package infra, so that the offline plan and the tests
// can run it in-process.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/existing-vpc/infra"
)

func main() {
	pulumi.Run(infra.Program)
}
