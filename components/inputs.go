package components

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// An inputRule checks one value of an input field and returns what is wrong
// it and how to fix it, or "" when it is fine. The same rule runs twice:
// before anything is registered, on a value that is a literal, and at
// deploy time, on a value that was an Output, so both fail with the same
// message.
type inputRule func(v string) string

// checkString applies r to an input whose value is known now. An unknown
// value is checked when it resolves, by checkedString.
func checkString(p *problems, field string, in pulumi.StringInput, r inputRule) {
	if v, ok := literalString(in); ok {
		if msg := r(v); msg != "" {
			p.add(field, "%s", msg)
		}
	}
}

// checkStrings applies r to each element of an array input known now;
// an element's problems name it as field[i].
func checkStrings(p *problems, field string, in pulumi.StringArrayInput, r inputRule) {
	if in == nil {
		return
	}
	if arr, ok := in.(pulumi.StringArray); ok {
		for i, e := range arr {
			checkString(p, fmt.Sprintf("%s[%d]", field, i), e, r)
		}
	}
}

// checkedString resolves to the input's value once it passes r; a value
// that fails it fails the deployment of every resource that takes it, with
// the piece's ValidationError naming the field.
func checkedString(piece, field string, in pulumi.StringInput, r inputRule) pulumi.StringOutput {
	return in.ToStringOutput().ApplyT(func(v string) (string, error) {
		if msg := r(v); msg != "" {
			return "", deployTimeError(piece, problems{{Field: field, Problem: msg}})
		}
		return v, nil
	}).(pulumi.StringOutput)
}

// checkedStrings is checkedString for an array: every element is checked
// and every failing one reported at once. nil resolves to no elements.
func checkedStrings(piece, field string, in pulumi.StringArrayInput, r inputRule) pulumi.StringArrayOutput {
	if in == nil {
		return pulumi.StringArray{}.ToStringArrayOutput()
	}
	return in.ToStringArrayOutput().ApplyT(func(v []string) ([]string, error) {
		var p problems
		for i, s := range v {
			if msg := r(s); msg != "" {
				p.add(fmt.Sprintf("%s[%d]", field, i), "%s", msg)
			}
		}
		if err := deployTimeError(piece, p); err != nil {
			return nil, err
		}
		return v, nil
	}).(pulumi.StringArrayOutput)
}

// knownEmpty tells whether an array input is unset or a literal with no
// elements: the constructor may branch on that, never on an Output's
// length.
func knownEmpty(in pulumi.StringArrayInput) bool {
	if in == nil {
		return true
	}
	arr, ok := in.(pulumi.StringArray)
	return ok && len(arr) == 0
}

// literalString returns the value of an input that is a plain literal.
func literalString(in pulumi.StringInput) (string, bool) {
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
