import { allowedText, type JsonNode } from '../cli/json-schema.js';
import { mediaFieldsOf } from '../cli/media-flags.js';
import type { ModelKind } from '../models/define-model.js';
import { MODELS, type ModelId, modelJsonSchema } from '../models/registry.js';
import { MODE_RULES } from '../models/wan27/generation-mode.js';

/** A tool as `tools/list` announces it. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
}

/** `wan2.7-image-to-video` → `wan2_7_image_to_video`: MCP tool names are letters, digits and underscores. */
export function toolNameOf(model: ModelId): string {
  return model.replace(/[.-]/g, '_');
}

const KIND_TEXT: Record<ModelKind, string> = {
  'text-to-video': 'Generates a video from a text prompt',
  'image-to-video': 'Animates an image into a video',
  'reference-video': 'Generates a video featuring the people or things of reference images and clips',
  'video-edit': 'Edits a video by instruction',
};

const WAIT_TEXT =
  'With wait (the default) the result is the completed task (task_id, status, url, expires_at, and the saved path with save_to), with progress notifications while it runs; with wait: false, the task_id to pass to wait_task later.';

/** What a model's tool needs, in sentences an agent can act on: required fields, modes, the duration range, media. */
function describe(model: ModelId, schema: JsonNode): string {
  const props = schema.properties ?? {};
  const required = (schema.required ?? []).filter((field) => field !== 'model');
  const parts = [`${KIND_TEXT[MODELS[model].kind]} with ${model} (billed per second of video).`];
  if (required.length > 0) parts.push(`Required: ${required.join(', ')}.`);
  if (props.generation_mode) {
    const modes = Object.entries(MODE_RULES).map(([mode, rule]) => `${mode} needs ${rule.required.join(' and ')}`);
    parts.push(`Modes (generation_mode, inferred when omitted): ${modes.join('; ')}.`);
  }
  if (props.duration) parts.push(`duration: ${allowedText('duration', props.duration)}.`);
  const mediaFields = [...mediaFieldsOf(model).keys()];
  if (mediaFields.length > 0) {
    parts.push(`Media (${mediaFields.join(', ')}) are https URLs: upload local files with upload_file first and pass the url it returns.`);
  }
  parts.push(WAIT_TEXT);
  return parts.join(' ');
}

const WAIT_PROPERTIES = {
  wait: { type: 'boolean', default: true, description: 'Wait for the video (true, the default) or return the task_id at once (false).' },
  save_to: {
    type: 'string',
    description: 'Save the video to this path, relative to the server root (folders are created); needs wait: true.',
  },
} as const;

/** The generation tool of one model: its JSON Schema (as `evolink-wan schema` prints it, `model` implied) plus wait and save_to. */
export function modelTool(model: ModelId): ToolDefinition {
  const { $schema: _draft, ...schema } = modelJsonSchema(model) as JsonNode & { $schema?: string };
  const { model: _model, ...properties } = schema.properties ?? {};
  return {
    name: toolNameOf(model),
    description: describe(model, schema),
    inputSchema: {
      ...schema,
      type: 'object',
      properties: { ...properties, ...WAIT_PROPERTIES },
      required: (schema.required ?? []).filter((field) => field !== 'model'),
    },
  };
}

const TASK_ID = { type: 'string', description: 'The task id a generation tool returned (task-unified-…).' } as const;
const object = (properties: Record<string, unknown>, required: string[]) =>
  ({ type: 'object', properties, required, additionalProperties: false }) as const;

/** The tools beside the generation tools, for a server serving `models`. */
export const taskTools = (models: readonly ModelId[]): ToolDefinition[] => [
  {
    name: 'get_task',
    description: 'Reads a task once: status, progress, results, error.',
    inputSchema: object({ task_id: TASK_ID }, ['task_id']),
  },
  {
    name: 'wait_task',
    description: `Waits for a task created earlier (also by another session), then returns it like a generation tool. ${WAIT_TEXT}`,
    inputSchema: object({ task_id: TASK_ID, save_to: WAIT_PROPERTIES.save_to }, ['task_id']),
  },
  {
    name: 'upload_file',
    description:
      "Uploads a local file (relative to the server root) to EvoLink's files API; returns its url, usable in any media field for 72 hours.",
    inputSchema: object({ path: { type: 'string', description: 'The file, relative to the server root.' } }, ['path']),
  },
  {
    name: 'download_video',
    description: 'Saves the video of a task (waiting for it if it still runs), or a result url, to save_to.',
    inputSchema: object({ task_id: TASK_ID, url: { type: 'string', format: 'uri' }, save_to: WAIT_PROPERTIES.save_to }, ['save_to']),
  },
  {
    name: 'list_models',
    description: 'Lists the models: id, kind, duration and quality ranges, prompt length, media inputs, and the tool that runs each.',
    inputSchema: object({}, []),
  },
  { name: 'credits', description: 'The credits left and used, for the API key and the account.', inputSchema: object({}, []) },
  {
    name: 'estimate_cost',
    description:
      'What a generation would cost before it is made: billed seconds by the model rules and USD where a price is known. Takes the parameters of a generation tool plus model (its id). Nothing is sent.',
    inputSchema: {
      type: 'object',
      properties: { model: { type: 'string', enum: [...models] } },
      required: ['model'],
      additionalProperties: true,
    },
  },
];
