// Package service builds what one team deploys: a WebService on a
// network, a cluster and a load balancer given as contracts, whether built
// in the same program or read from a platform stack. A service owns its
// task security group and rules, target group and listener rule, ECR
// repository and image, roles, log group, task definition (the app's
// container, its sidecars and the tracing collector) and ECS service, and
// optionally its autoscaling and alarms.
//
// Everything a service is checked against (the endpoints the network has,
// the listener's free priorities, the cluster's capacity) comes from the
// contracts, so a check runs the same on a platform built elsewhere. No
// other piece imports this package.
package service
