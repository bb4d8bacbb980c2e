// Runs every *.test.mjs here, one file at a time (each starts its own hoyod
// and browser), with the Node.js test runner. Works on Debian 12's Node.js 18
// as on newer ones: Node 18 has neither `--test-concurrency` nor globs, so
// the files are run one by one here. Arguments narrow the run to files whose
// names contain one of them.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const major = Number(process.versions.node.split(".")[0]);
if (major < 18) {
  console.error(`the browser tests need Node.js 18 or later; this is ${process.version}`);
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".test.mjs"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error("no test file matched");
  process.exit(2);
}
const failed = [];
for (const f of files) {
  const r = spawnSync(process.execPath, ["--test", f], { cwd: here, stdio: "inherit" });
  if (r.status !== 0) failed.push(`${f} (${r.signal ?? `exit ${r.status}`})`);
}
if (failed.length) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`all ${files.length} browser test files passed`);
