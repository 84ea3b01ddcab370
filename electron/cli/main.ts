/**
 * The `shomei` commands. Each lives in its own file and is imported only when it runs, so
 * `shomei sign` loads the signer, not browser mode, the collections runner or the benchmarks.
 * A new command is one line here: its usage (lines after the first are indented by the table)
 * and a `run` that imports its file.
 */
interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  web: { usage: 'web [--port N] [--data-dir DIR]   start browser mode on 127.0.0.1 (port 0 = any free port)', run: async (argv) => (await import('./web-command')).runWebCommand(argv) },
  sign: { usage: 'sign                              read one JSON request on stdin, print the signed request as JSON', run: async () => (await import('./sign-command')).runSignCommand(process.stdin, process.stdout, process.stderr) },
  run: { usage: "run FILE|NAME [options]           run a collection's requests and checks (shomei run --help)", run: async (argv) => (await import('./run-command')).runRunCommand(argv) },
  bench: { usage: 'bench                             print signing and sending benchmarks', run: async (argv) => (await import('./bench')).runBench(argv) },
  import: { usage: 'import FILE [--format NAME] [--out FILE.shomei.json]\n                                  import a Postman/Insomnia/OpenAPI/Swagger/curl… file as a Shomei\n                                  collection file (stdout or --out); the report goes to stderr', run: async (argv) => (await import('./import-command')).runImportCommand(argv, process) },
};

const USAGE = `Usage: shomei <command>\n\n${Object.values(COMMANDS)
  .map((command) => `${command.usage.replace(/^/gm, '  ')}\n`)
  .join('')}`;

/** Entry point of the `shomei` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`shomei: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  return command.run(rest);
}
