import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BodyFault, type ContentBody, bytesBody, generatedBody, serveContent } from './content.js';
import type { EvoLinkFakeState } from './evolink-state.js';
import { deliverFault } from './faults.js';
import { recordedHeaders, sendText } from './loopback-server.js';
import { sampleVideo } from './sample-video.js';

/** A file the content host serves. */
export interface ServedContent {
  body: ContentBody;
  type: string;
  etag: string;
  expiresAt: number;
}

/** What the content host serves at `path`: a completed task's video, or an uploaded file. */
export function contentAt(state: EvoLinkFakeState, path: string): ServedContent | undefined {
  const video = /^\/videos\/([^/]+)\.mp4$/.exec(path);
  if (video) {
    const task = state.tasks.get(decodeSegment(video[1]!) ?? '');
    if (task?.plan.outcome.status !== 'completed') return undefined;
    const given = task.plan.outcome.video;
    const body =
      given === undefined ? bytesBody(sampleVideo()) : given instanceof Uint8Array ? bytesBody(given) : generatedBody(given.size);
    const completedAt = state.completedAt.get(task.id) ?? Date.now();
    return { body, type: 'video/mp4', etag: `"${task.id}-${body.size}"`, expiresAt: completedAt + state.settings.resultLifetimeMs };
  }
  const byId = /^\/api\/v1\/files\/download\/([^/]+)$/.exec(path);
  const upload = byId
    ? state.uploads.get(byId[1]!)
    : [...state.uploads.values()].find((u) => path === `/${u.uploadPath}/${encodeURIComponent(u.fileName)}`);
  if (!upload) return undefined;
  return { body: bytesBody(upload.bytes), type: upload.mimeType, etag: `"${upload.sha256.slice(0, 16)}"`, expiresAt: upload.expiresAt };
}

/** The content host: uploaded files and result videos, with Range, expiry and download faults. */
export async function answerContent(state: EvoLinkFakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]!;
  req.resume();
  state.contentRequests.push({ method, path, headers: recordedHeaders(req), authorized: false, body: undefined, at: Date.now() });
  state.settings.log?.(`content ${method} ${path}`);
  const fault = state.faults.take(method, 'before', 'downloads');
  const bodyFault: BodyFault =
    fault?.kind === 'drop-mid-body'
      ? { dropAfterBytes: fault.afterBytes }
      : fault?.kind === 'slow'
        ? { chunkBytes: fault.chunkBytes, chunkDelayMs: fault.delayMs }
        : {};
  if (fault && fault.kind !== 'drop-mid-body' && fault.kind !== 'slow') return deliverFault(fault, req, res);
  const found = method === 'GET' || method === 'HEAD' ? contentAt(state, path) : undefined;
  if (!found) return sendText(res, 404, 'Not Found');
  if (state.downloadsExpired || Date.now() >= found.expiresAt) return sendText(res, 403, 'Request has expired');
  await serveContent(req, res, found.body, found.type, found.etag, bodyFault);
}

/** `decodeURIComponent`, or `undefined` for malformed percent-encoding (which it throws on). */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
