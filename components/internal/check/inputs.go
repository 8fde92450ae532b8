package check

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// An inputRule checks one value of an input field and returns what is wrong
// it and how to fix it, or "" when it is fine. The same rule runs twice:
// before anything is registered, on a value that is a literal, and at
// deploy time, on a value that was an Output, so both fail with the same
// message.
type InputRule func(v string) string

// CheckString applies r to an input whose value is known now. An unknown
// value is checked when it resolves, by checkedString.
func CheckString(p *Problems, field string, in pulumi.StringInput, r InputRule) {
	if v, ok := LiteralString(in); ok {
		if msg := r(v); msg != "" {
			p.Add(field, "%s", msg)
		}
	}
}

// CheckStrings applies r to each element of an array input known now;
// an element's problems name it as field[i].
func CheckStrings(p *Problems, field string, in pulumi.StringArrayInput, r InputRule) {
	if in == nil {
		return
	}
	if arr, ok := in.(pulumi.StringArray); ok {
		for i, e := range arr {
			CheckString(p, fmt.Sprintf("%s[%d]", field, i), e, r)
		}
	}
}

// CheckedString resolves to the input's value once it passes r; a value
// that fails it fails the deployment of every resource that takes it, with
// the piece's ValidationError naming the field.
func CheckedString(piece, field string, in pulumi.StringInput, r InputRule) pulumi.StringOutput {
	return in.ToStringOutput().ApplyT(func(v string) (string, error) {
		if msg := r(v); msg != "" {
			return "", DeployTimeError(piece, Problems{{Field: field, Problem: msg}})
		}
		return v, nil
	}).(pulumi.StringOutput)
}

// CheckedStrings is checkedString for an array: every element is checked
// and every failing one reported at once. nil resolves to no elements.
func CheckedStrings(piece, field string, in pulumi.StringArrayInput, r InputRule) pulumi.StringArrayOutput {
	if in == nil {
		return pulumi.StringArray{}.ToStringArrayOutput()
	}
	return in.ToStringArrayOutput().ApplyT(func(v []string) ([]string, error) {
		var p Problems
		for i, s := range v {
			if msg := r(s); msg != "" {
				p.Add(fmt.Sprintf("%s[%d]", field, i), "%s", msg)
			}
		}
		if err := DeployTimeError(piece, p); err != nil {
			return nil, err
		}
		return v, nil
	}).(pulumi.StringArrayOutput)
}

// KnownEmpty tells whether an array input is unset or a literal with no
// elements: the constructor may branch on that, never on an Output's
// length.
func KnownEmpty(in pulumi.StringArrayInput) bool {
	if in == nil {
		return true
	}
	arr, ok := in.(pulumi.StringArray)
	return ok && len(arr) == 0
}

// LiteralString returns the value of an input that is a plain literal.
func LiteralString(in pulumi.StringInput) (string, bool) {
	switch v := in.(type) {
	case pulumi.String:
		return string(v), true
	case *pulumi.String:
		if v != nil {
			return string(*v), true
		}
	}
	return "", false
}
