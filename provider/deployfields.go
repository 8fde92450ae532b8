package main

import (
	"context"
	"errors"
	"reflect"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// argsOf are the components args types each piece's field paths are in.
var argsOf = map[string]reflect.Type{
	"PrivateFargateService": reflect.TypeFor[components.PrivateFargateServiceArgs](),
	"Network":               reflect.TypeFor[network.NetworkArgs](),
	"LoadBalancer":          reflect.TypeFor[edge.LoadBalancerArgs](),
	"Cluster":               reflect.TypeFor[cluster.ClusterArgs](),
	"WebService":            reflect.TypeFor[service.WebServiceArgs](),
	"Key":                   reflect.TypeFor[key.KeyArgs](),
}

// wireName names a field of a problem found at deploy time, in a value
// that was an Output when Construct ran, by the property the caller wrote,
// as keyed does for the problems found before anything registers:
// "Container.Image" becomes "container.image".
func wireName(piece, field string) string {
	t, ok := argsOf[piece]
	if !ok {
		return field
	}
	return wireField(t, field)
}

func init() {
	components.SetDeployTimeFieldNamer(wireName)
}

// unburied returns a construct's error as the component's own when a
// problem found at deploy time caused it: the SDK wraps it in the chain of
// inputs that waited on the value ("marshaling properties: awaiting input
// property ...: "), which names Go-side plumbing, not what the caller
// wrote.
func unburied(construct func(context.Context, p.ConstructRequest) (p.ConstructResponse, error)) func(context.Context, p.ConstructRequest) (p.ConstructResponse, error) {
	return func(ctx context.Context, req p.ConstructRequest) (p.ConstructResponse, error) {
		resp, err := construct(ctx, req)
		var ve *components.ValidationError
		if err != nil && errors.As(err, &ve) {
			return resp, ve
		}
		return resp, err
	}
}
