package components

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource types of the load balancer's edge: access logs, certificate
// and DNS.
const (
	tBucket        = "aws:s3/bucketV2:BucketV2"
	tPublicAccess  = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	tOwnership     = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	tEncryption    = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	tBucketLife    = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	tBucketPolicy  = "aws:s3/bucketPolicy:BucketPolicy"
	tCertificate   = "aws:acm/certificate:Certificate"
	tCertValidated = "aws:acm/certificateValidation:CertificateValidation"
	tRecord        = "aws:route53/record:Record"
)

// The hosted zone the tests' domains are in.
const (
	testZoneID   = "Z0TESTZONE12345"
	testZoneName = "example.com"
	// testLogBucket is the name the mocks give the bucket web-alb-logs.
	testLogBucket = "web-alb-logs-0a1b2c3"
	// albDNS is the mocked DNS name of the ALB web-alb.
	albDNS = "web-alb-1234567890.us-east-1.elb.amazonaws.com"
	// albZone is the mocked hosted zone of every ALB.
	albZone = "Z35SXDOTRQ7X7K"
)

// zoneMocks are mocks for region with the test zone, and a private zone
// of the same name that a look-up must not find.
func zoneMocks(region string) *awsmock.Mocks {
	m := awsmock.New(region)
	m.HostedZones = []awsmock.HostedZone{
		{Id: testZoneID, Name: testZoneName},
		{Id: "Z0PRIVATE000001", Name: testZoneName, Private: true},
		{Id: "Z0OTHERZONE0001", Name: "example.org"},
	}
	return m
}

func withLogs(a PrivateFargateServiceArgs) PrivateFargateServiceArgs {
	a.LoadBalancer.AccessLogs.Enabled = true
	return a
}

func withDomain(a PrivateFargateServiceArgs) PrivateFargateServiceArgs {
	a.Ingress.DomainName = "app.example.com"
	a.Ingress.HostedZoneName = testZoneName
	return a
}

// jsonOf parses a JSON string input for comparison.
func jsonOf(t *testing.T, r *awsmock.Resource, path string) any {
	t.Helper()
	s, ok := in(r, path).(string)
	if !ok {
		t.Fatalf("%s: input %s is not a JSON string: %#v", r.URN, path, in(r, path))
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: input %s is not JSON: %v", r.URN, path, err)
	}
	return v
}

// expectedLogPolicy is the bucket policy for principal in partition.
func expectedLogPolicy(partition, bucket, path string, principal map[string]string) any {
	arn := "arn:" + partition + ":s3:::" + bucket
	return normalize(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{"Sid": "AllowAlbAccessLogDelivery", "Effect": "Allow", "Principal": principal,
				"Action": "s3:PutObject", "Resource": arn + "/" + path},
			map[string]any{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
				"Resource": []string{arn, arn + "/*"}, "Condition": map[string]any{"Bool": map[string]string{"aws:SecureTransport": "false"}}},
		},
	})
}

