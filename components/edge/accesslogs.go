package edge

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// logBucket is where the ALB writes its access logs.
type logBucket struct {
	// name is the bucket's name.
	name pulumi.StringOutput
	// ready is what the ALB must be created after: the bucket policy that
	// lets log delivery write, since ELB writes a test file to the bucket
	// when access logs are turned on and fails without it. Empty for a
	// given bucket, whose policy is its owner's.
	ready []pulumi.Resource
}

// newLogBucket returns the bucket the access logs go to: the given one,
// or a new one that only log delivery may write to, in region, for the
// load balancers of account. field names the args in deploy-time
// problems ("AccessLogs.").
func newLogBucket(f *piece.Family, field string, a AccessLogsArgs, region, account string) (*logBucket, error) {
	if a.Bucket != nil {
		return &logBucket{name: check.CheckedString(f.PieceName(), f.Field(field+"Bucket"), a.Bucket, BucketNameRule)}, nil
	}
	name := f.Name + "-alb-logs"
	bucket, err := s3.NewBucketV2(f.Ctx, name, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(a.ForceDestroy),
		Tags:         f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create access log bucket: %w", err)
	}
	// Nothing in the bucket is public, ever.
	block, err := s3.NewBucketPublicAccessBlock(f.Ctx, name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.Bucket,
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create access log bucket public access block: %w", err)
	}
	// ACLs off: the bucket owner owns every log object, and access is the
	// policy's alone. The bucket still takes PUTs without an ACL or with
	// bucket-owner-full-control, which is what log delivery sends.
	ownership, err := s3.NewBucketOwnershipControls(f.Ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.Bucket,
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create access log bucket ownership controls: %w", err)
	}
	// SSE-S3: the only server-side encryption ALB log delivery supports
	// (a bucket with SSE-KMS by default gets no logs).
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(f.Ctx, name+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.Bucket,
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{&s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}},
	}, f.Opts()...); err != nil {
		return nil, fmt.Errorf("create access log bucket encryption: %w", err)
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(f.Ctx, name+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.Bucket,
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{&s3.BucketLifecycleConfigurationV2RuleArgs{
			Id:         pulumi.String("expire-access-logs"),
			Status:     pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(a.ExpirationDays)},
			// Parts of an upload never completed are billed as storage
			// until aborted (CKV_AWS_300). ELB delivers each log file
			// within minutes, so a day is ample.
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(abortIncompleteUploadDays),
			},
		}},
	}, f.Opts()...); err != nil {
		return nil, fmt.Errorf("create access log bucket lifecycle rule: %w", err)
	}
	policyDoc := bucket.Bucket.ApplyT(func(b string) (string, error) {
		return AccessLogPolicy(region, b, a.Prefix, account)
	}).(pulumi.StringOutput)
	// After the public access block and the ownership controls: S3
	// refuses concurrent changes to one bucket's configuration.
	policy, err := s3.NewBucketPolicy(f.Ctx, name+"-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.Bucket,
		Policy: policyDoc,
	}, f.Opts(pulumi.DependsOn([]pulumi.Resource{block, ownership}))...)
	if err != nil {
		return nil, fmt.Errorf("create access log bucket policy: %w", err)
	}
	return &logBucket{name: bucket.Bucket, ready: []pulumi.Resource{policy}}, nil
}
