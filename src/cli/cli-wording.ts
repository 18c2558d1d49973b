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

/** An SDK message in the CLI's terms: environment variables and flags instead of client options. */
export function inCliTerms(message: string): string {
  return SDK_TO_CLI.reduce((text, [sdk, cli]) => text.replace(sdk, cli), message);
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
