import type { Command, CommandInfo } from '../command.js';
import { COMMAND_INFO, generationInfo } from './info.js';

/** The generation commands: one per kind of model, and `generate` for any model. */
export const GENERATION_SPECS = [
  { name: 'text-to-video', alias: 't2v', kind: 'text-to-video', method: 'textToVideo', summary: 'generate a video from a prompt' },
  {
    name: 'image-to-video',
    alias: 'i2v',
    kind: 'image-to-video',
    method: 'imageToVideo',
    summary: 'animate an image: first frame, first and last frame, or continue a clip',
  },
  {
    name: 'reference-to-video',
    alias: 'r2v',
    kind: 'reference-video',
    method: 'referenceToVideo',
    summary: 'a video featuring the people or things of reference images and clips',
  },
  { name: 'edit-video', alias: 'edit', kind: 'video-edit', method: 'editVideo', summary: 'edit a video by instruction' },
  { name: 'generate', alias: undefined, kind: undefined, method: 'generate', summary: 'any model, chosen with --model <id>' },
] as const;

/**
 * A command of the list, whose code is imported only when it runs: `--help`, `--version` and a mistyped command
 * load none of it (nor zod, nor undici), so they answer about as fast as Node starts.
 */
export interface ListedCommand extends CommandInfo {
  load(): Promise<Command>;
}

const listed = (info: CommandInfo, load: () => Promise<Command>): ListedCommand => ({ ...info, load });

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly ListedCommand[] = [
  ...GENERATION_SPECS.map((spec) => listed(generationInfo(spec), async () => (await import('./generate.js')).generationCommand(spec))),
  listed(COMMAND_INFO.estimate, async () => (await import('./estimate.js')).estimateCommand(GENERATION_SPECS)),
  listed(COMMAND_INFO.wait, async () => (await import('./task-commands.js')).waitCommand),
  listed(COMMAND_INFO.get, async () => (await import('./task-commands.js')).getCommand),
  listed(COMMAND_INFO.download, async () => (await import('./file-commands.js')).downloadCommand),
  listed(COMMAND_INFO.upload, async () => (await import('./file-commands.js')).uploadCommand),
  listed(COMMAND_INFO.quota, async () => (await import('./file-commands.js')).quotaCommand),
  listed(COMMAND_INFO.credits, async () => (await import('./info-commands.js')).creditsCommand),
  listed(COMMAND_INFO.models, async () => (await import('./info-commands.js')).modelsCommand),
  listed(COMMAND_INFO.schema, async () => (await import('./info-commands.js')).schemaCommand),
  listed(COMMAND_INFO.batch, async () => (await import('../batch/batch-command.js')).batchCommand),
  listed(COMMAND_INFO.queue, async () => (await import('./queue.js')).queueCommand),
  listed(COMMAND_INFO.mcp, async () => (await import('./mcp.js')).mcpCommand),
  listed(COMMAND_INFO['fake-server'], async () => (await import('./fake-server.js')).fakeServerCommand),
];

/** The command for a name or alias. */
export function findCommand(name: string): ListedCommand | undefined {
  return COMMANDS.find((command) => command.name === name || command.aliases.includes(name));
}
