package components

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	dockerHubSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"
	cacheRegistry   = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
)

// TestPullThroughCacheUpstreamsAreTheOnesEcrCaches: ECR creates cache
// rules for ECR Public, the Kubernetes registry and Quay with no
// credentials, and for Docker Hub, GitHub's, GitLab's, Azure's and
// Chainguard's registries with a Secrets Manager secret; each rule names the upstream
// by a fixed URL (Azure: the registry's own host). Sources: ECR user
// guide, "Sync an upstream registry with an Amazon ECR private
// registry"; ECR API reference, CreatePullThroughCacheRule,
// upstreamRegistryUrl. ECR-to-ECR caching is left out on purpose.
func TestPullThroughCacheUpstreamsAreTheOnesEcrCaches(t *testing.T) {
	type fact struct {
		URL         string
		Credentials bool
	}
	want := map[string]fact{
		"ecr-public":                {"public.ecr.aws", false},
		"k8s":                       {"registry.k8s.io", false},
		"quay":                      {"quay.io", false},
		"docker-hub":                {"registry-1.docker.io", true},
		"github-container-registry": {"ghcr.io", true},
		"gitlab-container-registry": {"registry.gitlab.com", true},
		"azure-container-registry":  {"", true},
		"chainguard":                {"cgr.dev", true},
		"ecr":                       {"", false}, // the registry's host; a role, not a secret
	}
	got := map[string]fact{}
	for name, u := range network.UpstreamRegistries {
		got[name] = fact{u.Url, u.Credentials}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("upstream registries (-want +got):\n%s", d)
	}
	r := network.PullThroughCacheRuleArgs{Upstream: "azure-container-registry", RegistryHost: "acme.azurecr.io"}
	if got := r.UpstreamURL(); got != "acme.azurecr.io" {
		t.Errorf("azure rule's upstreamRegistryUrl = %q, want the registry's host", got)
	}
}

