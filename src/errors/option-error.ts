import { EvoLinkError } from './evolink-error.js';

/**
 * An option of the client, of a call or of a wait has the wrong type or value (or the API key is unusable). Thrown
 * where the option is given, before any request: nothing was sent. `option` names it, e.g. `timeout` or
 * `headers.x-trace`.
 */
export class InvalidOptionError extends EvoLinkError {
  static override readonly errorName: string = 'InvalidOptionError';
  /** The option at fault, as you wrote it (`maxRetries`, `retryBackoff.maxDelay`, `headers.authorization`). */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}
