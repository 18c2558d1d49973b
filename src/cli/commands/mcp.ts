import { WanClient } from '../../client.js';
import type { ProviderName } from '../../providers/info.js';
import { VERSION } from '../../version.js';
import { COMMON_FLAGS, parseFlags, stringFlag } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { commandHelp } from '../help.js';

const FLAGS = {
  ...COMMON_FLAGS,
  provider: { type: 'string' },
  root: { type: 'string' },
  'max-usd': { type: 'string' },
  'max-seconds': { type: 'string' },
} as const;

function limit(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a number above 0; got "${raw}".`);
  return value;
}

const HELP = commandHelp(
  'evolink-wan mcp [--root <dir>] [--max-usd <n>] [--max-seconds <n>] [--provider evolink|novita]',
  'Serve the Wan models to an MCP host (Claude Desktop, Cursor, VS Code, …) over stdio: one tool per model, its parameters checked before anything is billed, plus get_task, wait_task, upload_file, download_video, list_models, credits and estimate_cost. The key comes from the environment only, never from a tool argument.',
  {
    rows: [
      ['--root <dir>', 'the only folder save_to and upload_file may use (default: the working directory); no "..", no symbolic links out'],
      ['--max-usd <n>', 'USD the whole session may spend (estimated before each create; models without a known price are refused)'],
      ['--max-seconds <n>', 'billed seconds of video the whole session may spend'],
      ['--provider <name>', 'evolink (default: EVOLINK_API_KEY) or novita (NOVITA_API_KEY)'],
    ],
  },
);

/** `evolink-wan mcp`: the MCP server, loaded (with the MCP SDK) only when this command runs. */
export const mcpCommand: Command = {
  name: 'mcp',
  aliases: [],
  synopsis: '[--root <dir>]',
  summary: 'serve the models to agents as MCP tools over stdio (Claude Desktop, Cursor, VS Code)',
  async run(context) {
    const { values } = parseFlags(context.args, FLAGS);
    if (values.help) {
      context.printHelp(HELP);
      return 0;
    }
    const provider = (stringFlag(values, 'provider') ?? 'evolink') as ProviderName;
    if (provider !== 'evolink' && provider !== 'novita') throw new UsageError(`--provider must be evolink or novita; got ${provider}.`);
    const maxUsd = limit(stringFlag(values, 'max-usd'), 'max-usd');
    const maxSeconds = limit(stringFlag(values, 'max-seconds'), 'max-seconds');
    const [{ WanTools, serveStdio }, { Root }] = await Promise.all([import('../../mcp/server.js'), import('../../mcp/root.js')]);
    const root = new Root(stringFlag(values, 'root') ?? '.');
    // stdout carries the protocol: the SDK's log lines go to stderr.
    const line = (message: string): void => void process.stderr.write(`evolink-wan: ${message}\n`);
    const client = new WanClient({
      provider,
      logger: { error: line, warn: line, info: () => {}, debug: () => {} },
      ...(maxUsd !== undefined || maxSeconds !== undefined ? { budget: { maxUsd, maxSeconds } } : {}),
    });
    try {
      await serveStdio(new WanTools(client, root), { version: VERSION });
    } finally {
      await client.close();
    }
    return 0;
  },
};
