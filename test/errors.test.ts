import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.js';

describe('error hierarchy', () => {
  const cases: [string, Error][] = [
    ['ValidationError', new sdk.ValidationError([{ path: ['x'], code: 'custom', message: 'x is wrong' }])],
    ['BadRequestError', new sdk.BadRequestError('m', { status: 400 })],
    ['AuthenticationError', new sdk.AuthenticationError('m', { status: 401 })],
    ['InsufficientQuotaError', new sdk.InsufficientQuotaError('m', { status: 402 })],
    ['PermissionDeniedError', new sdk.PermissionDeniedError('m', { status: 403 })],
    ['NotFoundError', new sdk.NotFoundError('m', { status: 404 })],
    ['RateLimitError', new sdk.RateLimitError('m', { status: 429, retryAfterMs: 2000 })],
    ['InternalServerError', new sdk.InternalServerError('m', { status: 503 })],
    ['APIConnectionError', new sdk.APIConnectionError('m', { mayHaveReachedServer: false })],
    ['APITimeoutError', new sdk.APITimeoutError('m', { mayHaveReachedServer: true, timeout: 5 })],
    ['APIUserAbortError', new sdk.APIUserAbortError('why')],
    ['InvalidResponseError', new sdk.InvalidResponseError('m', { status: 200, reason: 'invalid_json' })],
    ['TaskFailedError', new sdk.TaskFailedError({ id: 't', status: 'failed' })],
    ['TaskTimeoutError', new sdk.TaskTimeoutError({ id: 't', status: 'processing' }, 10)],
    ['TaskResultError', new sdk.TaskResultError({ id: 't', status: 'completed' })],
  ];

  it.each(cases)('%s is an EvoLinkError with its own name', (name, error) => {
    expect(error).toBeInstanceOf(sdk.EvoLinkError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name });
  });

  it('subclasses sit where the docs say', () => {
    expect(new sdk.RateLimitError('m', { status: 429 })).toBeInstanceOf(sdk.APIError);
    expect(new sdk.APITimeoutError('m', { mayHaveReachedServer: true, timeout: 1 })).toBeInstanceOf(sdk.APIConnectionError);
    expect(new sdk.TaskFailedError({ id: 't', status: 'failed' })).toBeInstanceOf(sdk.TaskError);
    expect(new sdk.NotFoundError('m', { status: 404 })).not.toBeInstanceOf(sdk.RateLimitError);
    expect(new sdk.ValidationError([])).not.toBeInstanceOf(sdk.APIError);
    expect(new sdk.RateLimitError('m', { status: 429, retryAfterMs: 2500 }).retryAfter).toBe(2.5);
  });

  it('instanceof works across duplicate copies of the package (ESM + CJS side by side)', () => {
    // A class from "another copy": same names, different identity.
    class OtherEvoLinkError extends Error {
      static readonly errorName: string = 'EvoLinkError';
      constructor() {
        super('other copy');
        Object.defineProperty(this, Symbol.for('evolink-wan.error'), { value: true });
      }
    }
    class OtherRateLimitError extends OtherEvoLinkError {
      static override readonly errorName = 'RateLimitError';
    }
    const foreign = new OtherRateLimitError();
    expect(foreign).toBeInstanceOf(sdk.EvoLinkError);
    expect(foreign).toBeInstanceOf(sdk.RateLimitError);
    expect(foreign).not.toBeInstanceOf(sdk.NotFoundError);
    expect(new Error('plain')).not.toBeInstanceOf(sdk.EvoLinkError);
  });
});
