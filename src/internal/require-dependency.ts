import { EvoLinkError } from '../errors/index.js';

/** `require` for this file: in the CommonJS build, tsup turns `import.meta.url` into the file's URL. */
function requireHere(): NodeJS.Require {
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  return createRequire(import.meta.url);
}

/**
 * One of the SDK's dependencies, loaded synchronously the first time it is needed rather than when the SDK is
 * imported. Synchronous on purpose: a check inside zod validation cannot await, and a module load awaited on a
 * request's path is real I/O that fake timers (`vi.advanceTimersByTimeAsync`) do not wait for. Deno and Bun provide
 * `createRequire` too.
 * @param name the package, e.g. `'undici'`.
 * @param purpose what the SDK needs it for, completing "…, which ".
 */
export function requireDependency<T>(name: string, purpose: string): T {
  try {
    return requireHere()(name) as T;
  } catch (cause) {
    // A bundler cannot see this require: a bundled SDK finds the package only if it stays installed beside the bundle.
    throw new EvoLinkError(
      `evolink-wan could not load its dependency ${name}, which ${purpose}: reinstall the dependencies, or keep ${name} installed (external) when you bundle the SDK.`,
      { cause },
    );
  }
}

/**
 * One of the SDK's own ES module files beside this one, loaded synchronously on first use (for the same reasons as
 * {@link requireDependency}): `require()` of an ES module (Node.js 20.19 and 22.12 on, Deno, Bun). Each such file
 * re-exports `EvoLinkError`, which must be this very class: `require()` has to give back the modules `import` loaded,
 * not a second copy of the SDK (a module loader such as tsx's can load files its own way, and a VM context, as in
 * vitest's VM pools, is another realm). client-engine-loader.lazy.ts checks that at import with a probe file.
 * Bundlers never take this path: the package's `module` export condition gives them a build without it.
 * @param file e.g. `'./engine.js'`.
 * @throws {EvoLinkError} the file cannot be loaded, or loads as a second copy of the SDK.
 */
export function requireOwnFile<T>(file: string): T {
  let loaded: { EvoLinkError?: unknown };
  try {
    loaded = requireHere()(file) as { EvoLinkError?: unknown };
  } catch (cause) {
    throw new EvoLinkError(
      `evolink-wan could not load its file ${file} (${cause instanceof Error ? cause.message : String(cause)}). ` +
        'Reinstall the package and its dependencies; a bundler should resolve its "module" export condition (esbuild, webpack, Rollup and Vite do by default).',
      { cause },
    );
  }
  if (loaded.EvoLinkError !== EvoLinkError) {
    throw new EvoLinkError(
      `evolink-wan loaded its file ${file} as a second copy of the SDK: a module loader (a require hook such as tsx's) was registered after evolink-wan was imported. Register it first, or import evolink-wan after it.`,
    );
  }
  return loaded as T;
}
