import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, events } from '../../shared/contract/channels';
import { launchChromium, openApp, type AppUnderTest } from '../support/app-fixture';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

/** Field names an output schema must never declare: they would carry a secret to the renderer. */
const SECRET_FIELD = /^(secret|secretAccessKey|secretKey|sessionToken|password|passphrase|privateKey|token|authorization|credentials?)$/i;

function fieldNames(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') names.push(...Object.keys(record.properties));
    Object.values(record).forEach(walk);
  };
  walk(json);
  return names;
}

describe('secrets never cross to the renderer', () => {
  it.each(Object.keys(channels))('the output schema of %s declares no secret field', (name) => {
    const output = channels[name as keyof typeof channels].output as z.ZodType;
    expect(fieldNames(output).filter((field) => SECRET_FIELD.test(field))).toEqual([]);
  });

  it.each(Object.keys(events))('the payload schema of event %s declares no secret field', (name) => {
    expect(fieldNames(events[name as keyof typeof events] as z.ZodType).filter((field) => SECRET_FIELD.test(field))).toEqual([]);
  });
});

describe('a live session’s IPC traffic carries no secret', () => {
  const KEYS = {
    accessKeyId: 'ASIALIVESESSION00001',
    secretAccessKey: 'liveSecret/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    sessionToken: 'IQoJb3JpZ2luX2VjLIVE//////////SESSION+TOKEN/value==',
  };
  let browser: Browser;
  let target: VerifyingServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    browser = await launchChromium();
    target = await startVerifyingServer([KEYS]);
    app = await openApp(browser);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await target?.close();
  });

  it('records every answer from main during a signed send and finds neither the secret key nor the session token', async () => {
    const { page } = app;
    const answers: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) void response.text().then((text) => answers.push(text), () => undefined);
    });
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByLabel('URL').fill(`${target.origin}/prod/secret-check?x=1`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Session token').fill(KEYS.sessionToken);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    await expect.poll(() => answers.some((text) => text.includes('"status":200'))).toBe(true);
    const traffic = answers.join('\n');
    expect(traffic.length).toBeGreaterThan(100);
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, encodeURIComponent(KEYS.sessionToken)]) {
      expect(traffic).not.toContain(secret);
    }
    // And the signed request really carried the token to the server.
    expect(target.received.at(-1)?.verdict.reason).toBe('verified');
  });
});
