/**
 * `true` in a web page or a web worker of a browser: a `window` with a `document`, or a `WorkerGlobalScope` with a
 * `navigator` and no `process`. Cloudflare Workers, Vercel Edge, Deno (no `window` since 2.0) and Bun are not browsers.
 */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; WorkerGlobalScope?: unknown; importScripts?: unknown };
  if (typeof g.window === 'object' && g.window !== null && typeof g.window.document === 'object') return true;
  // A browser's dedicated, shared or service worker: importScripts exists only there (not in workerd or edge-runtime).
  return typeof g.WorkerGlobalScope === 'function' && typeof g.importScripts === 'function';
}
