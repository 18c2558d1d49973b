// What the runtime offers the transport, read at call time: whether undici dispatchers apply, whether the global
// `fetch` is Node's own, and which global dispatcher a user installed. No imports: the edge build loads it too.

/** `true` on Node.js, where undici dispatchers apply (Deno and Bun have their own fetch and ignore them). */
export function runtimeAcceptsDispatcher(): boolean {
  const g = globalThis as { Deno?: unknown; Bun?: unknown; process?: { versions?: { node?: string } } };
  return g.Deno === undefined && g.Bun === undefined && typeof g.process?.versions?.node === 'string';
}

// Node's own `fetch` is a JavaScript function that loads its bundled undici with this internal require; user code cannot
// require internal modules, so no replacement (msw, nock, a spy, a wrapper, a Proxy or a bound function) has this text.
const NODE_FETCH_SOURCE = /require\(['"]internal\/deps\/undici\/undici['"]\)/;
let lastFetch: unknown;
let lastFetchVerdict = false;

/**
 * `true` when `fn` is Node's own global `fetch`, not a replacement. Checked on the function's source text, so a test
 * tool that patched `fetch` before or after the SDK was imported is seen either way; the verdict is cached per function.
 */
export function isNodeOwnFetch(fn: unknown): boolean {
  if (fn !== lastFetch) {
    lastFetch = fn;
    lastFetchVerdict = typeof fn === 'function' && NODE_FETCH_SOURCE.test(Function.prototype.toString.call(fn));
  }
  return lastFetchVerdict;
}

/**
 * The global dispatcher a user (or Node itself, for `NODE_USE_ENV_PROXY`) installed with undici's
 * `setGlobalDispatcher`: a `ProxyAgent`, an `EnvHttpProxyAgent`, a `MockAgent`, an `Agent` with options. Node's own
 * fetch sends through the dispatcher under `Symbol.for('undici.globalDispatcher.1')`; undici 7 writes the same object
 * under `…2` too, and undici 8 keeps the real one under `…2` and a `Dispatcher1Wrapper` of it under `…1`.
 */
const LEGACY_SLOT = Symbol.for('undici.globalDispatcher.1');
const CURRENT_SLOT = Symbol.for('undici.globalDispatcher.2');

/** Option keys of a plain `new Agent()`: what undici 6, 7 and 8 put there by default. */
const DEFAULT_AGENT_OPTIONS: Readonly<Record<string, unknown>> = {
  connect: undefined,
  interceptors: undefined,
  tls: undefined,
  maxOrigins: Infinity,
};

let lastSlot: unknown;
let lastDispatcher: unknown;

/**
 * The global dispatcher to honour, or `undefined` when there is none or it is the plain `Agent` undici installs by
 * itself (then the SDK's own pool is used instead, with its connection cap and precise timeouts).
 */
export function userGlobalDispatcher(): unknown {
  const g = globalThis as Record<symbol, unknown>;
  const legacy = g[LEGACY_SLOT];
  if (legacy !== lastSlot) {
    lastSlot = legacy;
    const real = constructorName(legacy) === 'Dispatcher1Wrapper' ? g[CURRENT_SLOT] : legacy;
    lastDispatcher = real === undefined || isDefaultAgent(real) ? undefined : real;
  }
  return lastDispatcher;
}

function constructorName(value: unknown): string | undefined {
  return (value as { constructor?: { name?: string } } | null | undefined)?.constructor?.name;
}

/** A plain `new Agent()` without options, as undici's `lib/global.js` creates when nothing is set. */
function isDefaultAgent(dispatcher: unknown): boolean {
  if (constructorName(dispatcher) !== 'Agent') return false;
  const key = Object.getOwnPropertySymbols(dispatcher).find((s) => s.description === 'options');
  const options = key === undefined ? undefined : (dispatcher as Record<symbol, unknown>)[key];
  if (options === null || typeof options !== 'object') return false;
  return Object.entries(options).every(
    ([name, value]) => Object.hasOwn(DEFAULT_AGENT_OPTIONS, name) && DEFAULT_AGENT_OPTIONS[name] === value,
  );
}
