/** A value built the first time it is asked for, then kept: shared schema fragments, built only when a model needs them. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const TRAPS = [
  'get',
  'set',
  'has',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'defineProperty',
  'deleteProperty',
  'getPrototypeOf',
  'setPrototypeOf',
  'isExtensible',
  'preventExtensions',
] as const;

/**
 * A schema object built on first use, so importing the SDK composes no zod schema (a dozen models cost ~10 ms to
 * build). The exported constant is a proxy over a stand-in: the first operation on it builds the schema and turns the
 * stand-in into a twin of it (same prototype, same own properties, hence the same zod internals), after which every
 * operation goes to that twin. It behaves as the schema itself: `parse`, `safeParse`, `shape`, `extend`,
 * `z.toJSONSchema`, `instanceof`, `z.input<typeof …>` all work as before.
 */
export function lazySchema<S extends object>(build: () => S): S {
  // Node's util.inspect reads a proxy's target without traps: this hook shows the built schema instead of `{}`.
  const standIn = {
    [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
      materialize();
      return inspect(standIn, options);
    },
  } as unknown as S;
  let built = false;
  const materialize = (): void => {
    if (built) return;
    const schema = build();
    delete (standIn as Record<symbol, unknown>)[INSPECT];
    Object.defineProperties(standIn, Object.getOwnPropertyDescriptors(schema));
    Object.setPrototypeOf(standIn, Object.getPrototypeOf(schema));
    built = true;
  };
  const handler: ProxyHandler<S> = {};
  for (const trap of TRAPS) {
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      materialize();
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return new Proxy(standIn, handler);
}
