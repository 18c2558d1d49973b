import { suggestName } from '../../internal/suggest-name.js';
import { getModel, MODEL_IDS, type ModelId, MODELS, modelJsonSchema } from '../../models/registry.js';
import type { CreditBalance } from '../../providers/provider.js';
import { COMMON_FLAGS, parseFlags } from '../args.js';
import { apiCommand } from '../api-command.js';
import { COMMAND_INFO } from './info.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { commandHelp } from '../help.js';
import { alternatives, type JsonNode } from '../json-schema.js';
import { mediaFieldsOf } from '../media-flags.js';

/** `2–15`, `-1, 2–30`, `720p/1080p`: a field's limits in a table cell. */
function compact(node: JsonNode | undefined): string {
  if (!node) return '-';
  const parts = alternatives(node).map((part) => {
    if (part.enum) return part.enum.map(String).join('/');
    if (part.const !== undefined) return String(part.const);
    if (part.minimum !== undefined || part.maximum !== undefined) return `${part.minimum ?? ''}–${part.maximum ?? ''}`;
    if (part.maxLength !== undefined) return String(part.maxLength);
    return '?';
  });
  return parts.join(', ');
}

/** The media fields of a model and how many values each takes: `image_start`, `video_urls ≤3`, `model_params.file_url`. */
function inputsOf(id: ModelId, schema: JsonNode): string[] {
  return [...mediaFieldsOf(id).keys()].map((field) => {
    const max = schema.properties?.[field]?.maxItems;
    return max !== undefined ? `${field} ≤${max}` : field;
  });
}

/** One row of `evolink-wan models` (and of the MCP server's `list_models`): the limits a user picks a model by. */
export function modelRow(id: ModelId): Record<string, unknown> {
  const schema = modelJsonSchema(id) as JsonNode;
  const p = schema.properties ?? {};
  return {
    model: id,
    kind: MODELS[id].kind,
    duration: compact(p.duration),
    quality: compact(p.quality),
    prompt_max: compact(p.prompt),
    inputs: inputsOf(id, schema),
  };
}

function table(rows: Record<string, unknown>[]): string[] {
  const headers = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => headers.map((h) => (Array.isArray(row[h]) ? (row[h] as string[]).join(', ') || '-' : String(row[h]))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]): string => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return [line(headers.map((h) => h.toUpperCase())), ...cells.map(line)];
}

function simpleHelp(context: CommandContext, usage: string, description: string): number {
  context.printHelp(commandHelp(usage, description, { callsApi: false }));
  return 0;
}

/** `evolink-wan models`. */
export const modelsCommand: Command = {
  ...COMMAND_INFO.models,
  async run(context) {
    const { values } = parseFlags(context.args, COMMON_FLAGS);
    if (values.help) return simpleHelp(context, 'evolink-wan models [--json]', modelsCommand.summary);
    const rows = MODEL_IDS.map(modelRow);
    if (context.ui.json) for (const row of rows) context.ui.data(row);
    else for (const line of table(rows)) context.ui.result(line);
    return 0;
  },
};

/** `evolink-wan schema <model>`. */
export const schemaCommand: Command = {
  ...COMMAND_INFO.schema,
  async run(context) {
    const { values, positionals } = parseFlags(context.args, COMMON_FLAGS, { names: ['model'] });
    if (values.help) return simpleHelp(context, 'evolink-wan schema <model> [--json]', schemaCommand.summary);
    const id = positionals[0]!;
    if (!getModel(id)) {
      const suggestion = suggestName(id, MODEL_IDS);
      throw new UsageError(`Unknown model ${id}; ${suggestion ? `did you mean ${suggestion}? ` : ''}run evolink-wan models to list them.`);
    }
    context.ui.data(modelJsonSchema(id as ModelId));
    return 0;
  },
};

function balance(who: string, b: CreditBalance): string {
  const left = b.unlimited_credits ? 'unlimited credits' : `${b.remaining_credits ?? '?'} credits left`;
  return `${who}: ${left}${b.used_credits !== undefined ? `, ${b.used_credits} used` : ''}`;
}

/** `evolink-wan credits`. */
export const creditsCommand: Command = apiCommand({
  ...COMMAND_INFO.credits,
  async call(client, _input, { ui, signal }) {
    const credits = await client.credits({ signal });
    if (ui.json) ui.data({ token: credits.token, user: credits.user });
    else {
      ui.result(balance('API key', credits.token));
      ui.result(balance('Account', credits.user));
    }
    return 0;
  },
});
