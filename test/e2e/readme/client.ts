// Names the README's fragments use without declaring them (see scripts/readme-blocks.mjs, prelude=client).
// EVOLINK_API_KEY and EVOLINK_BASE_URL point at a fresh fake EvoLink server.
import { type ImageToVideoParams, WanClient } from 'evolink-wan';

/** The client every fragment calls. */
export const client = new WanClient();
/** An image URL. */
export const url = 'https://example.com/cat.png';
/** Video clip URLs. */
export const clip = 'https://example.com/clip.mp4';
export const clip1 = 'https://example.com/clip1.mp4';
export const clip2 = 'https://example.com/clip2.mp4';
/** Parameters of a valid wan2.7 image-to-video request. */
export const params: ImageToVideoParams = { prompt: 'A cat playing piano', image_start: url };
/** A job of the caller's own, with a stored idempotency key. */
export const job = { key: 'readme-job-0001-idempotency' };
