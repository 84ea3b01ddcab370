import { resolve } from 'node:path';
import { startBrowserMode } from '../server/browser-mode';
import { defaultDataDir } from '../server/data-dir';

/** `shomei web [--port N] [--data-dir DIR]`: browser mode until Ctrl+C. */
export async function runWebCommand(argv: string[]): Promise<number> {
  let port = 0;
  let dataDir = defaultDataDir();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65535) {
      port = Number(value);
      i += 1;
    } else if (flag === '--data-dir' && value !== undefined) {
      dataDir = resolve(value);
      i += 1;
    } else {
      process.stderr.write(`shomei web: unexpected argument "${flag}". Usage: shomei web [--port N] [--data-dir DIR]\n`);
      return 2;
    }
  }
  let mode;
  try {
    mode = await startBrowserMode({
      port,
      dataDir,
      onInternalError: (channel, error) => process.stderr.write(`shomei: internal error in ${channel}: ${error instanceof Error ? error.stack : String(error)}\n`),
    });
  } catch (error) {
    process.stderr.write(`shomei web: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`Shomei browser mode is running. Open ${mode.server.url}  (data: ${dataDir}; Ctrl+C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => void mode.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
