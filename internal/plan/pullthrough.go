package plan

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

const (
	typePullThroughCacheRule = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"
	typeRolePolicy           = "aws:iam/rolePolicy:RolePolicy"
	typeCreationTemplate     = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"
)

// CacheRule is one ECR pull-through cache rule the stack creates.
type CacheRule struct {
	Resource string `json:"resource"`
	// Prefix is the ECR repository prefix cached repositories get.
	Prefix string `json:"prefix"`
	// Upstream is the registry URL ECR fetches from.
	Upstream string `json:"upstream"`
	// Credential is the Secrets Manager secret ECR signs in with; "" for
	// an upstream that takes none.
	Credential string `json:"credential,omitempty"`
	// Template is the repository creation template for the prefix, and
	// KeepImages how many images its lifecycle policy keeps; both absent
	// when the cached repositories take the registry's defaults.
	Template   string `json:"template,omitempty"`
	KeepImages int    `json:"keepImages,omitempty"`
	// Encryption and TagMutability are what the template gives the
	// cached repositories.
	Encryption    string `json:"encryption,omitempty"`
	TagMutability string `json:"tagMutability,omitempty"`
}

// CachedImage is a container image pulled through a cache rule.
type CachedImage struct {
	// Task is the task definition and Container its container.
	Task      string `json:"task"`
	Container string `json:"container"`
	// Image is the URI the task pulls: the cache path.
	Image string `json:"image"`
	// Upstream is where ECR fetches it from on the first pull.
	Upstream string `json:"upstream"`
	// FirstPull are the actions the task's execution role holds for the
	// first pull of this repository, beyond an ordinary pull.
	FirstPull []string `json:"firstPull"`
}

var privateEcrImage = regexp.MustCompile(`^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?/(.+)$`)

// cacheRules reads the pull-through cache rules.
func cacheRules(ix *index) []CacheRule {
	var out []CacheRule
	for _, r := range ix.byType[typePullThroughCacheRule] {
		out = append(out, CacheRule{
			Resource: r.Name, Prefix: str(r.Inputs, "ecrRepositoryPrefix"),
			Upstream: str(r.Inputs, "upstreamRegistryUrl"), Credential: str(r.Inputs, "credentialArn"),
		})
	}
	for i, r := range out {
		for _, tpl := range ix.byType[typeCreationTemplate] {
			if str(tpl.Inputs, "prefix") != r.Prefix {
				continue
			}
			var policy struct {
				Rules []struct {
					Selection struct {
						CountNumber int `json:"countNumber"`
					} `json:"selection"`
				} `json:"rules"`
			}
			out[i].Template = tpl.Name
			out[i].TagMutability = str(tpl.Inputs, "imageTagMutability")
			for _, e := range objects(tpl.Inputs, "encryptionConfigurations") {
				out[i].Encryption = str(e, "encryptionType")
			}
			if json.Unmarshal([]byte(str(tpl.Inputs, "lifecyclePolicy")), &policy) == nil && len(policy.Rules) > 0 {
				out[i].KeepImages = policy.Rules[0].Selection.CountNumber
			}
		}
	}
	slices.SortFunc(out, func(a, b CacheRule) int { return strings.Compare(a.Prefix, b.Prefix) })
	return out
}

// cachedImages reads the containers whose image is under a rule's prefix,
// and what their execution role may do on the first pull.
func cachedImages(ix *index, rules []CacheRule) []CachedImage {
	if len(rules) == 0 {
		return nil
	}
	var out []CachedImage
	for _, td := range ix.byType[typeTaskDefinition] {
		var defs []struct {
			Name  string `json:"name"`
			Image string `json:"image"`
		}
		if json.Unmarshal([]byte(str(td.Inputs, "containerDefinitions")), &defs) != nil {
			continue
		}
		for _, d := range defs {
			m := privateEcrImage.FindStringSubmatch(d.Image)
			if m == nil {
				continue
			}
			for _, r := range rules {
				if rest, ok := strings.CutPrefix(m[1], r.Prefix+"/"); ok {
					out = append(out, CachedImage{
						Task: td.Name, Container: d.Name, Image: d.Image,
						Upstream:  r.Upstream + "/" + rest,
						FirstPull: firstPullActions(ix, str(td.Inputs, "executionRoleArn"), d.Image),
					})
				}
			}
		}
	}
	return out
}

// firstPullActions are the actions beyond a pull that the role's inline
// policies grant on the image's repository.
func firstPullActions(ix *index, roleArn, image string) []string {
	role := ix.byArn[roleArn]
	if role == nil {
		return nil
	}
	_, repo, _ := strings.Cut(image, "/")
	if i := strings.IndexAny(repo, "@:"); i >= 0 {
		repo = repo[:i]
	}
	var actions []string
	for _, rp := range ix.byType[typeRolePolicy] {
		if str(rp.Inputs, "role") != role.ID && str(rp.Inputs, "role") != str(role.Outputs, "name") {
			continue
		}
		var doc struct {
			Statement []struct {
				Action   []string `json:"Action"`
				Resource []string `json:"Resource"`
			} `json:"Statement"`
		}
		if json.Unmarshal([]byte(str(rp.Inputs, "policy")), &doc) != nil {
			continue
		}
		for _, s := range doc.Statement {
			if !slices.ContainsFunc(s.Resource, func(r string) bool { return strings.HasSuffix(r, ":repository/"+repo) }) {
				continue
			}
			for _, a := range s.Action {
				if a == "ecr:BatchImportUpstreamImage" || a == "ecr:CreateRepository" {
					actions = append(actions, a)
				}
			}
		}
	}
	slices.Sort(actions)
	return slices.Compact(actions)
}

// writeCache lists the cache rules and the images pulled through them.
func (p *Plan) writeCache(b *strings.Builder) {
	fmt.Fprintf(b, "Pull-through cache (%s)\n", plural(len(p.CacheRules), "rule"))
	for _, r := range p.CacheRules {
		cred := "no credentials"
		if r.Credential != "" {
			cred = "credentials " + r.Credential
		}
		fmt.Fprintf(b, "  %s/ <- %s (%s), rule %s\n", r.Prefix, r.Upstream, cred, r.Resource)
		if r.Template != "" {
			fmt.Fprintf(b, "      cached repositories: keep the newest %d images, %s, %s tags (template %s)\n",
				r.KeepImages, orNone(r.Encryption), strings.ToLower(orNone(r.TagMutability)), r.Template)
		} else {
			b.WriteString("      cached repositories: the registry's defaults (no lifecycle policy)\n")
		}
	}
	for _, c := range p.CachedImages {
		fmt.Fprintf(b, "  container %s of task %s pulls %s\n", c.Container, c.Task, c.Image)
		fmt.Fprintf(b, "      first pull: ECR fetches %s; the execution role may %s\n", c.Upstream, orNone(strings.Join(c.FirstPull, ", ")))
	}
}
