package components

import (
	"fmt"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

func TestSubnetCidrs(t *testing.T) {
	tests := []struct {
		vpc          string
		azs          int
		public, priv string
	}{
		{"10.0.0.0/16", 2, "10.0.0.0/20 10.0.16.0/20", "10.0.128.0/20 10.0.144.0/20"},
		{"10.0.0.0/16", 3, "10.0.0.0/20 10.0.16.0/20 10.0.32.0/20", "10.0.128.0/20 10.0.144.0/20 10.0.160.0/20"},
		{"172.20.0.0/20", 2, "172.20.0.0/24 172.20.1.0/24", "172.20.8.0/24 172.20.9.0/24"},
		{"192.168.10.0/24", 2, "192.168.10.0/28 192.168.10.16/28", "192.168.10.128/28 192.168.10.144/28"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.vpc, tt.azs), func(t *testing.T) {
			pub, priv, err := check.SubnetCidrs(tt.vpc, tt.azs)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(pub, " "); got != tt.public {
				t.Errorf("public = %s, want %s", got, tt.public)
			}
			if got := strings.Join(priv, " "); got != tt.priv {
				t.Errorf("private = %s, want %s", got, tt.priv)
			}
		})
	}
}

func TestSubnetCidrsNeverOverlap(t *testing.T) {
	for azs := 1; azs <= check.MaxAzCount; azs++ {
		pub, priv, err := check.SubnetCidrs("10.1.0.0/16", azs)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, c := range append(pub, priv...) {
			if seen[c] {
				t.Errorf("%d AZs: %s handed out twice", azs, c)
			}
			seen[c] = true
		}
	}
	if _, _, err := check.SubnetCidrs("10.1.0.0/16", check.MaxAzCount+1); err == nil {
		t.Errorf("%d AZs: no error, want one", check.MaxAzCount+1)
	}
}

func TestFargateSizes(t *testing.T) {
	valid := [][2]int{{256, 512}, {256, 1024}, {256, 2048}, {512, 1024}, {512, 4096}, {1024, 2048}, {1024, 8192},
		{2048, 4096}, {2048, 16384}, {4096, 8192}, {4096, 30720}, {8192, 16384}, {8192, 20480}, {8192, 61440},
		{16384, 32768}, {16384, 40960}, {16384, 122880}}
	for _, v := range valid {
		if err := check.CheckFargateSize(v[0], v[1]); err != nil {
			t.Errorf("%d/%d: %v, want valid", v[0], v[1], err)
		}
	}
	invalid := [][2]int{{256, 3072}, {512, 512}, {512, 5120}, {1024, 1024}, {4096, 31744}, {8192, 18432},
		{16384, 36864}, {128, 512}, {32768, 65536}}
	for _, v := range invalid {
		if err := check.CheckFargateSize(v[0], v[1]); err == nil {
			t.Errorf("%d/%d: valid, want an error", v[0], v[1])
		}
	}
	if got := check.FargateMemoryOptions(256); fmt.Sprint(got) != "[512 1024 2048]" {
		t.Errorf("options for 256 = %v", got)
	}
	if got := len(check.FargateMemoryOptions(4096)); got != 23 {
		t.Errorf("4096 CPU has %d memory options, want 23 (8 to 30 GiB)", got)
	}
}

