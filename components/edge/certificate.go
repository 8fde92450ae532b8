package edge

import (
	"errors"
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// HostedZone is the Route 53 hosted zone the load balancer's names are
// in, as it was looked up.
type HostedZone struct {
	id   string
	name string
}

// LookupHostedZone finds the public hosted zone the ingress names and
// checks that it holds the domain and every route's host name. With no
// domain it returns nil. Its problems name the fields under prefix (the
// ingress) and routesField; nothing has been registered yet.
func LookupHostedZone(ctx *pulumi.Context, prefix, routesField string, in IngressArgs, routes []ListenerRoute, opts []pulumi.InvokeOption) (*HostedZone, check.Problems) {
	if in.DomainName == "" {
		return nil, nil
	}
	var p check.Problems
	args := &route53.LookupZoneArgs{}
	field, given := prefix+"HostedZoneName", in.HostedZoneName
	if in.HostedZoneId != "" {
		field, given = prefix+"HostedZoneId", in.HostedZoneId
		args.ZoneId = &in.HostedZoneId
	} else {
		public := false
		args.Name, args.PrivateZone = &in.HostedZoneName, &public
	}
	z, err := route53.LookupZone(ctx, args, opts...)
	if err != nil {
		p.Add(field, "no public Route 53 hosted zone %s was found in this account (%s); create the zone, or give the one that holds %s", given, lookupMessage(err), in.DomainName)
		return nil, p
	}
	zone := &HostedZone{id: z.ZoneId, name: normalizeZoneName(z.Name)}
	if z.PrivateZone != nil && *z.PrivateZone {
		p.Add(field, "%s (%s) is a private hosted zone, which ACM cannot read its validation records from and the internet cannot resolve; give the public zone of %s", given, zone.name, in.DomainName)
	}
	if !InZone(in.DomainName, zone.name) {
		p.Add(prefix+"DomainName", "%s is not in the hosted zone %s (%s), so its certificate cannot be validated there; use a name that ends in .%s, or the zone that holds %s", in.DomainName, zone.name, zone.id, zone.name, in.DomainName)
	}
	for i, r := range routes {
		for k, h := range r.Hosts {
			if h = strings.ToLower(h); !InZone(h, zone.name) {
				p.Add(fmt.Sprintf("%s[%d].Hosts[%d]", routesField, i, k), "%s is not in the hosted zone %s, so the load balancer's certificate cannot cover it; use a host in %s", h, zone.name, zone.name)
			}
		}
	}
	return zone, p
}

// lookupMessage is a look-up error's own message, without the engine's
// wrapping.
func lookupMessage(err error) string {
	msg := err.Error()
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return msg
		}
		err, msg = u, u.Error()
	}
}

// newCertificate requests an ACM certificate in the provider's region for
// names (the first is its common name), adds its DNS validation records
// to the zone, and waits for ACM to validate it. The certificate's ARN
// resolves once it is issued; the HTTPS listener depends on the
// validation, which it returns.
func newCertificate(f *piece.Family, names []string, zone *HostedZone) (pulumi.StringOutput, pulumi.Resource, error) {
	certName := f.Name + "-cert"
	var sans pulumi.StringArray
	for _, n := range names[1:] {
		sans = append(sans, pulumi.String(n))
	}
	cert, err := acm.NewCertificate(f.Ctx, certName, &acm.CertificateArgs{
		DomainName:              pulumi.String(names[0]),
		SubjectAlternativeNames: sans,
		ValidationMethod:        pulumi.String("DNS"),
		KeyAlgorithm:            pulumi.String("RSA_2048"),
		Tags:                    f.TagsFor(certName),
	}, f.Opts()...)
	if err != nil {
		return pulumi.StringOutput{}, nil, fmt.Errorf("create certificate: %w", err)
	}
	var fqdns pulumi.StringArray
	for _, base := range ValidationNames(names) {
		opt := cert.DomainValidationOptions.ApplyT(func(opts []acm.CertificateDomainValidationOption) (acm.CertificateDomainValidationOption, error) {
			for _, o := range opts {
				if o.DomainName != nil && (*o.DomainName == base || *o.DomainName == "*."+base) {
					return o, nil
				}
			}
			return acm.CertificateDomainValidationOption{}, fmt.Errorf("certificate %s has no DNS validation record for %s", certName, base)
		}).(acm.CertificateDomainValidationOptionOutput)
		rec, err := route53.NewRecord(f.Ctx, f.Name+"-cert-validation-"+base, &route53.RecordArgs{
			ZoneId:  pulumi.String(zone.id),
			Name:    opt.ResourceRecordName().Elem(),
			Type:    opt.ResourceRecordType().Elem(),
			Records: pulumi.StringArray{opt.ResourceRecordValue().Elem()},
			Ttl:     pulumi.Int(60),
		}, f.Opts()...)
		if err != nil {
			return pulumi.StringOutput{}, nil, fmt.Errorf("create validation record for %s: %w", base, err)
		}
		fqdns = append(fqdns, rec.Fqdn)
	}
	validation, err := acm.NewCertificateValidation(f.Ctx, f.Name+"-cert-validation", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: fqdns,
	}, f.Opts()...)
	if err != nil {
		return pulumi.StringOutput{}, nil, fmt.Errorf("create certificate validation: %w", err)
	}
	return validation.CertificateArn, validation, nil
}

// newAliasRecords points each of names at the ALB with alias records in
// the zone: A, and AAAA for a dual-stack ALB.
func newAliasRecords(f *piece.Family, names []string, zone *HostedZone, alb *lb.LoadBalancer, ipAddressType string) error {
	for _, n := range names {
		for _, typ := range AliasTypes(ipAddressType) {
			name := fmt.Sprintf("%s-alias-%s-%s", f.Name, strings.ToLower(typ), recordSuffix(n))
			if _, err := route53.NewRecord(f.Ctx, name, &route53.RecordArgs{
				ZoneId: pulumi.String(zone.id),
				Name:   pulumi.String(n),
				Type:   pulumi.String(typ),
				Aliases: route53.RecordAliasArray{&route53.RecordAliasArgs{
					Name:                 alb.DnsName,
					ZoneId:               alb.ZoneId,
					EvaluateTargetHealth: pulumi.Bool(true),
				}},
			}, f.Opts()...); err != nil {
				return fmt.Errorf("create %s alias record for %s: %w", typ, n, err)
			}
		}
	}
	return nil
}
