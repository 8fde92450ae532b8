package components

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	tNamespace = "aws:servicediscovery/httpNamespace:HttpNamespace"
)

// connected is a cluster with a Service Connect namespace and three
// services: web (behind the load balancer) calls orders, and orders (a
// backend) calls payments (a backend).
type connected struct {
	network  network.NetworkArgs
	cluster  cluster.ClusterArgs
	orders   service.BackendServiceArgs
	payments service.BackendServiceArgs
	web      service.WebServiceArgs
	// webCalls makes web call orders; ordersCalls makes orders call
	// payments.
	webCalls, ordersCalls bool
}

// out is a resource's computed output at key, as a string.
func out(r *awsmock.Resource, key string) string {
	if v, ok := r.Outputs[resource.PropertyKey(key)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

// connectPieces are a network with features, a cluster with a Service
// Connect namespace named after it (apps) and a load balancer with a
// default target, for the tests of one or two services.
func connectPieces(ctx *pulumi.Context, features map[string]network.EndpointFeatures) (*network.Network, *cluster.Cluster, *edge.LoadBalancer, error) {
	n, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{Region: testRegion, Features: features})
	if err != nil {
		return nil, nil, nil, err
	}
	cl, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{Network: n, ServiceConnect: &cluster.ServiceConnectArgs{}})
	if err != nil {
		return nil, nil, nil, err
	}
	l, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: n, DefaultTarget: &edge.DefaultTargetArgs{Port: 8080}})
	return n, cl, l, err
}

func connectedPlatform() connected {
	return connected{
		network: network.NetworkArgs{Region: testRegion, Features: map[string]network.EndpointFeatures{
			"web": {ServiceConnect: true}, "orders": {ServiceConnect: true}, "payments": {ServiceConnect: true},
		}},
		cluster:  cluster.ClusterArgs{ServiceConnect: &cluster.ServiceConnectArgs{}},
		orders:   service.BackendServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./orders"}, Port: 8080}},
		payments: service.BackendServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./payments"}, Port: 9090}, AppProtocol: service.AppProtocolGrpc},
		web:      service.WebServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./web"}}},
		webCalls: true, ordersCalls: true,
	}
}

func (cp connected) run(t testing.TB) (*awsmock.Mocks, error) {
	t.Helper()
	m := awsmock.New(testRegion)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, err := network.NewNetwork(ctx, "main", &cp.network)
		if err != nil {
			return err
		}
		l, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: n, DefaultTarget: &edge.DefaultTargetArgs{Port: 8080}})
		if err != nil {
			return err
		}
		cp.cluster.Network = n
		c, err := cluster.NewCluster(ctx, "apps", &cp.cluster)
		if err != nil {
			return err
		}
		cp.payments.Network, cp.payments.Cluster = n, c
		payments, err := service.NewBackendService(ctx, "payments", &cp.payments)
		if err != nil {
			return err
		}
		cp.orders.Network, cp.orders.Cluster = n, c
		if cp.ordersCalls {
			cp.orders.Calls = []service.ServiceConnectSource{payments}
		}
		orders, err := service.NewBackendService(ctx, "orders", &cp.orders)
		if err != nil {
			return err
		}
		cp.web.Network, cp.web.Cluster, cp.web.LoadBalancer = n, c, l
		if cp.webCalls {
			cp.web.Calls = []service.ServiceConnectSource{orders}
		}
		_, err = service.NewWebService(ctx, "web", &cp.web)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, err
}

func (cp connected) mustRun(t testing.TB) *awsmock.Mocks {
	t.Helper()
	m, err := cp.run(t)
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	return m
}

// Fact: Service Connect works with any Cloud Map namespace type, and a
// cluster's ServiceConnectDefaults names the namespace its services join
// (ECS developer guide, "Service Connect";
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterServiceConnectDefaultsRequest.html).
// The cluster makes an HTTP namespace of its own (deleting a cluster
// leaves one ECS made) and names it as its default.
func TestClusterOwnsItsServiceConnectNamespace(t *testing.T) {
	m := connectedPlatform().mustRun(t)
	ns := get(t, m, tNamespace, "apps-namespace")
	expect(t, ns, "name", "apps")
	cl := get(t, m, tCluster, "apps-cluster")
	expect(t, cl, "serviceConnectDefaults.namespace", out(ns, "arn"))
}

