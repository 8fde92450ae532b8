package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Resource types of the load balancers' edge.
const (
	typeCertificate    = "aws:acm/certificate:Certificate"
	typeCertValidation = "aws:acm/certificateValidation:CertificateValidation"
	typeRecord         = "aws:route53/record:Record"
	typeBucket         = "aws:s3/bucketV2:BucketV2"
	typePublicAccess   = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeOwnership      = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeEncryption     = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeBucketLife     = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeBucketPolicy   = "aws:s3/bucketPolicy:BucketPolicy"
)

// LoadBalancer is one ALB as users meet it: its listeners, the names and
// certificate it answers with, and where its access logs go.
type LoadBalancer struct {
	Name      string          `json:"name"`
	Listeners []ListenerEntry `json:"listeners"`
	// Certificate is the ACM certificate the load balancer requested;
	// nil with none (HTTP only, or a certificate given by ARN).
	Certificate *CertificateEntry `json:"certificate,omitempty"`
	// Aliases are the DNS records that point at the ALB.
	Aliases []AliasEntry `json:"aliases,omitempty"`
	// AccessLogs is where the access logs go; nil with access logs off.
	AccessLogs *AccessLogEntry `json:"accessLogs,omitempty"`
}

// ListenerEntry is one listener: its port and protocol, what it does by
// default, and the certificate it serves.
type ListenerEntry struct {
	Resource    string `json:"resource"`
	Port        int    `json:"port"`
	Protocol    string `json:"protocol"`
	Action      string `json:"action"`
	Certificate string `json:"certificate,omitempty"`
	SslPolicy   string `json:"sslPolicy,omitempty"`
}

// CertificateEntry is a certificate the load balancer requested.
type CertificateEntry struct {
	Resource string   `json:"resource"`
	Names    []string `json:"names"`
	// Validation is how ACM validates it ("DNS"), ValidationRecords the
	// records written for it and WaitedForBy the listeners that wait for
	// its validation.
	Validation        string   `json:"validation"`
	ValidationRecords []string `json:"validationRecords"`
	WaitedForBy       []string `json:"waitedForBy"`
}

// AliasEntry is one alias record for the ALB.
type AliasEntry struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	ZoneId string `json:"zoneId"`
}

// AccessLogEntry is where a load balancer's access logs go.
type AccessLogEntry struct {
	Bucket string `json:"bucket"`
	Prefix string `json:"prefix,omitempty"`
	// Resource is the bucket's resource when the stack creates it; empty
	// for a given bucket, whose settings the plan cannot see.
	Resource string `json:"resource,omitempty"`
	// The created bucket's settings, as registered.
	PublicAccessBlocked bool   `json:"publicAccessBlocked,omitempty"`
	ObjectOwnership     string `json:"objectOwnership,omitempty"`
	Encryption          string `json:"encryption,omitempty"`
	ExpirationDays      int    `json:"expirationDays,omitempty"`
	ForceDestroy        bool   `json:"forceDestroy,omitempty"`
	// Writers are the principals the bucket policy lets put log objects,
	// and WritePath where; TLSOnly says the policy denies requests that
	// are not over TLS.
	Writers   []string `json:"writers,omitempty"`
	WritePath string   `json:"writePath,omitempty"`
	TLSOnly   bool     `json:"tlsOnly,omitempty"`
	// WaitedForBy says the ALB waits for the bucket policy.
	WaitedForBy bool `json:"albWaitsForPolicy,omitempty"`
}

