import { batchCommand } from '../batch/batch-command.js';
import type { Command } from '../command.js';
import { downloadCommand, quotaCommand, uploadCommand } from './file-commands.js';
import { estimateCommand } from './estimate.js';
import { generationCommand } from './generate.js';
import { creditsCommand, modelsCommand, schemaCommand } from './info-commands.js';
import { mcpCommand } from './mcp.js';
import { queueCommand } from './queue.js';
import { getCommand, waitCommand } from './task-commands.js';

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

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...GENERATION_SPECS.map(generationCommand),
  estimateCommand(GENERATION_SPECS),
  waitCommand,
  getCommand,
  downloadCommand,
  uploadCommand,
  quotaCommand,
  creditsCommand,
  modelsCommand,
  schemaCommand,
  batchCommand,
  queueCommand,
  mcpCommand,
];

/** The command for a name or alias. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name || command.aliases.includes(name));
}
