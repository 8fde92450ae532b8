package network

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ECR pull-through cache: the upstream registries ECR can cache, and how
// an image on one of them is renamed to its cache path. Tasks in private
// subnets with no NAT pull the cached image through the ECR endpoints,
// because ECR fetches the upstream itself (ECR user guide, "Sync an
// upstream registry with an Amazon ECR private registry").

// PullThroughCacheRuleArgs is one ECR pull-through cache rule a network
// owns: images on Upstream are pulled from
// <account>.dkr.ecr.<region>.amazonaws.com/<Prefix>/<upstream path>.
type PullThroughCacheRuleArgs struct {
	// Upstream names the registry to cache: ecr-public, k8s, quay (no
	// credentials), docker-hub, github-container-registry,
	// gitlab-container-registry, azure-container-registry or chainguard
	// (credentials in CredentialArn), or ecr: another account's or
	// region's private ECR registry (RegistryHost, and CustomRoleArn for
	// another account's). Required. Valid: one of those, each once.
	Upstream string `pulumi:"upstream"`
	// Prefix is the ECR repository prefix the cached repositories are
	// created under. Optional. Default: Upstream. Valid: 2 to 30
	// characters, lowercase letters, digits and . _ - separated parts,
	// "/" between parts; not ROOT; unique among the rules.
	Prefix string `pulumi:"prefix,optional"`
	// CredentialArn is the Secrets Manager secret holding the upstream's
	// username and access token; its name starts with
	// ecr-pullthroughcache/ and it lives in the network's account and
	// region. Required for docker-hub, github-container-registry,
	// gitlab-container-registry and azure-container-registry; refused for
	// the others.
	CredentialArn string `pulumi:"credentialArn,optional"`
	// RegistryHost is the upstream registry's host: an Azure registry's
	// (<name>.azurecr.io), or for ecr another account's or region's
	// private registry (<account>.dkr.ecr.<region>.amazonaws.com).
	// Required for azure-container-registry and ecr; refused for the
	// others, whose host is fixed.
	RegistryHost string `pulumi:"registryHost,optional"`
	// CustomRoleArn is the IAM role ECR assumes to pull from an ecr
	// upstream of another account; that account's repositories must let
	// the role pull. Optional: an upstream of this account (another
	// region) needs none. Valid: an IAM role ARN of the stack's
	// partition; ecr only.
	CustomRoleArn string `pulumi:"customRoleArn,optional"`
	// KeepImages, when set, gives the rule a repository creation template:
	// the repositories its first pulls create keep the newest KeepImages
	// images (older ones expire), AES256 encryption and mutable tags, which
	// ECR needs to keep a cached tag in sync with its upstream. Optional.
	// Default: 0, no template (the registry's defaults: no lifecycle
	// policy). Valid: 0, or 1 to 1000.
	KeepImages int `pulumi:"keepImages,optional"`
	// KmsKeyArn, with KeepImages, encrypts the cached repositories with a
	// customer-managed key instead of AES256: the template then names a
	// role ECR assumes to create them, which may create and tag
	// repositories under Prefix and make grants on this key only. Inside
	// a PrivateFargateService or a Platform with a key, the key is theirs
	// unless set. Optional. Default: none (AES256). Valid: a KMS key ARN
	// of the network's region.
	KmsKeyArn pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
}

// upstreamRegistry is an upstream ECR can cache.
type upstreamRegistry struct {
	// Url is what the rule's upstreamRegistryUrl takes.
	Url string
	// hosts are the registry hosts image references name it by.
	hosts []string
	// Credentials tells whether the rule needs a Secrets Manager secret.
	Credentials bool
	// library tells that one-part repository names get "library/"
	// (Docker Hub official images).
	library bool
}

