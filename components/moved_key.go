package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The names below moved to package key; they stay here for one release so
// that programs importing this package keep compiling.

// AlarmTopicKeyStatement is key.AlarmTopicKeyStatement.
func AlarmTopicKeyStatement() piece.Statement {
	return key.AlarmTopicKeyStatement()
}

// Key is key.Key.
type Key = key.Key

// KeyArgs is key.KeyArgs.
type KeyArgs = key.KeyArgs

// KeyType is key.KeyType.
const KeyType = key.KeyType

// NewKey is key.NewKey.
func NewKey(ctx *pulumi.Context, name string, args *key.KeyArgs, opts ...pulumi.ResourceOption) (*key.Key, error) {
	return key.NewKey(ctx, name, args, opts...)
}
