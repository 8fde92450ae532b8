package edge

import (
	"fmt"
	"slices"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LoadBalancerType is the LoadBalancer component's type token.
const LoadBalancerType = "private-fargate:index:LoadBalancer"

// LoadBalancer is an internet-facing ALB in a network's public subnets,
// with its security group and listeners: HTTP on 80, and with a
// certificate HTTPS on 443 with 80 redirecting to it. It serves one service
// through its default target group, or several through listener rules
// that each WebService attaches for its route. Given a domain name and
// its hosted zone, it makes and validates its own certificate and points
// DNS at itself; it can write its access logs to S3.
type LoadBalancer struct {
	pulumi.ResourceState

	// Arn is the ALB's ARN.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// ArnSuffix is the ALB's ARN suffix, as CloudWatch metrics name it.
	ArnSuffix pulumi.StringOutput `pulumi:"arnSuffix"`
	// DnsName is the ALB's DNS name.
	DnsName pulumi.StringOutput `pulumi:"dnsName"`
	// ZoneId is the ALB's Route 53 hosted zone, for alias records.
	ZoneId pulumi.StringOutput `pulumi:"zoneId"`
	// Url is https://<domain name> with a domain name, else
	// http://<dns name>, or https://<dns name> with HTTPS on.
	Url pulumi.StringOutput `pulumi:"url"`
	// AccessLogsBucket is the bucket the access logs go to; empty with
	// access logs off.
	AccessLogsBucket pulumi.StringOutput `pulumi:"accessLogsBucket"`
	// SecurityGroupId is the ALB's security group.
	SecurityGroupId pulumi.StringOutput `pulumi:"securityGroupId"`
	// HttpListenerArn is the port 80 listener's ARN.
	HttpListenerArn pulumi.StringOutput `pulumi:"httpListenerArn"`
	// RuleListenerArn is the listener the services' rules attach to: the
	// HTTPS listener when HTTPS is on, else the HTTP one.
	RuleListenerArn pulumi.StringOutput `pulumi:"ruleListenerArn"`
	// DefaultTargetGroupArn is the default target group's ARN; empty
	// without DefaultTarget.
	DefaultTargetGroupArn pulumi.StringOutput `pulumi:"defaultTargetGroupArn"`
	// Priorities are the routes' listener rule priorities, by service.
	Priorities pulumi.IntMapOutput `pulumi:"priorities"`

	// contract is what the load balancer hands services.
	contract LoadBalancerContract
}

// LoadBalancerContract is what the load balancer hands services: its
// ids, which resolve once its listeners exist, and its facts.
func (l *LoadBalancer) LoadBalancerContract() LoadBalancerContract { return l.contract }

// NewLoadBalancer checks args, then creates the ALB, its security group
// and listeners. On invalid args it returns a *ValidationError and
// registers nothing.
func NewLoadBalancer(ctx *pulumi.Context, name string, args *LoadBalancerArgs, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	if args == nil {
		args = &LoadBalancerArgs{}
	}
	return NewLoadBalancerIn(ctx, name, *args, nil, nil, opts...)
}

// NewLoadBalancerIn builds the load balancer. in is the composite it is
// built inside, or nil; zone is its hosted zone when the caller has looked
// it up already, or nil to look it up here.
func NewLoadBalancerIn(ctx *pulumi.Context, name string, args LoadBalancerArgs, in *piece.Within, zone *HostedZone, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	a := args.WithDefaults()
	if err := check.Refusal("LoadBalancer", a.Validate(name)); err != nil {
		return nil, err
	}
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return nil, err
	}
	if zone == nil && a.Ingress.DomainName != "" {
		var p check.Problems
		zone, p = LookupHostedZone(ctx, "Ingress.", "Routes", a.Ingress, a.Routes, invokeOpts)
		if err := check.Refusal("LoadBalancer", p); err != nil {
			return nil, err
		}
	}
	account := ""
	if a.AccessLogs.Enabled && a.AccessLogs.Bucket == nil {
		// The bucket policy lets log delivery write under this account's
		// AWSLogs path only.
		id, err := aws.GetCallerIdentity(ctx, &aws.GetCallerIdentityArgs{}, invokeOpts...)
		if err != nil {
			return nil, fmt.Errorf("look up the account for the access log bucket policy: %w", err)
		}
		account = id.AccountId
	}
	l := &LoadBalancer{}
	if err := ctx.RegisterComponentResource(LoadBalancerType, name, l, opts...); err != nil {
		return nil, fmt.Errorf("register load balancer: %w", err)
	}
	lp := &lbParts{
		f: &piece.Family{Ctx: ctx, Name: name, Parent: l, In: in, Tags: a.Tags, Piece: "LoadBalancer"},
		a: a, n: a.Network.NetworkContract(), l: l, zone: zone, account: account,
	}
	for _, step := range []func() error{lp.securityGroup, lp.balancer, lp.listen, lp.hand} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if err := ctx.RegisterResourceOutputs(l, pulumi.Map{
		"arn":                   l.Arn,
		"arnSuffix":             l.ArnSuffix,
		"dnsName":               l.DnsName,
		"zoneId":                l.ZoneId,
		"url":                   l.Url,
		"accessLogsBucket":      l.AccessLogsBucket,
		"securityGroupId":       l.SecurityGroupId,
		"httpListenerArn":       l.HttpListenerArn,
		"ruleListenerArn":       l.RuleListenerArn,
		"defaultTargetGroupArn": l.DefaultTargetGroupArn,
		"priorities":            l.Priorities,
	}); err != nil {
		return nil, fmt.Errorf("register load balancer outputs: %w", err)
	}
	return l, nil
}