// UpstreamRegistries are the upstreams this component sets rules up for,
// by the name ECR's API gives them (ECR API reference,
// CreatePullThroughCacheRule, upstreamRegistryUrl). An image in the
// network's own registry needs no cache; another region's or account's
// is cached through an "ecr" rule.
var UpstreamRegistries = map[string]upstreamRegistry{
	"ecr-public":                {Url: "public.ecr.aws", hosts: []string{"public.ecr.aws"}},
	"k8s":                       {Url: "registry.k8s.io", hosts: []string{"registry.k8s.io"}},
	"quay":                      {Url: "quay.io", hosts: []string{"quay.io"}},
	"docker-hub":                {Url: "registry-1.docker.io", hosts: []string{"docker.io", "index.docker.io", "registry-1.docker.io"}, Credentials: true, library: true},
	"github-container-registry": {Url: "ghcr.io", hosts: []string{"ghcr.io"}, Credentials: true},
	"gitlab-container-registry": {Url: "registry.gitlab.com", hosts: []string{"registry.gitlab.com"}, Credentials: true},
	"azure-container-registry":  {Credentials: true},
	// Chainguard's registry, added to ECR's list after the API
	// reference's copies we read: the ECR user guide ("Sync an upstream
	// registry with an Amazon ECR private registry") lists Chainguard
	// Registry among the upstreams that authenticate with a Secrets
	// Manager secret, and cgr.dev is the registry's host (Chainguard's
	// own pull-through guide for ECR).
	"chainguard": {Url: "cgr.dev", hosts: []string{"cgr.dev"}, Credentials: true},
	// Another account's or region's private ECR registry, by its host
	// (RegistryHost), which ECR reads as itself in the same account and
	// through a role it assumes in another (ECR user guide, "Sync an
	// upstream registry": "Amazon ECR (requires authentication with AWS
	// IAM role)"; "you must create an IAM role if the upstream and
	// downstream Amazon ECR registries belong to different AWS account";
	// CreatePullThroughCacheRule, upstreamRegistryUrl
	// <account>.dkr.ecr.<region>.amazonaws.com, customRoleArn).
	"ecr": {},
}

// UpstreamNames are the upstreams' names, sorted, for messages.
func UpstreamNames() []string {
	return check.SortedKeys(UpstreamRegistries)
}

