package components

import (
	"errors"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestInvalidArgsAreAllReportedAndCreateNothing(t *testing.T) {
	tests := []struct {
		name    string
		give    func(a *PrivateFargateServiceArgs)
		wantErr []string
	}{
		{"one AZ", func(a *PrivateFargateServiceArgs) { a.Network.AzCount = 1 },
			[]string{"Network.AzCount: 1 AZs is too few: an ALB needs subnets in at least 2 AZs; use 2 or more"}},
		{"public VPC CIDR", func(a *PrivateFargateServiceArgs) { a.Network.CidrBlock = "8.8.0.0/16" },
			[]string{`Network.CidrBlock: "8.8.0.0/16" is not a private range`}},
		{"VPC CIDR too small", func(a *PrivateFargateServiceArgs) { a.Network.CidrBlock = "10.0.0.0/26" },
			[]string{`Network.CidrBlock: "10.0.0.0/26" is too small`, "use a /16 to /24"}},
		{"VPC CIDR not a CIDR", func(a *PrivateFargateServiceArgs) { a.Network.CidrBlock = "10.0.0.0" },
			[]string{`Network.CidrBlock: "10.0.0.0" is not an IPv4 CIDR block`}},
		{"CPU and memory not a Fargate size", func(a *PrivateFargateServiceArgs) { a.Task.Cpu, a.Task.Memory = 512, 512 },
			[]string{"Task.Memory: 512 MiB is not offered with 512 CPU units; use 1024 to 4096 in steps of 1024 MiB"}},
		{"CPU not a Fargate size", func(a *PrivateFargateServiceArgs) { a.Task.Cpu = 300 },
			[]string{"Task.Cpu: 300 CPU units is not a Fargate size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384"}},
		{"port zero after default is impossible, so too high", func(a *PrivateFargateServiceArgs) { a.Container.Port = 70000 },
			[]string{"Container.Port: 70000 is out of range; use 1 to 65535"}},
		{"negative port", func(a *PrivateFargateServiceArgs) { a.Container.Port = -1 },
			[]string{"Container.Port: -1 is out of range; use 1 to 65535"}},
		{"negative desired count", func(a *PrivateFargateServiceArgs) { n := -1; a.Service.DesiredCount = &n },
			[]string{"Service.DesiredCount: -1 tasks is negative; use 0 or more"}},
		{"health check path without slash", func(a *PrivateFargateServiceArgs) { a.LoadBalancer.HealthCheck.Path = "healthz" },
			[]string{`LoadBalancer.HealthCheck.Path: "healthz" does not start with "/"`}},
		{"two bases", func(a *PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{
				{Provider: cluster.ProviderFargate, Base: 1, Weight: 1}, {Provider: cluster.ProviderFargateSpot, Base: 1, Weight: 1}}
		}, []string{"Service.CapacityProviderStrategy: only one provider may set a base (FARGATE and FARGATE_SPOT all do); remove all but one of the bases"}},
		{"all weights zero", func(a *PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargate, Base: 1}}
		}, []string{"Service.CapacityProviderStrategy: every weight is 0"}},
		{"unknown provider", func(a *PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: "FARGATE_CHEAP", Weight: 1}}
		}, []string{`Service.CapacityProviderStrategy[0].Provider: "FARGATE_CHEAP" is not a known capacity provider; use FARGATE, FARGATE_SPOT or EC2`}},
		{"seven entries", func(a *PrivateFargateServiceArgs) {
			for i := 0; i < 7; i++ {
				a.Service.CapacityProviderStrategy = append(a.Service.CapacityProviderStrategy, cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderFargate, Weight: 1})
			}
		}, []string{"Service.CapacityProviderStrategy: 7 entries is more than ECS allows; use at most 6", "FARGATE is named twice"}},
		{"HTTPS without certificate", func(a *PrivateFargateServiceArgs) { a.Ingress.Https = true },
			[]string{"Ingress.CertificateArn: HTTPS is on but no certificate is given"}},
		{"log retention CloudWatch refuses", func(a *PrivateFargateServiceArgs) { a.LogRetentionDays = 10 },
			[]string{"LogRetentionDays: 10 is not a CloudWatch retention period; use one of 1, 3, 5, 7, 14, 30"}},
		{"Docker Hub short name without NAT", func(a *PrivateFargateServiceArgs) { a.Container.Build, a.Container.Image = nil, pulumi.String("nginx") },
			[]string{`Container.Image: "nginx" comes from docker.io, which tasks in private subnets without a NAT gateway cannot reach`, "turn on NAT"}},
		{"docker.io without NAT", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("docker.io/library/nginx:1.27")
		},
			[]string{`Container.Image: "docker.io/library/nginx:1.27" comes from docker.io`}},
		{"public ECR without NAT", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("public.ecr.aws/nginx/nginx:latest")
		}, []string{`Container.Image: "public.ecr.aws/nginx/nginx:latest" comes from public.ecr.aws`}},
		{"GHCR without NAT", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("ghcr.io/org/app:1")
		},
			[]string{`Container.Image: "ghcr.io/org/app:1" comes from ghcr.io`}},
		{"ECR in another region", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1")
		}, []string{"is in ECR region eu-west-1, but the VPC endpoints serve us-east-1 only"}},
		{"image and build both", func(a *PrivateFargateServiceArgs) {
			a.Container.Image = pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")
		},
			[]string{"Container.Image: both an image and a build are given"}},
		{"neither image nor build", func(a *PrivateFargateServiceArgs) { a.Container.Build = nil },
			[]string{"Container.Image: no image and no build are given"}},
		{"bad secret ARN", func(a *PrivateFargateServiceArgs) {
			a.Container.Secrets = literalSecrets(map[string]string{"X": "my-secret"})
		},
			[]string{`Container.Secrets.X: "my-secret" is not a Secrets Manager secret ARN or an SSM parameter ARN`}},
		{"unknown NAT mode", func(a *PrivateFargateServiceArgs) { a.Network.NatGateways = "two" },
			[]string{`Network.NatGateways: "two" is not a NAT mode`}},
		{"bad allowed CIDR", func(a *PrivateFargateServiceArgs) { a.Ingress.AllowedCidrs = []string{"office"} },
			[]string{`Ingress.AllowedCidrs[0]: "office" is not a CIDR block`}},
		{"health check timeout not below interval", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.HealthCheck.Interval, a.LoadBalancer.HealthCheck.Timeout = 10, 10
		}, []string{"LoadBalancer.HealthCheck.Timeout: 10s must be less than the interval (10s)"}},
		{"stop timeout beyond Fargate", func(a *PrivateFargateServiceArgs) { a.Container.StopTimeout = 300 },
			[]string{"Container.StopTimeout: 300 is out of range; use 2 to 120"}},
		{"extra endpoint as full name", func(a *PrivateFargateServiceArgs) {
			a.ExtraEndpointServices = []string{"com.amazonaws.us-east-1.sqs"}
		}, []string{`ExtraEndpointServices[0]: "com.amazonaws.us-east-1.sqs" is not a short service name`}},
		{"every problem at once", func(a *PrivateFargateServiceArgs) {
			a.Network.AzCount = 1
			a.Task.Cpu, a.Task.Memory = 256, 4096
			a.Container.Port = 0x10000
			a.LogRetentionDays = 2
		}, []string{"(4 problems)", "Network.AzCount:", "Task.Memory:", "Container.Port:", "LogRetentionDays:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := baseArgs()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

// expectInvalid runs the component with invalid args and checks that it
// fails with every wanted message and registers nothing.
func expectInvalid(t *testing.T, a PrivateFargateServiceArgs, wantErr []string) {
	t.Helper()
	m, _, err := run(t, a)
	if err == nil {
		t.Fatal("the program succeeded; want a validation error")
	}
	for _, want := range wantErr {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
	if rs := m.Resources(); len(rs) != 0 {
		t.Errorf("registered %d resources (first %s) for invalid args, want 0", len(rs), rs[0].URN)
	}
}

func TestValidationErrorListsFields(t *testing.T) {
	a := baseArgs().withDefaults()
	a.Network.AzCount = 1
	a.Container.Port = 0
	err := a.validate(testName, testRegion)
	var ve *check.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("validate returned %T, want *ValidationError", err)
	}
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	if strings.Join(fields, ",") != "Network.AzCount,Container.Port" {
		t.Errorf("fields = %v, want [Network.AzCount Container.Port]", fields)
	}
}

func TestComponentNameSuitsAwsNames(t *testing.T) {
	for _, name := range []string{"Web", "my_app", "1web", "", strings.Repeat("a", 33)} {
		err := baseArgs().withDefaults().validate(name, testRegion)
		if err == nil || !strings.Contains(err.Error(), "name: ") {
			t.Errorf("validate(%q) = %v, want a name problem", name, err)
		}
	}
	if err := baseArgs().withDefaults().validate("orders-api-2", testRegion); err != nil {
		t.Errorf("validate(orders-api-2) = %v, want nil", err)
	}
}

func TestValidArgsPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		give func(a *PrivateFargateServiceArgs)
	}{
		{"defaults", func(*PrivateFargateServiceArgs) {}},
		{"ECR image in region", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc")
		}},
		{"public image with NAT", func(a *PrivateFargateServiceArgs) {
			a.Container.Build, a.Container.Image = nil, pulumi.String("nginx")
			a.Network.NatGateways = network.NatSingle
		}},
		{"six AZs", func(a *PrivateFargateServiceArgs) {
			a.Network.AvailabilityZones = []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}
		}},
		{"largest Fargate size", func(a *PrivateFargateServiceArgs) { a.Task.Cpu, a.Task.Memory = 16384, 122880 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := baseArgs()
			tc.give(&a)
			if err := a.withDefaults().validate(testName, testRegion); err != nil {
				t.Errorf("validate: %v", err)
			}
		})
	}
}
