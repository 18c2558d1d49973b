import { EXIT_CODE_HELP } from './exit-codes.js';

/** A section of a help page: a title and either rows (flag, text) or plain lines. */
export interface HelpSection {
  title: string;
  rows?: [string, string][];
  lines?: string[];
}

const WIDTH = 100;
const LEFT = 32;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Two aligned columns, the right one wrapped. */
function renderRows(rows: [string, string][]): string[] {
  const out: string[] = [];
  for (const [left, right] of rows) {
    const text = wrap(right, WIDTH - LEFT - 2);
    if (left.length + 2 >= LEFT) {
      out.push(`  ${left}`);
      for (const line of text) out.push(`${' '.repeat(LEFT)}${line}`);
      continue;
    }
    out.push(`  ${left.padEnd(LEFT - 2)}${text[0]}`);
    for (const line of text.slice(1)) out.push(`${' '.repeat(LEFT)}${line}`);
  }
  return out;
}

/** Renders a help page: usage line, description, then sections. */
export function renderHelp(usage: string, description: string, sections: HelpSection[]): string {
  const out = [`Usage: ${usage}`, '', ...wrap(description.charAt(0).toUpperCase() + description.slice(1), WIDTH)];
  for (const section of sections) {
    out.push('', `${section.title}:`);
    if (section.rows) out.push(...renderRows(section.rows));
    if (section.lines) out.push(...section.lines.map((line) => `  ${line}`));
  }
  return `${out.join('\n')}\n`;
}

/** The exit codes, as every help page lists them. */
export const EXIT_CODES_SECTION: HelpSection = { title: 'Exit codes', lines: EXIT_CODE_HELP };

/** The environment variables the commands that call the API read. */
export const ENVIRONMENT_SECTION: HelpSection = {
  title: 'Environment',
  rows: [
    ['EVOLINK_API_KEY', 'your API key (required; never taken from a flag, so it stays out of shell history)'],
    ['EVOLINK_BASE_URL', 'API origin (default https://api.evolink.ai)'],
    ['EVOLINK_PROVIDER', 'evolink (default) or novita, when --provider is not given'],
    ['NOVITA_API_KEY', 'your novita key, with --provider novita (NOVITA_BASE_URL: its origin, default https://api.novita.ai)'],
    ['EVOLINK_FILES_BASE_URL', 'files API origin for uploads (default https://files-api.evolink.ai)'],
    ['EVOLINK_LOG', 'SDK log level on stderr: off, error, warn (default), info, debug'],
    ['EVOLINK_POLL_INTERVAL', 'seconds between status checks when --poll-interval is not given'],
    ['NO_COLOR', 'no colour on the terminal'],
  ],
};

/** `--provider`, on the commands that call an API. */
export const PROVIDER_ROW: [string, string] = [
  '--provider <name>',
  'evolink (default; key in EVOLINK_API_KEY) or novita (NOVITA_API_KEY); or set EVOLINK_PROVIDER',
];

/** `--json` and `--help`, on every command. */
export const COMMON_ROWS: [string, string][] = [
  ['--json', 'JSON lines on stdout, one event per line (the default when stdout is not a terminal)'],
  ['-h, --help', 'show this help'],
];

/** The per-task budget flags of the generation commands. */
export const BUDGET_ROWS: [string, string][] = [
  ['--max-usd <usd>', 'refuse (exit 2, nothing sent) when the estimate is over this many USD; see evolink-wan estimate'],
  ['--max-seconds <s>', 'refuse (exit 2, nothing sent) when the task would bill more seconds (input clips included)'],
];

/** The flags of the commands that wait for a task. */
export const WAIT_ROWS: [string, string][] = [
  ['-o, --out <path>', 'save the video to this file (else its URL is printed; it expires 24 hours after completion)'],
  ['--timeout <seconds>', 'stop waiting after this long (default 900; 0 waits forever); the task keeps running (exit code 5)'],
  ['--poll-interval <seconds>', "time between status checks (default: from the server's estimate, 3–15 s)"],
];

/** A command's help page: usage, description, its options, then (for commands that call the API) the environment, and the exit codes. */
export function commandHelp(usage: string, description: string, options: { rows?: [string, string][]; callsApi?: boolean } = {}): string {
  const rows = [...(options.rows ?? []), ...(options.callsApi === false ? [] : [PROVIDER_ROW]), ...COMMON_ROWS];
  const sections: HelpSection[] = [{ title: 'Options', rows }];
  if (options.callsApi !== false) sections.push(ENVIRONMENT_SECTION);
  sections.push(EXIT_CODES_SECTION);
  return renderHelp(usage, description, sections);
}
