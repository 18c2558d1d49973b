import { buildGenerationRequest } from '../request/build-generation.js';
import { checkTaskId } from '../request/task-id.js';
import { isRecord } from '../internal/is-record.js';
import type { Credits } from '../types/credits.js';
import type { Provider } from './provider.js';

/** EvoLink (api.evolink.ai): `POST /v1/videos/generations`, `GET /v1/tasks/{id}`. */
export const evolink: Provider = {
  name: 'EvoLink',
  defaultBaseURL: 'https://api.evolink.ai',
  apiKeyEnv: 'EVOLINK_API_KEY',
  baseURLEnv: 'EVOLINK_BASE_URL',
  keyURL: 'https://evolink.ai/dashboard/keys',
  createTask(params, options) {
    return { method: 'POST', path: '/v1/videos/generations', body: buildGenerationRequest(params, options).body, createsTask: true };
  },
  getTask(taskId) {
    const id = checkTaskId(taskId);
    return { method: 'GET', path: `/v1/tasks/${encodeURIComponent(id)}`, taskId: id };
  },
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
