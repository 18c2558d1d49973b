import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';
import { suggestName } from '../internal/suggest-name.js';

/** The gateways the SDK speaks to: the values of the `provider` client option. */
export type ProviderName = 'evolink' | 'novita';

/**
 * What the client options need to know about a gateway: its name, where it lives and how its key is found. Kept apart
 * from the calls it takes ({@link Provider}).
 */
export interface ProviderInfo {
  /** The `provider` option's value, e.g. `evolink`. */
  readonly id: ProviderName;
  /** Short name used in messages, e.g. `EvoLink`. */
  readonly name: string;
  /** API origin used when neither `baseURL` nor the environment sets one. */
  readonly defaultBaseURL: string;
  /** Environment variable holding the API key. */
  readonly apiKeyEnv: string;
  /** Environment variable that overrides the base URL. */
  readonly baseURLEnv: string;
  /** Where to get a key, for the "no API key" message. */
  readonly keyURL: string;
  /**
   * Whether the gateway honours an `Idempotency-Key` on task creation (a resent create returns the first task).
   * Without it creates carry no key, the caller's is refused, and a create that may have reached the server is
   * never resent.
   */
  readonly idempotencyKeys: boolean;
}

/** Every gateway, by the `provider` option's value. */
export const PROVIDER_INFO: Readonly<Record<ProviderName, ProviderInfo>> = {
  evolink: {
    id: 'evolink',
    name: 'EvoLink',
    defaultBaseURL: 'https://api.evolink.ai',
    apiKeyEnv: 'EVOLINK_API_KEY',
    baseURLEnv: 'EVOLINK_BASE_URL',
    keyURL: 'https://evolink.ai/dashboard/keys',
    idempotencyKeys: true,
  },
  novita: {
    id: 'novita',
    name: 'novita',
    defaultBaseURL: 'https://api.novita.ai',
    apiKeyEnv: 'NOVITA_API_KEY',
    baseURLEnv: 'NOVITA_BASE_URL',
    keyURL: 'https://novita.ai/settings/key-management',
    idempotencyKeys: false,
  },
};

/** The gateway named by the `provider` option (`evolink` when omitted). Throws `InvalidOptionError` naming it. */
export function providerNamed(value: unknown): ProviderInfo {
  if (value === undefined) return PROVIDER_INFO.evolink;
  if (typeof value === 'string' && Object.hasOwn(PROVIDER_INFO, value)) return PROVIDER_INFO[value as ProviderName];
  const names = Object.keys(PROVIDER_INFO);
  const suggestion = typeof value === 'string' ? suggestName(value, names) : undefined;
  throw new InvalidOptionError(
    'provider',
    `provider ${describeValue(value)} is not supported; use ${suggestion ? `"${suggestion}"` : `one of: ${names.map((n) => `"${n}"`).join(', ')}`}.`,
  );
}
