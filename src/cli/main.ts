import { VERSION } from '../version.js';
import type { CommandContext } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { UsageError } from './exit-codes.js';
import { ENVIRONMENT_SECTION, EXIT_CODES_SECTION, renderHelp } from './help.js';
import { watchInterrupt } from './interrupt.js';
import { reportFailure } from './report-error.js';
import { suggestName } from '../internal/suggest-name.js';
import { Ui } from './ui.js';

function mainHelp(): string {
  return renderHelp(
    'evolink-wan <command> [flags]',
    "Generate videos with Alibaba's Wan models on EvoLink from the command line: every model parameter is a flag, local files are uploaded, progress is shown, the video is saved.",
    [
      {
        title: 'Commands',
        rows: COMMANDS.map((c) => [[c.name, ...c.aliases].join(', ') + (c.synopsis ? ` ${c.synopsis}` : ''), c.summary]),
      },
      {
        title: 'Examples',
        lines: [
          'evolink-wan t2v --prompt "A kitten running under the moonlight" --duration 5 -o kitten.mp4',
          'evolink-wan i2v --image-start ./cat.jpg --prompt "A cat playing piano" -o cat.mp4',
          'evolink-wan i2v --help                 # the parameters of the default image-to-video model',
          'evolink-wan batch jobs.jsonl --out-dir videos --concurrency 4',
        ],
      },
      {
        title: 'Global flags',
        rows: [
          ['-h, --help', 'help; also after any command'],
          ['--version', 'print the version'],
        ],
      },
      ENVIRONMENT_SECTION,
      EXIT_CODES_SECTION,
    ],
  );
}

/** Runs `evolink-wan` with `argv` (without node and the script); resolves with the exit code. */
export async function main(
  argv: string[],
  io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv },
): Promise<number> {
  const [name, ...args] = argv;
  const ui = new Ui({ stdout: io.stdout, stderr: io.stderr, env: io.env, json: args.includes('--json') });
  const printHelp = (text: string): void => {
    io.stdout.write(text);
  };
  if (name === undefined) {
    io.stderr.write(mainHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    printHelp(mainHelp());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const interrupt = watchInterrupt(process);
  try {
    const command = findCommand(name);
    if (!command) {
      const suggestion = suggestName(
        name,
        COMMANDS.flatMap((c) => [c.name, ...c.aliases]),
      );
      throw new UsageError(
        `Unknown command "${name}"; ${suggestion ? `did you mean ${suggestion}? ` : ''}run evolink-wan --help for the list.`,
      );
    }
    const context: CommandContext = { args, env: io.env, ui, signal: interrupt.signal, printHelp };
    return await (await command.load()).run(context);
  } catch (error) {
    return reportFailure(ui, error);
  } finally {
    interrupt.dispose();
  }
}

// A reader that stops early (`evolink-wan models | head`) closes the pipe: that ends the output, it is not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
// Not a top-level await: no file of the package has one (it would make the bin's module unloadable by require()).
void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
