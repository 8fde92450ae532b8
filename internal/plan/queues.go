package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// Queue is one SQS queue: one the stack creates, or one it uses without
// creating it (a worker's adopted queue).
type Queue struct {
	// Resource is the queue's resource name; empty for a queue the stack
	// does not create, which Arn then names.
	Resource string `json:"resource,omitempty"`
	Arn      string `json:"arn"`
	// DeadLetterQueue is where a message goes after MaxReceiveCount
	// receives (its redrive policy); empty without one.
	DeadLetterQueue string `json:"deadLetterQueue,omitempty"`
	MaxReceiveCount int    `json:"maxReceiveCount,omitempty"`
	// RetentionSeconds and VisibilityTimeoutSeconds are the queue's (0:
	// not set, SQS's defaults of 4 days and 30 seconds).
	RetentionSeconds         int `json:"retentionSeconds,omitempty"`
	VisibilityTimeoutSeconds int `json:"visibilityTimeoutSeconds,omitempty"`
	// Encryption is "SSE-SQS", "SSE-KMS <key>" or "none".
	Encryption string `json:"encryption,omitempty"`
	// DeadLetterFor are the queues and schedules that send to it.
	DeadLetterFor []string `json:"deadLetterFor,omitempty"`
	// Consumers are the services whose task role may receive from it.
	Consumers []string `json:"consumers"`
	// Topics are the SNS topics it is subscribed to: a topic's resource
	// name when the stack creates it, else its ARN.
	Topics []string `json:"topics,omitempty"`
	// Scaling is the backlog-per-task scaling of the service that reads
	// it, nil without one.
	Scaling *QueueScaling `json:"scaling,omitempty"`
}

// QueueScaling is a target-tracking policy that keeps a queue's backlog
// per task at Target.
type QueueScaling struct {
	Service string  `json:"service"`
	Policy  string  `json:"policy"`
	Target  float64 `json:"target"`
	Min     int     `json:"min"`
	Max     int     `json:"max"`
}

// Name is the queue's resource name, or its ARN.
func (q Queue) Name() string {
	if q.Resource != "" {
		return q.Resource
	}
	return q.Arn
}

// policyDoc is the part of an IAM policy document the plan reads.
type policyDoc struct {
	Statement []struct {
		Effect   string
		Action   stringList
		Resource stringList
	}
}

// stringList reads an IAM field that is a string or a list of strings.
type stringList []string

