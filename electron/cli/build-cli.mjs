// Compiles the `shomei` command (and browser mode, which `shomei web` starts) to plain
// JavaScript in dist-cli/, so electron/cli/bin.mjs starts without compiling TypeScript at run time.
// esbuild bundles the code and its dependencies with code splitting: each command is its own
// chunk, loaded only when it runs (`shomei sign` reads the signer, not the whole core); the
// commands in STANDALONE are bundled apart, sharing no chunk with the others.
// dist-cli/inputs.json lists every project file that went in, with its modification time: bin.mjs
// runs the build only while none of them changed, and the TypeScript through tsx otherwise.
//   node electron/cli/build-cli.mjs [--if-possible]   (--if-possible: say so and exit 0 on failure)
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const nodeRequire = createRequire(import.meta.url);
const OUT = resolve(ROOT, 'dist-cli');
const isLenient = process.argv.includes('--if-possible');

/**
 * Packages left to node_modules: too big to be worth bundling, or not bundleable.
 * `@usebruno/lang` require()s ohm-js, whose `module` build esbuild picks has no `grammar` when
 * required that way ("grammar is not a function" at start-up, for every command).
 * `undici` is CommonJS (nothing to tree-shake) and the transport loads it with `await import()`:
 * bundled, that namespace had no `buildConnector` and every send of compiled browser mode failed.
 */
const EXTERNAL = ['playwright-core', 'electron', 'esbuild', 'vite', 'tsx', 'fsevents', '@usebruno/lang', 'undici'];

/**
 * Source rewrites that keep the bundle small or correct:
 * - `import { z } from 'zod'` becomes `import * as z from 'zod'` (the same names, `z.object` and
 *   all): zod's `z` object holds every schema and locale, the namespace import lets esbuild keep
 *   only what is used (about 90 KB instead of 450 KB for `shomei sign`).
 * - `import.meta.dirname` names the source file's folder, not the chunk's (dist-cli/js/).
 */
const sourceRewrites = {
  name: 'shomei-source-rewrites',
  setup(build) {
    build.onLoad({ filter: /\.(ts|tsx)$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      let contents = (await readFile(args.path, 'utf8')).replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';");
      if (contents.includes('import.meta.dirname')) {
        const folder = JSON.stringify(relative(ROOT, dirname(args.path)));
        contents = `import { resolve as __shomeiResolve } from 'node:path';\n${contents.replaceAll('import.meta.dirname', `__shomeiResolve(import.meta.dirname, '../..', ${folder})`)}`;
      }
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * A `require()` in a bundled CommonJS dependency gets what Node's require would load (the
 * package's `main` or its "require" export), not the ES module build `mainFields` prefers for
 * imports: the two may differ in shape (ohm-js's ES build has only a default export, so
 * @usebruno/lang's `require('ohm-js').grammar` was undefined).
 */
const requireAsNodeDoes = {
  name: 'shomei-require-as-node-does',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'require-call' || args.path.startsWith('node:') || isBuiltin(args.path)) return undefined;
      if (EXTERNAL.some((name) => args.path === name || args.path.startsWith(`${name}/`))) return undefined;
      try {
        return { path: createRequire(resolve(args.resolveDir, 'x.js')).resolve(args.path) };
      } catch {
        return undefined;
      }
    });
  },
};

/**
 * `node:http` imported through `require` instead of as an ES module. Importing a built-in as an ES
 * module reads every export it has, lazy getters too, and `http.WebSocket`, `CloseEvent` and
 * `MessageEvent` load Node's whole internal undici (16–24 ms, about a tenth of browser mode's
 * start-up) though nothing here uses them. The module built here exports the rest by name and
 * `node:http` itself as its default.
 */
const UNREAD_GETTERS = { http: ['WebSocket', 'CloseEvent', 'MessageEvent'] };
const builtinsWithoutUnreadGetters = {
  name: 'shomei-builtins-without-unread-getters',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path.replace(/^node:/, ''), namespace: 'shomei-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'shomei-builtin' }, (args) => {
      const unread = UNREAD_GETTERS[args.path] ?? [];
      const names = Object.entries(Object.getOwnPropertyDescriptors(nodeRequire(`node:${args.path}`)))
        .filter(([name, descriptor]) => descriptor.enumerable && !unread.includes(name) && /^[A-Za-z_$][\w$]*$/.test(name))
        .map(([name]) => name);
      return {
        contents: `import { createRequire } from 'node:module';\nconst builtin = createRequire(import.meta.url)('node:${args.path}');\nexport default builtin;\nexport const { ${names.join(', ')} } = builtin;\n`,
        loader: 'js',
        resolveDir: ROOT,
      };
    });
  },
};

