import { fileURLToPath } from 'node:url';

/**
 * The SDK's messages name its options (`the apiKey option`, `maxUsdPerTask`); a CLI user sets environment variables
 * and flags instead. Each pair: what the SDK says, what the CLI says. Kept to phrases the CLI can reach.
 */
const SDK_TO_CLI: readonly [RegExp, string][] = [
  // 401: "check the API key (EVOLINK_API_KEY or the apiKey option)": the CLI reads the variable only.
  [/ or the apiKey option\)/g, ')'],
  [/; raise the timeout option if the API is slow\./g, '; the API is slow or unreachable: try again later.'],
  [
    /configure its price with the prices option \(.*?\) or use a seconds limit/g,
    'the CLI cannot be given prices: use --max-seconds instead',
  ],
  [/\b(?:the budget's )?maxUsdPerTask\b/g, '--max-usd'],
  [/\b(?:the budget's )?maxSecondsPerTask\b/g, '--max-seconds'],
  [/\b(?:the budget's )?maxUsd\b/g, '--max-usd'],
  [/\b(?:the budget's )?maxSeconds\b/g, '--max-seconds'],
  [/\bidempotencyKey\b/g, '--idempotency-key'],
  [/pass it in the request options as extraBody/g, 'pass it with --extra-body \'{"field": …}\''],
];

/** The SDK's hint on a media field holding a string that is no http(s) URL: `; for a local file pass fileFrom("…")`. */
const FILE_FROM_HINT = /; for a local file pass fileFrom\(("(?:[^"\\]|\\.)*")\)/g;

/**
 * `message` with the SDK's `pass fileFrom("…")` hint replaced by `advice(value)`: a terminal or an agent cannot call
 * `fileFrom`, so the CLI and the MCP server each say what their user can do instead.
 */
export function withoutFileFrom(message: string, advice: (value: string) => string): string {
  return message.replace(FILE_FROM_HINT, (_hint, quoted: string) => `; ${advice(JSON.parse(quoted) as string)}`);
}

/** The CLI's advice for a media value that is no http(s) URL: a `file:` URL's path, since the CLI takes paths. */
function pathAdvice(value: string): string {
  try {
    if (value.startsWith('file:')) return `for a local file pass its path: ${fileURLToPath(value)}`;
  } catch {
    // A file: URL with a host, say: no local path to suggest.
  }
  return 'for a local file pass its path';
}

/** An SDK message in the CLI's terms: environment variables and flags instead of client options, paths for files. */
export function inCliTerms(message: string): string {
  return SDK_TO_CLI.reduce((text, [sdk, cli]) => text.replace(sdk, cli), withoutFileFrom(message, pathAdvice));
}

/**
 * The environment variable the CLI sets a client option with (the base URL per provider). Not the key: the SDK's
 * messages about it already name the variable it was read from.
 */
export function envVariableOf(option: string, provider: { baseURLEnv: string }): string | undefined {
  const variables: Record<string, string> = {
    baseURL: provider.baseURLEnv,
    filesBaseURL: 'EVOLINK_FILES_BASE_URL',
    logLevel: 'EVOLINK_LOG',
  };
  return Object.hasOwn(variables, option) ? variables[option] : undefined;
}
