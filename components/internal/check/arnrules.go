package check

import (
	"fmt"
	"regexp"
	"strings"
)

// The rules of the input fields, shared by the checks before registering
// and the ones at deploy time: ARNs and ids, each in its region and
// partition.

// SecretKind tells which service a container secret's ARN belongs to.
func SecretKind(arn string) string {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	switch {
	case parts[2] == "secretsmanager" && parts[5] == "secret" && len(parts) == 7 && parts[6] != "":
		return "secretsmanager"
	case parts[2] == "ssm" && strings.HasPrefix(parts[5], "parameter/") && len(parts[5]) > len("parameter/"):
		return "ssm"
	}
	return ""
}

// SecretResourceArn is the ARN an IAM grant names for a container secret:
// a Secrets Manager reference may carry ":json-key:stage:version" after the
// secret's own ARN, which IAM does not accept; and a partial ARN, without
// the six characters Secrets Manager appends to the name, which ECS
// accepts but which matches no secret in a policy, is granted with
// "-??????" in their place (Secrets Manager user guide, "Permissions
// policy examples": "-??????" matches the suffix). A name that itself ends
// in a hyphen and six letters or digits reads as a full ARN, as Secrets
// Manager's own guide warns.
func SecretResourceArn(arn string) string {
	if SecretKind(arn) != "secretsmanager" {
		return arn
	}
	parts := strings.Split(arn, ":")
	if len(parts) > 7 {
		parts = parts[:7]
	}
	if !secretSuffix.MatchString(parts[6]) {
		parts[6] += "-??????"
	}
	return strings.Join(parts, ":")
}

// secretSuffix is the end of a secret's full name: a hyphen and the six
// characters Secrets Manager appends.
var secretSuffix = regexp.MustCompile(`-[A-Za-z0-9]{6}$`)

func SecurityGroupRule(v string) string {
	if !strings.HasPrefix(v, "sg-") {
		return fmt.Sprintf("%q is not a security group ID; use sg-...", v)
	}
	return ""
}

// EcrRepositoryRule refuses what is not a repository the tasks can pull
// from: without NAT, only repositories of the network's region are
// reachable, through its ECR endpoints.
func EcrRepositoryRule(region string, nat bool) InputRule {
	return func(v string) string {
		if !ecrRepoArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not an ECR repository ARN; use arn:aws:ecr:<region>:<account>:repository/<name>", v)
		}
		return ArnPlace(v, region, !nat, "the tasks reach ECR through the VPC endpoints of "+region+" only; use a repository there (ECR replication copies one), or turn on NAT")
	}
}

// PolicyArnRule refuses what is not an IAM policy of the region's
// partition; IAM itself is global.
func PolicyArnRule(region string) InputRule {
	return func(v string) string {
		if !iamPolicyArn.MatchString(v) {
			return fmt.Sprintf("%q is not an IAM policy ARN; use arn:aws:iam::<account or aws>:policy/<name>", v)
		}
		return ArnPlace(v, region, false, "")
	}
}

// CertificateRule refuses what is not a certificate the ALB can use: an
// ACM certificate must be in the load balancer's own region (ACM
// certificates are regional; ELB docs, "SSL certificates"), an IAM server
// certificate in its partition.
func CertificateRule(region string) InputRule {
	return func(v string) string {
		if !acmArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not a certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>", v)
		}
		return ArnPlace(v, region, strings.Contains(v, ":acm:"), "request or import the certificate in ACM in "+region)
	}
}

// ArnPlace refuses an ARN of another partition than region's, or, when
// regional, of another region; fix says what to do about the region.
// With no region known, nothing is checked.
func ArnPlace(v, region string, regional bool, fix string) string {
	parts := strings.SplitN(v, ":", 6)
	if region == "" || len(parts) < 6 {
		return ""
	}
	if want := Partition(region); parts[1] != want {
		return fmt.Sprintf("%q is in partition %s, but the stack's region %s is in %s; use an ARN of %s", v, parts[1], region, want, want)
	}
	if regional && parts[3] != region {
		return fmt.Sprintf("%q is in region %s, but the stack's region is %s; %s", v, parts[3], region, fix)
	}
	return ""
}

// KmsKeyRule refuses what is not a KMS key ARN of region: CloudWatch Logs
// takes a key ARN only, not an alias or a bare ID (CloudWatch Logs API,
// AssociateKmsKey), and a key serves its own region only.
func KmsKeyRule(region string) InputRule {
	return func(v string) string {
		if !kmsKeyArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not a KMS key ARN; use arn:aws:kms:<region>:<account>:key/<key id> (not an alias)", v)
		}
		return ArnPlace(v, region, true, "use a key of "+region+" (KMS keys serve their own region; a multi-Region replica key has its own ARN there)")
	}
}

// ZoneRule refuses a zone that is not of region: a zone's name is its
// region's followed by a letter ("us-east-1a"), or by "-" for Local and
// Wavelength Zones ("us-west-2-lax-1a").
func ZoneRule(region string) InputRule {
	return func(z string) string {
		if region == "" {
			return ""
		}
		rest, ok := strings.CutPrefix(z, region)
		if !ok || rest == "" || !(rest[0] == '-' || rest[0] >= 'a' && rest[0] <= 'z') {
			return fmt.Sprintf("%q is not a zone of the stack's region %s; name zones such as %sa", z, region, region)
		}
		return ""
	}
}

// SecretRule refuses an ARN that is not of the secret's kind, or that the
// tasks cannot reach: without NAT, a secret of another region is out of
// reach of the network's endpoint (ECS reads it at task start).
func SecretRule(kind, region string, nat bool) InputRule {
	return func(v string) string {
		switch got := SecretKind(v); {
		case got == "":
			return fmt.Sprintf("%q is not a Secrets Manager secret ARN or an SSM parameter ARN", v)
		case kind != "" && got != kind:
			return fmt.Sprintf("%q is a %s ARN but Kind says %s; set Kind to %q or leave it unset", v, got, kind, got)
		}
		return ArnPlace(v, region, !nat, "the tasks read secrets through the VPC endpoints of "+region+" only; keep the secret there (Secrets Manager replicates secrets), or turn on NAT")
	}
}

// Partition is the ARN partition of a region.
func Partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}
