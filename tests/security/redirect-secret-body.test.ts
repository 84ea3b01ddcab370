import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { startAttacker, type Attacker } from '../support/attacker-server';
import { createTestCore } from '../support/test-core';

const PASSWORD = 'user-password-7d41b0c2e9';
const context: CallContext = { emit: () => undefined };
type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

let attacker: Attacker;
let home: Server;
let homeOrigin: string;
let homeHits = 0;

beforeAll(async () => {
  attacker = await startAttacker();
  // The user's own API, or an open redirect on it: a 307/308 keeps the method and the body.
  home = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      homeHits += 1;
      const status = req.url === '/login-308' ? 308 : 307;
      if (req.url === '/same') res.writeHead(307, { location: '/landed' }).end();
      else if (req.url === '/landed') res.writeHead(200).end('home');
      else res.writeHead(status, { location: `${attacker.origin}/collect` }).end();
    });
  });
  await new Promise<void>((done) => home.listen(0, '127.0.0.1', done));
  homeOrigin = `http://127.0.0.1:${(home.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await attacker.close();
  await new Promise<void>((done) => home.close(() => done()));
});

// Not covered elsewhere: redirect-secrets.test.ts checks the headers a cross-origin hop drops.
// A 307 or 308 keeps the method and the body, and the body was sent on as it was: a password a
// secret variable filled into a login body went to whatever origin the answer named, though a
// header filled from the same variable stays behind.
describe('a 307/308 to another origin of a body that carries a secret variable', () => {
  it('is not followed: the secret stays home, the answer says why; a same-origin hop is followed', async () => {
    const { core, dispose } = createTestCore({ secrets: createMemorySecretValueStore() });
    try {
      const call = (() => {
        const dispatcher = createDispatcher(createHandlers(core));
        return (channel: string, input: unknown) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
      })();
      const env = await core.environments.create({
        name: 'prod',
        variables: [{ name: 'password', value: PASSWORD, isSecret: true }],
      });
      core.environments.setActive(env.id);
      const draft = (path: string) => ({
        name: 'Log in',
        method: 'POST',
        url: `${homeOrigin}${path}`,
        body: { kind: 'text', language: 'json', text: '{"user":"me","password":"{{password}}"}' },
        auth: { type: 'none' },
      });
      for (const path of ['/login-307', '/login-308']) {
        const sent = await call('request:send-draft', { requestId: `r${path.slice(1)}`, request: draft(path) });
        expect(sent).toMatchObject({ ok: true, value: { status: path.endsWith('307') ? 307 : 308 } });
        expect(JSON.stringify(sent.value)).toMatch(/Not followed: .*secret variable/);
        expect(JSON.stringify(sent.value)).not.toContain(PASSWORD);
      }
      expect(attacker.received).toHaveLength(0);
      const same = await call('request:send-draft', { requestId: 'r-same', request: draft('/same') });
      expect(same).toMatchObject({ ok: true, value: { status: 200 } });
      expect(homeHits).toBe(4);
    } finally {
      await dispose();
    }
  });
});