// The bucket the load balancer makes for its access logs is closed: no
// public access at all, ACLs off (bucket owner enforced), SSE-S3, a
// lifecycle rule that expires every log and aborts uploads left
// incomplete after a day (CKV_AWS_300; S3 bills the parts of an upload
// until it is completed or aborted: S3 user guide, "Configuring a bucket
// lifecycle configuration to delete incomplete multipart uploads"), and
// kept on destroy unless asked. Fact: SSE-S3 is the only server-side encryption ALB access log
// delivery supports; a bucket encrypted with SSE-KMS by default gets no
// logs (Elastic Load Balancing User Guide, "Enable access logs for your
// Application Load Balancer", step 1).
func TestAccessLogBucketIsClosedEncryptedWithSseS3AndExpires(t *testing.T) {
	m, _ := mustRun(t, withLogs(baseArgs()))
	bucket := get(t, m, tBucket, "web-alb-logs")
	expect(t, bucket, "forceDestroy", false)
	expect(t, bucket, "tags.Name", "web-alb-logs")
	block := get(t, m, tPublicAccess, "web-alb-logs-public-access")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		expect(t, block, k, true)
	}
	expect(t, block, "bucket", testLogBucket)
	expect(t, get(t, m, tOwnership, "web-alb-logs-ownership"), "rule", map[string]any{"objectOwnership": "BucketOwnerEnforced"})
	sse := get(t, m, tEncryption, "web-alb-logs-encryption")
	expect(t, sse, "rules", []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "AES256"}}})
	life := get(t, m, tBucketLife, "web-alb-logs-lifecycle")
	expect(t, life, "bucket", testLogBucket)
	expect(t, life, "rules", []any{map[string]any{
		"id": "expire-access-logs", "status": "Enabled", "filter": map[string]any{}, "expiration": map[string]any{"days": 90},
		"abortIncompleteMultipartUpload": map[string]any{"daysAfterInitiation": 1},
	}})
	alb := get(t, m, tALB, "web-alb")
	expect(t, alb, "accessLogs", map[string]any{"bucket": testLogBucket, "enabled": true})

	// Asked for: a short life and a bucket that a destroy empties.
	a := withLogs(baseArgs())
	a.LoadBalancer.AccessLogs.ExpirationDays, a.LoadBalancer.AccessLogs.ForceDestroy = 7, true
	a.LoadBalancer.AccessLogs.Prefix = "alb/web"
	m, _ = mustRun(t, a)
	expect(t, get(t, m, tBucket, "web-alb-logs"), "forceDestroy", true)
	expect(t, get(t, m, tBucketLife, "web-alb-logs-lifecycle"), "rules[0].expiration.days", 7)
	expect(t, get(t, m, tALB, "web-alb"), "accessLogs", map[string]any{"bucket": testLogBucket, "enabled": true, "prefix": "alb/web"})
	if got := jsonOf(t, get(t, m, tBucketPolicy, "web-alb-logs-policy"), "policy"); !reflect.DeepEqual(got,
		expectedLogPolicy("aws", testLogBucket, "alb/web/AWSLogs/123456789012/*", map[string]string{"AWS": "arn:aws:iam::127311923021:root"})) {
		t.Errorf("policy with a prefix = %v", got)
	}
}

// Fact: log delivery's bucket policy takes one of two forms by region
// (Elastic Load Balancing User Guide, "Enable access logs for your
// Application Load Balancer", step 2): in the Regions available before
// August 2022 it may name the Region's ELB account (us-east-1:
// 127311923021, ap-northeast-2: 600734575887); in newer Regions such as
// Asia Pacific (Melbourne), Europe (Zurich) and Middle East (UAE) only
// the service principal logdelivery.elasticloadbalancing.amazonaws.com
// works. Either way it may put objects under the load balancer account's
// AWSLogs path and nothing else, and every request not over TLS is
// denied.
func TestAccessLogBucketPolicyByRegion(t *testing.T) {
	service := map[string]string{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}
	for _, tt := range []struct {
		region, form string
		principal    map[string]string
	}{
		{"us-east-1", "account", map[string]string{"AWS": "arn:aws:iam::127311923021:root"}},
		{"ap-northeast-2", "account", map[string]string{"AWS": "arn:aws:iam::600734575887:root"}},
		{"ap-southeast-4", "service", service},
		{"eu-central-2", "service", service},
		{"me-central-1", "service", service},
	} {
		t.Run(tt.region, func(t *testing.T) {
			a := withLogs(baseArgs())
			a.Region = tt.region
			m, _, err := runIn(t, awsmock.New(tt.region), a)
			if err != nil {
				t.Fatal(err)
			}
			pol := get(t, m, tBucketPolicy, "web-alb-logs-policy")
			expect(t, pol, "bucket", testLogBucket)
			if got, want := jsonOf(t, pol, "policy"), expectedLogPolicy("aws", testLogBucket, "AWSLogs/123456789012/*", tt.principal); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: policy = %v\nwant %v", pol.URN, got, want)
			}
			if _, form := edge.LogDeliveryPrincipal(tt.region); form != tt.form {
				t.Errorf("%s uses the %s form, want %s", tt.region, form, tt.form)
			}
		})
	}
}

