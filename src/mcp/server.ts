import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { WanClient } from '../client.js';
import { withoutFileFrom } from '../cli/cli-wording.js';
import { modelRow } from '../cli/commands/info-commands.js';
import { EvoLinkError, InvalidOptionError, TaskError } from '../errors/index.js';
import { fileFrom } from '../media/local-file.js';
import type { ModelId } from '../models/registry.js';
import type { CompletedTask, Task } from '../tasks/task.js';
import type { Root } from './root.js';
import { modelTool, taskTools, type ToolDefinition, toolNameOf } from './tools.js';

type Args = Record<string, unknown>;

/** What a tool handler gets from the MCP SDK: the cancellation signal and a way to report progress. */
export interface ToolContext {
  signal: AbortSignal;
  /** Sends a progress notification when the caller asked for them (a progress token), else does nothing. */
  progress(task: Task): void;
}

const text = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }],
  ...(isError ? { isError: true } : {}),
});

/** A handler's answer that is an error result but carries more than the error (a completed task's link). */
class ToolFailure {
  constructor(readonly body: Record<string, unknown>) {}
}

/** A handler's value as the tool result: a {@link ToolFailure} as an `isError` result. */
const answer = (value: unknown): CallToolResult => (value instanceof ToolFailure ? text(value.body, true) : text(value));

/** What an agent does with a local file: media fields take URLs only here, and `fileFrom` is no tool. */
const UPLOAD_ADVICE = () => 'for a local file call upload_file with its path (relative to the server root) and pass the url it returns';

/** A failure as a tool result the agent can act on: the SDK's message (which says what to change) and the task id. */
function failure(error: unknown): CallToolResult {
  if (!(error instanceof EvoLinkError)) throw error;
  const message = withoutFileFrom(error.message, UPLOAD_ADVICE);
  return text({ error: error.name, message, ...(error instanceof TaskError ? { task_id: error.taskId } : {}) }, true);
}

/** The tools and their handlers, on one client and one root: transport-free, so they can be driven by any MCP server. */
export class WanTools {
  readonly #client: WanClient;
  readonly #root: Root;
  readonly #models: readonly ModelId[];
  readonly #modelOfTool: ReadonlyMap<string, ModelId>;

  /** `models`: those the client's provider serves, one generation tool each. */
  constructor(client: WanClient, root: Root, models: readonly ModelId[]) {
    this.#client = client;
    this.#root = root;
    this.#models = models;
    this.#modelOfTool = new Map(models.map((id) => [toolNameOf(id), id]));
  }

