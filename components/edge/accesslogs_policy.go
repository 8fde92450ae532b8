package edge

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// ElbLogAccounts are the Elastic Load Balancing accounts that write access
// logs in the Regions that were available before August 2022, by Region.
// A bucket policy there may grant s3:PutObject to that account's root
// ("arn:aws:iam::<id>:root"); Regions not in this table never took that
// form and need the log delivery service principal instead
// (elbLogDeliveryService). Source: Elastic Load Balancing User Guide,
// "Enable access logs for your Application Load Balancer", step 2 (the
// legacy policy's account list, which includes Asia Pacific (Jakarta)
// and both AWS GovCloud (US) Regions), read 2026-12-03.
var ElbLogAccounts = map[string]string{
	"us-east-1":      "127311923021", // US East (N. Virginia)
	"us-east-2":      "033677994240", // US East (Ohio)
	"us-west-1":      "027434742980", // US West (N. California)
	"us-west-2":      "797873946194", // US West (Oregon)
	"af-south-1":     "098369216593", // Africa (Cape Town)
	"ap-east-1":      "754344448648", // Asia Pacific (Hong Kong)
	"ap-southeast-3": "589379963580", // Asia Pacific (Jakarta)
	"ap-south-1":     "718504428378", // Asia Pacific (Mumbai)
	"ap-northeast-3": "383597477331", // Asia Pacific (Osaka)
	"ap-northeast-2": "600734575887", // Asia Pacific (Seoul)
	"ap-southeast-1": "114774131450", // Asia Pacific (Singapore)
	"ap-southeast-2": "783225319266", // Asia Pacific (Sydney)
	"ap-northeast-1": "582318560864", // Asia Pacific (Tokyo)
	"ca-central-1":   "985666609251", // Canada (Central)
	"eu-central-1":   "054676820928", // Europe (Frankfurt)
	"eu-west-1":      "156460612806", // Europe (Ireland)
	"eu-west-2":      "652711504416", // Europe (London)
	"eu-south-1":     "635631232127", // Europe (Milan)
	"eu-west-3":      "009996457667", // Europe (Paris)
	"eu-north-1":     "897822967062", // Europe (Stockholm)
	"me-south-1":     "076674570225", // Middle East (Bahrain)
	"sa-east-1":      "507241528517", // South America (São Paulo)
	"us-gov-east-1":  "190560391635", // AWS GovCloud (US-East)
	"us-gov-west-1":  "048591011584", // AWS GovCloud (US-West)
}

// elbLogDeliveryService is the service principal that writes access logs
// in the Regions opened in or after August 2022 (Asia Pacific (Hyderabad),
// Asia Pacific (Melbourne), Canada West (Calgary), Europe (Spain), Europe
// (Zurich), Israel (Tel Aviv), Middle East (UAE) and later ones). Source:
// as for elbLogAccounts.
const elbLogDeliveryService = "logdelivery.elasticloadbalancing.amazonaws.com"

