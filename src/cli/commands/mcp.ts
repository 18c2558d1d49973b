import { MODEL_IDS } from '../../models/registry.js';
import { isNovitaModel } from '../../providers/novita/routes.js';
import { VERSION } from '../../version.js';
import { amountFlag, CLIENT_FLAGS, COMMON_FLAGS, parseFlags, stringFlag } from '../args.js';
import { clientNamingVariables } from '../client-env.js';
import { providerFrom, requireKey } from '../provider-env.js';
import { COMMAND_INFO } from './info.js';
import type { Command } from '../command.js';
import { commandHelp } from '../help.js';
import { printable } from '../printable.js';

const FLAGS = {
  ...COMMON_FLAGS,
  ...CLIENT_FLAGS,
  root: { type: 'string' },
  'max-usd': { type: 'string' },
  'max-seconds': { type: 'string' },
} as const;

const HELP = commandHelp(
  'evolink-wan mcp [--root <dir>] [--max-usd <n>] [--max-seconds <n>] [--provider evolink|novita]',
  'Serve the Wan models to an MCP host (Claude Desktop, Cursor, VS Code, …) over stdio: one tool per model, its parameters checked before anything is billed, plus get_task, wait_task, upload_file, download_video, list_models, credits and estimate_cost. The key comes from the environment only, never from a tool argument.',
  {
    rows: [
      ['--root <dir>', 'the only folder save_to and upload_file may use (default: the working directory); no "..", no symbolic links out'],
      ['--max-usd <n>', 'USD the whole session may spend (estimated before each create; models without a known price are refused)'],
      ['--max-seconds <n>', 'billed seconds of video the whole session may spend'],
    ],
  },
);

/** `evolink-wan mcp`: the MCP server, loaded (with the MCP SDK) only when this command runs. */
export const mcpCommand: Command = {
  ...COMMAND_INFO.mcp,
  async run(context) {
    const { values } = parseFlags(context.args, FLAGS);
    if (values.help) {
      context.printHelp(HELP);
      return 0;
    }
    const provider = providerFrom(values, context.env);
    requireKey(provider, context.env);
    // For the whole session, unlike the generation commands' per-task limits: an agent may call many times.
    const maxUsd = amountFlag(values, 'max-usd', 'USD');
    const maxSeconds = amountFlag(values, 'max-seconds', 'seconds');
    const [{ WanTools, serveStdio }, { Root }] = await Promise.all([import('../../mcp/server.js'), import('../../mcp/root.js')]);
    const root = new Root(stringFlag(values, 'root') ?? '.');
    // stdout carries the protocol: the SDK's log lines go to stderr.
    const line = (message: string): void => void process.stderr.write(`evolink-wan: ${printable(message)}\n`);
    const client = clientNamingVariables(provider, {
      logger: { error: line, warn: line, info: () => {}, debug: () => {} },
      ...(maxUsd !== undefined || maxSeconds !== undefined ? { budget: { maxUsd, maxSeconds } } : {}),
    });
    try {
      const models = provider.id === 'novita' ? MODEL_IDS.filter(isNovitaModel) : MODEL_IDS;
      await serveStdio(new WanTools(client, root, models), { version: VERSION });
    } finally {
      await client.close();
    }
    return 0;
  },
};
