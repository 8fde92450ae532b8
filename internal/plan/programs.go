package plan

import (
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	existingvpc "github.com/private-fargate/pulumi-private-ecs/examples/existing-vpc/infra"
	sharedplatform "github.com/private-fargate/pulumi-private-ecs/examples/shared-platform/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// Program is a Pulumi program the plan runs in-process, as its main.go
// hands it to pulumi.Run.
type Program struct {
	Run pulumi.RunFunc
	// Cloud adds to the mocks what the program expects to find in the
	// account before it runs (an existing VPC, say), and returns what it
	// assumed, one sentence each. Nil for a program that adopts nothing.
	Cloud func(files *stacks.StackFiles, m *awsmock.Mocks) []string
}

// programs are this repository's Pulumi projects, by the name their
// Pulumi.yaml gives.
var programs = map[string]Program{
	"private-fargate": {Run: stacks.Program, Cloud: hostedZoneCloud},
	"shared-platform": {Run: sharedplatform.Program, Cloud: hostedZoneCloud},
	"existing-vpc":    {Run: existingvpc.Program, Cloud: existingVpcCloud},
}

// hostedZoneCloud assumes that the public hosted zone the stack config
// names for its domain (domainName, and hostedZoneName or hostedZoneId)
// exists and holds the domain: the program looks it up before it creates
// anything, and the plan reads no account. A stack without a domain
// assumes nothing.
func hostedZoneCloud(files *stacks.StackFiles, m *awsmock.Mocks) []string {
	id, name, domain := files.HostedZone()
	if domain == "" {
		return nil
	}
	return m.AddHostedZone(id, name, domain)
}

// Projects lists the project names the plan can run, sorted.
func Projects() []string {
	names := make([]string, 0, len(programs))
	for name := range programs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// existingVpcCloud assumes that the VPC the stack config names exists and
// passes the adopted network's checks: the account is not read, so the
// plan shows what the stack would create in such a VPC. A config the
// program refuses adds nothing; the program then reports it.
func existingVpcCloud(files *stacks.StackFiles, m *awsmock.Mocks) []string {
	cfg, err := existingvpc.ReadConfig(files.Project, func(key string) (string, bool) {
		v, ok := files.Config[key]
		return v, ok
	})
	if err != nil {
		return nil
	}
	return m.AddExistingVpc(awsmock.ExistingVpc{
		VpcId:                   cfg.VpcId,
		PublicSubnetIds:         cfg.PublicSubnetIds,
		PrivateSubnetIds:        cfg.PrivateSubnetIds,
		PrivateRouteTableIds:    cfg.PrivateRouteTableIds,
		Endpoints:               cfg.ExistingEndpoints,
		EndpointSecurityGroupId: cfg.EndpointSecurityGroupId,
	})
}
