package plan

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPlanShowsCacheRulesAndTheRewrittenImage: a stack with a cache rule
// shows the rule, the image its task pulls from the cache path, where ECR
// fetches it on the first pull, and the first-pull actions the execution
// role holds (ecr:BatchImportUpstreamImage and ecr:CreateRepository; ECR
// user guide, "IAM permissions required to sync an upstream registry with
// an Amazon ECR private registry").
func TestPlanShowsCacheRulesAndTheRewrittenImage(t *testing.T) {
	dir := writeProject(t, "cached", `config:
  aws:region: us-east-1
  private-fargate:image: public.ecr.aws/nginx/nginx:1.27
  private-fargate:pullThroughCache: [{upstream: ecr-public, keepImages: 5}]
`)
	p, err := Load(dir, "cached")
	if err != nil {
		t.Fatalf("plan stack cached: %v", err)
	}
	wantRules := []CacheRule{{Resource: "web-cache-ecr-public", Prefix: "ecr-public", Upstream: "public.ecr.aws", Template: "web-cache-ecr-public-template", KeepImages: 5, Encryption: "AES256", TagMutability: "MUTABLE"}}
	if d := cmp.Diff(wantRules, p.CacheRules); d != "" {
		t.Errorf("cache rules (-want +got):\n%s", d)
	}
	wantImages := []CachedImage{{
		Task: "web-task", Container: "app",
		Image:     "123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public/nginx/nginx:1.27",
		Upstream:  "public.ecr.aws/nginx/nginx:1.27",
		FirstPull: []string{"ecr:BatchImportUpstreamImage", "ecr:CreateRepository"},
	}}
	if d := cmp.Diff(wantImages, p.CachedImages); d != "" {
		t.Errorf("cached images (-want +got):\n%s", d)
	}
	// ECR private storage, which holds the cached copies, $0.10 per
	// GB-month in us-east-1 (prices.json names the source).
	var storage *Rate
	for i, r := range p.Cost.TrafficRates {
		if r.Item == "ECR storage of pull-through cached images" {
			storage = &p.Cost.TrafficRates[i]
		}
	}
	if storage == nil || storage.Rate != 0.10 || storage.Unit != "GB-month" {
		t.Errorf("cache storage rate %+v, want 0.10 per GB-month", storage)
	}
	text := p.Text()
	for _, want := range []string{
		"Pull-through cache (1 rule)",
		"ecr-public/ <- public.ecr.aws (no credentials), rule web-cache-ecr-public",
		"cached repositories: keep the newest 5 images, AES256, mutable tags (template web-cache-ecr-public-template)",
		"first pull: ECR fetches public.ecr.aws/nginx/nginx:1.27; the execution role may ecr:BatchImportUpstreamImage, ecr:CreateRepository",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q", want)
		}
	}
}