// loadBalancers reads every ALB's edge, sorted by name.
func loadBalancers(ix *index) []LoadBalancer {
	var out []LoadBalancer
	for _, alb := range ix.byType[typeLoadBalancer] {
		lb := LoadBalancer{Name: alb.Name}
		arn := str(alb.Outputs, "arn")
		// A requested certificate reaches its listeners through its
		// validation, whose certificateArn is the issued certificate's.
		validations := map[string]*awsmock.Resource{}
		for _, v := range ix.byType[typeCertValidation] {
			validations[str(v.Outputs, "certificateArn")] = v
		}
		for _, l := range ix.byType[typeListener] {
			if str(l.Inputs, "loadBalancerArn") != arn {
				continue
			}
			port, _ := num(l.Inputs, "port")
			e := ListenerEntry{Resource: l.Name, Port: int(port), Protocol: str(l.Inputs, "protocol"), Action: listenerAction(ix, l), SslPolicy: str(l.Inputs, "sslPolicy")}
			e.Certificate = str(l.Inputs, "certificateArn")
			if v, ok := validations[e.Certificate]; ok {
				if cert, ok := ix.byArn[str(v.Inputs, "certificateArn")]; ok {
					e.Certificate = cert.Name
					if lb.Certificate == nil {
						lb.Certificate = certificateEntry(ix, cert)
					}
					if slices.Contains(l.Dependencies, v.URN) {
						lb.Certificate.WaitedForBy = appendNew(lb.Certificate.WaitedForBy, l.Name)
					}
				}
			}
			lb.Listeners = append(lb.Listeners, e)
		}
		sort.Slice(lb.Listeners, func(i, j int) bool { return lb.Listeners[i].Port < lb.Listeners[j].Port })
		dns := str(alb.Outputs, "dnsName")
		for _, r := range ix.byType[typeRecord] {
			for _, a := range objects(r.Inputs, "aliases") {
				if str(a, "name") == dns {
					lb.Aliases = append(lb.Aliases, AliasEntry{Name: str(r.Inputs, "name"), Type: str(r.Inputs, "type"), ZoneId: str(r.Inputs, "zoneId")})
				}
			}
		}
		sort.Slice(lb.Aliases, func(i, j int) bool {
			return lb.Aliases[i].Name+lb.Aliases[i].Type < lb.Aliases[j].Name+lb.Aliases[j].Type
		})
		lb.AccessLogs = accessLogEntry(ix, alb)
		out = append(out, lb)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// listenerAction says what a listener does with a request no rule takes.
func listenerAction(ix *index, l *awsmock.Resource) string {
	acts := objects(l.Inputs, "defaultActions")
	if len(acts) == 0 {
		return "(none)"
	}
	a := acts[0]
	switch str(a, "type") {
	case "forward":
		tg := str(a, "targetGroupArn")
		if r, ok := ix.byArn[tg]; ok {
			tg = r.Name
		}
		return "forward to " + tg
	case "redirect":
		rd := object(a, "redirect")
		return fmt.Sprintf("redirect (%s) to %s %s", str(rd, "statusCode"), str(rd, "protocol"), str(rd, "port"))
	case "fixed-response":
		return "answer " + str(object(a, "fixedResponse"), "statusCode")
	}
	return str(a, "type")
}

// certificateEntry reads a requested certificate and its validation.
func certificateEntry(ix *index, cert *awsmock.Resource) *CertificateEntry {
	c := &CertificateEntry{Resource: cert.Name, Validation: str(cert.Inputs, "validationMethod")}
	c.Names = append([]string{str(cert.Inputs, "domainName")}, strs(cert.Inputs, "subjectAlternativeNames")...)
	for _, v := range ix.byType[typeCertValidation] {
		if str(v.Inputs, "certificateArn") != str(cert.Outputs, "arn") {
			continue
		}
		fqdns := strs(v.Inputs, "validationRecordFqdns")
		for _, r := range ix.byType[typeRecord] {
			if slices.Contains(fqdns, str(r.Outputs, "fqdn")) {
				c.ValidationRecords = append(c.ValidationRecords, r.Name)
			}
		}
	}
	sort.Strings(c.ValidationRecords)
	return c
}

// accessLogEntry reads where an ALB's access logs go, and the settings of
// a bucket the stack creates for them.
func accessLogEntry(ix *index, alb *awsmock.Resource) *AccessLogEntry {
	al := object(alb.Inputs, "accessLogs")
	if on, _ := boolean(al, "enabled"); !on {
		return nil
	}
	e := &AccessLogEntry{Bucket: str(al, "bucket"), Prefix: str(al, "prefix")}
	for _, b := range ix.byType[typeBucket] {
		if str(b.Outputs, "bucket") == e.Bucket {
			e.Resource = b.Name
			e.ForceDestroy, _ = boolean(b.Inputs, "forceDestroy")
		}
	}
	if e.Resource == "" {
		return e
	}
	of := func(typ string) *awsmock.Resource {
		for _, r := range ix.byType[typ] {
			if str(r.Inputs, "bucket") == e.Bucket {
				return r
			}
		}
		return nil
	}
	if r := of(typePublicAccess); r != nil {
		e.PublicAccessBlocked = true
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			if v, _ := boolean(r.Inputs, k); !v {
				e.PublicAccessBlocked = false
			}
		}
	}
	if r := of(typeOwnership); r != nil {
		e.ObjectOwnership = str(object(r.Inputs, "rule"), "objectOwnership")
	}
	if r := of(typeEncryption); r != nil {
		for _, rule := range objects(r.Inputs, "rules") {
			e.Encryption = str(object(rule, "applyServerSideEncryptionByDefault"), "sseAlgorithm")
		}
	}
	if r := of(typeBucketLife); r != nil {
		for _, rule := range objects(r.Inputs, "rules") {
			if d, ok := num(object(rule, "expiration"), "days"); ok && str(rule, "status") == "Enabled" {
				e.ExpirationDays = int(d)
			}
		}
	}
	if r := of(typeBucketPolicy); r != nil {
		e.Writers, e.WritePath, e.TLSOnly = readLogPolicy(str(r.Inputs, "policy"))
		e.WaitedForBy = slices.Contains(alb.Dependencies, r.URN)
	}
	return e
}

// readLogPolicy reads a bucket policy: who may put objects and where, and
// whether it denies every request that is not over TLS.
func readLogPolicy(doc string) (writers []string, path string, tlsOnly bool) {
	var p struct {
		Statement []struct {
			Effect    string         `json:"Effect"`
			Principal any            `json:"Principal"`
			Action    any            `json:"Action"`
			Resource  any            `json:"Resource"`
			Condition map[string]any `json:"Condition"`
		} `json:"Statement"`
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return nil, "", false
	}
	for _, s := range p.Statement {
		switch {
		case s.Effect == "Allow" && fmt.Sprint(s.Action) == "s3:PutObject":
			if m, ok := s.Principal.(map[string]any); ok {
				for _, k := range sortedKeys(m) {
					writers = append(writers, fmt.Sprint(m[k]))
				}
			}
			path = fmt.Sprint(s.Resource)
		case s.Effect == "Deny" && s.Principal == "*":
			if b, ok := s.Condition["Bool"].(map[string]any); ok && b["aws:SecureTransport"] == "false" {
				tlsOnly = true
			}
		}
	}
	return writers, path, tlsOnly
}

// writeLoadBalancers renders the load balancers' edge.
func (p *Plan) writeLoadBalancers(b *strings.Builder) {
	fmt.Fprintf(b, "Load balancers (%d): listeners, names and certificate, access logs\n", len(p.LoadBalancers))
	for _, lb := range p.LoadBalancers {
		fmt.Fprintf(b, "  %s\n", lb.Name)
		for _, l := range lb.Listeners {
			fmt.Fprintf(b, "    %d %s: %s", l.Port, l.Protocol, l.Action)
			if l.Certificate != "" {
				fmt.Fprintf(b, "; certificate %s, %s", l.Certificate, l.SslPolicy)
			}
			b.WriteString("\n")
		}
		if c := lb.Certificate; c != nil {
			waits := "no listener waits for the validation"
			switch len(c.WaitedForBy) {
			case 0:
			case 1:
				waits = c.WaitedForBy[0] + " waits for the validation"
			default:
				waits = strings.Join(c.WaitedForBy, ", ") + " wait for the validation"
			}
			fmt.Fprintf(b, "    certificate %s for %s: %s-validated by %s (%s); %s\n",
				c.Resource, strings.Join(c.Names, ", "), c.Validation, plural(len(c.ValidationRecords), "record"), strings.Join(c.ValidationRecords, ", "), waits)
		} else if !slices.ContainsFunc(lb.Listeners, func(l ListenerEntry) bool { return l.Protocol == "HTTPS" }) {
			b.WriteString("    certificate: none, HTTP only\n")
		}
		for _, a := range lb.Aliases {
			fmt.Fprintf(b, "    DNS: %s %s alias in zone %s\n", a.Name, a.Type, a.ZoneId)
		}
		al := lb.AccessLogs
		switch {
		case al == nil:
			b.WriteString("    access logs: off\n")
		case al.Resource == "":
			fmt.Fprintf(b, "    access logs: to the given bucket s3://%s/%s (its policy and lifecycle are its owner's)\n", al.Bucket, logPath(al.Prefix))
		default:
			fmt.Fprintf(b, "    access logs: s3://%s/%s, bucket %s created by the stack\n", al.Bucket, logPath(al.Prefix), al.Resource)
			fmt.Fprintf(b, "      %s, objects %s, %s, expire after %s, %s on destroy\n",
				yesNo(al.PublicAccessBlocked, "public access blocked", "PUBLIC ACCESS NOT BLOCKED"), orNone(al.ObjectOwnership), orNone(al.Encryption),
				plural(al.ExpirationDays, "day"), yesNo(al.ForceDestroy, "emptied and deleted", "kept (not empty)"))
			fmt.Fprintf(b, "      written by %s under %s; %s; %s\n", orNone(strings.Join(al.Writers, ", ")), orNone(al.WritePath),
				yesNo(al.TLSOnly, "TLS only", "NOT TLS-only"), yesNo(al.WaitedForBy, "the ALB waits for the policy", "THE ALB DOES NOT WAIT FOR THE POLICY"))
		}
	}
}

// logPath is where ELB writes under a prefix: prefix/AWSLogs/.
func logPath(prefix string) string {
	if prefix == "" {
		return "AWSLogs/"
	}
	return prefix + "/AWSLogs/"
}

func yesNo(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}
