package plan

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"regexp"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// PlatformContract plans a platform stack (a project whose program
// exports the platform contract: examples/platform, or one whose main.go
// runs stacks.PlatformProgram) and returns its contract as `pulumi stack
// output --json` prints it: an object holding the contract under
// "platform", which Options.Platform reads. The program runs under the
// mocks as Load runs it, with what its config names in the account
// assumed to exist; the ids AWS would give (VPC, subnets, route tables,
// security groups, prefix lists) are stand-ins of AWS's forms, each made
// from the mocks' id, so service stacks can be planned against the
// contract as against a deployed one. A configuration the program
// refuses returns its problems.
func PlatformContract(dir, stack string) ([]byte, error) {
	files, err := stacks.LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	prog, err := programFor(dir, files)
	if err != nil {
		return nil, err
	}
	if prog.Contract == nil {
		return nil, fmt.Errorf("project %s exports no platform contract; give a platform project, such as one whose main.go runs stacks.PlatformProgram", files.Project)
	}
	m := awsmock.New(files.Config["aws:region"])
	if prog.Cloud != nil {
		prog.Cloud(files, m)
	}
	contract, err := resolved(files, m, func(ctx *pulumi.Context) (pulumi.Input, error) { return prog.Contract(ctx) })
	if err != nil {
		return nil, err
	}
	// The contract is JSON data already; a copy is rewritten.
	c, err := standInCopy(contract)
	if err != nil {
		return nil, fmt.Errorf("stack %s: its contract: %w", files.Stack, err)
	}
	if _, err := components.ParsePlatformContract(c); err != nil {
		return nil, fmt.Errorf("stack %s: its contract cannot be attached to: %w", files.Stack, err)
	}
	out, err := json.MarshalIndent(map[string]any{components.PlatformOutput: c}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// resolved runs a program under the mocks, with the stack's config, and
// returns what the value get gives resolves to: a platform's contract, a
// service's outputs.
func resolved(files *stacks.StackFiles, m *awsmock.Mocks, get func(ctx *pulumi.Context) (pulumi.Input, error)) (any, error) {
	var mu sync.Mutex
	var out any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		v, err := get(ctx)
		if err != nil {
			return err
		}
		pulumi.ToOutput(v).ApplyT(func(x any) any {
			mu.Lock()
			defer mu.Unlock()
			out = x
			return x
		})
		return nil
	}, files.RunOption(m))
	if err != nil {
		return nil, fmt.Errorf("stack %s: %w", files.Stack, programError(err))
	}
	mu.Lock()
	defer mu.Unlock()
	return out, nil
}

// standInCopy is a copy of v, JSON data that a mocked program produced,
// with ids of AWS's form in place of the mocks' (standInIDs).
func standInCopy(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return standInIDs(out, ""), nil
}

// idForms are the contract keys whose values are ids AWS gives, and the
// prefix of their form (vpc-0123456789abcdef0).
var idForms = map[string]string{
	"vpcId":                         "vpc",
	"subnetId":                      "subnet", // the id of a publicSubnets or privateSubnets entry
	"privateRouteTableIds":          "rtb",
	"endpointSecurityGroupId":       "sg",
	"endpointClientSecurityGroupId": "sg",
	"securityGroupId":               "sg",
	"targetSecurityGroupId":         "sg",
	"instanceSecurityGroupId":       "sg",
	"prefixListId":                  "pl", // a value of gatewayPrefixListIds
}

// awsID is an id of AWS's form for one of idForms' prefixes.
var awsID = regexp.MustCompile(`^[a-z]+-[0-9a-f]{8,17}$`)

// standInIDs replaces, in a contract's JSON data, each id that is not of
// AWS's form (the mocks give <name>_id) with one that is, made from it:
// the same id always gets the same stand-in, and an id of AWS's form (an
// adopted VPC's) is kept. key is the key v is the value of.
func standInIDs(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			inner := k
			switch {
			case k == "id" && (key == "publicSubnets" || key == "privateSubnets"):
				inner = "subnetId"
			case key == "gatewayPrefixListIds":
				inner = "prefixListId"
			}
			x[k] = standInIDs(e, inner)
		}
	case []any:
		for i, e := range x {
			x[i] = standInIDs(e, key)
		}
	case string:
		prefix, ok := idForms[key]
		if !ok || x == "" || (awsID.MatchString(x) && x[:len(prefix)+1] == prefix+"-") {
			return x
		}
		digits := 17
		if prefix == "pl" {
			digits = 8
		}
		return fmt.Sprintf("%s-%x", prefix, sha256.Sum256([]byte(x)))[:len(prefix)+1+digits]
	}
	return v
}