// The legacy form names the ELB account in the Region's own partition,
// and every Region the User Guide lists for it is in the table: 22
// commercial Regions and the two AWS GovCloud (US) Regions.
func TestAccessLogAccountsTable(t *testing.T) {
	if n := len(edge.ElbLogAccounts); n != 24 {
		t.Errorf("the ELB account table has %d Regions, want the 24 the User Guide lists", n)
	}
	for region, want := range map[string]string{
		"us-gov-west-1":  "arn:aws-us-gov:iam::048591011584:root",
		"us-gov-east-1":  "arn:aws-us-gov:iam::190560391635:root",
		"ap-southeast-3": "arn:aws:iam::589379963580:root",
		"eu-west-1":      "arn:aws:iam::156460612806:root",
	} {
		if p, _ := edge.LogDeliveryPrincipal(region); p["AWS"] != want {
			t.Errorf("%s: principal %v, want AWS %s", region, p, want)
		}
	}
	doc, err := edge.AccessLogPolicy("us-gov-west-1", "logs", "", "123456789012")
	if err != nil || !strings.Contains(doc, `"arn:aws-us-gov:s3:::logs/AWSLogs/123456789012/*"`) {
		t.Errorf("GovCloud policy %s (%v) does not name the bucket in aws-us-gov", doc, err)
	}
	if p, _ := edge.LogDeliveryPrincipal("cn-north-1"); p != nil {
		t.Errorf("cn-north-1 has principal %v, but none is encoded for the China Regions", p)
	}
}

// Fact: ELB writes a test file to the bucket when access logs are turned
// on and refuses the change if it may not (Elastic Load Balancing User
// Guide, "Verify bucket permissions"); so the ALB is created, and updated,
// only after the bucket policy exists, and the policy after the bucket's
// public access block and ownership controls.
func TestLoadBalancerWaitsForTheAccessLogPolicy(t *testing.T) {
	m, _ := mustRun(t, withLogs(baseArgs()))
	alb := get(t, m, tALB, "web-alb")
	pol := get(t, m, tBucketPolicy, "web-alb-logs-policy")
	if !contains(alb.Dependencies, pol.URN) {
		t.Errorf("%s does not wait for %s", alb.URN, pol.URN)
	}
	for _, dep := range []*awsmock.Resource{get(t, m, tPublicAccess, "web-alb-logs-public-access"), get(t, m, tOwnership, "web-alb-logs-ownership"), get(t, m, tBucket, "web-alb-logs")} {
		if !contains(pol.Dependencies, dep.URN) {
			t.Errorf("%s does not wait for %s", pol.URN, dep.URN)
		}
	}
}

// A given bucket is written to as it is: the load balancer creates no
// bucket and leaves the bucket's policy to its owner.
func TestAccessLogsToAGivenBucket(t *testing.T) {
	a := withLogs(baseArgs())
	a.LoadBalancer.AccessLogs.Bucket = pulumi.String("shared-alb-logs")
	a.LoadBalancer.AccessLogs.Prefix = "web"
	m, _ := mustRun(t, a)
	for _, typ := range []string{tBucket, tPublicAccess, tOwnership, tEncryption, tBucketLife, tBucketPolicy} {
		if rs := m.ByType(typ); len(rs) != 0 {
			t.Errorf("registered %s %s for a given bucket", typ, rs[0].Name)
		}
	}
	expect(t, get(t, m, tALB, "web-alb"), "accessLogs", map[string]any{"bucket": "shared-alb-logs", "enabled": true, "prefix": "web"})
}

