package wireargs

import (
	"reflect"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The rules below are what the components types do not say themselves;
// everything else is read from them. They are hand-kept on purpose: each
// one is a decision about the wire (a name in the schema, a field the
// composite sets itself, a string the schema offers as an enum), not a
// fact the Go types hold. The generator refuses what no rule covers (a
// new named type, a field type it does not know), so a change in the
// components that needs a decision stops `go generate` instead of
// slipping through.

// roots are the components args the provider serves, in the order they
// are written. Each keeps its name on the wire.
var roots = []reflect.Type{
	reflect.TypeFor[components.PrivateFargateServiceArgs](),
	reflect.TypeFor[network.NetworkArgs](),
	reflect.TypeFor[edge.LoadBalancerArgs](),
	reflect.TypeFor[cluster.ClusterArgs](),
	reflect.TypeFor[service.WebServiceArgs](),
	reflect.TypeFor[service.BackendServiceArgs](),
	reflect.TypeFor[service.ScheduledJobArgs](),
	reflect.TypeFor[service.WorkerServiceArgs](),
	reflect.TypeFor[key.KeyArgs](),
	reflect.TypeFor[components.PlatformArgs](),
}

// names are the wire names of the components types that do not follow
// the rule (a nested type drops its "Args" suffix, which the TypeScript
// and Python code generators add themselves). The platform contract's
// parts are Contract* on the wire, because Platform* names the parts of
// a Platform's own args there; a name is part of the schema, so these
// stay as they were released.
var names = map[string]string{
	"ServiceArgs":            "EcsService",
	"AlarmArgs":              "Alarms",
	"PlatformNetwork":        "ContractNetwork",
	"PlatformSubnet":         "ContractSubnet",
	"PlatformLoadBalancer":   "ContractLoadBalancer",
	"PlatformCluster":        "ContractCluster",
	"PlatformEc2Group":       "ContractEc2Group",
	"PlatformExec":           "ContractExec",
	"PlatformServiceConnect": "ContractServiceConnect",
}

// A view is a components args type as it appears at one field of a
// composite: a wire type of its own holding only the fields that apply
// there. The composite sets the others itself and refuses them from the
// caller.
type view struct {
	name string
	doc  string
	// omit are the fields the view leaves out, by key, with the reason.
	omit map[string]string
}

// views are by the components type and key of the field they appear at.
var views = map[string]view{
	"PrivateFargateServiceArgs.network": {
		name: "ServiceNetwork",
		doc: "ServiceNetwork is the part of network.NetworkArgs that applies\n" +
			"inside a PrivateFargateService: the layout, or the VPC to adopt, and\n" +
			"the network's own flow log, endpoint access and cache rules.",
		omit: map[string]string{
			"region":                "set from the service's own region",
			"features":              "derived from the service's secrets and capacity",
			"extraEndpointServices": "set from the service's own extraEndpointServices",
			"tags":                  "set from the service's own tags",
		},
	},
	"PrivateFargateServiceArgs.loadBalancer": {
		name: "ServiceLoadBalancer",
		doc: "ServiceLoadBalancer is the part of edge.LoadBalancerArgs that\n" +
			"applies inside a PrivateFargateService: the ALB's own settings and its\n" +
			"target group's.",
		omit: map[string]string{
			"network":        "the service's own network",
			"ingress":        "set from the service's own ingress",
			"defaultTarget":  "the service's own target",
			"routes":         "one service, no routes",
			"tags":           "set from the service's own tags",
			"priorityRanges": "one service on the default target, no rules to order",
		},
	},
	"PlatformArgs.network": {
		name: "PlatformNetwork",
		doc: "PlatformNetwork is the part of network.NetworkArgs that applies\n" +
			"inside a Platform: the platform sets the region, the tags and shared\n" +
			"endpoint access itself.",
		omit: map[string]string{
			"region":               "set from the platform's region",
			"sharedEndpointAccess": "always on in a platform",
			"tags":                 "set from the platform's tags",
		},
	},
	"PlatformArgs.cluster": {
		name: "PlatformCluster",
		doc: "PlatformCluster is the part of cluster.ClusterArgs that applies\n" +
			"inside a Platform: the cluster takes the platform's network, load\n" +
			"balancers and tags.",
		omit: map[string]string{
			"network":       "the platform's own network",
			"loadBalancers": "the platform's own load balancers",
			"tags":          "set from the platform's tags",
		},
	},
}

// enums are the plain string fields the schema offers as enums (enums.go
// in the provider defines each type and its values), by components type
// and key. The components take a string and check it themselves, so that
// a YAML program's misspelling gets the component's own message.
var enums = map[string]string{
	"NetworkArgs.natGateways":               "NatMode",
	"ContainerSecret.kind":                  "SecretKind",
	"TaskArgs.architecture":                 "Architecture",
	"CapacityProviderStrategyItem.provider": "CapacityProvider",
	"Ec2CapacityArgs.networkMode":           "NetworkMode",
	"DefaultTargetArgs.targetType":          "TargetType",
	"ScalingPolicy.metric":                  "ScalingMetric",
	"ServiceRoute.listener":                 "Listener",
	"ContainerDependency.condition":         "DependencyCondition",
	"WebServiceArgs.tracing":                "Tracing",
	"PrivateFargateServiceArgs.tracing":     "Tracing",
	"BackendServiceArgs.tracing":            "Tracing",
	"BackendServiceArgs.appProtocol":        "AppProtocol",
	"ScheduledJobArgs.tracing":              "Tracing",
	"WorkerServiceArgs.tracing":             "Tracing",
}

// pieces are the components interfaces that take a piece or its contract;
// on the wire, a reference to the piece (refs.go in the provider).
var pieces = map[reflect.Type]string{
	reflect.TypeFor[network.NetworkSource]():        "*NetworkRef",
	reflect.TypeFor[cluster.ClusterSource]():        "*ClusterRef",
	reflect.TypeFor[edge.LoadBalancerSource]():      "*LoadBalancerRef",
	reflect.TypeFor[service.ServiceConnectSource](): "*BackendServiceRef",
}

// rootOmit are the fields of a served component's args that the wire
// leaves out, by components type and key, with the reason.
var rootOmit = map[string]map[string]string{
	"BackendServiceArgs": {
		// A property that references its own resource makes the
		// TypeScript generator emit a class that imports itself, which
		// does not compile; until a backend can call others without it,
		// backend-to-backend calls are made in Go (or by a web service).
		"calls": "a backend's own calls would reference BackendService from its own inputs",
	},
}

// optional are the fields the components require that the wire makes
// optional, by components type and key, with the reason.
var optional = map[string]string{
	// A WebService takes its pieces, or a platform contract instead.
	"WebServiceArgs.network":      "or platform",
	"WebServiceArgs.cluster":      "or platform",
	"WebServiceArgs.loadBalancer": "or platform",
	// The platform contract is JSON with no pulumi tags: a field is
	// optional where its JSON is omitempty, and here, where a contract
	// written by hand (another tool's platform, in plain config) may
	// leave out a value: components.ParsePlatformContract decodes it as
	// its zero value and accepts that.
	"PlatformNetwork.nat":                  "false without a NAT",
	"PlatformNetwork.gatewayPrefixListIds": "none without gateway endpoints",
	"PlatformLoadBalancer.targetPorts":     "the default range",
	"PlatformCluster.capacityProviders":    "none",
	"PlatformCluster.fargate":              "false without Fargate",
	"PlatformEc2Group.instanceTypes":       "not known",
	"PlatformEc2Group.maxSize":             "not known",
	"PlatformContract.priorities":          "the default scheme",
	"PriorityScheme.range":                 "no block",
}

// A wireField is a field only the wire has: the constructor reads it
// itself, and convert skips it.
type wireField struct {
	after  string // the key of the components field it follows
	name   string
	goType string // a Go type, or a components type to mirror (from)
	from   reflect.Type
	tag    string
	doc    string
}

// wireOnly are the wire's own fields, by components type.
var wireOnly = map[string][]wireField{
	"WebServiceArgs": {
		{
			after: "loadBalancer", name: "Platform", from: reflect.TypeFor[components.PlatformContract](), tag: "platform,optional",
			doc: "Platform is the platform contract of a platform another program made: the object its stack exports " +
				"under \"platform\", as `pulumi stack output platform --json` prints it, such as " +
				"`new pulumi.StackReference(\"acme/platform/prod\").requireOutput(\"platform\")` in TypeScript. " +
				"The service runs on its network and cluster and on the load balancer loadBalancerName names, " +
				"and is checked against them before anything registers. Excludes network, cluster and loadBalancer. " +
				"Optional. Valid: a contract of this package's version, known when the service is constructed " +
				"(deploy the platform first).",
		},
		{
			after: "loadBalancer", name: "LoadBalancerName", goType: "string", tag: "loadBalancerName,optional",
			doc: "LoadBalancerName is the platform's load balancer the service uses, by its name in the contract. " +
				"Requires platform. Optional. Default: the platform's only load balancer.",
		},
	},
}