// Fact: a Service Connect server names its port mapping and publishes it
// under a discovery name with one client alias and its port ("The
// maximum number of client aliases that you can have in this list is 1
// ... you must provide at least one clientAlias with one port";
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html),
// and the proxy's logs go where the app's do (ECS developer guide,
// "Service Connect components"). A backend has no target group, no
// listener rule and no grace period (ECS takes one only from a service
// behind a load balancer).
func TestBackendIsPublishedThroughServiceConnectOnly(t *testing.T) {
	m := connectedPlatform().mustRun(t)
	svc := get(t, m, tService, "orders-service")
	want := map[string]any{
		"enabled":   true,
		"namespace": out(get(t, m, tNamespace, "apps-namespace"), "arn"),
		"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]any{
			"awslogs-group": out(get(t, m, tLogGroup, "orders-logs"), "name"), "awslogs-region": testRegion, "awslogs-stream-prefix": "service-connect",
		}},
		"services": []any{map[string]any{
			"portName": "orders", "discoveryName": "orders",
			"clientAlias": []any{map[string]any{"port": 8080.0, "dnsName": "orders"}},
		}},
	}
	if diff := cmp.Diff(normalize(want), normalize(in(svc, "serviceConnectConfiguration"))); diff != "" {
		t.Errorf("orders' Service Connect configuration (-want +got):\n%s", diff)
	}
	for _, field := range []string{"loadBalancers", "healthCheckGracePeriodSeconds"} {
		if v := in(svc, field); v != nil {
			t.Errorf("orders-service has %s = %v; a backend is not behind the load balancer", field, v)
		}
	}
	for _, r := range m.Resources() {
		if (r.Type == tTG || r.Type == tListenerRule) && strings.HasPrefix(r.Name, "orders") {
			t.Errorf("backend registered %s", r.URN)
		}
	}
	var defs []map[string]any
	if err := json.Unmarshal([]byte(in(get(t, m, tTaskDef, "orders-task"), "containerDefinitions").(string)), &defs); err != nil {
		t.Fatal(err)
	}
	wantPorts := []any{map[string]any{"containerPort": 8080.0, "hostPort": 8080.0, "protocol": "tcp", "name": "orders", "appProtocol": "http"}}
	if diff := cmp.Diff(wantPorts, defs[0]["portMappings"]); diff != "" {
		t.Errorf("orders' port mapping (-want +got):\n%s", diff)
	}
}

// Fact: the server's proxy listens on the container port, so the server's
// group admits each caller there (ECS developer guide, "Service Connect
// components", Networking: "you must allow inbound traffic on this
// port"); the caller's group has no egress but what it is given (BRIEF
// fact 11). Each call adds exactly one rule each way, the caller's own.
func TestACallAdmitsTheCallerOnTheServersPortOnly(t *testing.T) {
	m := connectedPlatform().mustRun(t)
	webSG := get(t, m, tSG, "web-task-sg").ID
	ordersSG := get(t, m, tSG, "orders-task-sg").ID
	paymentsSG := get(t, m, tSG, "payments-task-sg").ID
	for _, c := range []struct {
		typ, name     string
		group, peer   any
		port          float64
		peerFieldName string
	}{
		{tEgress, "web-calls-orders-out", webSG, ordersSG, 8080, "referencedSecurityGroupId"},
		{tIngress, "web-calls-orders-in", ordersSG, webSG, 8080, "referencedSecurityGroupId"},
		{tEgress, "orders-calls-payments-out", ordersSG, paymentsSG, 9090, "referencedSecurityGroupId"},
		{tIngress, "orders-calls-payments-in", paymentsSG, ordersSG, 9090, "referencedSecurityGroupId"},
	} {
		r := get(t, m, c.typ, c.name)
		expect(t, r, "securityGroupId", c.group)
		expect(t, r, c.peerFieldName, c.peer)
		expect(t, r, "fromPort", c.port)
		expect(t, r, "toPort", c.port)
		expect(t, r, "ipProtocol", "tcp")
	}
	// payments is called by orders alone; its group admits nothing else.
	var admits []string
	for _, r := range m.Resources() {
		if r.Type == tIngress && in(r, "securityGroupId") == paymentsSG {
			admits = append(admits, r.Name)
		}
	}
	if diff := cmp.Diff([]string{"orders-calls-payments-in"}, admits); diff != "" {
		t.Errorf("payments' group admits (-want +got):\n%s", diff)
	}
}

