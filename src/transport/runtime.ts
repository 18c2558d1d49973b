/** `true` on Node.js, where undici dispatchers apply (Deno and Bun have their own fetch and ignore them). */
export function runtimeAcceptsDispatcher(): boolean {
  const g = globalThis as { Deno?: unknown; Bun?: unknown; process?: { versions?: { node?: string } } };
  return g.Deno === undefined && g.Bun === undefined && typeof g.process?.versions?.node === 'string';
}

// Node's own `fetch` is a JavaScript function that loads its bundled undici with this internal require; user code cannot
// require internal modules, so no replacement (msw, nock, a spy, a wrapper, a Proxy or a bound function) has this text.
const NODE_FETCH_SOURCE = /require\(['"]internal\/deps\/undici\/undici['"]\)/;
let lastSeen: unknown;
let lastVerdict = false;

/**
 * `true` when `fn` is Node's own global `fetch`, not a replacement. Checked on the function's source text, so a test
 * tool that patched `fetch` before or after the SDK was imported is seen either way; the verdict is cached per function.
 */
export function isNodeOwnFetch(fn: unknown): boolean {
  if (fn !== lastSeen) {
    lastSeen = fn;
    lastVerdict = typeof fn === 'function' && NODE_FETCH_SOURCE.test(Function.prototype.toString.call(fn));
  }
  return lastVerdict;
}
