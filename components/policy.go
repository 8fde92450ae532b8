package components

import (
	"encoding/json"
	"slices"
)

// PolicyDocument is an IAM policy document. Its fields marshal in a fixed
// order, so the JSON is stable and tests can compare it exactly.
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one IAM policy statement.
type Statement struct {
	Sid       string            `json:"Sid,omitempty"`
	Effect    string            `json:"Effect"`
	Principal map[string]string `json:"Principal,omitempty"`
	Action    []string          `json:"Action"`
	Resource  []string          `json:"Resource,omitempty"`
	// Condition maps an operator to its keys and values.
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// JSON renders the document.
func (d PolicyDocument) JSON() string {
	out, _ := json.Marshal(d) // only strings and slices: always marshals
	return string(out)
}

// assumeRolePolicy lets service (such as "ecs-tasks.amazonaws.com") assume
// the role.
func assumeRolePolicy(service string) string {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []Statement{{
			Effect:    "Allow",
			Principal: map[string]string{"Service": service},
			Action:    []string{"sts:AssumeRole"},
		}},
	}.JSON()
}

// executionPolicyInput is what the execution role's policy is built from.
type executionPolicyInput struct {
	PullArns      []string
	LogGroupArn   string
	SecretArns    []string // Secrets Manager secrets
	ParameterArns []string // SSM parameters
	// SecretsKey is the customer key the secrets are encrypted with, or "".
	SecretsKey string
	// ImportArns are the pull-through cache repositories whose first pull
	// the role makes: ECR creates each and imports the upstream image.
	ImportArns []string
}

// executionPolicy is the least-privilege execution role policy: a registry
// token (which IAM only grants on *), pulls from the named repositories only,
// log writes to the one log group only, and reads of the named secrets only.
func executionPolicy(in executionPolicyInput) PolicyDocument {
	doc := PolicyDocument{Version: "2012-10-17", Statement: []Statement{
		{
			Sid:      "EcrAuthToken",
			Effect:   "Allow",
			Action:   []string{"ecr:GetAuthorizationToken"},
			Resource: []string{"*"},
		},
		{
			Sid:      "EcrPull",
			Effect:   "Allow",
			Action:   []string{"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
			Resource: uniqueSorted(in.PullArns),
		},
		{
			Sid:      "WriteLogs",
			Effect:   "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resource: []string{in.LogGroupArn, in.LogGroupArn + ":log-stream:*"},
		},
	}}
	if len(in.ImportArns) > 0 {
		// The first pull of a cached image creates its repository and
		// imports the upstream image, with the puller's own permissions
		// (ECR user guide, "IAM permissions required to sync an upstream
		// registry with an Amazon ECR private registry").
		doc.Statement = append(doc.Statement, Statement{
			Sid:      "EcrPullThroughCache",
			Effect:   "Allow",
			Action:   pullThroughCacheActions,
			Resource: uniqueSorted(in.ImportArns),
		})
	}
	if len(in.SecretArns) > 0 {
		doc.Statement = append(doc.Statement, Statement{
			Sid:      "ReadSecrets",
			Effect:   "Allow",
			Action:   []string{"secretsmanager:GetSecretValue"},
			Resource: uniqueSorted(in.SecretArns),
		})
	}
	if len(in.ParameterArns) > 0 {
		doc.Statement = append(doc.Statement, Statement{
			Sid:      "ReadParameters",
			Effect:   "Allow",
			Action:   []string{"ssm:GetParameters"},
			Resource: uniqueSorted(in.ParameterArns),
		})
	}
	if in.SecretsKey != "" && (len(in.SecretArns) > 0 || len(in.ParameterArns) > 0) {
		// Secrets Manager and SSM decrypt a customer-key secret with the
		// caller's kms:Decrypt (ECS developer guide, "Required IAM
		// permissions for Amazon ECS secrets").
		doc.Statement = append(doc.Statement, Statement{
			Sid:      "DecryptSecrets",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{in.SecretsKey},
		})
	}
	return doc
}

// taskPolicy turns the user's statements into one Allow document;
// resources[i] are statement i's resolved resources.
func taskPolicy(statements []PolicyStatement, resources [][]string) PolicyDocument {
	doc := PolicyDocument{Version: "2012-10-17"}
	for i, s := range statements {
		doc.Statement = append(doc.Statement, Statement{
			Effect:   "Allow",
			Action:   slices.Clone(s.Actions),
			Resource: slices.Clone(resources[i]),
		})
	}
	return doc
}

func uniqueSorted(v []string) []string {
	out := slices.Clone(v)
	slices.Sort(out)
	return slices.Compact(out)
}
