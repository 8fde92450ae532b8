package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// The plugin `pulumi package add` builds from this directory serves the
// golden schema. The tests above run the package's code in the test
// binary, where infer names the wire types' module after the Go package
// path; the built plugin is package main. Both must serve one schema.
func TestBuiltPluginServesTheGoldenSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin")
	}
	bin := filepath.Join(t.TempDir(), "pulumi-resource-"+Name)
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	plugin := exec.CommandContext(ctx, bin)
	stdout, err := plugin.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	plugin.Stderr = os.Stderr
	if err := plugin.Start(); err != nil {
		t.Fatalf("start the plugin: %v", err)
	}
	defer func() { _ = plugin.Process.Kill(); _ = plugin.Wait() }()

	// A plugin prints the port it serves on, then serves.
	port, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("read the plugin's port: %v", err)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	resp, err := pulumirpc.NewResourceProviderClient(conn).GetSchema(ctx, &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	var got bytes.Buffer
	if err := json.Indent(&got, []byte(resp.GetSchema()), "", "  "); err != nil {
		t.Fatal(err)
	}
	got.WriteByte('\n')
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffLines(string(want), got.String()); d != "" {
		t.Errorf("the built plugin's schema differs from %s (-golden +plugin):\n%s", schemaFile, d)
	}
}
