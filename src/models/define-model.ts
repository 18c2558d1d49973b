import { type input, superRefine, type ZodMiniObject, type ZodMiniType } from 'zod/mini';
import { isRecord } from '../internal/is-record.js';
import { compileFields } from './compile-fields.js';

/** What a model does; each kind has its own client method. */
export type ModelKind = 'text-to-video' | 'image-to-video' | 'reference-video' | 'video-edit';

/** A model generation; every model id starts with its family and a dash. */
export type ModelFamily = 'wan2.6' | 'wan2.7' | 'wan3.0';

/** A cross-field rule from the vendor's prose, run after (and alongside) the field checks. */
export type Rule<T> = (data: Partial<T>, ctx: { issue(path: (string | number)[], message: string): void }) => void;

/** A model: its id, family, kind and zod schema (built on first use). */
export interface ModelDefinition<Id extends string = string, S extends ZodMiniType = ZodMiniType, K extends ModelKind = ModelKind> {
  id: Id;
  family: ModelFamily;
  kind: K;
  schema: S;
}

/**
 * Attaches prose rules to an object schema. They run whenever the input is an object, even when a field already
 * failed, so the caller sees every problem at once; rules therefore read `data` defensively.
 */
export function withRules<S extends ZodMiniObject>(schema: S, rules: Rule<input<S>>[]): S {
  const checked = schema.check(
    superRefine(
      (data, ctx) => {
        const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
        for (const rule of rules) rule(data as Partial<input<S>>, { issue });
      },
      { when: (payload) => isRecord(payload.value) },
    ),
  );
  const parts: RuledParts = { fields: schema, rules: rules as Rule<unknown>[] };
  return Object.defineProperty(checked, RULED, { value: parts });
}

/** Where {@link withRules} leaves the field schema and the rules it combined, for {@link parseValid}. */
const RULED = Symbol('evolink-wan.rules');

interface RuledParts {
  fields: ZodMiniType;
  rules: Rule<unknown>[];
}

type FastParse = (input: Record<string, unknown>) => Record<string, unknown> | undefined;

const fastParsers = new WeakMap<ModelDefinition, FastParse>();

/** An issue collector for the fast path: it only needs to know that a rule found something. */
const ruleVerdict = {
  failed: false,
  issue(): void {
    ruleVerdict.failed = true;
  },
};

/**
 * The validated parameters when `input` is valid for `model`, by the same checks as its schema, on a faster path: zod's
 * compiled validator (`compile`, built on first use) for the field checks, then the prose rules. `undefined` when
 * anything is wrong: the caller then runs the schema itself, which reports every issue exactly as before. (zod cannot
 * compile the schema whole: its rules run even when a field failed, which the compiler does not model.)
 */
export function parseValid(model: ModelDefinition, input: Record<string, unknown>): Record<string, unknown> | undefined {
  let parse = fastParsers.get(model);
  if (parse === undefined) {
    parse = buildFastParse(model.schema);
    fastParsers.set(model, parse);
  }
  return parse(input);
}

function buildFastParse(schema: ZodMiniType): FastParse {
  const { fields, rules } = ((schema as { [RULED]?: RuledParts })[RULED] ?? { fields: schema, rules: [] }) satisfies RuledParts;
  // A schema zod cannot compile comes back as it is: still the same checks, at the runtime parser's speed.
  const compiled = compileFields(fields);
  return (input) => {
    const result = compiled.safeParse(input);
    if (!result.success || !isRecord(result.data)) return undefined;
    ruleVerdict.failed = false;
    for (const rule of rules) rule(result.data, ruleVerdict);
    return ruleVerdict.failed ? undefined : result.data;
  };
}

/** `true` when an optional field was given (arrays count even when empty, so "exactly one" can complain). */
export function present(value: unknown): boolean {
  return value !== undefined;
}
