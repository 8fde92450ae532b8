package components

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ecrHost matches a private ECR registry host and captures its region.
var ecrHost = regexp.MustCompile(`^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// imageRegistry returns the registry host of an image reference, or
// "docker.io" when the reference names none (as "nginx" or "library/nginx").
func imageRegistry(image string) string {
	first, _, found := strings.Cut(image, "/")
	if !found {
		return "docker.io"
	}
	// Docker's rule: the first component is a host only if it has a dot or
	// a port, or is localhost.
	if strings.ContainsAny(first, ".:") || first == "localhost" {
		return first
	}
	return "docker.io"
}

// checkImagePullable returns an error when a task in a private subnet with
// no NAT gateway cannot pull image: anything but a private ECR registry in
// region, or an upstream one of routes caches, is out of reach through the
// VPC endpoints.
func checkImagePullable(image, region string, routes []CacheRoute) error {
	host := imageRegistry(image)
	m := ecrHost.FindStringSubmatch(host)
	if m == nil {
		if _, ok, problem := routeImage(image, routes); ok {
			if problem != "" {
				return errors.New(problem)
			}
			return nil
		}
		fix := "build the image into the component's ECR repository (leave the image unset), copy it into a private ECR repository in " + region + ", or turn on NAT"
		if up := cacheUpstream(image); up != "" {
			fix = fmt.Sprintf("add a pull-through cache rule for %s to the network (PullThroughCache, Upstream %q; stack key pullThroughCache), which rewrites the image to its cache path, or %s", up, up, fix)
		} else {
			fix = fmt.Sprintf("ECR's pull-through cache cannot cache %s either (it caches %s); %s", host, strings.Join(upstreamNames(), ", "), fix)
		}
		return fmt.Errorf("%q comes from %s, which tasks in private subnets without a NAT gateway cannot reach; %s", image, host, fix)
	}
	if region != "" && m[1] != region {
		return fmt.Errorf("%q is in ECR region %s, but the VPC endpoints serve %s only; "+
			"replicate the repository to %s, or turn on NAT", image, m[1], region, region)
	}
	return nil
}
