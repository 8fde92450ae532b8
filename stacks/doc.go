// Package stacks turns one stack's configuration into PrivateFargateService
// arguments and runs the component. It is the program `pulumi up` runs.
//
// Load reads every config key once into a Config; Program builds the
// component from it and exports its outputs. LoadStackFiles reads
// Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI does, so tests
// and the offline plan can run the same program without the CLI.
package stacks
