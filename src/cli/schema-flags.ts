import { type ModelId, modelJsonSchema } from '../models/registry.js';
import type { FlagOptions, FlagValues } from './args.js';
import { UsageError } from './exit-codes.js';
import { type JsonNode, kindOf, type ValueKind } from './json-schema.js';

/** One model parameter as a command-line flag. */
export interface ParamFlag {
  /** Body field, e.g. `image_start`. */
  field: string;
  /** Flag name without dashes, e.g. `image-start`. */
  flag: string;
  kind: ValueKind;
  node: JsonNode;
  required: boolean;
}

/** `image_start` → `image-start`. */
export function flagName(field: string): string {
  return field.replace(/_/g, '-');
}

/** Every parameter of a model as a flag, in schema order; `model` is the command's own `--model`. */
export function paramFlags(model: ModelId): ParamFlag[] {
  const schema = modelJsonSchema(model) as JsonNode;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([field]) => field !== 'model')
    .map(([field, node]) => ({ field, flag: flagName(field), kind: kindOf(node), node, required: required.has(field) }));
}

function optionFor(kind: ValueKind): FlagOptions[string] {
  if (kind === 'boolean') return { type: 'boolean' };
  return kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' };
}

/**
 * The `parseArgs` options for the parameters of several models (a command's choice of models): the union of their
 * flags. Should two models type a field differently, the flag takes text (and lists) and the chosen model's schema
 * converts it.
 */
export function paramOptions(models: readonly ModelId[]): FlagOptions {
  const options: FlagOptions = {};
  for (const model of models) {
    for (const param of paramFlags(model)) {
      const wanted = optionFor(param.kind);
      const had = options[param.flag];
      options[param.flag] =
        had === undefined || (had.type === wanted.type && had.multiple === wanted.multiple) ? wanted : { type: 'string', multiple: true };
    }
  }
  return options;
}

/** The models (of `models`) that take a flag, for "use --model …" hints. */
function modelsWith(flag: string, models: readonly ModelId[]): ModelId[] {
  return models.filter((model) => paramFlags(model).some((p) => p.flag === flag));
}

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a number; got "${text}".`);
  return value;
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${flag} must be JSON, e.g. --${flag} '{"key":"value"}' (${(error as Error).message}).`);
  }
}

function convert(param: ParamFlag, raw: string | boolean): unknown {
  const text = String(raw);
  switch (param.kind) {
    case 'number':
      return parseNumber(param.flag, text);
    case 'json':
      return parseJson(param.flag, text);
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (text === 'true' || text === 'false') return text === 'true';
      throw new UsageError(`--${param.flag} is on or off: write --${param.flag} or --no-${param.flag}.`);
    case 'any':
      return /^[[{"\d-]|^(true|false|null)$/.test(text) ? parseJson(param.flag, text) : text;
    default:
      return text;
  }
}

/**
 * The request parameters from the parsed flags, for `model`. A flag of another model of the command is a
 * `UsageError` naming the models that take it; values are converted by the model's schema (numbers, JSON objects,
 * booleans, repeated flags as lists). Whether the values are valid is left to the SDK's validation.
 */
export function paramsFromFlags(model: ModelId, values: FlagValues, commandModels: readonly ModelId[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const own = new Map(paramFlags(model).map((p) => [p.flag, p]));
  const known = new Set(Object.keys(paramOptions(commandModels)));
  for (const [flag, value] of Object.entries(values)) {
    if (value === undefined || !known.has(flag)) continue;
    const param = own.get(flag);
    if (!param) {
      const others = modelsWith(flag, commandModels);
      throw new UsageError(`--${flag} is not a parameter of ${model}; it belongs to ${others.join(', ')} (choose one with --model).`);
    }
    const list = Array.isArray(value) ? value : [value];
    if (param.kind === 'list') {
      const items = param.node.items ? { ...param, kind: kindOf(param.node.items), node: param.node.items } : param;
      params[param.field] = list.map((item) => convert(items, item));
    } else {
      if (list.length > 1) throw new UsageError(`--${flag} takes one value; it was given ${list.length} times.`);
      params[param.field] = convert(param, list[0]!);
    }
  }
  return params;
}
