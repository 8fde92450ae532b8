package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// A network's pull-through cache rules over the wire do what they do in
// Go: the rule is registered, and a service given the network as a
// reference pulls its public image from the cache path, its execution
// role holding the first-pull import of that one repository.
func TestCacheRulesOverTheWireRegisterWhatTheGoProgramDoes(t *testing.T) {
	netArgs := platformNetwork()
	netArgs.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public", KeepImages: 10}}
	web := platformServices()[0].args
	web.Container.Image = pulumi.String("public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0")

	goPath := awsmock.New(region)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		net, lb, cl, err := goPieces(ctx, netArgs)
		if err != nil {
			return err
		}
		w := web
		w.Network, w.Cluster, w.LoadBalancer = net, cl, lb
		_, err = service.NewWebService(ctx, "web", &w)
		return err
	}, pulumi.WithMocks(project, stack, goPath))
	if err != nil {
		t.Fatalf("Go program: %v", err)
	}

	s, wire := newPlatformServer(t)
	net := mustConstruct(t, s, network.NetworkType, "main", wireInputs(t, netArgs))
	refs := map[string]p.ConstructResponse{"network": net}
	lb := mustConstruct(t, s, edge.LoadBalancerType, "edge", withRefs(wireInputs(t, platformLoadBalancer()), refs))
	clInputs := withRefs(wireInputs(t, platformCluster()), refs).AsMap()
	clInputs["loadBalancers"] = property.New([]property.Value{refTo(lb)})
	cl := mustConstruct(t, s, cluster.ClusterType, "apps", property.NewMap(clInputs))
	mustConstruct(t, s, service.WebServiceType, "web", withRefs(wireInputs(t, web),
		map[string]p.ConstructResponse{"network": net, "cluster": cl, "loadBalancer": lb}))

	if d := diffLines(awsmock.Golden(goPath), awsmock.Golden(wire)); d != "" {
		t.Errorf("children over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	if d := cmp.Diff(registered(goPath), registered(wire)); d != "" {
		t.Errorf("inputs over the wire differ from the Go program's (-go +wire):\n%s", d)
	}
	rules := wire.ByType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule")
	if len(rules) != 1 || len(wire.ByType("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")) != 1 {
		t.Fatalf("over the wire: %d cache rules and their template, want 1 each: %v", len(rules), types(wire))
	}
	for _, td := range wire.ByType("aws:ecs/taskDefinition:TaskDefinition") {
		defs := td.Inputs["containerDefinitions"].StringValue()
		if !strings.Contains(defs, `"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public/aws-observability/aws-otel-collector:v0.40.0"`) {
			t.Errorf("%s: image is not the cache path: %s", td.URN, defs)
		}
	}
}
