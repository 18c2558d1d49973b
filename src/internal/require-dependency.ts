import { EvoLinkError } from '../errors/index.js';

/**
 * One of the SDK's dependencies, loaded synchronously the first time it is needed rather than when the SDK is
 * imported. Synchronous on purpose: a check inside zod validation cannot await, and a module load awaited on a
 * request's path is real I/O that fake timers (`vi.advanceTimersByTimeAsync`) do not wait for. In the CommonJS
 * build, tsup turns `import.meta.url` into the file's URL; Deno and Bun provide `createRequire` too.
 * @param name the package, e.g. `'undici'`.
 * @param purpose what the SDK needs it for, completing "…, which ".
 */
export function requireDependency<T>(name: string, purpose: string): T {
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  try {
    return createRequire(import.meta.url)(name) as T;
  } catch (cause) {
    // A bundler cannot see this require: a bundled SDK finds the package only if it stays installed beside the bundle.
    throw new EvoLinkError(
      `evolink-wan could not load its dependency ${name}, which ${purpose}: reinstall the dependencies, or keep ${name} installed (external) when you bundle the SDK.`,
      { cause },
    );
  }
}
