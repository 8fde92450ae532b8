package edge

import (
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// IngressArgs configures the ALB's listeners and who may reach them.
type IngressArgs struct {
	// AllowedCidrs may reach the listener ports. Optional. Default:
	// ["0.0.0.0/0"]. Valid: IPv4 or IPv6 CIDR blocks.
	AllowedCidrs []string `pulumi:"allowedCidrs,optional"`

	// Https asks for an HTTPS listener on 443 with port 80 redirecting to
	// it. Requires CertificateArn or DomainName. Optional. Default: false,
	// unless CertificateArn or DomainName is set.
	Https bool `pulumi:"https,optional"`

	// CertificateArn is the ACM certificate for the HTTPS listener, for
	// example an aws acm.Certificate's Arn. Setting it turns HTTPS on.
	// Excludes DomainName, which makes a certificate of its own. Optional.
	// Default: none (HTTP only). Valid: an ACM or IAM server certificate
	// ARN, checked at deploy time when it is an Output.
	CertificateArn pulumi.StringInput `pulumi:"certificateArn,optional"`

	// SslPolicy is the HTTPS listener's TLS policy. Optional. Default:
	// "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.3 and 1.2 only).
	SslPolicy string `pulumi:"sslPolicy,optional"`

	// DomainName is the name users reach the load balancer by, such as
	// "app.example.com". The load balancer then requests an ACM
	// certificate in its own region for it and for its routes' host
	// names, with DNS validation records in the hosted zone; waits for the
	// validation before it creates the HTTPS listener; adds alias records
	// for the ALB (A, and AAAA when the ALB is dual-stack) for each of
	// those names; and redirects port 80 to 443. Url becomes
	// https://<DomainName>. Requires HostedZoneId or HostedZoneName;
	// excludes CertificateArn. Optional. Default: none. Valid: a lowercase
	// DNS name of at most 64 characters (a certificate's common name), in
	// the hosted zone, with no wildcard.
	DomainName string `pulumi:"domainName,optional"`

	// HostedZoneId is the public Route 53 hosted zone (Z...) that holds
	// DomainName. It is looked up before anything is created, so it must
	// exist already. Excludes HostedZoneName. Optional; one of the two is
	// required with DomainName.
	HostedZoneId string `pulumi:"hostedZoneId,optional"`

	// HostNames are more names the HTTPS listener's certificate covers,
	// wildcards such as "*.example.com" included: with DomainName, the
	// certificate made is for them too (each in the hosted zone); with
	// CertificateArn, they are the names that certificate covers. Services'
	// route hosts must be among them. Optional. Default: none.
	HostNames []string `pulumi:"hostNames,optional"`

	// HostedZoneName is the name of the public Route 53 hosted zone that
	// holds DomainName, such as "example.com"; it is looked up before
	// anything is created. Excludes HostedZoneId. Optional; one of the two
	// is required with DomainName.
	HostedZoneName string `pulumi:"hostedZoneName,optional"`
}

// AccessLogsArgs configures the ALB's access logs, which ELB writes to S3
// every five minutes. The load balancer creates a bucket for them, or
// writes to one given by name.
type AccessLogsArgs struct {
	// Enabled turns access logs on. Optional. Default: false.
	Enabled bool `pulumi:"enabled,optional"`

	// Bucket is an existing bucket to write the logs to, by name, for
	// example a shared log bucket or an s3.BucketV2's Bucket. It must be
	// in the load balancer's region, and its policy must let log delivery
	// write (see the README); the load balancer leaves its policy alone.
	// Excludes ExpirationDays and ForceDestroy. Optional. Default: a
	// bucket the load balancer creates, with public access blocked, ACLs
	// disabled (bucket owner enforced), SSE-S3 encryption, a TLS-only
	// policy that lets only log delivery write, and a lifecycle rule that
	// expires logs. Valid: an S3 bucket name (an Output's is checked at
	// deploy time).
	Bucket pulumi.StringInput `pulumi:"bucket,optional"`

	// Prefix is the key prefix the logs go under, before the
	// AWSLogs/<account>/ path ELB adds. Optional. Default: none. Valid:
	// no "AWSLogs", no slash at either end.
	Prefix string `pulumi:"prefix,optional"`

	// ExpirationDays is how long the bucket the load balancer creates
	// keeps each log. Optional. Default: 90. Valid: 1 or more.
	ExpirationDays int `pulumi:"expirationDays,optional"`

	// ForceDestroy lets `pulumi destroy` delete the bucket the load
	// balancer creates while it still holds logs. Optional. Default:
	// false. Turn it on for stacks that are torn down often.
	ForceDestroy bool `pulumi:"forceDestroy,optional"`
}

// LoadBalancerArgs configures a LoadBalancer: the public ALB, its
// security group and listeners, and optionally its access logs and its
// certificate and DNS records. Inside a PrivateFargateService only
// DeletionProtection, IdleTimeout, AccessLogs, DeregistrationDelay and
// HealthCheck apply (the last two to the service's target group); the
// component fills in the rest.
type LoadBalancerArgs struct {
	// Network is the network whose public subnets the ALB sits in: a
	// *Network, or the NetworkContract of one another program made.
	// Required (set by PrivateFargateService).
	Network network.NetworkSource `pulumi:"network"`

	// Ingress says who may reach the listeners and whether HTTPS is on.
	// Optional; see IngressArgs for defaults. In a PrivateFargateService,
	// set the component's own Ingress instead.
	Ingress IngressArgs `pulumi:"ingress,optional"`

	// DefaultTarget makes the ALB serve one service: the listener forwards
	// to a target group the load balancer creates, which that service
	// (a WebService with no Route) registers its tasks in. HealthCheck and
	// DeregistrationDelay configure that target group. Excludes Routes.
	// Optional. Default: nil.
	DefaultTarget *DefaultTargetArgs `pulumi:"defaultTarget,optional"`

	// Routes share the ALB between services: the listener answers a fixed
	// 404, and each route becomes a listener rule of the WebService named
	// by the route, forwarding to that service's own target group.
	// Excludes DefaultTarget. Optional. Default: none.
	Routes []ListenerRoute `pulumi:"routes,optional"`

	// TargetPorts makes one security group, targets, that every task
	// behind the ALB joins, and gives the ALB's group one egress rule to
	// its members on these ports. Each service admits the ALB on its own
	// container port in its own group. Without it, each service adds an
	// egress rule to the ALB's group, which holds 60 by default: about 60
	// services. Optional. Default: nil (one rule per service). Valid: 1
	// to 65535, From <= To; bridge tasks need 32768-65535 inside it.
	TargetPorts *PortRange `pulumi:"targetPorts,optional"`

	// PriorityRanges give each team a block of listener rule priorities:
	// a service's rule takes a priority derived from its name inside its
	// team's block, or one it sets there itself. Optional. Default: none,
	// every service takes its priority from 1-49999.
	PriorityRanges []PriorityRange `pulumi:"priorityRanges,optional"`

	// Tags are added to every taggable resource the load balancer creates.
	// Keys are plain strings, values Pulumi inputs. Optional. Valid: no
	// key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`

	// DeletionProtection stops the ALB from being deleted. Optional.
	// Default: false. Turn it on in production.
	DeletionProtection bool `pulumi:"deletionProtection,optional"`
	// IdleTimeout in seconds. Optional. Default: 60. Valid: 1 to 4000.
	IdleTimeout int `pulumi:"idleTimeout,optional"`
	// AccessLogs sends the ALB's access logs to S3. Optional. Default:
	// off; see AccessLogsArgs.
	AccessLogs AccessLogsArgs `pulumi:"accessLogs,optional"`
	// Waf puts an AWS WAF web ACL in front of the ALB: AWS managed rule
	// groups, an optional rate limit per client IP, logs in CloudWatch.
	// Optional. Default: nil (no web ACL). See WafArgs.
	Waf *WafArgs `pulumi:"waf,optional"`
	// DeregistrationDelay in seconds before a draining target is removed.
	// Optional. Default: 30. Valid: 0 to 3600.
	DeregistrationDelay *int `pulumi:"deregistrationDelay,optional"`
	// HealthCheck is the target group's health check. Optional.
	HealthCheck TargetHealthCheck `pulumi:"healthCheck,optional"`
}

// Target types of a target group.
const (
	// TargetIP registers each task's own address: awsvpc networking,
	// always on Fargate.
	TargetIP = "ip"
	// TargetInstance registers the container instance and a dynamic host
	// port: bridge networking on EC2.
	TargetInstance = "instance"
)

// DefaultTargetArgs describes the one service a load balancer forwards to
// by default.
type DefaultTargetArgs struct {
	// Port is the service's container port. Optional. Default: 8080.
	// Valid: 1 to 65535.
	Port int `pulumi:"port,optional"`
	// TargetType is TargetIP or TargetInstance. Optional. Default: TargetIP.
	TargetType string `pulumi:"targetType,optional"`
}

// ListenerRoute is one service's share of a shared load balancer: a
// listener rule matching host headers and/or path patterns.
type ListenerRoute struct {
	// Service is the name of the WebService that takes the route.
	// Required. Valid: each service routed once.
	Service string `pulumi:"service"`
	// Hosts are host-header values, such as "admin.example.com" or
	// "*.example.com". Optional; Hosts and Paths together hold 1 to 5
	// values (ALB's limit for one rule).
	Hosts []string `pulumi:"hosts,optional"`
	// Paths are path patterns, such as "/api/*". Optional; see Hosts.
	Paths []string `pulumi:"paths,optional"`
	// Priority orders the rules, lowest first. Optional. Default: derived
	// from the service name, stable when routes are added, and 50000 (last)
	// for a catch-all "/*" route. Valid: 1 to 50000, unique per load
	// balancer. Set it where two routes' conditions overlap.
	Priority int `pulumi:"priority,optional"`
}

// Listeners a service's rule can go on.
const (
	ListenerHttp  = "http"
	ListenerHttps = "https"
)

// TargetHealthCheck is the ALB target group's HTTP health check.
type TargetHealthCheck struct {
	// Path requested on the container port. Optional. Default: "/healthz".
	// Valid: starts with "/".
	Path string `pulumi:"path,optional"`
	// Matcher lists the healthy HTTP codes, "200" or "200-299" or
	// "200,204". Optional. Default: "200-399".
	Matcher string `pulumi:"matcher,optional"`
	// Interval between checks in seconds. Optional. Default: 15. Valid: 5 to 300.
	Interval int `pulumi:"interval,optional"`
	// Timeout of one check in seconds. Optional. Default: 5. Valid: 2 to
	// 120, and less than Interval.
	Timeout int `pulumi:"timeout,optional"`
	// HealthyThreshold checks in a row make a target healthy. Optional.
	// Default: 2. Valid: 2 to 10.
	HealthyThreshold int `pulumi:"healthyThreshold,optional"`
	// UnhealthyThreshold checks in a row make a target unhealthy.
	// Optional. Default: 3. Valid: 2 to 10.
	UnhealthyThreshold int `pulumi:"unhealthyThreshold,optional"`
}
