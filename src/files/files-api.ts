import type { SdkLogger } from '../internal/logger.js';
import { traced } from '../internal/tracing.js';
import type { CallSpan, Tracing } from '../internal/spans.js';
import { isLoopbackHost } from '../internal/loopback.js';
import { APIConnectionError, APIError, EvoLinkError, FileUploadError, InvalidOptionError, ValidationError } from '../errors/index.js';
import { linkSignals } from '../internal/abort.js';
import { checkFunction, checkNumber, checkOptionsObject, checkSignal, checkString, describeValue } from '../internal/check-option.js';
import type { Clock } from '../internal/clock.js';
import { inspectMedia, type MediaFacts, mediaProblems } from '../media/inspect.js';
import { ANY_UPLOAD } from '../media/limits.js';
import { isLocalMedia, type LocalMedia } from '../media/local-file.js';
import { LocalFileProblem, type MediaSource, toMediaSource } from '../media/source.js';
import { buildRequest, type RequestDefaults, type RequestSpec } from '../request/build-request.js';
import type { HttpResponse } from '../transport/http-client.js';
import { type RateGate, type RetryEvent, sendWithRetry } from '../transport/send-with-retry.js';
import type { RetryPolicyOptions } from '../transport/retry-policy.js';
import type { StreamBody, StreamClient } from '../transport/stream-client.js';
import { ChangedWhileUploading, multipartBody } from './multipart.js';
import { parseQuota, parseUploadedFile } from './parse-answer.js';
import { UploadCache, type UploadPlan } from './upload-cache.js';
import type { FileQuota, FilesResource, QuotaOptions, UploadedFile, UploadFromUrlOptions, UploadOptions } from './types.js';

/** What the files API needs from the client: where, with which key and transport, and how to retry. */
export interface FilesApiConfig {
  /** `filesBaseURL`, checked. */
  origin: string;
  defaults: RequestDefaults;
  transport: StreamClient;
  clock: Clock;
  gate: RateGate;
  policy: RetryPolicyOptions;
  maxRetries: number;
  /** The client's `timeout`: here, the longest time without a byte moving. */
  timeout: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** Where upload attempts (debug) and retries (warn) are logged. */
  log?: SdkLogger | undefined;
  /** The client's tracer, for an `evolink.upload` span per file sent (no trace header goes to the files host). */
  tracing?: Tracing | undefined;
  /** Aborted by `client.close()`. */
  closed: AbortSignal;
  /**
   * Why this client may not use EvoLink's files API (another provider's key must never travel to EvoLink's host), or
   * `undefined` when it may.
   */
  refusal?: string | undefined;
}

/** One file to send: the form's fields, the call's control, and the hooks of its progress. */
interface FileUpload extends Partial<UploadPlan> {
  fields: Record<string, string>;
  control: CallControl;
  onProgress?: ((sent: number) => void) | undefined;
}

/** A checked call: signal and idle timeout. */
interface CallControl {
  signal: AbortSignal | undefined;
  timeout: number | undefined;
}

const MULTIPART_PATH = '/api/v1/files/upload/stream';

/**
 * An upload is resent only when no file can have been stored: a 429 or 503 answer, or a connection that failed
 * before the request left. A 500/502/504 or a reset after sending may come after the file was stored: resending could
 * store it twice and use up quota, so the error is thrown instead.
 */
export function uploadMayBeResent(error: unknown): boolean {
  if (error instanceof APIError) return error.status === 429 || error.status === 503;
  if (error instanceof APIConnectionError) return !error.mayHaveReachedServer;
  return false;
}

/** Checks `fileName` and `uploadPath` as EvoLink's own clients do (the server's limits are not documented). */
function destinationFields(o: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const uploadPath = checkString('uploadPath', o.uploadPath);
  if (uploadPath !== undefined) {
    if (
      uploadPath === '' ||
      uploadPath.length > 256 ||
      uploadPath.startsWith('/') ||
      uploadPath.split(/[\\/]/).includes('..') ||
      /[\r\n\0]/.test(uploadPath)
    ) {
      throw new InvalidOptionError('uploadPath', 'uploadPath must be a relative folder of at most 256 characters, without "..".');
    }
    fields.uploadPath = uploadPath;
  }
  const fileName = checkString('fileName', o.fileName);
  if (fileName !== undefined) {
    if (fileName === '' || fileName.length > 255 || /[\\/\r\n\0]/.test(fileName)) {
      throw new InvalidOptionError('fileName', 'fileName must be 1–255 characters without "/" or "\\".');
    }
    fields.fileName = fileName;
  }
  return fields;
}

