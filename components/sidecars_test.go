package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	collectorImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/otel/collector:0.40.0"
	proxyImage     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/proxy:1.2.3"
	tokenParameter = "arn:aws:ssm:us-east-1:123456789012:parameter/collector/token"
)

// withSidecars is baseArgs with a collector the app waits for (HEALTHY)
// and a proxy that waits for the app (START), on a task with room for
// their reservations.
func withSidecars() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Task = service.TaskArgs{Cpu: 512, Memory: 1024}
	a.Container.DependsOn = []service.ContainerDependency{{Container: "collector", Condition: service.DependencyHealthy}}
	off := false
	a.Sidecars = []service.SidecarArgs{
		{
			Name: "collector", Image: pulumi.String(collectorImage), Ports: []int{4317, 2000},
			Environment: pulumi.StringMap{"MODE": pulumi.String("agent")},
			Secrets:     literalSecrets(map[string]string{"TOKEN": tokenParameter}),
			HealthCheck: &service.ContainerHealthCheck{Command: []string{"CMD", "/healthcheck"}},
			Cpu:         128, MemoryReservation: 256, ReadonlyRootFilesystem: true,
		},
		{
			Name: "proxy", Image: pulumi.String(proxyImage), Essential: &off,
			DependsOn: []service.ContainerDependency{{Container: "app", Condition: service.DependencyStart}},
		},
	}
	return a
}

// containerDefs decodes the task definition's container definitions.
func containerDefs(t *testing.T, r string) []map[string]any {
	t.Helper()
	var defs []map[string]any
	if err := json.Unmarshal([]byte(r), &defs); err != nil {
		t.Fatalf("container definitions are not JSON: %v\n%s", err, r)
	}
	return defs
}

// The app comes first, then each sidecar in order, each with its own
// image, ports (host port = container port in awsvpc), essential flag,
// dependencies, variables, health check (defaulted as the app's),
// reservations, read-only root, and its own log stream prefix in the
// service's log group.
func TestSidecarsRenderBesideTheApp(t *testing.T) {
	m, _ := mustRun(t, withSidecars())
	td := get(t, m, tTaskDef, "web-task")
	defs := containerDefs(t, in(td, "containerDefinitions").(string))
	if len(defs) != 3 {
		t.Fatalf("%s: %d containers, want app, collector and proxy", td.URN, len(defs))
	}
	app := defs[0]
	if app["name"] != "app" || app["essential"] != true {
		t.Errorf("%s: first container is %v (essential %v), want the essential app", td.URN, app["name"], app["essential"])
	}
	if diff := cmp.Diff([]any{map[string]any{"containerName": "collector", "condition": "HEALTHY"}}, app["dependsOn"]); diff != "" {
		t.Errorf("%s: app dependsOn (-want +got):\n%s", td.URN, diff)
	}
	logs := func(prefix string) map[string]any {
		return map[string]any{"logDriver": "awslogs", "options": map[string]any{
			"awslogs-group": "web-logs", "awslogs-region": "us-east-1", "awslogs-stream-prefix": prefix}}
	}
	wantCollector := map[string]any{
		"name": "collector", "image": collectorImage, "essential": true,
		"portMappings": []any{
			map[string]any{"containerPort": 4317.0, "hostPort": 4317.0, "protocol": "tcp"},
			map[string]any{"containerPort": 2000.0, "hostPort": 2000.0, "protocol": "tcp"},
		},
		"environment":      []any{map[string]any{"name": "MODE", "value": "agent"}},
		"secrets":          []any{map[string]any{"name": "TOKEN", "valueFrom": tokenParameter}},
		"logConfiguration": logs("collector"),
		"healthCheck": map[string]any{"command": []any{"CMD", "/healthcheck"},
			"interval": 30.0, "timeout": 5.0, "retries": 3.0, "startPeriod": 0.0},
		"stopTimeout": 30.0, "readonlyRootFilesystem": true,
		"cpu": 128.0, "memoryReservation": 256.0,
	}
	if diff := cmp.Diff(wantCollector, defs[1]); diff != "" {
		t.Errorf("%s: collector container (-want +got):\n%s", td.URN, diff)
	}
	wantProxy := map[string]any{
		"name": "proxy", "image": proxyImage, "essential": false,
		"portMappings": []any{}, "environment": []any{}, "secrets": []any{},
		"logConfiguration": logs("proxy"),
		"stopTimeout":      30.0, "readonlyRootFilesystem": false,
		"dependsOn": []any{map[string]any{"containerName": "app", "condition": "START"}},
	}
	if diff := cmp.Diff(wantProxy, defs[2]); diff != "" {
		t.Errorf("%s: proxy container (-want +got):\n%s", td.URN, diff)
	}
	// Sidecar ports are not routed: the security group rules are exactly
	// the app's traffic paths (BRIEF fact 11), and the service's load
	// balancer entry keeps the app's port.
	expectRules(t, m, []rule{
		{"web-alb-sg_id", "egress", "8080", "web-task-sg_id"},
		{"web-alb-sg_id", "ingress", "80", "0.0.0.0/0"},
		{"web-endpoint-sg_id", "ingress", "443", "web-task-sg_id"},
		{"web-task-sg_id", "egress", "443", "pl-s3"},
		{"web-task-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-task-sg_id", "ingress", "8080", "web-alb-sg_id"},
	})
	expect(t, get(t, m, tService, "web-service"), "loadBalancers[0].containerPort", 8080)
	expect(t, get(t, m, tService, "web-service"), "loadBalancers[0].containerName", "app")
}