// Without access logs the ALB has no accessLogs input at all, as it was
// released, so an upgrade leaves it alone.
func TestNoAccessLogsByDefault(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	if v := in(get(t, m, tALB, "web-alb"), "accessLogs"); v != nil {
		t.Errorf("accessLogs = %v, want none", v)
	}
	if rs := m.ByType(tBucket); len(rs) != 0 {
		t.Errorf("registered bucket %s without access logs", rs[0].Name)
	}
}

// Given a domain and its zone, the load balancer requests a certificate
// for the domain with DNS validation, writes exactly the record ACM asks
// for into the zone, waits for the validation before the HTTPS listener
// is created, points an alias A record at itself and redirects 80 to 443.
// Fact: an HTTPS listener takes only an issued certificate
// (CreateListener: CertificateNotFound, ELB API Reference), and ACM
// issues a DNS-validated certificate once its CNAME records resolve (ACM
// User Guide, "DNS validation").
func TestDomainGetsAValidatedCertificateAndAnAliasRecord(t *testing.T) {
	m, out, err := runIn(t, zoneMocks(testRegion), withDomain(baseArgs()))
	if err != nil {
		t.Fatal(err)
	}
	cert := get(t, m, tCertificate, "web-cert")
	expect(t, cert, "domainName", "app.example.com")
	expect(t, cert, "validationMethod", "DNS")
	expect(t, cert, "keyAlgorithm", "RSA_2048")
	if sans, _ := in(cert, "subjectAlternativeNames").([]any); len(sans) != 0 {
		t.Errorf("%s: subjectAlternativeNames = %v, want none", cert.URN, sans)
	}
	opts := normalize(cert.Outputs.Mappable()["domainValidationOptions"]).([]any)
	opt := opts[0].(map[string]any)
	rec := get(t, m, tRecord, "web-cert-validation-app.example.com")
	expect(t, rec, "zoneId", testZoneID)
	expect(t, rec, "name", opt["resourceRecordName"])
	expect(t, rec, "type", "CNAME")
	expect(t, rec, "records", []any{opt["resourceRecordValue"]})
	expect(t, rec, "ttl", 60)
	certArn := cert.Outputs.Mappable()["arn"]
	val := get(t, m, tCertValidated, "web-cert-validation")
	expect(t, val, "certificateArn", certArn)
	expect(t, val, "validationRecordFqdns", []any{strings.TrimSuffix(opt["resourceRecordName"].(string), ".")})
	if !contains(val.Dependencies, rec.URN) {
		t.Errorf("%s does not wait for its record %s", val.URN, rec.URN)
	}

	https := get(t, m, tListener, "web-https")
	expect(t, https, "certificateArn", certArn)
	expect(t, https, "defaultActions[0].type", "forward")
	if !contains(https.Dependencies, val.URN) {
		t.Errorf("%s does not wait for the certificate's validation %s", https.URN, val.URN)
	}
	expect(t, get(t, m, tListener, "web-http"), "defaultActions[0].redirect", map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"})

	alias := get(t, m, tRecord, "web-alias-a-app.example.com")
	expect(t, alias, "zoneId", testZoneID)
	expect(t, alias, "name", "app.example.com")
	expect(t, alias, "type", "A")
	expect(t, alias, "aliases", []any{map[string]any{"name": albDNS, "zoneId": albZone, "evaluateTargetHealth": true}})
	if n := len(m.ByType(tRecord)); n != 2 {
		t.Errorf("registered %d records, want 2 (one validation, one A alias; no AAAA for an IPv4 ALB)", n)
	}
	if rules := expectedIngress(m, "443"); len(rules) != 1 {
		t.Errorf("443 is open to %v, want 0.0.0.0/0 once", rules)
	}
	expectOut(t, out, "url", "https://app.example.com")
}

// expectedIngress lists the sources an ALB port is open to.
func expectedIngress(m *awsmock.Mocks, port string) []string {
	var out []string
	for _, r := range m.ByType(tIngress) {
		if strings.HasPrefix(r.Name, "web-alb-in-"+port+"-") {
			out = append(out, in(r, "cidrIpv4").(string))
		}
	}
	return out
}

// The zone may be given by ID; it is looked up, and only the public zone
// of the name is used.
func TestDomainZoneByIdAndNeverThePrivateZone(t *testing.T) {
	a := baseArgs()
	a.Ingress.DomainName, a.Ingress.HostedZoneId = "app.example.com", testZoneID
	m, _, err := runIn(t, zoneMocks(testRegion), a)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, get(t, m, tRecord, "web-alias-a-app.example.com"), "zoneId", testZoneID)
	var byName bool
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:route53/getZone:getZone" {
			byName = byName || inv.Args["name"].IsString()
			if inv.Args["zoneId"].StringValue() != testZoneID {
				t.Errorf("zone looked up by %v, want by ID %s", inv.Args, testZoneID)
			}
		}
	}
	if byName {
		t.Error("the zone given by ID was also looked up by name")
	}
	// By name, the look-up asks for the public zone.
	m, _, err = runIn(t, zoneMocks(testRegion), withDomain(baseArgs()))
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:route53/getZone:getZone" && (!inv.Args["privateZone"].IsBool() || inv.Args["privateZone"].BoolValue()) {
			t.Errorf("zone looked up with %v, want privateZone false", inv.Args)
		}
	}
}

