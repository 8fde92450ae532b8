package piece

import (
	"encoding/json"
	"slices"
)

// PolicyDocument is an IAM policy document. Its fields marshal in a fixed
// order, so the JSON is stable and tests can compare it exactly.
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one IAM policy statement.
type Statement struct {
	Sid       string            `json:"Sid,omitempty"`
	Effect    string            `json:"Effect"`
	Principal map[string]string `json:"Principal,omitempty"`
	Action    []string          `json:"Action"`
	Resource  []string          `json:"Resource,omitempty"`
	// Condition maps an operator to its keys and values.
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// JSON renders the document.
func (d PolicyDocument) JSON() string {
	out, _ := json.Marshal(d) // only strings and slices: always marshals
	return string(out)
}

// AssumeRolePolicy lets service (such as "ecs-tasks.amazonaws.com") assume
// the role.
func AssumeRolePolicy(service string) string {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []Statement{{
			Effect:    "Allow",
			Principal: map[string]string{"Service": service},
			Action:    []string{"sts:AssumeRole"},
		}},
	}.JSON()
}

func UniqueSorted(v []string) []string {
	out := slices.Clone(v)
	slices.Sort(out)
	return slices.Compact(out)
}