// A sidecar's secret is the app's kind of secret: its store's endpoint is
// added (BRIEF fact 2: SSM Parameter Store needs the ssm endpoint without
// NAT) and the execution role may read exactly that ARN (BRIEF fact 10).
func TestSidecarSecretsAddTheirEndpointAndGrant(t *testing.T) {
	m, _ := mustRun(t, withSidecars())
	expect(t, get(t, m, tEndpoint, "web-vpce-ssm"), "serviceName", "com.amazonaws.us-east-1.ssm")
	if r := m.Find(tEndpoint, "web-vpce-secretsmanager"); r != nil {
		t.Errorf("%s: a Secrets Manager endpoint with only SSM parameters", r.URN)
	}
	got := policyStatements(t, get(t, m, tRolePolicy, "web-execution-policy"))["ReadParameters"]
	if !equal(got, []string{tokenParameter}) {
		t.Errorf("execution policy ReadParameters = %v, want [%s]", got, tokenParameter)
	}
}

// The same secret in the app and in a sidecar is granted once.
func TestSharedSecretIsGrantedOnce(t *testing.T) {
	a := withSidecars()
	a.Container.Secrets = literalSecrets(map[string]string{"TOKEN": tokenParameter})
	m, _ := mustRun(t, a)
	got := policyStatements(t, get(t, m, tRolePolicy, "web-execution-policy"))["ReadParameters"]
	if !equal(got, []string{tokenParameter}) {
		t.Errorf("execution policy ReadParameters = %v, want [%s] once", got, tokenParameter)
	}
}

