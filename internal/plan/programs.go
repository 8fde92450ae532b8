package plan

import (
	"maps"
	"path/filepath"
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	existingvpc "github.com/private-fargate/pulumi-private-ecs/examples/existing-vpc/infra"
	platform "github.com/private-fargate/pulumi-private-ecs/examples/platform/infra"
	sharedplatform "github.com/private-fargate/pulumi-private-ecs/examples/shared-platform/infra"
	teamorders "github.com/private-fargate/pulumi-private-ecs/examples/team-orders/infra"
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
	// Attach says, for a service program, how the stack's config has it
	// read its platform contract; false when the config names no
	// platform (the program then reports that itself). Nil for a program
	// that attaches to no platform.
	Attach func(files *stacks.StackFiles) (Attachment, bool)
	// Platform is the contract file a service program is planned against
	// when no other is given, relative to its project directory.
	Platform string
	// Contract is, for a platform program, the program itself returning
	// the platform contract it exports as the stack output "platform";
	// PlatformContract runs it. Nil for a program that exports none.
	Contract func(ctx *pulumi.Context) (pulumi.AnyOutput, error)
	// Outputs is, for a service program, the program itself returning
	// the outputs it exports; ServiceOutputs runs it. Nil for another
	// program.
	Outputs func(ctx *pulumi.Context) (pulumi.Map, error)
	// Calls are, for a service program, the backend stacks the stack's
	// config says it calls (its calls key), which --backend may name.
	// Nil for a program that calls none.
	Calls func(files *stacks.StackFiles) []string
}

// programs are this repository's Pulumi projects, by the name their
// Pulumi.yaml gives.
var programs = map[string]Program{
	"private-fargate": {Run: stacks.Program, Cloud: hostedZoneCloud},
	"shared-platform": {Run: sharedplatform.Program, Cloud: hostedZoneCloud},
	"existing-vpc":    {Run: existingvpc.Program, Cloud: existingVpcCloud},
	"platform": {Run: platform.Program, Cloud: hostedZoneCloud, Contract: func(ctx *pulumi.Context) (pulumi.AnyOutput, error) {
		p, err := platform.Deploy(ctx)
		if err != nil {
			return pulumi.AnyOutput{}, err
		}
		return p.Contract, nil
	}},
	"team-orders": {Run: teamorders.Program, Attach: teamOrdersAttach,
		Platform: filepath.Join("..", "platform", "testdata", "contract.dev.json")},
}

// entryPoints are the programs package stacks offers projects of their
// own, such as the ones converted from other tools, by the name of the
// function their main.go hands pulumi.Run: "PlatformProgram" for
// pulumi.Run(stacks.PlatformProgram). A project is run by its main.go
// when it hands one of these, whatever its name (entryPoint).
var entryPoints = map[string]Program{
	"PlatformProgram": {Run: stacks.PlatformProgram, Cloud: platformProgramCloud, Contract: func(ctx *pulumi.Context) (pulumi.AnyOutput, error) {
		p, err := stacks.RunPlatform(ctx)
		if err != nil {
			return pulumi.AnyOutput{}, err
		}
		return p.Contract, nil
	}},
	"ServiceProgram": {Run: stacks.ServiceProgram, Attach: serviceProgramAttach, Calls: serviceProgramCalls, Outputs: func(ctx *pulumi.Context) (pulumi.Map, error) {
		svc, err := stacks.RunService(ctx)
		if err != nil {
			return nil, err
		}
		return svc.Outputs, nil
	}},
}

// serviceProgramAttach reads how a ServiceProgram stack attaches: to the
// stack its platformStack key names, or to the contract its platform key
// holds.
func serviceProgramAttach(files *stacks.StackFiles) (Attachment, bool) {
	cfg, err := stacks.LoadService(files.Project, func(key string) (string, bool) {
		v, ok := files.Config[key]
		return v, ok
	}, slices.Sorted(maps.Keys(files.Config)))
	if cfg == nil || (err != nil && cfg.PlatformStack == "" && !cfg.Platform) {
		return Attachment{}, false
	}
	if cfg.Platform {
		return Attachment{ConfigKey: files.Project + ":" + stacks.PlatformKey}, true
	}
	return Attachment{Stack: cfg.PlatformStack}, cfg.PlatformStack != ""
}

// serviceProgramCalls reads the backend stacks a ServiceProgram stack
// calls, as its calls key names them.
func serviceProgramCalls(files *stacks.StackFiles) []string {
	cfg, _ := stacks.LoadService(files.Project, func(key string) (string, bool) {
		v, ok := files.Config[key]
		return v, ok
	}, slices.Sorted(maps.Keys(files.Config)))
	if cfg == nil {
		return nil
	}
	return cfg.Calls
}

// platformProgramCloud assumes that what a PlatformProgram stack's config
// names in the account exists and passes the program's checks: the
// hosted zone of each load balancer's domain, and an adopted VPC (each
// private subnet with a route table of its own when the config lists
// none, which the program then looks up). A config the program refuses
// adds nothing; the program then reports it.
func platformProgramCloud(files *stacks.StackFiles, m *awsmock.Mocks) []string {
	acct, err := files.PlatformAccount()
	if err != nil {
		return nil
	}
	var assumed []string
	for _, z := range acct.HostedZones {
		assumed = append(assumed, m.AddHostedZone(z.Id, z.Name, z.Domain)...)
	}
	if v := acct.ExistingVpc; v != nil {
		assumed = append(assumed, m.AddExistingVpc(awsmock.ExistingVpc{
			VpcId: v.VpcId, PublicSubnetIds: v.PublicSubnetIds, PrivateSubnetIds: v.PrivateSubnetIds,
			PrivateRouteTableIds: v.PrivateRouteTableIds, Endpoints: v.EndpointServices,
			EndpointSecurityGroupId: v.EndpointSecurityGroupId,
		})...)
	}
	return assumed
}

// teamOrdersAttach reads how a team-orders stack attaches: to the stack
// its platformStack key names, or to the contract its platform key holds.
func teamOrdersAttach(files *stacks.StackFiles) (Attachment, bool) {
	cfg, err := teamorders.ReadConfig(files.Project, func(key string) (string, bool) {
		v, ok := files.Config[key]
		return v, ok
	})
	if err != nil {
		return Attachment{}, false
	}
	if cfg.Platform {
		return Attachment{ConfigKey: files.Project + ":" + teamorders.PlatformKey}, true
	}
	return Attachment{Stack: cfg.PlatformStack}, true
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
