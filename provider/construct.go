package main

import (
	"fmt"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The constructors Construct calls: each turns the wire args into the
// components args and calls the components constructor of the same name.
// The components own every resource, default and check; these only
// adapt. A validation error comes back keyed by the properties the caller
// set (see keyed), and nothing is registered.

// deployment is what the Constructs of one provider share: one provider
// serves one deployment (the engine starts one per package), so this is
// the deployment's. It holds the contracts of the pieces built so far, for
// the references later Constructs are given, and is the scope the
// services keep their listener rule claims in. Nothing else is shared:
// constructors run at once when the engine constructs pieces in parallel,
// none writes into another piece, and a contract is read, never changed.
type deployment struct {
	pieces *pieceRegistry
}

func newDeployment() *deployment {
	return &deployment{pieces: &pieceRegistry{byURN: map[string]any{}}}
}

func (d *deployment) newPrivateFargateService(ctx *pulumi.Context, name string, args PrivateFargateServiceArgs,
	opts ...pulumi.ResourceOption,
) (*components.PrivateFargateService, error) {
	return build(d, ctx, name, args, components.NewPrivateFargateService, nil, opts)
}

func (d *deployment) newNetwork(ctx *pulumi.Context, name string, args NetworkArgs,
	opts ...pulumi.ResourceOption,
) (*network.Network, error) {
	return build(d, ctx, name, args, network.NewNetwork, nil, opts)
}

func (d *deployment) newLoadBalancer(ctx *pulumi.Context, name string, args LoadBalancerArgs,
	opts ...pulumi.ResourceOption,
) (*edge.LoadBalancer, error) {
	return build(d, ctx, name, args, edge.NewLoadBalancer, refsOf("network", args.Network), opts)
}

func (d *deployment) newCluster(ctx *pulumi.Context, name string, args ClusterArgs,
	opts ...pulumi.ResourceOption,
) (*cluster.Cluster, error) {
	refs := refsOf("network", args.Network)
	for i, lb := range args.LoadBalancers {
		for k, v := range refsOf(fmt.Sprintf("loadBalancers[%d]", i), lb) {
			refs[k] = v
		}
	}
	return build(d, ctx, name, args, cluster.NewCluster, refs, opts)
}

func (d *deployment) newKey(ctx *pulumi.Context, name string, args KeyArgs,
	opts ...pulumi.ResourceOption,
) (*key.Key, error) {
	return build(d, ctx, name, args, key.NewKey, nil, opts)
}

func (d *deployment) newPlatform(ctx *pulumi.Context, name string, args PlatformArgs,
	opts ...pulumi.ResourceOption,
) (*components.Platform, error) {
	return build(d, ctx, name, args, components.NewPlatform, nil, opts)
}

// newWebService builds a service on the pieces of this deployment, or on
// a platform contract. Its listener rule priority is claimed in the
// deployment's scope, so two services of the deployment that take the
// same priority are refused as in one Go program.
func (d *deployment) newWebService(ctx *pulumi.Context, name string, args WebServiceArgs,
	opts ...pulumi.ResourceOption,
) (*service.WebService, error) {
	service.ShareRuleClaims(ctx, d)
	if args.Platform != nil {
		return newWebServiceOnPlatform(ctx, name, args, opts)
	}
	if p := checkPieces(args); len(p) > 0 {
		return nil, &components.ValidationError{Piece: "WebService", Problems: p}
	}
	refs := networkAndCluster(args.Network, args.Cluster)
	for k, v := range refsOf("loadBalancer", args.LoadBalancer) {
		refs[k] = v
	}
	for k, v := range callRefs(args.Calls) {
		refs[k] = v
	}
	return build(d, ctx, name, args, service.NewWebService, refs, opts)
}

// newBackendService builds a backend on the pieces of this deployment.
func (d *deployment) newBackendService(ctx *pulumi.Context, name string, args BackendServiceArgs,
	opts ...pulumi.ResourceOption,
) (*service.BackendService, error) {
	return build(d, ctx, name, args, service.NewBackendService, networkAndCluster(args.Network, args.Cluster), opts)
}

// newScheduledJob builds a job on the pieces of this deployment.
func (d *deployment) newScheduledJob(ctx *pulumi.Context, name string, args ScheduledJobArgs,
	opts ...pulumi.ResourceOption,
) (*service.ScheduledJob, error) {
	return build(d, ctx, name, args, service.NewScheduledJob, networkAndCluster(args.Network, args.Cluster), opts)
}

// newWorkerService builds a worker on the pieces of this deployment.
func (d *deployment) newWorkerService(ctx *pulumi.Context, name string, args WorkerServiceArgs,
	opts ...pulumi.ResourceOption,
) (*service.WorkerService, error) {
	return build(d, ctx, name, args, service.NewWorkerService, networkAndCluster(args.Network, args.Cluster), opts)
}

// networkAndCluster lists the network and cluster a workload runs on, by
// property, those that were given.
func networkAndCluster(network *NetworkRef, cluster *ClusterRef) map[string]pieceRef {
	refs := refsOf("network", network)
	for k, v := range refsOf("cluster", cluster) {
		refs[k] = v
	}
	return refs
}

// callRefs lists the backends a service calls, by property.
func callRefs(calls []*BackendServiceRef) map[string]pieceRef {
	refs := map[string]pieceRef{}
	for i, c := range calls {
		for k, v := range refsOf(fmt.Sprintf("calls[%d]", i), c) {
			refs[k] = v
		}
	}
	return refs
}

// build resolves the references in refs to the contracts of the pieces
// this deployment built, refuses those it did not build, converts wire
// into the components args A, calls newPiece, and remembers the result's
// contract for the pieces that take it.
func build[W, A any, C pulumi.ComponentResource](d *deployment, ctx *pulumi.Context, name string, wire W,
	newPiece func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (C, error),
	refs map[string]pieceRef, opts []pulumi.ResourceOption,
) (C, error) {
	var zero C
	piece := reflect.TypeFor[C]().Elem().Name()
	for _, r := range refs {
		r.resolve(d.pieces)
	}
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
	d.pieces.remember(c)
	return c, nil
}

// refsOf lists a reference under its property, if it was given.
func refsOf[R pieceRef](key string, r R) map[string]pieceRef {
	if reflect.ValueOf(r).IsNil() {
		return map[string]pieceRef{}
	}
	return map[string]pieceRef{key: r}
}
