import { runBench } from './bench';
import { runSignCommand } from './sign-command';
import { runWebCommand } from './web-command';

const USAGE = `Usage: shomei <command>

  web [--port N] [--data-dir DIR]   start browser mode on 127.0.0.1 (port 0 = any free port)
  sign                              read one JSON request on stdin, print the signed request as JSON
  run FILE|NAME [options]           run a collection's requests and checks (shomei run --help)
  bench                             print signing and sending benchmarks
  import FILE [--format NAME] [--out FILE.shomei.json]
                                    import a Postman/Insomnia/OpenAPI/Swagger/curl… file as a Shomei
                                    collection file (stdout or --out); the report goes to stderr
`;

/** Entry point of the `shomei` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'web':
      return runWebCommand(rest);
    case 'sign':
      return runSignCommand(process.stdin, process.stdout, process.stderr);
    case 'bench':
      return runBench(rest);
    case 'run':
      return (await import('./run-command')).runRunCommand(rest);
    case 'import':
      return (await import('./import-command')).runImportCommand(rest, process);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`shomei: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
