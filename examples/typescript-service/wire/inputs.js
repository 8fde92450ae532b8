// Runs the compiled program (bin/index.js, `npx tsc` writes it) under the
// Node.js SDK's mocks and prints what the SDK sends the engine for the
// WebService: its inputs exactly as they go over gRPC, which the engine
// passes on to the provider's Construct. The monitor reports output
// values as the engine does (the SDK's mocks turn them off), so an Output
// input arrives as an output value with its dependencies, as it would in
// a deployment. The platform stack's output is the contract in
// provider/testdata/platform-contract.json.
//
//   node wire/inputs.js            prints the inputs
//   node wire/inputs.js --check F  fails unless F holds what it would print
//
// provider/testdata/typescript-service.json is its output;
// TestTypeScriptServiceBuildsOverTheWire sends it to Construct.
"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const mocks = require("@pulumi/pulumi/runtime/mocks");
const state = require("@pulumi/pulumi/runtime/state");

const project = "private-fargate-typescript-service";
const stack = "dev";
const contract = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../provider/testdata/platform-contract.json"), "utf8"));
const config = { [`${project}:platformStack`]: "acme/platform/dev" };

let captured;
const register = mocks.MockMonitor.prototype.registerResource;
mocks.MockMonitor.prototype.registerResource = function (req, callback) {
    if (req.getType() === "private-fargate:index:WebService") {
        const propertyDependencies = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        captured = {
            type: req.getType(),
            name: req.getName(),
            remote: req.getRemote(),
            inputs: req.getObject().toJavaScript(),
            propertyDependencies,
        };
    }
    return register.call(this, req, callback);
};

async function main() {
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            if (args.type === "pulumi:pulumi:StackReference") {
                // The engine reads the referenced stack's outputs, at preview too.
                return { id: args.inputs.name, state: { name: args.inputs.name, outputs: { platform: contract }, secretOutputNames: [] } };
            }
            return { id: `${args.name}_id`, state: {} };
        },
        call: () => ({}),
    }, project, stack, true /* preview */);
    state.getStore().supportsOutputValues = true; // as the engine reports it
    pulumi.runtime.setAllConfig(config);
    require(path.join(__dirname, "../bin/index.js"));
    for (let i = 0; i < 100 && captured === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (captured === undefined) {
        throw new Error("the program registered no private-fargate:index:WebService");
    }
    const out = JSON.stringify(captured, null, 2) + "\n";
    const check = process.argv.indexOf("--check");
    if (check < 0) {
        process.stdout.write(out);
        return;
    }
    const file = process.argv[check + 1];
    if (fs.readFileSync(file, "utf8") !== out) {
        throw new Error(`${file} is not what the program sends; run npx tsc && node wire/inputs.js > ${file} here and review the diff`);
    }
}

main().then(() => process.exit(0), (err) => {
    console.error(err.message || err);
    process.exit(1);
});