// lbParts are what the load balancer's steps hand each other.
type lbParts struct {
	f       *piece.Family
	a       LoadBalancerArgs // defaulted
	n       network.NetworkContract
	l       *LoadBalancer
	zone    *HostedZone
	account string

	sg  *ec2.SecurityGroup
	alb *lb.LoadBalancer
	// listeners are what a service must be created after: the listeners
	// and the default target group.
	listeners []pulumi.Resource
	http      *lb.Listener
	httpsArn  pulumi.StringInput
}

// ipAddressType is the ALB's: IPv4 only.
const ipAddressType = "ipv4"

// securityGroup creates the ALB's group and its inbound rules: each
// listener port from each allowed CIDR.
func (lp *lbParts) securityGroup() error {
	f, a := lp.f, lp.a
	sgName := f.Name + "-alb-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, sgName, &ec2.SecurityGroupArgs{
		VpcId:       lp.n.VpcId,
		Description: pulumi.String("Load balancer: listener ports from the allowed CIDRs, out to the tasks only"),
		Tags:        f.TagsFor(sgName),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create load balancer security group: %w", err)
	}
	lp.sg = sg
	listenerPorts := []int{80}
	if a.Ingress.Https {
		listenerPorts = append(listenerPorts, 443)
	}
	for _, port := range listenerPorts {
		for i, cidr := range a.Ingress.AllowedCidrs {
			if _, err := piece.NewRule(f, piece.SgRule{
				Suffix: fmt.Sprintf("alb-in-%d-%d", port, i), Group: sg.ID(), Ingress: true, Port: port, Cidr: cidr,
				Description: fmt.Sprintf("Listener port %d from %s", port, cidr),
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// balancer creates the access log bucket, the ALB in the public subnets,
// and its web ACL. An internet-facing ALB needs the VPC's internet
// gateway attached, or CreateLoadBalancer fails ("VPC ... has no
// internet gateway"): the network's public subnet ids resolve only once
// the gateway and the public routes exist.
func (lp *lbParts) balancer() error {
	f, a, n, l := lp.f, lp.a, lp.n, lp.l
	var albDeps []pulumi.Resource
	var accessLogs *lb.LoadBalancerAccessLogsArgs
	l.AccessLogsBucket = pulumi.String("").ToStringOutput()
	if al := a.AccessLogs; al.Enabled {
		logs, err := newLogBucket(f, "AccessLogs.", al, n.Region, lp.account)
		if err != nil {
			return err
		}
		accessLogs = &lb.LoadBalancerAccessLogsArgs{Bucket: logs.name, Enabled: pulumi.Bool(true)}
		if al.Prefix != "" {
			accessLogs.Prefix = pulumi.String(al.Prefix)
		}
		// ELB checks that it may write to the bucket when access logs
		// are turned on, at create or at update: the policy comes first.
		albDeps = append(albDeps, logs.ready...)
		l.AccessLogsBucket = logs.name
	}

	albName := f.Name + "-alb"
	alb, err := lb.NewLoadBalancer(f.Ctx, albName, &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		IpAddressType:            pulumi.String(ipAddressType),
		Subnets:                  n.PublicSubnetIds,
		SecurityGroups:           pulumi.StringArray{lp.sg.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(a.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.IdleTimeout),
		AccessLogs:               accessLogs,
		Tags:                     f.TagsFor(albName),
	}, f.Opts(pulumi.DependsOn(albDeps))...)
	if err != nil {
		return fmt.Errorf("create load balancer: %w", err)
	}
	lp.alb = alb
	if a.Waf != nil {
		if err := newWaf(f, "Waf.", *a.Waf, n.Region, alb.Arn); err != nil {
			return err
		}
	}
	return nil
}

// listen creates the listeners: HTTP on 80, and with HTTPS the 443
// listener with its certificate (made and validated for a domain name,
// or given) and 80 redirecting to it. Their default action forwards to
// the one service's target group, or answers 404 to requests no
// service's rule matches.
func (lp *lbParts) listen() error {
	f, a, n, l, alb := lp.f, lp.a, lp.n, lp.l, lp.alb
	defaultAction := lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
		Type: pulumi.String("fixed-response"),
		FixedResponse: &lb.ListenerDefaultActionFixedResponseArgs{
			ContentType: pulumi.String("text/plain"),
			MessageBody: pulumi.String("Not Found"),
			StatusCode:  pulumi.String("404"),
		},
	}}
	l.DefaultTargetGroupArn = pulumi.String("").ToStringOutput()
	if t := a.DefaultTarget; t != nil {
		tg, err := NewTargetGroup(f, f.Name+"-tg", n.VpcId, t.Port, t.TargetType, a.HealthCheck, *a.DeregistrationDelay)
		if err != nil {
			return err
		}
		l.DefaultTargetGroupArn = tg.Arn
		lp.listeners = append(lp.listeners, tg)
		defaultAction = lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
			Type:           pulumi.String("forward"),
			TargetGroupArn: tg.Arn,
		}}
	}

	httpAction := defaultAction
	if a.Ingress.Https {
		httpAction = lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
			Type: pulumi.String("redirect"),
			Redirect: &lb.ListenerDefaultActionRedirectArgs{
				Protocol:   pulumi.String("HTTPS"),
				Port:       pulumi.String("443"),
				StatusCode: pulumi.String("HTTP_301"),
			},
		}}
	}
	httpName := f.Name + "-http"
	http, err := lb.NewListener(f.Ctx, httpName, &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(80),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions:  httpAction,
		Tags:            f.TagsFor(httpName),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create HTTP listener: %w", err)
	}
	lp.http = http
	lp.listeners = append(lp.listeners, http)
	l.HttpListenerArn = http.Arn
	l.RuleListenerArn = http.Arn
	scheme := "http"
	if a.Ingress.Https {
		scheme = "https"
		var certArn pulumi.StringInput
		var certDeps []pulumi.Resource
		if a.Ingress.DomainName != "" {
			names := certificateNames(a.Ingress.DomainName, a.Routes, a.Ingress.HostNames)
			arn, validation, err := newCertificate(f, names, lp.zone)
			if err != nil {
				return err
			}
			// ALB refuses a certificate that is not issued yet
			// (CertificateNotFound): the listener waits for validation.
			certArn, certDeps = arn, []pulumi.Resource{validation}
			if err := newAliasRecords(f, names, lp.zone, alb, ipAddressType); err != nil {
				return err
			}
		} else {
			certArn = check.CheckedString(f.PieceName(), f.Field("Ingress.CertificateArn"), a.Ingress.CertificateArn, check.CertificateRule(n.Region))
		}
		httpsName := f.Name + "-https"
		https, err := lb.NewListener(f.Ctx, httpsName, &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(443),
			Protocol:        pulumi.String("HTTPS"),
			SslPolicy:       pulumi.String(a.Ingress.SslPolicy),
			CertificateArn:  certArn,
			DefaultActions:  defaultAction,
			Tags:            f.TagsFor(httpsName),
		}, f.Opts(pulumi.DependsOn(certDeps))...)
		if err != nil {
			return fmt.Errorf("create HTTPS listener: %w", err)
		}
		lp.listeners = append(lp.listeners, https)
		l.RuleListenerArn = https.Arn
		lp.httpsArn = https.Arn
	}
	l.Url = pulumi.Sprintf("%s://%s", scheme, alb.DnsName)
	if d := a.Ingress.DomainName; d != "" {
		l.Url = pulumi.String("https://" + d).ToStringOutput()
	}
	return nil
}

