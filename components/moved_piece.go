package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
)

// The names below moved to package piece; they stay here for one release so
// that programs importing this package keep compiling.

// PolicyDocument is piece.PolicyDocument.
type PolicyDocument = piece.PolicyDocument

// Statement is piece.Statement.
type Statement = piece.Statement
