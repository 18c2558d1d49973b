import type {
  SharedV4Warning,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4File as VideoModelV4File,
} from '@ai-sdk/provider';
import { InvalidOptionError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { MEDIA_FIELDS } from '../media/limits.js';
import { MODELS, type ModelId, modelJsonSchema } from '../models/registry.js';

/** Where each scalar call option of the AI SDK goes in a model's parameters, when the model has that field. */
const SCALAR_FIELDS = {
  prompt: 'prompt',
  duration: 'duration',
  aspectRatio: 'aspect_ratio',
  seed: 'seed',
  generateAudio: 'generate_audio',
  fps: 'fps',
} as const satisfies Partial<Record<keyof VideoModelV4CallOptions, string>>;

/** What one AI SDK call becomes: the model's parameters (media as URLs or bytes) and the warnings for what was dropped. */
export interface MappedCall {
  params: Record<string, unknown>;
  warnings: SharedV4Warning[];
}

/** `1280x720` → `720p`: Wan's quality names the short side of the frame. */
function qualityOf(resolution: string): string {
  const [width, height] = resolution.split('x').map(Number);
  return `${Math.min(width ?? 0, height ?? 0)}p`;
}

/** A file of the AI SDK as the SDK's methods take media: a URL string, or bytes the SDK checks and uploads. */
function mediaOf(file: VideoModelV4File): string | Uint8Array {
  if (file.type === 'url') return file.url;
  // atob, not Buffer: the provider runs on edge runtimes too.
  return typeof file.data === 'string' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : file.data;
}

/** The model's first media field taking images (`image_urls` of wan2.6 image-to-video): its first frame when it has no `image_start`. */
function firstImageField(model: ModelId): string | undefined {
  const entry = Object.entries(MEDIA_FIELDS[model]).find(([, rule]) => rule.formats.includes('jpeg'));
  return entry?.[0];
}

/**
 * Maps the AI SDK's standard call options onto one model's parameters, by the fields of its JSON Schema: an option the
 * model has no field for becomes an `unsupported` warning, never a silent drop. `providerOptions.evolink` is merged
 * last (any other field of the model). Nothing is validated here: the SDK does that when the call is made.
 */
export function mapCallOptions(model: ModelId, options: VideoModelV4CallOptions & { webhookUrl?: string }): MappedCall {
  const fields = (modelJsonSchema(model).properties ?? {}) as Record<string, unknown>;
  const params: Record<string, unknown> = { model };
  const warnings: SharedV4Warning[] = [];
  const put = (feature: string, field: string, value: unknown): void => {
    if (value === undefined) return;
    if (Object.hasOwn(fields, field)) params[field] = value;
    else warnings.push({ type: 'unsupported', feature, details: `${model} has no ${field} parameter; the option was not sent.` });
  };
  for (const [option, field] of Object.entries(SCALAR_FIELDS)) put(option, field, options[option as keyof typeof SCALAR_FIELDS]);
  if (options.resolution !== undefined) put('resolution', 'quality', qualityOf(options.resolution));
  put('webhook', 'callback_url', options.webhookUrl);

  const framed = options.frameImages?.find((f) => f.frameType === 'first_frame')?.image;
  if (framed && options.image) {
    warnings.push({ type: 'other', message: 'Both a prompt image and a first_frame frame image were given: the frame image was used.' });
  }
  const firstFrame = framed ?? options.image;
  if (firstFrame) {
    const field = Object.hasOwn(fields, 'image_start')
      ? 'image_start'
      : MODELS[model].kind === 'image-to-video'
        ? firstImageField(model)
        : undefined;
    if (field === undefined) {
      warnings.push({ type: 'unsupported', feature: 'image', details: `${model} takes no first frame; pass images as inputReferences.` });
    } else {
      const list = field.endsWith('[]');
      put('image', field.replace(/\[\]$/, ''), list ? [mediaOf(firstFrame)] : mediaOf(firstFrame));
    }
  }
  const lastFrame = options.frameImages?.find((f) => f.frameType === 'last_frame')?.image;
  if (lastFrame) put('frameImages', 'image_end', mediaOf(lastFrame));
  for (const reference of options.inputReferences ?? []) {
    const kind = (reference.mediaType ?? (reference.type === 'url' ? '' : 'image/')).split('/')[0];
    const field = kind === 'video' ? 'video_urls' : kind === 'audio' ? 'audio_urls' : 'image_urls';
    const isReferenceModel = MODELS[model].kind === 'reference-video' || MODELS[model].kind === 'video-edit';
    if (isReferenceModel && Object.hasOwn(fields, field)) params[field] = [...((params[field] as unknown[]) ?? []), mediaOf(reference)];
    else
      warnings.push({
        type: 'unsupported',
        feature: 'inputReferences',
        details: `${model} takes no ${kind || 'media'} references in ${field}.`,
      });
  }
  if (options.n > 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'n',
      details: `Each Wan task makes one video: ${options.n} were asked, one is generated.`,
    });
  }

  const own = options.providerOptions.evolink;
  if (own !== undefined) {
    if (!isRecord(own))
      throw new InvalidOptionError('providerOptions.evolink', 'providerOptions.evolink must be an object of model parameters.');
    for (const [field, value] of Object.entries(own)) if (field !== 'model' && value !== undefined) params[field] = value;
  }
  return { params, warnings };
}
