import type { Ui } from './ui.js';

/** What a command runs with. */
export interface CommandContext {
  /** The arguments after the command name. */
  args: string[];
  env: NodeJS.ProcessEnv;
  ui: Ui;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** Writes a help page to stdout. */
  printHelp(text: string): void;
}

/** What the command list says of a command, known before its code is loaded. */
export interface CommandInfo {
  name: string;
  aliases: string[];
  /** What follows the name in the command list: `<task-id> [-o <path>]`. */
  synopsis: string;
  summary: string;
}

/** One `evolink-wan <command>`. */
export interface Command extends CommandInfo {
  /** Runs the command; resolves with the exit code. Errors it throws are reported by the caller. */
  run(context: CommandContext): Promise<number>;
}