// Fact: ACM gives a wildcard name and its base the same validation
// record (ACM User Guide, "DNS validation": the CNAME for *.example.com
// is identical to example.com's), and Route 53 refuses to create a record
// that exists ("Tried to create resource record set ... but it already
// exists"); so a wildcard and its base share one validation record.
func TestWildcardAndItsBaseShareOneValidationRecord(t *testing.T) {
	names := []string{"example.com", "*.example.com", "admin.example.com", "*.admin.example.com"}
	if got, want := edge.ValidationNames(names), []string{"example.com", "admin.example.com"}; !equal(got, want) {
		t.Errorf("validationNames(%v) = %v, want %v", names, got, want)
	}
}

// Fact: a certificate's DomainName is its common name, at most 64
// characters (RFC 5280; ACM API Reference, RequestCertificate), so a
// longer domain is refused before anything is created.
func TestDomainLongerThanACommonNameIsRefused(t *testing.T) {
	a := baseArgs()
	a.Ingress.DomainName = strings.Repeat("a", 60) + ".example.com"
	a.Ingress.HostedZoneName = testZoneName
	m, _, err := runIn(t, zoneMocks(testRegion), a)
	if err == nil || !strings.Contains(err.Error(), "is 72 characters, but a certificate's common name holds at most 64 (RFC 5280)") {
		t.Fatalf("error = %v, want the common name limit", err)
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("registered %d resources, want 0", n)
	}
}

