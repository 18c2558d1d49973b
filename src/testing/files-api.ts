import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { isRecord } from '../internal/is-record.js';

/** A file stored by the fake files API. */
export interface FakeUpload {
  id: string;
  /** Stored name (unique unless the client chose one). */
  fileName: string;
  /** The `filename` of the multipart part, or the `file_name` sent. */
  originalName: string;
  uploadPath: string;
  mimeType: string;
  bytes: Uint8Array;
  sha256: string;
  uploadedAt: number;
  expiresAt: number;
}

/** What one files-API request asks for, parsed; `error` when it cannot be understood. */
export type FilesRequest =
  | {
      kind: 'stream';
      bytes: Uint8Array;
      originalName: string;
      mimeType: string;
      uploadPath?: string | undefined;
      fileName?: string | undefined;
    }
  | { kind: 'base64'; bytes: Uint8Array; mimeType: string; uploadPath?: string | undefined; fileName?: string | undefined }
  | { kind: 'url'; url: string; uploadPath?: string | undefined; fileName?: string | undefined }
  | { kind: 'quota' }
  | { kind: 'error'; status: number; code: number; msg: string };

/** Largest multipart upload the fake reads (EvoLink's own clients stop at 100 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Parses a files-API request with the platform's own multipart parser (`Response.formData()`), not the SDK's code.
 * Both spellings of the optional fields are accepted, as the docs say.
 */
export async function readFilesRequest(req: IncomingMessage, path: string, readJson: () => Promise<unknown>): Promise<FilesRequest> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/api/v1/files/quota') return { kind: 'quota' };
  if (method === 'POST' && path === '/api/v1/files/upload/stream') {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data'))
      return { kind: 'error', status: 400, code: 400, msg: 'Content-Type must be multipart/form-data' };
    if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES) return { kind: 'error', status: 413, code: 413, msg: 'File too large' };
    let form: FormData;
    try {
      form = await new Response(Readable.toWeb(req) as ReadableStream, { headers: { 'content-type': type } }).formData();
    } catch (error) {
      return {
        kind: 'error',
        status: 400,
        code: 400,
        msg: `Malformed multipart body: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const file = form.get('file');
    if (!file || typeof file === 'string') return { kind: 'error', status: 400, code: 400, msg: 'Missing file part "file"' };
    return {
      kind: 'stream',
      bytes: new Uint8Array(await file.arrayBuffer()),
      originalName: file.name || 'upload',
      mimeType: file.type || 'application/octet-stream',
      uploadPath: text(form.get('uploadPath')) ?? text(form.get('upload_path')),
      fileName: text(form.get('fileName')) ?? text(form.get('file_name')),
    };
  }
  if (method === 'POST' && (path === '/api/v1/files/upload/base64' || path === '/api/v1/files/upload/url')) {
    const body = await readJson();
    if (!isRecord(body)) return { kind: 'error', status: 400, code: 400, msg: 'Body must be a JSON object' };
    const uploadPath = text(body.upload_path) ?? text(body.uploadPath);
    const fileName = text(body.file_name) ?? text(body.fileName);
    if (path.endsWith('/url')) {
      const url = text(body.file_url);
      return url ? { kind: 'url', url, uploadPath, fileName } : { kind: 'error', status: 400, code: 400, msg: 'file_url is required' };
    }
    const data = text(body.base64_data);
    const match = data === undefined ? null : /^(?:data:([\w.+/-]+);base64,)?([A-Za-z0-9+/=\s]+)$/.exec(data);
    if (!match) return { kind: 'error', status: 400, code: 400, msg: 'base64_data must be base64 or a data URL' };
    return {
      kind: 'base64',
      bytes: Buffer.from(match[2]!, 'base64'),
      mimeType: match[1] ?? 'application/octet-stream',
      uploadPath,
      fileName,
    };
  }
  return { kind: 'error', status: 404, code: 404, msg: `No route for ${method} ${path}` };
}

/** A stored file from uploaded bytes: an id, a unique name unless one was given, and a 72-hour life. */
export function storeUpload(
  bytes: Uint8Array,
  info: { originalName: string; mimeType: string; uploadPath?: string | undefined; fileName?: string | undefined },
  index: number,
  now: number,
  lifetimeMs: number,
): FakeUpload {
  const id = `file_${now.toString(36)}${index.toString(36).padStart(4, '0')}`;
  const extension = /\.([A-Za-z0-9]+)$/.exec(info.originalName)?.[1]?.toLowerCase() ?? 'bin';
  const mimeType = info.mimeType === 'application/octet-stream' ? (MIME_BY_EXTENSION[extension] ?? info.mimeType) : info.mimeType;
  return {
    id,
    fileName: info.fileName ?? `${id}.${extension}`,
    originalName: info.originalName,
    uploadPath: info.uploadPath ?? (mimeType.split('/')[0] || 'files'),
    mimeType,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    uploadedAt: now,
    expiresAt: now + lifetimeMs,
  };
}

/** The documented success answer of an upload. */
export function uploadAnswer(upload: FakeUpload, contentUrl: string): Record<string, unknown> {
  return {
    success: true,
    code: 200,
    msg: 'File uploaded successfully',
    data: {
      file_id: upload.id,
      file_name: upload.fileName,
      original_name: upload.originalName,
      file_size: upload.bytes.byteLength,
      mime_type: upload.mimeType,
      upload_path: upload.uploadPath,
      file_url: `${contentUrl}/${upload.uploadPath}/${encodeURIComponent(upload.fileName)}`,
      download_url: `${contentUrl}/api/v1/files/download/${upload.id}`,
      upload_time: new Date(upload.uploadedAt).toISOString(),
      expires_at: new Date(upload.expiresAt).toISOString(),
    },
  };
}
