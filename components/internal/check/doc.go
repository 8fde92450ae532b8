// Package check holds what every piece checks its args with: the problem
// collector and ValidationError, the rules for ARNs, ids and input values
// (applied before registering and again when an Output resolves), the
// shared defaults, the Fargate task sizes and the quotas more than one
// piece counts against.
package check
