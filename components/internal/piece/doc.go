// Package piece holds what every piece builds its resources with: the
// family that names, tags and parents a piece's children, the composite a
// piece may be built inside (Within), IAM policy documents, security group
// rules, log groups and the ordering that travels with a contract's ids.
package piece
