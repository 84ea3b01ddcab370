#!/usr/bin/env node
// The `shomei` command. Runs the compiled CLI in dist-cli/ (electron/cli/build-cli.mjs, which
// npm install, npm start, npm test and npm run bench run) while no source file it was built from
// has changed; otherwise, or when there is none, the TypeScript itself through tsx, so a checkout
// works without a build and an edited source is never shadowed by an old build.
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
// V8 keeps the compiled code of the CLI on disk, so later starts skip compiling it again.
module.enableCompileCache?.();

/** The compiled entry point when dist-cli/ is there and up to date, else undefined. */
function compiledEntry() {
  try {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'dist-cli/inputs.json'), 'utf8'));
    // Within a millisecond: a time set again (touch -d, utimes) keeps no more than that. An edit
    // during the build leaves no manifest (build-cli.mjs), so a later time here is a later edit.
    for (const [file, mtimeMs] of Object.entries(manifest.inputs)) {
      const current = statSync(resolve(ROOT, file), { throwIfNoEntry: false })?.mtimeMs;
      if (current === undefined || Math.abs(current - mtimeMs) >= 1) return undefined;
    }
    return resolve(ROOT, 'dist-cli', manifest.main);
  } catch {
    return undefined;
  }
}

// SHOMEI_CLI_FROM_SOURCE=1 runs the TypeScript even when a build is fresh; SHOMEI_CLI_SAY_HOW=1
// says on stderr which of the two ran (the start-up benchmark reports it).
const compiled = process.env.SHOMEI_CLI_FROM_SOURCE === '1' ? undefined : compiledEntry();
if (process.env.SHOMEI_CLI_SAY_HOW === '1') process.stderr.write(`shomei runs ${compiled ? 'compiled JavaScript from dist-cli/' : 'TypeScript through tsx'}\n`);
let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