// TestCachedImageIsNamedPrefixThenUpstreamPath: a cached image is pulled
// as <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<upstream path>,
// and Docker Hub's official images keep their implicit "library/" (ECR
// user guide, "Pulling an image with a pull through cache rule in Amazon
// ECR": "For Docker Hub official images, the /library prefix must be
// included").
func TestCachedImageIsNamedPrefixThenUpstreamPath(t *testing.T) {
	routes := network.CacheRoutes([]network.PullThroughCacheRuleArgs{
		{Upstream: "ecr-public"},
		{Upstream: "docker-hub", Prefix: "hub", CredentialArn: dockerHubSecret},
		{Upstream: "quay"},
		{Upstream: "github-container-registry", CredentialArn: dockerHubSecret},
	})
	tests := []struct{ give, want string }{
		{"public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", cacheRegistry + "/ecr-public/aws-observability/aws-otel-collector:v0.40.0"},
		{"docker.io/library/nginx:1.27", cacheRegistry + "/hub/library/nginx:1.27"},
		{"nginx:1.27", cacheRegistry + "/hub/library/nginx:1.27"},
		{"index.docker.io/grafana/grafana:11.0.0", cacheRegistry + "/hub/grafana/grafana:11.0.0"},
		{"ghcr.io/acme/tool:1.0@sha256:" + strings.Repeat("b", 64), cacheRegistry + "/github-container-registry/acme/tool@sha256:" + strings.Repeat("b", 64)},
		{"quay.io/prometheus/node-exporter@sha256:" + strings.Repeat("a", 64), cacheRegistry + "/quay/prometheus/node-exporter@sha256:" + strings.Repeat("a", 64)},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			c, ok, problem := network.RouteImage(tt.give, routes)
			if !ok || problem != "" {
				t.Fatalf("routeImage(%q) = ok %v, problem %q; want it cached", tt.give, ok, problem)
			}
			if got := c.URI(cacheRegistry); got != tt.want {
				t.Errorf("routeImage(%q) URI = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
	if _, ok, _ := network.RouteImage("registry.k8s.io/pause:3.10", routes); ok {
		t.Error("an image on registry.k8s.io was routed with no k8s rule")
	}
}

// TestLatestTagIsRefusedOnACachedUpstream: ECR checks the upstream for a
// new image under a cached tag and updates it "at least once every 24
// hours" (ECR user guide, "Sync an upstream registry with an Amazon ECR
// private registry"), so a moving tag runs a stale image for up to a day.
func TestLatestTagIsRefusedOnACachedUpstream(t *testing.T) {
	routes := network.CacheRoutes([]network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}})
	for _, image := range []string{"public.ecr.aws/nginx/nginx:latest", "public.ecr.aws/nginx/nginx"} {
		for _, nat := range []bool{false, true} {
			got := service.ImageRule(testRegion, nat, routes)(image)
			if !strings.Contains(got, "at most once every 24 hours") || !strings.Contains(got, "pin a version tag or a digest") {
				t.Errorf("imageRule(nat %v)(%q) = %q, want the stale-tag refusal naming the fix", nat, image, got)
			}
		}
	}
}

// TestUnpullableImageSuggestsTheCacheRule: without NAT, an image on a
// registry ECR can cache but no rule covers is refused with the rule to
// add; one ECR cannot cache is refused saying so (brief fact 3; the
// upstream list as in TestPullThroughCacheUpstreamsAreTheOnesEcrCaches).
func TestUnpullableImageSuggestsTheCacheRule(t *testing.T) {
	tests := []struct {
		give    string
		wantErr string
	}{
		{"nginx:1.27", `add a pull-through cache rule for docker-hub to the network (PullThroughCache, Upstream "docker-hub"; stack key pullThroughCache)`},
		{"public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", `add a pull-through cache rule for ecr-public`},
		{"gcr.io/distroless/static:nonroot", "ECR's pull-through cache cannot cache gcr.io either (it caches azure-container-registry, chainguard, docker-hub, ecr, ecr-public, github-container-registry, gitlab-container-registry, k8s, quay)"},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got := service.ImageRule(testRegion, false, nil)(tt.give)
			if !strings.Contains(got, tt.wantErr) {
				t.Errorf("imageRule(%q) = %q, want it to contain %q", tt.give, got, tt.wantErr)
			}
		})
	}
	if got := service.ImageRule(testRegion, false, network.CacheRoutes([]network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}))("public.ecr.aws/a/b:1.0"); got != "" {
		t.Errorf("an image a rule caches was refused: %s", got)
	}
}

