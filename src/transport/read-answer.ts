import { InvalidResponseError } from '../errors/index.js';
import type { RequestContext } from '../errors/api-error.js';
import { redact } from '../internal/redact.js';
import { safeJsonParse } from '../internal/safe-json.js';
import { errorFromResponse, type ErrorFormat } from '../errors/from-response.js';
import { evolinkErrors } from '../providers/evolink/errors.js';
import { BodyDecodeError, BodyTooLargeError, type WireResponse } from './wire.js';

/** A successful (2xx) response with its JSON body. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  data: unknown;
  requestId: string | undefined;
}

/** Who asked: the request's identifiers, and `what` (e.g. `POST /v1/videos/generations`) for messages. */
export type AnswerContext = RequestContext & { what: string };

/** How {@link readAnswer} reads. */
export interface AnswerOptions {
  /** The API key: redacted from the headers and the body before anything else sees them. */
  secret: string;
  maxResponseBytes: number;
  /** How the gateway's error bodies read. @default EvoLink's */
  errors?: ErrorFormat | undefined;
  /** The typed error for a body that could not be read (the connection broke, the attempt was aborted). */
  bodyError(error: unknown): Error;
}

/** The answer's headers with the key redacted, and its request id (EvoLink's `x-request-id`, or one-api's). */
export function answerHead(wire: WireResponse, secret: string): { headers: Record<string, string>; requestId: string | undefined } {
  const { headers } = wire;
  for (const name in headers) headers[name] = redact(headers[name]!, secret);
  return { headers, requestId: headers['x-request-id'] ?? headers['x-oneapi-request-id'] };
}

function isJsonContentType(value: string | undefined): boolean {
  return value === undefined || /^application\/([\w.+-]*\+)?json\b/i.test(value.trim()) || value.trim() === '';
}

/**
 * Reads an answer that is not a redirect, the one way every API request's answer is read (JSON calls and uploads
 * alike): the body decoded and capped at `maxResponseBytes` (before and after decoding), the key redacted from it; an
 * error status becomes its typed `APIError` (a body cut at the cap still informs the message), a 2xx its parsed JSON.
 * A 2xx that is too large, does not decode, is not JSON or says another content type is an `InvalidResponseError`.
 * @param wire the answer, its headers already passed through {@link answerHead}.
 */
export async function readAnswer(wire: WireResponse, ctx: AnswerContext, options: AnswerOptions): Promise<HttpResponse> {
  const { status, headers } = wire;
  const ok = status >= 200 && status < 300;
  const { maxResponseBytes: limit, secret } = options;
  let text: string;
  try {
    text = await wire.text(limit);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLargeError;
    if (!tooLarge && !(error instanceof BodyDecodeError)) throw options.bodyError(error);
    if (ok) {
      throw new InvalidResponseError(
        tooLarge
          ? `The ${ctx.what} response was larger than ${limit} bytes and was discarded.`
          : `The ${ctx.what} response could not be decoded (content-encoding ${error.encoding}).`,
        { ...ctx, status, reason: tooLarge ? 'too_large' : 'undecodable', cause: tooLarge ? undefined : error },
      );
    }
    text = tooLarge ? error.partial : '';
  }
  text = redact(text, secret);
  if (!ok) throw errorFromResponse(status, headers, text, ctx, options.errors ?? evolinkErrors);
  if (!isJsonContentType(headers['content-type'])) {
    throw new InvalidResponseError(`Expected JSON from ${ctx.what} but got content-type ${headers['content-type']}.`, {
      ...ctx,
      status,
      reason: 'unexpected_content_type',
    });
  }
  try {
    return { status, headers, data: safeJsonParse(text), requestId: ctx.requestId };
  } catch (cause) {
    throw new InvalidResponseError(`The ${ctx.what} response is not valid JSON (${text.length} characters).`, {
      ...ctx,
      status,
      reason: 'invalid_json',
      cause,
    });
  }
}
