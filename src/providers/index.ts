import { evolink } from './evolink/index.js';
import { novita } from './novita/index.js';
import type { ProviderName } from './info.js';
import type { Provider } from './provider.js';

/** Every gateway the SDK speaks to, with the calls it takes, by the `provider` option's value. */
export const PROVIDERS: Readonly<Record<ProviderName, Provider>> = { evolink, novita };
