package components

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// family is what a piece needs to create its children: the context, the
// piece's name (each child is named name+"-..."), the piece itself as the
// children's parent, and the user's tags.
type family struct {
	ctx    *pulumi.Context
	name   string
	parent pulumi.Resource
	// in is the composite the piece is built inside, or nil.
	in   *within
	tags pulumi.StringMap
	// component is the "component" tag's value; "" means name.
	component string
	// piece is the piece's kind ("WebService"), which deploy-time checks
	// report their problems under.
	piece string
}

// within is what a piece built inside a composite takes from it. The
// composite owns these concerns; the piece applies them without knowing
// which composite it is in.
type within struct {
	// composite is the composite's kind ("PrivateFargateService"), whose
	// args the user wrote: deploy-time problems are reported under it.
	composite string
	// released is the parent the piece's children had in the composite's
	// first release, before the pieces existed, or nil. Each child keeps
	// an alias to its URN under it, so a stack deployed then upgrades
	// without replacements.
	released pulumi.Resource
	// field maps a field path of the piece's args ("AccessLogs.Bucket")
	// to the path of the composite's args the user wrote
	// ("LoadBalancer.AccessLogs.Bucket").
	field func(string) string
}

// path is the field the user wrote for a field of the piece's args.
func (in *within) path(field string) string {
	if in == nil || in.field == nil {
		return field
	}
	return in.field(field)
}

// pieceOr is the composite's kind, or own outside a composite.
func (in *within) pieceOr(own string) string {
	if in == nil {
		return own
	}
	return in.composite
}

// pieceName is what a deploy-time problem is reported under: the piece,
// or the composite it is built inside, whose args the user wrote.
func (f *family) pieceName() string { return f.in.pieceOr(f.piece) }

// field is the path the user wrote for a field of the piece's args.
func (f *family) field(path string) string { return f.in.path(path) }

// released is the parent the children had in the composite's first
// release, or nil.
func (f *family) released() pulumi.Resource {
	if f.in == nil {
		return nil
	}
	return f.in.released
}

// opts are the options every child gets: the piece as its parent, the
// alias to its released URN when there is one, and any extra ones.
func (f *family) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	out := []pulumi.ResourceOption{pulumi.Parent(f.parent)}
	if r := f.released(); r != nil {
		out = append(out, pulumi.Aliases([]pulumi.Alias{{Parent: r}}))
	}
	return append(out, extra...)
}

// tagMap returns the tags for a child: the user's tags, then the project,
// stack and component tags, which the user's cannot replace, and a Name.
func (f *family) tagMap(resourceName string) pulumi.StringMap {
	t := pulumi.StringMap{}
	maps.Copy(t, f.tags)
	t["project"] = pulumi.String(f.ctx.Project())
	t["stack"] = pulumi.String(f.ctx.Stack())
	t["component"] = pulumi.String(strOr(f.component, f.name))
	if _, ok := f.tags["Name"]; !ok {
		t["Name"] = pulumi.String(resourceName)
	}
	return t
}

// tagsFor is the tags of the child named resourceName.
func (f *family) tagsFor(resourceName string) pulumi.StringMap { return f.tagMap(resourceName) }

// invokeOptions passes the caller's provider or parent on to the look-ups
// made before the piece exists, so they ask the same account and region.
func invokeOptions(opts []pulumi.ResourceOption) ([]pulumi.InvokeOption, error) {
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

// resolveRegion returns region, or the provider's region when it is "".
func resolveRegion(ctx *pulumi.Context, region string, opts []pulumi.InvokeOption) (string, error) {
	if region != "" {
		return region, nil
	}
	r, err := aws.GetRegion(ctx, nil, opts...)
	if err != nil {
		return "", fmt.Errorf("look up the region (or set Region): %w", err)
	}
	return r.Name, nil
}
