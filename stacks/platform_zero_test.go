package stacks

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A value the user set is checked as given, never swapped for a default:
// each platform key or field whose empty value (0, "" or []) is not one
// it takes refuses that value by its key path, with the values it takes,
// where the platform would otherwise read it as unset and use its
// default (an idle timeout of 0 becoming 60, allowedCidrs [] becoming
// 0.0.0.0/0).
func TestPlatformExplicitZeroIsRefused(t *testing.T) {
	const vpc = `"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0bb2222222222222b"]`
	tests := []struct {
		name, key, value string
		// path is the key path refused; zero its value as shown.
		path, zero string
	}{
		{"azCount", "azCount", "0", "azCount", "0"},
		{"vpcCidr", "vpcCidr", "", "vpcCidr", `""`},
		{"containerInsights", "containerInsights", "", "containerInsights", `""`},
		{"existingVpc.vpcId", "existingVpc", `{"vpcId": "", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0bb2222222222222b"]}`, "existingVpc.vpcId", `""`},
		{"existingVpc.publicSubnetIds", "existingVpc", `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": [], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0bb2222222222222b"]}`, "existingVpc.publicSubnetIds", "[]"},
		{"existingVpc.privateSubnetIds", "existingVpc", `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": []}`, "existingVpc.privateSubnetIds", "[]"},
		{"existingVpc.privateRouteTableIds", "existingVpc", `{` + vpc + `, "privateRouteTableIds": []}`, "existingVpc.privateRouteTableIds", "[]"},
		{"existingVpc.endpointSecurityGroupId", "existingVpc", `{` + vpc + `, "endpointSecurityGroupId": ""}`, "existingVpc.endpointSecurityGroupId", `""`},
		{"pullThroughCache.upstream", "pullThroughCache", `[{"upstream": ""}]`, "pullThroughCache[0].upstream", `""`},
		{"pullThroughCache.prefix", "pullThroughCache", `[{"upstream": "ecr-public", "prefix": ""}]`, "pullThroughCache[0].prefix", `""`},
		{"pullThroughCache.credentialArn", "pullThroughCache", `[{"upstream": "docker-hub", "credentialArn": ""}]`, "pullThroughCache[0].credentialArn", `""`},
		{"pullThroughCache.registryHost", "pullThroughCache", `[{"upstream": "ecr", "registryHost": ""}]`, "pullThroughCache[0].registryHost", `""`},
		{"pullThroughCache.customRoleArn", "pullThroughCache", `[{"upstream": "ecr-public", "customRoleArn": ""}]`, "pullThroughCache[0].customRoleArn", `""`},
		{"loadBalancers.name", "loadBalancers", `[{"name": ""}]`, "loadBalancers[0].name", `""`},
		{"loadBalancers.allowedCidrs", "loadBalancers", `[{"name": "main", "allowedCidrs": []}]`, "loadBalancers[0].allowedCidrs", "[]"},
		{"loadBalancers.certificateArn", "loadBalancers", `[{"name": "main", "certificateArn": ""}]`, "loadBalancers[0].certificateArn", `""`},
		{"loadBalancers.sslPolicy", "loadBalancers", `[{"name": "main", "sslPolicy": ""}]`, "loadBalancers[0].sslPolicy", `""`},
		{"loadBalancers.domainName", "loadBalancers", `[{"name": "main", "domainName": ""}]`, "loadBalancers[0].domainName", `""`},
		{"loadBalancers.hostedZoneName", "loadBalancers", `[{"name": "main", "hostedZoneName": ""}]`, "loadBalancers[0].hostedZoneName", `""`},
		{"loadBalancers.hostedZoneId", "loadBalancers", `[{"name": "main", "hostedZoneId": ""}]`, "loadBalancers[0].hostedZoneId", `""`},
		{"loadBalancers.idleTimeout", "loadBalancers", `[{"name": "main", "idleTimeout": 0}]`, "loadBalancers[0].idleTimeout", "0"},
		{"loadBalancers.accessLogs.bucket", "loadBalancers", `[{"name": "main", "accessLogs": {"enabled": true, "bucket": ""}}]`, "loadBalancers[0].accessLogs.bucket", `""`},
		{"loadBalancers.accessLogs.prefix", "loadBalancers", `[{"name": "main", "accessLogs": {"enabled": true, "prefix": ""}}]`, "loadBalancers[0].accessLogs.prefix", `""`},
		{"loadBalancers.accessLogs.expirationDays", "loadBalancers", `[{"name": "main", "accessLogs": {"enabled": true, "expirationDays": 0}}]`, "loadBalancers[0].accessLogs.expirationDays", "0"},
		{"loadBalancers.targetPorts.from", "loadBalancers", `[{"name": "main", "targetPorts": {"from": 0, "to": 9000}}]`, "loadBalancers[0].targetPorts.from", "0"},
		{"loadBalancers.targetPorts.to", "loadBalancers", `[{"name": "main", "targetPorts": {"from": 8000, "to": 0}}]`, "loadBalancers[0].targetPorts.to", "0"},
		{"teams.name", "teams", `[{"name": ""}]`, "teams[0].name", `""`},
		{"teams.loadBalancer", "teams", `[{"name": "a", "loadBalancer": ""}]`, "teams[0].loadBalancer", `""`},
		{"teams.maxServices", "teams", `[{"name": "a", "maxServices": 0}]`, "teams[0].maxServices", "0"},
		{"teams.priorities.from", "teams", `[{"name": "a", "priorities": {"from": 0, "to": 5000}}]`, "teams[0].priorities.from", "0"},
		{"teams.priorities.to", "teams", `[{"name": "a", "priorities": {"from": 1, "to": 0}}]`, "teams[0].priorities.to", "0"},
		{"exec.logRetentionDays", "exec", `{"logRetentionDays": 0}`, "exec.logRetentionDays", "0"},
		{"serviceConnect.namespace", "serviceConnect", `{"namespace": ""}`, "serviceConnect.namespace", `""`},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			cfg := map[string]string{"aws:region": "us-east-1", platformProject + ":" + tt.key: tt.value}
			_, err := readPlatform(platformProject, "us-east-1", func(key string) (string, bool) {
				v, ok := cfg[key]
				return v, ok
			}, sortedKeys(cfg))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("%s: %s was read without a configuration error (%v); want it refused", tt.path, tt.zero, err)
			}
			f := zeroField(t, tt.name)
			want := fmt.Sprintf("%s:%s: %s is not a value it takes; use %s, or leave the field out for its default", platformProject, tt.path, tt.zero, f.Valid)
			found := false
			for _, p := range ce.Problems {
				if p == want {
					found = true
				} else if strings.HasPrefix(p, platformProject+":"+tt.path+":") {
					t.Errorf("%s is reported twice; the platform's own problem %q follows the reader's", tt.path, p)
				}
			}
			if !found {
				t.Errorf("problems of %s = %s: %s\nwant %q", tt.path, tt.zero, strings.Join(ce.Problems, "\n"), want)
			}
		})
	}
	// Every key and field with a Valid is in the table.
	var walk func(prefix string, fields []platformField)
	walk = func(prefix string, fields []platformField) {
		for _, f := range fields {
			if f.Valid != "" && !tested[prefix+f.Name] {
				t.Errorf("%s refuses its empty value but has no case here", prefix+f.Name)
			}
			walk(prefix+f.Name+".", f.Fields)
		}
	}
	walk("", platformKeys)
}