// A shared load balancer's certificate covers each service's host name
// beside the domain, each with its validation record and alias record,
// and the services' rules go on the HTTPS listener.
func TestSharedLoadBalancerCertificateCoversEveryHost(t *testing.T) {
	pl := sharedPlatform()
	pl.lb.Ingress = edge.IngressArgs{DomainName: "app.example.com", HostedZoneName: testZoneName}
	pl.lb.Routes[0].Hosts = []string{"*.example.com"}
	pl.zones = zoneMocks(testRegion).HostedZones
	m, err := pl.run(t)
	if err != nil {
		t.Fatal(err)
	}
	cert := get(t, m, tCertificate, "edge-cert")
	expect(t, cert, "domainName", "app.example.com")
	expect(t, cert, "subjectAlternativeNames", []string{"*.example.com", "admin.example.com"})
	for _, name := range []string{"edge-cert-validation-app.example.com", "edge-cert-validation-example.com", "edge-cert-validation-admin.example.com"} {
		expect(t, get(t, m, tRecord, name), "zoneId", testZoneID)
	}
	for host, name := range map[string]string{
		"app.example.com": "edge-alias-a-app.example.com", "*.example.com": "edge-alias-a-wildcard.example.com", "admin.example.com": "edge-alias-a-admin.example.com",
	} {
		r := get(t, m, tRecord, name)
		expect(t, r, "name", host)
		expect(t, r, "aliases[0].name", "edge-alb-1234567890.us-east-1.elb.amazonaws.com")
	}
	if n := len(m.ByType(tRecord)); n != 6 {
		t.Errorf("registered %d records, want 6 (3 validation, 3 alias)", n)
	}
	https := get(t, m, tListener, "edge-https")
	for _, svc := range []string{"web", "api", "admin"} {
		expect(t, get(t, m, tListenerRule, svc+"-rule"), "listenerArn", https.Outputs.Mappable()["arn"])
	}
}

func TestAliasRecordTypesFollowTheAddressType(t *testing.T) {
	for ip, want := range map[string][]string{"ipv4": {"A"}, "dualstack": {"A", "AAAA"}, "dualstack-without-public-ipv4": {"A", "AAAA"}} {
		if got := edge.AliasTypes(ip); !equal(got, want) {
			t.Errorf("aliasTypes(%s) = %v, want %v", ip, got, want)
		}
	}
}

