import { WanClient } from '../client.js';
import type { ClientOptions } from '../client-options.js';
import type { Logger } from '../internal/logger.js';
import { UsageError } from './exit-codes.js';
import type { Ui } from './ui.js';

/** Where keys are made; said when none is set. */
const KEY_URL = 'https://evolink.ai/dashboard/keys';

/** The SDK's log lines (retries, rate-limit pauses) as notes on stderr, above the status line. */
function noteLogger(ui: Ui): Logger {
  const line = (message: string): void => ui.note(ui.colors.dim(`evolink-wan: ${message}`));
  return { error: line, warn: line, info: line, debug: line };
}

/**
 * A client configured from the environment only: `EVOLINK_API_KEY` (never a flag, so the key stays out of shell
 * history), `EVOLINK_BASE_URL`, `EVOLINK_FILES_BASE_URL` and `EVOLINK_LOG`, as in the SDK.
 */
export function clientFromEnv(env: NodeJS.ProcessEnv, ui: Ui, options: Pick<ClientOptions, 'budget'> = {}): WanClient {
  if (!env.EVOLINK_API_KEY) {
    throw new UsageError(
      `EVOLINK_API_KEY is not set. Create a key at ${KEY_URL}, then run: export EVOLINK_API_KEY=<your key>. ` +
        'The CLI reads the key from the environment only, never from a flag, so it stays out of your shell history.',
    );
  }
  return new WanClient({ logger: noteLogger(ui), ...options });
}