// TestCacheRulesAreCheckedByField: ECR takes a prefix of 2 to 30
// characters of its repository-name pattern (ECR API reference,
// PullThroughCacheRule, ecrRepositoryPrefix), and a credential only as a
// Secrets Manager secret named ecr-pullthroughcache/... in the rule's own
// account and region (ECR API reference, credentialArn; ECR user guide,
// "Creating a pull through cache rule in Amazon ECR").
func TestCacheRulesAreCheckedByField(t *testing.T) {
	tests := []struct {
		name    string
		give    []network.PullThroughCacheRuleArgs
		wantErr string
	}{
		{"unknown upstream", []network.PullThroughCacheRuleArgs{{Upstream: "gcr"}},
			`PullThroughCache[0].Upstream: "gcr" is not an upstream ECR can cache; use one of azure-container-registry, chainguard, docker-hub`},
		{"two rules for one upstream", []network.PullThroughCacheRuleArgs{{Upstream: "quay"}, {Upstream: "quay", Prefix: "quay2"}},
			"PullThroughCache[1].Upstream: quay has a rule already"},
		{"prefix too short", []network.PullThroughCacheRuleArgs{{Upstream: "quay", Prefix: "q"}},
			`PullThroughCache[0].Prefix: "q" is not a repository prefix ECR takes`},
		{"prefix with capitals", []network.PullThroughCacheRuleArgs{{Upstream: "quay", Prefix: "Quay"}},
			`PullThroughCache[0].Prefix: "Quay" is not a repository prefix ECR takes`},
		{"shared prefix", []network.PullThroughCacheRuleArgs{{Upstream: "quay", Prefix: "pub"}, {Upstream: "k8s", Prefix: "pub"}},
			`PullThroughCache[1].Prefix: "pub" is the prefix of another rule`},
		{"docker hub without secret", []network.PullThroughCacheRuleArgs{{Upstream: "docker-hub"}},
			"PullThroughCache[0].CredentialArn: docker-hub needs credentials; store the upstream's username and access token in a Secrets Manager secret named ecr-pullthroughcache/<name>"},
		{"secret outside the prefix", []network.PullThroughCacheRuleArgs{{Upstream: "github-container-registry", CredentialArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-AbCdEf"}},
			"is not a Secrets Manager secret ARN whose name starts with ecr-pullthroughcache/"},
		{"secret in another region", []network.PullThroughCacheRuleArgs{{Upstream: "docker-hub", CredentialArn: strings.Replace(dockerHubSecret, "us-east-1", "eu-west-1", 1)}},
			"is in region eu-west-1, but the stack's region is us-east-1; ECR reads the secret in the rule's own account and region"},
		{"secret on a public upstream", []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public", CredentialArn: dockerHubSecret}},
			"PullThroughCache[0].CredentialArn: ecr-public takes no credentials; remove CredentialArn"},
		{"azure without host", []network.PullThroughCacheRuleArgs{{Upstream: "azure-container-registry", CredentialArn: dockerHubSecret}},
			`PullThroughCache[0].RegistryHost: "" is not an Azure registry host; use <registry name>.azurecr.io`},
		{"host on a fixed upstream", []network.PullThroughCacheRuleArgs{{Upstream: "quay", RegistryHost: "quay.example.com"}},
			"PullThroughCache[0].RegistryHost: quay has a fixed host (quay.io); remove RegistryHost"},
		{"ecr without its registry", []network.PullThroughCacheRuleArgs{{Upstream: "ecr"}},
			`PullThroughCache[0].RegistryHost: "" is not a private ECR registry host; use <account>.dkr.ecr.<region>.amazonaws.com`},
		{"ecr with a secret", []network.PullThroughCacheRuleArgs{{Upstream: "ecr", RegistryHost: "210987654321.dkr.ecr.eu-west-1.amazonaws.com", CredentialArn: dockerHubSecret}},
			"PullThroughCache[0].CredentialArn: ecr takes no credentials; remove CredentialArn"},
		{"a role on another upstream", []network.PullThroughCacheRuleArgs{{Upstream: "quay", CustomRoleArn: "arn:aws:iam::123456789012:role/cache"}},
			"PullThroughCache[0].CustomRoleArn: only an ecr upstream pulls through a role"},
		{"a role that is no role", []network.PullThroughCacheRuleArgs{{Upstream: "ecr", RegistryHost: "210987654321.dkr.ecr.eu-west-1.amazonaws.com", CustomRoleArn: "cache-role"}},
			`PullThroughCache[0].CustomRoleArn: "cache-role" is not an IAM role ARN`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p check.Problems
			network.CheckPullThroughCache(&p, "", tt.give, testRegion)
			if got := problemsText(p); !strings.Contains(got, tt.wantErr) {
				t.Errorf("problems = %q, want one containing %q", got, tt.wantErr)
			}
		})
	}
	var p check.Problems
	network.CheckPullThroughCache(&p, "", []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}, {Upstream: "docker-hub", CredentialArn: dockerHubSecret}}, testRegion)
	if len(p) != 0 {
		t.Errorf("valid rules refused: %s", problemsText(p))
	}
}

// TestBadCacheRuleCreatesNothing: a bad rule in a PrivateFargateService's
// network is refused by its field before anything registers.
func TestBadCacheRuleCreatesNothing(t *testing.T) {
	a := baseArgs()
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "docker-hub"}}
	expectInvalid(t, a, []string{"Network.PullThroughCache[0].CredentialArn: docker-hub needs credentials"})
}