// Every bad access log or domain setting is refused by its field, with
// what to do, and nothing is created.
func TestEdgeArgsAreCheckedBeforeAnythingIsCreated(t *testing.T) {
	tests := []struct {
		name    string
		give    func(a *PrivateFargateServiceArgs)
		wantErr string
	}{
		{"domain outside the zone", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "app.example.org", testZoneName
		}, "Ingress.DomainName: app.example.org is not in the hosted zone example.com, so its certificate cannot be validated there"},
		{"domain outside the zone given by ID", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneId = "app.example.com", "Z0OTHERZONE0001"
		}, "Ingress.DomainName: app.example.com is not in the hosted zone example.org (Z0OTHERZONE0001)"},
		{"a suffix that is not a parent", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "notexample.com", testZoneName
		}, "Ingress.DomainName: notexample.com is not in the hosted zone example.com"},
		{"zone by ID and by name", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneId, a.Ingress.HostedZoneName = "app.example.com", testZoneID, testZoneName
		}, "Ingress.HostedZoneId: the hosted zone is given both by ID (Z0TESTZONE12345) and by name (example.com); set one of them"},
		{"domain without a zone", func(a *PrivateFargateServiceArgs) { a.Ingress.DomainName = "app.example.com" },
			"Ingress.HostedZoneId: DomainName app.example.com needs the Route 53 hosted zone that holds it"},
		{"zone without a domain", func(a *PrivateFargateServiceArgs) { a.Ingress.HostedZoneName = testZoneName },
			"Ingress.HostedZoneName: a hosted zone is given but no DomainName"},
		{"zone that does not exist", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "app.example.net", "example.net"
		}, "Ingress.HostedZoneName: no public Route 53 hosted zone example.net was found in this account"},
		{"private zone by ID", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneId = "app.example.com", "Z0PRIVATE000001"
		}, "Ingress.HostedZoneId: Z0PRIVATE000001 (example.com) is a private hosted zone"},
		{"zone ID with its path", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneId = "app.example.com", "/hostedzone/Z0TESTZONE12345"
		}, `Ingress.HostedZoneId: "/hostedzone/Z0TESTZONE12345" is not a hosted zone ID`},
		{"domain in capitals", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "App.example.com", testZoneName
		}, `Ingress.DomainName: "App.example.com" is not a domain name for the load balancer: it has capital letters`},
		{"wildcard domain", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "*.example.com", testZoneName
		}, `Ingress.DomainName: "*.example.com" is not a domain name for the load balancer: it has a wildcard`},
		{"domain and a certificate", func(a *PrivateFargateServiceArgs) {
			a.Ingress.DomainName, a.Ingress.HostedZoneName = "app.example.com", testZoneName
			a.Ingress.CertificateArn = pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc")
		}, "Ingress.CertificateArn: is set beside DomainName, which makes a certificate of its own"},
		{"bucket that is not an S3 name", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: pulumi.String("Alb_Logs")}
		}, `LoadBalancer.AccessLogs.Bucket: "Alb_Logs" is not an S3 bucket name`},
		{"bucket ARN", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: pulumi.String("arn:aws:s3:::alb-logs")}
		}, `LoadBalancer.AccessLogs.Bucket: "arn:aws:s3:::alb-logs" is not an S3 bucket name: it is an ARN or a URI, not the bare name`},
		{"prefix with AWSLogs", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Prefix: "web/AWSLogs"}
		}, `LoadBalancer.AccessLogs.Prefix: "web/AWSLogs" holds AWSLogs, which ELB adds after the prefix itself`},
		{"prefix with a slash", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Prefix: "/web"}
		}, `LoadBalancer.AccessLogs.Prefix: "/web" would leave an empty segment in the log path`},
		{"negative expiry", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, ExpirationDays: -1}
		}, "LoadBalancer.AccessLogs.ExpirationDays: -1 is out of range; use 1 to 2147483647"},
		{"expiry for a given bucket", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: pulumi.String("shared-logs"), ExpirationDays: 30}
		}, "LoadBalancer.AccessLogs.ExpirationDays: applies to a bucket the load balancer creates, not to the given Bucket"},
		{"force destroy of a given bucket", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true, Bucket: pulumi.String("shared-logs"), ForceDestroy: true}
		}, "LoadBalancer.AccessLogs.ForceDestroy: applies to a bucket the load balancer creates"},
		{"bucket with access logs off", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Bucket: pulumi.String("shared-logs")}
		}, "LoadBalancer.AccessLogs.Bucket: is set but access logs are off; set Enabled, or remove Bucket"},
		{"domain on the piece's ingress", func(a *PrivateFargateServiceArgs) {
			a.LoadBalancer.Ingress.DomainName = "app.example.com"
		}, "LoadBalancer.Ingress: PrivateFargateService sets this itself; set Ingress instead"},
		{"China region", func(a *PrivateFargateServiceArgs) {
			a.Region = "cn-north-1"
			a.LoadBalancer.AccessLogs = edge.AccessLogsArgs{Enabled: true}
		}, "LoadBalancer.AccessLogs.Enabled: no log delivery principal is encoded for cn-north-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := baseArgs()
			tt.give(&a)
			m, _, err := runIn(t, zoneMocks(testRegion), a)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			if n := len(m.Resources()); n != 0 {
				t.Errorf("registered %d resources for invalid args, want 0", n)
			}
		})
	}
}

// A shared load balancer refuses a service host its certificate cannot
// cover.
func TestSharedLoadBalancerRefusesHostsTheCertificateCannotCover(t *testing.T) {
	for _, tt := range []struct {
		name, host, zoneID, zoneName, wantErr string
	}{
		{"host outside the zone by name", "admin.example.org", "", testZoneName,
			"Routes[2].Hosts[0]: admin.example.org is not in the hosted zone example.com, so the load balancer's certificate cannot cover it"},
		{"host outside the zone by ID", "admin.example.org", testZoneID, "",
			"Routes[2].Hosts[0]: admin.example.org is not in the hosted zone example.com, so the load balancer's certificate cannot cover it"},
		{"a wildcard inside a label", "admin-*.example.com", "", testZoneName,
			`Routes[2].Hosts[0]: "admin-*.example.com" cannot go on the load balancer's certificate for app.example.com: a certificate takes a wildcard only as the whole first label`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pl := sharedPlatform()
			pl.lb.Ingress = edge.IngressArgs{DomainName: "app.example.com", HostedZoneId: tt.zoneID, HostedZoneName: tt.zoneName}
			pl.lb.Routes[2].Hosts = []string{tt.host}
			pl.zones = zoneMocks(testRegion).HostedZones
			m, err := pl.run(t)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			for _, r := range m.Resources() {
				if strings.HasPrefix(r.Name, "edge") {
					t.Errorf("%s registered although the load balancer was refused", r.URN)
				}
			}
		})
	}
}

