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

let lastSeen: unknown;
let lastVerdict: unknown;

/**
 * The global dispatcher to honour, or `undefined` when there is none or it is the plain `Agent` undici installs by
 * itself (then the SDK's own pool is used instead, with its connection cap and precise timeouts).
 */
export function userGlobalDispatcher(): unknown {
  const g = globalThis as Record<symbol, unknown>;
  const legacy = g[LEGACY_SLOT];
  if (legacy !== lastSeen) {
    lastSeen = legacy;
    const real = constructorName(legacy) === 'Dispatcher1Wrapper' ? g[CURRENT_SLOT] : legacy;
    lastVerdict = real === undefined || isDefaultAgent(real) ? undefined : real;
  }
  return lastVerdict;
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
