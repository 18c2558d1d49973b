import { WanClient } from '../client.js';
import type { ClientOptions } from '../client-options.js';
import { InvalidOptionError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import type { ProviderInfo } from '../providers/info.js';
import type { FlagValues } from './args.js';
import { envVariableOf } from './cli-wording.js';
import { UsageError } from './exit-codes.js';
import { providerFrom, requireKey } from './provider-env.js';
import type { Ui } from './ui.js';

/** The SDK's log lines (retries, rate-limit pauses) as notes on stderr, above the status line. */
function noteLogger(ui: Ui): Logger {
  const line = (message: string): void => ui.note(ui.colors.dim(`evolink-wan: ${message}`));
  return { error: line, warn: line, info: line, debug: line };
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
