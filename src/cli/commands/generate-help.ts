import type { ModelId } from '../../models/registry.js';
import {
  BUDGET_ROWS,
  COMMON_ROWS,
  ENVIRONMENT_SECTION,
  EXIT_CODES_SECTION,
  type HelpSection,
  PROVIDER_ROW,
  renderHelp,
  WAIT_ROWS,
} from '../help.js';
import { allowedText, type MediaAt, placeholder } from '../json-schema.js';
import { mediaFieldsOf } from '../media-flags.js';
import { type ParamFlag, paramFlags } from '../schema-flags.js';
import type { GenerationSpec } from './generation-spec.js';

function paramRow(param: ParamFlag, media: MediaAt): [string, string] {
  const left =
    param.kind === 'boolean' ? `--${param.flag}, --no-${param.flag}` : `--${param.flag} ${placeholder(param.field, param.node, media)}`;
  const allowed = allowedText(param.field, param.node, media);
  const text = param.node.description ? `${param.node.description} [${allowed}]` : allowed;
  return [left, `${param.required ? '(required) ' : ''}${text}`];
}

/** The help page of a generation command, with the parameters of `model` (the command's default when not chosen). */
export function generationHelp(spec: GenerationSpec, models: readonly ModelId[], model: ModelId | undefined): string {
  const usage = `evolink-wan ${spec.name}${spec.kind ? '' : ' --model <id>'} [flags]${spec.alias ? `   (alias: ${spec.alias})` : ''}`;
  const others = models.filter((m) => m !== model);
  const sections: HelpSection[] = [];
  if (model !== undefined) {
    sections.push({
      title: `Parameters of ${model}${model === models[0] && spec.kind ? ' (the default model)' : ''}`,
      rows: paramFlags(model).map((param) => paramRow(param, mediaFieldsOf(model))),
    });
  }
  sections.push(
    {
      title: 'Options',
      rows: [
        [
          '--model <id>',
          `${spec.kind ? `the model (default ${models[0]}); ` : '(required) '}one of ${models.join(', ')}. ${
            others.length ? `Show a model's parameters with: evolink-wan ${spec.name} --model <id> --help` : ''
          }`,
        ],
        ...WAIT_ROWS,
        ['--no-wait', 'print the task id as soon as the task is created, and exit'],
        [
          '--idempotency-key <key>',
          'resubmit safely: the same key returns the task already created instead of a new one (16–96 of A-Z a-z 0-9 . _ -)',
        ],
        ['--extra-body <json>', 'fields sent as they are, for parameters the SDK does not know yet'],
        ...BUDGET_ROWS,
        PROVIDER_ROW,
        ...COMMON_ROWS,
      ],
    },
    {
      title: 'Media',
      lines: [
        'Media flags take a URL or a local file. Local files are checked (format, size, dimensions) before anything is',
        "uploaded or billed, then uploaded to EvoLink's files API (kept 72 hours).",
      ],
    },
    ENVIRONMENT_SECTION,
    EXIT_CODES_SECTION,
  );
  return renderHelp(usage, spec.summary, sections);
}