func (s *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

// queues reads every queue the stack creates, and those its task roles
// receive from, sorted by name.
func queues(ix *index, svcs []Service, scds []Schedule, scaling []ScalingTarget) []Queue {
	byArn := map[string]*Queue{}
	var order []string
	add := func(arn string, r *awsmock.Resource) *Queue {
		if q, ok := byArn[arn]; ok {
			return q
		}
		q := &Queue{Arn: arn}
		if r != nil {
			q.Resource = r.Name
		}
		byArn[arn] = q
		order = append(order, arn)
		return q
	}
	for _, r := range ix.byType[typeQueue] {
		q := add(str(r.Outputs, "arn"), r)
		if n, ok := num(r.Inputs, "messageRetentionSeconds"); ok {
			q.RetentionSeconds = int(n)
		}
		if n, ok := num(r.Inputs, "visibilityTimeoutSeconds"); ok {
			q.VisibilityTimeoutSeconds = int(n)
		}
		switch key := str(r.Inputs, "kmsMasterKeyId"); {
		case key != "":
			q.Encryption = "SSE-KMS " + keyName(ix, key)
		default:
			if on, ok := boolean(r.Inputs, "sqsManagedSseEnabled"); ok && on {
				q.Encryption = "SSE-SQS"
			} else {
				// SQS turns SSE-SQS on for a new queue by default.
				q.Encryption = "SSE-SQS (SQS's default)"
			}
		}
		var redrive struct {
			DeadLetterTargetArn string `json:"deadLetterTargetArn"`
			MaxReceiveCount     int    `json:"maxReceiveCount"`
		}
		if json.Unmarshal([]byte(str(r.Inputs, "redrivePolicy")), &redrive) == nil && redrive.DeadLetterTargetArn != "" {
			q.DeadLetterQueue, q.MaxReceiveCount = redrive.DeadLetterTargetArn, redrive.MaxReceiveCount
		}
	}
	// Consumers: a role policy that lets a role receive from the queue,
	// where a service's task definition gives its tasks that role.
	for _, p := range ix.byType[typeRolePolicy] {
		var doc policyDoc
		if json.Unmarshal([]byte(str(p.Inputs, "policy")), &doc) != nil {
			continue
		}
		role, ok := ix.byID[str(p.Inputs, "role")]
		if !ok {
			continue
		}
		users := roleUsers(ix, svcs, str(role.Outputs, "arn"))
		for _, st := range doc.Statement {
			if st.Effect != "Allow" || !slices.ContainsFunc(st.Action, func(a string) bool { return a == "sqs:ReceiveMessage" || a == "sqs:*" }) {
				continue
			}
			for _, arn := range st.Resource {
				if !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":sqs:") {
					continue
				}
				q := add(arn, ix.byArn[arn])
				for _, u := range users {
					q.Consumers = appendNew(q.Consumers, u)
				}
			}
		}
	}
	for _, r := range ix.byType[typeSubscription] {
		if str(r.Inputs, "protocol") != "sqs" {
			continue
		}
		if q, ok := byArn[str(r.Inputs, "endpoint")]; ok {
			topic := str(r.Inputs, "topic")
			if t, ok := ix.byArn[topic]; ok {
				topic = t.Name
			}
			q.Topics = appendNew(q.Topics, topic)
		}
	}
	for _, q := range byArn {
		if d, ok := byArn[q.DeadLetterQueue]; ok {
			d.DeadLetterFor = appendNew(d.DeadLetterFor, "queue "+q.Name())
			q.DeadLetterQueue = d.Name()
		}
	}
	for _, s := range scds {
		for _, q := range byArn {
			if s.DeadLetterQueue != "" && (s.DeadLetterQueue == q.Resource || s.DeadLetterQueue == q.Arn) {
				q.DeadLetterFor = appendNew(q.DeadLetterFor, "schedule "+s.Resource)
			}
		}
	}
	for _, st := range scaling {
		for _, pol := range st.Policies {
			if pol.QueueName == "" {
				continue
			}
			for _, q := range byArn {
				if q.Resource != "" && queueNameOf(ix, q) == pol.QueueName || arnTail(q.Arn) == pol.QueueName {
					q.Scaling = &QueueScaling{Service: st.Service, Policy: pol.Resource, Target: pol.TargetValue, Min: st.MinCapacity, Max: st.MaxCapacity}
				}
			}
		}
	}
	out := make([]Queue, 0, len(order))
	for _, arn := range order {
		q := byArn[arn]
		sort.Strings(q.Consumers)
		sort.Strings(q.Topics)
		sort.Strings(q.DeadLetterFor)
		nonNil(&q.Consumers)
		out = append(out, *q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// roleUsers are the services whose task definition gives their tasks the
// role with this ARN.
func roleUsers(ix *index, svcs []Service, roleArn string) []string {
	var out []string
	for _, s := range svcs {
		svc, ok := ix.byURN[s.URN]
		if !ok {
			continue
		}
		if td, ok := taskDefinitionOf(ix, svc); ok && str(td.Inputs, "taskRoleArn") == roleArn {
			out = append(out, s.Name)
		}
	}
	return out
}

// queueNameOf is a created queue's name: its name output, else the last
// part of its ARN.
func queueNameOf(ix *index, q *Queue) string {
	for _, r := range ix.byType[typeQueue] {
		if r.Name == q.Resource {
			if n := str(r.Outputs, "name"); n != "" {
				return n
			}
		}
	}
	return arnTail(q.Arn)
}

// arnTail is what an ARN ends with after its last colon.
func arnTail(arn string) string { return arn[strings.LastIndex(arn, ":")+1:] }

// keyName is a KMS key's resource name when the stack creates it, else
// the key as given.
func keyName(ix *index, key string) string {
	if r, ok := ix.byArn[key]; ok {
		return r.Name
	}
	return key
}

// writeQueues renders the queues section.
func (p *Plan) writeQueues(b *strings.Builder) {
	fmt.Fprintf(b, "Queues (%d, SQS)\n", len(p.Queues))
	for _, q := range p.Queues {
		fmt.Fprintf(b, "  %s", q.Name())
		if q.Resource == "" {
			b.WriteString(" (not created by this stack)")
		}
		b.WriteString("\n")
		var facts []string
		if q.RetentionSeconds > 0 {
			facts = append(facts, "kept "+fmtDuration(time.Duration(q.RetentionSeconds)*time.Second))
		}
		if q.VisibilityTimeoutSeconds > 0 {
			facts = append(facts, "visibility "+fmtDuration(time.Duration(q.VisibilityTimeoutSeconds)*time.Second))
		}
		if q.Encryption != "" {
			facts = append(facts, "encrypted "+q.Encryption)
		}
		if len(facts) > 0 {
			fmt.Fprintf(b, "    %s\n", strings.Join(facts, ", "))
		}
		if q.DeadLetterQueue != "" {
			fmt.Fprintf(b, "    dead letters to %s after %s\n", q.DeadLetterQueue, plural(q.MaxReceiveCount, "receive"))
		}
		if len(q.DeadLetterFor) > 0 {
			fmt.Fprintf(b, "    dead-letter queue of %s\n", strings.Join(q.DeadLetterFor, ", "))
		}
		consumers := "none in this stack"
		if len(q.Consumers) > 0 {
			consumers = strings.Join(q.Consumers, ", ")
		}
		fmt.Fprintf(b, "    consumed by: %s\n", consumers)
		if len(q.Topics) > 0 {
			fmt.Fprintf(b, "    subscribed to: %s\n", strings.Join(q.Topics, ", "))
		}
		if s := q.Scaling; s != nil {
			fmt.Fprintf(b, "    scales %s from %d to %d tasks to keep %s messages waiting per task (%s)\n", s.Service, s.Min, s.Max, fmtNum(s.Target), s.Policy)
		}
	}
}
