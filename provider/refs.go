package main

import (
	"fmt"
	"strings"
	"sync"

	"github.com/blang/semver"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/pulumi/pulumi-go-provider/middleware/schema"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// A piece handed to another piece (a Network to a LoadBalancer or a
// Cluster, a LoadBalancer to a Cluster, all three to a WebService) crosses
// the wire as a resource reference: its URN and nothing else. The
// receiving constructor takes the piece's data contract, as it does in a
// Go program: the ids it builds on, as Outputs that resolve only once
// what it must wait for exists (the private subnets once the endpoints
// and routes do, the cluster once its capacity providers are
// associated), and the plain facts it checks its args against before it
// registers anything (the network's region and endpoints, the cluster's
// capacity, the load balancer's routes and priority blocks).
//
// The engine cannot hand those over: a reference carries a URN, and a
// component's outputs are unknown at preview, when the facts are needed.
// So the provider remembers the contract of each piece it builds, by URN,
// in its deployment (construct.go), and a reference resolves to that
// contract when the constructor that takes it runs: never to the piece
// itself, whose fields nothing else reads or writes. Every Construct of
// one deployment goes to the same provider (the engine starts one per
// package), and the engine sends a reference only once the piece's own
// Construct has returned, so the contract a reference names has always
// been recorded by then. A reference this provider did not build
// (a piece from another provider instance, or one read back with its URN
// alone) is refused by name: see unresolvedRefs. A piece another program
// built is attached through its contract instead (a WebService's
// platform).

// pieceRegistry holds the contracts of the pieces a deployment has built,
// by URN: a network.NetworkContract, LoadBalancerContract or
// ClusterContract.
type pieceRegistry struct {
	mu    sync.Mutex
	byURN map[string]any
}

// remember records the contract of piece under its URN once the engine
// has given it one, which is before the Construct that built it returns:
// the context waits for every apply. A component no piece takes (a
// WebService, a Key) has no contract and is not recorded.
func (r *pieceRegistry) remember(piece pulumi.Resource) {
	var contract any
	switch p := piece.(type) {
	case network.NetworkSource:
		contract = p.NetworkContract()
	case edge.LoadBalancerSource:
		contract = p.LoadBalancerContract()
	case cluster.ClusterSource:
		contract = p.ClusterContract()
	case service.ServiceConnectSource:
		contract = p.ServiceConnectContract()
	default:
		return
	}
	piece.URN().ApplyT(func(urn pulumi.URN) pulumi.URN {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.byURN[string(urn)] = contract
		return urn
	})
}

func (r *pieceRegistry) lookup(urn string) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byURN[urn]
}

// pieceRef is a reference to a piece, resolved or not.
type pieceRef interface {
	// resolve looks the piece's contract up among the pieces built.
	resolve(*pieceRegistry)
	// resolved is the piece's contract, or nil when it is not among them.
	resolved() any
	refURN() string
}

// NetworkRef is a Network handed to another piece.
type NetworkRef struct {
	ref[network.NetworkContract]
}

// ClusterRef is a Cluster handed to a WebService.
type ClusterRef struct {
	ref[cluster.ClusterContract]
}

// LoadBalancerRef is a LoadBalancer handed to a Cluster or a WebService.
type LoadBalancerRef struct {
	ref[edge.LoadBalancerContract]
}

// BackendServiceRef is a BackendService a service calls.
type BackendServiceRef struct {
	ref[service.ServiceConnectContract]
}

// GetToken makes the schema reference the BackendService resource.
func (BackendServiceRef) GetToken() (tokens.Type, error) { return "pkg:index:BackendService", nil }

// GetToken makes the schema reference the Network resource.
func (NetworkRef) GetToken() (tokens.Type, error) { return "pkg:index:Network", nil }

// GetToken makes the schema reference the Cluster resource.
func (ClusterRef) GetToken() (tokens.Type, error) { return "pkg:index:Cluster", nil }

// GetToken makes the schema reference the LoadBalancer resource.
func (LoadBalancerRef) GetToken() (tokens.Type, error) { return "pkg:index:LoadBalancer", nil }

// ref holds the contract a reference resolved to. It embeds a
// ResourceState only so that the SDK, which unmarshals a reference into a
// pulumi.Resource, can hand it over; nothing uses it as a resource. The
// pointer keeps the methods infer calls on values free of its lock.
type ref[C any] struct {
	*pulumi.ResourceState
	urn      string
	contract C
	found    bool
}

// GetSchema is never called: a reference's schema is the resource's own.
// It completes schema.Resource, which makes infer write a $ref.
func (ref[C]) GetSchema(schema.RegisterDerivativeType) (pschema.ResourceSpec, error) {
	return pschema.ResourceSpec{}, nil
}

func (r ref[C]) resolved() any {
	if !r.found {
		return nil
	}
	return r.contract
}

func (r ref[C]) refURN() string { return r.urn }

func (r *ref[C]) resolve(pieces *pieceRegistry) {
	r.contract, r.found = pieces.lookup(r.urn).(C)
}

// unresolved is a reference to urn, to resolve in the constructor that
// takes it.
func unresolved[C any](urn string) ref[C] {
	return ref[C]{ResourceState: &pulumi.ResourceState{}, urn: urn}
}

// pieceModule turns the references the SDK unmarshals in Construct
// inputs into NetworkRef, ClusterRef and LoadBalancerRef, unresolved: the
// SDK's module registry is the process's, the contracts are the
// deployment's.
type pieceModule struct{ version semver.Version }

func (m pieceModule) Version() semver.Version { return m.version }

func (m pieceModule) Construct(_ *pulumi.Context, _, typ, urn string) (pulumi.Resource, error) {
	switch typ {
	case network.NetworkType:
		return &NetworkRef{unresolved[network.NetworkContract](urn)}, nil
	case cluster.ClusterType:
		return &ClusterRef{unresolved[cluster.ClusterContract](urn)}, nil
	case edge.LoadBalancerType:
		return &LoadBalancerRef{unresolved[edge.LoadBalancerContract](urn)}, nil
	case service.BackendServiceType:
		return &BackendServiceRef{unresolved[service.ServiceConnectContract](urn)}, nil
	default:
		return nil, fmt.Errorf("%s is a %s, which no input of this package takes", urn, typ)
	}
}

var registerModule sync.Once

// registerPieceModule registers pieceModule with the SDK once per process,
// for references that carry this package's major version (or none).
func registerPieceModule(version semver.Version) {
	registerModule.Do(func() {
		pulumi.RegisterResourceModule(Name, "index", pieceModule{version: version})
	})
}

// unresolvedRefs names each reference in refs (by property) that this
// provider did not build, as validation problems.
func unresolvedRefs(piece string, refs map[string]pieceRef) error {
	var p []components.FieldError
	for _, key := range sortedKeys(refs) {
		r := refs[key]
		if r == nil || r.resolved() != nil {
			continue
		}
		property, _, _ := strings.Cut(key, "[")
		p = append(p, components.FieldError{
			Field: key,
			Problem: fmt.Sprintf("%s was not built by this provider in this deployment; pass a %s that the same program creates",
				r.refURN(), refKinds[property]),
		})
	}
	if len(p) == 0 {
		return nil
	}
	return &components.ValidationError{Piece: piece, Problems: p}
}

// refKinds names the piece each reference property takes; a list's
// items ("loadBalancers[0]") take the list's.
var refKinds = map[string]string{"network": "Network", "cluster": "Cluster", "loadBalancer": "LoadBalancer", "loadBalancers": "LoadBalancer", "calls": "BackendService"}
