import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config: Vite builds the renderer (served by Electron and by browser mode alike), and
// Vitest runs every test in Node — unit, integration against loopback servers, and e2e that
// drives Debian's Chromium through playwright-core.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // Security: no inline scripts or styles, so the CSP can forbid them.
    assetsInlineLimit: 0,
  },
  test: {
    root: '.',
    environment: 'node',
    pool: 'forks',
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // Test tiers, one folder each (`vitest run --project unit`, …). Unit tests are pure and in
    // process: no child processes, no browser, no waiting. The other tiers spawn processes, drive
    // Chromium or start servers; they wait on events, so their time limits only catch a hang and
    // are set wide enough not to fail on a busy machine. The unit tier shares one module graph per
    // worker (isolate: false): loading the modules again for each of its files took three times
    // as long as its tests (24.6 s → 7.0 s on a loaded 2-core machine); its globals are unstubbed.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          isolate: false,
          unstubGlobals: true,
          unstubEnvs: true,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      ...['integration', 'security', 'e2e', 'interop'].map((name) => ({
        extends: true as const,
        test: {
          name,
          include: [`tests/${name}/**/*.test.ts`],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          expect: { poll: { timeout: 30_000 } },
        },
      })),
    ],
  },
});
