import { basename } from 'node:path';
import type { WanClient } from '../../client.js';
import { APIConnectionError, InvalidResponseError, ValidationError } from '../../errors/index.js';
import { validateMedia } from '../../files/resolve-media.js';
import type { ModelId } from '../../models/registry.js';
import { PROVIDERS } from '../../providers/index.js';
import type { ProviderInfo } from '../../providers/info.js';
import type { TaskPromise } from '../../tasks/task-promise.js';
import { suggestName } from '../../internal/suggest-name.js';
import { budgetFlags, CLIENT_FLAGS, COMMON_FLAGS, type FlagValues, parseFlags, stringFlag, WAIT_FLAGS, waitFlags } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { toFlagValidationError } from '../flag-messages.js';
import { followTask, hintsAfterFailure, mayExistHint, reportInterrupted, reportSubmitted, resumeCommand } from '../follow-task.js';
import { localMediaIn } from '../media-flags.js';
import { providerFrom, requireKey } from '../provider-env.js';
import { reportFailure } from '../report-error.js';
import { checkDestination } from '../save-result.js';
import { paramFlags, paramOptions, paramsFromFlags } from '../schema-flags.js';
import { type ProgressState, renderProgress, trackUploads } from '../task-progress.js';
import { generationHelp } from './generate-help.js';
import { type GenerationSpec, modelsOf } from './generation-spec.js';
import { generationInfo } from './info.js';

const OWN_FLAGS = {
  ...COMMON_FLAGS,
  ...CLIENT_FLAGS,
  ...WAIT_FLAGS,
  model: { type: 'string' },
  out: { type: 'string', short: 'o' },
  wait: { type: 'boolean' },
  'idempotency-key': { type: 'string' },
  'extra-body': { type: 'string' },
  'max-usd': { type: 'string' },
  'max-seconds': { type: 'string' },
} as const;

/** The CLI's own flags of a generation command: no model parameter may be named like one of them. */
export const GENERATION_OWN_FLAGS: readonly string[] = Object.keys(OWN_FLAGS);

/** The command's model: `--model`, else the command's default (`generate` has none). */
export function chooseModel(spec: GenerationSpec, values: FlagValues, models: ModelId[]): ModelId | undefined {
  const given = stringFlag(values, 'model');
  if (given === undefined) return spec.kind ? models[0] : undefined;
  if ((models as string[]).includes(given)) return given as ModelId;
  const suggestion = suggestName(given, models);
  throw new UsageError(
    `--model ${given} is not ${spec.kind ? `a ${spec.kind} model` : 'a supported model'}; ${suggestion ? `did you mean ${suggestion}? ` : ''}use one of: ${models.join(', ')}.`,
  );
}

