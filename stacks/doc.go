// Package stacks turns one stack's configuration into component arguments
// and runs the component: it holds the programs `pulumi up` runs.
//
// Program is the one-service program: Load reads every config key once
// into a Config, and Program builds a PrivateFargateService from it and
// exports its outputs. PlatformProgram is the platform program a project
// of its own runs from a main.go of three lines: it reads the platform
// keys (PlatformKeys; PlatformProjectFile declares them in a Pulumi.yaml)
// into components.PlatformArgs, builds the platform and exports its
// contract. LoadStackFiles reads Pulumi.yaml and Pulumi.<stack>.yaml the
// way the Pulumi CLI does, so tests and the offline plan can run the same
// programs without the CLI.
package stacks
