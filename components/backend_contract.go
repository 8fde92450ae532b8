package components

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// BackendOutput is the stack output a program that makes a backend exports
// for callers in other stacks: its BackendService's ServiceConnect.
const BackendOutput = "serviceConnect"

// AttachBackend reads the contract of a backend another stack made, so a
// service of this stack can call it (WebServiceArgs.Calls,
// BackendServiceArgs.Calls). stack names the backend's stack
// ("acme/orders/prod"), which exports BackendOutput. The backend exists
// already, so the caller waits for nothing; a caller that was running
// before the backend appeared must be redeployed to resolve its name.
func AttachBackend(ctx *pulumi.Context, stack string, opts ...pulumi.ResourceOption) (service.ServiceConnectContract, error) {
	ref, err := pulumi.NewStackReference(ctx, stack, &pulumi.StackReferenceArgs{Name: pulumi.String(stack)}, opts...)
	if err != nil {
		return service.ServiceConnectContract{}, fmt.Errorf("reference backend stack %s: %w", stack, err)
	}
	d, err := ref.GetOutputDetails(BackendOutput)
	if err != nil {
		return service.ServiceConnectContract{}, fmt.Errorf("read output %q of backend stack %s: %w", BackendOutput, stack, err)
	}
	v := d.Value
	if v == nil {
		v = d.SecretValue
	}
	if v == nil {
		return service.ServiceConnectContract{}, fmt.Errorf("backend stack %s has no %q output; deploy the backend there first, exporting its BackendService's ServiceConnect as %q", stack, BackendOutput, BackendOutput)
	}
	c, err := ParseServiceConnectContract(v)
	if err != nil {
		return service.ServiceConnectContract{}, fmt.Errorf("backend stack %s: %w", stack, err)
	}
	return c, nil
}

// ParseServiceConnectContract reads a backend's contract from the object
// its stack exports (a map, or its JSON text), and refuses one that lacks
// what a caller needs, every problem at once.
func ParseServiceConnectContract(v any) (service.ServiceConnectContract, error) {
	var raw struct {
		Name            string   `json:"name"`
		Port            int      `json:"port"`
		AppProtocol     string   `json:"appProtocol"`
		Namespace       string   `json:"namespace"`
		SecurityGroupID string   `json:"securityGroupId"`
		Calls           []string `json:"calls"`
	}
	data, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		if err != nil {
			return service.ServiceConnectContract{}, fmt.Errorf("encode the backend contract: %w", err)
		}
		data = string(b)
	}
	if err := json.Unmarshal([]byte(data), &raw); err != nil {
		return service.ServiceConnectContract{}, fmt.Errorf("the backend contract is not an object of name, port, namespace and securityGroupId: %w", err)
	}
	var p check.Problems
	if raw.Name == "" {
		p.Add("name", "is empty; the backend's discovery name is required")
	}
	p.RangeInt("port", raw.Port, 1, 65535)
	if raw.Namespace == "" {
		p.Add("namespace", "is empty; the namespace the backend is published in is required")
	}
	if !sgIDPattern.MatchString(raw.SecurityGroupID) {
		p.Add("securityGroupId", "%q is not an id like sg-0123456789abcdef0", raw.SecurityGroupID)
	}
	if raw.AppProtocol != "" && !slices.Contains([]string{service.AppProtocolHttp, service.AppProtocolHttp2, service.AppProtocolGrpc}, raw.AppProtocol) {
		p.Add("appProtocol", "%q is not a Service Connect protocol; use http, http2, grpc, or leave it out for tcp", raw.AppProtocol)
	}
	if err := check.Refusal("ServiceConnectContract", p); err != nil {
		return service.ServiceConnectContract{}, err
	}
	return service.ServiceConnectContract{
		Name: raw.Name, Port: raw.Port, AppProtocol: raw.AppProtocol, Namespace: raw.Namespace,
		SecurityGroupId: pulumi.String(raw.SecurityGroupID), Calls: slices.Clone(raw.Calls),
	}, nil
}
