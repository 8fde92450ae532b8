package components

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// family is what a piece needs to create its children: the context, the
// piece's name (each child is named name+"-..."), the piece itself as the
// children's parent, and the user's tags.
type family struct {
	ctx    *pulumi.Context
	name   string
	parent pulumi.Resource
	// legacy is the parent the children had before the pieces existed:
	// the PrivateFargateService that built them all directly. When set,
	// every child carries an alias to its URN under that parent, so a
	// stack deployed before the split upgrades without replacements.
	legacy pulumi.Resource
	tags   pulumi.StringMap
	// component is the "component" tag's value; "" means name.
	component string
	// piece is the piece's kind ("WebService"), which deploy-time checks
	// report their problems under.
	piece string
}

// pieceName is what a deploy-time problem is reported under: the piece,
// or PrivateFargateService for a piece inside one, whose args the user
// wrote.
func (f *family) pieceName() string {
	if f.legacy != nil {
		return "PrivateFargateService"
	}
	return f.piece
}

// opts are the options every child gets: the piece as its parent, the
// alias to its released URN when there is one, and any extra ones.
func (f *family) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	out := []pulumi.ResourceOption{pulumi.Parent(f.parent)}
	if f.legacy != nil {
		out = append(out, pulumi.Aliases([]pulumi.Alias{{Parent: f.legacy}}))
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

// validationError returns nil for no problems, or the problems of one piece.
func validationError(piece string, p problems) error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Piece: piece, Problems: p}
}
