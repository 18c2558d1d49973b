import type { WanClient } from '../client.js';
import { CLIENT_FLAGS, COMMON_FLAGS, type FlagOptions, type FlagValues, parseFlags } from './args.js';
import { clientFromEnv } from './client-env.js';
import type { Command, CommandContext } from './command.js';
import { commandHelp } from './help.js';
import { reportFailure } from './report-error.js';

/** A command that makes one call with a client from the environment. */
export interface ApiCommandSpec {
  name: string;
  /** What follows the name: `<task-id>`. */
  synopsis: string;
  summary: string;
  /** The help page's description (default: the summary). */
  description?: string;
  /** Names of the arguments it takes, all required. */
  positionals?: string[];
  /** Its own flags and their help rows. */
  flags?: FlagOptions;
  rows?: [string, string][];
  /** Makes the call and reports the result; resolves with the exit code (0 when nothing is returned). */
  call(client: WanClient, input: { values: FlagValues; positionals: string[] }, context: CommandContext): Promise<number | undefined>;
}

/** Builds the command: flags, `--help`, the client, the failure report (with the exit code) and closing the client. */
export function apiCommand(spec: ApiCommandSpec): Command {
  const usage = `evolink-wan ${spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ''} [flags]`;
  return {
    name: spec.name,
    aliases: [],
    synopsis: spec.synopsis,
    summary: spec.summary,
    async run(context) {
      const input = parseFlags(context.args, { ...COMMON_FLAGS, ...CLIENT_FLAGS, ...spec.flags }, { names: spec.positionals ?? [] });
      if (input.values.help) {
        context.printHelp(commandHelp(usage, spec.description ?? spec.summary, { rows: spec.rows ?? [] }));
        return 0;
      }
      const client = clientFromEnv(context.env, context.ui, { values: input.values });
      try {
        return (await spec.call(client, input, context)) ?? 0;
      } catch (error) {
        return reportFailure(context.ui, error, { taskId: spec.positionals?.[0] === 'task-id' ? input.positionals[0] : undefined });
      } finally {
        await client.close();
      }
    },
  };
}