/**
 * Commands bundled on their own (no chunk shared with the others), by the specifier main.ts imports
 * them with. With code splitting, a file that several commands read goes into a chunk they share
 * with every statement any of them keeps: `shomei sign` loaded @smithy/core's client and protocol
 * code for the AWS SDK's sake (247 KB in nine chunks; bundled alone it is 169 KB in one, and starts
 * in about 10 ms less). main.ts's import of one becomes an import of its file beside main.js.
 */
const STANDALONE = { './sign-command': 'electron/cli/sign-command.ts' };

const standaloneImports = {
  name: 'shomei-standalone-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) => {
      if (!Object.hasOwn(STANDALONE, args.path) || args.importer !== resolve(ROOT, 'electron/cli/main.ts')) return undefined;
      return { path: `${args.path}.js`, external: true };
    });
  },
};

async function buildCli() {
  const { build } = await import('esbuild');
  await rm(OUT, { recursive: true, force: true });
  const startedAt = Date.now();
  const common = {
    absWorkingDir: ROOT,
    // Every output file sits two folders below the root, as the sources do (see sourceRewrites).
    outdir: 'dist-cli/js',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // ES module builds of dependencies (the AWS SDK's dist-es…) tree-shake; CommonJS ones don't.
    mainFields: ['module', 'main'],
    minify: true,
    external: EXTERNAL,
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __shomeiCreateRequire } from 'node:module'; const require = __shomeiCreateRequire(import.meta.url);" },
    // Code a command loads with `await import()` (SigV4a's signer, an importer) is a chunk of its own.
    splitting: true,
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  };
  const split = await build({
    ...common,
    entryPoints: { main: 'electron/cli/main.ts' },
    plugins: [sourceRewrites, requireAsNodeDoes, builtinsWithoutUnreadGetters, standaloneImports],
  });
  const alone = await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(STANDALONE).map(([specifier, source]) => [specifier.slice(2), source])),
    plugins: [sourceRewrites, requireAsNodeDoes, builtinsWithoutUnreadGetters],
  });
  const metafile = {
    inputs: { ...split.metafile.inputs, ...alone.metafile.inputs },
    outputs: { ...split.metafile.outputs, ...alone.metafile.outputs },
  };
  const files = Object.keys(metafile.inputs).filter((file) => !file.includes('node_modules/') && !file.startsWith('(') && !file.startsWith('shomei-builtin:'));
  // A changed dependency changes the lock file (npm install / npm ci rewrite node_modules with it).
  files.push('package-lock.json');
  const inputs = {};
  for (const file of files) inputs[file] = (await stat(resolve(ROOT, file))).mtimeMs;
  // A source saved while esbuild read it may be in the build in its older form: no manifest, so
  // bin.mjs runs the TypeScript until the next build.
  const changed = files.find((file) => inputs[file] >= startedAt);
  if (changed) throw new Error(`${changed} changed during the build; build again`);
  // What went into which chunk, for finding what a command loads (esbuild's analyzer reads it).
  await writeFile(resolve(OUT, 'meta.json'), JSON.stringify(metafile));
  await writeFile(resolve(OUT, 'inputs.json'), JSON.stringify({ main: 'js/main.js', inputs }));
  return files.length;
}

try {
  const count = await buildCli();
  console.log(`Built the shomei CLI into dist-cli/ (${count} project files).`);
} catch (error) {
  await rm(OUT, { recursive: true, force: true });
  if (!isLenient) throw error;
  console.log(`The shomei CLI was not compiled (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); it runs through tsx instead.`);
}
