import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeJsonParse } from '../internal/safe-json.js';
import { contentAt } from './evolink-content.js';
import type { EvoLinkFakeState } from './evolink-state.js';
import { deliverFault } from './faults.js';
import { type FakeUpload, readFilesRequest, storeUpload, uploadAnswer } from './files-api.js';
import { type RecordedRequest, recordedHeaders, sendJson } from './loopback-server.js';
import { readBody } from './read-body.js';
import { MAX_BODY_BYTES } from './server-options.js';

/** EvoLink's files API: the request is read first (as a real upload is), then faults, the key and the route apply. */
export async function answerFiles(state: EvoLinkFakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const json = (status: number, body: unknown) => sendJson(res, status, body, { 'x-request-id': state.requestId() });
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]!;
  const record: RecordedRequest = {
    method,
    path,
    headers: recordedHeaders(req),
    authorized: req.headers.authorization === `Bearer ${state.settings.apiKey}`,
    body: undefined,
    at: Date.now(),
  };
  state.fileRequests.push(record);
  const parsed = await readFilesRequest(req, path, async () => {
    const read = await readBody(req, MAX_BODY_BYTES);
    return read.kind === 'complete' ? jsonOrText(read.raw) : undefined;
  });
  record.body = 'bytes' in parsed ? { ...parsed, bytes: undefined, size: parsed.bytes.byteLength } : parsed;
  state.settings.log?.(`files ${method} ${path}${record.authorized ? '' : ' (unauthorized)'}`);
  const fault = state.faults.take(method, 'before', 'files');
  if (fault) return deliverFault(fault, req, res);
  if (!record.authorized) return json(401, { success: false, code: 401, msg: 'Invalid or expired token' });
  if (parsed.kind === 'error') return json(parsed.status, { success: false, code: parsed.code, msg: parsed.msg });
  const max = state.settings.fileQuota;
  if (parsed.kind === 'quota') {
    const used = state.uploads.size;
    const data = {
      user_group: 'default',
      used_files: used,
      max_files: max,
      remain_files: Math.max(0, max - used),
      is_custom: false,
      quota_reason: '',
    };
    return json(200, { success: true, code: 200, msg: 'ok', data });
  }
  if (state.uploads.size >= max) return json(200, { success: false, code: 403, msg: 'File quota exceeded' });
  let upload: FakeUpload;
  const stored = (bytes: Uint8Array, info: Parameters<typeof storeUpload>[1]) =>
    storeUpload(bytes, info, state.uploads.size, Date.now(), state.settings.fileLifetimeMs);
  if (parsed.kind === 'url') {
    const source = parsed.url.startsWith(`${state.contentUrl}/`) ? contentAt(state, new URL(parsed.url).pathname) : undefined;
    if (!source)
      return json(200, {
        success: false,
        code: 400,
        msg: `The fake server fetches only its own content origin (${state.contentUrl}), not ${parsed.url}`,
      });
    upload = stored(source.body.slice(0, source.body.size), {
      originalName: parsed.url.split('/').pop() || 'file',
      mimeType: source.type,
      ...parsed,
    });
  } else {
    upload = stored(parsed.bytes, {
      originalName: 'originalName' in parsed ? parsed.originalName : (parsed.fileName ?? 'upload'),
      ...parsed,
    });
  }
  state.uploads.set(upload.id, upload);
  json(200, uploadAnswer(upload, state.contentUrl));
}

/** A body parsed as JSON, or the text itself when it is not JSON; `undefined` when empty. */
export function jsonOrText(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return safeJsonParse(raw);
  } catch {
    return raw;
  }
}
