package service

import (
	"errors"
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// checkImagePullable returns an error when a task in a private subnet with
// no NAT gateway cannot pull image: anything but a private ECR registry in
// region, or an upstream one of routes caches, is out of reach through the
// VPC endpoints.
func checkImagePullable(image, region string, routes []network.CacheRoute) error {
	host := check.ImageRegistry(image)
	m := check.EcrHost.FindStringSubmatch(host)
	if m == nil {
		if _, ok, problem := network.RouteImage(image, routes); ok {
			if problem != "" {
				return errors.New(problem)
			}
			return nil
		}
		fix := "build the image into the component's ECR repository (leave the image unset), copy it into a private ECR repository in " + region + ", or turn on NAT"
		if up := network.CacheUpstream(image); up != "" {
			fix = fmt.Sprintf("add a pull-through cache rule for %s to the network (PullThroughCache, Upstream %q; stack key pullThroughCache), which rewrites the image to its cache path, or %s", up, up, fix)
		} else {
			fix = fmt.Sprintf("ECR's pull-through cache cannot cache %s either (it caches %s); %s", host, strings.Join(network.UpstreamNames(), ", "), fix)
		}
		return fmt.Errorf("%q comes from %s, which tasks in private subnets without a NAT gateway cannot reach; %s", image, host, fix)
	}
	if region != "" && m[1] != region {
		if _, ok, problem := network.RouteImage(image, routes); ok {
			if problem != "" {
				return errors.New(problem)
			}
			return nil
		}
		return fmt.Errorf("%q is in ECR region %s, but the VPC endpoints serve %s only; "+
			"add a pull-through cache rule for it to the network (PullThroughCache, Upstream \"ecr\", RegistryHost %q; stack key pullThroughCache), replicate the repository to %s, or turn on NAT", image, m[1], region, host, region)
	}
	return nil
}

// ImageRule refuses an image the tasks cannot pull: without NAT, anything
// but a private ECR repository in the network's region or an upstream one
// of routes caches. An image a rule caches is refused, with or without
// NAT, when its tag would go stale in the cache.
func ImageRule(region string, nat bool, routes []network.CacheRoute) check.InputRule {
	return func(v string) string {
		if v == "" {
			return "the image URI is empty; set the URI of a private ECR image, or a build context to build one"
		}
		if nat {
			if _, _, problem := network.RouteImage(v, routes); problem != "" {
				return problem
			}
			return ""
		}
		if err := checkImagePullable(v, region, routes); err != nil {
			return err.Error()
		}
		return ""
	}
}
