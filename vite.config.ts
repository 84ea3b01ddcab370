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
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
