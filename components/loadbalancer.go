package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// loadBalancer is the ALB, its target group and its listeners.
type loadBalancer struct {
	lb          *lb.LoadBalancer
	targetGroup *lb.TargetGroup
	listeners   []pulumi.Resource
}

// loadBalancer creates an internet-facing ALB in the public subnets, a
// target group for the tasks, and an HTTP
// listener; with a certificate, an HTTPS listener too and HTTP redirects to it.
func (b *builder) loadBalancer(net *network, sgs *securityGroups) (*loadBalancer, error) {
	a := b.args
	name := b.name + "-alb"
	alb, err := lb.NewLoadBalancer(b.ctx, name, &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		IpAddressType:            pulumi.String("ipv4"),
		Subnets:                  subnetIds(net.public),
		SecurityGroups:           pulumi.StringArray{sgs.alb.ID()},
		DropInvalidHeaderFields:  pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(a.LoadBalancer.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.LoadBalancer.IdleTimeout),
		Tags:                     b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create load balancer: %w", err)
	}

	hc := a.LoadBalancer.HealthCheck
	// awsvpc tasks (always on Fargate) register their own IPs; bridge
	// tasks register the instance and a dynamic host port.
	targetType := "ip"
	if a.bridge() {
		targetType = "instance"
	}
	name = b.name + "-tg"
	tg, err := lb.NewTargetGroup(b.ctx, name, &lb.TargetGroupArgs{
		TargetType:          pulumi.String(targetType),
		Port:                pulumi.Int(a.Container.Port),
		Protocol:            pulumi.String("HTTP"),
		VpcId:               net.vpc.ID(),
		DeregistrationDelay: pulumi.Int(*a.LoadBalancer.DeregistrationDelay),
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
		Tags: b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create target group: %w", err)
	}
	out := &loadBalancer{lb: alb, targetGroup: tg}
	forward := lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
		Type:           pulumi.String("forward"),
		TargetGroupArn: tg.Arn,
	}}

	httpAction := forward
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
	name = b.name + "-http"
	http, err := lb.NewListener(b.ctx, name, &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(80),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions:  httpAction,
		Tags:            b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create HTTP listener: %w", err)
	}
	out.listeners = append(out.listeners, http)

	if a.Ingress.Https {
		name = b.name + "-https"
		https, err := lb.NewListener(b.ctx, name, &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(443),
			Protocol:        pulumi.String("HTTPS"),
			SslPolicy:       pulumi.String(a.Ingress.SslPolicy),
			CertificateArn:  pulumi.String(a.Ingress.CertificateArn),
			DefaultActions:  forward,
			Tags:            b.tags(name),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create HTTPS listener: %w", err)
		}
		out.listeners = append(out.listeners, https)
	}
	return out, nil
}
