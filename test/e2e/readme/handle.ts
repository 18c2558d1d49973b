// A submitted task for the README's waiting fragments (see scripts/readme-blocks.mjs, prelude=handle).
import { client, params } from './client.js';

/** Aborts the wait when the caller wants. */
export const controller = new AbortController();
/** The handle of a task submitted with `params`. */
export const handle = client.imageToVideo(params);