// hand fills in the outputs and the contract the load balancer hands
// services, and makes the targets group when the tasks are to join one.
func (lp *lbParts) hand() error {
	a, l, alb := lp.a, lp.l, lp.alb
	l.Arn = alb.Arn
	l.ArnSuffix = alb.ArnSuffix
	l.DnsName = alb.DnsName
	l.ZoneId = alb.ZoneId
	l.SecurityGroupId = lp.sg.ID().ToStringOutput()
	priorities := RoutePriorities(a.Routes)
	l.Priorities = pulumi.ToIntMap(priorities).ToIntMapOutput()
	l.contract = LoadBalancerContract{
		Name: lp.f.Name, Region: lp.n.Region,
		Arn: l.Arn, ArnSuffix: l.ArnSuffix, DnsName: l.DnsName, ZoneId: l.ZoneId,
		SecurityGroupId:  l.SecurityGroupId,
		HttpListenerArn:  lp.http.Arn,
		HttpsListenerArn: lp.httpsArn,
		Https:            a.Ingress.Https,
		PriorityRanges:   slices.Clone(a.PriorityRanges),
		Routes:           slices.Clone(a.Routes),
		Priorities:       priorities,
	}
	if a.Ingress.DomainName != "" {
		l.contract.CertificateHosts = certificateNames(a.Ingress.DomainName, a.Routes, a.Ingress.HostNames)
	} else if a.Ingress.Https {
		l.contract.CertificateHosts = slices.Clone(a.Ingress.HostNames)
	}
	if t := a.DefaultTarget; t != nil {
		target := *t
		l.contract.DefaultTarget = &target
		l.contract.DefaultTargetGroupArn = piece.StringAfter(l.DefaultTargetGroupArn, lp.listeners)
	}
	if a.TargetPorts != nil {
		targets, err := newTargetsGroup(lp.f, lp.n, lp.sg.ID(), *a.TargetPorts)
		if err != nil {
			return err
		}
		l.contract.TargetSecurityGroupId = targets
		l.contract.TargetPorts = *a.TargetPorts
	}
	return nil
}

