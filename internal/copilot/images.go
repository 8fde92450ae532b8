package copilot

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// ecrHost matches a private ECR registry host: its account and region.
var ecrHost = regexp.MustCompile(`^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// registryHost is the registry an image reference names, by Docker's
// rule: the first component is a host only if it has a dot or a port, or
// is localhost; otherwise the image is Docker Hub's.
func registryHost(image string) string {
	first, _, found := strings.Cut(image, "/")
	if found && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return first
	}
	return "docker.io"
}

// pullable decides how tasks with no NAT pull an image in e: as it is,
// an ECR image of the stack's region; through a pull-through cache rule,
// which the platform gets; or not at all, with the reason and the fix.
func (c *converter) pullable(e *envStack, image string) (string, bool) {
	host := registryHost(image)
	if m := ecrHost.FindStringSubmatch(host); m != nil && m[2] == c.opts.Region {
		return "", true
	}
	upstream := network.CacheUpstream(image)
	if upstream == "" {
		return fmt.Sprintf("the tasks have no NAT and ECR cannot cache %s; push the image to an ECR repository of %s (docker pull, docker tag, docker push) and name that image instead", host, c.opts.Region), false
	}
	rule := network.PullThroughCacheRuleArgs{Upstream: upstream}
	if upstream == "ecr" || upstream == "azure-container-registry" {
		rule.RegistryHost = host
	}
	if _, _, problem := network.RouteImage(image, network.CacheRoutes([]network.PullThroughCacheRuleArgs{rule})); problem != "" {
		return problem, false
	}
	for _, r := range e.cache {
		if up, _ := r.get("upstream"); up != upstream {
			continue
		}
		if h, _ := r.get("registryHost"); rule.RegistryHost != "" && h != rule.RegistryHost {
			return fmt.Sprintf("the platform already caches another %s registry (%v), and a pull-through cache rule per upstream is all it takes; push the image to ECR in %s instead", upstream, h, c.opts.Region), false
		}
		c.cacheImage(e, upstream, image)
		return "", true
	}
	entry := obj{{"upstream", upstream}}
	if rule.RegistryHost != "" {
		entry = entry.with("registryHost", rule.RegistryHost)
	}
	if network.UpstreamRegistries[upstream].Credentials {
		secret := c.arn("secretsmanager", "secret:ecr-pullthroughcache/"+upstream)
		entry = entry.with("credentialArn", secret)
		c.warn("The pull-through cache rule for %s needs the registry's credentials: create the Secrets Manager secret ecr-pullthroughcache/%s (username and accessToken) in %s, and put its full ARN, with its six-character suffix, in pullThroughCache[].credentialArn of the platform stacks (now %s).", upstream, upstream, c.opts.Region, secret)
	}
	if m := ecrHost.FindStringSubmatch(host); m != nil && m[1] != c.opts.Account {
		c.warn("The pull-through cache rule for %s reads another account's registry: give the rule the role ECR assumes there (pullThroughCache[].customRoleArn), which that account's repositories must let pull.", host)
	}
	e.cache = append(e.cache, entry)
	c.cacheImage(e, upstream, image)
	return "", true
}

func (c *converter) cacheImage(e *envStack, upstream, image string) {
	for _, im := range e.cacheWhy[upstream] {
		if im == image {
			return
		}
	}
	e.cacheWhy[upstream] = append(e.cacheWhy[upstream], image)
}
