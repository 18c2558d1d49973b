import type { input } from 'zod/mini';
import { type ModelSchemas, SCHEMA_BUILDERS } from './builders.js';
import type { ModelDefinition, ModelFamily, ModelKind } from './define-model.js';
import { jsonSchemaOf } from './json-schemas.js';
import { useEnglishMessages } from './zod-kit.js';

/**
 * Declares a model: its family is read from the id (`wan2.6-…`, `wan2.7-…` or `wan3.0-…`). Its zod schema is built
 * the first time `schema` is read, by a getter that then replaces itself with the value (zod's own `defineLazy`
 * pattern): importing the SDK builds no schema, and a dozen of them cost ~10 ms.
 */
function declareModel<Id extends keyof ModelSchemas, K extends ModelKind>(id: Id, kind: K): ModelDefinition<Id, ModelSchemas[Id], K> {
  const model = { id, family: id.slice(0, id.indexOf('-')) as ModelFamily, kind } as ModelDefinition<Id, ModelSchemas[Id], K>;
  return Object.defineProperty(model, 'schema', {
    configurable: true,
    enumerable: true,
    get() {
      useEnglishMessages();
      const schema = SCHEMA_BUILDERS[id]() as ModelSchemas[Id];
      Object.defineProperty(model, 'schema', { value: schema, enumerable: true, writable: false, configurable: false });
      return schema;
    },
  });
}

/**
 * Every model the SDK knows, by id, each with its zod schema (`MODELS['wan2.7-image-to-video'].schema`, built on first
 * read). Order matters: the first model of a kind is its method's default (wan2.7).
 */
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

/** Id of a supported model, e.g. `'wan2.7-image-to-video'`. */
export type ModelId = keyof typeof MODELS;

/** Parameters of one model (what you pass, snake_case). */
export type ParamsOf<M extends ModelId> = input<(typeof MODELS)[M]['schema']>;

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
    schema = jsonSchemaOf(id, () => MODELS[id].schema);
    jsonSchemas.set(id, schema);
  }
  return structuredClone(schema);
}