// NewTargetGroup creates an HTTP target group for one service. awsvpc
// tasks (always on Fargate) register their own IPs (target type ip);
// bridge tasks register the instance and a dynamic host port.
func NewTargetGroup(f *piece.Family, name string, vpcID pulumi.StringInput, port int, targetType string, hc TargetHealthCheck, deregistrationDelay int) (*lb.TargetGroup, error) {
	tg, err := lb.NewTargetGroup(f.Ctx, name, &lb.TargetGroupArgs{
		TargetType:          pulumi.String(targetType),
		Port:                pulumi.Int(port),
		Protocol:            pulumi.String("HTTP"),
		VpcId:               vpcID,
		DeregistrationDelay: pulumi.Int(deregistrationDelay),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Protocol:           pulumi.String("HTTP"),
			Port:               pulumi.String("traffic-port"),
			Path:               pulumi.String(hc.Path),
			Matcher:            pulumi.String(hc.Matcher),
			Interval:           pulumi.Int(hc.Interval),
			Timeout:            pulumi.Int(hc.Timeout),
			HealthyThreshold:   pulumi.Int(hc.HealthyThreshold),
			UnhealthyThreshold: pulumi.Int(hc.UnhealthyThreshold),
		},
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create target group: %w", err)
	}
	return tg, nil
}

// newTargetsGroup makes the group every task behind the load balancer
// joins, and the ALB group's one egress rule to its members on ports: the
// ALB's outbound rules then stay one however many services it serves (a
// group holds 60 outbound rules by default). Each service still admits
// the ALB on its own port only, in its own group.
func newTargetsGroup(f *piece.Family, n network.NetworkContract, albSG pulumi.StringInput, ports PortRange) (pulumi.StringOutput, error) {
	name := f.Name + "-targets-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String("Load balancer targets: members take traffic from the load balancer, each on its own port"),
		Tags:        f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("create load balancer targets security group: %w", err)
	}
	rule, err := piece.NewRule(f, piece.SgRule{
		Suffix: "alb-out-targets", Group: albSG, Port: ports.From, ToPort: ports.To, Peer: sg.ID(),
		Description: fmt.Sprintf("To the load balancer's targets on ports %d-%d", ports.From, ports.To),
	})
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return piece.StringAfter(sg.ID(), []pulumi.Resource{rule}), nil
}