// TestFirstPullOfACachedImageMayImportIt: the task's image on a cached
// upstream is rewritten to its cache path; the cache rule exists; and the
// execution role may pull that one repository, and create it and import
// the upstream image into it on the first pull (ecr:CreateRepository,
// ecr:BatchImportUpstreamImage: ECR user guide, "IAM permissions required
// to sync an upstream registry with an Amazon ECR private registry"),
// nothing wider.
func TestFirstPullOfACachedImageMayImportIt(t *testing.T) {
	a := baseArgs()
	a.Container.Build = nil
	a.Container.Image = pulumi.String("public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0")
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}
	m, _ := mustRun(t, a)
	rule := get(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "web-cache-ecr-public")
	expect(t, rule, "ecrRepositoryPrefix", "ecr-public")
	expect(t, rule, "upstreamRegistryUrl", "public.ecr.aws")
	if v := in(rule, "credentialArn"); v != nil {
		t.Errorf("%s: credentialArn %v on an upstream that takes none", rule.URN, v)
	}
	const cached = cacheRegistry + "/ecr-public/aws-observability/aws-otel-collector:v0.40.0"
	td := get(t, m, tTaskDef, "web-task")
	if defs := in(td, "containerDefinitions").(string); !strings.Contains(defs, `"image":"`+cached+`"`) {
		t.Errorf("%s: container image is not the cache path %s: %s", td.URN, cached, defs)
	}
	const repo = "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"EcrAuthToken","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":["*"]},` +
		`{"Sid":"EcrPull","Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],` +
		`"Resource":["` + repo + `","arn:aws:ecr:us-east-1:123456789012:repository/web-repo"]},` +
		`{"Sid":"WriteLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],` +
		`"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:web-logs","arn:aws:logs:us-east-1:123456789012:log-group:web-logs:log-stream:*"]},` +
		`{"Sid":"EcrPullThroughCache","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["` + repo + `"]}]}`
	expect(t, get(t, m, tRolePolicy, "web-execution-policy"), "policy", want)
}

// TestAuthenticatedUpstreamRuleCarriesItsSecret: Docker Hub's rule names
// the ecr-pullthroughcache/ secret, and its URL is registry-1.docker.io
// (ECR API reference, CreatePullThroughCacheRule).
func TestAuthenticatedUpstreamRuleCarriesItsSecret(t *testing.T) {
	a := baseArgs()
	a.Container.Build = nil
	a.Container.Image = pulumi.String("nginx:1.27")
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "docker-hub", CredentialArn: dockerHubSecret}}
	m, _ := mustRun(t, a)
	rule := get(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "web-cache-docker-hub")
	expect(t, rule, "ecrRepositoryPrefix", "docker-hub")
	expect(t, rule, "upstreamRegistryUrl", "registry-1.docker.io")
	expect(t, rule, "credentialArn", dockerHubSecret)
	td := get(t, m, tTaskDef, "web-task")
	if defs := in(td, "containerDefinitions").(string); !strings.Contains(defs, `"image":"`+cacheRegistry+`/docker-hub/library/nginx:1.27"`) {
		t.Errorf("%s: container image is not the official image's cache path: %s", td.URN, defs)
	}
}

// TestNoCacheRuleWithoutThemKeepsTodaysResources: a network with no rules
// registers none, so today's stacks upgrade in place.
func TestNoCacheRuleWithoutThemKeepsTodaysResources(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	if n := len(m.ByType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule")); n != 0 {
		t.Errorf("registered %d cache rules with none asked for, want 0", n)
	}
}

