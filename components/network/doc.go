// Package network builds the VPC a private service runs in: the VPC
// (created, or adopted with ExistingVpcArgs), its public and private
// subnets and routes, the VPC endpoints the services need in place of a
// NAT gateway (the union of their EndpointFeatures, see EndpointUnion),
// the endpoint-clients security group, the ECR pull-through cache rules
// that make public images pullable without NAT, and an optional flow log.
//
// A Network gives its NetworkContract, the ids and facts every other piece
// builds on; NetworkContract also stands for a network another program
// built. This package imports no other piece: the load balancer, the
// cluster and the services depend on it, never the other way round.
package network
