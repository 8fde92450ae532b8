package wireargs

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Each components field type becomes the wire type infer reads, and a
// type no rule covers is refused by its path, never guessed.
func TestExprMapsEachComponentsType(t *testing.T) {
	tests := []struct {
		name    string
		give    reflect.Type
		opt     bool
		want    string
		wantErr string
	}{
		{name: "a plain string", give: reflect.TypeFor[string](), want: "string"},
		{name: "an optional plain int stays a pointer", give: reflect.TypeFor[*int](), want: "*int"},
		{name: "an input", give: reflect.TypeFor[pulumi.StringInput](), want: "pulumi.StringInput"},
		{name: "an array input", give: reflect.TypeFor[pulumi.StringArrayInput](), want: "pulumi.StringArrayInput"},
		{name: "a StringMap as a plain map of inputs", give: reflect.TypeFor[pulumi.StringMap](), want: "map[string]pulumi.StringInput"},
		{name: "a StringArray as a plain list of inputs", give: reflect.TypeFor[pulumi.StringArray](), want: "[]pulumi.StringInput"},
		{name: "a piece as a reference", give: reflect.TypeFor[network.NetworkSource](), want: "*NetworkRef"},
		{name: "pieces as references", give: reflect.TypeFor[[]edge.LoadBalancerSource](), want: "[]*LoadBalancerRef"},
		{name: "a required object", give: reflect.TypeFor[service.ContainerArgs](), want: "Container"},
		{name: "an optional object is a pointer", give: reflect.TypeFor[edge.IngressArgs](), opt: true, want: "*Ingress"},
		{name: "a renamed object", give: reflect.TypeFor[service.ServiceArgs](), opt: true, want: "*EcsService"},
		{name: "a named string needs an enum rule", give: reflect.TypeFor[network.NatMode](), wantErr: "x: no rule for a network.NatMode"},
		{name: "an output is not an input to mirror", give: reflect.TypeFor[pulumi.StringOutput](), wantErr: "x: pulumi.StringOutput is not a components type"},
		{name: "a map with other keys", give: reflect.TypeFor[map[int]string](), wantErr: "x: no rule for a map[int]string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGen()
			got := g.expr(tt.give, tt.opt, "x")
			var errs []string
			for _, err := range g.errs {
				errs = append(errs, err.Error())
			}
			if tt.wantErr != "" {
				if !strings.Contains(strings.Join(errs, "\n"), tt.wantErr) {
					t.Errorf("expr(%s): errors %q, want one containing %q", tt.give, errs, tt.wantErr)
				}
				return
			}
			if len(errs) > 0 || got != tt.want {
				t.Errorf("expr(%s) = %q, errors %q; want %q", tt.give, got, errs, tt.want)
			}
		})
	}
}

// A rule that matches no field fails the generator, so the rules cannot
// outlive the fields they were written for.
func TestStaleRuleFailsTheGenerator(t *testing.T) {
	enums["TaskArgs.gone"] = "Architecture"
	defer delete(enums, "TaskArgs.gone")
	_, err := Source("main")
	if err == nil || !strings.Contains(err.Error(), "the enum rule for TaskArgs.gone matches no field") {
		t.Errorf("Source with a stale enum rule: %v, want the rule named", err)
	}
}
