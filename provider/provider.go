package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

const (
	// Name is the package's name, the project's: every type token starts
	// with it, as the components' own do ("private-fargate:index:Network").
	Name = "private-fargate"
	// Version is the package's version, reported in its schema. Tag the
	// repository v<Version> when it changes.
	Version = "0.1.0"
)

// piece is one component the provider serves: its resource token, the
// wire args Construct receives, and the components types whose godoc
// describes its inputs and outputs.
type piece struct {
	token    string
	args     reflect.Type // the wire args
	docsArgs string       // the components args type
	docsType string       // the components resource type
}

var served = []piece{
	{components.PrivateFargateServiceType, reflect.TypeFor[PrivateFargateServiceArgs](), "PrivateFargateServiceArgs", "PrivateFargateService"},
	{network.NetworkType, reflect.TypeFor[NetworkArgs](), "NetworkArgs", "Network"},
	{edge.LoadBalancerType, reflect.TypeFor[LoadBalancerArgs](), "LoadBalancerArgs", "LoadBalancer"},
	{cluster.ClusterType, reflect.TypeFor[ClusterArgs](), "ClusterArgs", "Cluster"},
	{service.WebServiceType, reflect.TypeFor[WebServiceArgs](), "WebServiceArgs", "WebService"},
	{service.BackendServiceType, reflect.TypeFor[BackendServiceArgs](), "BackendServiceArgs", "BackendService"},
	{service.ScheduledJobType, reflect.TypeFor[ScheduledJobArgs](), "ScheduledJobArgs", "ScheduledJob"},
	{service.WorkerServiceType, reflect.TypeFor[WorkerServiceArgs](), "WorkerServiceArgs", "WorkerService"},
	{key.KeyType, reflect.TypeFor[KeyArgs](), "KeyArgs", "Key"},
	{components.PlatformType, reflect.TypeFor[PlatformArgs](), "PlatformArgs", "Platform"},
}

// New builds the provider: the components through infer, each
// Construct calling the components constructor, and a schema whose every
// property carries its components godoc (see describe).
func New() (p.Provider, error) {
	registerPieceModule(semver.MustParse(Version))
	d := newDeployment()
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("Private Fargate").
		WithDescription(summary(godocs["package"])).
		WithKeywords("aws", "ecs", "fargate", "vpc-endpoints", "category/cloud", "kind/component").
		WithRepository("https://github.com/private-fargate/pulumi-private-ecs").
		WithLanguageMap(map[string]any{
			"nodejs": map[string]any{"respectSchemaVersion": true},
			"python": map[string]any{"respectSchemaVersion": true, "pyproject": map[string]any{"enabled": true}},
		}).
		// Every token lives in the index module, as the components register
		// theirs. infer names a module after the Go package a type is in:
		// "components" and the piece packages (network, edge, cluster,
		// service, key) for the resources' outputs, "main" (already index)
		// for the wire types in the binary, "provider" in its tests.
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{
			"components": "index", "network": "index", "edge": "index", "cluster": "index",
			"service": "index", "key": "index", "provider": "index",
		}).
		WithComponents(
			infer.ComponentF(d.newPrivateFargateService),
			infer.ComponentF(d.newNetwork),
			infer.ComponentF(d.newLoadBalancer),
			infer.ComponentF(d.newCluster),
			infer.ComponentF(d.newWebService),
			infer.ComponentF(d.newBackendService),
			infer.ComponentF(d.newScheduledJob),
			infer.ComponentF(d.newWorkerService),
			infer.ComponentF(d.newKey),
			infer.ComponentF(d.newPlatform),
		).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	prov.Construct = unburied(withPlainPlatform(prov.Construct))
	inner := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := inner(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec pschema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, fmt.Errorf("read the inferred schema: %w", err)
		}
		if err := describe(&spec); err != nil {
			return resp, err
		}
		b, err := json.Marshal(spec)
		if err != nil {
			return resp, fmt.Errorf("write the schema: %w", err)
		}
		resp.Schema = string(b)
		return resp, nil
	}
	return prov, nil
}
