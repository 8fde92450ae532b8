package plan

import "sort"

// TreeNode is one resource and what it parents.
type TreeNode struct {
	URN  string `json:"urn"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Counts are the direct children by type.
	Counts []TypeCount `json:"counts,omitempty"`
	// Descendants counts every resource below this one.
	Descendants int         `json:"descendants"`
	Children    []*TreeNode `json:"children,omitempty"`
}

// TypeCount is how many direct children of one type a node has.
type TypeCount struct {
	Type  string   `json:"type"`
	Count int      `json:"count"`
	Names []string `json:"names"`
}

// buildTree arranges the resources by parent. A resource whose parent was
// not registered (the stack itself is not) is a root.
func buildTree(ix *index) []*TreeNode {
	nodes := map[string]*TreeNode{}
	for _, r := range ix.all {
		nodes[r.URN] = &TreeNode{URN: r.URN, Name: r.Name, Type: r.Type}
	}
	var roots []*TreeNode
	for _, r := range ix.all {
		n := nodes[r.URN]
		if parent, ok := nodes[r.Parent]; ok && r.Parent != r.URN {
			parent.Children = append(parent.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	sortNodes(roots)
	for _, n := range roots {
		finish(n)
	}
	return roots
}

// finish sorts a node's children, counts them by type and counts its
// descendants.
func finish(n *TreeNode) int {
	sortNodes(n.Children)
	byType := map[string]*TypeCount{}
	for _, c := range n.Children {
		tc, ok := byType[c.Type]
		if !ok {
			tc = &TypeCount{Type: c.Type}
			byType[c.Type] = tc
		}
		tc.Count++
		tc.Names = append(tc.Names, c.Name)
		n.Descendants += 1 + finish(c)
	}
	for _, t := range sortedKeys(byType) {
		n.Counts = append(n.Counts, *byType[t])
	}
	return n.Descendants
}

func sortNodes(ns []*TreeNode) {
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Type != ns[j].Type {
			return ns[i].Type < ns[j].Type
		}
		return ns[i].Name < ns[j].Name
	})
}
