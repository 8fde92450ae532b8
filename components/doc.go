// Package components runs web services on Amazon ECS in private subnets
// with no NAT gateway, reached only through a public Application Load
// Balancer.
//
// Four pieces compose, each a Pulumi component of its own:
//
//   - NewNetwork: the VPC (created, or adopted with ExistingVpcArgs), its
//     subnets and routes, and the VPC endpoints its services need: the
//     union of the features declared for them (see EndpointUnion). One VPC
//     holds one private-DNS endpoint per service, so endpoints belong to
//     the network, never to a service. It can record the VPC's traffic in
//     a flow log (FlowLogArgs).
//   - NewLoadBalancer: the public ALB, its security group and listeners;
//     one service through a default target group, or several through
//     listener rules (see RoutePriorities). Given a domain name and its
//     Route 53 hosted zone, it requests and validates its own ACM
//     certificate and adds alias records; it can write its access logs
//     to a closed S3 bucket of its own, or to one given by name.
//   - NewCluster: the ECS cluster, its Fargate and EC2 capacity providers
//     and the cluster's one capacity provider association, and the log
//     group its services' ECS Exec sessions go to (ExecArgs).
//   - NewWebService: one service on those three: its task security group
//     and rules, target group and listener rule, repository and image,
//     roles, log group, task definition and ECS service, and optionally
//     its Application Auto Scaling target and policies (AutoscalingArgs)
//     and its CloudWatch alarms, their SNS topic and the deployment
//     alarms that roll it back (AlarmArgs), and ECS Exec into its tasks.
//     It refuses a network that lacks an endpoint it needs.
//
// The pieces hand each other data contracts (NetworkContract,
// LoadBalancerContract, ClusterContract): ids as Pulumi inputs, facts as
// plain values. A piece built in this program and one read from another
// stack give the same contract, so a WebService attaches to either.
//
// NewPlatform is what a platform team runs: the network, one or more load
// balancers, the cluster and the key, with shared security groups that
// hold one rule per purpose, and teams' blocks of listener rule
// priorities. Its Contract output is the platform contract, which a
// service program reads with AttachPlatform (a stack reference) or
// PlatformFromConfig, and passes to NewWebService.
//
// NewKey makes the customer-managed KMS key a platform keeps its data at
// rest under; the pieces' KmsKeyArn fields take its Arn.
//
// Each piece lives in a package of its own, so that the compiler holds the
// flow one way: network (which imports no other piece), edge (the load
// balancer, on the network), cluster (on the network and the load
// balancers), service (on all three, through their contracts) and key.
// This package composes them into NewPlatform and
// NewPrivateFargateService, and keeps the pieces' names (NewNetwork,
// WebServiceArgs and the rest) as aliases for one release, so that
// programs written against it keep compiling; new programs import the
// piece packages.
//
// NewPrivateFargateService is the one-call way to get a single service: it
// composes the four pieces under one component, and keeps every resource's
// released name with an alias to its earlier URN.
//
// The components never read stack configuration: callers fill the args
// themselves. Arguments are checked before any resource is registered;
// every problem comes back at once in a *ValidationError.
//
// Values that only pass through to AWS (ARNs, IDs, the image URI,
// environment and tag values) are Pulumi inputs and take other resources'
// Outputs; what a constructor branches on is a plain Go value. A literal
// input is checked before registering; an Output is checked by the same
// rule when it resolves, and a bad one fails the deployment with the same
// field and message.
package components
