package plan

import (
	"bytes"
	"encoding/json"
)

// JSON renders the whole plan: resources with their type, name, parent,
// inputs and dependencies; the security groups, paths and hops; the
// endpoints; and the cost lines. Keys and lists are sorted, so the same
// stack always gives the same bytes.
func (p *Plan) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