// LogDeliveryPrincipal is the principal a bucket policy grants access log
// delivery to in region: the Region's ELB account (the form for Regions
// available before August 2022), or the log delivery service (the form
// for newer Regions). It returns the policy's principal element and a
// word naming the form, "account" or "service"; for the China Regions,
// whose principals this component does not encode, it returns nil.
func LogDeliveryPrincipal(region string) (map[string]string, string) {
	if strings.HasPrefix(region, "cn-") {
		return nil, ""
	}
	if id, ok := ElbLogAccounts[region]; ok {
		return map[string]string{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", check.Partition(region), id)}, "account"
	}
	return map[string]string{"Service": elbLogDeliveryService}, "service"
}

// logObjectsArn is the ARN of the keys access logs are written under:
// bucket[/prefix]/AWSLogs/<account>/*. The account is the load
// balancer's, so that only this account's load balancers may write there.
func logObjectsArn(region, bucket, prefix, account string) string {
	path := "AWSLogs/" + account + "/*"
	if prefix != "" {
		path = prefix + "/" + path
	}
	return fmt.Sprintf("arn:%s:s3:::%s/%s", check.Partition(region), bucket, path)
}

// AccessLogPolicy is the bucket policy of a bucket the load balancer owns:
// log delivery in region may put objects under the account's AWSLogs
// path, and nothing else; and every request that is not over TLS is
// denied, for every principal, on the bucket and its objects.
func AccessLogPolicy(region, bucket, prefix, account string) (string, error) {
	principal, _ := LogDeliveryPrincipal(region)
	if principal == nil {
		return "", fmt.Errorf("no access log delivery principal is encoded for %s", region)
	}
	bucketArn := fmt.Sprintf("arn:%s:s3:::%s", check.Partition(region), bucket)
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []map[string]any{
			{
				"Sid":       "AllowAlbAccessLogDelivery",
				"Effect":    "Allow",
				"Principal": principal,
				"Action":    "s3:PutObject",
				"Resource":  logObjectsArn(region, bucket, prefix, account),
			},
			{
				"Sid":       "DenyInsecureTransport",
				"Effect":    "Deny",
				"Principal": "*",
				"Action":    "s3:*",
				"Resource":  []string{bucketArn, bucketArn + "/*"},
				"Condition": map[string]any{"Bool": map[string]string{"aws:SecureTransport": "false"}},
			},
		},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("marshal access log bucket policy: %w", err)
	}
	return string(out), nil
}

// bucketNameChars: lowercase letters, digits, dots and hyphens, starting
// and ending with a letter or digit.
var bucketNameChars = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)

// Reserved starts and ends of a general purpose bucket's name (Amazon S3
// User Guide, "General purpose bucket naming rules").
var (
	bucketReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// BucketNameRule refuses what S3 does not accept as a general purpose
// bucket's name (Amazon S3 User Guide, "General purpose bucket naming
// rules"): 3 to 63 characters of lowercase letters, digits, dots and
// hyphens, starting and ending with a letter or digit, no two dots in a
// row, not an IP address, and none of the reserved prefixes and suffixes.
func BucketNameRule(v string) string {
	bad := func(why string) string {
		return fmt.Sprintf("%q is not an S3 bucket name: %s; give the name of an existing bucket, such as my-alb-logs", v, why)
	}
	switch {
	case len(v) < 3 || len(v) > 63:
		return bad("it must be 3 to 63 characters long")
	case strings.HasPrefix(v, "arn:") || strings.HasPrefix(v, "s3://"):
		return bad("it is an ARN or a URI, not the bare name")
	case !bucketNameChars.MatchString(v):
		return bad("it may hold only lowercase letters, digits, dots and hyphens, and must start and end with a letter or digit")
	case strings.Contains(v, ".."):
		return bad("it has two dots in a row")
	}
	if addr, err := netip.ParseAddr(v); err == nil && addr.Is4() {
		return bad("it is formatted as an IP address")
	}
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(v, p) {
			return bad(fmt.Sprintf("the prefix %s is reserved", p))
		}
	}
	for _, s := range bucketReservedSuffixes {
		if strings.HasSuffix(v, s) {
			return bad(fmt.Sprintf("the suffix %s is reserved", s))
		}
	}
	return ""
}

// logPrefixChars are what an access log prefix is written with here:
// the characters of safe S3 keys.
var logPrefixChars = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/-]+$`)

// logPrefixRule refuses an access log prefix that ELB rejects (it must
// not hold "AWSLogs", which ELB adds itself; Elastic Load Balancing User
// Guide, "Enable access logs for your Application Load Balancer"), or one
// that would put an empty segment in the log path.
func logPrefixRule(v string) string {
	switch {
	case strings.Contains(v, "AWSLogs"):
		return fmt.Sprintf("%q holds AWSLogs, which ELB adds after the prefix itself; remove it", v)
	case strings.HasPrefix(v, "/") || strings.HasSuffix(v, "/") || strings.Contains(v, "//"):
		return fmt.Sprintf("%q would leave an empty segment in the log path; write it without a slash at either end or two in a row, such as alb/web", v)
	case len(v) > 512 || !logPrefixChars.MatchString(v):
		return fmt.Sprintf("%q is not a key prefix; use up to 512 letters, digits, slashes and the characters !_.*'()-", v)
	}
	return ""
}
