package check

import "sync/atomic"

// A DeployTimeFieldNamer names a field in a problem found when an input
// resolves during the deploy (an Output that turns out to be a bad
// value), given the piece ("WebService") and the Go field path
// ("Container.Image"). A program that takes the arguments under other
// names sets one, so that such a problem names what its caller wrote, as
// the problems found before anything registers do: the component package
// (provider/) names the schema's property ("container.image").
type DeployTimeFieldNamer func(piece, field string) string

var deployTimeNamer atomic.Pointer[DeployTimeFieldNamer]

// SetDeployTimeFieldNamer sets the namer for every piece built afterwards
// in this process; nil restores the Go field paths. The problem itself,
// and the error's form, are the same as a literal's.
func SetDeployTimeFieldNamer(f DeployTimeFieldNamer) {
	if f == nil {
		deployTimeNamer.Store(nil)
		return
	}
	deployTimeNamer.Store(&f)
}

// DeployTimeError is validationError for problems found as inputs
// resolve: their fields are named by the namer, if one is set.
func DeployTimeError(piece string, p Problems) error {
	if f := deployTimeNamer.Load(); f != nil && len(p) > 0 {
		named := make(Problems, len(p))
		for i, fe := range p {
			named[i] = FieldError{Field: (*f)(piece, fe.Field), Problem: fe.Problem}
		}
		p = named
	}
	return Refusal(piece, p)
}
