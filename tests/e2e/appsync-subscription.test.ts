import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSyncServer, type AppSyncServer } from '../support/appsync-server';
import { startConnectProxy } from '../support/connect-proxy';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2EAPPSYNC000001', secretAccessKey: 'e2eAppSyncSecret/000000000000000000000' };
const SUBSCRIPTION = 'subscription OnCreateTodo { onCreateTodo { id name } }';

const e2e = useE2eSession({ appPer: 'file' });
let appsync: AppSyncServer;

beforeAll(async () => {
  appsync = await startAppSyncServer({ known: [KEYS] });
});
afterAll(() => appsync.close());

describe('AppSync subscription in Chromium', () => {
  it('a GraphQL subscription gets Subscribe; data AppSync publishes appears live in Messages; Unsubscribe stops it', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(appsync.graphqlUrl);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Service', { exact: true }).fill('appsync');
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption({ label: 'GraphQL' });
    // A query is sent; only a subscription offers Subscribe.
    await page.getByRole('textbox', { name: 'GraphQL query' }).fill('query Q { listTodos { id } }');
    expect(await page.getByRole('button', { name: 'Subscribe' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'GraphQL query' }).fill(SUBSCRIPTION);

    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    expect(appsync.verdicts.map(({ on, ok }) => `${on}:${ok}`)).toEqual(['connect:true', 'start:true']);
    const messages = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => messages.textContent()).toContain('Subscribed');

    expect(appsync.publish({ onCreateTodo: { id: '1', name: 'live from AppSync' } })).toBe(1);
    await expect.poll(() => messages.textContent()).toContain('live from AppSync');
    appsync.publish({ onCreateTodo: { id: '2', name: 'and another' } });
    await expect.poll(() => messages.getByText('and another').count()).toBe(1);

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('button', { name: 'Subscribe' }).waitFor();
    await expect.poll(() => appsync.received.at(-1)?.type).toBe('stop');
    expect(appsync.active.size).toBe(0);
    // The window never saw the secret key: the log and the page hold none of it.
    expect(await page.content()).not.toContain(KEYS.secretAccessKey.slice(0, 20));
  });

  it('through a proxy: Subscribe asks first; Cancel opens nothing, Send anyway subscribes through the tunnel', async () => {
    const { page } = e2e.app;
    const realtime = new URL(appsync.realtimeUrl);
    const proxy = await startConnectProxy({ host: realtime.hostname, port: Number(realtime.port) });
    try {
      await page.getByRole('tab', { name: /^Options/ }).click();
      await page.getByLabel('Proxy').fill(proxy.url);
      const prompt = page.getByRole('dialog', { name: 'Send the signature to another host?' });
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await prompt.waitFor();
      expect(await prompt.textContent()).toContain(`through the proxy ${proxy.url}`);
      await prompt.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => prompt.count()).toBe(0);
      expect(proxy.tunnels).toEqual([]);

      await page.getByRole('button', { name: 'Subscribe' }).click();
      await prompt.getByRole('button', { name: 'Send anyway' }).click();
      await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
      expect(proxy.tunnels.map((tunnel) => tunnel.authority)).toEqual([realtime.host]);
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('button', { name: 'Subscribe' }).waitFor();
      await page.getByLabel('Proxy').fill('');
    } finally {
      await proxy.close();
    }
  });

  it('a bad signature: Subscribe says AppSync refused, with its error', async () => {
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Secret access key').fill('not-the-secret/000000000000000000000000');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Not subscribed' }).textContent())
      .toBe(
        'Not subscribed: AppSync refused the connection: UnauthorizedException: You are not authorized to make this call.',
      );
    expect(await page.getByRole('button', { name: 'Subscribe' }).isEnabled()).toBe(true);
  });
});
