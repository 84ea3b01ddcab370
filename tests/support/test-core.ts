import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShomeiError } from '../../shared/errors';
import { createCore, type Core } from '../../electron/core/create-core';
import type { HttpTransport, WireRequest } from '../../electron/core/http/http-transport';

/** A transport that records what it was asked to send and never touches the network. */
export interface RecordingTransport extends HttpTransport {
  sent: WireRequest[];
}

/** Records sends and answers 200 with an empty body. */
export function recordingTransport(): RecordingTransport {
  const sent: WireRequest[] = [];
  return {
    sent,
    send(request) {
      sent.push(request);
      if (sent.length > 100_000) throw new ShomeiError('NETWORK_ERROR', 'too many sends');
      return Promise.resolve({
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'application/json']],
        body: Buffer.from('{}'),
        isTruncated: false,
        sentHeaderBlock: undefined,
        timing: { startedAt: new Date().toISOString(), totalMs: 0 },
      });
    },
    close: () => Promise.resolve(),
  };
}

/** A core in a fresh temp data folder, for tests; `dispose()` removes the folder. */
export function createTestCore(options: { transport?: HttpTransport } = {}): { core: Core; dataDir: string; dispose(): Promise<void> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-core-'));
  const core = createCore({ host: 'test', version: '0.0.0-test', dataDir, ...(options.transport ? { transport: options.transport } : {}) });
  return {
    core,
    dataDir,
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
