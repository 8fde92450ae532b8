package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// checkedInputs are a workload's input fields as the children take them:
// each resolves to its value once that value passes the rule a literal
// passed before registering, and fails the deployment of the children
// that take it, naming the field, when it does not.
type checkedInputs struct {
	image       pulumi.StringOutput // when Container.Image is set
	environment pulumi.StringMapOutput
	// secrets are the secrets' ARNs by variable name.
	secrets pulumi.StringMapOutput
	// sidecars are the sidecars' inputs, in order.
	sidecars []checkedSidecar
	// grantSecrets are the ARNs of every secret the task reads, the
	// app's by variable name and the sidecars' by sidecarSecretKey.
	grantSecrets pulumi.StringMapOutput
	extraGroups  pulumi.StringArrayOutput
	extraPulls   pulumi.StringArrayOutput
	policyArns   []pulumi.StringOutput
	// statements is the task role's inline policy, when it has statements.
	statements pulumi.StringOutput
	// kmsKey is the customer key, when one is given.
	kmsKey pulumi.StringOutput
	// cacheImports are the repositories the first pull of a cached image
	// creates and imports into (none when the image is not cached).
	cacheImports pulumi.StringArrayOutput
}

// checkInputs wraps the workload's inputs in their deploy-time checks.
// The network's region, NAT and cache rules decide what image is pullable;
// an image on a cached upstream is rewritten to its cache path.
func checkInputs(f *piece.Family, w Workload, n network.NetworkContract) checkedInputs {
	region, nat := n.Region, n.Nat
	piece := f.PieceName()
	c := w.Container
	out := checkedInputs{
		extraGroups: check.CheckedStrings(piece, f.Field("Service.ExtraSecurityGroupIds"), w.Service.ExtraSecurityGroupIds, check.SecurityGroupRule),
		extraPulls:  check.CheckedStrings(piece, f.Field("Repository.ExtraPullRepositoryArns"), w.Repository.ExtraPullRepositoryArns, check.EcrRepositoryRule(region, nat)),
	}
	if c.Image != nil {
		out.image = check.CheckedString(piece, f.Field("Container.Image"), c.Image, ImageRule(region, nat, w.Caches))
		out.image, out.cacheImports = network.ThroughCache(out.image, w.Caches, n)
	} else {
		out.cacheImports = pulumi.ToStringArray(nil).ToStringArrayOutput()
	}
	if w.KmsKeyArn != nil {
		out.kmsKey = check.CheckedString(piece, f.Field("KmsKeyArn"), w.KmsKeyArn, check.KmsKeyRule(region))
	}
	env := pulumi.StringMap{}
	for k, v := range c.Environment {
		env[k] = v
	}
	out.environment = env.ToStringMapOutput()
	secrets := pulumi.StringMap{}
	for _, name := range check.SortedKeys(c.Secrets) {
		s := c.Secrets[name]
		secrets[name] = check.CheckedString(piece, f.Field("Container.Secrets."+name), s.Arn, check.SecretRule(s.kindOf(), region, nat))
	}
	out.secrets = secrets.ToStringMapOutput()
	var sidecarImports pulumi.StringArrayOutput
	out.sidecars, out.grantSecrets, sidecarImports = checkSidecarInputs(f, w, n, secrets)
	out.cacheImports = pulumi.All(out.cacheImports, sidecarImports).ApplyT(func(v []any) []string {
		return append(append([]string{}, v[0].([]string)...), v[1].([]string)...)
	}).(pulumi.StringArrayOutput)
	for i, arn := range w.TaskRole.PolicyArns {
		out.policyArns = append(out.policyArns, check.CheckedString(piece, f.Field(fmt.Sprintf("TaskRole.PolicyArns[%d]", i)), arn, check.PolicyArnRule(region)))
	}
	if len(w.TaskRole.Statements) > 0 {
		var resources []any
		for i, s := range w.TaskRole.Statements {
			field := f.Field(fmt.Sprintf("TaskRole.Statements[%d]", i))
			resources = append(resources, s.Resources.ToStringArrayOutput().ApplyT(func(v []string) ([]string, error) {
				if len(v) == 0 {
					return nil, check.DeployTimeError(piece, check.Problems{{Field: field, Problem: StatementProblem}})
				}
				return v, nil
			}).(pulumi.StringArrayOutput))
		}
		statements := w.TaskRole.Statements
		out.statements = pulumi.All(resources...).ApplyT(func(v []any) string {
			resolved := make([][]string, len(v))
			for i := range v {
				resolved[i] = v[i].([]string)
			}
			return taskPolicy(statements, resolved).JSON()
		}).(pulumi.StringOutput)
	}
	return out
}

// resolvedMap reads a resolved StringMapOutput value.
func resolvedMap(v any) map[string]string {
	m, _ := v.(map[string]string)
	return m
}
