package stacks

import (
	"fmt"
	"slices"
	"strings"
)

// awsConfigKeys are the configuration keys the pulumi-aws provider
// (v6.83.4, the version this module builds with) reads in the aws:
// namespace: the getters of its Go SDK's config package
// (sdk/go/aws/config/config.go), which mirror the provider's documented
// configuration (https://www.pulumi.com/registry/packages/aws/installation-configuration/).
// A key off this list is a typo the provider would ignore silently, so
// aws:regoin would deploy to the default region.
var awsConfigKeys = []string{
	"accessKey", "allowedAccountIds", "assumeRole", "assumeRoleWithWebIdentity", "customCaBundle",
	"defaultTags", "ec2MetadataServiceEndpoint", "ec2MetadataServiceEndpointMode", "endpoints",
	"forbiddenAccountIds", "httpProxy", "httpsProxy", "ignoreTags", "insecure", "maxRetries", "noProxy",
	"profile", "region", "retryMode", "s3UsEast1RegionalEndpoint", "s3UsePathStyle", "secretKey",
	"sharedConfigFiles", "sharedCredentialsFiles", "skipCredentialsValidation", "skipMetadataApiCheck",
	"skipRegionValidation", "skipRequestingAccountId", "stsRegion", "token", "tokenBucketRateLimiterCapacity",
	"useDualstackEndpoint", "useFipsEndpoint",
}

// checkAwsKeys refuses aws: keys the provider does not take, with the
// nearest one it does.
func (r *reader) checkAwsKeys(all []string) {
	for _, full := range all {
		ns, name, ok := strings.Cut(full, ":")
		if !ok || ns != "aws" || slices.Contains(awsConfigKeys, name) {
			continue
		}
		r.problems = append(r.problems, fmt.Sprintf("aws:%s: is not a configuration key of the aws provider; %s", name,
			suggest(name, awsConfigKeys, "the keys are listed at https://www.pulumi.com/registry/packages/aws/installation-configuration/")))
	}
}
