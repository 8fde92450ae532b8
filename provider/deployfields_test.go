package main

import (
	"reflect"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// A value that is an Output when Construct runs (here a secret, as an
// image or key ARN built from another resource's output would be) is
// checked when it resolves, during the deploy. Its problem names the
// property the caller wrote (container.image, kmsKeyArn), not the Go
// field (Container.Image, KmsKeyArn), with the same message as the
// check of the same value given as a literal.
func TestDeployTimeProblemsNameTheWireProperty(t *testing.T) {
	files, name, args := devStack(t)
	region := files.Config["aws:region"]
	tests := []struct {
		name   string
		change func(a *components.PrivateFargateServiceArgs)
		// path is the property, as a path into the wire inputs, made an
		// Output; field is what the problem must name.
		path  []string
		field string
	}{
		{"an image no task can pull", func(a *components.PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("nginx:latest")
		}, []string{"container", "image"}, "container.image"},
		{"a key that is not a KMS key ARN", func(a *components.PrivateFargateServiceArgs) {
			a.Kms = &components.KmsArgs{KeyArn: pulumi.String("alias/mine")}
		}, []string{"kms", "keyArn"}, "kms.keyArn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := args
			tt.change(&a)

			// The literal check's message, keyed as the wire keys it.
			var goErr error
			_ = pulumi.RunErr(func(ctx *pulumi.Context) error {
				_, goErr = components.NewPrivateFargateService(ctx, name, &a)
				return nil
			}, files.RunOption(awsmock.New(region)))
			if goErr == nil {
				t.Fatal("the Go program took the literal value")
			}
			literal := keyed(goErr, reflect.TypeFor[components.PrivateFargateServiceArgs]()).Error()
			line := ""
			for _, l := range strings.Split(literal, "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), tt.field+": ") {
					line = strings.TrimSpace(l)
				}
			}
			if line == "" {
				t.Fatalf("the literal check does not name %s:\n%s", tt.field, literal)
			}

			inputs := asOutput(wireInputs(t, a), tt.path)
			wire := awsmock.New(region)
			s := newServer(t, harnessMocks{wire})
			_, err := construct(s, files.Project, files.Stack, components.PrivateFargateServiceType, name, inputs)
			if err == nil {
				t.Fatalf("Construct took %s as an Output", tt.field)
			}
			if !strings.Contains(err.Error(), line) {
				t.Errorf("deploy-time error:\n%v\nwant the literal check's problem:\n%s", err, line)
			}
			if strings.Contains(err.Error(), "awaiting input property") {
				t.Errorf("deploy-time error is buried in the SDK's wrapping:\n%v", err)
			}
			for _, goName := range []string{"Container.Image", "KmsKeyArn:"} {
				if strings.Contains(err.Error(), goName) {
					t.Errorf("deploy-time error names the Go field %s:\n%v", goName, err)
				}
			}
		})
	}
}

// asOutput marks the value at path secret, which makes it an Output on
// the components' side.
func asOutput(m property.Map, path []string) property.Map {
	inner := m.AsMap()
	if len(path) == 1 {
		inner[path[0]] = inner[path[0]].WithSecret(true)
	} else {
		inner[path[0]] = property.New(asOutput(inner[path[0]].AsMap(), path[1:]))
	}
	return property.NewMap(inner)
}

// A piece names its own property: the web service's kmsKeyArn, given as
// an Output that resolves to an alias, fails the deploy with
// "kmsKeyArn: ..." and the literal check's message.
func TestDeployTimeProblemOfAPieceNamesItsProperty(t *testing.T) {
	web := platformServices()[0].args
	web.KmsKeyArn = pulumi.String("alias/mine")
	var goErr error
	goProgram(t, func(ctx *pulumi.Context) error {
		net, lb, cl, err := goPieces(ctx, platformNetwork())
		if err != nil {
			return err
		}
		args := web
		args.Network, args.Cluster, args.LoadBalancer = net, cl, lb
		_, goErr = service.NewWebService(ctx, "web", &args)
		return nil
	})
	literal := keyed(goErr, reflect.TypeFor[service.WebServiceArgs]()).Error()
	if !strings.Contains(literal, "\n  kmsKeyArn: ") {
		t.Fatalf("the literal check does not name kmsKeyArn:\n%s", literal)
	}
	problem := literal[strings.Index(literal, "kmsKeyArn: "):]

	s, _ := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, platformNetwork()))
	refs := map[string]p.ConstructResponse{"network": net}
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", withRefs(wireInputs(t, platformCluster()), refs))
	inputs := asOutput(wireInputs(t, web), []string{"kmsKeyArn"})
	_, err := construct(s, project, stack, service.WebServiceType, "web",
		withRefs(inputs, map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}))
	if err == nil || !strings.Contains(err.Error(), problem) || strings.Contains(err.Error(), "KmsKeyArn") || strings.Contains(err.Error(), "awaiting input") {
		t.Errorf("deploy-time error:\n%v\nwant the literal check's problem, by the wire name and unwrapped:\n%s", err, problem)
	}
}
