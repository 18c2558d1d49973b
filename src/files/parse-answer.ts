import { FileUploadError, InvalidResponseError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { isUsableLink } from '../internal/loopback.js';
import type { HttpResponse } from '../transport/http-client.js';
import type { FileQuota, UploadedFile } from './types.js';

/** Files are deleted this long after upload (documented: 72 hours). */
export const FILE_LIFETIME_MS = 72 * 60 * 60 * 1000;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : undefined;
const date = (value: unknown): Date | undefined => {
  const text = str(value);
  const time = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
};

/**
 * The `data` of a files-API answer `{ success, code, msg, data }`. `success: false` (which the files API may send with
 * HTTP 200) is a `FileUploadError` with the server's `code` and `msg`.
 */
export function answerData(response: HttpResponse, what: string, file?: string): Record<string, unknown> {
  const body = response.data;
  const shapeError = (detail: string): InvalidResponseError =>
    new InvalidResponseError(`The files API answered ${what} with ${detail}.`, {
      status: response.status,
      requestId: response.requestId,
      reason: 'invalid_shape',
    });
  if (!isRecord(body)) throw shapeError('something that is not a JSON object');
  if (body.success === false) {
    const code = typeof body.code === 'number' || str(body.code) ? (body.code as string | number) : undefined;
    const serverMessage = str(body.msg) ?? str(body.message);
    throw new FileUploadError(
      `EvoLink's files API refused ${what}${file ? ` of ${file}` : ''}: ${[code, serverMessage ?? 'no message'].filter((p) => p !== undefined).join(' ')}` +
        `${response.requestId ? ` (request id ${response.requestId})` : ''}.`,
      { code, serverMessage, status: response.status, requestId: response.requestId, file },
    );
  }
  if (!isRecord(body.data)) throw shapeError('no data object');
  return body.data;
}

/**
 * An upload answer as an {@link UploadedFile}; an `InvalidResponseError` when it has no file id, or a `file_url` or
 * `download_url` that is not a usable link (`https:`, or `http:` to loopback): it would be handed to the application.
 */
export function parseUploadedFile(response: HttpResponse, what: string, now: number, file?: string): UploadedFile {
  const data = answerData(response, what, file);
  const id = str(data.file_id);
  const url = str(data.file_url);
  const downloadUrl = str(data.download_url);
  const invalid = (detail: string): InvalidResponseError =>
    new InvalidResponseError(`The files API answered ${what} ${detail}.`, {
      status: response.status,
      requestId: response.requestId,
      reason: 'invalid_shape',
    });
  if (id === undefined || url === undefined) throw invalid('without a file_id and a file_url');
  for (const [field, link] of [
    ['file_url', url],
    ['download_url', downloadUrl],
  ] as const) {
    if (link !== undefined && !isUsableLink(link)) throw invalid(`with a ${field} that is not an https: link (${schemeOf(link)})`);
  }
  const uploadedAt = date(data.upload_time);
  return {
    id,
    url,
    downloadUrl: downloadUrl ?? url,
    fileName: str(data.file_name) ?? id,
    originalName: str(data.original_name),
    size: num(data.file_size) ?? 0,
    mimeType: str(data.mime_type) ?? 'application/octet-stream',
    uploadPath: str(data.upload_path),
    uploadedAt,
    // Without an expiry in the answer, count 72 hours from the upload (or from now: the file cannot be older).
    expiresAt: date(data.expires_at) ?? new Date((uploadedAt?.getTime() ?? now) + FILE_LIFETIME_MS),
  };
}

/** The scheme of a link for a message (never the link itself: it may be anything). */
function schemeOf(link: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1];
  return scheme === undefined ? 'not a URL' : `${scheme.toLowerCase()}:`;
}

/** A quota answer as a {@link FileQuota}. */
export function parseQuota(response: HttpResponse): FileQuota {
  const data = answerData(response, 'the quota request');
  const used = num(data.used_files) ?? 0;
  const max = num(data.max_files) ?? 0;
  return {
    used,
    max,
    remaining: num(data.remain_files) ?? Math.max(0, max - used),
    userGroup: str(data.user_group),
    isCustom: typeof data.is_custom === 'boolean' ? data.is_custom : undefined,
    reason: str(data.quota_reason),
  };
}
