import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = resolve(import.meta.dirname, 'ceph-rgw');

/** The user and role `start.sh` creates. */
export const CEPH = {
  accessKeyId: 'AKIDTESTER0000000001',
  secretAccessKey: 'TesterSecretKey0000000000000000000000001',
  roleArn: 'arn:aws:iam:::role/application_abc/component_xyz/S3Access',
  region: 'us-east-1',
} as const;

/** A running throw-away gateway. */
export interface CephGateway {
  endpoint: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** True when Debian's radosgw and ceph-mon are installed (`.ci/run` installs them). */
export function hasCeph(): boolean {
  return existsSync('/usr/bin/radosgw') && existsSync('/usr/bin/ceph-mon') && existsSync('/usr/bin/ceph-osd');
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts a one-node Ceph with its S3 + STS gateway on loopback (about 20 s). */
export async function startCephGateway(): Promise<CephGateway> {
  const dir = mkdtempSync('/tmp/shomei-ceph-');
  const port = await freePort();
  // The monitor stays on Ceph's default port 6789: on another port the pacific CLI hangs at auth.
  try {
    await run('bash', [join(HERE, 'start.sh'), dir, String(port)], { timeout: 180_000 });
  } catch (error) {
    const log = (name: string) => (existsSync(join(dir, 'log', name)) ? readFileSync(join(dir, 'log', name), 'utf8').slice(-2000) : '');
    await run('bash', [join(HERE, 'stop.sh'), dir]).catch(() => undefined);
    throw new Error(`Ceph RGW did not start: ${String(error)}\n${log('rgw.stdout')}${log('mon.a.stdout')}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dir,
    stop: async () => {
      await run('bash', [join(HERE, 'stop.sh'), dir]).catch(() => undefined);
    },
  };
}
