package components

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

const platformImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"

func attachJSONPlatform(t *testing.T) *PlatformContract {
	t.Helper()
	c, err := ParsePlatformContract(attachJSON)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// runPlatformService runs NewPlatformService under mocks.
func runPlatformService(t *testing.T, args PlatformServiceArgs) (*awsmock.Mocks, *PlatformService, error) {
	t.Helper()
	m := awsmock.New(testRegion)
	var got *PlatformService
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		var err error
		got, err = NewPlatformService(ctx, "orders", &args)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, got, err
}

// A web service written as the one-service component's args runs on a
// platform: the piece of its kind (WebService, no parent of the
// component's), on the platform's cluster and private subnets, with its
// route on the platform's HTTPS listener and its target group's health
// check from LoadBalancer.HealthCheck.
func TestPlatformServiceMakesTheWebServiceOnThePlatform(t *testing.T) {
	m, svc, err := runPlatformService(t, PlatformServiceArgs{
		Service: PrivateFargateServiceArgs{
			Container:    service.ContainerArgs{Image: pulumi.String(platformImage)},
			LoadBalancer: edge.LoadBalancerArgs{HealthCheck: edge.TargetHealthCheck{Path: "/healthz"}},
		},
		Platform: attachJSONPlatform(t),
		Route:    &service.ServiceRoute{Paths: []string{"/orders/*"}, Team: "orders"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if svc.Kind != KindWeb || len(m.ByType(service.WebServiceType)) != 1 || len(m.ByType(PrivateFargateServiceType)) != 0 {
		t.Fatalf("kind %s, want one WebService and no PrivateFargateService", svc.Kind)
	}
	ecs := get(t, m, tService, "orders-service")
	expect(t, ecs, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/plat")
	expect(t, ecs, "networkConfiguration.subnets", []any{"subnet-0a1", "subnet-0b2"})
	rule := get(t, m, "aws:lb/listenerRule:ListenerRule", "orders-rule")
	expect(t, rule, "listenerArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/main/1/443")
	expect(t, get(t, m, "aws:lb/targetGroup:TargetGroup", "orders-tg"), "healthCheck.path", "/healthz")
	for _, k := range []string{"serviceName", "repositoryUrl", "logGroupName", "taskSecurityGroupId", "url"} {
		if _, ok := svc.Outputs[k]; !ok {
			t.Errorf("no output %s", k)
		}
	}
}

// What the platform owns is refused by field, all at once, with no
// look-up and nothing registered; so are a web service with no route and
// a worker with one.
func TestPlatformServiceRefusesWhatThePlatformOwns(t *testing.T) {
	m, _, err := runPlatformService(t, PlatformServiceArgs{
		Service: PrivateFargateServiceArgs{
			Container: service.ContainerArgs{Image: pulumi.String(platformImage)},
			Network:   network.NetworkArgs{CidrBlock: "10.1.0.0/16"},
			Ingress:   edge.IngressArgs{AllowedCidrs: []string{"10.0.0.0/8"}},
			Kms:       &KmsArgs{Create: true},
		},
		Platform: attachJSONPlatform(t),
	})
	for _, want := range []string{
		"Service.Network.CidrBlock: belongs to the platform", "Service.Ingress.AllowedCidrs: belongs to the platform",
		"Service.Kms: belongs to the platform", "Route: is required for a web service on a platform",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
	if len(m.Resources()) != 0 || len(m.Invokes()) != 0 {
		t.Errorf("%d resources and %d look-ups, want none", len(m.Resources()), len(m.Invokes()))
	}
	_, _, err = runPlatformService(t, PlatformServiceArgs{
		Service:  PrivateFargateServiceArgs{Kind: KindWorker, Container: service.ContainerArgs{Image: pulumi.String(platformImage)}},
		Platform: attachJSONPlatform(t), Route: &service.ServiceRoute{Paths: []string{"/"}}, LoadBalancer: "main",
	})
	for _, want := range []string{"Route: a worker takes no listener rule", "LoadBalancer: a worker is not behind a load balancer"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
}

// A piece's problem is named by the field of PlatformServiceArgs that
// sets it: the workload's under Service, at the one-service component's
// path; the route's under Route; the platform's missing endpoint under
// Platform.
func TestPlatformServiceNamesThePiecesProblemsByItsFields(t *testing.T) {
	_, _, err := runPlatformService(t, PlatformServiceArgs{
		Service: PrivateFargateServiceArgs{
			Container:    service.ContainerArgs{Image: pulumi.String(platformImage), Port: 80},
			Task:         service.TaskArgs{Cpu: 300},
			LoadBalancer: edge.LoadBalancerArgs{HealthCheck: edge.TargetHealthCheck{Interval: 1}},
			Tracing:      service.TracingXray,
		},
		Platform: attachJSONPlatform(t),
		Route:    &service.ServiceRoute{Paths: []string{"/orders/*"}, Team: "orders", Priority: 9000},
	})
	for _, want := range []string{"Service.Task.Cpu:", "Service.LoadBalancer.HealthCheck.Interval:", "Route.Priority:", "Platform: service orders needs the xray endpoint"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want %q", err, want)
		}
	}
}

// EndpointServices are the endpoints beyond the base set that a
// workload's settings need (BRIEF facts on endpoints; the ECS developer
// guide's ECS Exec and Service Connect pages for ssmmessages and
// ecs-agent): its secret store, ECS Exec's ssmmessages and (sessions
// encrypted with the platform's key) kms, tracing's xray, a worker's
// sqs, a backend's or a caller's ecs-agent.
func TestPlatformServiceEndpointServices(t *testing.T) {
	secret := map[string]service.ContainerSecret{"DB": {Arn: pulumi.String("arn:aws:ssm:us-east-1:123456789012:parameter/db")}}
	tests := []struct {
		name string
		args PlatformServiceArgs
		want []string
	}{
		{"plain web", PlatformServiceArgs{}, nil},
		{"ssm secret and exec", PlatformServiceArgs{Service: PrivateFargateServiceArgs{
			Container: service.ContainerArgs{Secrets: secret}, Service: service.ServiceArgs{EnableExecuteCommand: true}}},
			[]string{"kms", "ssm", "ssmmessages"}},
		{"exec on a platform that does not encrypt sessions", PlatformServiceArgs{Platform: &PlatformContract{},
			Service: PrivateFargateServiceArgs{Service: service.ServiceArgs{EnableExecuteCommand: true}}}, []string{"ssmmessages"}},
		{"tracing", PlatformServiceArgs{Service: PrivateFargateServiceArgs{Tracing: service.TracingXray}}, []string{"xray"}},
		{"worker", PlatformServiceArgs{Service: PrivateFargateServiceArgs{Kind: KindWorker}}, []string{"sqs"}},
		{"backend", PlatformServiceArgs{Service: PrivateFargateServiceArgs{Kind: KindBackend}}, []string{"ecs-agent"}},
		{"caller", PlatformServiceArgs{Calls: []service.ServiceConnectSource{nil}}, []string{"ecs-agent"}},
	}
	for _, tt := range tests {
		if tt.args.Service.Kind == "" {
			tt.args.Route = &service.ServiceRoute{Paths: []string{"/*"}}
		}
		got, err := tt.args.EndpointServices()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
