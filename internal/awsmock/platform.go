package awsmock

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// ListenerRule is a rule a live listener already holds.
type ListenerRule struct {
	ListenerArn string
	Priority    int
	Arn         string
	Tags        map[string]string
}

// lookupListenerRule answers lb.LookupListenerRule by listener and
// priority.
func (m *Mocks) lookupListenerRule(args resource.PropertyMap) (resource.PropertyMap, error) {
	listener := stringArg(args, "listenerArn")
	priority := 0
	if v, ok := args["priority"]; ok && v.IsNumber() {
		priority = int(v.NumberValue())
	}
	for _, r := range m.ListenerRules {
		if r.ListenerArn == listener && r.Priority == priority {
			tags := map[string]any{}
			for k, v := range r.Tags {
				tags[k] = v
			}
			return resource.NewPropertyMapFromMap(map[string]any{
				"arn": r.Arn, "id": r.Arn, "listenerArn": listener, "priority": priority, "tags": tags,
			}), nil
		}
	}
	return nil, fmt.Errorf("reading ELBv2 Listener Rule (listener %s, priority %d): empty result", listener, priority)
}

// stackReference gives a StackReference the outputs of the stack it
// names, as the engine reads them.
func (m *Mocks) stackReference(r *Resource) {
	name := r.Name
	if v, ok := r.Inputs["name"]; ok && v.IsString() {
		name = v.StringValue()
	}
	r.Outputs["name"] = resource.NewProperty(name)
	r.Outputs["outputs"] = resource.NewObjectProperty(resource.NewPropertyMapFromMap(m.StackOutputs[name]))
	r.Outputs["secretOutputNames"] = resource.NewArrayProperty(nil)
}
