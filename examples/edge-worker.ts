// A Cloudflare Worker (the same code runs on Vercel Edge): submits a generation from an uploaded image, receives
// EvoLink's callback and streams the finished video to the browser. Bundled by wrangler, `evolink-wan` resolves to
// its edge build (fetch only, no Node.js). See docs/edge.md.
//
//   POST /generate           multipart form with `image` (a file) and `prompt`   → { id }
//   POST /evolink/<TOKEN>    EvoLink's callback                                  → 202, verified in the background
//   GET  /video/<task id>    the result, streamed through the Worker             → video/mp4
import { createCallbackHandler, type Task, WanClient } from 'evolink-wan';

/** The Worker's bindings: `wrangler secret put EVOLINK_API_KEY`, and an unguessable path token for callbacks. */
interface Env {
  EVOLINK_API_KEY: string;
  CALLBACK_TOKEN: string;
  PUBLIC_ORIGIN: string;
}
/** The part of Cloudflare's `ExecutionContext` used here. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** Called with each finished task, as the API reports it (store it, notify someone…). */
async function onTask(task: Task): Promise<void> {
  console.log('task ended', task.id, task.status, task.results?.[0] ?? task.error?.code);
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const client = new WanClient({ apiKey: env.EVOLINK_API_KEY });
    const { pathname } = new URL(request.url);

    if (request.method === 'POST' && pathname === '/generate') {
      const form = await request.formData();
      const image = form.get('image');
      if (!(image instanceof File)) return new Response('an image file is required', { status: 400 });
      // The File is uploaded to EvoLink's files API, then the task is created with its URL.
      const task = await client.imageToVideo({
        prompt: String(form.get('prompt') ?? ''),
        image_start: image,
        callback_url: `${env.PUBLIC_ORIGIN}/evolink/${env.CALLBACK_TOKEN}`,
      });
      return Response.json({ id: task.id });
    }

    if (request.method === 'POST' && pathname === `/evolink/${env.CALLBACK_TOKEN}`) {
      const handler = createCallbackHandler({ client, onTask });
      const answer = await handler(request); // 202 at once; the task is re-read from the API
      ctx.waitUntil(handler.idle()); // a Worker stops when it has answered: keep it for the verification
      return answer;
    }

    const video = /^\/video\/([\w-]+)$/.exec(pathname);
    if (request.method === 'GET' && video) {
      const task = await client.tasks.get(video[1]!);
      if (task.status !== 'completed') return Response.json({ status: task.status, progress: task.progress }, { status: 409 });
      // Streamed through as it downloads: the Worker has no disk and never holds the whole video.
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      ctx.waitUntil(client.download(task.results![0]!, writable).catch((error: unknown) => writable.abort(error)));
      return new Response(readable, { headers: { 'content-type': 'video/mp4' } });
    }

    return new Response('not found', { status: 404 });
  },
};
