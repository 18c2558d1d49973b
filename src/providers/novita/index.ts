import { mergeExtraBody } from '../../request/build-generation.js';
import { checkTaskId } from '../../request/task-id.js';
import { PROVIDER_INFO } from '../info.js';
import type { Provider } from '../provider.js';
import { toNovitaBody } from './body.js';
import { novitaErrors } from './errors.js';
import { parseNovitaCreated, parseNovitaTask } from './parse-task.js';
import { NOVITA_ROUTES, taskResultPath } from './routes.js';
import { validateForNovita } from './validate.js';

/**
 * novita.ai (api.novita.ai): the wan2.7 models, each on `POST /v3/async/<route>` with a flat body, answered with
 * `{ task_id }`; results from `GET /v3/async/task-result?task_id=…`. Parameters keep the SDK's (EvoLink's) names and
 * are mapped here; novita documents no idempotency key, so creates carry none.
 */
export const novita: Provider = {
  ...PROVIDER_INFO.novita,
  createTask(params, options) {
    const { model, data } = validateForNovita(params, options);
    const body = toNovitaBody(model, data);
    if (options.extraBody !== undefined) mergeExtraBody(body, options.extraBody, model);
    return { method: 'POST', path: NOVITA_ROUTES[model], body, createsTask: true };
  },
  getTask(taskId) {
    const id = checkTaskId(taskId);
    return { method: 'GET', path: taskResultPath(id), taskId: id };
  },
  parseCreated: parseNovitaCreated,
  parseTask: parseNovitaTask,
  errors: novitaErrors,
};
