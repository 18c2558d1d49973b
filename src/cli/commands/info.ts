import type { CommandInfo } from '../command.js';
import type { GenerationSpec } from './generation-spec.js';

const info = (name: string, synopsis: string, summary: string): CommandInfo => ({ name, aliases: [], synopsis, summary });

/**
 * Name, synopsis and summary of every command but the generation ones (see `GENERATION_SPECS`): plain data, so that
 * `--help` lists the commands without loading their code. Each command module takes its own entry from here.
 */
export const COMMAND_INFO = {
  estimate: info(
    'estimate',
    '<kind> [flags]',
    'what a generation would cost (billed seconds, USD where a price is known); nothing is sent',
  ),
  wait: info('wait', '<task-id> [-o <path>]', 'wait for a task by id, then save or print its video (resumes an interrupted wait)'),
  get: info('get', '<task-id>', 'show a task as the API reports it (status, progress, results, error)'),
  download: info(
    'download',
    '<task-id|url> -o <path>',
    'save the video of a task, or a result URL, to a file (streamed, resumed if the connection drops)',
  ),
  upload: info('upload', '<file|url>', "upload a file (or copy a public URL) to EvoLink's files API; prints its URL, kept 72 hours"),
  quota: info('quota', '', 'show how many files the account keeps on the files API, and how many more it may upload'),
  credits: info('credits', '', 'show the credits left and used, for the API key and the account'),
  models: info('models', '', 'list the models: kind, duration (s), quality, longest prompt, media inputs'),
  schema: info('schema', '<model>', "print a model's parameters as JSON Schema (draft 2020-12)"),
  batch: info(
    'batch',
    '<jobs.jsonl> --out-dir <dir>',
    'run a JSON Lines file of jobs with bounded concurrency; re-run to resume after a crash',
  ),
  queue: info(
    'queue',
    'add <jobs.jsonl> | work --out-dir <dir> | status | limits',
    'a durable job queue in PostgreSQL for workers on many machines (pg-boss)',
  ),
  mcp: info('mcp', '[--root <dir>]', 'serve the models to agents as MCP tools over stdio (Claude Desktop, Cursor, VS Code)'),
  'fake-server': info(
    'fake-server',
    '',
    'start a fake gateway on loopback and print the lines that point the CLI at it (try it without a key)',
  ),
} as const satisfies Record<string, CommandInfo>;

/** The list entry of a generation command (`t2v`, `generate`, …). */
export function generationInfo(spec: GenerationSpec): CommandInfo {
  return { name: spec.name, aliases: spec.alias ? [spec.alias] : [], synopsis: spec.kind ? '' : '--model <id>', summary: spec.summary };
}