// A WebService's sidecar secret is one more endpoint need of the service,
// checked against the shared network like the app's (BRIEF fact 14).
func TestWebServiceSidecarSecretNeedsTheNetworksEndpoint(t *testing.T) {
	pl := sharedPlatform()
	pl.network.Features = map[string]network.EndpointFeatures{"web": {}, "api": {}, "admin": {Ec2: true}}
	pl.tweak = func(_ *pulumi.Context, svc string, a *service.WebServiceArgs) {
		if svc == "web" {
			a.Sidecars = []service.SidecarArgs{{Name: "agent", Image: pulumi.String(proxyImage),
				Secrets: literalSecrets(map[string]string{"KEY": "arn:aws:secretsmanager:us-east-1:123456789012:secret:agent-AbCdEf"})}}
		}
	}
	_, err := pl.run(t)
	if err == nil {
		t.Fatal("web with a sidecar's Secrets Manager secret was accepted on a network without the endpoint")
	}
	for _, want := range []string{"service web needs the secretsmanager endpoint", `set SecretsManager in the network's Features["web"]`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// sidecarCase changes withSidecars' args and names what must be refused.
type sidecarCase struct {
	name    string
	give    func(a *PrivateFargateServiceArgs)
	wantErr []string
}

func runSidecarCases(t *testing.T, tests []sidecarCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withSidecars()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

func TestSidecarProblemsAreRefusedByField(t *testing.T) {
	runSidecarCases(t, []sidecarCase{
		{"name of the app", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Name = "app" },
			[]string{`Sidecars[1].Name: "app" is also Container.Name; give each container of the task its own name`}},
		{"name twice", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Name = "collector" },
			[]string{`Sidecars[1].Name: "collector" is also Sidecars[0].Name`}},
		{"no name", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Name = "" },
			[]string{"Sidecars[1].Name: is empty; name the sidecar"}},
		{"name not ECS's", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Name = "my proxy" },
			[]string{`Sidecars[1].Name: "my proxy" is not a container name; use 1 to 255 letters, digits, hyphens and underscores`}},
		{"port of the app", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Ports = []int{8080} },
			[]string{"Sidecars[1].Ports[0]: 8080 is also Container.Port; the containers of a task share its network"}},
		{"port twice", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Ports = []int{9000, 4317} },
			[]string{"Sidecars[1].Ports[1]: 4317 is also Sidecars[0].Ports[0]"}},
		{"port out of range", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Ports = []int{70000} },
			[]string{"Sidecars[1].Ports[0]: 70000 is out of range; use 1 to 65535"}},
		{"no image", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Image = nil },
			[]string{"Sidecars[1].Image: no image is given"}},
		{"public image without NAT", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].Image = pulumi.String("nginx:1.27") },
			[]string{`Sidecars[1].Image: "nginx:1.27"`}},
		{"variable name", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[1].Environment = pulumi.StringMap{"BAD-NAME": pulumi.String("x")}
		}, []string{`Sidecars[1].Environment: "BAD-NAME" is not a variable name`}},
		{"secret that is also a variable", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[0].Environment["TOKEN"] = pulumi.String("x")
		}, []string{`Sidecars[0].Secrets.TOKEN: "TOKEN" is both a plain variable and a secret; keep one`}},
		{"secret of another region", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[1].Secrets = literalSecrets(map[string]string{"K": "arn:aws:ssm:eu-west-1:123456789012:parameter/k"})
		}, []string{"Sidecars[1].Secrets.K:"}},
		{"health check command", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[0].HealthCheck.Command = []string{"/healthcheck"}
		}, []string{`Sidecars[0].HealthCheck.Command: ["/healthcheck"] is not a health check command`}},
		{"dependency on nothing", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[1].DependsOn = []service.ContainerDependency{{Container: "db", Condition: service.DependencyStart}}
		}, []string{`Sidecars[1].DependsOn[0].Container: "db" names no container of the task; use the app's container name or a sidecar's`}},
		{"dependency named twice", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[1].DependsOn = append(a.Sidecars[1].DependsOn, service.ContainerDependency{Container: "app", Condition: service.DependencyHealthy})
			a.Container.HealthCheck = &service.ContainerHealthCheck{Command: []string{"CMD", "/app", "-healthcheck"}}
		}, []string{`Sidecars[1].DependsOn[1].Container: "app" is named twice`}},
		{"cycle through the app", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[0].DependsOn = []service.ContainerDependency{{Container: "app", Condition: service.DependencyStart}}
		}, []string{"Container.DependsOn: the containers wait for each other in a cycle (app -> collector -> app), so none of them would start; remove one of these dependencies"}},
		{"cycle among sidecars", func(a *PrivateFargateServiceArgs) {
			a.Container.DependsOn = nil
			a.Sidecars[0].DependsOn = []service.ContainerDependency{{Container: "proxy", Condition: service.DependencyStart}}
			a.Sidecars[1].DependsOn = []service.ContainerDependency{{Container: "collector", Condition: service.DependencyHealthy}}
		}, []string{"Sidecars[0].DependsOn: the containers wait for each other in a cycle (collector -> proxy -> collector)"}},
		{"waits for itself", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[1].DependsOn = []service.ContainerDependency{{Container: "proxy", Condition: service.DependencyStart}}
		}, []string{"Sidecars[1].DependsOn: the containers wait for each other in a cycle (proxy -> proxy)"}},
		{"condition not ECS's", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].DependsOn[0].Condition = "READY" },
			[]string{`Sidecars[1].DependsOn[0].Condition: "READY" is not a dependency condition; use START, COMPLETE, SUCCESS, HEALTHY`}},
		{"sidecar CPU above the task's", func(a *PrivateFargateServiceArgs) { a.Sidecars[0].Cpu = 1024 },
			[]string{"Sidecars[0].Cpu: 1024 CPU units is outside the task's 0 to 512 (Task.Cpu); reserve at most the task's CPU, or raise Task.Cpu"}},
		{"sidecar memory above the task's", func(a *PrivateFargateServiceArgs) { a.Sidecars[0].MemoryReservation = 2048 },
			[]string{"Sidecars[0].MemoryReservation: 2048 MiB is outside 6 to 1024 (Task.Memory)"}},
	})
}

