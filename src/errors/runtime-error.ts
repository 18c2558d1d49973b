import { EvoLinkError } from './evolink-error.js';

/**
 * A feature this runtime cannot provide: on the edge build (Cloudflare Workers, Vercel Edge, browsers) there is no
 * file system, so `fileFrom(path)` and `download(task, path)` throw it. Nothing was sent. `feature` names what was
 * asked for, `instead` what works here.
 */
export class UnsupportedRuntimeError extends EvoLinkError {
  static override readonly errorName: string = 'UnsupportedRuntimeError';
  /** What was asked for, e.g. `fileFrom(path)`. */
  readonly feature: string;
  /** What to use on this runtime instead. */
  readonly instead: string;

  constructor(feature: string, instead: string) {
    super(`${feature} needs a file system, which this runtime (the edge build of evolink-wan) does not have: ${instead}.`);
    this.feature = feature;
    this.instead = instead;
  }
}
