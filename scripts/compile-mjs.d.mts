/** Compiles `entries` (output name → .ts file) to `<outdir>/<name>.mjs` in one esbuild pass (see compile-mjs.mjs). */
export function compileToMjs(entries: Record<string, string>, outdir: string): void;
