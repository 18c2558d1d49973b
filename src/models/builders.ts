import { toJSONSchema, type ZodMiniType } from 'zod/mini';
import { buildWan26ImageToVideoFlashSchema, buildWan26ImageToVideoSchema } from './wan26/image-to-video.js';
import { buildWan26ReferenceVideoFlashSchema, buildWan26ReferenceVideoSchema } from './wan26/reference-video.js';
import { buildWan26TextToVideoSchema } from './wan26/text-to-video.js';
import { buildWan27ImageToVideoSchema, wan27ImageToVideoBody } from './wan27/image-to-video.js';
import { buildWan27ReferenceVideoSchema } from './wan27/reference-video.js';
import { buildWan27TextToVideoSchema } from './wan27/text-to-video.js';
import { buildWan27VideoEditSchema } from './wan27/video-edit.js';
import { buildWan30ImageToVideoSchema } from './wan30/image-to-video.js';
import { buildWan30ReferenceVideoSchema } from './wan30/reference-video.js';
import { buildWan30TextToVideoSchema } from './wan30/text-to-video.js';

/**
 * How each model's zod schema is built, by model id: the registry's `schema` getters call these on first read.
 */
export const SCHEMA_BUILDERS = {
  'wan2.7-text-to-video': buildWan27TextToVideoSchema,
  'wan2.7-image-to-video': buildWan27ImageToVideoSchema,
  'wan2.7-reference-video': buildWan27ReferenceVideoSchema,
  'wan2.7-video-edit': buildWan27VideoEditSchema,
  'wan2.6-text-to-video': buildWan26TextToVideoSchema,
  'wan2.6-image-to-video': buildWan26ImageToVideoSchema,
  'wan2.6-image-to-video-flash': buildWan26ImageToVideoFlashSchema,
  'wan2.6-reference-video': buildWan26ReferenceVideoSchema,
  'wan2.6-reference-video-flash': buildWan26ReferenceVideoFlashSchema,
  'wan3.0-text-to-video': buildWan30TextToVideoSchema,
  'wan3.0-image-to-video': buildWan30ImageToVideoSchema,
  'wan3.0-reference-video': buildWan30ReferenceVideoSchema,
} as const;

/** The zod schema of each model, by id. */
export type ModelSchemas = { [M in keyof typeof SCHEMA_BUILDERS]: ReturnType<(typeof SCHEMA_BUILDERS)[M]> };

/** Models whose request body is more than their validated parameters, and how it is made. */
export const BODY_BUILDERS: Readonly<Partial<Record<keyof typeof SCHEMA_BUILDERS, (data: never) => Record<string, unknown>>>> = {
  'wan2.7-image-to-video': wan27ImageToVideoBody,
};

/** The JSON Schema (draft 2020-12) of a model schema's input, for {@link modelJsonSchema}. */
export function inputJsonSchema(schema: ZodMiniType): Record<string, unknown> {
  return toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