// Everything wrong with the sidecars is reported in one run, and nothing
// registers.
func TestSidecarProblemsAreAllReportedAtOnce(t *testing.T) {
	a := withSidecars()
	a.Sidecars[1].Name = "app"
	a.Sidecars[1].Ports = []int{8080}
	a.Sidecars[0].DependsOn = []service.ContainerDependency{{Container: "ghost", Condition: service.DependencyStart}}
	a.Sidecars[0].Cpu = 4096
	expectInvalid(t, a, []string{
		`Sidecars[1].Name: "app" is also Container.Name`,
		"Sidecars[1].Ports[0]: 8080 is also Container.Port",
		`Sidecars[0].DependsOn[0].Container: "ghost" names no container of the task`,
		"Sidecars[0].Cpu: 4096 CPU units is outside the task's 0 to 512",
	})
}

// Fact: the dependency conditions are START (the container has started),
// COMPLETE (it has exited), SUCCESS (it has exited with status 0) and
// HEALTHY (its Docker health check passed, confirmed only at task start).
// Source: Amazon ECS API Reference, ContainerDependency, "condition"; ECS
// Developer Guide, "Container dependency".
func TestFactDependencyConditionsAreECSs(t *testing.T) {
	if diff := cmp.Diff([]string{"START", "COMPLETE", "SUCCESS", "HEALTHY"}, service.DependencyConditions); diff != "" {
		t.Errorf("dependency conditions (-want +got):\n%s", diff)
	}
	for _, cond := range service.DependencyConditions {
		a := withSidecars()
		off := false
		a.Sidecars[0].Essential = &off // COMPLETE and SUCCESS need it
		a.Container.DependsOn = []service.ContainerDependency{{Container: "collector", Condition: cond}}
		if _, _, err := run(t, a); err != nil {
			t.Errorf("the app waiting for a non-essential sidecar with a health check, %s: %v", cond, err)
		}
	}
}

// Fact: HEALTHY "requires that the dependent container has health checks
// configured". Source: Amazon ECS API Reference, ContainerDependency.
func TestFactHealthyNeedsAHealthCheck(t *testing.T) {
	runSidecarCases(t, []sidecarCase{
		{"sidecar without a health check", func(a *PrivateFargateServiceArgs) { a.Sidecars[0].HealthCheck = nil },
			[]string{`Container.DependsOn[0].Condition: HEALTHY waits for "collector"'s health check, and it has none; set Sidecars[0].HealthCheck, or wait for START`}},
		{"app without a health check", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].DependsOn[0].Condition = service.DependencyHealthy },
			[]string{`Sidecars[1].DependsOn[0].Condition: HEALTHY waits for "app"'s health check, and it has none; set Container.HealthCheck, or wait for START`}},
	})
}

// Fact: COMPLETE and SUCCESS wait for a container to exit, and "can't be
// set on an essential container" (an essential container's exit stops
// the task). The app's container is always essential. Source: Amazon ECS
// API Reference, ContainerDependency, "condition".
func TestFactCompleteAndSuccessNeedANonEssentialContainer(t *testing.T) {
	runSidecarCases(t, []sidecarCase{
		{"COMPLETE on an essential sidecar", func(a *PrivateFargateServiceArgs) { a.Container.DependsOn[0].Condition = service.DependencyComplete },
			[]string{`Container.DependsOn[0].Condition: COMPLETE waits for "collector" to exit, and it is essential, so its exit would stop the task; set Sidecars[0].Essential to false, or wait for START or HEALTHY`}},
		{"SUCCESS on the app", func(a *PrivateFargateServiceArgs) { a.Sidecars[1].DependsOn[0].Condition = service.DependencySuccess },
			[]string{`Sidecars[1].DependsOn[0].Condition: SUCCESS waits for "app" to exit, and the app's container is always essential, so its exit stops the task; wait for START or HEALTHY`}},
	})
}

// Fact: a container whose essential flag is left out is essential, and a
// task needs at least one essential container (the app's always is).
// Source: Amazon ECS API Reference, ContainerDefinition, "essential".
func TestFactSidecarsAreEssentialUnlessSaidOtherwise(t *testing.T) {
	got := service.SidecarsWithDefaults([]service.SidecarArgs{{Name: "a"}})[0]
	if !got.IsEssential() || got.Essential == nil || !*got.Essential {
		t.Errorf("a sidecar with Essential unset defaults to essential=%v, want true", got.Essential)
	}
}

