package plan

import (
	"fmt"
	"sort"
	"strings"
)

// Resource types the encryption section reads.
const (
	typeKmsKey       = "aws:kms/key:Key"
	typeRepository   = "aws:ecr/repository:Repository"
	typeBucketSSE    = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeLaunchTmpl   = "aws:ec2/launchTemplate:LaunchTemplate"
	typeSecret       = "aws:secretsmanager/secret:Secret"
	awsKeys          = "AWS-owned or AWS-managed keys"
	awsKeysNoSNSNote = "nothing (SNS keeps no customer key unless one is set)"
)

// KeyUse is one key, or the AWS's own keys, and what it encrypts at
// rest, as the registrations say.
type KeyUse struct {
	// Key is a KMS key the stack creates (by resource name), a key ARN
	// it was given, or "AWS-owned or AWS-managed keys".
	Key string `json:"key"`
	// Protects are the data it encrypts, one line each.
	Protects []string `json:"protects"`
}

// keyUses groups what the stack keeps at rest by the key that encrypts
// it: each customer key first, then the AWS keys, then what is not
// encrypted at rest at all.
func keyUses(ix *index) []KeyUse {
	by := map[string][]string{}
	under := func(arn, what string) {
		if strings.HasPrefix(arn, "alias/aws/") {
			// An AWS managed key, named by its alias.
			arn, what = "", what+" ("+strings.TrimPrefix(arn, "alias/")+")"
		}
		if arn == "" {
			arn = awsKeys
		}
		by[arn] = append(by[arn], what)
	}
	for _, q := range ix.byType[typeQueue] {
		if k := str(q.Inputs, "kmsMasterKeyId"); k != "" {
			under(k, "SQS queue "+q.Name)
		} else {
			under("", "SQS queue "+q.Name+" (SSE-SQS)")
		}
	}
	for _, lg := range ix.byType[typeLogGroup] {
		name := str(lg.Outputs, "name")
		if name == "" {
			name = lg.Name
		}
		under(str(lg.Inputs, "kmsKeyId"), "log group "+name)
	}
	for _, t := range ix.byType[typeTopic] {
		if k := str(t.Inputs, "kmsMasterKeyId"); k != "" {
			under(k, "SNS topic "+t.Name)
		} else {
			by[awsKeysNoSNSNote] = append(by[awsKeysNoSNSNote], "SNS topic "+t.Name)
		}
	}
	for _, r := range ix.byType[typeRepository] {
		enc := objects(r.Inputs, "encryptionConfigurations")
		if len(enc) > 0 && str(enc[0], "encryptionType") == "KMS" {
			under(str(enc[0], "kmsKey"), "ECR repository "+r.Name)
		} else {
			under("", "ECR repository "+r.Name+" (AES-256)")
		}
	}
	for _, sec := range ix.byType[typeSecret] {
		if k := str(sec.Inputs, "kmsKeyId"); k != "" {
			under(k, "Secrets Manager secret "+sec.Name)
		} else {
			under("", "Secrets Manager secret "+sec.Name+" (aws/secretsmanager)")
		}
	}
	for _, c := range ix.byType[typeCluster] {
		exec := object(object(c.Inputs, "configuration"), "executeCommandConfiguration")
		if exec == nil {
			continue
		}
		if k := str(exec, "kmsKeyId"); k != "" {
			under(k, "ECS Exec sessions on cluster "+c.Name)
		} else {
			under("", "ECS Exec sessions on cluster "+c.Name+" (TLS only, no extra key)")
		}
	}
	for _, s := range ix.byType[typeBucketSSE] {
		for _, rule := range objects(s.Inputs, "rules") {
			def := object(rule, "applyServerSideEncryptionByDefault")
			bucket := str(s.Inputs, "bucket")
			if k := str(def, "kmsMasterKeyId"); k != "" {
				under(k, "S3 bucket "+bucket)
			} else if str(def, "sseAlgorithm") == "AES256" {
				under("", "S3 bucket "+bucket+" (SSE-S3)")
			} else {
				under("", fmt.Sprintf("S3 bucket %s (%s)", bucket, str(def, "sseAlgorithm")))
			}
		}
	}
	for _, lt := range ix.byType[typeLaunchTmpl] {
		for _, bd := range objects(lt.Inputs, "blockDeviceMappings") {
			ebs := object(bd, "ebs")
			if k := str(ebs, "kmsKeyId"); k != "" {
				under(k, "root volumes of "+lt.Name)
			} else if enc := str(ebs, "encrypted"); enc == "true" {
				under("", "root volumes of "+lt.Name+" (aws/ebs)")
			} else if on, _ := boolean(ebs, "encrypted"); on {
				under("", "root volumes of "+lt.Name+" (aws/ebs)")
			}
		}
	}
	var out []KeyUse
	for _, arn := range sortedKeys(by) {
		if arn == awsKeys || arn == awsKeysNoSNSNote {
			continue
		}
		name := arn
		if k, ok := ix.byArn[arn]; ok && k.Type == typeKmsKey {
			name = "KMS key " + k.Name
		}
		out = append(out, KeyUse{Key: name, Protects: sortedCopy(by[arn])})
	}
	for _, k := range []string{awsKeys, awsKeysNoSNSNote} {
		if len(by[k]) > 0 {
			out = append(out, KeyUse{Key: k, Protects: sortedCopy(by[k])})
		}
	}
	return out
}

func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// writeKeys renders what each key encrypts.
func (p *Plan) writeKeys(b *strings.Builder) {
	b.WriteString("Encryption at rest\n")
	if len(p.Keys) == 0 {
		b.WriteString("  nothing kept at rest\n")
		return
	}
	for _, k := range p.Keys {
		fmt.Fprintf(b, "  %s: %s\n", k.Key, strings.Join(k.Protects, "; "))
	}
}
