import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Electron fuses are flipped by electron-builder at package time; the binary is not available
// here, so this checks the configuration that flips them.

const config = parse(readFileSync(resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8')) as {
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
};

describe('the packaging configuration', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads only a verified asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
