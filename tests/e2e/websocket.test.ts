import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../support/axe';
import { useE2eSession } from '../support/e2e-session';
import { startWebSocketEchoServer, type WebSocketEchoServer } from '../support/websocket-echo-server';

const KEYS = { accessKeyId: 'AKIAE2EWEBSOCKET0001', secretAccessKey: 'e2eWebSocketSecret/00000000000000000000' };

const e2e = useE2eSession({ appPer: 'file' });
let server: WebSocketEchoServer;

beforeAll(async () => {
  server = await startWebSocketEchoServer([KEYS]);
});
afterAll(() => server.close());

/** A New WebSocket tab to the echo server's /production, AWS Signature with the test key and `secret`. */
async function newSignedWebSocket(secret: string): Promise<void> {
  const { page } = e2e.app;
  await page.getByRole('button', { name: 'New WebSocket' }).click();
  await page.getByLabel('URL').fill(`${server.origin}/production`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(secret);
}

describe('WebSocket requests in the window', () => {
  it('New WebSocket, signed Connect, Send message, the echo in the log, Disconnect', async () => {
    const { page } = e2e.app;
    await newSignedWebSocket(KEYS.secretAccessKey);
    await page.getByLabel('Region', { exact: true }).fill('us-east-1');
    await page.getByLabel('Service', { exact: true }).fill('execute-api');
    await page.getByLabel('Sign into').selectOption('query');
    // A WebSocket request has no Body or Tests tab.
    expect(await page.getByRole('tab', { name: 'Body' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Connect' }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => log.textContent()).toContain('Connected');
    expect(server.handshakes.at(-1)?.verdict).toMatchObject({ ok: true, mode: 'query' });
    // The log shows the URL with the signature redacted.
    expect(await log.textContent()).not.toMatch(/X-Amz-Signature=[0-9a-f]{64}/);

    await page.getByLabel('Message format').selectOption({ label: 'JSON' });
    await page.getByLabel('Message', { exact: true }).fill('{"action":"sendmessage",');
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not valid JSON/);
    // Nothing is lost: the box still holds what was typed.
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('{"action":"sendmessage",');

    await page.getByLabel('Message', { exact: true }).fill('{"action":"sendmessage","data":"hi"}');
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => log.getByText('↓ Received').count()).toBe(1);
    // Pretty JSON in the log.
    expect(await log.locator('.log-received pre').textContent()).toBe(
      '{\n  "action": "sendmessage",\n  "data": "hi"\n}',
    );
    expect(await log.locator('.log-received .log-size').textContent()).toContain('36 B');
    // The tab with a saved message and a full log passes axe-core.
    await page.getByRole('button', { name: 'Save message' }).click();
    await page.getByRole('list', { name: 'Saved messages' }).waitFor();
    const violations = await axeViolations(page);
    expect(
      violations.map((v) => v.id),
      describeViolations(violations),
    ).toEqual([]);

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => log.textContent()).toMatch(/Closed with 1000.*Normal closure/);
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    await expect.poll(() => server.open.size).toBe(0);
  });

  it('a refused handshake is shown in the log with its status, what it means, and the server’s body', async () => {
    const { page } = e2e.app;
    await newSignedWebSocket('notTheSecret/0000000000000000000000000000');
    await page.getByRole('button', { name: 'Connect' }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => log.textContent()).toContain('Refused with HTTP 403');
    expect(await log.textContent()).toMatch(/signature or authorization problem/);
    expect(await log.textContent()).toContain('SignatureDoesNotMatch');
  });

  it('a signed handshake to a connect-to address asks first: Cancel opens nothing, Send anyway connects, the next Connect does not ask', async () => {
    const { page } = e2e.app;
    const port = new URL(server.origin).port;
    await newSignedWebSocket(KEYS.secretAccessKey);
    // Signed for chat.shomei.test, the socket goes to the loopback server.
    await page.getByLabel('URL').fill(`ws://chat.shomei.test:${port}/production`);
    await page.getByLabel('Region', { exact: true }).fill('us-east-1');
    await page.getByRole('tab', { name: /^Options/ }).click();
    await page.getByLabel('Connect to').fill(`127.0.0.1:${port}`);
    const before = server.handshakes.length;

    const prompt = page.getByRole('dialog', { name: 'Send the signature to another host?' });
    await page.getByRole('button', { name: 'Connect' }).click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(
      `Signed for chat.shomei.test:${port}, will be sent to 127.0.0.1:${port} (the connect-to address)`,
    );
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.locator('.websocket-panel .error-box[role="alert"]').textContent())
      .toMatch(/^Not connected: signed for chat\.shomei\.test.*would be sent to 127\.0\.0\.1/);
    expect(server.handshakes).toHaveLength(before);

    await page.getByRole('button', { name: 'Connect' }).click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(`Signed for chat.shomei.test:${port}`);
    await prompt.getByRole('button', { name: 'Send anyway' }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect.poll(() => server.open.size).toBe(1);
    await expect.poll(() => log.textContent()).toContain('Connected');
    expect(server.handshakes).toHaveLength(before + 1);
    expect(server.handshakes.at(-1)?.verdict).toMatchObject({ ok: true });
    const host = server.handshakes.at(-1)?.rawHeaders.find(([name]) => name.toLowerCase() === 'host');
    expect(host?.[1]).toBe(`chat.shomei.test:${port}`);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => server.open.size).toBe(0);
    // Asked once for this tab and this destination: the next Connect goes straight out.
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => server.open.size).toBe(1);
    expect(await prompt.count()).toBe(0);
    expect(server.handshakes).toHaveLength(before + 2);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => server.open.size).toBe(0);
  });

  it('closing the tab closes its socket', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New WebSocket' }).click();
    await page.getByLabel('URL').fill(`${server.origin}/open/chat`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Disconnect' }).waitFor();
    await expect.poll(() => server.open.size).toBe(1);
    // The Code dialog says what to use instead of generating HTTP code for a socket.
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const code = page.getByRole('dialog', { name: 'Code that signs live' });
    await expect
      .poll(() => code.getByRole('alert').textContent())
      .toMatch(/not generated for WebSocket requests.*wscat -c/);
    await page.keyboard.press('Escape');
    await code.waitFor({ state: 'detached' });
    await page.getByTestId('close-tab').last().click();
    await page.getByRole('button', { name: 'Discard changes and close' }).click();
    await expect.poll(() => server.open.size).toBe(0);
  });

  it('an imported WebSocket request that would sign is refused until its collection is trusted; its saved messages came with it', async () => {
    const { page } = e2e.app;
    const file = {
      format: 'shomei.collection',
      formatVersion: 1,
      collection: {
        id: 'imported',
        name: 'Chat API',
        items: [
          {
            kind: 'request',
            id: 'sock',
            name: 'Chat socket',
            method: 'GET',
            url: `${server.origin}/production`,
            auth: {
              type: 'aws-sigv4',
              credentialSource: { source: 'env' },
              region: 'us-east-1',
              service: 'execute-api',
              isQuerySigned: true,
            },
            websocket: { messages: [{ format: 'json', text: '{"action":"ping"}', name: 'Ping' }] },
          },
        ],
      },
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Text to import').fill(JSON.stringify(file));
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Import report' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.tree-label', { hasText: 'Chat socket' }).click();
    const saved = page.getByRole('list', { name: 'Saved messages' });
    await expect.poll(() => saved.textContent()).toContain('Ping');

    const before = server.handshakes.length;
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => page.locator('.websocket-panel .error-box[role="alert"]').textContent())
      .toMatch(
        /^Not connected: the collection "Chat API" was imported and is not trusted yet.*sign with your AWS credentials/,
      );
    expect(server.handshakes).toHaveLength(before);
    await page.getByRole('button', { name: 'Trust “Chat API”' }).click();
    await page.getByRole('region', { name: 'Untrusted collection' }).waitFor({ state: 'detached' });
  });
});
