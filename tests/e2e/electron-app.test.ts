import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Electron binary when it is installed; electron ≥ 45.4.1 downloads it on first run only. */
function electronBinary(): string | undefined {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const REASON = binary ? '' : ' (skipped: the Electron binary is not installed on this machine and cannot be downloaded here)';

describe.skipIf(!binary)(`the desktop app under Playwright's Electron support${REASON}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    spawnSync(process.execPath, [join(ROOT, 'electron/cli/build-electron.mjs')], { cwd: ROOT, stdio: 'ignore' });
    userData = mkdtempSync(join(tmpdir(), 'shomei-electron-'));
    app = await electron.launch({ executablePath: binary, args: [ROOT, `--user-data-dir=${userData}`], cwd: ROOT });
    page = await app.firstWindow();
    await page.getByLabel('URL').waitFor();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('runs the renderer isolated: no Node, only invoke() and on() on the bridge', async () => {
    const shape = await page.evaluate(() => ({
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      bridge: Object.keys((window as unknown as { shomei: object }).shomei).sort(),
    }));
    expect(shape).toEqual({ hasRequire: false, hasProcess: false, bridge: ['invoke', 'on'] });
  });

  it('answers declared calls and refuses undeclared ones', async () => {
    const info = await page.evaluate(() => (window as unknown as { shomei: { invoke(c: string, i: unknown): Promise<unknown> } }).shomei.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, value: { name: 'Shomei', host: 'electron' } });
    const unknown = await page.evaluate(() => (window as unknown as { shomei: { invoke(c: string, i: unknown): Promise<unknown> } }).shomei.invoke('fs:read', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('denies navigation and window.open', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
