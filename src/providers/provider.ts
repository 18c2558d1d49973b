import type { BuildOptions } from '../request/build-generation.js';
import type { RequestSpec } from '../request/build-request.js';
import type { Credits } from '../types/credits.js';

/**
 * A gateway that serves the Wan models: where it lives, how its key is found, and the routes of the calls the client
 * makes. The client knows nothing else about a gateway's wire format.
 */
export interface Provider {
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
  /** Validates generation parameters and describes the task-creating call. Throws `ValidationError`. */
  createTask(params: unknown, options: BuildOptions): RequestSpec;
  /** Describes the call that reads one task. Throws `ValidationError` for an id that is not one. */
  getTask(taskId: unknown): RequestSpec;
  /** The account's credits, where the gateway reports them: the call, and how to read its answer. */
  readonly credits?: { request(): RequestSpec; parse(data: unknown): Credits | undefined } | undefined;
}