// Fact: the container reservations must fit inside the task: "the total
// amount of CPU reserved for all containers within a task" stays under
// the task-level cpu, the same for memory, and "the resource limits must
// be greater than or equal to any reservations". Source: ECS Developer
// Guide, "Task definition parameters" (container cpu and memory) and
// "Choosing Fargate task sizes".
func TestFactReservationsFitInsideTheTask(t *testing.T) {
	runSidecarCases(t, []sidecarCase{
		{"CPU together", func(a *PrivateFargateServiceArgs) { a.Sidecars[0].Cpu, a.Sidecars[1].Cpu = 300, 300 },
			[]string{"Sidecars: the sidecars reserve 600 CPU units together, more than the task's 512 (Task.Cpu); lower their reservations, or raise Task.Cpu"}},
		{"memory together", func(a *PrivateFargateServiceArgs) {
			a.Sidecars[0].MemoryReservation, a.Sidecars[1].MemoryReservation = 600, 600
		}, []string{"Sidecars: the sidecars reserve 1200 MiB together, more than the task's 1024 (Task.Memory); lower their reservations, or raise Task.Memory"}},
	})
	a := withSidecars()
	a.Sidecars[0].Cpu, a.Sidecars[1].Cpu = 256, 256
	a.Sidecars[0].MemoryReservation, a.Sidecars[1].MemoryReservation = 512, 512
	if _, _, err := run(t, a); err != nil {
		t.Errorf("reservations that fill the task exactly were refused: %v", err)
	}
}

// Fact: Docker 20.10.0 and later reserve at least 6 MiB for a container,
// so ECS says not to give a container less. Source: Amazon ECS API
// Reference, ContainerDefinition, "memory" and "memoryReservation".
func TestFactMemoryReservationIsAtLeastSixMiB(t *testing.T) {
	runSidecarCases(t, []sidecarCase{
		{"4 MiB", func(a *PrivateFargateServiceArgs) { a.Sidecars[0].MemoryReservation = 4 },
			[]string{"Sidecars[0].MemoryReservation: 4 MiB is outside 6 to 1024 (Task.Memory); reserve at least Docker's 6 MiB"}},
	})
}

// In bridge mode a sidecar's ports take dynamic host ports like the
// app's (BRIEF fact 12), and the instance group admits nothing new for
// them: only the ALB's range to the app.
func TestBridgeSidecarPortsAreDynamicAndNotOpened(t *testing.T) {
	a := ec2Args()
	a.Ec2.NetworkMode = cluster.NetworkBridge
	a.Sidecars = []service.SidecarArgs{{Name: "agent", Image: pulumi.String(proxyImage), Ports: []int{9100}}}
	m, _ := mustRun(t, a)
	td := get(t, m, tTaskDef, "web-task")
	defs := containerDefs(t, in(td, "containerDefinitions").(string))
	if len(defs) != 2 {
		t.Fatalf("%s: %d containers, want app and agent", td.URN, len(defs))
	}
	want := []any{map[string]any{"containerPort": 9100.0, "hostPort": 0.0, "protocol": "tcp"}}
	if diff := cmp.Diff(want, defs[1]["portMappings"]); diff != "" {
		t.Errorf("%s: agent port mappings (-want +got):\n%s", td.URN, diff)
	}
	expectRules(t, m, []rule{
		{"web-alb-sg_id", "egress", "32768-65535", "web-instance-sg_id"},
		{"web-alb-sg_id", "ingress", "80", "0.0.0.0/0"},
		{"web-endpoint-sg_id", "ingress", "443", "web-instance-sg_id"},
		{"web-instance-sg_id", "egress", "443", "pl-s3"},
		{"web-instance-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-instance-sg_id", "ingress", "32768-65535", "web-alb-sg_id"},
	})
}

// The execution role pulls every container's image, and its pulls are
// scoped to repository ARNs (BRIEF fact 10): each sidecar's repository is
// granted beside the service's own, once however many images it holds.
func TestSidecarImagesArePullable(t *testing.T) {
	a := withSidecars()
	a.Sidecars = append(a.Sidecars, service.SidecarArgs{Name: "second", Image: pulumi.String(collectorImage + "-debug")})
	m, _ := mustRun(t, a)
	got := policyStatements(t, get(t, m, tRolePolicy, "web-execution-policy"))["EcrPull"]
	want := []string{
		"arn:aws:ecr:us-east-1:123456789012:repository/otel/collector",
		"arn:aws:ecr:us-east-1:123456789012:repository/proxy",
		"arn:aws:ecr:us-east-1:123456789012:repository/web-repo",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("execution policy EcrPull resources (-want +got):\n%s", diff)
	}
}
