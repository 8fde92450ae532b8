package edge

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Limits of the names on an ACM certificate (ACM API Reference,
// RequestCertificate and DomainValidation).
const (
	// maxCommonName: the certificate's DomainName is its common name, at
	// most 64 octets (RFC 5280); longer names may only be alternative
	// names.
	maxCommonName = 64
	// maxDomainName is the longest name a certificate holds.
	maxDomainName = 253
)

var (
	// dnsLabel is one label of a DNS name as a certificate takes it.
	dnsLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	// hostedZoneIDPattern: Route 53 hosted zone IDs are Z and capitals
	// and digits ("Z1D633PJN98FT9").
	hostedZoneIDPattern = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
)

// DnsNameProblem says what makes name not a DNS name a certificate can
// hold, or "" when it is one. wildcard allows "*." as the whole first
// label, which is the only wildcard ACM takes.
func DnsNameProblem(name string, wildcard bool) string {
	rest := name
	if wildcard {
		rest = strings.TrimPrefix(name, "*.")
	}
	switch {
	case name == "":
		return "it is empty"
	case name != strings.ToLower(name):
		return "it has capital letters; write it in lowercase"
	case len(name) > maxDomainName:
		return fmt.Sprintf("it is longer than %d characters", maxDomainName)
	case strings.HasSuffix(name, "."):
		return "it ends with a dot; leave the dot out"
	case strings.Contains(rest, "*"):
		if wildcard {
			return "a certificate takes a wildcard only as the whole first label (*.example.com)"
		}
		return "it has a wildcard; give the exact name"
	}
	labels := strings.Split(rest, ".")
	if len(labels) < 2 {
		return "it has a single label; give a name such as app.example.com"
	}
	for _, l := range labels {
		if !dnsLabel.MatchString(l) {
			return fmt.Sprintf("%q is not a DNS label (1 to 63 letters, digits and hyphens, not starting or ending with a hyphen)", l)
		}
	}
	return ""
}

// InZone tells whether name (possibly a wildcard) lies in the zone: it is
// the zone's own name or ends with "."+zone.
func InZone(name, zone string) bool {
	name = strings.TrimPrefix(name, "*.")
	return name == zone || strings.HasSuffix(name, "."+zone)
}

// normalizeZoneName drops the trailing dot Route 53 writes zone names
// with, and lowercases it.
func normalizeZoneName(zone string) string {
	return strings.ToLower(strings.TrimSuffix(zone, "."))
}

// certificateNames are the names the load balancer's certificate covers:
// the domain, then the routes' host names in the order given, each once
// and in lowercase. The first is the certificate's DomainName, the rest
// its subject alternative names.
func certificateNames(domain string, routes []ListenerRoute, hostNames []string) []string {
	names := []string{domain}
	for _, h := range hostNames {
		if h = strings.ToLower(h); !slices.Contains(names, h) {
			names = append(names, h)
		}
	}
	for _, r := range routes {
		for _, h := range r.Hosts {
			if h = strings.ToLower(h); !slices.Contains(names, h) {
				names = append(names, h)
			}
		}
	}
	return names
}

// ValidationNames are the names that get a DNS validation record: ACM
// gives a wildcard name and its base the same CNAME record (ACM User
// Guide, "DNS validation": the record for *.example.com is identical to
// example.com's), and Route 53 refuses the second of two equal records,
// so a wildcard and its base share one. Each is a certificate name
// without its "*.", once, in certificate order.
func ValidationNames(names []string) []string {
	var out []string
	for _, n := range names {
		if base := strings.TrimPrefix(n, "*."); !slices.Contains(out, base) {
			out = append(out, base)
		}
	}
	return out
}

// AliasTypes are the alias record types a load balancer of this IP
// address type answers: A for IPv4, and AAAA too when it is dual-stack.
func AliasTypes(ipAddressType string) []string {
	if strings.HasPrefix(ipAddressType, "dualstack") {
		return []string{"A", "AAAA"}
	}
	return []string{"A"}
}

// recordSuffix makes a DNS name part of a child resource's name: the name
// itself, with a wildcard spelled out.
func recordSuffix(name string) string {
	return strings.Replace(name, "*", "wildcard", 1)
}
