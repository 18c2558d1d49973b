/** What `.withResponse()` tells about the HTTP answer besides its data. */
export interface ResponseInfo {
  status: number;
  /** Response headers, lower-case names (the API key redacted should a proxy echo it). */
  headers: Record<string, string>;
  /** `x-request-id` (or `x-oneapi-request-id`): quote it to EvoLink support. */
  requestId: string | undefined;
}

/** The data of a call together with its HTTP answer. */
export interface WithResponse<T> {
  data: T;
  response: ResponseInfo;
}

/**
 * A promise of an API call's data that can also give the raw answer: `await client.tasks.get(id)` is the task,
 * `await client.tasks.get(id).withResponse()` is `{ data, response: { status, headers, requestId } }`. The request is
 * sent once either way.
 */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;

  /** @internal */
  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
  }

  /** The data and the HTTP answer it came in. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  /** Like `Promise.prototype.catch`. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  /** Like `Promise.prototype.finally`. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return 'ApiPromise';
  }
}
