// Prints, after the suites ran, the name of every failed test (vitest and Playwright) and every
// failed step, so the tail of the CI log says what failed even when the suite's own output scrolled away.
const fs = require("node:fs");
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, "utf8"));
  } catch {
    return null;
  }
};
const lines = [];
const v = read("test-reports/vitest.json");
for (const file of v?.testResults ?? []) {
  const name = file.name.replace(`${process.cwd()}/`, "");
  const failed = file.assertionResults.filter((a) => a.status === "failed");
  for (const a of failed) lines.push(`vitest  ${name} › ${a.fullName}\n        ${(a.failureMessages[0] ?? "").split("\n")[0]}`);
  if (file.status === "failed" && failed.length === 0) lines.push(`vitest  ${name} (suite): ${(file.message ?? "").split("\n")[0]}`);
}
const p = read("test-results/playwright.json");
const walk = (suite, file) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status === "unexpected" || t.status === "flaky") {
        const err = t.results.find((r) => r.error)?.error?.message ?? "";
        lines.push(`e2e${t.status === "flaky" ? " (flaky)" : ""}  ${file}:${spec.line} › ${spec.title}\n        ${err.split("\n")[0]}`);
      }
    }
  }
  for (const s of suite.suites ?? []) walk(s, file);
};
for (const s of p?.suites ?? []) walk(s, s.file);
for (const step of process.argv.slice(2)) lines.push(`step    ${step}`);
if (lines.length) console.log(`== what failed\n${lines.join("\n")}`);
