// The gateway a command talks to and its key, from the flags and the environment: apart from the client, so that a
// command can check its input before it loads the client and its HTTP stack.
import { InvalidOptionError } from '../errors/index.js';
import { type ProviderInfo, providerNamed } from '../providers/info.js';
import { type FlagValues, stringFlag } from './args.js';
import { UsageError } from './exit-codes.js';

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
