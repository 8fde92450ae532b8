package plan

import (
	"strings"
	"testing"
)

func TestLoadShowsSecretsAsPlaceholders(t *testing.T) {
	dir := writeProject(t, "s", `secretsprovider: passphrase
encryptionsalt: v1:abc:def
config:
  aws:region: us-east-1
  private-fargate:appPath:
    secure: v1:AAAA:BBBB
`)
	p, err := Load(dir, "s")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Config["private-fargate:appPath"]; got != "[secret]" {
		t.Errorf("config private-fargate:appPath = %q, want [secret]", got)
	}
	if len(p.SecretKeys) != 1 || p.SecretKeys[0] != "private-fargate:appPath" {
		t.Errorf("secret keys %v, want [private-fargate:appPath]", p.SecretKeys)
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": p.Text(), "JSON": string(b), "Mermaid": p.Mermaid()} {
		if strings.Contains(out, "v1:AAAA:BBBB") {
			t.Errorf("the %s output shows the secret's ciphertext", name)
		}
	}
	if !strings.Contains(p.Text(), "private-fargate:appPath  [secret]") {
		t.Errorf("the text does not list private-fargate:appPath as [secret]:\n%s", p.Text())
	}
}

func TestLoadRefusesBadInputWithEveryProblem(t *testing.T) {
	tests := []struct {
		name, stack, body string
		wantErr           []string
	}{
		{"unknown stack", "staging", "", []string{`stack "staging": no file Pulumi.staging.yaml`}},
		{"config the component rejects", "bad", "config:\n  aws:region: us-east-1\n  private-fargate:azCount: 1\n  private-fargate:image: nginx\n",
			[]string{"invalid stack configuration (2 problems)", "private-fargate:azCount:", "private-fargate:image:"}},
		{"undeclared key", "bad", "config:\n  aws:region: us-east-1\n  private-fargate:desiredCuont: 2\n",
			[]string{"private-fargate:desiredCuont: Pulumi.bad.yaml sets a key that Pulumi.yaml does not declare"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeProject(t, "bad", tt.body)
			p, err := Load(dir, tt.stack)
			if err == nil {
				t.Fatalf("planned stack %s; want an error", tt.stack)
			}
			if p != nil {
				t.Errorf("Load returned a plan with its error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q:\n%v", want, err)
				}
			}
			if strings.Contains(err.Error(), "error occurred") {
				t.Errorf("error keeps the engine's wrapping:\n%v", err)
			}
		})
	}
}
