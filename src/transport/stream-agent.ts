import { Agent } from 'undici';

/**
 * The SDK's own agent for uploads and downloads, which go to other origins than the API's (EvoLink's files host, the
 * result links' host). Keep-alive, no connection cap beyond undici's, and undici's coarse header/body timers off: the
 * stream transport enforces its own idle timeout.
 */
export function createStreamAgent(): Agent {
  return new Agent({ keepAliveTimeout: 10_000, headersTimeout: 0, bodyTimeout: 0 });
}
