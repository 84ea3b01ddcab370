import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'electron/cli/bin.mjs');
const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SIGN_INPUT = JSON.stringify({ method: 'GET', url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items', credentials: KEYS });
/** The baseline: a bare `node -e` that signs the same request with aws4 and prints it. */
const AWS4_SCRIPT = `const aws4 = require('aws4'); console.log(JSON.stringify(aws4.sign({ host: 'abc123.execute-api.us-east-1.amazonaws.com', path: '/prod/items', service: 'execute-api', region: 'us-east-1' }, ${JSON.stringify(KEYS)})));`;

/** Milliseconds from spawning `node ARGS` until it exits (stdin: `input`); rejects on a non-zero exit. */
function timeToExit(args: string[], input = ''): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(performance.now() - started) : fail(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
    // A child that exits without reading its stdin (node -e '0') makes this write fail with EPIPE:
    // not a failure of the run, whose exit code says how it went (unhandled, it crashed the bench).
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/**
 * Browser mode's baseline: a bare `node -e` that starts an HTTP server on a free loopback port and
 * prints its URL line, as `shomei web` does.
 */
const SERVER_SCRIPT = `require('node:http').createServer((req, res) => res.end()).listen(0, '127.0.0.1', function () { console.log('Shomei is at http://127.0.0.1:' + this.address().port + '/#token=x'); });`;

/** Milliseconds from spawning `node ARGS` until it prints a browser-mode URL line; then stops it. */
function timeToUrlLine(args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`node ${args.join(' ')} exited ${code} before printing its URL: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!/http:\/\/127\.0\.0\.1:\d+\/#token=/.test(line)) return;
      const ms = performance.now() - started;
      child.removeAllListeners('exit');
      child.once('exit', () => done(ms));
      child.kill('SIGTERM');
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const verdict = (holds: boolean) => (holds ? 'holds' : 'does NOT hold');

/**
 * Issue 11's figures: `shomei sign` from process start to exit against a bare `node -e` that signs
 * with aws4, and browser mode from spawn to its URL line against a bare `node -e` that starts an
 * HTTP server and prints its URL, measured in interleaved rounds (each candidate once per round) so
 * a busy machine slows them alike; medians.
 */
export async function benchCliStart(rounds = 21): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-web-'));
  const samples = { bare: [] as number[], aws4: [] as number[], sign: [] as number[], server: [] as number[], web: [] as number[] };
  try {
    // One round to warm the disk cache and V8's compile cache, not counted.
    for (let round = 0; round <= rounds; round += 1) {
      const bare = await timeToExit(['-e', '0']);
      const aws4 = await timeToExit(['-e', AWS4_SCRIPT]);
      const sign = await timeToExit([BIN, 'sign'], SIGN_INPUT);
      const server = await timeToUrlLine(['-e', SERVER_SCRIPT]);
      const web = await timeToUrlLine([BIN, 'web', '--port', '0', '--data-dir', dataDir]);
      if (round === 0) continue;
      samples.bare.push(bare);
      samples.aws4.push(aws4);
      samples.sign.push(sign);
      samples.server.push(server);
      samples.web.push(web);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const [bare, aws4, sign, server, web] = [samples.bare, samples.aws4, samples.sign, samples.server, samples.web].map(median) as [number, number, number, number, number];
  const how = spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT, env: { ...process.env, SHOMEI_CLI_SAY_HOW: '1' }, encoding: 'utf8' }).stderr.trim();
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
  return [
    `medians of ${rounds} interleaved rounds on Node ${process.version}; ${how || 'shomei did not say how it runs'}`,
    // How busy the machine was: on a loaded one every start is slower, the ratios less so.
    `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores; fastest rounds: shomei sign ${(Math.min(...samples.sign) / Math.min(...samples.aws4)).toFixed(2)}× aws4, shomei web ${Math.min(...samples.web).toFixed(0)} ms`,
    `node -e '0' (bare start)                      ${ms(bare)}`,
    `node -e signing with aws4 (baseline)          ${ms(aws4)}`,
    `shomei sign, start to exit                    ${ms(sign)} = ${(sign / aws4).toFixed(2)}× the aws4 baseline  (target ≤ 2×: ${verdict(sign <= 2 * aws4)})`,
    `node -e HTTP server to its URL line (baseline)${ms(server)}`,
    `shomei web, spawn to its URL line             ${ms(web)} = ${(web / server).toFixed(2)}× the server baseline  (target ≤ 400 ms: ${verdict(web <= 400)})`,
  ];
}
