import { resolve } from 'node:path';
import { startBrowserMode, type BrowserMode } from '../server/browser-mode';
import { defaultDataDir } from '../server/data-dir';

/**
 * `shomei web [--port N] [--data-dir DIR]`: browser mode until Ctrl+C (or SIGTERM), which writes
 * every pending save before exiting. `SHOMEI_SAVE_DELAY_MS` sets the quiet time before edits are
 * written (default 300); the shutdown tests hold saves pending with it.
 */
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
    const saveDelay = process.env.SHOMEI_SAVE_DELAY_MS;
    mode = await startBrowserMode({
      port,
      dataDir,
      ...(saveDelay !== undefined && /^\d+$/.test(saveDelay) ? { saveDelayMs: Number(saveDelay) } : {}),
      onInternalError: (channel, error) => process.stderr.write(`shomei: internal error in ${channel}: ${error instanceof Error ? error.stack : String(error)}\n`),
    });
  } catch (error) {
    process.stderr.write(`shomei web: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`Shomei browser mode is running. Open ${mode.server.url}  (data: ${dataDir}; Ctrl+C to stop)\n`);
  return waitForStopSignal(mode);
}

/**
 * Waits for SIGINT or SIGTERM, then writes pending saves and closes. The first signal closes
 * gracefully (in-flight sends are cancelled); a second one, while that is under way, saves again
 * and exits at once. Returns the exit code: 1 when the last edits could not be written.
 */
function waitForStopSignal(mode: BrowserMode): Promise<number> {
  return new Promise<number>((done) => {
    let isStopping = false;
    const fail = (error: unknown): number => {
      process.stderr.write(`shomei web: could not save before stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    };
    const stop = () => {
      if (isStopping) {
        let code = 130;
        try {
          mode.core.flush();
        } catch (error) {
          code = fail(error);
        }
        process.exit(code);
      }
      isStopping = true;
      mode.close().then(
        () => done(0),
        (error: unknown) => done(fail(error)),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
