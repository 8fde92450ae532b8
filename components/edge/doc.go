// Package edge builds the public edge of a platform: the internet-facing
// Application Load Balancer, its security groups and listeners, its ACM
// certificate and Route 53 records, its access logs and its WAF web ACL,
// and the rules for listener-rule priorities (RoutePriorities,
// DerivedPriority) that services share.
//
// A LoadBalancer gives its LoadBalancerContract; a service takes that
// contract and adds its own target group and listener rule. The edge
// depends only on the network's contract.
package edge
