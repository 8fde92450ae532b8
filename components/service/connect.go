package service

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ECS Service Connect, as this package uses it (ECS developer guide,
// "Service Connect" and "Service Connect components"; ECS API reference,
// ServiceConnectConfiguration, ServiceConnectService, PortMapping):
//   - A server (a BackendService) names its app's port mapping and
//     publishes it in the cluster's namespace under its discovery name,
//     with one client alias: callers reach it as
//     http://<name>:<port>.
//   - A caller (a web service or a backend that Calls it) turns Service
//     Connect on in the same namespace, as a client; its proxy resolves
//     the names that exist when its tasks start, so the caller's ECS
//     service is created after the server's ("You must redeploy existing
//     services before the applications can resolve new endpoints").
//   - The server's proxy listens on the container port, so the server's
//     task group admits each caller's group there, one rule a caller;
//     the caller's group gets the matching egress rule (the groups this
//     package makes have no egress but what they are given, BRIEF fact
//     11).
//   - ECS manages the proxy through the ecs-agent endpoint (BRIEF fact
//     2), which every task in a namespace needs without NAT.
//   - The proxy's own logs go to the service's log group, beside the
//     app's, as AWS recommends ("the same log configuration as the
//     application containers").

// ServiceConnectSource gives a Service Connect server's contract: a
// *BackendService, or a ServiceConnectContract read from another stack.
type ServiceConnectSource interface {
	ServiceConnectContract() ServiceConnectContract
}

// ServiceConnectContract is what a caller needs of a server it calls
// through Service Connect.
type ServiceConnectContract struct {
	// Name is the server's discovery name: callers reach it as
	// http://<Name>:<Port>.
	Name string
	// Port is the port callers reach it on: its container port.
	Port int
	// AppProtocol is its port's protocol: http, http2, grpc, or "" (TCP).
	AppProtocol string
	// Namespace is the namespace it is published in.
	Namespace string
	// SecurityGroupId is the server's task security group, which admits
	// each caller.
	SecurityGroupId pulumi.StringInput
	// ServiceArn resolves once the server's ECS service exists; a
	// caller's service waits for it. Optional in a contract read from
	// another stack, whose server exists already.
	ServiceArn pulumi.StringInput
	// Calls are the names of every server this one reaches, its own calls
	// and theirs, so a caller can refuse a call that closes a cycle.
	Calls []string
}

// ServiceConnectContract returns the contract itself.
func (c ServiceConnectContract) ServiceConnectContract() ServiceConnectContract { return c }

// Application protocols a Service Connect server's port takes (ECS API
// reference, PortMapping.appProtocol). Without one the proxy carries TCP
// and publishes no HTTP metrics.
const (
	AppProtocolHttp  = "http"
	AppProtocolHttp2 = "http2"
	AppProtocolGrpc  = "grpc"
	AppProtocolTcp   = "tcp"
)

// discoveryNamePattern is a discovery name and a port mapping name: up to
// 64 lowercase letters, digits, underscores and hyphens, not starting with
// a hyphen (ECS API reference, ServiceConnectService.discoveryName and
// PortMapping.name).
var discoveryNamePattern = regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]{0,63}$`)

// checkCalls checks the servers a workload calls: the cluster has a
// namespace, each server is in it, and none is called twice, is the
// caller itself, or reaches the caller. name is the caller's discovery
// name when it is a server too, "" for a web service, which nobody calls.
func checkCalls(p *check.Problems, name string, calls []ServiceConnectSource, c cluster.ClusterContract, bridge bool) {
	if len(calls) == 0 {
		return
	}
	if c.ServiceConnect == nil {
		p.Add("Calls", "cluster %s has no Service Connect namespace, so its services cannot call each other by name; set ServiceConnect on the cluster", c.Name)
		return
	}
	if bridge {
		p.Add("Calls", "bridge tasks share their instances' security group, which cannot be opened to one server alone; run the caller on Fargate or an awsvpc group")
	}
	seen := map[string]bool{}
	for i, s := range calls {
		field := fmt.Sprintf("Calls[%d]", i)
		if s == nil || isNilPointer(s) {
			p.Add(field, "no server is given; pass the BackendService this one calls, or its contract")
			continue
		}
		sc := s.ServiceConnectContract()
		switch {
		case sc.Name == "" || sc.Port == 0 || sc.SecurityGroupId == nil:
			p.Add(field, "the contract lacks the server's name, port or security group; pass the BackendService, or its stack's contract whole")
		case sc.Name == name:
			p.Add(field, "%s calls itself; a service reaches its own tasks without Service Connect", name)
		case seen[sc.Name]:
			p.Add(field, "%s is called twice; name each server once", sc.Name)
		case sc.Namespace != c.ServiceConnect.Namespace:
			p.Add(field, "%s is in namespace %q, but this service's cluster %s uses %q; call servers of the same namespace", sc.Name, sc.Namespace, c.Name, c.ServiceConnect.Namespace)
		case slices.Contains(sc.Calls, name):
			p.Add(field, "%s already reaches %s through its own calls, so this call closes a cycle: each service starts after the servers it calls, and none of the cycle could start first; remove one call of the cycle", sc.Name, name)
		}
		seen[sc.Name] = true
	}
}

// reached are the names a server that makes calls reaches: each callee
// and what it reaches, sorted, each once.
func reached(calls []ServiceConnectSource) []string {
	var out []string
	for _, s := range calls {
		sc := s.ServiceConnectContract()
		out = append(out, sc.Name)
		out = append(out, sc.Calls...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// callRules are the rules that let the caller's tasks reach each server's
// proxy on its port: egress on the caller's group, ingress on the
// server's, both the caller's children.
func callRules(callerSG pulumi.StringOutput, calls []ServiceConnectSource) []piece.SgRule {
	var rules []piece.SgRule
	for _, s := range calls {
		sc := s.ServiceConnectContract()
		rules = append(rules,
			piece.SgRule{
				Suffix: "calls-" + sc.Name + "-out", Group: callerSG, Port: sc.Port, Peer: sc.SecurityGroupId,
				Description: fmt.Sprintf("To %s through Service Connect on port %d", sc.Name, sc.Port),
			},
			piece.SgRule{
				Suffix: "calls-" + sc.Name + "-in", Group: sc.SecurityGroupId, Ingress: true, Port: sc.Port, Peer: callerSG,
				Description: fmt.Sprintf("From a caller through Service Connect on port %d", sc.Port),
			},
		)
	}
	return rules
}

// namespaceAfter is the namespace's ARN, resolved only once each server
// the caller calls has its ECS service (where the contract knows it): the
// caller's service names it, so it is created after them, and its proxy
// finds their names at start.
func namespaceAfter(namespace pulumi.StringInput, calls []ServiceConnectSource) pulumi.StringOutput {
	ins := []any{namespace}
	for _, s := range calls {
		if arn := s.ServiceConnectContract().ServiceArn; arn != nil {
			ins = append(ins, arn)
		}
	}
	return pulumi.All(ins...).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
}

// connectConfig is the ECS service's Service Connect configuration: a
// client in the cluster's namespace, and a server when server is set; the
// proxy logs to the service's log group under the stream prefix
// service-connect.
func connectConfig(c cluster.ClusterContract, calls []ServiceConnectSource, logGroup pulumi.StringOutput, region string, server *ecs.ServiceServiceConnectConfigurationServiceArgs) *ecs.ServiceServiceConnectConfigurationArgs {
	cfg := &ecs.ServiceServiceConnectConfigurationArgs{
		Enabled:   pulumi.Bool(true),
		Namespace: namespaceAfter(c.ServiceConnect.NamespaceArn, calls),
		LogConfiguration: &ecs.ServiceServiceConnectConfigurationLogConfigurationArgs{
			LogDriver: pulumi.String("awslogs"),
			Options: pulumi.StringMap{
				"awslogs-group":         logGroup,
				"awslogs-region":        pulumi.String(region),
				"awslogs-stream-prefix": pulumi.String("service-connect"),
			},
		},
	}
	if server != nil {
		cfg.Services = ecs.ServiceServiceConnectConfigurationServiceArray{server}
	}
	return cfg
}

// connectAlarms are the alarms on a server's Service Connect metrics
// (AWS/ECS, by TargetDiscoveryName: the requests its proxy took; ECS
// developer guide, "Amazon ECS CloudWatch metrics", Service Connect). The
// HTTP code metrics exist only for an http or http2 port. They name no
// ECS resource, so the deployment can roll back on them.
func connectAlarms(t AlarmThresholds, discoveryName, appProtocol string) []alarmSpec {
	target := pulumi.StringMap{"TargetDiscoveryName": pulumi.String(discoveryName)}
	var out []alarmSpec
	if appProtocol == AppProtocolHttp || appProtocol == AppProtocolHttp2 {
		codes := []metricSpec{}
		for _, c := range []string{"2XX", "3XX", "4XX", "5XX"} {
			codes = append(codes, metricSpec{id: "c" + c[:1], namespace: namespaceECS, name: "HTTPCode_Target_" + c + "_Count", stat: "Sum", dims: target})
		}
		out = append(out, alarmSpec{
			suffix: "connect-5xx", description: "Percent of the requests through Service Connect the tasks answered with 5xx",
			threshold: t.Target5xxRate, comparison: "GreaterThanThreshold", missing: "notBreaching",
			metrics:    codes,
			expression: "100 * FILL(c5, 0) / (FILL(c2, 0) + FILL(c3, 0) + FILL(c4, 0) + FILL(c5, 0))",
		})
	}
	// TargetResponseTime is in milliseconds; the threshold is in seconds,
	// as the load balancer's.
	ms := t.ResponseTimeP99
	if ms.Threshold != nil {
		v := *ms.Threshold * 1000
		ms.Threshold = &v
	}
	out = append(out, alarmSpec{
		suffix: "connect-response-time-p99", description: "99th percentile of the tasks' response time through Service Connect in milliseconds",
		threshold: ms, comparison: "GreaterThanThreshold", missing: "notBreaching",
		metric:   &metricSpec{namespace: namespaceECS, name: "TargetResponseTime", dims: target},
		extended: "p99",
	})
	return out
}

// newConnectAlarms registers the server's alarms and returns the names
// the deployment rolls back on.
func newConnectAlarms(f *piece.Family, specs []alarmSpec, topic alarmTopic) (pulumi.StringArray, error) {
	var names pulumi.StringArray
	for _, s := range specs {
		alarm, err := newAlarm(f, s, topic)
		if err != nil {
			return nil, err
		}
		if slices.Contains([]string{"connect-5xx"}, s.suffix) {
			names = append(names, alarm.Name)
		}
	}
	return names, nil
}

// serviceConnectOutput is a server's contract as the plain object its
// stack exports (the ids resolved).
func serviceConnectOutput(c ServiceConnectContract, securityGroupID string) map[string]any {
	calls := make([]any, len(c.Calls))
	for i, n := range c.Calls {
		calls[i] = n
	}
	return map[string]any{
		"name": c.Name, "port": c.Port, "appProtocol": c.AppProtocol, "namespace": c.Namespace,
		"securityGroupId": securityGroupID, "calls": calls,
	}
}

// isNilPointer tells whether s holds a nil pointer, such as the
// *BackendService of a constructor that failed.
func isNilPointer(s ServiceConnectSource) bool {
	v := reflect.ValueOf(s)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