// zeroField is the key or field of platformKeys at a dotted path.
func zeroField(t *testing.T, path string) platformField {
	t.Helper()
	fields := platformKeys
	var f platformField
	for _, name := range strings.Split(path, ".") {
		i := fieldIndex(fields, name)
		if i < 0 {
			t.Fatalf("no field %s in the platform keys", path)
		}
		f, fields = fields[i], fields[i].Fields
	}
	return f
}

func fieldIndex(fields []platformField, name string) int {
	for i, f := range fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// The keys whose empty value is refused are declared in Pulumi.yaml with
// the platform's default, which the program reads as unset, so that a
// stack leaving them out is not refused: azCount 2 with an adopted VPC
// is not taken for an azCount the stack set.
func TestPlatformDeclaredDefaultOfARefusedZeroIsUnset(t *testing.T) {
	for _, f := range platformKeys {
		if f.Valid == "" {
			continue
		}
		if f.Declared == nil {
			t.Errorf("%s refuses its empty value but declares it in Pulumi.yaml; declare the platform's default", f.Name)
			continue
		}
		if !f.unset(fmt.Sprint(f.declaredDefault())) {
			t.Errorf("%s: its declared default %v is not read as unset", f.Name, f.declaredDefault())
		}
	}
	cfg := map[string]string{
		"aws:region":                     "us-east-1",
		platformProject + ":azCount":     "2",
		platformProject + ":vpcCidr":     "10.0.0.0/16",
		platformProject + ":existingVpc": `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0bb2222222222222b"]}`,
	}
	if _, err := readPlatform(platformProject, "us-east-1", func(key string) (string, bool) {
		v, ok := cfg[key]
		return v, ok
	}, sortedKeys(cfg)); err != nil {
		t.Errorf("an adopted VPC with azCount and vpcCidr at their declared defaults is refused: %v", err)
	}
}
