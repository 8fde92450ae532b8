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
)

// A piece handed to another piece (a Network to a LoadBalancer, a
// Cluster and a LoadBalancer to a WebService) crosses the wire as a
// resource reference: its URN and nothing else. The receiving
// constructor needs more than the piece's outputs: it checks its args
// against the piece's plain facts (the network's region, NAT and endpoint
// set, the cluster's capacity providers and EC2 groups, the load
// balancer's routes) before it registers anything, and it waits for the
// piece's own children. Those live in the Go value the piece's
// constructor returned.
//
// So this provider remembers each piece it builds, by URN, and a
// reference resolves to that very value. Every Construct of one
// deployment goes to the same provider process (the engine starts one
// per package), and the engine sends a reference only once the piece's
// own Construct has returned, so the piece a reference names has always
// been built, and finished, by then. A reference this provider did not
// build (a piece from another provider instance, or one read back with
// its URN alone) is refused by name: see resolve.

// pieceRegistry is what this provider process has built, by URN.
type pieceRegistry struct {
	mu    sync.Mutex
	byURN map[string]pulumi.Resource
}

var pieces = &pieceRegistry{byURN: map[string]pulumi.Resource{}}

// remember records piece under its URN once the engine has given it one,
// which is before the Construct that built it returns: the context waits
// for every apply.
func (r *pieceRegistry) remember(piece pulumi.Resource) {
	piece.URN().ApplyT(func(urn pulumi.URN) pulumi.URN {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.byURN[string(urn)] = piece
		return urn
	})
}

func (r *pieceRegistry) lookup(urn string) pulumi.Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byURN[urn]
}

// pieceRef is a reference to a piece, resolved or not.
type pieceRef interface {
	// resolved is the piece, or nil when this provider did not build it.
	resolved() pulumi.Resource
	refURN() string
}

// NetworkRef is a Network handed to another piece.
type NetworkRef struct{ ref[*components.Network] }

// ClusterRef is a Cluster handed to a WebService.
type ClusterRef struct{ ref[*components.Cluster] }

// LoadBalancerRef is a LoadBalancer handed to a WebService.
type LoadBalancerRef struct{ ref[*components.LoadBalancer] }

// GetToken makes the schema reference the Network resource.
func (NetworkRef) GetToken() (tokens.Type, error) { return "pkg:index:Network", nil }

// GetToken makes the schema reference the Cluster resource.
func (ClusterRef) GetToken() (tokens.Type, error) { return "pkg:index:Cluster", nil }

// GetToken makes the schema reference the LoadBalancer resource.
func (LoadBalancerRef) GetToken() (tokens.Type, error) { return "pkg:index:LoadBalancer", nil }

// ref holds what a reference resolved to. It embeds a ResourceState
// only so that the SDK, which unmarshals a reference into a
// pulumi.Resource, can hand it over; nothing uses it as a resource. The
// pointer keeps the methods infer calls on values free of its lock.
type ref[P pulumi.Resource] struct {
	*pulumi.ResourceState
	urn   string
	piece P
	found bool
}

// GetSchema is never called: a reference's schema is the resource's own.
// It completes schema.Resource, which makes infer write a $ref.
func (ref[P]) GetSchema(schema.RegisterDerivativeType) (pschema.ResourceSpec, error) {
	return pschema.ResourceSpec{}, nil
}

func (r ref[P]) resolved() pulumi.Resource {
	if !r.found {
		return nil
	}
	return r.piece
}

func (r ref[P]) refURN() string { return r.urn }

func resolveRef[P pulumi.Resource](urn string) ref[P] {
	p, ok := pieces.lookup(urn).(P)
	return ref[P]{ResourceState: &pulumi.ResourceState{}, urn: urn, piece: p, found: ok}
}

// pieceModule turns the references the SDK unmarshals in Construct
// inputs into NetworkRef, ClusterRef and LoadBalancerRef.
type pieceModule struct{ version semver.Version }

func (m pieceModule) Version() semver.Version { return m.version }

func (m pieceModule) Construct(_ *pulumi.Context, _, typ, urn string) (pulumi.Resource, error) {
	switch typ {
	case components.NetworkType:
		return &NetworkRef{resolveRef[*components.Network](urn)}, nil
	case components.ClusterType:
		return &ClusterRef{resolveRef[*components.Cluster](urn)}, nil
	case components.LoadBalancerType:
		return &LoadBalancerRef{resolveRef[*components.LoadBalancer](urn)}, nil
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
var refKinds = map[string]string{"network": "Network", "cluster": "Cluster", "loadBalancer": "LoadBalancer", "loadBalancers": "LoadBalancer"}
