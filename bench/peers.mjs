// The same two calls, "read a task" and "create a task", made by each client measured, all pointed at one loopback
// server through their own base-URL option. Each factory returns { get(), create(), close() }.
import { readFileSync } from 'node:fs';
import Runway from '@runwayml/sdk';
import OpenAI from 'openai';
import Replicate from 'replicate';
import { Agent, request } from 'undici';
import { WanClient } from '../dist/index.js';

/** The peer SDKs' versions, as pinned in devDependencies. */
export const PEER_VERSIONS = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).devDependencies;

const KEY = 'sk-bench-0123456789abcdef';
const TASK_ID = 'task-unified-1757169743-7cvnl5zw';
const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
const headers = { authorization: `Bearer ${KEY}`, accept: 'application/json' };
const jsonHeaders = { ...headers, 'content-type': 'application/json' };

/** The floor: undici's request() on a keep-alive Agent, JSON.stringify and body.json(), nothing else. */
function rawUndici(base) {
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
  const body = JSON.stringify({ model: 'wan2.7-image-to-video', generation_mode: 'first_frame', ...PARAMS });
  return {
    get: async () => (await request(`${base}/v1/tasks/${TASK_ID}`, { headers, dispatcher })).body.json(),
    create: async () =>
      (await request(`${base}/v1/videos/generations`, { method: 'POST', headers: jsonHeaders, body, dispatcher })).body.json(),
    close: () => dispatcher.close(),
  };
}

/** Node's global fetch, as hand-written code would use it. */
function globalFetch(base) {
  const body = JSON.stringify({ model: 'wan2.7-image-to-video', generation_mode: 'first_frame', ...PARAMS });
  return {
    get: async () => (await fetch(`${base}/v1/tasks/${TASK_ID}`, { headers })).json(),
    create: async () => (await fetch(`${base}/v1/videos/generations`, { method: 'POST', headers: jsonHeaders, body })).json(),
    close: async () => {},
  };
}

function evolinkWan(base) {
  const client = new WanClient({ apiKey: KEY, baseURL: base });
  return { get: () => client.tasks.get(TASK_ID), create: () => client.imageToVideo(PARAMS), close: () => client.close() };
}

/** openai: videos.retrieve for the read; its videos.create is multipart, so the create is its generic JSON post(). */
function openai(base) {
  const client = new OpenAI({ apiKey: KEY, baseURL: `${base}/v1` });
  const body = { model: 'wan2.7-image-to-video', ...PARAMS };
  return { get: () => client.videos.retrieve(TASK_ID), create: () => client.post('/videos/generations', { body }), close: async () => {} };
}

function runway(base) {
  const client = new Runway({ apiKey: KEY, baseURL: base });
  const body = { model: 'gen4_turbo', promptImage: PARAMS.image_start, promptText: PARAMS.prompt, ratio: '1280:720' };
  return { get: () => client.tasks.retrieve(TASK_ID), create: () => client.imageToVideo.create(body), close: async () => {} };
}

function replicate(base) {
  const client = new Replicate({ auth: KEY, baseUrl: `${base}/v1` });
  const input = { version: '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa', input: PARAMS };
  return { get: () => client.predictions.get(TASK_ID), create: () => client.predictions.create(input), close: async () => {} };
}

/** Every client, baseline first. */
export const CLIENTS = [
  { name: 'undici.request (raw)', make: rawUndici },
  { name: 'global fetch (raw)', make: globalFetch },
  { name: 'evolink-wan', make: evolinkWan },
  { name: `openai ${PEER_VERSIONS.openai}`, make: openai },
  { name: `@runwayml/sdk ${PEER_VERSIONS['@runwayml/sdk']}`, make: runway },
  { name: `replicate ${PEER_VERSIONS.replicate}`, make: replicate },
];
