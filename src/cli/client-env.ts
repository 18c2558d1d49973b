import { WanClient } from '../client.js';
import type { ClientOptions } from '../client-options.js';
import { InvalidOptionError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { type ProviderInfo, providerNamed } from '../providers/info.js';
import { type FlagValues, stringFlag } from './args.js';
import { envVariableOf } from './cli-wording.js';
import { UsageError } from './exit-codes.js';
import type { Ui } from './ui.js';

/** The SDK's log lines (retries, rate-limit pauses) as notes on stderr, above the status line. */
function noteLogger(ui: Ui): Logger {
  const line = (message: string): void => ui.note(ui.colors.dim(`evolink-wan: ${message}`));
  return { error: line, warn: line, info: line, debug: line };
}

/** The gateway a command talks to: `--provider`, else `EVOLINK_PROVIDER`, else EvoLink. A `UsageError` naming the flag. */
export function providerFrom(values: FlagValues, env: NodeJS.ProcessEnv): ProviderInfo {
  const flag = stringFlag(values, 'provider');
  const value = flag ?? (env.EVOLINK_PROVIDER || undefined);
  try {
    return providerNamed(value);
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw new UsageError(`${flag !== undefined ? '--provider' : 'EVOLINK_PROVIDER'} ${error.message.replace(/^provider /, '')}`);
  }
}

/** Refuses, saying where to get one and how to set it, when the provider's key variable is not set. */
export function requireKey(provider: ProviderInfo, env: NodeJS.ProcessEnv): void {
  if (env[provider.apiKeyEnv]) return;
  throw new UsageError(
    `${provider.apiKeyEnv} is not set. Create a key at ${provider.keyURL}, then run: export ${provider.apiKeyEnv}=<your key>. ` +
      'The CLI reads the key from the environment only, never from a flag, so it stays out of your shell history.',
  );
}

/** Builds a client, with an option the environment set wrong reported by its variable (`EVOLINK_BASE_URL must …`). */
export function clientNamingVariables(provider: ProviderInfo, options: ClientOptions): WanClient {
  try {
    return new WanClient({ ...options, provider: provider.id });
  } catch (error) {
    const variable = error instanceof InvalidOptionError ? envVariableOf(error.option, provider) : undefined;
    if (variable === undefined) throw error;
    throw new UsageError((error as Error).message.replace(new RegExp(`\\b${(error as InvalidOptionError).option}\\b`, 'g'), variable));
  }
}

/**
 * A client configured from the environment only: the provider's key variable (`EVOLINK_API_KEY`, or
 * `NOVITA_API_KEY` with `--provider novita`; never a flag, so the key stays out of shell history), its base URL
 * variable, `EVOLINK_FILES_BASE_URL` and `EVOLINK_LOG`, as in the SDK.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv,
  ui: Ui,
  options: Pick<ClientOptions, 'budget'> & { values?: FlagValues | undefined } = {},
): WanClient {
  const { values = {}, ...clientOptions } = options;
  const provider = providerFrom(values, env);
  requireKey(provider, env);
  return clientNamingVariables(provider, { logger: noteLogger(ui), ...clientOptions });
}
