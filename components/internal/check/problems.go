package check

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FieldError is one problem with one argument.
type FieldError struct {
	// Field is the argument's path, such as "Task.Cpu" or
	// "Service.CapacityProviderStrategy[1].Base".
	Field string
	// Problem says what is wrong and how to fix it.
	Problem string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Problem }

// ValidationError lists every problem found in the arguments. Nothing is
// created when the constructor returns one.
type ValidationError struct {
	// Piece is the component whose arguments these are, such as "Network".
	// Default: "PrivateFargateService".
	Piece    string
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("invalid %s arguments (%s):\n  %s",
		StrOr(e.Piece, "PrivateFargateService"), Count(len(lines), "problem"), strings.Join(lines, "\n  "))
}

// Count is n and the noun, plural unless n is 1: "1 problem", "3 problems".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// logRetentionValues are the retention periods CloudWatch Logs accepts.
var logRetentionValues = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

func IntOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func StrOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func PtrOr(v *int, def int) *int {
	if v == nil {
		return &def
	}
	c := *v
	return &c
}

// Problems collects FieldErrors in the order they are found.
type Problems []FieldError

func (p *Problems) Add(field, format string, v ...any) {
	*p = append(*p, FieldError{Field: field, Problem: fmt.Sprintf(format, v...)})
}

func (p *Problems) RangeInt(field string, v, lo, hi int) {
	if v < lo || v > hi {
		p.Add(field, "%d is out of range; use %d to %d", v, lo, hi)
	}
}

var (
	ComponentNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	GroupNamePattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,15}$`)
	ServiceNamePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	EnvNamePattern       = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	MatcherPattern       = regexp.MustCompile(`^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$`)
	ecrRepoArnPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository/.+$`)
	iamPolicyArn         = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/.+$`)
	kmsKeyArnPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)
	acmArnPattern        = regexp.MustCompile(`^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)/.+$`)
)

// CheckComponentName refuses a name AWS resource names cannot carry.
func CheckComponentName(p *Problems, name string) {
	if !ComponentNamePattern.MatchString(name) {
		p.Add("name", "%q cannot name the resources: ECR, ALB and target group names take lowercase letters, digits and hyphens; use a name such as \"web\" (at most 32 characters, starting with a letter)", name)
	}
}

// CheckTags refuses tag keys AWS reserves.
func CheckTags(p *Problems, field string, tags pulumi.StringMap) {
	for _, k := range SortedKeys(tags) {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			p.Add(field+"."+k, "tag keys starting with aws: are reserved by AWS; rename it")
		}
	}
}

// CheckRetention refuses a retention period CloudWatch Logs does not take.
func CheckRetention(p *Problems, field string, days int) {
	if !slices.Contains(logRetentionValues, days) {
		p.Add(field, "%d is not a CloudWatch retention period; use one of %s", days, joinInts(logRetentionValues))
	}
}

func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func Itoa(i int) string { return fmt.Sprint(i) }

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// Refusal returns nil for no problems, or the problems of one piece.
func Refusal(piece string, p Problems) error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Piece: piece, Problems: p}
}