func TestEndpointSet(t *testing.T) {
	tests := []struct {
		name string
		give network.EndpointFeatures
		want string
	}{
		{"baseline", network.EndpointFeatures{}, "ecr.api:Interface ecr.dkr:Interface logs:Interface s3:Gateway"},
		{"secrets manager", network.EndpointFeatures{SecretsManager: true},
			"ecr.api:Interface ecr.dkr:Interface logs:Interface s3:Gateway secretsmanager:Interface"},
		{"parameter store", network.EndpointFeatures{ParameterStore: true},
			"ecr.api:Interface ecr.dkr:Interface logs:Interface s3:Gateway ssm:Interface"},
		{"extras, deduplicated", network.EndpointFeatures{Extra: []string{"sqs", "logs", "dynamodb", "sqs"}},
			"dynamodb:Gateway ecr.api:Interface ecr.dkr:Interface logs:Interface s3:Gateway sqs:Interface"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range network.EndpointSet(tt.give) {
				got = append(got, e.Service+":"+e.Type)
				if len(e.Reasons) == 0 {
					t.Errorf("%s has no reason", e.Service)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("EndpointSet = %s, want %s", s, tt.want)
			}
		})
	}
	for _, e := range network.EndpointSet(network.EndpointFeatures{Extra: []string{"logs"}}) {
		if e.Service == "logs" && len(e.Reasons) != 2 {
			t.Errorf("logs reasons = %v, want the awslogs reason and the request", e.Reasons)
		}
	}
	if got := (network.EndpointSpec{Service: "ecr.dkr"}).ServiceName("ap-northeast-2"); got != "com.amazonaws.ap-northeast-2.ecr.dkr" {
		t.Errorf("ServiceName = %s", got)
	}
}

func TestImageRegistry(t *testing.T) {
	for image, want := range map[string]string{
		"nginx":                      "docker.io",
		"library/nginx:1.27":         "docker.io",
		"docker.io/library/nginx":    "docker.io",
		"public.ecr.aws/nginx/nginx": "public.ecr.aws",
		"ghcr.io/org/app:1":          "ghcr.io",
		"localhost:5000/app":         "localhost:5000",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1": "123456789012.dkr.ecr.us-east-1.amazonaws.com",
	} {
		if got := check.ImageRegistry(image); got != want {
			t.Errorf("imageRegistry(%q) = %q, want %q", image, got, want)
		}
	}
}

func TestEcrRepositoryArn(t *testing.T) {
	for image, want := range map[string]string{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.2":   "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:00":  "arn:aws:ecr:us-east-1:123456789012:repository/app",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app":        "arn:aws-cn:ecr:cn-north-1:123456789012:repository/app",
		"123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app:latest": "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/app",
		"nginx":                      "",
		"public.ecr.aws/nginx/nginx": "",
	} {
		if got := check.EcrRepositoryArn(image); got != want {
			t.Errorf("ecrRepositoryArn(%q) = %q, want %q", image, got, want)
		}
	}
}

func TestSecretResourceArn(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf":            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
		"arn:aws:ssm:us-east-1:123456789012:parameter/a/b":                          "arn:aws:ssm:us-east-1:123456789012:parameter/a/b",
		// A partial ARN (no suffix), as ECS takes it: the grant matches
		// whatever six characters Secrets Manager appended.
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db":            "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-??????",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db:password::": "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-??????",
	} {
		if got := check.SecretResourceArn(arn); got != want {
			t.Errorf("secretResourceArn(%q) = %q, want %q", arn, got, want)
		}
	}
}

// AWS allows 256 characters in a tag value; a long list says how many
// items it left out.
func TestEndpointTagFitsATagValue(t *testing.T) {
	var names []string
	for i := range 100 {
		names = append(names, fmt.Sprintf("service-%02d", i))
	}
	got := network.EndpointTag(names, " ")
	if len(got) > 256 || !strings.HasSuffix(got, " more") || !strings.HasPrefix(got, "service-00 service-01") {
		t.Errorf("endpointTag of 100 names = %q (%d characters), want at most 256 ending in \"+N more\"", got, len(got))
	}
	if got := network.EndpointTag([]string{"api", "web"}, " "); got != "api web" {
		t.Errorf("endpointTag = %q, want %q", got, "api web")
	}
}

// A network no service has declared for yet still gets what every service
// needs (ecr.api, ecr.dkr, logs, s3), as NetworkArgs.Features documents.
func TestEndpointUnionWithoutServicesHasTheBaseSet(t *testing.T) {
	var got []string
	for _, e := range network.EndpointUnion(nil, []string{"sqs"}) {
		got = append(got, e.Service)
	}
	if want := "ecr.api ecr.dkr logs s3 sqs"; strings.Join(got, " ") != want {
		t.Errorf("EndpointUnion(nil, [sqs]) = %v, want %s", got, want)
	}
}
