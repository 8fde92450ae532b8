package piece

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The pieces hand each other data contracts, not pointers into each
// other. A contract holds the ids another piece builds on, as Pulumi
// inputs, and the facts it checks its args against, as plain values. A
// piece built in this program gives its contract from its constructor's
// result; a piece another program built gives the same contract, read from
// that program's stack (AttachPlatform) or from configuration
// (ParsePlatformContract). Nothing else tells the two apart.
//
// Ordering travels with the ids: an id in a contract made in this program
// resolves only once what a consumer must wait for exists (the private
// subnets once the endpoints and routes do, the cluster once its capacity
// providers are associated, a default target group once the listeners
// forward to it), so every resource built on it waits for those too.

// afterAll returns v, resolved only once every resource in deps exists,
// and depending on them: a resource built on the result waits for them
// as it would with pulumi.DependsOn. A custom resource counts once it has
// its id; a component once it is registered.
func afterAll[T any](v pulumi.Input, deps []pulumi.Resource, pick func(any) T) pulumi.Output {
	ins := []any{v}
	for _, d := range deps {
		if cr, ok := d.(pulumi.CustomResource); ok {
			ins = append(ins, cr.ID())
		} else {
			ins = append(ins, d.URN())
		}
	}
	return pulumi.All(ins...).ApplyT(func(x []any) T { return pick(x[0]) })
}

// StringAfter is v once deps exist.
func StringAfter(v pulumi.StringInput, deps []pulumi.Resource) pulumi.StringOutput {
	if len(deps) == 0 {
		return v.ToStringOutput()
	}
	// As a StringOutput, so an IDOutput's value arrives as a string, not
	// a pulumi.ID.
	return afterAll(v.ToStringOutput(), deps, func(x any) string { return x.(string) }).(pulumi.StringOutput)
}

// StringsAfter is v once deps exist.
func StringsAfter(v pulumi.StringArrayInput, deps []pulumi.Resource) pulumi.StringArrayOutput {
	if len(deps) == 0 {
		return v.ToStringArrayOutput()
	}
	return afterAll(v.ToStringArrayOutput(), deps, func(x any) []string { return x.([]string) }).(pulumi.StringArrayOutput)
}
