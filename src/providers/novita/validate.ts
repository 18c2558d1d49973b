import { ValidationError, type ValidationIssue } from '../../errors/index.js';
import { isRecord } from '../../internal/is-record.js';
import { getModel, MODEL_IDS } from '../../models/registry.js';
import { type BuildOptions, checkParams, selectModel } from '../../request/build-generation.js';
import { NOVITA_RULES } from './rules.js';
import { isNovitaModel, NOVITA_MODEL_IDS, type NovitaModelId } from './routes.js';

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/** A model the SDK knows but novita does not serve through it (wan2.6, wan3.0): refused, naming the provider. */
function refuseUnservedModel(params: unknown, options: BuildOptions): void {
  const requested = isRecord(params) ? (params.model ?? options.defaultModel) : undefined;
  if (getModel(requested) === undefined || isNovitaModel(requested)) return;
  throw new ValidationError(
    [
      {
        path: ['model'],
        code: 'invalid_value',
        message: `model ${JSON.stringify(requested)} is not available with provider novita (it serves ${NOVITA_MODEL_IDS.join(', ')} through this SDK); use provider evolink for it`,
      },
    ],
    String(requested),
  );
}

/**
 * Checks parameters for novita: the shared (EvoLink) schema and prose rules, with novita's own `seed` range, plus
 * novita's limits and refusals ({@link NOVITA_RULES}). A field both refuse is reported once. Returns the validated
 * data with `watermark` and `seed`; throws `ValidationError` listing every problem.
 */
export function validateForNovita(params: unknown, options: BuildOptions): { model: NovitaModelId; data: Record<string, unknown> } {
  refuseUnservedModel(params, options);
  const allowed = (options.allowed ?? MODEL_IDS).filter(isNovitaModel);
  const { params: given, model } = selectModel(params, { defaultModel: options.defaultModel, allowed });
  const id = model.id as NovitaModelId;
  // watermark is novita's own; seed follows novita's range (0 allowed, which EvoLink's rule refuses).
  const { watermark, seed, ...sharedParams } = given;
  const shared = checkParams(model, sharedParams);
  const own: ValidationIssue[] = [];
  for (const rule of NOVITA_RULES[id]) rule(given, { issue: (path, message) => own.push({ path, code: 'custom', message }) });
  const issues = [...shared.issues, ...own.filter((o) => o.path.length === 0 || !shared.issues.some((s) => samePath(s.path, o.path)))];
  if (issues.length > 0 || !shared.data) throw new ValidationError(issues, id);
  const data: Record<string, unknown> = { ...shared.data };
  for (const [key, value] of Object.entries({ watermark, seed })) if (value !== undefined) data[key] = value;
  return { model: id, data };
}
