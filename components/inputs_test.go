package components

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Values the input tests pass through other resources.
const (
	inCert   = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
	inImage  = "210987654321.dkr.ecr.us-east-1.amazonaws.com/team/api:1.4.2"
	inGroup  = "sg-0db0123456789abcd"
	inPolicy = "arn:aws:iam::123456789012:policy/reports-read"
	inBucket = "arn:aws:s3:::reports/*"
	inBase   = "arn:aws:ecr:us-east-1:123456789012:repository/base"
)

// stored is a value another resource holds: an SSM parameter's, the way
// teams share a security group or policy ARN between programs. Its
// output is unknown at preview, so the component cannot check it before
// registering.
func stored(ctx *pulumi.Context, name, value string) pulumi.StringOutput {
	p, err := ssm.NewParameter(ctx, "shared-"+name, &ssm.ParameterArgs{
		Name: pulumi.String("/shared/" + name), Type: pulumi.String("String"), InsecureValue: pulumi.String(value),
	})
	if err != nil {
		panic(err) // the mocks never refuse a registration
	}
	return p.InsecureValue
}

// runWith runs the component with args that build takes from other
// resources of the same program.
func runWith(t *testing.T, build func(ctx *pulumi.Context) PrivateFargateServiceArgs) (*awsmock.Mocks, error) {
	t.Helper()
	m := awsmock.New(testRegion)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		a := build(ctx)
		_, err := NewPrivateFargateService(ctx, testName, &a)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, err
}

