package piece

import (
	"fmt"
	"maps"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Family is what a piece needs to create its children: the context, the
// piece's name (each child is named name+"-..."), the piece itself as the
// children's parent, and the user's tags.
type Family struct {
	Ctx    *pulumi.Context
	Name   string
	Parent pulumi.Resource
	// In is the composite the piece is built inside, or nil.
	In   *Within
	Tags pulumi.StringMap
	// Component is the "component" tag's value; "" means name.
	Component string
	// Piece is the piece's kind ("WebService"), which deploy-time checks
	// report their problems under.
	Piece string
}

// Within is what a piece built inside a composite takes from it. The
// composite owns these concerns; the piece applies them without knowing
// which composite it is in.
type Within struct {
	// Composite is the composite's kind ("PrivateFargateService"), whose
	// args the user wrote: deploy-time problems are reported under it.
	Composite string
	// Released is the parent the piece's children had in the composite's
	// first release, before the pieces existed, or nil. Each child keeps
	// an alias to its URN under it, so a stack deployed then upgrades
	// without replacements.
	Released pulumi.Resource
	// Field maps a field path of the piece's args ("AccessLogs.Bucket")
	// to the path of the composite's args the user wrote
	// ("LoadBalancer.AccessLogs.Bucket").
	Field func(string) string
}

// Path is the field the user wrote for a field of the piece's args.
func (in *Within) Path(field string) string {
	if in == nil || in.Field == nil {
		return field
	}
	return in.Field(field)
}

// PieceOr is the composite's kind, or own outside a composite.
func (in *Within) PieceOr(own string) string {
	if in == nil {
		return own
	}
	return in.Composite
}

// PieceName is what a deploy-time problem is reported under: the piece,
// or the composite it is built inside, whose args the user wrote.
func (f *Family) PieceName() string { return f.In.PieceOr(f.Piece) }

// Field is the path the user wrote for a field of the piece's args.
func (f *Family) Field(path string) string { return f.In.Path(path) }

// Released is the parent the children had in the composite's first
// release, or nil.
func (f *Family) Released() pulumi.Resource {
	if f.In == nil {
		return nil
	}
	return f.In.Released
}

// Opts are the options every child gets: the piece as its parent, the
// alias to its released URN when there is one, and any extra ones.
func (f *Family) Opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	out := []pulumi.ResourceOption{pulumi.Parent(f.Parent)}
	if r := f.Released(); r != nil {
		out = append(out, pulumi.Aliases([]pulumi.Alias{{Parent: r}}))
	}
	return append(out, extra...)
}

// TagMap returns the tags for a child: the user's tags, then the project,
// stack and component tags, which the user's cannot replace, and a Name.
func (f *Family) TagMap(resourceName string) pulumi.StringMap {
	t := pulumi.StringMap{}
	maps.Copy(t, f.Tags)
	t["project"] = pulumi.String(f.Ctx.Project())
	t["stack"] = pulumi.String(f.Ctx.Stack())
	t["component"] = pulumi.String(check.StrOr(f.Component, f.Name))
	if _, ok := f.Tags["Name"]; !ok {
		t["Name"] = pulumi.String(resourceName)
	}
	return t
}

// TagsFor is the tags of the child named resourceName.
func (f *Family) TagsFor(resourceName string) pulumi.StringMap { return f.TagMap(resourceName) }

// InvokeOptions passes the caller's provider or parent on to the look-ups
// made before the piece exists, so they ask the same account and region.
func InvokeOptions(opts []pulumi.ResourceOption) ([]pulumi.InvokeOption, error) {
	ro, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil, fmt.Errorf("read resource options: %w", err)
	}
	var out []pulumi.InvokeOption
	if ro.Parent != nil {
		out = append(out, pulumi.Parent(ro.Parent))
	}
	if ro.Provider != nil {
		out = append(out, pulumi.Provider(ro.Provider))
	}
	return out, nil
}

// ResolveRegion returns region, or the provider's region when it is "".
func ResolveRegion(ctx *pulumi.Context, region string, opts []pulumi.InvokeOption) (string, error) {
	if region != "" {
		return region, nil
	}
	r, err := aws.GetRegion(ctx, nil, opts...)
	if err != nil {
		return "", fmt.Errorf("look up the region (or set Region): %w", err)
	}
	return r.Name, nil
}
