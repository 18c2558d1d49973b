// The Worker that test/e2e/edge/edge-runtime.test.ts bundles (resolving `evolink-wan` with the edge conditions, as a
// Worker's or Vercel's bundler does) and runs inside Vercel's edge-runtime. Each route exercises one thing the edge
// build must do with fetch alone; the test supplies CONFIG (the fake gateway's addresses) before this code.
import { createCallbackHandler, EvoLinkError, fileFrom, type Task, WanClient } from 'evolink-wan';

declare const CONFIG: { apiKey: string; url: string; filesUrl: string };
interface FetchEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
}
declare function addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;

const client = new WanClient({ apiKey: CONFIG.apiKey, baseURL: CONFIG.url, filesBaseURL: CONFIG.filesUrl, maxRetries: 3 });
/** Tasks the callback handler passed on, verified against the API. */
const verified: Task[] = [];
const callbacks = createCallbackHandler({ client, onTask: (task) => void verified.push(task) });

/** An error as JSON: its class and the fields a caller would read. */
function described(error: unknown): Record<string, unknown> {
  const e = error as EvoLinkError & Record<'feature' | 'option' | 'status' | 'idempotencyKey' | 'mayHaveReachedServer', unknown>;
  const { name, message, feature, option, status, idempotencyKey, mayHaveReachedServer } = e;
  return {
    error: name,
    message,
    isEvoLinkError: error instanceof EvoLinkError,
    feature,
    option,
    status,
    idempotencyKey,
    mayHaveReachedServer,
  };
}

async function route(request: Request, event: FetchEvent): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  if (pathname === '/create-and-wait') {
    const task = await client.textToVideo({ prompt: 'A cat in the rain', duration: 5 }).waitForResult({ pollInterval: 10 });
    return Response.json({ id: task.id, status: task.status, url: task.url, runtime: { process: typeof process, buffer: typeof Buffer } });
  }
  if (pathname === '/create') {
    const timeout = Number(searchParams.get('timeout') ?? 60_000);
    const task = await client.textToVideo({ prompt: searchParams.get('prompt')! }, { timeout });
    return Response.json({ id: task.id });
  }
  if (pathname === '/create-with-callback') {
    const task = await client.textToVideo({ prompt: 'A cat', callback_url: searchParams.get('hook')! });
    return Response.json({ id: task.id });
  }
  if (pathname === '/hook') {
    const answer = await callbacks(request);
    // A Worker ends when its response is sent: the verification in the background must be waited for.
    event.waitUntil(callbacks.idle());
    return answer;
  }
  if (pathname === '/verified') return Response.json(verified.map((task) => ({ id: task.id, status: task.status })));
  if (pathname === '/upload-blob') {
    const image = new Blob([await request.arrayBuffer()], { type: 'image/jpeg' });
    const task = await client.imageToVideo({ prompt: 'The cat yawns', image_start: image }).waitForResult({ pollInterval: 10 });
    return Response.json({ id: task.id });
  }
  if (pathname === '/download-stream') {
    const task = await client.textToVideo({ prompt: 'A cat' }).waitForResult({ pollInterval: 10 });
    // The video passed through to the caller as it downloads: no disk, no buffering of the whole file.
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const saving = task.download(writable).catch((error: unknown) => writable.abort(error));
    event.waitUntil(saving);
    return new Response(readable, { headers: { 'content-type': 'video/mp4', 'x-task-id': task.id } });
  }
  if (pathname === '/file-from') {
    await client.files.upload(fileFrom('/etc/hostname'));
    return Response.json({ error: 'none' });
  }
  if (pathname === '/download-to-path') {
    const task = await client.textToVideo({ prompt: 'A cat' }).waitForResult({ pollInterval: 10 });
    await client.download(task, '/tmp/cat.mp4');
    return Response.json({ error: 'none' });
  }
  if (pathname === '/browser') {
    // As in a web page: a window with a document.
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      const allowed = new WanClient({ apiKey: CONFIG.apiKey, baseURL: CONFIG.url, dangerouslyAllowBrowser: true });
      const { id } = await allowed.textToVideo({ prompt: 'A cat' });
      try {
        new WanClient({ apiKey: CONFIG.apiKey, baseURL: CONFIG.url });
        return Response.json({ id, refused: 'none' });
      } catch (error) {
        return Response.json({ id, refused: described(error) });
      }
    } finally {
      delete g.window;
    }
  }
  return new Response('not found', { status: 404 });
}

addEventListener('fetch', (event) => {
  event.respondWith(route(event.request, event).catch((error: unknown) => Response.json(described(error))));
});
