package plan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Resource types the logs section reads.
const (
	typeLogGroup = "aws:cloudwatch/logGroup:LogGroup"
	typeFlowLog  = "aws:ec2/flowLog:FlowLog"
	typeCluster  = "aws:ecs/cluster:Cluster"
	// typeWebAclLogging is a web ACL's logging configuration.
	typeWebAclLogging = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
)

// LogGroup is one CloudWatch log group and what writes to it, as the
// registrations say: a task definition's awslogs group, a cluster's
// execute-command logging, a VPC flow log's destination.
type LogGroup struct {
	Name          string   `json:"name"`
	RetentionDays int      `json:"retentionDays"`
	Encrypted     bool     `json:"encryptedWithCustomerKey"`
	Writers       []string `json:"writers"`
}

// logGroups reads every log group and who writes to it.
func logGroups(ix *index) []LogGroup {
	writers := map[string][]string{}
	for _, td := range ix.byType[typeTaskDefinition] {
		var defs []struct {
			Name string `json:"name"`
			Log  struct {
				Options map[string]string `json:"options"`
			} `json:"logConfiguration"`
		}
		if json.Unmarshal([]byte(str(td.Inputs, "containerDefinitions")), &defs) != nil {
			continue
		}
		for _, d := range defs {
			if g := d.Log.Options["awslogs-group"]; g != "" {
				writers[g] = append(writers[g], fmt.Sprintf("container %s of task %s", d.Name, td.Name))
			}
		}
	}
	for _, c := range ix.byType[typeCluster] {
		exec := object(object(c.Inputs, "configuration"), "executeCommandConfiguration")
		if g := str(object(exec, "logConfiguration"), "cloudWatchLogGroupName"); g != "" {
			writers[g] = append(writers[g], "ECS Exec sessions on cluster "+c.Name)
		}
	}
	for _, fl := range ix.byType[typeFlowLog] {
		if dest := str(fl.Inputs, "logDestination"); strings.Contains(dest, ":log-group:") {
			g := dest[strings.Index(dest, ":log-group:")+len(":log-group:"):]
			writers[g] = append(writers[g], fmt.Sprintf("VPC flow log %s (%s traffic)", fl.Name, str(fl.Inputs, "trafficType")))
		}
	}
	for _, wl := range ix.byType[typeWebAclLogging] {
		acl := str(wl.Inputs, "resourceArn")
		if r, ok := ix.byArn[acl]; ok {
			acl = r.Name
		}
		for _, dest := range strs(wl.Inputs, "logDestinationConfigs") {
			if i := strings.Index(dest, ":log-group:"); i >= 0 {
				g := strings.TrimSuffix(dest[i+len(":log-group:"):], ":*")
				writers[g] = append(writers[g], "AWS WAF web ACL "+acl)
			}
		}
	}
	var out []LogGroup
	for _, lg := range ix.byType[typeLogGroup] {
		name := str(lg.Outputs, "name")
		if name == "" {
			name = lg.Name
		}
		days, _ := num(lg.Inputs, "retentionInDays")
		w := writers[name]
		sort.Strings(w)
		out = append(out, LogGroup{Name: name, RetentionDays: int(days), Encrypted: str(lg.Inputs, "kmsKeyId") != "", Writers: w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	for i := range out {
		nonNil(&out[i].Writers)
	}
	return out
}

// ExecService is an ECS service that takes ECS Exec sessions, with the
// names the execute-command call needs.
type ExecService struct {
	Service   string `json:"service"`
	Cluster   string `json:"cluster"`
	Container string `json:"container"`
}

// Command is the AWS CLI call that opens a shell in one of its tasks.
func (e ExecService) Command() string {
	return fmt.Sprintf("aws ecs execute-command --cluster %s --task <task id> --container %s --interactive --command /bin/sh", e.Cluster, e.Container)
}

// execServices are the ECS services that take ECS Exec sessions.
func execServices(ix *index) []ExecService {
	var out []ExecService
	for _, s := range ix.byType[typeEcsService] {
		if on, _ := boolean(s.Inputs, "enableExecuteCommand"); !on {
			continue
		}
		e := ExecService{Service: s.Name, Cluster: "<cluster>", Container: "<container>"}
		if c, ok := ix.byArn[str(s.Inputs, "cluster")]; ok {
			e.Cluster = str(c.Outputs, "name")
		}
		if lbs := objects(s.Inputs, "loadBalancers"); len(lbs) > 0 {
			e.Container = str(lbs[0], "containerName")
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Service < out[j].Service })
	return out
}

// writeLogs renders the log groups and ECS Exec.
func (p *Plan) writeLogs(b *strings.Builder) {
	fmt.Fprintf(b, "Logs (%d log groups)\n", len(p.LogGroups))
	for _, lg := range p.LogGroups {
		enc := ""
		if lg.Encrypted {
			enc = ", customer key"
		}
		writers := "nothing registered writes to it"
		if len(lg.Writers) > 0 {
			writers = strings.Join(lg.Writers, "; ")
		}
		fmt.Fprintf(b, "  %s  kept %d days%s  <- %s\n", lg.Name, lg.RetentionDays, enc, writers)
	}
	if len(p.ExecServices) == 0 {
		b.WriteString("ECS Exec: off\n")
		return
	}
	b.WriteString("ECS Exec: on\n")
	for _, e := range p.ExecServices {
		fmt.Fprintf(b, "  %s: %s\n", e.Service, e.Command())
	}
}
