package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const tKey = "aws:kms/key:Key"

// Each service that uses the key gets exactly its own grant (see
// keyPolicy for the sources): the account through IAM (ECR's grants and
// the task role's decrypts go through it), CloudWatch Logs of this
// region for this account's log groups only, and CloudWatch alarms for
// the topics they publish to.
func TestKeyPolicyGrantsEachServiceItsOwn(t *testing.T) {
	got := key.KeyPolicy("aws", "us-east-1", "123456789012").JSON()
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AccountManagesTheKey","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["kms:*"],"Resource":["*"]},` +
		`{"Sid":"CloudWatchLogsEncryptsLogGroups","Effect":"Allow","Principal":{"Service":"logs.us-east-1.amazonaws.com"},"Action":["kms:Decrypt*","kms:Describe*","kms:Encrypt*","kms:GenerateDataKey*","kms:ReEncrypt*"],"Resource":["*"],"Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-east-1:123456789012:log-group:*"}}},` +
		`{"Sid":"CloudWatchAlarmsPublishToTopics","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":["*"]}]}`
	if got != want {
		t.Errorf("keyPolicy =\n  %s\nwant\n  %s", got, want)
	}
	if cn := key.KeyPolicy("aws-cn", "cn-north-1", "123456789012").JSON(); !strings.Contains(cn, `"arn:aws-cn:iam::123456789012:root"`) || !strings.Contains(cn, `"arn:aws-cn:logs:cn-north-1:123456789012:log-group:*"`) {
		t.Errorf("a China region's policy names another partition: %s", cn)
	}
}

// A PrivateFargateService that creates its key puts under it everything
// it keeps at rest: the container log group, the repository, and with
// ECS Exec the session log group and the sessions themselves; the tasks
// then call KMS, so without NAT the kms endpoint is added, and secrets
// encrypted with the key get the execution role a decrypt on it alone.
func TestServiceKeyCoversItsDataAtRest(t *testing.T) {
	a := baseArgs()
	a.Kms = &KmsArgs{Create: true, Secrets: true}
	a.Service.EnableExecuteCommand = true
	a.Container.Secrets = literalSecrets(map[string]string{"DB": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"})
	m, _ := mustRun(t, a)

	k := get(t, m, tKey, "web-key")
	expect(t, k, "enableKeyRotation", true)
	expect(t, k, "deletionWindowInDays", 30)
	expect(t, k, "policy", key.KeyPolicy("aws", "us-east-1", "123456789012").JSON())
	arn := k.Outputs["arn"].StringValue()

	expect(t, get(t, m, tLogGroup, "web-logs"), "kmsKeyId", arn)
	expect(t, get(t, m, tLogGroup, "web-exec-logs"), "kmsKeyId", arn)
	expect(t, get(t, m, tRepo, "web-repo"), "encryptionConfigurations", []map[string]any{{"encryptionType": "KMS", "kmsKey": arn}})
	expect(t, get(t, m, tCluster, "web-cluster"), "configuration.executeCommandConfiguration.kmsKeyId", arn)
	expect(t, get(t, m, tRolePolicy, "web-exec-policy"), "policy", cluster.ExecPolicy("arn:aws:logs:us-east-1:123456789012:log-group:web-exec-logs", arn).JSON())
	get(t, m, tEndpoint, "web-vpce-kms")

	var doc piece.PolicyDocument
	if err := json.Unmarshal([]byte(in(get(t, m, tRolePolicy, "web-execution-policy"), "policy").(string)), &doc); err != nil {
		t.Fatal(err)
	}
	var decrypt []piece.Statement
	for _, s := range doc.Statement {
		if s.Sid == "DecryptSecrets" {
			decrypt = append(decrypt, s)
		}
	}
	if len(decrypt) != 1 || strings.Join(decrypt[0].Action, ",") != "kms:Decrypt" || strings.Join(decrypt[0].Resource, ",") != arn {
		t.Errorf("execution role's key grant = %+v, want kms:Decrypt on %s only", decrypt, arn)
	}
}

// Without ECS Exec or secrets under the key, the tasks never call KMS:
// no kms endpoint, no decrypt grant.
func TestKeyAloneAddsNoEndpointOrGrant(t *testing.T) {
	a := baseArgs()
	a.Kms = &KmsArgs{KeyArn: pulumi.String(tExecKey)}
	m, _ := mustRun(t, a)
	if r := m.Find(tEndpoint, "web-vpce-kms"); r != nil {
		t.Errorf("%s registered, but no task calls KMS", r.URN)
	}
	if p := in(get(t, m, tRolePolicy, "web-execution-policy"), "policy").(string); strings.Contains(p, "kms:") {
		t.Errorf("execution policy grants KMS with no secret under the key: %s", p)
	}
	expect(t, get(t, m, tLogGroup, "web-logs"), "kmsKeyId", tExecKey)
	if n := len(m.ByType(tKey)); n != 0 {
		t.Errorf("%d keys created for a given key", n)
	}
}

func TestKmsBadInput(t *testing.T) {
	for _, tt := range []struct {
		name string
		kms  *KmsArgs
		want string
	}{
		{"both", &KmsArgs{Create: true, KeyArn: pulumi.String(tExecKey)}, "Kms: both Create and KeyArn are set"},
		{"neither", &KmsArgs{Secrets: true}, "Kms: neither Create nor KeyArn is set"},
		{"alias", &KmsArgs{KeyArn: pulumi.String("alias/app")}, `Kms.KeyArn: "alias/app" is not a KMS key ARN`},
	} {
		a := baseArgs()
		a.Kms = tt.kms
		m, _, err := run(t, a)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
		if len(m.Resources()) != 0 {
			t.Errorf("%s: registered %d resources", tt.name, len(m.Resources()))
		}
	}
	pl := sharedPlatform()
	web := pl.services["web"]
	web.SecretsUseKey = true
	pl.services["web"] = web
	if _, err := pl.run(t); err == nil || !strings.Contains(err.Error(), "SecretsUseKey: no KmsKeyArn is given to decrypt the secrets with") {
		t.Errorf("SecretsUseKey without a key: err = %v", err)
	}
}