// problemsText is every problem, one a line.
func problemsText(p check.Problems) string {
	var lines []string
	for _, e := range p {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// TestAttachedServicePullsThroughThePlatformsCache: the platform contract
// carries the cache rules and the registry, so a service in another
// program rewrites its image the same way and its role may import the
// one repository; an image on an upstream the platform does not cache is
// refused before anything but the stack reference registers.
func TestAttachedServicePullsThroughThePlatformsCache(t *testing.T) {
	c := fixtureContract()
	c.Network.PullThroughCache = network.CacheRoutes([]network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}})
	c.Network.CacheRegistry = cacheRegistry
	a := ordersArgs()
	a.Container.Image = pulumi.String("public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0")
	m := awsmock.New(testRegion)
	if err := attachRun(t, m, c, map[string]service.WebServiceArgs{"orders": a}); err != nil {
		t.Fatalf("program failed: %v", err)
	}
	td := get(t, m, tTaskDef, "orders-task")
	if defs := in(td, "containerDefinitions").(string); !strings.Contains(defs, `"image":"`+cacheRegistry+`/ecr-public/aws-observability/aws-otel-collector:v0.40.0"`) {
		t.Errorf("%s: container image is not the platform's cache path: %s", td.URN, defs)
	}
	pol := in(get(t, m, tRolePolicy, "orders-execution-policy"), "policy").(string)
	if !strings.Contains(pol, `{"Sid":"EcrPullThroughCache","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"]}`) {
		t.Errorf("execution policy lacks the first-pull grant on the cached repository: %s", pol)
	}

	a.Container.Image = pulumi.String("quay.io/prometheus/node-exporter:v1.8.0")
	m = awsmock.New(testRegion)
	err := attachRun(t, m, c, map[string]service.WebServiceArgs{"orders": a})
	if err == nil || !strings.Contains(err.Error(), "add a pull-through cache rule for quay to the network") {
		t.Fatalf("err = %v, want the refusal naming the rule to add", err)
	}
	for _, r := range m.Resources() {
		if r.Type != tStackRef {
			t.Errorf("registered %s for a refused image", r.URN)
		}
	}
}

// TestPlatformContractCarriesItsCacheRules: a platform's exported
// contract names its rules and the registry they cache into, so the
// services of other programs rewrite their images to the same paths; and
// it reads back.
func TestPlatformContractCarriesItsCacheRules(t *testing.T) {
	m := awsmock.New(testRegion)
	var got map[string]any
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := NewPlatform(ctx, "plat", &PlatformArgs{
			Teams:   []TeamArgs{{Name: "orders"}},
			Network: network.NetworkArgs{PullThroughCache: []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}},
		})
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any { got, _ = v.(map[string]any); return v })
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	if err != nil {
		t.Fatalf("platform failed: %v", err)
	}
	get(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "plat-cache-ecr-public")
	// The mocks' ids are not AWS-shaped, so the contract is decoded
	// without the id checks.
	c, err := decodePlatformContract(got)
	if err != nil {
		t.Fatalf("the platform's own contract does not decode: %v", err)
	}
	var p check.Problems
	c.validateCache(&p)
	if len(p) != 0 {
		t.Errorf("the platform's own cache rules are refused: %s", problemsText(p))
	}
	want := []network.CacheRoute{{Upstream: "ecr-public", Prefix: "ecr-public", Hosts: []string{"public.ecr.aws"}}}
	if d := cmp.Diff(want, c.Network.PullThroughCache); d != "" {
		t.Errorf("contract's cache rules (-want +got):\n%s", d)
	}
	if c.Network.CacheRegistry != cacheRegistry {
		t.Errorf("contract's cache registry = %q, want %q", c.Network.CacheRegistry, cacheRegistry)
	}
}

