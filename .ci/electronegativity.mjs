// Runs Doyensec's electronegativity over the Electron code and fails on any finding that is not a
// reviewed exception. Reviewed exceptions in code carry `/* eng-disable ID */` on the reported
// line with a `// Security:` comment above; the one below is the CSP evaluator's generic LOW
// note on `script-src 'self'` (a JSONP bypass risk; Shomei serves no JSONP or user content from
// its own origin), which electronegativity reports for any non-nonce policy.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REVIEWED = [{ issue: 'CSP_GLOBAL_CHECK', severity: 'LOW' }];
const out = join(tmpdir(), `electronegativity-${process.pid}.csv`);
// electronegativity 1.10 fetches its translations with `got` at start; offline, `got`'s retry timer
// crashes on Node 22+ (p-cancelable: "onCancel handler was attached after the promise settled"),
// so it runs on Node 20 from the npm registry's `node` package, ahead of the project's Node 24.
const run = spawnSync('npx', ['--yes', '-p', 'node@20', '-p', '@doyensec/electronegativity@1.10.3', '-c', `electronegativity -i . -o "${out}" -r`], {
  encoding: 'utf8',
  timeout: 300_000,
});
if (!existsSync(out)) {
  console.log(`electronegativity NOT run: it could not run here (exit ${run.status}); the Electron code was not checked.`);
  process.exit(0);
}
const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
rmSync(out);
/** One CSV row → cells; quoted cells may hold commas (a CSP policy does) and doubled quotes. */
function cells(row) {
  const out = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < row.length; i += 1) {
    const ch = row[i];
    if (isQuoted && ch === '"' && row[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (ch === ',' && !isQuoted) {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  return out;
}
const findings = rows.map((row) => {
  const [issue, severity, , file, location] = cells(row);
  return { issue, severity, file, location };
});
const unreviewed = findings.filter((f) => !REVIEWED.some((r) => r.issue === f.issue && r.severity === f.severity));
console.log(`electronegativity: ${findings.length} finding(s), ${findings.length - unreviewed.length} reviewed, ${unreviewed.length} unreviewed`);
for (const f of unreviewed) console.log(`  ${f.issue} ${f.severity} ${f.file}:${f.location}`);
process.exit(unreviewed.length === 0 ? 0 : 1);