/** The name an upload's file part carries: the source's own, or `upload.<ext>` from the detected format. */
function partName(source: MediaSource, facts: MediaFacts): string {
  if (source.name) return source.name;
  const ext = facts.format?.name === 'jpeg' ? 'jpg' : facts.format?.name;
  return ext && /^[a-z0-9]+$/.test(ext) ? `upload.${ext}` : 'upload.bin';
}

/** `client.files`, and the uploads behind local media in generation calls. */
export class FilesApi implements FilesResource {
  readonly #config: FilesApiConfig;
  readonly #cache: UploadCache;

  constructor(config: FilesApiConfig) {
    this.#config = config;
    this.#cache = new UploadCache(config.clock);
  }

  async upload(input: LocalMedia, options?: UploadOptions): Promise<UploadedFile> {
    const o = checkOptionsObject('the upload options', options, ['fileName', 'uploadPath', 'signal', 'onProgress', 'timeout']);
    const fields = destinationFields(o);
    const onProgress = checkFunction('onProgress', o.onProgress as UploadOptions['onProgress']);
    const control = checkControl(o);
    if (!isLocalMedia(input)) {
      const hint =
        typeof input === 'string' && /^https?:\/\//i.test(input)
          ? 'for a URL use client.files.uploadFromUrl()'
          : 'for a file path use fileFrom(path)';
      throw new InvalidOptionError(
        'input',
        `client.files.upload() takes local media (fileFrom(path), a file: URL, a Blob or bytes); got ${describeValue(input)}: ${hint}.`,
      );
    }
    const source = toMediaSource(input);
    const facts = await this.inspect(source, ['file']);
    const problems = mediaProblems(facts, ANY_UPLOAD, source.label, 'the files API');
    if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ path: ['file'], code: 'invalid_media', message })));
    const version = await source.version?.().catch((error: unknown) => {
      throw unreadable(source, error);
    });
    return this.#cache.upload(source, facts.size, version, (plan) =>
      this.sendFile(source, facts, {
        ...plan,
        fields,
        control,
        onProgress: onProgress && ((bytes) => onProgress({ sent: bytes, total: facts.size })),
      }),
    );
  }

  async uploadFromUrl(url: string, options?: UploadFromUrlOptions): Promise<UploadedFile> {
    const o = checkOptionsObject('the upload options', options, ['fileName', 'uploadPath', 'signal', 'timeout']);
    const fields = destinationFields(o);
    if (!isFetchableUrl(url)) {
      throw new InvalidOptionError('url', `uploadFromUrl needs a public https:// URL without credentials; got ${describeValue(url)}.`);
    }
    const body: Record<string, unknown> = { file_url: url };
    if (fields.uploadPath !== undefined) body.upload_path = fields.uploadPath;
    if (fields.fileName !== undefined) body.file_name = fields.fileName;
    const response = await this.#send({ method: 'POST', path: '/api/v1/files/upload/url', body }, undefined, checkControl(o), false);
    return parseUploadedFile(response, 'the upload from URL', this.#config.clock.now(), url);
  }

  async quota(options?: QuotaOptions): Promise<FileQuota> {
    const control = checkControl(checkOptionsObject('the quota options', options, ['signal', 'timeout']));
    return parseQuota(await this.#send({ method: 'GET', path: '/api/v1/files/quota' }, undefined, control, true));
  }

  /**
   * The upload of `source`, reusing this client's earlier upload of the same bytes while it lives (see
   * {@link UploadCache}); concurrent calls for the same file share one request.
   */
  uploadOnce(
    source: MediaSource,
    facts: MediaFacts,
    signal: AbortSignal | undefined,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<UploadedFile> {
    const progress = onProgress && ((sent: number) => onProgress(sent, facts.size));
    const send = (plan: UploadPlan): Promise<UploadedFile> =>
      this.sendFile(source, facts, { ...plan, fields: {}, control: { signal, timeout: undefined }, onProgress: progress });
    return this.#cache.getOrUpload(source, facts.size, send, signal).catch((error: unknown) => {
      // Reading the file before sending it (its version, its hash) failed: nothing was sent.
      throw error instanceof LocalFileProblem ? unreadable(source, error) : error;
    });
  }

  /** Size and format of local media; an unreadable file is a `ValidationError` at `path` (nothing was sent). */
  async inspect(source: MediaSource, path: (string | number)[]): Promise<MediaFacts> {
    try {
      return await inspectMedia(source);
    } catch (error) {
      throw error instanceof LocalFileProblem
        ? new ValidationError([{ path, code: 'unreadable_file', message: `${error.message}` }])
        : error;
    }
  }

  /** Streams one file to `POST /api/v1/files/upload/stream`, in an `evolink.upload` span when tracing. */
  sendFile(source: MediaSource, facts: MediaFacts, upload: FileUpload): Promise<UploadedFile> {
    const attributes = { 'evolink.upload.bytes': facts.size, 'evolink.upload.content_type': facts.format?.mime };
    return traced(this.#config.tracing, 'evolink.upload', attributes, async (span) => {
      span?.http('POST', `${this.#config.origin}${MULTIPART_PATH}`);
      const file = await this.#sendFile(source, facts, upload, span);
      span?.set({ 'evolink.file.id': file.id });
      return file;
    });
  }

  async #sendFile(source: MediaSource, facts: MediaFacts, upload: FileUpload, span: CallSpan | undefined): Promise<UploadedFile> {
    const { contentType, body } = multipartBody({
      source,
      size: facts.size,
      fileName: partName(source, facts),
      mimeType: facts.format?.mime ?? source.declaredType ?? 'application/octet-stream',
      fields: upload.fields,
      sha256: upload.sha256,
      version: upload.version,
      onProgress: upload.onProgress,
      onSent: upload.onSent,
    });
    try {
      const response = await this.#send(
        { method: 'POST', path: MULTIPART_PATH, streamedBodyType: contentType },
        body,
        upload.control,
        false,
        span,
      );
      span?.set({ 'http.response.status_code': response.status });
      return parseUploadedFile(response, 'the upload', this.#config.clock.now(), source.label);
    } catch (error) {
      // Reading the local data failed (a file that vanished, a Blob whose stream errored): never a bare Error.
      if (error instanceof LocalFileProblem || error instanceof ChangedWhileUploading || !(error instanceof EvoLinkError)) {
        throw new FileUploadError(
          `Could not upload ${source.label}: ${error instanceof Error ? error.message : String(error)}. Nothing was generated.`,
          {
            file: source.label,
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  /** Why uploads are refused for this client (see {@link FilesApiConfig.refusal}), or `undefined`. */
  get refusal(): string | undefined {
    return this.#config.refusal;
  }

  async #send(
    spec: RequestSpec,
    body: (() => StreamBody) | undefined,
    control: CallControl,
    idempotent: boolean,
    span?: CallSpan,
  ): Promise<HttpResponse> {
    if (this.#config.refusal !== undefined) throw new InvalidOptionError('provider', this.#config.refusal);
    const { origin, transport } = this.#config;
    const request = buildRequest(spec, this.#config.defaults);
    const linked = linkSignals([control.signal, this.#config.closed]);
    try {
      return await sendWithRetry({ send: (prepared, attempt) => transport.send(origin, prepared, body, attempt) }, request, {
        maxRetries: this.#config.maxRetries,
        timeout: control.timeout ?? this.#config.timeout,
        signal: linked.signal,
        policy: this.#config.policy,
        gate: this.#config.gate,
        clock: this.#config.clock,
        onRetry: span ? span.countRetries(this.#config.onRetry) : this.#config.onRetry,
        log: this.#config.log,
        mayRetry: idempotent ? undefined : uploadMayBeResent,
      });
    } finally {
      linked.cleanup();
    }
  }
}

/** Local media that could not be read before its upload (nothing was sent), as a `FileUploadError`. */
function unreadable(source: MediaSource, error: unknown): FileUploadError {
  return new FileUploadError(`Could not read ${source.label}: ${error instanceof Error ? error.message : String(error)}.`, {
    file: source.label,
    cause: error,
  });
}

/** An https URL without credentials (plain http only on loopback, for local fakes), for the server to fetch. */
function isFetchableUrl(url: unknown): url is string {
  if (typeof url !== 'string' || !URL.canParse(url)) return false;
  const { protocol, hostname, username, password } = new URL(url);
  if (username || password) return false;
  return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname));
}

function checkControl(o: Record<string, unknown>): CallControl {
  return { signal: checkSignal('signal', o.signal), timeout: checkNumber('timeout', o.timeout, { unit: 'milliseconds' }) };
}
