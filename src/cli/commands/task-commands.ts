import { CLIENT_FLAGS, COMMON_FLAGS, parseFlags, stringFlag, WAIT_FLAGS, waitFlags } from '../args.js';
import { clientFromEnv } from '../client-env.js';
import { apiCommand } from '../api-command.js';
import { COMMAND_INFO } from './info.js';
import type { Command, CommandContext } from '../command.js';
import { followTask, hintsAfterFailure, reportInterrupted } from '../follow-task.js';
import { commandHelp, WAIT_ROWS } from '../help.js';
import { reportFailure } from '../report-error.js';
import { checkDestination } from '../save-result.js';
import type { ProgressState } from '../task-progress.js';

/** The flags of `wait` and `download`. */
export const WAIT_COMMAND_FLAGS = { ...COMMON_FLAGS, ...CLIENT_FLAGS, ...WAIT_FLAGS, out: { type: 'string', short: 'o' } } as const;

/** Waits for a task by id (polling at once), then saves or prints the result, like a generation command. */
export async function followById(context: CommandContext, name: string): Promise<number> {
  const { values, positionals } = parseFlags(context.args, WAIT_COMMAND_FLAGS, { names: ['task-id'] });
  if (values.help) {
    context.printHelp(waitHelp(name));
    return 0;
  }
  const taskId = positionals[0]!;
  const out = stringFlag(values, 'out');
  const wait = waitFlags(values, context.env);
  if (out !== undefined) checkDestination(out);
  const { ui, signal } = context;
  const client = clientFromEnv(context.env, ui, { values });
  const state: ProgressState = { phase: 'waiting', startedAt: Date.now(), task: { id: taskId, status: 'checking' } };
  try {
    return await followTask({
      ui,
      signal,
      out,
      state,
      wait: (onProgress) => client.tasks.wait(taskId, { signal, onProgress, ...wait }),
    });
  } catch (error) {
    if (signal.aborted) return reportInterrupted(ui, { signal, taskId, out });
    return reportFailure(ui, error, { taskId, hints: hintsAfterFailure(error, taskId, out, state) });
  } finally {
    await client.close();
  }
}

function waitHelp(name: string): string {
  return commandHelp(
    `evolink-wan ${name} <task-id> [-o <path>] [flags]`,
    name === 'wait'
      ? 'Wait for a task created earlier (by any process), then save the video with -o or print its URL. This is how a wait interrupted by Ctrl-C or a timeout is resumed.'
      : 'Save the video of a task to a file (waiting for the task first if it is still running).',
    { rows: WAIT_ROWS },
  );
}

/** `evolink-wan wait <task-id> [-o path]`. */
export const waitCommand: Command = {
  ...COMMAND_INFO.wait,
  run: (context) => followById(context, 'wait'),
};

/** `evolink-wan get <task-id>`. */
export const getCommand: Command = apiCommand({
  ...COMMAND_INFO.get,
  description: 'Show a task as the API reports it, once (no waiting).',
  positionals: ['task-id'],
  async call(client, { positionals }, context) {
    context.ui.data(await client.tasks.get(positionals[0]!, { signal: context.signal }));
    return 0;
  },
});
