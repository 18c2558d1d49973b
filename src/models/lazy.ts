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
