// Package copilot converts an AWS Copilot workspace into this project's
// stacks: a platform project with a stack per Copilot environment, and a
// service project per Copilot service with a stack per environment that
// attaches to the platform. Tasks stay in private subnets with no NAT
// gateway; the VPC endpoints the services need replace Copilot's NAT
// gateways.
//
// Read parses the workspace (copilot/.workspace, the environment and
// service manifests) with every field's file and line, and refuses bad
// input with every problem at once. Convert maps each manifest field to a
// stack key, or lists it as not converted with the reason and what to do
// instead (Fields is the whole table, by manifest type); runs each
// generated service config through the service program's config reader
// (Options.Check) and, with Options.Plan, plans every generated stack
// offline as cmd/plan does, taking out what the components refuse; and
// renders the files: go.mod, the projects, their stack files and
// MIGRATION.md. ReadAndConvert does both, reporting the problems of both
// at once. Write puts the files on disk.
package copilot
