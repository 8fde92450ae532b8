package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The plan shows, per load balancer, what each listener does, the
// certificate and the names pointing at it, and where the access logs go
// with the bucket's settings, all read from what was registered.
func TestPlanShowsTheLoadBalancersCertificateAndAccessLogs(t *testing.T) {
	p := mustLoad(t, "prod")
	if len(p.LoadBalancers) != 1 {
		t.Fatalf("%d load balancers, want 1", len(p.LoadBalancers))
	}
	lb := p.LoadBalancers[0]
	want := []ListenerEntry{
		{Resource: "web-http", Port: 80, Protocol: "HTTP", Action: "redirect (HTTP_301) to HTTPS 443"},
		{Resource: "web-https", Port: 443, Protocol: "HTTPS", Action: "forward to web-tg", Certificate: "web-cert", SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"},
	}
	if diff := cmp.Diff(want, lb.Listeners); diff != "" {
		t.Errorf("listeners (-want +got):\n%s", diff)
	}
	wantCert := &CertificateEntry{Resource: "web-cert", Names: []string{"app.example.com"}, Validation: "DNS",
		ValidationRecords: []string{"web-cert-validation-app.example.com"}, WaitedForBy: []string{"web-https"}}
	if diff := cmp.Diff(wantCert, lb.Certificate); diff != "" {
		t.Errorf("certificate (-want +got):\n%s", diff)
	}
	if len(lb.Aliases) != 1 || lb.Aliases[0].Name != "app.example.com" || lb.Aliases[0].Type != "A" {
		t.Errorf("aliases %+v, want app.example.com A", lb.Aliases)
	}
	wantLogs := &AccessLogEntry{Bucket: "web-alb-logs-0a1b2c3", Resource: "web-alb-logs", PublicAccessBlocked: true,
		ObjectOwnership: "BucketOwnerEnforced", Encryption: "AES256", ExpirationDays: 90,
		Writers: []string{"arn:aws:iam::600734575887:root"}, WritePath: "arn:aws:s3:::web-alb-logs-0a1b2c3/AWSLogs/123456789012/*",
		TLSOnly: true, WaitedForBy: true}
	if diff := cmp.Diff(wantLogs, lb.AccessLogs); diff != "" {
		t.Errorf("access logs (-want +got):\n%s", diff)
	}
	text := p.Text()
	for _, line := range []string{
		"    80 HTTP: redirect (HTTP_301) to HTTPS 443\n",
		"    certificate web-cert for app.example.com: DNS-validated by 1 record (web-cert-validation-app.example.com); web-https waits for the validation\n",
		"    access logs: s3://web-alb-logs-0a1b2c3/AWSLogs/, bucket web-alb-logs created by the stack\n",
		"      public access blocked, objects BucketOwnerEnforced, AES256, expire after 90 days, kept (not empty) on destroy\n",
		"the ALB waits for the policy\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("plan text lacks %q", line)
		}
	}
	if !slices.ContainsFunc(p.Assumed, func(a string) bool { return strings.Contains(a, "public hosted zone example.com") }) {
		t.Errorf("the plan does not say it assumed the hosted zone: %v", p.Assumed)
	}

	dev := mustLoad(t, "dev")
	if l := dev.LoadBalancers[0]; l.Certificate != nil || l.AccessLogs == nil || !l.AccessLogs.ForceDestroy || l.AccessLogs.ExpirationDays != 7 {
		t.Errorf("dev's load balancer %+v, want HTTP only and a week of logs in a bucket a destroy empties", l)
	}
	if !strings.Contains(dev.Text(), "    certificate: none, HTTP only\n") {
		t.Error("dev's plan does not say it serves HTTP only")
	}
}

// On the shared platform the one certificate covers the domain and the
// admin host, each with its validation record and its alias.
func TestSharedPlatformPlanShowsOneCertificateForEveryHost(t *testing.T) {
	p := mustLoadDir(t, sharedPlatformDir, "dev")
	lb := p.LoadBalancers[0]
	if lb.Certificate == nil || !slices.Equal(lb.Certificate.Names, []string{"app.example.com", "admin.example.com"}) ||
		len(lb.Certificate.ValidationRecords) != 2 {
		t.Fatalf("certificate %+v, want app.example.com and admin.example.com with a record each", lb.Certificate)
	}
	var names []string
	for _, a := range lb.Aliases {
		names = append(names, a.Name)
	}
	if !slices.Equal(names, []string{"admin.example.com", "app.example.com"}) {
		t.Errorf("aliases %v, want admin.example.com and app.example.com", names)
	}
}

// The cost lists S3 storage of the access logs as a rate, and says what
// the certificate and the DNS records cost, with the figures of the price
// table.
func TestCostListsLogStorageAndWhatIsNotPriced(t *testing.T) {
	pt, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		stack, region string
		notPriced     []string
	}{
		{"dev", "us-east-1", nil},
		{"prod", "ap-northeast-2", []string{"ACM public certificate web-cert: free",
			"the account's, not this stack's ($0.50 a month for each of the first 25 zones)",
			"queries to 1 alias record for the ALB: free", "queries to 1 validation record: $0.40 per million"}},
	} {
		p := mustLoad(t, tt.stack)
		var rate *Rate
		for i, r := range p.Cost.TrafficRates {
			if r.Item == "S3 storage of ALB access logs" {
				rate = &p.Cost.TrafficRates[i]
			}
		}
		if rate == nil || rate.Rate != pt.Regions[tt.region].S3StandardGbMonth || rate.Unit != "GB-month" {
			t.Errorf("%s: S3 storage rate %+v, want %v per GB-month", tt.stack, rate, pt.Regions[tt.region].S3StandardGbMonth)
		}
		joined := strings.Join(p.Cost.NotPriced, "; ")
		for _, want := range tt.notPriced {
			if !strings.Contains(joined, want) {
				t.Errorf("%s: not-priced %q lacks %q", tt.stack, joined, want)
			}
		}
		if tt.notPriced == nil && joined != "" {
			t.Errorf("%s: not-priced %q, want nothing (no certificate, no records)", tt.stack, joined)
		}
	}
}

func TestGlobalPricesNameTheirSources(t *testing.T) {
	pt, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	if pt.Global.Route53HostedZoneMonth != 0.5 || pt.Global.Route53QueriesPerMillion != 0.4 {
		t.Errorf("Route 53 prices %+v, want $0.50 a zone-month and $0.40 a million queries", pt.Global)
	}
	sourced := map[string]bool{}
	for _, s := range pt.Global.Sources {
		if !strings.HasPrefix(s.URL, "https://") || s.Read == "" || s.Note == "" {
			t.Errorf("global source %+v lacks a URL, the date it was read, or a note", s)
		}
		for _, item := range s.Items {
			sourced[item] = true
		}
	}
	for _, item := range pt.Global.Items() {
		if !sourced[item] {
			t.Errorf("global %s has no source in %s", item, PricesFile)
		}
	}
}
