import { runRunCommand } from '../../electron/cli/run-command';

/**
 * `shomei run ARGV` in this process with `env` as its environment: its exit code and what it
 * printed. `isTTY` makes its stdout look like a terminal, as `process.stdout` does in one.
 */
export async function runInProcess(
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: { isTTY?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRunCommand(
    argv,
    {
      stdout: { write: (t: string) => (stdout += t), ...(options.isTTY ? { isTTY: true } : {}) },
      stderr: { write: (t: string) => (stderr += t) },
    },
    env,
  );
  return { code, stdout, stderr };
}
