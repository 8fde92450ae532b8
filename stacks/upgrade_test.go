package stacks

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// The files in testdata/upgrade are the dev and prod stacks as released
// before the components were split into pieces (commit 0b1aefb): every
// resource's URN, type and inputs. A deployed stack must upgrade without a
// delete or a replacement, so every released URN must still be registered,
// under its own URN or an alias, and with the same inputs. Tags may change
// (an in-place update); nothing else may.
//
// Regenerate only for a release that is meant to change them:
// go test ./stacks -run TestUpgrade -update-upgrade.

// snapshotResource is one resource as a stack's state would hold it.
type snapshotResource struct {
	Type   string         `json:"type"`
	Inputs map[string]any `json:"inputs"`
}

// inPlaceInputs are inputs whose change AWS applies as an update, not a
// replacement, by resource type ("*" for every type). Add an input only
// with the API call that updates it in place, and only when the provider
// does not mark it "forces new resource".
//
// Prod's autoscaling and alarms (checked in the provider's source,
// terraform-provider-aws, which pulumi-aws builds on): the service's
// alarms block has no ForceNew in aws_ecs_service's schema, and its
// update sends a changed block as UpdateService's
// deploymentConfiguration.alarms; aws_autoscaling_group's max_size has no
// ForceNew either, and its update sends a changed one as
// UpdateAutoScalingGroup's MaxSize. The scalable target, its policies,
// the alarms and their topic are new resources, so nothing is replaced.
var inPlaceInputs = map[string]map[string]string{
	"*": {
		"tags":    "TagResource and UntagResource on every taggable type",
		"tagsAll": "TagResource and UntagResource on every taggable type",
	},
	// dev turns ECS Exec on: the cluster's execute-command configuration
	// and the service's flag are both updated in place; prod's service
	// gains its deployment alarms, also in place.
	"aws:ecs/cluster:Cluster": {"configuration": "UpdateCluster"},
	"aws:ecs/service:Service": {
		"enableExecuteCommand": "UpdateService (the change reaches tasks started after it)",
		"alarms":               "UpdateService with deploymentConfiguration.alarms",
	},
	// prod turns its repository's tags IMMUTABLE.
	"aws:ecr/repository:Repository": {"imageTagMutability": "PutImageTagMutability"},
	// Access logs are load balancer attributes; terraform-provider-aws
	// (internal/service/elbv2/load_balancer.go, which pulumi-aws bridges)
	// has no ForceNew on access_logs and updates it with
	// ModifyLoadBalancerAttributes.
	"aws:lb/loadBalancer:LoadBalancer": {
		"accessLogs": "ModifyLoadBalancerAttributes (access_logs.s3.enabled, .bucket, .prefix)",
	},
	// The HTTP listener's default action turns from forward into a
	// redirect to 443; default_action has no ForceNew in
	// terraform-provider-aws (internal/service/elbv2/listener.go), which
	// updates it with ModifyListener.
	"aws:lb/listener:Listener": {
		"defaultActions": "ModifyListener (DefaultActions)",
	},
	// prod's EC2 group grows to hold a deployment at its scaled maximum.
	"aws:autoscaling/group:Group": {"maxSize": "UpdateAutoScalingGroup with MaxSize"},
	// prod puts its data at rest under its own key (kmsKey: create; the
	// key is a new resource). terraform-provider-aws has no ForceNew on
	// aws_cloudwatch_log_group's kms_key_id (internal/service/logs/group.go)
	// and updates it with AssociateKmsKey (DisassociateKmsKey to remove
	// it); this covers the service's log group and the flow-log group.
	// aws_sns_topic's kms_master_key_id has no ForceNew either
	// (internal/service/sns/topic.go): SetTopicAttributes with
	// KmsMasterKeyId. The repository keeps AES256 (repositoryKmsKey:
	// false): ECR has no call that changes a repository's encryption, so
	// encryption_configuration is ForceNew and would replace it.
	"aws:cloudwatch/logGroup:LogGroup": {"kmsKeyId": "AssociateKmsKey (DisassociateKmsKey to remove)"},
	"aws:sns/topic:Topic":              {"kmsMasterKeyId": "SetTopicAttributes with KmsMasterKeyId"},
}

// inPlace tells whether a change to input of a resource of type typ is an
// update in place.
func inPlace(typ, input string) bool {
	_, all := inPlaceInputs["*"][input]
	_, own := inPlaceInputs[typ][input]
	return all || own
}

func snapshot(m *awsmock.Mocks) map[string]snapshotResource {
	out := map[string]snapshotResource{}
	for _, r := range m.Resources() {
		in, _ := normalize(r.Inputs.Mappable()).(map[string]any)
		out[r.URN] = snapshotResource{Type: r.Type, Inputs: in}
	}
	return out
}

var updateUpgrade = flag.Bool("update-upgrade", false, "rewrite testdata/upgrade from the stacks as they are now")

func TestUpgradeKeepsEveryReleasedResource(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			path := filepath.Join("testdata", "upgrade", stack+".json")
			if *updateUpgrade {
				b, err := json.MarshalIndent(snapshot(mustRunStack(t, stack)), "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			var released map[string]snapshotResource
			if err := json.Unmarshal(raw, &released); err != nil {
				t.Fatalf("parse %s: %v", path, err)
			}
			m := mustRunStack(t, stack)

			// Each released URN must be claimed by exactly one resource
			// now, by its URN or by an alias.
			claimed := map[string][]*awsmock.Resource{}
			for _, r := range m.Resources() {
				claimed[r.URN] = append(claimed[r.URN], r)
				for _, a := range r.Aliases {
					if a != r.URN {
						claimed[a] = append(claimed[a], r)
					}
				}
			}
			urns := make([]string, 0, len(released))
			for urn := range released {
				urns = append(urns, urn)
			}
			sort.Strings(urns)
			for _, urn := range urns {
				old := released[urn]
				now := claimed[urn]
				switch {
				case len(now) == 0:
					t.Errorf("%s: released resource is gone; the upgrade would delete it (add pulumi.Aliases where it moved)", urn)
					continue
				case len(now) > 1:
					t.Errorf("%s: claimed by %d resources; an alias must name one", urn, len(now))
					continue
				}
				r := now[0]
				if r.Type != old.Type {
					t.Errorf("%s: type %s became %s; the upgrade would replace it", urn, old.Type, r.Type)
				}
				got, _ := normalize(r.Inputs.Mappable()).(map[string]any)
				if diff := cmp.Diff(withoutInPlace(r.Type, old.Inputs), withoutInPlace(r.Type, got)); diff != "" {
					t.Errorf("%s (now %s): inputs changed (-released +now); an update or a replacement would follow:\n%s", urn, r.URN, diff)
				}
			}
		})
	}
}

func withoutInPlace(typ string, in map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		if !inPlace(typ, k) {
			out[k] = v
		}
	}
	return out
}