// Fact: existing client tasks cannot resolve endpoints made after them;
// clients are deployed after their servers (ECS developer guide, "Service
// Connect components": "You must redeploy existing services before the
// applications can resolve new endpoints"). A caller's service waits for
// each server's, and is a client only: no services of its own.
func TestACallerStartsAfterItsServersAsAClient(t *testing.T) {
	m := connectedPlatform().mustRun(t)
	web := get(t, m, tService, "web-service")
	orders := get(t, m, tService, "orders-service")
	if deps := web.PropertyDependencies["serviceConnectConfiguration"]; !slices.Contains(deps, orders.URN) {
		t.Errorf("web-service's Service Connect configuration depends on %v, want orders-service among them", deps)
	}
	if deps := orders.PropertyDependencies["serviceConnectConfiguration"]; !slices.Contains(deps, get(t, m, tService, "payments-service").URN) {
		t.Errorf("orders-service's Service Connect configuration depends on %v, want payments-service among them", deps)
	}
	expect(t, web, "serviceConnectConfiguration.enabled", true)
	if v := in(web, "serviceConnectConfiguration.services"); v != nil {
		t.Errorf("web publishes %v; a caller is a client only", v)
	}
	if in(web, "loadBalancers") == nil {
		t.Error("web-service lost its load balancer by calling a backend")
	}
}

// Fact: Service Connect manages its proxy through the ecs-agent endpoint
// (BRIEF fact 2; ECS developer guide, "Amazon ECS interface VPC
// endpoints"). A backend, and a caller, on a network without it are
// refused by name and register nothing.
func TestServiceConnectNeedsTheEcsAgentEndpoint(t *testing.T) {
	cp := connectedPlatform()
	cp.network.Features = map[string]network.EndpointFeatures{"web": {}, "orders": {}, "payments": {}}
	m, err := cp.run(t)
	if err == nil || !strings.Contains(err.Error(), "backend service payments needs the ecs-agent endpoint (Service Connect: ECS manages the task's proxy through it)") {
		t.Fatalf("error = %v, want the missing ecs-agent endpoint named", err)
	}
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Name, "payments") {
			t.Errorf("%s registered although payments was refused", r.URN)
		}
	}
	// A caller alone needs it too: web calls a backend of another stack
	// (its contract), on a network whose services declare nothing else.
	m = awsmock.New(testRegion)
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, cl, l, err := connectPieces(ctx, map[string]network.EndpointFeatures{"web": {}})
		if err != nil {
			return err
		}
		ledger := service.ServiceConnectContract{Name: "ledger", Port: 80, Namespace: "apps", SecurityGroupId: pulumi.String("sg-0123456789abcdef0")}
		_, err = service.NewWebService(ctx, "web", &service.WebServiceArgs{Network: n, Cluster: cl, LoadBalancer: l,
			Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: []service.ServiceConnectSource{ledger}})
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	if err == nil || !strings.Contains(err.Error(), "service web needs the ecs-agent endpoint") {
		t.Fatalf("error = %v, want the caller's missing ecs-agent endpoint named", err)
	}
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Name, "web-") {
			t.Errorf("%s registered although web was refused", r.URN)
		}
	}
}

func TestBackendRefusals(t *testing.T) {
	zero := 5
	for _, c := range []struct {
		name  string
		tweak func(*connected)
		want  []string
	}{
		{"a cluster without a namespace", func(cp *connected) { cp.cluster.ServiceConnect = nil }, []string{
			"Cluster: cluster apps has no Service Connect namespace for the backend to be called in; set ServiceConnect on the cluster",
		}},
		{"a discovery name Service Connect refuses", func(cp *connected) { cp.payments.DiscoveryName = "-Payments" }, []string{
			`DiscoveryName: "-Payments" cannot be a Service Connect name`,
		}},
		{"a per-request timeout on TCP", func(cp *connected) {
			cp.payments.AppProtocol, cp.payments.PerRequestTimeout = service.AppProtocolTcp, &zero
		}, []string{"PerRequestTimeout: is set, but ECS takes a per-request timeout only for an http, http2 or grpc port"}},
		{"an unknown protocol", func(cp *connected) { cp.payments.AppProtocol = "https" }, []string{`AppProtocol: "https" is not a Service Connect protocol`}},
		{"scaling on a target group's requests", func(cp *connected) {
			cp.payments.Autoscaling = &service.AutoscalingArgs{MaxCount: 4, Policies: []service.ScalingPolicy{{Metric: service.MetricRequests}}}
		}, []string{"Autoscaling.Policies[0].Metric: ALBRequestCountPerTarget counts the requests of a target group, and a backend has none"}},
		{"a port out of range", func(cp *connected) { cp.payments.Container.Port = 70000 }, []string{"Container.Port"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp := connectedPlatform()
			c.tweak(&cp)
			m, err := cp.run(t)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error = %v, want a *ValidationError", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			for _, r := range m.Resources() {
				if strings.HasPrefix(r.Name, "payments") {
					t.Errorf("%s registered although payments was refused", r.URN)
				}
			}
		})
	}
}

