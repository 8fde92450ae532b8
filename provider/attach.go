package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// A WebService over the wire runs on the pieces of its own program
// (network, cluster and loadBalancer, references to pieces this provider
// built) or on a platform another program made: platform, the contract
// that program's stack exports, and loadBalancerName, one of its load
// balancers. The contract is read and checked, and the service's args
// checked against it, before anything registers, as NewWebService does
// with the contract in a Go program.
//
// How the contract arrives. A program passes the platform stack's output
// straight through, in TypeScript
// `new pulumi.StackReference(stack).requireOutput("platform")`. The
// Node.js SDK sends an Output given to a component of a package
// (remote) as an output value when the engine supports output values,
// which it does: {value, secret, dependencies: [the StackReference's
// URN]}, the value left out when it is unknown. The engine hands those
// inputs to Construct as they are. A StackReference is read during
// preview as during an update, so the value is known whenever the
// platform stack exists and exports "platform"; it is unknown when the
// stack name itself is unknown, or when the contract is the output of a
// Platform in the same program that is not deployed yet. (A missing
// output fails in the program: requireOutput throws.)
//
// The Go SDK copies a known output value with dependencies, or a secret,
// only into an Input-typed field, and platform is a plain Go value (the
// service branches on it; the schema offers it as an input only so that
// an Output type-checks, see inputInSchema), so Construct would fail with
// the SDK's own words. plainPlatform therefore takes the value out of its
// output wrapper first. The dependency is on a read that has already
// happened; for a Platform of the same program, the value is known only
// once the platform's resources exist, so creation order holds, but the
// service's children record no dependency on them (the service itself
// does, from the request), so keep a platform and its services in stacks
// of their own, as intended. Secrecy is dropped as AttachPlatform drops
// it in Go (the contract holds ids and ARNs, not credentials). An unknown
// contract is refused by name, before anything registers: a service
// cannot check itself against a platform it cannot see. A value read with
// getOutputDetails or requireOutputValue, or a literal, arrives plain.

// plainPlatform returns req's inputs with a WebService's platform input
// taken out of its output wrapper (secret, dependencies), or refuses it
// when any part of it is unknown.
func plainPlatform(req p.ConstructRequest) (property.Map, error) {
	if string(req.Urn.Type()) != service.WebServiceType {
		return req.Inputs, nil
	}
	v, ok := req.Inputs.GetOk("platform")
	if !ok {
		return req.Inputs, nil
	}
	if v.HasComputed() {
		return property.Map{}, &components.ValidationError{Piece: "WebService", Problems: []components.FieldError{{
			Field: "platform",
			Problem: "the platform contract is not known yet, so the service cannot be checked against it; " +
				"it is unknown when it is the contract output of a Platform in this program that is not deployed yet, " +
				"or a StackReference's output whose stack name is not known at preview. " +
				"Deploy the platform from its own program and pass its stack's output " +
				"(new pulumi.StackReference(\"<org>/<platform project>/<stack>\").requireOutput(\"platform\")), " +
				"or build the service on this program's network, cluster and loadBalancer",
		}}}
	}
	return req.Inputs.Set("platform", plainValue(v)), nil
}

// plainValue is v with no secret marks and no dependencies, at any depth.
func plainValue(v property.Value) property.Value {
	v = v.WithSecret(false).WithDependencies(nil)
	switch {
	case v.IsMap():
		m := map[string]property.Value{}
		for k, e := range v.AsMap().All {
			m[k] = plainValue(e)
		}
		return property.New(m)
	case v.IsArray():
		a := make([]property.Value, 0, v.AsArray().Len())
		for _, e := range v.AsArray().All {
			a = append(a, plainValue(e))
		}
		return property.New(a)
	}
	return v
}

// withPlainPlatform wraps a provider's Construct with plainPlatform.
func withPlainPlatform(construct func(context.Context, p.ConstructRequest) (p.ConstructResponse, error),
) func(context.Context, p.ConstructRequest) (p.ConstructResponse, error) {
	return func(ctx context.Context, req p.ConstructRequest) (p.ConstructResponse, error) {
		inputs, err := plainPlatform(req)
		if err != nil {
			return p.ConstructResponse{}, err
		}
		req.Inputs = inputs
		return construct(ctx, req)
	}
}

