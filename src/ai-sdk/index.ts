import { WanClient } from '../client.js';
import type { ClientOptions } from '../client-options.js';
import { InvalidOptionError } from '../errors/index.js';
import { suggestName } from '../internal/suggest-name.js';
import { getModel, MODEL_IDS, type ModelId, type ParamsOf } from '../models/registry.js';
import { EvoLinkVideoModel } from './video-model.js';

export { EvoLinkVideoModel, type EvoLinkOperation, type EvoLinkVideoMetadata } from './video-model.js';

/**
 * `providerOptions.evolink` of a call to model `M`: any of its parameters the AI SDK's standard options do not cover
 * (`negative_prompt`, `prompt_extend`, `generation_mode`, `model_params`, …), checked by the SDK with the rest.
 * Media here are URLs (provider options are JSON); pass local images through the prompt or `frameImages`.
 * @example
 * ```ts
 * providerOptions: { evolink: { negative_prompt: 'blurry', prompt_extend: true } satisfies EvoLinkVideoOptions<'wan2.7-text-to-video'> }
 * ```
 */
export type EvoLinkVideoOptions<M extends ModelId = ModelId> = M extends ModelId ? Partial<Omit<ParamsOf<M>, 'model'>> : never;

/** Options of {@link createEvoLink}: the `WanClient` options, or a client of your own. */
export interface EvoLinkProviderSettings extends ClientOptions {
  /** A client to use instead of making one from the options (which are then ignored). */
  client?: WanClient | undefined;
}

/** A download function for the AI SDK's `download` option. */
export type EvoLinkDownload = (options: {
  url: URL;
  abortSignal?: AbortSignal;
}) => Promise<{ data: Uint8Array; mediaType: string | undefined }>;

/** The EvoLink provider for the Vercel AI SDK: `provider.video('wan2.7-text-to-video')`. */
export interface EvoLinkProvider {
  /** The video model with this id, for `experimental_generateVideo`, `experimental_startVideo` and `experimental_getVideoStatus`. */
  (modelId: ModelId): EvoLinkVideoModel;
  /** The video model with this id. */
  video(modelId: ModelId): EvoLinkVideoModel;
  /** Same as {@link EvoLinkProvider.video}, under the AI SDK's usual name. */
  videoModel(modelId: ModelId): EvoLinkVideoModel;
  /**
   * Downloads a result for the AI SDK's `download` option through the SDK (streamed, resumed after a dropped
   * connection, checked against the announced size; the key is never sent to the result host). The AI SDK's own
   * download refuses private and loopback hosts, which a local test gateway is.
   */
  download: EvoLinkDownload;
  /** The client the models call, made on first use. */
  readonly client: WanClient;
}

function checkedModel(modelId: unknown): ModelId {
  if (getModel(modelId)) return modelId as ModelId;
  const suggestion = typeof modelId === 'string' ? suggestName(modelId, MODEL_IDS) : undefined;
  throw new InvalidOptionError(
    'modelId',
    `Unknown EvoLink video model ${String(modelId)}${suggestion ? `; did you mean ${suggestion}?` : ''}; one of: ${MODEL_IDS.join(', ')}.`,
  );
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Makes an EvoLink provider for the Vercel AI SDK (`ai` 7). Each model maps the AI SDK's standard options onto its
 * own parameters (`prompt`, `duration`, `aspectRatio`, `resolution` → `quality`, `seed`, `generateAudio`), takes
 * any other parameter from `providerOptions.evolink`, and warns about options it has no field for. The client is made
 * on first use, from `settings` (or the environment: `EVOLINK_API_KEY`, …).
 * @example
 * ```ts
 * import { experimental_generateVideo as generateVideo } from 'ai';
 * import { createEvoLink } from 'evolink-wan/ai-sdk';
 * const evolink = createEvoLink({ apiKey: process.env.EVOLINK_API_KEY });
 * const { video } = await generateVideo({ model: evolink.video('wan2.7-text-to-video'), prompt: 'A cat playing piano', duration: 5 });
 * ```
 */
export function createEvoLink(settings: EvoLinkProviderSettings = {}): EvoLinkProvider {
  const { client: given, ...clientOptions } = settings;
  let client = given;
  const clientOf = (): WanClient => {
    client ??= new WanClient(clientOptions);
    return client;
  };
  const meta = { provider: 'evolink', webhooks: (settings.provider ?? 'evolink') === 'evolink' };
  const video = (modelId: ModelId): EvoLinkVideoModel => new EvoLinkVideoModel(checkedModel(modelId), clientOf, meta);
  const download: EvoLinkDownload = async ({ url, abortSignal }) => {
    const chunks: Uint8Array[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) });
    const saved = await clientOf().download(url.href, sink, { signal: abortSignal });
    return { data: concat(chunks), mediaType: saved.contentType };
  };
  const provider = Object.assign((modelId: ModelId) => video(modelId), { video, videoModel: video, download });
  // A getter, not a value: the client (and the key it needs) is made only when something uses it.
  return Object.defineProperty(provider, 'client', { get: clientOf, enumerable: true }) as EvoLinkProvider;
}

/**
 * The default EvoLink provider: its client reads the environment (`EVOLINK_API_KEY`, `EVOLINK_BASE_URL`,
 * `EVOLINK_FILES_BASE_URL`) on first use.
 * @example
 * ```ts
 * import { experimental_generateVideo as generateVideo } from 'ai';
 * import { evolink } from 'evolink-wan/ai-sdk';
 * const { video } = await generateVideo({ model: evolink.video('wan2.7-text-to-video'), prompt: 'A cat playing piano' });
 * ```
 */
export const evolink: EvoLinkProvider = createEvoLink();
