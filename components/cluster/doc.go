// Package cluster builds the ECS cluster: its Fargate, Fargate Spot and
// EC2 capacity providers (Auto Scaling groups of ECS-optimized instances
// in the private subnets), the cluster's one capacity provider
// association, and the log group ECS Exec sessions go to.
//
// A Cluster gives its ClusterContract. The cluster depends on the
// network's contract and, for bridge-mode services on EC2, on the load
// balancers' contracts (the dynamic-port rules belong to the cluster).
package cluster
