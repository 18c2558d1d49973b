import { CLIENT_FLAGS, COMMON_FLAGS, parseFlags, secondsFlag } from '../args.js';
import { providerFrom } from '../provider-env.js';
import type { Command } from '../command.js';
import { shellQuote } from '../format.js';
import { commandHelp } from '../help.js';
import { COMMAND_INFO } from './info.js';

const FLAGS = { ...COMMON_FLAGS, ...CLIENT_FLAGS, 'task-seconds': { type: 'string' } } as const;

/** What the command uses of the package's fake gateways (`evolink-wan/testing`). */
interface FakeGateway {
  readonly url: string;
  readonly apiKey: string;
  readonly filesUrl?: string;
  close(): Promise<void>;
}

interface FakeGatewayClass {
  start(options: {
    plan: () => { outcome: { status: 'completed' }; durationMs: number };
    log: (line: string) => void;
  }): Promise<FakeGateway>;
}

/**
 * The package's own `evolink-wan/testing` entry (Node resolves a package's name from inside it), loaded at run time:
 * the CLI's chunks never carry the fake server (src/cli may not import it, see biome.json), wherever the build puts
 * them, and the command runs what a test of yours would.
 */
async function loadTesting(): Promise<{ FakeEvoLinkServer: FakeGatewayClass; FakeNovitaServer: FakeGatewayClass }> {
  const entry: string = 'evolink-wan/testing';
  return (await import(entry)) as { FakeEvoLinkServer: FakeGatewayClass; FakeNovitaServer: FakeGatewayClass };
}

const HELP = commandHelp(
  'evolink-wan fake-server [--provider evolink|novita] [--task-seconds <s>]',
  "Start the fake gateway shipped in evolink-wan/testing on loopback and print the environment lines that point the CLI at it, to try every command without a key: nothing reaches the real API, nothing is billed, each video is a short sample clip. Paste the printed lines into another shell, then run any evolink-wan command there. It runs until Ctrl-C and logs each request on stderr. The same fake serves your own tests: import { FakeEvoLinkServer } from 'evolink-wan/testing'.",
  {
    callsApi: false,
    rows: [
      ['--provider <name>', 'evolink (default: the API, files API and result host) or novita (its task API)'],
      ['--task-seconds <s>', 'how long each task runs before it completes (default 3)'],
    ],
  },
);

/** `evolink-wan fake-server`: a fake gateway for trying the CLI offline. */
export const fakeServerCommand: Command = {
  ...COMMAND_INFO['fake-server'],
  async run(context) {
    const { values } = parseFlags(context.args, FLAGS);
    if (values.help) {
      context.printHelp(HELP);
      return 0;
    }
    const provider = providerFrom(values, context.env);
    const durationMs = secondsFlag(values, 'task-seconds', { allowZero: true }) ?? 3000;
    const { ui } = context;
    const testing = await loadTesting();
    const gateway = provider.id === 'novita' ? testing.FakeNovitaServer : testing.FakeEvoLinkServer;
    const server = await gateway.start({
      plan: () => ({ outcome: { status: 'completed' }, durationMs }),
      log: (line) => ui.note(ui.colors.dim(`fake-server: ${line}`)),
    });
    try {
      const variables: [string, string][] =
        provider.id === 'novita'
          ? [
              ['EVOLINK_PROVIDER', 'novita'],
              ['NOVITA_API_KEY', server.apiKey],
              ['NOVITA_BASE_URL', server.url],
            ]
          : [
              ['EVOLINK_API_KEY', server.apiKey],
              ['EVOLINK_BASE_URL', server.url],
              ['EVOLINK_FILES_BASE_URL', server.filesUrl ?? ''],
            ];
      ui.event('listening', { provider: provider.id, env: Object.fromEntries(variables) });
      // The lines themselves on stdout, to paste (JSON mode has them in the event); what to do with them on stderr.
      for (const [name, value] of variables) ui.result(`export ${name}=${shellQuote(value)}`);
      ui.note(
        `Fake ${provider.name} gateway listening on ${server.url} (loopback only; nothing is billed). Paste the lines above into another shell, then run any evolink-wan command there. Ctrl-C stops it.`,
      );
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
      ui.note('Fake gateway stopped.');
      return 0;
    } finally {
      await server.close();
    }
  },
};
