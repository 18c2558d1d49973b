import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isRecord } from '../../internal/is-record.js';
import { getModel, MODEL_IDS, type ModelId } from '../../models/registry.js';
import { ESCAPE_HATCH, toValidationIssues } from '../../request/issues.js';
import { UsageError } from '../exit-codes.js';
import { mediaPlaceholders } from '../media-flags.js';
import { printable } from '../printable.js';

/** One line of a jobs file: `{ "id": "cat", "model": "wan2.7-text-to-video", ...params }`. */
export interface BatchJob {
  id: string;
  model: ModelId;
  /** Every field of the line but `id` (so `model` included). */
  params: Record<string, unknown>;
  /** 1-based line in the jobs file, for messages. */
  line: number;
}

/** Job ids name the output files (`<id>.mp4`) and appear in idempotency keys: a safe file name, at most 64 characters. */
const JOB_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

function problemsOf(text: string, index: number, seen: Set<string>): { job?: BatchJob; problems: string[] } {
  const where = `line ${index + 1}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [`${where}: not JSON (${(error as Error).message})`] };
  }
  if (!isRecord(value)) return { problems: [`${where}: must be a JSON object like {"id": "cat", "model": "…", "prompt": "…"}`] };
  const { id, ...params } = value;
  const problems: string[] = [];
  if (typeof id !== 'string' || !JOB_ID.test(id)) {
    problems.push(`${where}: "id" must be 1–64 letters, digits, ".", "_" or "-" (it names the output file), got ${JSON.stringify(id)}`);
  } else if (seen.has(id)) {
    problems.push(`${where}: id "${id}" is used twice; each job needs its own id`);
  } else {
    seen.add(id);
  }
  const model = getModel(params.model);
  if (!model) {
    problems.push(`${where}: "model" must be one of ${MODEL_IDS.join(', ')}; got ${JSON.stringify(params.model)}`);
    return { problems };
  }
  // Checked like the SDK checks a request, with local files standing in as URLs (they are checked when uploaded).
  const result = model.schema.safeParse(mediaPlaceholders(params, model.id as ModelId));
  if (!result.success) {
    // Worded as the SDK words them: a mistyped field gets the same "did you mean" as a mistyped flag. A jobs file has
    // no way to send a field the SDK does not know, so that advice is left out.
    for (const issue of toValidationIssues(result.error, model.schema, model.id)) {
      const message = issue.message.replace(`; ${ESCAPE_HATCH}`, '');
      problems.push(`${where}${typeof id === 'string' ? ` (${id})` : ''}: ${message}`);
    }
  }
  return problems.length ? { problems } : { job: { id: id as string, model: model.id as ModelId, params, line: index + 1 }, problems };
}

/**
 * Reads and checks a jobs file (one JSON object per line; blank lines are skipped). Every problem of every line is
 * reported at once, as a `UsageError`, before anything is sent. Local paths in media fields are relative to the
 * jobs file's folder.
 */
export function readJobsFile(path: string): { jobs: BatchJob[]; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the jobs file ${path}: ${(error as Error).message}`);
  }
  const seen = new Set<string>();
  const jobs: BatchJob[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const checked = problemsOf(line, index, seen);
    if (checked.job) jobs.push(checked.job);
    problems.push(...checked.problems);
  });
  if (problems.length)
    // One line per problem: what the file put in one (a field name, a value) is escaped, so it cannot add a line.
    throw new UsageError(
      `The jobs file ${path} has problems (nothing was sent):\n${problems.map((p) => `  - ${printable(p)}`).join('\n')}`,
    );
  if (jobs.length === 0) throw new UsageError(`The jobs file ${path} has no jobs; write one JSON object per line.`);
  return { jobs, baseDir: dirname(path) };
}
