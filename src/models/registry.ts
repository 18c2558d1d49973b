import * as z from 'zod';
import type { ModelDefinition, ModelKind } from './define-model.js';
import { wan26ImageToVideo, wan26ImageToVideoFlash } from './wan26/image-to-video.js';
import { wan26ReferenceVideo, wan26ReferenceVideoFlash } from './wan26/reference-video.js';
import { wan26TextToVideo } from './wan26/text-to-video.js';
import { wan27ImageToVideo } from './wan27/image-to-video.js';
import { wan27ReferenceVideo } from './wan27/reference-video.js';
import { wan27TextToVideo } from './wan27/text-to-video.js';
import { wan27VideoEdit } from './wan27/video-edit.js';
import { wan30ImageToVideo } from './wan30/image-to-video.js';
import { wan30ReferenceVideo } from './wan30/reference-video.js';
import { wan30TextToVideo } from './wan30/text-to-video.js';

/** Every model the SDK knows, by id. Order matters: the first model of a kind is its method's default (wan2.7). */
export const MODELS = {
  [wan27TextToVideo.id]: wan27TextToVideo,
  [wan27ImageToVideo.id]: wan27ImageToVideo,
  [wan27ReferenceVideo.id]: wan27ReferenceVideo,
  [wan27VideoEdit.id]: wan27VideoEdit,
  [wan26TextToVideo.id]: wan26TextToVideo,
  [wan26ImageToVideo.id]: wan26ImageToVideo,
  [wan26ImageToVideoFlash.id]: wan26ImageToVideoFlash,
  [wan26ReferenceVideo.id]: wan26ReferenceVideo,
  [wan26ReferenceVideoFlash.id]: wan26ReferenceVideoFlash,
  [wan30TextToVideo.id]: wan30TextToVideo,
  [wan30ImageToVideo.id]: wan30ImageToVideo,
  [wan30ReferenceVideo.id]: wan30ReferenceVideo,
} as const satisfies Record<string, ModelDefinition>;

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
    schema = z.toJSONSchema(MODELS[id].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    jsonSchemas.set(id, schema);
  }
  return structuredClone(schema);
}
