import { ValidationError } from '../../errors/index.js';
import { isRecord } from '../../internal/is-record.js';
import { buildGenerationRequest } from '../../request/build-generation.js';
import { checkTaskId } from '../../request/task-id.js';
import { parseTask } from '../task-shape.js';
import type { Credits } from '../provider.js';
import { PROVIDER_INFO } from '../info.js';
import type { Provider } from '../provider.js';
import { evolinkErrors } from './errors.js';

/** `watermark` is novita's option: refused by name here (EvoLink adds none), dropped when explicitly `undefined`. */
function withoutNovitaOptions(params: unknown): unknown {
  if (!isRecord(params) || !Object.hasOwn(params, 'watermark')) return params;
  const { watermark, ...rest } = params;
  if (watermark === undefined) return rest;
  throw new ValidationError([
    {
      path: ['watermark'],
      code: 'unsupported',
      message:
        "watermark is a novita option; EvoLink adds no watermark and has no such parameter. Remove it, or use new WanClient({ provider: 'novita' })",
    },
  ]);
}

/**
 * EvoLink (api.evolink.ai): `POST /v1/videos/generations` with the model in the body, `GET /v1/tasks/{id}`. Its
 * parameters and task answers are the SDK's own shape, so they pass through the shared schema and task checks.
 */
export const evolink: Provider = {
  ...PROVIDER_INFO.evolink,
  createTask(params, options) {
    const body = buildGenerationRequest(withoutNovitaOptions(params), options).body;
    return { method: 'POST', path: '/v1/videos/generations', body, createsTask: true };
  },
  getTask(taskId) {
    const id = checkTaskId(taskId);
    return { method: 'GET', path: `/v1/tasks/${encodeURIComponent(id)}`, taskId: id };
  },
  parseCreated: parseTask,
  parseTask,
  errors: evolinkErrors,
  credits: {
    request: () => ({ method: 'GET', path: '/v1/credits' }),
    // `{ data: { token: {…}, user: {…} }, message, success }`; anything else is not an answer we can use.
    parse(data: unknown): Credits | undefined {
      if (!isRecord(data) || data.success === false || !isRecord(data.data)) return undefined;
      const { token, user } = data.data;
      return { token: isRecord(token) ? token : {}, user: isRecord(user) ? user : {} };
    },
  },
};
