package main

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// The constructors Construct calls: each turns the wire args into the
// components args and calls the components constructor of the same name.
// The components own every resource, default and check; these only
// adapt. A validation error comes back keyed by the properties the caller
// set (see keyed), and nothing is registered.

func newPrivateFargateService(ctx *pulumi.Context, name string, args PrivateFargateServiceArgs,
	opts ...pulumi.ResourceOption,
) (*components.PrivateFargateService, error) {
	return build(ctx, name, args, components.NewPrivateFargateService, nil, opts)
}

func newNetwork(ctx *pulumi.Context, name string, args NetworkArgs,
	opts ...pulumi.ResourceOption,
) (*components.Network, error) {
	return build(ctx, name, args, components.NewNetwork, nil, opts)
}

func newLoadBalancer(ctx *pulumi.Context, name string, args LoadBalancerArgs,
	opts ...pulumi.ResourceOption,
) (*components.LoadBalancer, error) {
	return build(ctx, name, args, components.NewLoadBalancer, refsOf("network", args.Network), opts)
}

func newCluster(ctx *pulumi.Context, name string, args ClusterArgs,
	opts ...pulumi.ResourceOption,
) (*components.Cluster, error) {
	refs := refsOf("network", args.Network)
	for i, lb := range args.LoadBalancers {
		for k, v := range refsOf(fmt.Sprintf("loadBalancers[%d]", i), lb) {
			refs[k] = v
		}
	}
	return build(ctx, name, args, components.NewCluster, refs, opts)
}

func newKey(ctx *pulumi.Context, name string, args KeyArgs,
	opts ...pulumi.ResourceOption,
) (*components.Key, error) {
	return build(ctx, name, args, components.NewKey, nil, opts)
}

func newPlatform(ctx *pulumi.Context, name string, args PlatformArgs,
	opts ...pulumi.ResourceOption,
) (*components.Platform, error) {
	return build(ctx, name, args, components.NewPlatform, nil, opts)
}

// webServices serializes the WebService constructors: a bridge-mode
// service records the instance rules it made on its LoadBalancer for the
// group's next service, and the engine may construct two services at
// once.
var webServices sync.Mutex

func newWebService(ctx *pulumi.Context, name string, args WebServiceArgs,
	opts ...pulumi.ResourceOption,
) (*components.WebService, error) {
	webServices.Lock()
	defer webServices.Unlock()
	if args.Platform != nil {
		return newWebServiceOnPlatform(ctx, name, args, opts)
	}
	if p := checkPieces(args); len(p) > 0 {
		return nil, &components.ValidationError{Piece: "WebService", Problems: p}
	}
	refs := refsOf("network", args.Network)
	for k, v := range refsOf("cluster", args.Cluster) {
		refs[k] = v
	}
	for k, v := range refsOf("loadBalancer", args.LoadBalancer) {
		refs[k] = v
	}
	return build(ctx, name, args, components.NewWebService, refs, opts)
}

// build converts wire into the components args A, refuses references this
// provider did not build, calls newPiece, and remembers the result for
// the pieces that take it.
func build[W, A any, C pulumi.ComponentResource](ctx *pulumi.Context, name string, wire W,
	newPiece func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (C, error),
	refs map[string]pieceRef, opts []pulumi.ResourceOption,
) (C, error) {
	var zero C
	piece := reflect.TypeFor[C]().Elem().Name()
	if err := unresolvedRefs(piece, refs); err != nil {
		return zero, err
	}
	var args A
	if err := convert(&args, wire); err != nil {
		return zero, err
	}
	c, err := newPiece(ctx, name, &args, opts...)
	if err != nil {
		return zero, keyed(err, reflect.TypeFor[A]())
	}
	pieces.remember(c)
	return c, nil
}

// refsOf lists a reference under its property, if it was given.
func refsOf[R pieceRef](key string, r R) map[string]pieceRef {
	if reflect.ValueOf(r).IsNil() {
		return map[string]pieceRef{}
	}
	return map[string]pieceRef{key: r}
}
