import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';
import { invokeWeb } from '../support/web-invoke';

const KEYS = { accessKeyId: 'AKIAE2EBODYTYPES0001', secretAccessKey: 'e2eBodyTypesSecret/00000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });
let files: string;
const BINARY = randomBytes(200_000);

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'shomei-e2e-files-'));
  writeFileSync(join(files, 'photo.bin'), BINARY);
});
beforeEach(async () => {
  // Body files are read only inside the working directory: this test's files are there.
  expect(await invokeWeb(e2e.app.web, 'trust:update-settings', { workingDirectory: files })).toMatchObject({ ok: true });
});
afterAll(async () => {
  rmSync(files, { recursive: true, force: true });
});

async function compose(path: string, service = 'execute-api') {
  const { page } = e2e.app;
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('URL').fill(`${e2e.target.origin}${path}`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
  await page.getByLabel('Region').fill('us-east-1');
  await page.getByLabel('Service').fill(service);
  await page.getByRole('tab', { name: 'Body' }).click();
}

async function sendAndCheck() {
  const { page } = e2e.app;
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('response-status').waitFor();
  expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
  const received = e2e.target.received.at(-1);
  expect(received?.verdict.ok).toBe(true);
  return received as NonNullable<typeof received>;
}

const header = (received: { rawHeaders: Array<[string, string]> }, name: string) => received.rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];

describe('every body type, sent through the UI, verified by an independent signer', () => {
  it.each([
    ['json', '{"name":"寿司","n":1}', 'application/json'],
    ['text', 'plain text with a + and a % and ünïcode', 'text/plain; charset=utf-8'],
    ['xml', '<a><b>1 &amp; 2</b></a>', 'application/xml'],
  ])('%s', async (kind, text, contentType) => {
    await compose(`/prod/${kind}`);
    await e2e.app.page.getByLabel('Body type').selectOption(kind);
    await e2e.app.page.getByLabel('Request body').fill(text);
    const received = await sendAndCheck();
    expect(received.body.toString('utf8')).toBe(text);
    expect(header(received, 'content-type')).toBe(contentType);
  });

  it('x-www-form-urlencoded, with reserved and UTF-8 characters encoded once', async () => {
    const { page } = e2e.app;
    await compose('/prod/form');
    await page.getByLabel('Body type').selectOption('form');
    for (const [i, [name, value]] of [['q', 'a+b c'], ['pct', '100%'], ['name', 'café & crème'], ['empty', '']].entries()) {
      await page.getByRole('button', { name: 'Add form field' }).click();
      await page.getByLabel(`Form field ${i + 1} name`).fill(name as string);
      await page.getByLabel(`Form field ${i + 1} value`).fill(value as string);
    }
    const received = await sendAndCheck();
    expect(header(received, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(received.body.toString('utf8')))).toEqual({ q: 'a+b c', pct: '100%', name: 'café & crème', empty: '' });
  });

  it('multipart/form-data with a text part and a 200 KB file part', async () => {
    const { page } = e2e.app;
    await compose('/prod/multipart');
    await page.getByLabel('Body type').selectOption('multipart');
    await page.getByRole('button', { name: 'Add text part' }).click();
    await page.getByLabel('Part 1 name').fill('title');
    await page.getByLabel('Part 1 value').fill('Holiday ✈');
    await page.getByRole('button', { name: 'Add file part' }).click();
    await page.getByLabel('Part 2 name').fill('photo');
    await page.getByLabel('Part 2 file path').fill(join(files, 'photo.bin'));
    const received = await sendAndCheck();
    const boundary = /boundary=(.+)$/.exec(header(received, 'content-type') ?? '')?.[1] ?? '';
    expect(boundary).not.toBe('');
    const body = received.body;
    expect(body.includes(Buffer.from('name="title"\r\n\r\nHoliday ✈\r\n'))).toBe(true);
    expect(body.includes(Buffer.from('filename="photo.bin"'))).toBe(true);
    expect(body.includes(BINARY)).toBe(true);
  });

  it('a binary file to S3, with x-amz-content-sha256 of the exact bytes', async () => {
    const { page } = e2e.app;
    await compose('/bucket/photo.bin', 's3');
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByLabel('Body type').selectOption('binary');
    await page.getByLabel('File path').fill(join(files, 'photo.bin'));
    await page.getByLabel('Content-Type').fill('image/jpeg');
    const received = await sendAndCheck();
    expect(received.body.equals(BINARY)).toBe(true);
    expect(header(received, 'x-amz-content-sha256')).toBe(createHash('sha256').update(BINARY).digest('hex'));
    expect(header(received, 'content-type')).toBe('image/jpeg');
  });

  it('a 64 MB file: upload progress as a percentage of the file size, and Cancel stops it', async () => {
    const { page } = e2e.app;
    const big = join(files, 'big.bin');
    writeFileSync(big, Buffer.alloc(64 * 1024 * 1024, 7));
    // A server that accepts the connection and never reads: the upload stalls part-way.
    const sockets = new Set<Socket>();
    const stall = createServer((req) => req.pause());
    stall.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
    try {
      await compose('/bucket/big.bin', 's3');
      await page.getByLabel('URL').fill(`http://127.0.0.1:${(stall.address() as AddressInfo).port}/bucket/big.bin`);
      await page.getByLabel('Method').selectOption('PUT');
      await page.getByLabel('Body type').selectOption('binary');
      await page.getByLabel('File path').fill(big);
      await page.getByRole('button', { name: 'Send' }).click();
      const progress = page.getByTestId('send-progress');
      await expect.poll(() => progress.getAttribute('data-phase')).toBe('uploading');
      expect(await progress.textContent()).toMatch(/^Uploading the body… \d+% — [\d.]+ [KM]?B of 64\.0 MB$/);
      const bar = page.getByRole('progressbar', { name: 'Send progress' });
      expect(Number(await bar.getAttribute('max'))).toBe(64 * 1024 * 1024);
      expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.locator('.error-box').waitFor();
      expect(await page.locator('.error-box').textContent()).toMatch(/CANCELLED/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => stall.close(() => resolve()));
    }
    // And the next send works.
    await page.getByLabel('URL').fill(`${e2e.target.origin}/bucket/photo.bin`);
    await page.getByLabel('File path').fill(join(files, 'photo.bin'));
    const received = await sendAndCheck();
    expect(received.body.equals(BINARY)).toBe(true);
  });

  it('a missing file is a clear error, and nothing is sent', async () => {
    const { page } = e2e.app;
    await compose('/prod/missing');
    await page.getByLabel('Body type').selectOption('binary');
    await page.getByLabel('File path').fill(join(files, 'nope.bin'));
    const before = e2e.target.received.length;
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/nope\.bin/);
    expect(e2e.target.received.length).toBe(before);
  });
});
