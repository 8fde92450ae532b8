package plan

// Resource types the WAF pricing reads.
const (
	typeWebAcl      = "aws:wafv2/webAcl:WebAcl"
	typeWebAclAssoc = "aws:wafv2/webAclAssociation:WebAclAssociation"
)

// wafFootprint is one web ACL: its rules and the load balancer it guards.
type wafFootprint struct {
	name  string
	rules int
	// alb is the name of the load balancer it is associated with; "" when
	// none of this stack's is.
	alb string
}

// readWafs finds the web ACLs and the load balancers they guard.
func readWafs(ix *index) []wafFootprint {
	var out []wafFootprint
	for _, acl := range ix.byType[typeWebAcl] {
		w := wafFootprint{name: acl.Name, rules: len(objects(acl.Inputs, "rules"))}
		arn := str(acl.Outputs, "arn")
		for _, a := range ix.byType[typeWebAclAssoc] {
			if str(a.Inputs, "webAclArn") != arn {
				continue
			}
			if lb, ok := ix.byArn[str(a.Inputs, "resourceArn")]; ok {
				w.alb = lb.Name
			}
		}
		out = append(out, w)
	}
	return out
}
