import { ValidationError } from '../errors/index.js';
import { isRecord } from '../internal/is-record.js';
import { isForbiddenKey } from '../internal/safe-json.js';
import { getModel, MODEL_IDS, type ModelId } from '../models/registry.js';
import { toValidationIssues } from './issues.js';

/** A validated request body, ready to POST to `/v1/videos/generations`. */
export interface GenerationRequest {
  model: ModelId;
  body: Record<string, unknown>;
}

/** How {@link buildGenerationRequest} picks and checks the model. */
export interface BuildOptions {
  /** Used when `params.model` is omitted. */
  defaultModel?: ModelId | undefined;
  /** The models this method accepts (all when omitted). */
  allowed?: readonly ModelId[] | undefined;
  /** Fields sent as they are, after validation: the escape hatch for parameters the SDK does not know yet. */
  extraBody?: Record<string, unknown> | undefined;
}

/**
 * Validates parameters against the model's schema and prose rules and builds the body. Throws `ValidationError`
 * listing every problem; never mutates `params`.
 */
export function buildGenerationRequest(params: unknown, options: BuildOptions = {}): GenerationRequest {
  if (!isRecord(params)) {
    throw new ValidationError([{ path: [], code: 'invalid_type', message: 'parameters must be an object' }]);
  }
  const requested = params.model ?? options.defaultModel;
  const allowed = options.allowed;
  const model = getModel(requested);
  if (!model || (allowed && !allowed.includes(model.id as ModelId))) {
    const choices = (allowed ?? MODEL_IDS).join(', ');
    const message =
      requested === undefined
        ? `model is required; use one of: ${choices}`
        : `model ${JSON.stringify(requested)} is not supported here; use one of: ${choices}`;
    throw new ValidationError([{ path: ['model'], code: 'invalid_value', message }]);
  }
  const result = model.schema.safeParse({ ...params, model: model.id });
  if (!result.success) throw new ValidationError(toValidationIssues(result.error, model.schema, model.id), model.id);
  const data = result.data as Record<string, unknown>;
  const body = withoutUndefined(model.toBody ? model.toBody(data) : data);
  if (options.extraBody !== undefined) mergeExtraBody(body, options.extraBody, model.id);
  return { model: model.id as ModelId, body };
}

/** A copy without `undefined` values (at any depth), so the body holds exactly what goes on the wire. */
function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined) out[key] = isRecord(v) ? withoutUndefined(v) : v;
  }
  return out;
}

function mergeExtraBody(body: Record<string, unknown>, extra: Record<string, unknown>, model: string): void {
  if (!isRecord(extra)) {
    throw new ValidationError([{ path: ['extraBody'], code: 'invalid_type', message: 'extraBody must be an object' }], model);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (isForbiddenKey(key)) {
      throw new ValidationError([{ path: ['extraBody', key], code: 'custom', message: `extraBody.${key} is not allowed` }], model);
    }
    if (key === 'model') {
      throw new ValidationError([{ path: ['extraBody', 'model'], code: 'custom', message: 'extraBody cannot change model; pass it in the parameters' }], model);
    }
    body[key] = value;
  }
}
