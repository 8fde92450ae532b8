package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"

	awsxecr "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// registry is the ECR repository and the image the task runs.
type registry struct {
	repo *ecr.Repository
	// image is the URI the task definition names.
	image pulumi.StringOutput
	// pullArns are the repositories the execution role may pull from.
	pullArns pulumi.StringArrayOutput
}

// registry creates the private repository (scan on push, lifecycle policy)
// and either builds the image into it or takes the ready image URI.
func newRegistry(f *piece.Family, w Workload, in checkedInputs) (*registry, error) {
	r := w.Repository
	name := f.Name + "-repo"
	// AES256 unless a customer key is given and the repository may take
	// it. Changing a repository's encryption replaces it (ECR sets it at
	// creation only), hence Repository.WithoutKmsKey.
	encryption := &ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("AES256")}
	if w.KmsKeyArn != nil && !r.WithoutKmsKey {
		encryption = &ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: in.kmsKey}
	}
	repo, err := ecr.NewRepository(f.Ctx, name, &ecr.RepositoryArgs{
		ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{
			ScanOnPush: pulumi.Bool(true),
		},
		ImageTagMutability:       pulumi.String(r.ImageTagMutability),
		ForceDelete:              pulumi.Bool(r.ForceDelete),
		EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{encryption},
		Tags:                     f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create ECR repository: %w", err)
	}
	if _, err := ecr.NewLifecyclePolicy(f.Ctx, name+"-lifecycle", &ecr.LifecyclePolicyArgs{
		Repository: repo.Name,
		Policy:     pulumi.String(check.LifecyclePolicy(r.KeepImages)),
	}, f.Opts()...); err != nil {
		return nil, fmt.Errorf("create ECR lifecycle policy: %w", err)
	}

	// The execution role may pull from this repository, the extra ones,
	// the one a ready image lives in, and the sidecars' images' ones.
	out := &registry{repo: repo}
	c := w.Container
	if c.Build == nil {
		out.image = in.image
		out.pullArns = withSidecarPulls(pulumi.All(repo.Arn, in.extraPulls, in.image).ApplyT(func(v []any) []string {
			arns := append([]string{v[0].(string)}, v[1].([]string)...)
			if arn := check.EcrRepositoryArn(v[2].(string)); arn != "" {
				arns = append(arns, arn)
			}
			return arns
		}).(pulumi.StringArrayOutput), in.sidecars)
		return out, nil
	}
	out.pullArns = withSidecarPulls(pulumi.All(repo.Arn, in.extraPulls).ApplyT(func(v []any) []string {
		return append([]string{v[0].(string)}, v[1].([]string)...)
	}).(pulumi.StringArrayOutput), in.sidecars)
	platform := "linux/amd64"
	if w.Task.Architecture == cluster.ArchARM64 {
		platform = "linux/arm64"
	}
	img, err := awsxecr.NewImage(f.Ctx, f.Name+"-image", &awsxecr.ImageArgs{
		RepositoryUrl: repo.RepositoryUrl,
		Context:       pulumi.String(c.Build.Context),
		Dockerfile:    pulumi.String(c.Build.Dockerfile),
		Platform:      pulumi.String(platform),
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("build image: %w", err)
	}
	out.image = img.ImageUri
	return out, nil
}