// Fact: S3's general purpose bucket naming rules (Amazon S3 User Guide,
// "General purpose bucket naming rules").
func TestBucketNameRules(t *testing.T) {
	for name, ok := range map[string]bool{
		"alb-logs": true, "my.alb.logs": true, "a1b": true, "ab": false, strings.Repeat("a", 64): false,
		"Alb-logs": false, "alb_logs": false, "-alb": false, "alb-": false, "alb..logs": false,
		"192.168.5.4": false, "xn--alb": false, "sthree-logs": false, "amzn-s3-demo-logs": false,
		"logs-s3alias": false, "logs--ol-s3": false, "logs.mrap": false, "logs--x-s3": false, "logs--table-s3": false,
		"s3://alb-logs": false,
	} {
		if got := edge.BucketNameRule(name) == ""; got != ok {
			t.Errorf("bucketNameRule(%q) accepts = %v, want %v (%s)", name, got, ok, edge.BucketNameRule(name))
		}
	}
}

func TestDnsNames(t *testing.T) {
	for _, tt := range []struct {
		name     string
		wildcard bool
		ok       bool
	}{
		{"app.example.com", false, true}, {"*.example.com", true, true}, {"*.example.com", false, false},
		{"a*.example.com", true, false}, {"com", false, false}, {"-a.example.com", false, false},
		{"app.example.com.", false, false}, {strings.Repeat("a", 64) + ".com", false, false},
	} {
		if got := edge.DnsNameProblem(tt.name, tt.wildcard) == ""; got != tt.ok {
			t.Errorf("dnsNameProblem(%q, %v) accepts = %v, want %v", tt.name, tt.wildcard, got, tt.ok)
		}
	}
	if !edge.InZone("*.admin.example.com", "example.com") || edge.InZone("badexample.com", "example.com") || !edge.InZone("example.com", "example.com") {
		t.Error("inZone is wrong about a wildcard, a suffix or the apex")
	}
}

// On a load balancer of its own, the access log fields are named from
// the piece's args, before registering and, for an Output, when it
// resolves.
func TestLoadBalancerPieceNamesItsAccessLogFields(t *testing.T) {
	for _, tt := range []struct {
		name   string
		bucket func(ctx *pulumi.Context) pulumi.StringInput
		want   string
	}{
		{"literal", func(*pulumi.Context) pulumi.StringInput { return pulumi.String("Bad_Bucket") },
			`invalid LoadBalancer arguments (1 problem):` + "\n  " + `AccessLogs.Bucket: "Bad_Bucket" is not an S3 bucket name`},
		{"output", func(ctx *pulumi.Context) pulumi.StringInput { return stored(ctx, "bucket", "Bad_Bucket") },
			`invalid LoadBalancer arguments (1 problem):` + "\n  " + `AccessLogs.Bucket: "Bad_Bucket" is not an S3 bucket name`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := awsmock.New(testRegion)
			err := pulumi.RunErr(func(ctx *pulumi.Context) error {
				n, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{Region: testRegion})
				if err != nil {
					return err
				}
				_, err = edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{Network: n, DefaultTarget: &edge.DefaultTargetArgs{},
					AccessLogs: edge.AccessLogsArgs{Enabled: true, Bucket: tt.bucket(ctx)}})
				return err
			}, pulumi.WithMocks(testProject, testStack, m))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
