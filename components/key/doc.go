// Package key makes the customer-managed KMS key a platform keeps its data
// at rest under: log groups, the SNS alarm topics, ECR repositories and
// ECS Exec sessions. The pieces' KmsKeyArn fields take its Arn.
package key