function extraBodyOf(values: FlagValues): Record<string, unknown> | undefined {
  const raw = stringFlag(values, 'extra-body');
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--extra-body must be a JSON object, e.g. --extra-body '{"watermark":false}'; got ${raw}.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The create's own validation, as the client's method runs it (local media standing in as placeholder URLs, as before
 * an upload), before the client is loaded: a validation error is reported without the client, its HTTP stack and
 * undici, which are most of a command's start-up. The client validates again, the same way, when it sends.
 */
function validateAsTheCreate(
  provider: ProviderInfo,
  spec: GenerationSpec,
  params: Record<string, unknown>,
  models: ModelId[],
  extraBody: Record<string, unknown> | undefined,
): void {
  const build = { ...(spec.kind ? { allowed: models } : {}), ...(extraBody ? { extraBody } : {}) };
  const validate = (p: unknown): void => {
    PROVIDERS[provider.id].createTask(p, build);
  };
  if (validateMedia(params, { defaultModel: undefined, validate }) === undefined) validate(params);
}

function submit(client: WanClient, spec: GenerationSpec, params: Record<string, unknown>, options: Record<string, unknown>): TaskPromise {
  // Each method checks its own kind of model, as in the SDK; the flags were already limited to those models.
  return (client[spec.method] as (p: unknown, o: unknown) => TaskPromise).call(client, params, options);
}

/** Hints after a failure: what became of the task, or how to resubmit one that may exist. */
function hintsFor(
  error: unknown,
  context: { taskId: string | undefined; out: string | undefined; state: ProgressState },
  key: string | undefined,
  localFiles: boolean,
): string[] {
  if (context.taskId !== undefined) return hintsAfterFailure(error, context.taskId, context.out, context.state);
  const mayExist = (error instanceof APIConnectionError && error.mayHaveReachedServer) || error instanceof InvalidResponseError;
  if (!mayExist) return [];
  return key !== undefined
    ? mayExistHint(key, localFiles)
    : [
        'A task may have been created, and this gateway takes no idempotency key to fetch it by: check its dashboard before submitting again.',
      ];
}

async function run(spec: GenerationSpec, context: CommandContext): Promise<number> {
  const models = modelsOf(spec);
  const { values } = parseFlags(context.args, { ...OWN_FLAGS, ...paramOptions(models) });
  const model = chooseModel(spec, values, models);
  if (values.help) {
    context.printHelp(generationHelp(spec, models, model));
    return 0;
  }
  if (model === undefined) throw new UsageError(`${spec.name} needs --model <id>; one of: ${models.join(', ')}.`);
  const fields = paramFlags(model).map((p) => p.field);
  const params = { ...paramsFromFlags(model, values, models), model };
  const extraBody = extraBodyOf(values);
  const out = stringFlag(values, 'out');
  const wait = waitFlags(values, context.env);
  const provider = providerFrom(values, context.env);
  let key = stringFlag(values, 'idempotency-key');
  if (out !== undefined) checkDestination(out);
  const { ui, signal } = context;
  const budget = budgetFlags(values);
  requireKey(provider, context.env);
  const state: ProgressState = { phase: 'submitting', startedAt: Date.now() };
  let taskId: string | undefined;
  let localFiles = false;
  const fail = (error: unknown): number => {
    if (signal.aborted) return reportInterrupted(ui, { signal, taskId, out, idempotencyKey: key, localFiles });
    const reported = error instanceof ValidationError ? toFlagValidationError(error, fields) : error;
    return reportFailure(ui, reported, { taskId, hints: hintsFor(error, { taskId, out, state }, key, localFiles) });
  };
  let media: ReturnType<typeof localMediaIn>;
  try {
    media = localMediaIn(params, model);
    localFiles = media.files.length > 0;
    validateAsTheCreate(provider, spec, media.params, models, extraBody);
  } catch (error) {
    return fail(error);
  }
  // A gateway without idempotency keys (novita) gets none, unless one is given: then the SDK says why it cannot be.
  // Made once the request is valid (nothing is sent otherwise, so no key is shown): node:crypto is not loaded before.
  if (key === undefined && provider.idempotencyKeys) key = `evolink-wan-cli-${crypto.randomUUID()}`;
  const { clientFromEnv } = await import('../client-env.js');
  const client = clientFromEnv(context.env, ui, { values, budget });
  try {
    if (media.files.length > 0) Object.assign(state, { phase: 'uploading', label: media.files.map((f) => basename(f)).join(', ') });
    ui.startStatus((spinner) => renderProgress(state, spinner, ui.colors));
    const onUploadProgress = trackUploads(state, () => ui.redraw());
    const handle = submit(client, spec, media.params, {
      ...(key !== undefined ? { idempotencyKey: key } : {}),
      signal,
      onUploadProgress,
      ...(extraBody ? { extraBody } : {}),
    });
    const task = await handle;
    taskId = task.id;
    reportSubmitted(ui, state, task, key);
    if (values.wait === false) {
      ui.endStatus(ui.colors.green(`✔ submitted ${task.id}; follow it with: ${resumeCommand(task.id, out)}`));
      ui.result(task.id);
      return 0;
    }
    return await followTask({
      ui,
      signal,
      out,
      state,
      wait: (onProgress) => handle.waitForResult({ signal, onProgress, ...wait }),
    });
  } catch (error) {
    return fail(error);
  } finally {
    await client.close();
  }
}

/** The command for one kind of generation (or `generate` for any model). */
export function generationCommand(spec: GenerationSpec): Command {
  return {
    ...generationInfo(spec),
    run: (context) => run(spec, context),
  };
}
