import type * as z from 'zod';
import type { ModelDefinition, ModelKind } from './define-model.js';
import { wan27ImageToVideo } from './wan27/image-to-video.js';

/** Every model the SDK knows, by id. */
export const MODELS = {
  [wan27ImageToVideo.id]: wan27ImageToVideo,
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

/** Looks a model up by id (`undefined` for an unknown one). */
export function getModel(id: unknown): ModelDefinition | undefined {
  return typeof id === 'string' && Object.hasOwn(MODELS, id) ? (MODELS[id as ModelId] as ModelDefinition) : undefined;
}
