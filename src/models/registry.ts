import type * as z from 'zod';
import type { ModelSchemas } from './builders.js';
import { modelBuilders } from './builders-loader.js';
import type { ModelDefinition, ModelFamily, ModelKind } from './define-model.js';
import { lazySchema } from './lazy.js';

/**
 * Declares a model: its family is read from the id (`wan2.6-…`, `wan2.7-…` or `wan3.0-…`), and its schema is built
 * the first time it is used (see {@link lazySchema}), by the model's builder, which loads with the client's engine.
 */
function declareModel<Id extends keyof ModelSchemas, K extends ModelKind>(id: Id, kind: K): ModelDefinition<Id, ModelSchemas[Id], K> {
  const schema = lazySchema(() => modelBuilders().SCHEMA_BUILDERS[id]() as ModelSchemas[Id]);
  return { id, family: id.slice(0, id.indexOf('-')) as ModelFamily, kind, schema };
}

/** Every model the SDK knows, by id. Order matters: the first model of a kind is its method's default (wan2.7). */
export const MODELS = {
  'wan2.7-text-to-video': declareModel('wan2.7-text-to-video', 'text-to-video'),
  'wan2.7-image-to-video': declareModel('wan2.7-image-to-video', 'image-to-video'),
  'wan2.7-reference-video': declareModel('wan2.7-reference-video', 'reference-video'),
  'wan2.7-video-edit': declareModel('wan2.7-video-edit', 'video-edit'),
  'wan2.6-text-to-video': declareModel('wan2.6-text-to-video', 'text-to-video'),
  'wan2.6-image-to-video': declareModel('wan2.6-image-to-video', 'image-to-video'),
  'wan2.6-image-to-video-flash': declareModel('wan2.6-image-to-video-flash', 'image-to-video'),
  'wan2.6-reference-video': declareModel('wan2.6-reference-video', 'reference-video'),
  'wan2.6-reference-video-flash': declareModel('wan2.6-reference-video-flash', 'reference-video'),
  'wan3.0-text-to-video': declareModel('wan3.0-text-to-video', 'text-to-video'),
  'wan3.0-image-to-video': declareModel('wan3.0-image-to-video', 'image-to-video'),
  'wan3.0-reference-video': declareModel('wan3.0-reference-video', 'reference-video'),
} as const satisfies Record<keyof ModelSchemas, ModelDefinition>;

/** Schema of `wan2.7-text-to-video` requests. Multi-shot is asked for in the prompt ("Shot 1 [0-3s] …"). */
export const Wan27TextToVideoSchema = MODELS['wan2.7-text-to-video'].schema;
/** Schema of `wan2.7-image-to-video` requests, including the generation_mode / material rules of the docs. */
export const Wan27ImageToVideoSchema = MODELS['wan2.7-image-to-video'].schema;
/** Schema of `wan2.7-reference-video` requests, with the reference, duration and voice-binding rules of the docs. */
export const Wan27ReferenceVideoSchema = MODELS['wan2.7-reference-video'].schema;
/** Schema of `wan2.7-video-edit` requests. */
export const Wan27VideoEditSchema = MODELS['wan2.7-video-edit'].schema;
/** Schema of `wan2.6-text-to-video` requests. */
export const Wan26TextToVideoSchema = MODELS['wan2.6-text-to-video'].schema;
/** Schema of `wan2.6-image-to-video` requests. */
export const Wan26ImageToVideoSchema = MODELS['wan2.6-image-to-video'].schema;
/** Schema of `wan2.6-image-to-video-flash` requests: as `wan2.6-image-to-video`, plus `generate_audio`. */
export const Wan26ImageToVideoFlashSchema = MODELS['wan2.6-image-to-video-flash'].schema;
/** Schema of `wan2.6-reference-video` requests. */
export const Wan26ReferenceVideoSchema = MODELS['wan2.6-reference-video'].schema;
/** Schema of `wan2.6-reference-video-flash` requests: as `wan2.6-reference-video`, plus `generate_audio`. */
export const Wan26ReferenceVideoFlashSchema = MODELS['wan2.6-reference-video-flash'].schema;
/** Schema of `wan3.0-text-to-video` requests: the prompt alone, no media input of any kind. */
export const Wan30TextToVideoSchema = MODELS['wan3.0-text-to-video'].schema;
/** Schema of `wan3.0-image-to-video` requests: a strict first frame, optionally a strict last frame; no reference material. */
export const Wan30ImageToVideoSchema = MODELS['wan3.0-image-to-video'].schema;
/** Schema of `wan3.0-reference-video` requests, with the material, file/link and duration rules of the docs. */
export const Wan30ReferenceVideoSchema = MODELS['wan3.0-reference-video'].schema;

/** Id of a supported model, e.g. `'wan2.7-image-to-video'`. */
export type ModelId = keyof typeof MODELS;

/** Parameters of one model (what you pass, snake_case). */
export type ParamsOf<M extends ModelId> = z.input<(typeof MODELS)[M]['schema']>;

/** Ids of the models of one kind. */
export type ModelIdOfKind<K extends ModelKind> = {
  [M in ModelId]: (typeof MODELS)[M]['kind'] extends K ? M : never;
}[ModelId];

/** The ids of every supported model. */
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

/** The ids of the models of one kind, in registry order (the default first). */
export function modelsOfKind<K extends ModelKind>(kind: K): ModelIdOfKind<K>[] {
  return MODEL_IDS.filter((id) => MODELS[id].kind === kind) as ModelIdOfKind<K>[];
}

/** Looks a model up by id (`undefined` for an unknown one). */
export function getModel(id: unknown): ModelDefinition | undefined {
  return typeof id === 'string' && Object.hasOwn(MODELS, id) ? (MODELS[id as ModelId] as ModelDefinition) : undefined;
}

const jsonSchemas = new Map<ModelId, Record<string, unknown>>();

/**
 * The JSON Schema (draft 2020-12) of a model's parameters, e.g. for forms or LLM tool definitions. It carries every
 * field-level rule (types, enums, ranges, lengths, formats, no unknown fields); cross-field rules from the docs' prose
 * (such as which generation_mode takes which materials) are enforced by the SDK but cannot be expressed in it.
 */
export function modelJsonSchema(id: ModelId): Record<string, unknown> {
  let schema = jsonSchemas.get(id);
  if (!schema) {
    schema = modelBuilders().inputJsonSchema(MODELS[id].schema);
    jsonSchemas.set(id, schema);
  }
  return structuredClone(schema);
}
