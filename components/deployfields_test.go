package components

import (
	"errors"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// A program that takes the arguments under other names (the component
// package) names a deploy-time problem's field its own way; the problem
// is the literal check's. Without a namer, the Go field path is kept.
func TestDeployTimeFieldNamerRenamesOnlyTheField(t *testing.T) {
	for _, tt := range []struct {
		name  string
		namer check.DeployTimeFieldNamer
		want  string
	}{
		{"Go field paths", nil, "invalid WebService arguments (1 problem):\n  Container.Image: is not ok; use ok"},
		{"wire names", func(piece, field string) string { return strings.ToLower(field) }, "invalid WebService arguments (1 problem):\n  container.image: is not ok; use ok"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			check.SetDeployTimeFieldNamer(tt.namer)
			defer check.SetDeployTimeFieldNamer(nil)
			err := check.DeployTimeError("WebService", check.Problems{{Field: "Container.Image", Problem: "is not ok; use ok"}})
			var ve *check.ValidationError
			if !errors.As(err, &ve) || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