// newWebServiceOnPlatform builds a WebService on the platform contract
// args.Platform: the contract is read and checked, the load balancer
// found, and the service built on their contracts. Every problem names
// the wire property: platform.<path in the contract>, loadBalancerName,
// or the service's own.
func newWebServiceOnPlatform(ctx *pulumi.Context, name string, args WebServiceArgs,
	opts []pulumi.ResourceOption,
) (*service.WebService, error) {
	var problems []components.FieldError
	for key, given := range map[string]bool{"network": args.Network != nil, "cluster": args.Cluster != nil, "loadBalancer": args.LoadBalancer != nil} {
		if given {
			problems = append(problems, components.FieldError{Field: key,
				Problem: "excludes platform: the platform contract gives the network, the cluster and the load balancer; pass either platform (with loadBalancerName) or network, cluster and loadBalancer"})
		}
	}
	contract, err := readPlatform(*args.Platform)
	if err != nil {
		var ve *components.ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		problems = append(problems, ve.Problems...)
	}
	var lb edge.LoadBalancerContract
	lbField := "loadBalancerName"
	if contract != nil {
		if lb, err = contract.LoadBalancer(args.LoadBalancerName); err != nil {
			problems = append(problems, components.FieldError{Field: "loadBalancerName", Problem: err.Error()})
		} else if args.LoadBalancerName == "" {
			lbField = "platform.loadBalancers[0]"
		}
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b components.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return nil, &components.ValidationError{Piece: "WebService", Problems: problems}
	}

	var a service.WebServiceArgs
	if err := convert(&a, args); err != nil {
		return nil, err
	}
	a.Network, a.Cluster, a.LoadBalancer = contract.NetworkContract(), contract.ClusterContract(), lb
	s, err := service.NewWebService(ctx, name, &a, opts...)
	if err != nil {
		return nil, onPlatform(keyed(err, reflect.TypeFor[service.WebServiceArgs]()), lbField)
	}
	return s, nil
}

// readPlatform reads the wire contract as components.ParsePlatformContract
// reads a stack output: in its JSON form, every value checked. Its
// problems are named platform.<path>.
func readPlatform(wire PlatformContract) (*components.PlatformContract, error) {
	var c components.PlatformContract
	if err := convert(&c, wire); err != nil {
		return nil, err
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("read the platform contract: %w", err)
	}
	contract, err := components.ParsePlatformContract(data)
	if err == nil {
		return contract, nil
	}
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return nil, &components.ValidationError{Piece: "WebService", Problems: []components.FieldError{{Field: "platform", Problem: err.Error()}}}
	}
	out := &components.ValidationError{Piece: "WebService"}
	for _, p := range ve.Problems {
		out.Problems = append(out.Problems, components.FieldError{Field: "platform." + p.Field, Problem: p.Problem})
	}
	return nil, out
}

// onPlatform names a service's problems with its network, cluster and
// load balancer by where they came from: the platform contract's
// network and cluster, and lbField for the load balancer.
func onPlatform(err error, lbField string) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &components.ValidationError{Piece: ve.Piece}
	for _, p := range ve.Problems {
		for from, to := range map[string]string{"network": "platform.network", "cluster": "platform.cluster", "loadBalancer": lbField} {
			if p.Field == from || strings.HasPrefix(p.Field, from+".") || strings.HasPrefix(p.Field, from+"[") {
				p.Field = to + strings.TrimPrefix(p.Field, from)
				break
			}
		}
		out.Problems = append(out.Problems, p)
	}
	return out
}

// checkPieces refuses a WebService over the wire that names neither a
// platform nor all three pieces, or names a platform's load balancer
// without the platform.
func checkPieces(args WebServiceArgs) []components.FieldError {
	var problems []components.FieldError
	if args.LoadBalancerName != "" {
		problems = append(problems, components.FieldError{Field: "loadBalancerName",
			Problem: "names one of the platform contract's load balancers, but no platform is given; set platform, or remove loadBalancerName"})
	}
	missing := func(key, what string) {
		problems = append(problems, components.FieldError{Field: key,
			Problem: fmt.Sprintf("no %s is given; pass the %s, or the platform contract as platform", key, what)})
	}
	if args.Network == nil {
		missing("network", "Network the tasks run in")
	}
	if args.Cluster == nil {
		missing("cluster", "Cluster that runs the service")
	}
	if args.LoadBalancer == nil {
		missing("loadBalancer", "LoadBalancer that brings users to the service")
	}
	return problems
}
