package piece

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NewRetainedLogGroup creates a log group that keeps its events days days,
// so logs are not kept (and billed) forever, encrypted with key when one
// is given. Every log group of the pieces is made here.
func NewRetainedLogGroup(f *Family, name string, days int, key pulumi.StringInput) (*cloudwatch.LogGroup, error) {
	args := &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(days),
		Tags:            f.TagsFor(name),
	}
	if key != nil {
		args.KmsKeyId = key
	}
	lg, err := cloudwatch.NewLogGroup(f.Ctx, name, args, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create log group %s: %w", name, err)
	}
	return lg, nil
}
