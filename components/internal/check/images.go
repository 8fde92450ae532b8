package check

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// EcrHost matches a private ECR registry host and captures its region.
var EcrHost = regexp.MustCompile(`^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// ImageRegistry returns the registry host of an image reference, or
// "docker.io" when the reference names none (as "nginx" or "library/nginx").
func ImageRegistry(image string) string {
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

// LifecyclePolicy keeps the newest keep images and expires the rest.
func LifecyclePolicy(keep int) string {
	doc := map[string]any{
		"rules": []map[string]any{{
			"rulePriority": 1,
			"description":  fmt.Sprintf("Keep the last %d images", keep),
			"selection": map[string]any{
				"tagStatus":   "any",
				"countType":   "imageCountMoreThan",
				"countNumber": keep,
			},
			"action": map[string]any{"type": "expire"},
		}},
	}
	out, _ := json.Marshal(doc) // a map of plain values always marshals
	return string(out)
}

// EcrRepositoryArn returns the ARN of the private ECR repository an image
// URI points into, or "" when it is not one.
func EcrRepositoryArn(image string) string {
	host, rest, ok := strings.Cut(image, "/")
	if !ok {
		return ""
	}
	m := EcrHost.FindStringSubmatch(host)
	if m == nil {
		return ""
	}
	repo := rest
	if i := strings.IndexAny(repo, "@:"); i >= 0 {
		repo = repo[:i]
	}
	partition := "aws"
	if strings.HasSuffix(host, ".cn") {
		partition = "aws-cn"
	} else if strings.HasPrefix(m[1], "us-gov-") {
		partition = "aws-us-gov"
	}
	account := host[:12]
	return fmt.Sprintf("arn:%s:ecr:%s:%s:repository/%s", partition, m[1], account, repo)
}
