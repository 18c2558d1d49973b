import type { Wan27ImageToVideoParams } from './models/wan27/image-to-video.js';

/** Makes `model` optional: the method's default model is used when it is omitted. */
export type WithDefaultModel<P extends { model: string }> = Omit<P, 'model'> & { model?: P['model'] | undefined };

/** Parameters of `client.imageToVideo()`: `wan2.7-image-to-video` (default). */
export type ImageToVideoParams = WithDefaultModel<Wan27ImageToVideoParams>;
