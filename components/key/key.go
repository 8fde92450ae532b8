package key

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// KeyType is the Key component's type token.
const KeyType = "private-fargate:index:Key"

// Key is one customer-managed KMS key for a platform's data at rest: the
// log groups, the ECR repositories, the alarm topics and the ECS Exec
// sessions. Its policy lets each of those services use it, and no more.
type Key struct {
	pulumi.ResourceState

	// Arn is the key's ARN, which the pieces' KmsKeyArn fields take.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// KeyId is the key's ID.
	KeyId pulumi.StringOutput `pulumi:"keyId"`
}

// KeyArgs configures a Key.
type KeyArgs struct {
	// Region is the key's region; the CloudWatch Logs grant names its
	// service there. Optional. Default: the provider's region.
	Region string `pulumi:"region,optional"`
	// DeletionWindowInDays is how long a deleted key can be recovered.
	// Optional. Default: 30. Valid: 7 to 30.
	DeletionWindowInDays int `pulumi:"deletionWindowInDays,optional"`
	// Tags are added to the key. Keys are plain strings, values Pulumi
	// inputs. Optional. Valid: no key starting with "aws:".
	Tags pulumi.StringMap `pulumi:"tags,optional"`
}

// NewKey checks args, then creates the key with rotation on and its
// policy. On invalid args it returns a *ValidationError and registers
// nothing.
func NewKey(ctx *pulumi.Context, name string, args *KeyArgs, opts ...pulumi.ResourceOption) (*Key, error) {
	if args == nil {
		args = &KeyArgs{}
	}
	return NewKeyIn(ctx, name, *args, nil, opts...)
}

func NewKeyIn(ctx *pulumi.Context, name string, args KeyArgs, in *piece.Within, opts ...pulumi.ResourceOption) (*Key, error) {
	a := args
	a.DeletionWindowInDays = check.IntOr(a.DeletionWindowInDays, 30)
	var p check.Problems
	check.CheckComponentName(&p, name)
	p.RangeInt("DeletionWindowInDays", a.DeletionWindowInDays, 7, 30)
	check.CheckTags(&p, "Tags", a.Tags)
	if err := check.Refusal("Key", p); err != nil {
		return nil, err
	}
	invokeOpts, err := piece.InvokeOptions(opts)
	if err != nil {
		return nil, err
	}
	region, err := piece.ResolveRegion(ctx, a.Region, invokeOpts)
	if err != nil {
		return nil, err
	}
	k := &Key{}
	if err := ctx.RegisterComponentResource(KeyType, name, k, opts...); err != nil {
		return nil, fmt.Errorf("register key: %w", err)
	}
	f := &piece.Family{Ctx: ctx, Name: name, Parent: k, In: in, Tags: a.Tags, Piece: "Key"}
	me := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, pulumi.Parent(k))
	policy := me.AccountId().ApplyT(func(account string) string {
		return KeyPolicy(check.Partition(region), region, account).JSON()
	}).(pulumi.StringOutput)
	keyName := name + "-key"
	key, err := kms.NewKey(ctx, keyName, &kms.KeyArgs{
		Description:          pulumi.String("Data at rest of " + name + ": logs, images, alarm topics, ECS Exec sessions"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(a.DeletionWindowInDays),
		Policy:               policy,
		Tags:                 f.TagsFor(keyName),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	k.Arn = key.Arn
	k.KeyId = key.KeyId
	if err := ctx.RegisterResourceOutputs(k, pulumi.Map{"arn": k.Arn, "keyId": k.KeyId}); err != nil {
		return nil, fmt.Errorf("register key outputs: %w", err)
	}
	return k, nil
}

// KeyPolicy is the key's policy:
//   - the account may manage and use it through IAM policies, as KMS's
//     default key policy allows; without this statement the key could not
//     be managed again (KMS developer guide, "Default key policy"). ECR
//     and the ECS Exec grants go through it: ECR creates a grant with the
//     permissions of the principal that creates the repository (ECR user
//     guide, "Encryption at rest"), and the task role's kms:Decrypt is an
//     IAM grant;
//   - CloudWatch Logs of this region may use it for this account's log
//     groups only, through the encryption context it sets (CloudWatch Logs
//     user guide, "Encrypt log data in CloudWatch Logs using AWS KMS");
//   - CloudWatch alarms may publish to topics encrypted with it: SNS
//     calls KMS as the publisher, so cloudwatch.amazonaws.com needs
//     kms:Decrypt and kms:GenerateDataKey* (SNS developer guide, "Enable
//     compatibility between event sources from AWS services and encrypted
//     topics").
func KeyPolicy(partition, region, account string) piece.PolicyDocument {
	return piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{
		{
			Sid:       "AccountManagesTheKey",
			Effect:    "Allow",
			Principal: map[string]string{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
			Action:    []string{"kms:*"},
			Resource:  []string{"*"},
		},
		{
			Sid:       "CloudWatchLogsEncryptsLogGroups",
			Effect:    "Allow",
			Principal: map[string]string{"Service": fmt.Sprintf("logs.%s.amazonaws.com", region)},
			Action:    []string{"kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"},
			Resource:  []string{"*"},
			Condition: map[string]map[string]string{"ArnLike": {
				"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:%s:logs:%s:%s:log-group:*", partition, region, account),
			}},
		},
		AlarmTopicKeyStatement(),
	}}
}

// AlarmTopicKeyStatement is the statement a customer managed key's policy
// needs for CloudWatch alarms to publish to an SNS topic the key
// encrypts: the CloudWatch service principal may generate and decrypt
// data keys (AWS Knowledge Center,
// https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns).
// Without it the alarm's action fails and no notification is sent; the
// AWS managed key alias/aws/sns cannot be given it. The Key piece's
// policy has it.
func AlarmTopicKeyStatement() piece.Statement {
	return piece.Statement{
		Sid:       "CloudWatchAlarmsPublishToTopics",
		Effect:    "Allow",
		Principal: map[string]string{"Service": "cloudwatch.amazonaws.com"},
		Action:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
		Resource:  []string{"*"},
	}
}
