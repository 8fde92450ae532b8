package plan

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"

	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// Import paths a generated project's main.go names.
var (
	pulumiImport = "github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	stacksImport = reflect.TypeFor[stacks.StackFiles]().PkgPath()
)

// EntryPoints lists the functions of package stacks a project's main.go
// may hand pulumi.Run for the plan to run it, such as
// stacks.PlatformProgram, sorted.
func EntryPoints() []string {
	names := make([]string, 0, len(entryPoints))
	for name := range entryPoints {
		names = append(names, "stacks."+name)
	}
	sort.Strings(names)
	return names
}

// entryPoint reads dir/main.go and returns the name of the function of
// package stacks it hands pulumi.Run ("PlatformProgram" for
// pulumi.Run(stacks.PlatformProgram)), whatever names the file imports
// the two packages under. It returns "" when there is no main.go, or
// when it hands pulumi.Run something else (another package's program, a
// function literal); an error when main.go cannot be read or parsed.
func entryPoint(dir string) (string, error) {
	path := filepath.Join(dir, "main.go")
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("its main.go cannot be read (%v)", err)
	}
	names := map[string]string{}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || (p != pulumiImport && p != stacksImport) {
			continue
		}
		name := filepath.Base(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		names[p] = name
	}
	if names[pulumiImport] == "" || names[stacksImport] == "" {
		return "", nil
	}
	found := ""
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != "" || len(call.Args) == 0 || !isSelector(call.Fun, names[pulumiImport], "Run") {
			return found == ""
		}
		if arg, ok := call.Args[0].(*ast.SelectorExpr); ok && isSelector(arg, names[stacksImport], arg.Sel.Name) {
			found = arg.Sel.Name
		}
		return false
	})
	return found, nil
}

// isSelector tells whether e is pkg.name, pkg being an imported
// package's local name.
func isSelector(e ast.Expr, pkg, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}