// Every input field takes an Output of another resource, and the value
// reaches the AWS resource that uses it, with the dependency on that
// resource recorded so the engine creates it first.
func TestOutputsOfOtherResourcesFlowIntoEveryInputField(t *testing.T) {
	m, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
		secret, err := secretsmanager.NewSecret(ctx, "db-password", &secretsmanager.SecretArgs{})
		if err != nil {
			t.Fatal(err)
		}
		a := baseArgs()
		a.Container.Build = nil
		a.Container.Image = stored(ctx, "image", inImage)
		a.Ingress.CertificateArn = stored(ctx, "cert", inCert)
		a.Container.Environment = pulumi.StringMap{"REPORTS": stored(ctx, "bucket-name", "reports")}
		a.Container.Secrets = map[string]service.ContainerSecret{"DB_PASSWORD": {Kind: service.SecretKindSecretsManager, Arn: secret.Arn}}
		a.Service.ExtraSecurityGroupIds = pulumi.StringArray{stored(ctx, "db-client-sg", inGroup)}
		a.TaskRole.PolicyArns = pulumi.StringArray{stored(ctx, "policy", inPolicy)}
		a.TaskRole.Statements = []service.PolicyStatement{{Actions: []string{"s3:GetObject"}, Resources: pulumi.StringArray{stored(ctx, "bucket", inBucket)}}}
		a.Repository.ExtraPullRepositoryArns = pulumi.StringArray{stored(ctx, "base", inBase)}
		a.Tags = pulumi.StringMap{"cost-center": stored(ctx, "cost-center", "cc-42")}
		a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: stored(ctx, "log-bucket", "shared-alb-logs")}
		return a
	})
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	secretArn := "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf"

	expect(t, get(t, m, tListener, "web-https"), "certificateArn", inCert)
	expect(t, get(t, m, tALB, "web-alb"), "accessLogs.bucket", "shared-alb-logs")
	defs := in(get(t, m, tTaskDef, "web-task"), "containerDefinitions").(string)
	for _, want := range []string{
		`"image":"` + inImage + `"`,
		`"environment":[{"name":"REPORTS","value":"reports"}]`,
		`"secrets":[{"name":"DB_PASSWORD","valueFrom":"` + secretArn + `"}]`,
	} {
		if !strings.Contains(defs, want) {
			t.Errorf("container definitions lack %s:\n%s", want, defs)
		}
	}
	exec := policyStatements(t, get(t, m, tRolePolicy, "web-execution-policy"))
	if got, want := exec["EcrPull"], []string{"arn:aws:ecr:us-east-1:123456789012:repository/base", "arn:aws:ecr:us-east-1:123456789012:repository/web-repo", "arn:aws:ecr:us-east-1:210987654321:repository/team/api"}; !equal(got, want) {
		t.Errorf("EcrPull resources = %v, want %v", got, want)
	}
	if got := exec["ReadSecrets"]; !equal(got, []string{secretArn}) {
		t.Errorf("ReadSecrets resources = %v, want [%s]", got, secretArn)
	}
	expect(t, get(t, m, tService, "web-service"), "networkConfiguration.securityGroups", []string{"web-task-sg_id", inGroup})
	expect(t, get(t, m, tAttachment, "web-task-policy-0"), "policyArn", inPolicy)
	expect(t, get(t, m, tRolePolicy, "web-task-policy"), "policy",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["`+inBucket+`"]}]}`)
	expect(t, get(t, m, tCluster, "web-cluster"), "tags.cost-center", "cc-42")
	expect(t, get(t, m, tEndpoint, "web-vpce-secretsmanager"), "serviceName", "com.amazonaws.us-east-1.secretsmanager")

	pol := get(t, m, tRolePolicy, "web-execution-policy")
	secretURN := get(t, m, "aws:secretsmanager/secret:Secret", "db-password").URN
	if !contains(pol.Dependencies, secretURN) {
		t.Errorf("%s: dependencies %v lack the secret %s whose ARN it grants", pol.URN, pol.Dependencies, secretURN)
	}
}

// policyStatements reads a registered policy's statements: resources by Sid.
func policyStatements(t *testing.T, r *awsmock.Resource) map[string][]string {
	t.Helper()
	var doc piece.PolicyDocument
	if err := json.Unmarshal([]byte(in(r, "policy").(string)), &doc); err != nil {
		t.Fatalf("%s: policy is not JSON: %v", r.URN, err)
	}
	out := map[string][]string{}
	for _, s := range doc.Statement {
		out[s.Sid] = s.Resource
	}
	return out
}

func equal(a, b []string) bool { return slices.Equal(a, b) }

// inputCases are one bad value per input field: the literal is refused
// before anything is registered, and the same value arriving as an Output
// fails the deployment with the same field and message.
var inputCases = []struct {
	field, value, want string
	set                func(a *PrivateFargateServiceArgs, v pulumi.StringInput)
}{
	{"certificate", "arn:aws:acm:us-east-1:123456789012:cert", `Ingress.CertificateArn: "arn:aws:acm:us-east-1:123456789012:cert" is not a certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) { a.Ingress.CertificateArn = v }},
	{"image", "nginx:1.27", `Container.Image: "nginx:1.27" comes from docker.io, which tasks in private subnets without a NAT gateway cannot reach`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Container.Build, a.Container.Image = nil, v
		}},
	{"image in another region", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", `Container.Image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1" is in ECR region eu-west-1, but the VPC endpoints serve us-east-1 only`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Container.Build, a.Container.Image = nil, v
		}},
	{"secret of another kind", "arn:aws:ssm:us-east-1:123456789012:parameter/db", `Container.Secrets.DB: "arn:aws:ssm:us-east-1:123456789012:parameter/db" is a ssm ARN but Kind says secretsmanager; set Kind to "ssm" or leave it unset`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Container.Secrets = map[string]service.ContainerSecret{"DB": {Kind: service.SecretKindSecretsManager, Arn: v}}
		}},
	{"secret", "db-password", `Container.Secrets.DB: "db-password" is not a Secrets Manager secret ARN or an SSM parameter ARN`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Container.Secrets = map[string]service.ContainerSecret{"DB": {Kind: service.SecretKindParameterStore, Arn: v}}
		}},
	{"security group", "db-clients", `Service.ExtraSecurityGroupIds[1]: "db-clients" is not a security group ID; use sg-...`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Service.ExtraSecurityGroupIds = pulumi.StringArray{pulumi.String(inGroup), v}
		}},
	{"policy", "AmazonS3ReadOnlyAccess", `TaskRole.PolicyArns[0]: "AmazonS3ReadOnlyAccess" is not an IAM policy ARN; use arn:aws:iam::<account or aws>:policy/<name>`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.TaskRole.PolicyArns = pulumi.StringArray{v}
		}},
	{"pull repository", "base", `Repository.ExtraPullRepositoryArns[0]: "base" is not an ECR repository ARN`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Repository.ExtraPullRepositoryArns = pulumi.StringArray{v}
		}},
	// The one key reaches the service's pieces under their own field
	// names; the component reports it under the one its caller wrote.
	{"kms key", "alias/app", `Kms.KeyArn: "alias/app" is not a KMS key ARN`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.Kms = &KmsArgs{KeyArn: v}
		}},
	{"access log bucket", "ALB_logs", `LoadBalancer.AccessLogs.Bucket: "ALB_logs" is not an S3 bucket name: it may hold only lowercase letters, digits, dots and hyphens`,
		func(a *PrivateFargateServiceArgs, v pulumi.StringInput) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: v}
		}},
}

func TestLiteralInputsAreCheckedBeforeRegistering(t *testing.T) {
	for _, tt := range inputCases {
		t.Run(tt.field, func(t *testing.T) {
			m, err := runWith(t, func(*pulumi.Context) PrivateFargateServiceArgs {
				a := baseArgs()
				tt.set(&a, pulumi.String(tt.value))
				return a
			})
			var ve *check.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error lacks %q:\n%v", tt.want, err)
			}
			if rs := m.Resources(); len(rs) != 0 {
				t.Errorf("registered %d resources for invalid args, want 0", len(rs))
			}
		})
	}
}

func TestOutputInputsAreCheckedWhenTheyResolve(t *testing.T) {
	for _, tt := range inputCases {
		t.Run(tt.field, func(t *testing.T) {
			_, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
				a := baseArgs()
				tt.set(&a, stored(ctx, "value", tt.value))
				return a
			})
			if err == nil {
				t.Fatal("the deployment succeeded with a bad value")
			}
			want := "invalid PrivateFargateService arguments (1 problem):\n  " + tt.want
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		})
	}
}

// A statement whose resources resolve to none fails the deployment: IAM
// refuses an Allow statement without a resource.
func TestStatementWithoutResourcesFailsWhenItResolves(t *testing.T) {
	_, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
		a := baseArgs()
		none := stored(ctx, "buckets", " ").ApplyT(func(v string) []string { return strings.Fields(v) }).(pulumi.StringArrayOutput)
		a.TaskRole.Statements = []service.PolicyStatement{{Actions: []string{"s3:GetObject"}, Resources: none}}
		return a
	})
	want := "TaskRole.Statements[0]: " + service.StatementProblem
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want it to contain %q", err, want)
	}
}

// A secret's kind decides the endpoint and the grant, so it must be known
// before registering: read from a literal ARN, or given for an Output.
func TestSecretKindIsKnownBeforeRegistering(t *testing.T) {
	for _, tt := range []struct {
		name   string
		secret func(ctx *pulumi.Context) service.ContainerSecret
		want   string
	}{
		{"Output without a kind", func(ctx *pulumi.Context) service.ContainerSecret {
			return service.ContainerSecret{Arn: stored(ctx, "arn", "arn:aws:ssm:us-east-1:123456789012:parameter/db")}
		}, `Container.Secrets.DB.Kind: the ARN is an Output, so its kind cannot be read before deploying; set Kind to "secretsmanager" or "ssm"`},
		{"unknown kind", func(*pulumi.Context) service.ContainerSecret {
			return service.ContainerSecret{Kind: "vault", Arn: pulumi.String("arn:aws:ssm:us-east-1:123456789012:parameter/db")}
		}, `Container.Secrets.DB.Kind: "vault" is not a kind of secret; use "secretsmanager" or "ssm"`},
		{"no ARN", func(*pulumi.Context) service.ContainerSecret {
			return service.ContainerSecret{Kind: service.SecretKindSecretsManager}
		},
			"Container.Secrets.DB: has no ARN; set the ARN of a Secrets Manager secret or an SSM parameter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
				a := baseArgs()
				a.Container.Secrets = map[string]service.ContainerSecret{"DB": tt.secret(ctx)}
				return a
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
			for _, r := range m.Resources() {
				if r.Type != "aws:ssm/parameter:Parameter" {
					t.Errorf("registered %s before the kind was known", r.URN)
				}
			}
		})
	}
}

// The kind given for an Output chooses the endpoint and the grant before
// the ARN is known: an SSM parameter gets the ssm endpoint and
// ssm:GetParameters on exactly its ARN.
func TestOutputSecretKindChoosesEndpointAndGrant(t *testing.T) {
	const arn = "arn:aws:ssm:us-east-1:123456789012:parameter/web/token"
	m, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
		a := baseArgs()
		a.Container.Secrets = map[string]service.ContainerSecret{"TOKEN": {Kind: service.SecretKindParameterStore, Arn: stored(ctx, "token-arn", arn)}}
		return a
	})
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	get(t, m, tEndpoint, "web-vpce-ssm")
	if r := m.Find(tEndpoint, "web-vpce-secretsmanager"); r != nil {
		t.Errorf("%s registered for an SSM parameter", r.URN)
	}
	if got := policyStatements(t, get(t, m, tRolePolicy, "web-execution-policy"))["ReadParameters"]; !equal(got, []string{arn}) {
		t.Errorf("ReadParameters resources = %v, want [%s]", got, arn)
	}
}

// A WebService reports an Output's problem under its own name, and only
// the service that took the value fails.
func TestWebServiceChecksOutputsWhenTheyResolve(t *testing.T) {
	pl := sharedPlatform()
	pl.tweak = func(ctx *pulumi.Context, service string, a *service.WebServiceArgs) {
		if service == "api" {
			a.Service.ExtraSecurityGroupIds = pulumi.StringArray{stored(ctx, "db-clients", "db-clients")}
		}
	}
	m, err := pl.run(t)
	want := "invalid WebService arguments (1 problem):\n  " + `Service.ExtraSecurityGroupIds[0]: "db-clients" is not a security group ID; use sg-...`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	if m.Find(tService, "web-service") == nil || m.Find(tService, "admin-service") == nil {
		t.Errorf("the services that took no bad value were not registered")
	}
}
