package piece

import (
	"errors"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// Refusal returns err with each problem's field named as the composite's
// caller wrote it, and the composite as the piece refused: a piece built
// inside a composite is refused in the composite's terms, as its
// deploy-time problems are. Any other error, and every error outside a
// composite, comes back as it is.
func (in *Within) Refusal(err error) error {
	var ve *check.ValidationError
	if in == nil || !errors.As(err, &ve) {
		return err
	}
	out := &check.ValidationError{Piece: in.Composite, Problems: make(check.Problems, len(ve.Problems))}
	for i, p := range ve.Problems {
		out.Problems[i] = check.FieldError{Field: in.Path(p.Field), Problem: p.Problem}
	}
	return out
}
