const BRAND = Symbol.for('evolink-wan.error');

/** Options accepted by every error constructor. */
export interface EvoLinkErrorOptions {
  /** The underlying error, kept for debugging (never contains the API key). */
  cause?: unknown;
}

/**
 * Root of every error thrown by `evolink-wan`. `err instanceof EvoLinkError` catches all of them.
 *
 * `instanceof` checks work across duplicate copies of the package (for example the ESM and the CommonJS build
 * loaded side by side): each class is recognised by its stable `name`, not by object identity.
 *
 * @example
 * ```ts
 * try { await client.imageToVideo(params).waitForResult() }
 * catch (err) { if (err instanceof EvoLinkError) console.error(err.name, err.message) }
 * ```
 */
export class EvoLinkError extends Error {
  /** Stable, minification-proof class name used for cross-copy `instanceof` checks. */
  static readonly errorName: string = 'EvoLinkError';

  constructor(message: string, options?: EvoLinkErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = (new.target as typeof EvoLinkError).errorName;
  }

  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, instance)) return true;
    if (typeof instance !== 'object' || instance === null || !(BRAND in instance)) return false;
    for (let proto = Object.getPrototypeOf(instance); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const ctor = (proto as { constructor?: { errorName?: unknown } }).constructor;
      if (ctor?.errorName === this.errorName) return true;
    }
    return false;
  }

  /** A plain, JSON-friendly view of the error (name, message and the public fields of the subclass). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}