  /** Every tool: one per model, then the task, file and account tools. */
  list(): ToolDefinition[] {
    return [...this.#models.map(modelTool), ...taskTools(this.#models)];
  }

  /** Runs a tool; SDK errors (validation, budget, API, task) come back as `isError` results, nothing thrown. */
  async call(name: string, args: Args, context: ToolContext): Promise<CallToolResult> {
    try {
      const model = this.#modelOfTool.get(name);
      if (model) return answer(await this.#generate(model, args, context));
      return answer(await this.#task(name, args, context));
    } catch (error) {
      return failure(error);
    }
  }

  async #generate(model: string, args: Args, context: ToolContext): Promise<unknown> {
    const { wait = true, save_to: saveTo, ...params } = args;
    // Checked before anything is sent: a bad argument must not cost a task.
    if (typeof wait !== 'boolean') throw new InvalidOptionError('wait', `wait must be true or false; got ${JSON.stringify(wait)}.`);
    if (!wait && saveTo !== undefined) {
      throw new InvalidOptionError(
        'save_to',
        'save_to needs wait: true; with wait: false, pass save_to to wait_task or download_video later.',
      );
    }
    const path = saveTo === undefined ? undefined : this.#root.resolve(saveTo, 'save_to');
    const handle = this.#client.generate({ ...params, model } as never, { signal: context.signal });
    const task = await handle;
    if (!wait) return { task_id: task.id, status: task.status };
    return this.#finish(await handle.waitForResult({ signal: context.signal, onProgress: context.progress }), path);
  }

  async #finish(done: CompletedTask, path: string | undefined): Promise<unknown> {
    const task = { task_id: done.id, status: done.status, url: done.url, expires_at: done.expiresAt.toISOString() };
    if (path === undefined) return task;
    try {
      return { ...task, saved_to: (await this.#client.download(done, path)).path };
    } catch (error) {
      // The task is done and paid for: its id and link go with the error, or the agent could not get the video back.
      if (!(error instanceof EvoLinkError)) throw error;
      const retry = `the task completed; its video is at url until expires_at: save it with download_video { url, save_to }`;
      return new ToolFailure({ ...task, error: error.name, message: `${error.message} (${retry})` });
    }
  }

  async #task(name: string, args: Args, context: ToolContext): Promise<unknown> {
    const { signal } = context;
    const taskId = String(args.task_id ?? '');
    switch (name) {
      case 'get_task':
        return this.#client.tasks.get(taskId, { signal });
      case 'wait_task': {
        const path = args.save_to === undefined ? undefined : this.#root.resolve(args.save_to, 'save_to');
        return this.#finish(await this.#client.tasks.wait(taskId, { signal, onProgress: context.progress }), path);
      }
      case 'download_video': {
        const path = this.#root.resolve(args.save_to, 'save_to');
        if (typeof args.url === 'string') return { saved_to: (await this.#client.download(args.url, path, { signal })).path };
        return this.#finish(await this.#client.tasks.wait(taskId, { signal, onProgress: context.progress }), path);
      }
      case 'upload_file': {
        const file = await this.#client.files.upload(fileFrom(this.#root.resolve(args.path, 'path')), { signal });
        return {
          url: file.url,
          file_name: file.fileName,
          size: file.size,
          mime_type: file.mimeType,
          expires_at: file.expiresAt.toISOString(),
        };
      }
      case 'list_models':
        return this.#models.map((id) => ({ ...modelRow(id), tool: toolNameOf(id) }));
      case 'credits':
        return this.#client.credits({ signal });
      case 'estimate_cost': {
        // The arguments of a generation tool, copied as they were: wait and save_to are the server's, not the model's.
        const { wait: _wait, save_to: _saveTo, ...params } = args;
        return this.#client.estimateCost(params as never, { signal });
      }
      default:
        throw new EvoLinkError(`Unknown tool ${name}; call tools/list for the tools of this server.`);
    }
  }
}

/** The `params` of an MCP progress notification. */
export interface ProgressParams {
  progressToken: string | number;
  progress: number;
  total: number;
  message: string;
}

/**
 * Turns task snapshots into progress notifications for one call. MCP requires each notification's `progress` to be
 * above the last one's, so a snapshot that does not raise it (a new status at the same percentage) is not sent.
 */
export function progressNotifier(token: string | number, send: (params: ProgressParams) => void): (task: Task) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (task) => {
    const progress = task.progress ?? 0;
    if (progress <= last) return;
    last = progress;
    send({ progressToken: token, progress, total: 100, message: `${task.id}: ${task.status}` });
  };
}

/** Loads the MCP SDK, which users of the SDK alone never install: a typed error naming the package when it is missing. */
async function loadMcpSdk() {
  try {
    const [server, stdio, types] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/index.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('@modelcontextprotocol/sdk/types.js'),
    ]);
    return { Server: server.Server, StdioServerTransport: stdio.StdioServerTransport, ...types };
  } catch (cause) {
    throw new EvoLinkError(
      'evolink-wan mcp needs the MCP SDK, an optional dependency: install it beside evolink-wan with npm install @modelcontextprotocol/sdk',
      { cause },
    );
  }
}

/** Serves the tools over stdio until the client disconnects; resolves once the transport closed. */
export async function serveStdio(tools: WanTools, info: { version: string }): Promise<void> {
  const sdk = await loadMcpSdk();
  const server: Server = new sdk.Server(
    { name: 'evolink-wan', version: info.version },
    {
      capabilities: { tools: {} },
      instructions:
        'Wan video generation on EvoLink: one tool per model (parameters checked before anything is billed), then wait_task, get_task, upload_file, download_video, list_models, credits and estimate_cost.',
    },
  );
  server.setRequestHandler(sdk.ListToolsRequestSchema, () => ({ tools: tools.list() }));
  server.setRequestHandler(sdk.CallToolRequestSchema, (request, extra) => {
    const token = request.params._meta?.progressToken;
    const progress =
      token === undefined
        ? () => {}
        : progressNotifier(token, (params) => {
            extra.sendNotification({ method: 'notifications/progress', params }).catch(() => {});
          });
    return tools.call(request.params.name, request.params.arguments ?? {}, { signal: extra.signal, progress });
  });
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  await server.connect(new sdk.StdioServerTransport());
  await closed;
}
