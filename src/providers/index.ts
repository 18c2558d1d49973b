import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';
import { suggestName } from '../internal/suggest-name.js';
import { evolink } from './evolink/index.js';
import { novita } from './novita/index.js';
import type { Provider, ProviderName } from './provider.js';

/** Every gateway the SDK speaks to, by the `provider` option's value. */
export const PROVIDERS: Readonly<Record<ProviderName, Provider>> = { evolink, novita };

/** The gateway named by the `provider` option (`evolink` when omitted). Throws `InvalidOptionError` naming it. */
export function providerNamed(value: unknown): Provider {
  if (value === undefined) return evolink;
  if (typeof value === 'string' && Object.hasOwn(PROVIDERS, value)) return PROVIDERS[value as ProviderName];
  const names = Object.keys(PROVIDERS);
  const suggestion = typeof value === 'string' ? suggestName(value, names) : undefined;
  throw new InvalidOptionError(
    'provider',
    `provider ${describeValue(value)} is not supported; use ${suggestion ? `"${suggestion}"` : `one of: ${names.map((n) => `"${n}"`).join(', ')}`}.`,
  );
}