func TestCallRefusals(t *testing.T) {
	other := service.ServiceConnectContract{Name: "ledger", Port: 80, Namespace: "finance", SecurityGroupId: pulumi.String("sg-0123456789abcdef0")}
	for _, c := range []struct {
		name  string
		calls func(orders service.ServiceConnectSource) []service.ServiceConnectSource
		want  string
	}{
		{"a server of another namespace", func(service.ServiceConnectSource) []service.ServiceConnectSource {
			return []service.ServiceConnectSource{other}
		},
			`Calls[0]: ledger is in namespace "finance", but this service's cluster apps uses "apps"; call servers of the same namespace`},
		{"a server called twice", func(o service.ServiceConnectSource) []service.ServiceConnectSource {
			return []service.ServiceConnectSource{o, o}
		},
			"Calls[1]: orders is called twice; name each server once"},
		{"a contract without a group", func(service.ServiceConnectSource) []service.ServiceConnectSource {
			return []service.ServiceConnectSource{service.ServiceConnectContract{Name: "ledger", Port: 80, Namespace: "apps"}}
		}, "Calls[0]: the contract lacks the server's name, port or security group"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				n, cl, l, err := connectPieces(ctx, map[string]network.EndpointFeatures{"x": {ServiceConnect: true}})
				if err != nil {
					return err
				}
				orders, err := service.NewBackendService(ctx, "orders", &service.BackendServiceArgs{Network: n, Cluster: cl, Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}})
				if err != nil {
					return err
				}
				_, err = service.NewWebService(ctx, "web", &service.WebServiceArgs{Network: n, Cluster: cl, LoadBalancer: l,
					Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: c.calls(orders)})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
			for _, r := range m.Resources() {
				if strings.HasPrefix(r.Name, "web-") {
					t.Errorf("%s registered although web was refused", r.URN)
				}
			}
		})
	}
}

// Fact: Service Connect's HTTP code metrics (AWS/ECS, by
// TargetDiscoveryName) exist only for an http or http2 port, and
// TargetResponseTime is in milliseconds (ECS developer guide, "Amazon ECS
// CloudWatch metrics", Service Connect metrics). A backend's deployments
// roll back on its 5xx rate, which names no ECS resource.
func TestBackendAlarmsReadServiceConnectMetrics(t *testing.T) {
	cp := connectedPlatform()
	cp.orders.Alarms = &service.AlarmArgs{}
	cp.payments.Alarms = &service.AlarmArgs{}
	m := cp.mustRun(t)
	rate := get(t, m, tAlarm, "orders-alarm-connect-5xx")
	queries := in(rate, "metricQueries").([]any)
	var names []string
	for _, q := range queries {
		qm := q.(map[string]any)
		if mm, ok := qm["metric"].(map[string]any); ok {
			names = append(names, mm["metricName"].(string))
			if d := mm["dimensions"].(map[string]any)["TargetDiscoveryName"]; d != "orders" {
				t.Errorf("%s is read for %v, want orders", mm["metricName"], d)
			}
		}
	}
	wantNames := []string{"HTTPCode_Target_2XX_Count", "HTTPCode_Target_3XX_Count", "HTTPCode_Target_4XX_Count", "HTTPCode_Target_5XX_Count"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("5xx rate metrics (-want +got):\n%s", diff)
	}
	expect(t, get(t, m, tAlarm, "orders-alarm-connect-response-time-p99"), "threshold", 2000.0)
	expect(t, get(t, m, tService, "orders-service"), "alarms.alarmNames", []any{out(rate, "name")})
	// payments speaks grpc: no HTTP code metrics, so no rate alarm.
	for _, r := range m.Resources() {
		if r.Name == "payments-alarm-connect-5xx" {
			t.Error("a grpc backend got an alarm on HTTP codes it never publishes")
		}
	}
}

