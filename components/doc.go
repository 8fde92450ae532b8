// Package components holds PrivateFargateService, a Pulumi component that
// runs a web service on Amazon ECS in private subnets with no NAT gateway.
//
// The tasks reach ECR, CloudWatch Logs and S3 through VPC endpoints that the
// component derives from the features in use (see EndpointSet), and users
// reach the service only through a public Application Load Balancer. Each
// role (ALB, task, endpoint) has its own security group whose rules admit
// exactly the traffic between them.
//
// The component never reads stack configuration: callers fill
// PrivateFargateServiceArgs themselves. Arguments are checked before any
// resource is registered; every problem comes back at once in a
// *ValidationError.
package components
