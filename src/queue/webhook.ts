import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { InvalidOptionError } from '../errors/index.js';
import { QueueDeliveryError, withoutQuery } from './errors.js';
import type { CompletedJob } from './worker.js';

/** Options of {@link webhookNotifier}. */
export interface WebhookOptions {
  /** Your application's route that takes the notifications (an http(s) URL). */
  url: string;
  /**
   * Signs each body: the `x-evolink-queue-signature` header is `sha256=` and the hex HMAC-SHA256 of the raw body with
   * this secret, so your route can tell the workers' posts from anyone else's.
   */
  secret?: string | undefined;
  /** More headers for each post (an authorization of your own). */
  headers?: Record<string, string> | undefined;
  /** Waits before the retries of a post that failed (network, 5xx, 429), in ms. @default [1000, 2000, 4000] */
  retryDelaysMs?: readonly number[] | undefined;
  /** Per-attempt timeout in ms. @default 10000 */
  timeoutMs?: number | undefined;
}

/** The body a webhook receives for a completed job. */
export interface CompletedJobNotification {
  type: 'job.completed';
  job: CompletedJob;
}

/** The header carrying the body's HMAC (see {@link WebhookOptions.secret}). */
export const WEBHOOK_SIGNATURE_HEADER = 'x-evolink-queue-signature';

/** `sha256=<hex>` of `body` with `secret`: what {@link WEBHOOK_SIGNATURE_HEADER} carries. Compare it with `timingSafeEqual`. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * An `onCompleted` hook that posts each completed job, as JSON (`{ type: 'job.completed', job: { id, tag, taskId,
 * location, bytes } }`), to your application, retrying failed posts. Pass it as `work({ onCompleted })`. It runs once
 * the job is recorded completed; a post that fails every retry is reported as an `error` event (the job stays
 * completed: `results()` lists it with its location), and a worker that dies between completing and posting sends
 * nothing, so reconcile from `results()` when every notification matters. The `x-evolink-queue-job` header carries
 * the job id, to ignore a repeat.
 */
export function webhookNotifier(options: WebhookOptions): (job: CompletedJob) => Promise<void> {
  if (typeof options?.url !== 'string' || !URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
    throw new InvalidOptionError('url', `webhookNotifier() needs the http(s) URL of your route; got ${String(options?.url)}.`);
  }
  const { url, secret } = options;
  const delays = options.retryDelaysMs ?? [1000, 2000, 4000];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const shown = withoutQuery(url);
  return async (job) => {
    const body = JSON.stringify({ type: 'job.completed', job } satisfies CompletedJobNotification);
    const headers: Record<string, string> = { ...options.headers, 'content-type': 'application/json', 'x-evolink-queue-job': job.id };
    if (secret !== undefined) headers[WEBHOOK_SIGNATURE_HEADER] = webhookSignature(secret, body);
    let last: { status?: number; cause?: unknown } = {};
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]);
      try {
        const response = await request(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) return;
        last = { status: response.statusCode };
        if (!retryable(response.statusCode)) break;
      } catch (cause) {
        last = { cause };
      }
    }
    const why = last.status === undefined ? `unreachable (${(last.cause as Error)?.message})` : `HTTP ${last.status}`;
    throw new QueueDeliveryError(
      `Notifying ${shown} that job "${job.id}" completed failed: ${why}. The job is completed; results() lists it.`,
      {
        jobId: job.id,
        target: shown,
        status: last.status,
        cause: last.cause,
      },
    );
  };
}
