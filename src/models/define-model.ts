import type * as z from 'zod';
import { isRecord } from '../internal/is-record.js';

/** What a model does; each kind has its own client method. */
export type ModelKind = 'text-to-video' | 'image-to-video' | 'reference-video' | 'video-edit';

/** A model generation; every model id starts with its family and a dash. */
export type ModelFamily = 'wan2.6' | 'wan2.7' | 'wan3.0';

/** A cross-field rule from the vendor's prose, run after (and alongside) the field checks. */
export type Rule<T> = (data: Partial<T>, ctx: { issue(path: (string | number)[], message: string): void }) => void;

/** A model: its id, family, kind, zod schema, and an optional final touch on the validated body. */
export interface ModelDefinition<Id extends string = string, S extends z.ZodType = z.ZodType, K extends ModelKind = ModelKind> {
  id: Id;
  family: ModelFamily;
  kind: K;
  schema: S;
  /** Turns validated parameters into the request body (e.g. sends the inferred `generation_mode`). */
  toBody?: (data: z.output<S>) => Record<string, unknown>;
}

/** Declares a model; its family is read from the id (`wan2.6-…`, `wan2.7-…` or `wan3.0-…`). */
export function defineModel<Id extends `${ModelFamily}-${string}`, K extends ModelKind, S extends z.ZodType>(
  id: Id,
  kind: K,
  schema: S,
  toBody?: (data: z.output<S>) => Record<string, unknown>,
): ModelDefinition<Id, S, K> {
  const family = id.slice(0, id.indexOf('-')) as ModelFamily;
  return toBody ? { id, family, kind, schema, toBody } : { id, family, kind, schema };
}

/**
 * Attaches prose rules to an object schema. They run whenever the input is an object, even when a field already
 * failed, so the caller sees every problem at once; rules therefore read `data` defensively.
 */
export function withRules<S extends z.ZodObject>(schema: S, rules: Rule<z.input<S>>[]): S {
  return schema.superRefine(
    (data, ctx) => {
      const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
      for (const rule of rules) rule(data as Partial<z.input<S>>, { issue });
    },
    { when: (payload) => isRecord(payload.value) },
  );
}

/** `true` when an optional field was given (arrays count even when empty, so "exactly one" can complain). */
export function present(value: unknown): boolean {
  return value !== undefined;
}