// A platform's cluster can own the namespace; the contract carries it, so
// a service stack's backends and callers use it as one program's do. A
// platform whose namespace its tasks could not use (no ecs-agent
// endpoint without NAT, BRIEF fact 2) is refused before registering.
func TestPlatformContractCarriesTheServiceConnectNamespace(t *testing.T) {
	m := awsmock.New(testRegion)
	var got map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := NewPlatform(ctx, "plat", &PlatformArgs{Endpoints: []string{"ecs-agent"}, Cluster: cluster.ClusterArgs{ServiceConnect: &cluster.ServiceConnectArgs{Namespace: "internal"}}})
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any { got, _ = v.(map[string]any); return v })
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	want := map[string]any{"namespace": "internal", "namespaceArn": out(get(t, m, tNamespace, "plat-namespace"), "arn")}
	if diff := cmp.Diff(want, got["cluster"].(map[string]any)["serviceConnect"]); diff != "" {
		t.Errorf("contract's cluster.serviceConnect (-want +got):\n%s", diff)
	}

	// A service stack on such a contract, as a deployed platform exports
	// it: a backend and a web service that calls it.
	const nsArn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0123456789abcdef"
	js := strings.Replace(attachJSON, `"fargate":true}`, `"fargate":true,"serviceConnect":{"namespace":"internal","namespaceArn":"`+nsArn+`"}}`, 1)
	js = strings.Replace(js, `"logs":"Interface"`, `"logs":"Interface","ecs-agent":"Interface"`, 1)
	c, err := ParsePlatformContract(js)
	if err != nil {
		t.Fatal(err)
	}
	lb, err := c.LoadBalancer("main")
	if err != nil {
		t.Fatal(err)
	}
	m = awsmock.New(testRegion)
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		b, err := service.NewBackendService(ctx, "orders", &service.BackendServiceArgs{Network: c, Cluster: c,
			Container: service.ContainerArgs{Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1")}})
		if err != nil {
			return err
		}
		_, err = service.NewWebService(ctx, "web", &service.WebServiceArgs{Network: c, Cluster: c, LoadBalancer: lb,
			Route:     &service.ServiceRoute{Hosts: []string{"web.example.com"}, Team: "orders"},
			Container: service.ContainerArgs{Image: pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1")}, Calls: []service.ServiceConnectSource{b}})
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("service stack failed: %v", err)
	}
	expect(t, get(t, m, tService, "web-service"), "serviceConnectConfiguration.namespace", nsArn)
	expect(t, get(t, m, tService, "orders-service"), "serviceConnectConfiguration.services[0].discoveryName", "orders")

	// Without the endpoint the platform registers nothing.
	m = awsmock.New(testRegion)
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewPlatform(ctx, "plat", &PlatformArgs{Cluster: cluster.ClusterArgs{ServiceConnect: &cluster.ServiceConnectArgs{}}})
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	if err == nil || !strings.Contains(err.Error(), `Endpoints: Cluster.ServiceConnect gives the cluster a namespace, but the platform has no ecs-agent endpoint`) {
		t.Fatalf("error = %v, want the missing ecs-agent endpoint refused", err)
	}
	if n := len(m.Resources()); n > 0 {
		t.Errorf("%d resources registered although the platform was refused", n)
	}
}

// A backend exports what a caller in another stack needs as one object;
// the servers it reaches travel with it, so a caller can see a cycle.
func TestBackendExportsItsContract(t *testing.T) {
	m := awsmock.New(testRegion)
	var got any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, cl, _, err := connectPieces(ctx, map[string]network.EndpointFeatures{"x": {ServiceConnect: true}})
		if err != nil {
			return err
		}
		ledger := service.ServiceConnectContract{Name: "ledger", Port: 80, Namespace: "apps", SecurityGroupId: pulumi.String("sg-0123456789abcdef0"), Calls: []string{"audit"}}
		orders, err := service.NewBackendService(ctx, "orders", &service.BackendServiceArgs{Network: n, Cluster: cl,
			Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: []service.ServiceConnectSource{ledger}})
		if err != nil {
			return err
		}
		orders.ServiceConnect.ApplyT(func(v any) any { got = v; return v })
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "orders", "port": 8080, "appProtocol": "http", "namespace": "apps",
		"securityGroupId": "orders-task-sg_id", "calls": []any{"audit", "ledger"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders' exported contract (-want +got):\n%s", diff)
	}
}

// A service of another stack calls a backend through the backend stack's
// output; a backend stack that exports none, or a contract that lacks the
// server's group, is refused before anything registers.
func TestAttachBackendReadsTheBackendStack(t *testing.T) {
	exported := map[string]any{"name": "orders", "port": 8080.0, "appProtocol": "http", "namespace": "apps", "securityGroupId": "sg-0a1b2c3d4e5f60718", "calls": []any{}}
	for _, c := range []struct {
		name    string
		outputs map[string]any
		wantErr string
	}{
		{"a backend stack", map[string]any{BackendOutput: exported}, ""},
		{"a stack without the output", map[string]any{}, `backend stack acme/orders/dev has no "serviceConnect" output; deploy the backend there first`},
		{"a contract without a group", map[string]any{BackendOutput: map[string]any{"name": "orders", "port": 8080.0, "namespace": "apps"}}, `securityGroupId: "" is not an id like sg-0123456789abcdef0`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			m.StackOutputs = map[string]map[string]any{"acme/orders/dev": c.outputs}
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				orders, err := AttachBackend(ctx, "acme/orders/dev")
				if err != nil {
					return err
				}
				n, cl, l, err := connectPieces(ctx, map[string]network.EndpointFeatures{"web": {ServiceConnect: true}})
				if err != nil {
					return err
				}
				_, err = service.NewWebService(ctx, "web", &service.WebServiceArgs{Network: n, Cluster: cl, LoadBalancer: l,
					Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: []service.ServiceConnectSource{orders}})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if c.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				expect(t, get(t, m, tIngress, "web-calls-orders-in"), "securityGroupId", "sg-0a1b2c3d4e5f60718")
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error = %v, want %q", err, c.wantErr)
			}
			for _, r := range m.Resources() {
				if r.Type != "pulumi:pulumi:Stack" && r.Type != "pulumi:pulumi:StackReference" {
					t.Errorf("%s registered although the backend contract was refused", r.URN)
				}
			}
		})
	}
}

// Fact: a client's proxy resolves only the servers that exist when its
// tasks start, so each service is deployed after the servers it calls
// (ECS developer guide, "Service Connect components"). A call cycle
// (orders calls ledger, which reaches orders) has no order at all and is
// refused by field, naming the cycle's fix.
func TestACallThatClosesACycleIsRefused(t *testing.T) {
	m := awsmock.New(testRegion)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, cl, _, err := connectPieces(ctx, map[string]network.EndpointFeatures{"x": {ServiceConnect: true}})
		if err != nil {
			return err
		}
		// ledger, of another stack, calls audit, which calls orders.
		ledger := service.ServiceConnectContract{Name: "ledger", Port: 80, Namespace: "apps", SecurityGroupId: pulumi.String("sg-0123456789abcdef0"), Calls: []string{"audit", "orders"}}
		_, err = service.NewBackendService(ctx, "orders", &service.BackendServiceArgs{Network: n, Cluster: cl,
			Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: []service.ServiceConnectSource{ledger}})
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	want := "Calls[0]: ledger already reaches orders through its own calls, so this call closes a cycle"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want %q", err, want)
	}
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Name, "orders") {
			t.Errorf("%s registered although orders was refused", r.URN)
		}
	}
}

// A web service is nobody's server, so calling a backend of its own name
// (in another stack) is no self-call; a nil backend, as a failed
// constructor returns, is refused by field rather than dereferenced.
func TestWebCallsAreCheckedAsAClient(t *testing.T) {
	var failed *service.BackendService
	orders := service.ServiceConnectContract{Name: "web", Port: 8080, Namespace: "apps", SecurityGroupId: pulumi.String("sg-0123456789abcdef0")}
	for _, c := range []struct {
		name    string
		calls   []service.ServiceConnectSource
		wantErr string
	}{
		{"a backend named as the web service", []service.ServiceConnectSource{orders}, ""},
		{"a nil backend", []service.ServiceConnectSource{failed}, "Calls[0]: no server is given"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				n, cl, l, err := connectPieces(ctx, map[string]network.EndpointFeatures{"web": {ServiceConnect: true}})
				if err != nil {
					return err
				}
				_, err = service.NewWebService(ctx, "web", &service.WebServiceArgs{Network: n, Cluster: cl, LoadBalancer: l,
					Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "."}}, Calls: c.calls})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("web refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error = %v, want %q", err, c.wantErr)
			}
		})
	}
}