var (
	// cachePrefixPattern is ECR's rule for a repository prefix (ECR API
	// reference, PullThroughCacheRule, ecrRepositoryPrefix).
	cachePrefixPattern = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)
	// cacheCredentialPattern is ECR's rule for the secret: a Secrets
	// Manager ARN whose name starts with ecr-pullthroughcache/ (ECR API
	// reference, PullThroughCacheRule, credentialArn).
	cacheCredentialPattern = regexp.MustCompile(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:ecr-pullthroughcache/[a-zA-Z0-9/_+=.@-]+$`)
	azureHostPattern       = regexp.MustCompile(`^[a-z0-9]+\.azurecr\.io$`)
	iamRoleArnPattern      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
)

// CacheRoute is a pull-through cache rule as services see it in a
// network's contract: which registry hosts it caches and under which
// prefix.
type CacheRoute struct {
	// Upstream is the upstream's name ("ecr-public").
	Upstream string `json:"upstream"`
	// Prefix is the ECR repository prefix.
	Prefix string `json:"prefix"`
	// Hosts are the registry hosts image references name the upstream by.
	Hosts []string `json:"hosts"`
}

// WithDefaults fills in the prefix.
func (r PullThroughCacheRuleArgs) withDefaults() PullThroughCacheRuleArgs {
	r.Prefix = check.StrOr(r.Prefix, r.Upstream)
	return r
}

// UpstreamURL is the rule's upstreamRegistryUrl.
func (r PullThroughCacheRuleArgs) UpstreamURL() string {
	if hostGiven(r.Upstream) {
		return r.RegistryHost
	}
	return UpstreamRegistries[r.Upstream].Url
}

// route is the rule as the contract carries it.
func (r PullThroughCacheRuleArgs) route() CacheRoute {
	r = r.withDefaults()
	hosts := slices.Clone(UpstreamRegistries[r.Upstream].hosts)
	if hostGiven(r.Upstream) {
		hosts = []string{r.RegistryHost}
	}
	return CacheRoute{Upstream: r.Upstream, Prefix: r.Prefix, Hosts: hosts}
}

// CacheRoutes are the rules as the contract carries them.
func CacheRoutes(rules []PullThroughCacheRuleArgs) []CacheRoute {
	var out []CacheRoute
	for _, r := range rules {
		out = append(out, r.route())
	}
	return out
}

// CheckPullThroughCache checks a network's cache rules; prefix is the
// field path before "PullThroughCache". region is the network's, "" when
// not known.
func CheckPullThroughCache(p *check.Problems, prefix string, rules []PullThroughCacheRuleArgs, region string) {
	upstreams, prefixes := map[string]bool{}, map[string]bool{}
	for i, r := range rules {
		r = r.withDefaults()
		field := fmt.Sprintf("%sPullThroughCache[%d]", prefix, i)
		up, ok := UpstreamRegistries[r.Upstream]
		if !ok {
			p.Add(field+".Upstream", "%q is not an upstream ECR can cache; use one of %s", r.Upstream, strings.Join(UpstreamNames(), ", "))
			continue
		}
		if upstreams[r.Upstream] {
			p.Add(field+".Upstream", "%s has a rule already; keep one rule per upstream, so each image has one cache path", r.Upstream)
		}
		upstreams[r.Upstream] = true
		switch {
		case len(r.Prefix) < 2 || len(r.Prefix) > 30 || !cachePrefixPattern.MatchString(r.Prefix) || r.Prefix == "ROOT":
			p.Add(field+".Prefix", "%q is not a repository prefix ECR takes; use 2 to 30 lowercase letters, digits, '.', '_', '-' and '/', such as %q", r.Prefix, r.Upstream)
		case prefixes[r.Prefix]:
			p.Add(field+".Prefix", "%q is the prefix of another rule; give each rule its own prefix", r.Prefix)
		}
		prefixes[r.Prefix] = true
		switch {
		case up.Credentials && r.CredentialArn == "":
			p.Add(field+".CredentialArn", "%s needs credentials; store the upstream's username and access token in a Secrets Manager secret named ecr-pullthroughcache/<name> and give its ARN", r.Upstream)
		case !up.Credentials && r.CredentialArn != "":
			p.Add(field+".CredentialArn", "%s takes no credentials; remove CredentialArn", r.Upstream)
		case r.CredentialArn != "" && !cacheCredentialPattern.MatchString(r.CredentialArn):
			p.Add(field+".CredentialArn", "%q is not a Secrets Manager secret ARN whose name starts with ecr-pullthroughcache/; ECR takes no other secret for a cache rule; create the secret under that prefix", r.CredentialArn)
		case r.CredentialArn != "":
			if msg := check.ArnPlace(r.CredentialArn, region, true, "ECR reads the secret in the rule's own account and region; create it in "+region); msg != "" {
				p.Add(field+".CredentialArn", "%s", msg)
			}
		}
		p.RangeInt(field+".KeepImages", r.KeepImages, 0, 1000)
		if r.KmsKeyArn != nil {
			if r.KeepImages == 0 {
				p.Add(field+".KmsKeyArn", "encrypts the cached repositories through the rule's creation template, which KeepImages makes; set KeepImages too, or remove KmsKeyArn")
			}
			check.CheckString(p, field+".KmsKeyArn", r.KmsKeyArn, check.KmsKeyRule(region))
		}
		switch {
		case r.Upstream == "azure-container-registry" && !azureHostPattern.MatchString(r.RegistryHost):
			p.Add(field+".RegistryHost", "%q is not an Azure registry host; use <registry name>.azurecr.io", r.RegistryHost)
		case r.Upstream == "ecr" && !check.EcrHost.MatchString(r.RegistryHost):
			p.Add(field+".RegistryHost", "%q is not a private ECR registry host; use <account>.dkr.ecr.<region>.amazonaws.com, the registry to cache", r.RegistryHost)
		case !hostGiven(r.Upstream) && r.RegistryHost != "":
			p.Add(field+".RegistryHost", "%s has a fixed host (%s); remove RegistryHost", r.Upstream, up.Url)
		}
		switch {
		case r.CustomRoleArn != "" && r.Upstream != "ecr":
			p.Add(field+".CustomRoleArn", "only an ecr upstream pulls through a role; %s authenticates with CredentialArn or not at all; remove CustomRoleArn", r.Upstream)
		case r.CustomRoleArn != "" && !iamRoleArnPattern.MatchString(r.CustomRoleArn):
			p.Add(field+".CustomRoleArn", "%q is not an IAM role ARN; use arn:aws:iam::<account>:role/<name>", r.CustomRoleArn)
		}
	}
}

// cachedImage is an image reference renamed to its cache path.
type cachedImage struct {
	// Route is the rule that caches it.
	Route CacheRoute
	// Repository is the cached repository's name (<prefix>/<path>).
	Repository string
	// Reference is ":tag" or "@digest".
	Reference string
}

// CacheUpstream returns the upstream ECR can cache image from, by name,
// or "" when it cannot cache the image's registry.
func CacheUpstream(image string) string {
	host := check.ImageRegistry(image)
	if strings.HasSuffix(host, ".azurecr.io") {
		return "azure-container-registry"
	}
	if check.EcrHost.MatchString(host) {
		return "ecr"
	}
	for _, name := range UpstreamNames() {
		if slices.Contains(UpstreamRegistries[name].hosts, host) {
			return name
		}
	}
	return ""
}

// RouteImage finds the rule that caches image and renames it; ok is false
// when no rule covers its registry. problem is set when a rule covers it
// but the reference cannot be cached as given.
func RouteImage(image string, routes []CacheRoute) (out cachedImage, ok bool, problem string) {
	host := check.ImageRegistry(image)
	i := slices.IndexFunc(routes, func(r CacheRoute) bool { return slices.Contains(r.Hosts, host) })
	if i < 0 {
		return cachedImage{}, false, ""
	}
	route := routes[i]
	path := image
	if rest, found := strings.CutPrefix(image, host+"/"); found {
		path = rest
	}
	ref := ""
	if at := strings.Index(path, "@"); at >= 0 {
		path, ref = path[:at], path[at:]
	}
	// A tag beside a digest is dropped: the digest alone names the image.
	if colon := strings.LastIndex(path, ":"); colon > strings.LastIndex(path, "/") {
		if ref == "" {
			ref = path[colon:]
		}
		path = path[:colon]
	}
	if ref == "" || ref == ":latest" {
		return cachedImage{}, true, fmt.Sprintf("%q is cached through %s, which refreshes a tag from the upstream at most once every 24 hours, so a moving tag such as latest runs stale images; pin a version tag or a digest", image, route.Prefix)
	}
	if UpstreamRegistries[route.Upstream].library && !strings.Contains(path, "/") {
		path = "library/" + path
	}
	return cachedImage{Route: route, Repository: route.Prefix + "/" + path, Reference: ref}, true, ""
}

// URI is the cached image's URI in registry (<account>.dkr.ecr.<region>.<suffix>).
func (c cachedImage) URI(registry string) string {
	return registry + "/" + c.Repository + c.Reference
}

// ecrRegistryHost is the private registry's host for account in region.
func ecrRegistryHost(account, region string) string {
	suffix := "amazonaws.com"
	if check.Partition(region) == "aws-cn" {
		suffix = "amazonaws.com.cn"
	}
	return account + ".dkr.ecr." + region + "." + suffix
}

// newPullThroughCache creates the network's cache rules and returns the
// registry host the cached images are pulled from, resolving once every
// rule exists (a task pulling before its rule would find no repository).
func newPullThroughCache(f *piece.Family, rules []PullThroughCacheRuleArgs, region string) (pulumi.StringOutput, error) {
	var ids []any
	for i, r := range rules {
		r = r.withDefaults()
		args := &ecr.PullThroughCacheRuleArgs{
			EcrRepositoryPrefix: pulumi.String(r.Prefix),
			UpstreamRegistryUrl: pulumi.String(r.UpstreamURL()),
		}
		if r.CredentialArn != "" {
			args.CredentialArn = pulumi.String(r.CredentialArn)
		}
		if r.CustomRoleArn != "" {
			args.CustomRoleArn = pulumi.String(r.CustomRoleArn)
		}
		rule, err := ecr.NewPullThroughCacheRule(f.Ctx, f.Name+"-cache-"+r.Upstream, args, f.Opts()...)
		if err != nil {
			return pulumi.StringOutput{}, fmt.Errorf("create pull-through cache rule for %s: %w", r.Upstream, err)
		}
		ids = append(ids, rule.RegistryId)
		if r.KeepImages > 0 {
			if err := newCacheTemplate(f, fmt.Sprintf("PullThroughCache[%d].", i), r, region, rule.RegistryId); err != nil {
				return pulumi.StringOutput{}, err
			}
		}
	}
	return pulumi.All(ids...).ApplyT(func(v []any) string {
		return ecrRegistryHost(v[0].(string), region)
	}).(pulumi.StringOutput), nil
}

// ThroughCache rewrites a checked image that a rule caches to its cache
// path in n's registry, and gives the repository its first pull creates
// (none for an image no rule caches).
func ThroughCache(image pulumi.StringOutput, routes []CacheRoute, n NetworkContract) (pulumi.StringOutput, pulumi.StringArrayOutput) {
	if len(routes) == 0 || n.CacheRegistry == nil {
		return image, pulumi.ToStringArray(nil).ToStringArrayOutput()
	}
	both := pulumi.All(image, n.CacheRegistry).ApplyT(func(v []any) []string {
		img, registry := v[0].(string), v[1].(string)
		cached, ok, problem := RouteImage(img, routes)
		if !ok || problem != "" {
			return []string{img}
		}
		uri := cached.URI(registry)
		return []string{uri, check.EcrRepositoryArn(uri)}
	}).(pulumi.StringArrayOutput)
	rewritten := both.Index(pulumi.Int(0))
	imports := both.ApplyT(func(v []string) []string { return v[1:] }).(pulumi.StringArrayOutput)
	return rewritten, imports
}

// PullThroughCacheActions are what the first pull of a cached image needs
// beyond an ordinary pull: ECR imports the upstream image as the puller
// (ecr:BatchImportUpstreamImage) into a repository it creates as the
// puller when none exists yet (ecr:CreateRepository). ECR user guide,
// "IAM permissions required to sync an upstream registry with an Amazon
// ECR private registry". ecr:CreatePullThroughCacheRule is the deployer's,
// not the task's.
var PullThroughCacheActions = []string{"ecr:BatchImportUpstreamImage", "ecr:CreateRepository"}

// newCacheTemplate creates the rule's repository creation template: a
// lifecycle policy, mutable tags (ECR keeps a cached repository in sync
// with its upstream only while they are), and AES256 encryption, or the
// rule's KMS key. A template with a KMS key needs a custom role ECR
// assumes to create the repositories (ECR user guide, "Creating a
// repository creation template in Amazon ECR"; "Create an IAM role for
// repository creation templates": trusted by ecr.amazonaws.com, allowed
// ecr:CreateRepository, ecr:TagResource and kms:CreateGrant,
// kms:RetireGrant, kms:DescribeKey). The role may do that on the rule's
// prefix and the rule's key only; ecr:ReplicateImage, which the guide's
// example also lists, serves replication, which this template is not for.
func newCacheTemplate(f *piece.Family, field string, r PullThroughCacheRuleArgs, region string, registryID pulumi.StringOutput) error {
	name := f.Name + "-cache-" + r.Upstream + "-template"
	args := &ecr.RepositoryCreationTemplateArgs{
		Prefix:             pulumi.String(r.Prefix),
		AppliedFors:        pulumi.ToStringArray([]string{"PULL_THROUGH_CACHE"}),
		Description:        pulumi.String("Repositories " + f.Name + " caches from " + r.Upstream),
		ImageTagMutability: pulumi.String("MUTABLE"),
		EncryptionConfigurations: ecr.RepositoryCreationTemplateEncryptionConfigurationArray{
			&ecr.RepositoryCreationTemplateEncryptionConfigurationArgs{EncryptionType: pulumi.String("AES256")},
		},
		LifecyclePolicy: pulumi.String(check.LifecyclePolicy(r.KeepImages)),
	}
	var opts []pulumi.ResourceOption
	if r.KmsKeyArn != nil {
		key := check.CheckedString(f.PieceName(), f.Field(field+"KmsKeyArn"), r.KmsKeyArn, check.KmsKeyRule(region))
		role, err := iam.NewRole(f.Ctx, name+"-role", &iam.RoleArgs{
			Description:      pulumi.String("ECR creates " + f.Name + "'s cached repositories under " + r.Prefix + "/ with its key"),
			AssumeRolePolicy: pulumi.String(piece.AssumeRolePolicy("ecr.amazonaws.com")),
			Tags:             f.TagsFor(name + "-role"),
		}, f.Opts()...)
		if err != nil {
			return fmt.Errorf("create repository creation role for %s: %w", r.Upstream, err)
		}
		repos := pulumi.Sprintf("arn:%s:ecr:%s:%s:repository/%s/*", check.Partition(region), region, registryID, r.Prefix)
		policy := pulumi.All(repos, key).ApplyT(func(v []any) string {
			return cacheTemplatePolicy(v[0].(string), v[1].(string)).JSON()
		}).(pulumi.StringOutput)
		pol, err := iam.NewRolePolicy(f.Ctx, name+"-policy", &iam.RolePolicyArgs{Role: role.ID(), Policy: policy}, f.Opts()...)
		if err != nil {
			return fmt.Errorf("create repository creation policy for %s: %w", r.Upstream, err)
		}
		args.EncryptionConfigurations = ecr.RepositoryCreationTemplateEncryptionConfigurationArray{
			&ecr.RepositoryCreationTemplateEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: key},
		}
		args.CustomRoleArn = role.Arn
		opts = append(opts, pulumi.DependsOn([]pulumi.Resource{pol}))
	}
	_, err := ecr.NewRepositoryCreationTemplate(f.Ctx, name, args, f.Opts(opts...)...)
	if err != nil {
		return fmt.Errorf("create repository creation template for %s: %w", r.Upstream, err)
	}
	return nil
}

// CacheRulesWithKey gives the rules that make a creation template the
// composite's key, unless they name one: the cached repositories are
// then under the same key as the rest of the stack's data.
func CacheRulesWithKey(rules []PullThroughCacheRuleArgs, key pulumi.StringInput) []PullThroughCacheRuleArgs {
	if key == nil {
		return rules
	}
	out := slices.Clone(rules)
	for i := range out {
		if out[i].KeepImages > 0 && out[i].KmsKeyArn == nil {
			out[i].KmsKeyArn = key
		}
	}
	return out
}

// cacheTemplatePolicy is what ECR may do as a cache template's role:
// create and tag the repositories under its prefix, and make and retire
// grants on the key that encrypts them.
func cacheTemplatePolicy(repos, key string) piece.PolicyDocument {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{
		{Sid: "CreateCachedRepositories", Effect: "Allow", Action: []string{"ecr:CreateRepository", "ecr:TagResource"}, Resource: []string{repos}},
		{Sid: "EncryptWithTheKey", Effect: "Allow", Action: []string{"kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant"}, Resource: []string{key}},
	}}
}

// hostGiven tells whether an upstream's host is the rule's RegistryHost
// rather than a fixed one: an Azure registry, or another ECR registry.
func hostGiven(upstream string) bool {
	return upstream == "azure-container-registry" || upstream == "ecr"
}
