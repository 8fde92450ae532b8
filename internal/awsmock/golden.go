package awsmock

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// keyInputs are the inputs a golden list shows for each type: the ones
// that decide traffic, placement and capacity, so a reviewer sees them
// change in a diff.
var keyInputs = map[string][]string{
	"aws:ec2/vpc:Vpc":                 {"cidrBlock", "enableDnsHostnames", "enableDnsSupport"},
	"aws:ec2/subnet:Subnet":           {"cidrBlock", "availabilityZone", "mapPublicIpOnLaunch"},
	"aws:ec2/vpcEndpoint:VpcEndpoint": {"serviceName", "vpcEndpointType", "privateDnsEnabled", "subnetIds", "routeTableIds", "securityGroupIds"},
	"aws:ec2/route:Route":             {"routeTableId", "destinationCidrBlock", "gatewayId", "natGatewayId"},
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":                                  {"securityGroupId", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"},
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":                                    {"securityGroupId", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"},
	"aws:lb/loadBalancer:LoadBalancer":                                                           {"internal", "subnets", "securityGroups", "accessLogs"},
	"aws:lb/targetGroup:TargetGroup":                                                             {"port", "targetType"},
	"aws:lb/listener:Listener":                                                                   {"port", "protocol", "certificateArn", "defaultActions"},
	"aws:acm/certificate:Certificate":                                                            {"domainName", "subjectAlternativeNames", "validationMethod"},
	"aws:route53/record:Record":                                                                  {"zoneId", "name", "type"},
	"aws:s3/bucketV2:BucketV2":                                                                   {"forceDestroy"},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     {"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"},
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     {"rule"},
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": {"rules"},
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       {"rules"},
	"aws:lb/listenerRule:ListenerRule":                                                           {"listenerArn", "priority", "conditions"},
	"aws:ecs/service:Service":                                                                    {"capacityProviderStrategies", "launchType", "desiredCount", "networkConfiguration", "alarms"},
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders":                                  {"capacityProviders", "defaultCapacityProviderStrategies"},
	"aws:ecs/taskDefinition:TaskDefinition":                                                      {"cpu", "memory", "networkMode", "requiresCompatibilities"},
	"aws:autoscaling/group:Group":                                                                {"minSize", "maxSize", "vpcZoneIdentifiers"},
	"aws:appautoscaling/target:Target":                                                           {"resourceId", "scalableDimension", "minCapacity", "maxCapacity"},
	"aws:appautoscaling/policy:Policy":                                                           {"resourceId", "targetTrackingScalingPolicyConfiguration"},
	"aws:cloudwatch/metricAlarm:MetricAlarm":                                                     {"namespace", "metricName", "extendedStatistic", "statistic", "dimensions", "metricQueries", "threshold", "evaluationPeriods", "alarmActions"},
	"aws:sns/topic:Topic":                                                                        {"kmsMasterKeyId"},
	"aws:sns/topicSubscription:TopicSubscription":                                                {"protocol", "endpoint"},
}

// Golden renders every registered resource, one line each, sorted: type,
// name, parent (type and name) and the type's key inputs as compact JSON.
func Golden(m *Mocks) string {
	byURN := map[string]*Resource{}
	for _, r := range m.Resources() {
		byURN[r.URN] = r
	}
	var lines []string
	for _, r := range m.Resources() {
		parent := "-"
		if p, ok := byURN[r.Parent]; ok {
			parent = shortType(p.Type) + ":" + p.Name
		}
		line := fmt.Sprintf("%s %s parent=%s", r.Type, r.Name, parent)
		in := r.Inputs.Mappable()
		for _, k := range keyInputs[r.Type] {
			v, ok := in[k]
			if !ok || v == nil {
				continue
			}
			b, _ := json.Marshal(v)
			line += fmt.Sprintf(" %s=%s", k, b)
		}
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// shortType is the last part of a type token: "Network" for
// "private-fargate:index:Network".
func shortType(t string) string {
	return t[strings.LastIndex(t, ":")+1:]
}

// CheckGolden compares got with the golden file at path and fails t with
// a (-want +got) diff, line by line; with update it first rewrites the
// file. pkg is the package to name in the hint, such as "./stacks".
func CheckGolden(t testing.TB, path, got string, update bool, pkg string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (run go test %s -update to create it): %v", path, pkg, err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); diff != "" {
		t.Errorf("resources differ from %s (-want +got); if the change is meant, run go test %s -update and review the diff:\n%s", path, pkg, diff)
	}
}

// MustFind returns the one registered resource of that type and name, or
// fails t naming the ones that were registered.
func MustFind(t testing.TB, m *Mocks, typ, name string) *Resource {
	t.Helper()
	if r := m.Find(typ, name); r != nil {
		return r
	}
	var have []string
	for _, r := range m.ByType(typ) {
		have = append(have, r.Name)
	}
	t.Fatalf("no %s named %q; registered: %v", typ, name, have)
	return nil
}

// ExpectInput compares one input, by a dotted path ("healthCheck.path"),
// with want, both as JSON data, and fails t naming the URN.
func ExpectInput(t testing.TB, r *Resource, path string, want any) {
	t.Helper()
	var got any = r.Inputs.Mappable()
	for _, k := range strings.Split(path, ".") {
		m, _ := got.(map[string]any)
		got = m[k]
	}
	if g, w := AsJSON(got), AsJSON(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s: input %s = %v, want %v", r.URN, path, g, w)
	}
}

// AsJSON turns a value into plain JSON data (maps, slices, float64s), so
// values of different Go types compare equal when their JSON does.
func AsJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}
