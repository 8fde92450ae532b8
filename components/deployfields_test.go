package components

import (
	"errors"
	"strings"
	"testing"
)

// A program that takes the arguments under other names (the component
// package) names a deploy-time problem's field its own way; the problem
// is the literal check's. Without a namer, the Go field path is kept.
func TestDeployTimeFieldNamerRenamesOnlyTheField(t *testing.T) {
	for _, tt := range []struct {
		name  string
		namer DeployTimeFieldNamer
		want  string
	}{
		{"Go field paths", nil, "invalid WebService arguments (1 problem):\n  Container.Image: is not ok; use ok"},
		{"wire names", func(piece, field string) string { return strings.ToLower(field) }, "invalid WebService arguments (1 problem):\n  container.image: is not ok; use ok"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			SetDeployTimeFieldNamer(tt.namer)
			defer SetDeployTimeFieldNamer(nil)
			err := deployTimeError("WebService", problems{{Field: "Container.Image", Problem: "is not ok; use ok"}})
			var ve *ValidationError
			if !errors.As(err, &ve) || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