// TestContractWithBadCacheRulesIsRefused: a contract whose rules have no
// registry to rewrite into, or name an upstream ECR does not cache, is
// refused by its path.
func TestContractWithBadCacheRulesIsRefused(t *testing.T) {
	c := fixtureContract()
	c.Network.PullThroughCache = []network.CacheRoute{{Upstream: "gcr", Prefix: "gcr", Hosts: []string{"gcr.io"}}}
	_, err := ParsePlatformContract(asOutput(t, c))
	for _, want := range []string{
		`network.cacheRegistry: "" is not a private ECR registry host`,
		`network.pullThroughCache[0]: names upstream "gcr"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	}
}

// TestCacheTemplateKeepsCachedRepositoriesPruned: with KeepImages a rule
// gets a repository creation template for its prefix, applied to pull
// through cache, with a lifecycle policy, AES256 and mutable tags. A
// template with a KMS key or tags needs a custom role ECR assumes (ECR
// user guide, "Creating a repository creation template in Amazon ECR"),
// so it sets neither; ECR keeps a cached tag in sync with its upstream
// only while tags are mutable (HealthOmics developer guide, "Using
// third-party registries supported by pull through cache").
func TestCacheTemplateKeepsCachedRepositoriesPruned(t *testing.T) {
	a := baseArgs()
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public", KeepImages: 5}, {Upstream: "quay"}}
	m, _ := mustRun(t, a)
	const tTemplate = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"
	if n := len(m.ByType(tTemplate)); n != 1 {
		t.Errorf("registered %d creation templates, want 1 (quay's rule keeps the registry's defaults)", n)
	}
	tpl := get(t, m, tTemplate, "web-cache-ecr-public-template")
	expect(t, tpl, "prefix", "ecr-public")
	expect(t, tpl, "appliedFors", []string{"PULL_THROUGH_CACHE"})
	expect(t, tpl, "imageTagMutability", "MUTABLE")
	expect(t, tpl, "encryptionConfigurations", []map[string]any{{"encryptionType": "AES256"}})
	expect(t, tpl, "lifecyclePolicy", check.LifecyclePolicy(5))
	if v := in(tpl, "customRoleArn"); v != nil {
		t.Errorf("%s: customRoleArn %v, want none", tpl.URN, v)
	}
	var p check.Problems
	network.CheckPullThroughCache(&p, "", []network.PullThroughCacheRuleArgs{{Upstream: "quay", KeepImages: -1}}, testRegion)
	if got := problemsText(p); !strings.Contains(got, "PullThroughCache[0].KeepImages: -1 is out of range; use 0 to 1000") {
		t.Errorf("problems = %q, want the KeepImages range", got)
	}
}

// A sidecar's image on a cached upstream goes through the cache as the
// app's does: rewritten to its cache path, pulled from that repository,
// and its first pull may import it there (ECR user guide, "IAM
// permissions required to sync an upstream registry with an Amazon ECR
// private registry"). The collector a tracing sidecar runs is published
// on ECR Public, which tasks without NAT cannot reach (BRIEF facts 3 and
// 19).
func TestSidecarImagePullsThroughTheCache(t *testing.T) {
	a := baseArgs()
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}
	a.Sidecars = []service.SidecarArgs{{Name: "collector", Image: pulumi.String("public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0")}}
	m, _ := mustRun(t, a)
	const cached = cacheRegistry + "/ecr-public/aws-observability/aws-otel-collector:v0.40.0"
	td := get(t, m, tTaskDef, "web-task")
	if defs := in(td, "containerDefinitions").(string); !strings.Contains(defs, `"image":"`+cached+`"`) {
		t.Errorf("%s: the sidecar's image is not the cache path %s: %s", td.URN, cached, defs)
	}
	const repo = "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"
	policy := in(get(t, m, tRolePolicy, "web-execution-policy"), "policy").(string)
	for _, want := range []string{
		`"Sid":"EcrPull","Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":["` + repo + `"`,
		`{"Sid":"EcrPullThroughCache","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["` + repo + `"]}`,
	} {
		if !strings.Contains(policy, want) {
			t.Errorf("execution policy lacks %s:\n%s", want, policy)
		}
	}
}

// The stack's key encrypts the cached repositories too. A creation
// template with a KMS key names a role ECR assumes to create them (ECR
// user guide, "Creating a repository creation template in Amazon ECR";
// "Create an IAM role for repository creation templates": trusted by
// ecr.amazonaws.com, with ecr:CreateRepository, ecr:TagResource and
// kms:CreateGrant, kms:RetireGrant, kms:DescribeKey). The role may act on
// the rule's prefix and the stack's key only.
func TestCacheTemplateTakesTheStacksKey(t *testing.T) {
	a := baseArgs()
	a.Kms = &KmsArgs{Create: true}
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public", KeepImages: 5}}
	m, _ := mustRun(t, a)
	key := get(t, m, "aws:kms/key:Key", "web-key").Outputs["arn"].StringValue()
	tpl := get(t, m, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "web-cache-ecr-public-template")
	expect(t, tpl, "encryptionConfigurations", []map[string]any{{"encryptionType": "KMS", "kmsKey": key}})
	role := get(t, m, "aws:iam/role:Role", "web-cache-ecr-public-template-role")
	expect(t, role, "assumeRolePolicy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecr.amazonaws.com"},"Action":["sts:AssumeRole"]}]}`)
	expect(t, tpl, "customRoleArn", role.Outputs["arn"].StringValue())
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"CreateCachedRepositories","Effect":"Allow","Action":["ecr:CreateRepository","ecr:TagResource"],"Resource":["arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/*"]},` +
		`{"Sid":"EncryptWithTheKey","Effect":"Allow","Action":["kms:CreateGrant","kms:DescribeKey","kms:RetireGrant"],"Resource":["` + key + `"]}]}`
	policy := get(t, m, tRolePolicy, "web-cache-ecr-public-template-policy")
	expect(t, policy, "policy", want)
	if !contains(tpl.Dependencies, policy.URN) {
		t.Errorf("%s does not wait for %s, which lets ECR use the key", tpl.URN, policy.URN)
	}

	var p check.Problems
	network.CheckPullThroughCache(&p, "", []network.PullThroughCacheRuleArgs{{Upstream: "quay", KmsKeyArn: pulumi.String("alias/cache")}}, testRegion)
	for _, w := range []string{
		"PullThroughCache[0].KmsKeyArn: encrypts the cached repositories through the rule's creation template, which KeepImages makes",
		`PullThroughCache[0].KmsKeyArn: "alias/cache" is not a KMS key ARN`,
	} {
		if got := problemsText(p); !strings.Contains(got, w) {
			t.Errorf("problems = %q, want %q", got, w)
		}
	}
}

