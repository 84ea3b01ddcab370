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
/** The report CSV → rows of cells; a quoted cell may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (isQuoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (ch === ',' && !isQuoted) {
      row.push(cell);
      cell = '';
    } else if ((ch === '\n' || ch === '\r') && !isQuoted) {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      if (row.some((c) => c.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  row.push(cell);
  if (row.some((c) => c.trim() !== '')) rows.push(row);
  return rows;
}

/** One run of electronegativity: its findings, or why its report could not be read. */
function scan(attempt) {
  const out = join(tmpdir(), `electronegativity-${process.pid}-${attempt}.csv`);
  const run = spawnSync(
    'npx',
    [
      '--yes',
      '-p',
      'node@20',
      '-p',
      '@doyensec/electronegativity@1.10.3',
      '-c',
      `electronegativity -i . -o "${out}" -r`,
    ],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (!existsSync(out)) return { notRun: `it could not run here (exit ${run.status})` };
  const text = readFileSync(out, 'utf8');
  rmSync(out);
  const findings = parseCsv(text)
    .filter((row, i) => !(i === 0 && row[0]?.trim() === 'issue'))
    .map(([issue, severity, , file, location]) => ({
      issue: issue?.trim(),
      severity: severity?.trim(),
      file,
      location,
    }));
  // Every finding names a check (CSP_GLOBAL_CHECK, …) and a severity; anything else is a report
  // this script did not read right, which is neither a pass nor a finding.
  const isReadable = findings.every((f) => /^[A-Z0-9_]+$/.test(f.issue ?? '') && /^[A-Z]+$/.test(f.severity ?? ''));
  return isReadable ? { findings } : { unreadable: text };
}

let result = scan(1);
// A report it could not read is read once more from a second run before it counts against CI.
if (result.unreadable !== undefined) result = scan(2);
if (result.notRun !== undefined) {
  console.log(`electronegativity NOT run: ${result.notRun}; the Electron code was not checked.`);
  process.exit(0);
}
if (result.unreadable !== undefined) {
  console.log('electronegativity FAILED: its report could not be read twice; it was:');
  console.log(result.unreadable);
  process.exit(1);
}
const { findings } = result;
const unreviewed = findings.filter((f) => !REVIEWED.some((r) => r.issue === f.issue && r.severity === f.severity));
console.log(
  `electronegativity: ${findings.length} finding(s), ${findings.length - unreviewed.length} reviewed, ${unreviewed.length} unreviewed`,
);
for (const f of unreviewed) console.log(`  ${f.issue} ${f.severity} ${f.file}:${f.location}`);
process.exit(unreviewed.length === 0 ? 0 : 1);