// TestAnotherRegionsEcrImagePullsThroughAnEcrRule: Amazon ECR caches
// another private ECR registry, its own account's in another region
// without credentials, another account's through an IAM role ECR assumes
// (ECR user guide, "Sync an upstream registry with an Amazon ECR private
// registry": "Amazon ECR (requires authentication with AWS IAM role)",
// "you must create an IAM role if the upstream and downstream Amazon ECR
// registries belong to different AWS account"; CreatePullThroughCacheRule,
// upstreamRegistryUrl <account>.dkr.ecr.<region>.amazonaws.com and
// customRoleArn). Without NAT, an image in another region's ECR is out of
// reach of the region's endpoints, and the refusal names the rule that
// fixes it; with the rule, the image is pulled through the cache.
func TestAnotherRegionsEcrImagePullsThroughAnEcrRule(t *testing.T) {
	const upstream = "210987654321.dkr.ecr.eu-west-1.amazonaws.com"
	const role = "arn:aws:iam::123456789012:role/ecr-cache-from-210987654321"
	a := baseArgs()
	a.Container.Build = nil
	a.Container.Image = pulumi.String(upstream + "/payments/api:2.4.1")
	expectInvalid(t, a, []string{`is in ECR region eu-west-1, but the VPC endpoints serve us-east-1 only; add a pull-through cache rule for it to the network (PullThroughCache, Upstream "ecr", RegistryHost "` + upstream + `"`})

	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr", Prefix: "payments-eu", RegistryHost: upstream, CustomRoleArn: role}}
	m, _ := mustRun(t, a)
	rule := get(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "web-cache-ecr")
	expect(t, rule, "ecrRepositoryPrefix", "payments-eu")
	expect(t, rule, "upstreamRegistryUrl", upstream)
	expect(t, rule, "customRoleArn", role)
	if v := in(rule, "credentialArn"); v != nil {
		t.Errorf("%s: credentialArn %v on an upstream that takes a role", rule.URN, v)
	}
	td := get(t, m, tTaskDef, "web-task")
	if defs := in(td, "containerDefinitions").(string); !strings.Contains(defs, `"image":"`+cacheRegistry+`/payments-eu/payments/api:2.4.1"`) {
		t.Errorf("%s: container image is not the cache path: %s", td.URN, defs)
	}
}
