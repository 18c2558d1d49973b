/** The models novita serves through this SDK, each on its own `/v3/async/…` route (the model is the path). */
export const NOVITA_ROUTES = {
  'wan2.7-image-to-video': '/v3/async/wan2.7-i2v',
  'wan2.7-text-to-video': '/v3/async/wan2.7-t2v',
  'wan2.7-reference-video': '/v3/async/wan2.7-r2v',
  'wan2.7-video-edit': '/v3/async/wan2.7-videoedit',
} as const;

/** Id of a model novita serves through this SDK. */
export type NovitaModelId = keyof typeof NOVITA_ROUTES;

/** The ids of the models novita serves through this SDK. */
export const NOVITA_MODEL_IDS = Object.keys(NOVITA_ROUTES) as NovitaModelId[];

/** `true` for a model id novita serves through this SDK. */
export function isNovitaModel(id: unknown): id is NovitaModelId {
  return typeof id === 'string' && Object.hasOwn(NOVITA_ROUTES, id);
}

/** `GET /v3/async/task-result?task_id=…`: every task's result, whatever the model. */
export function taskResultPath(taskId: string): string {
  return `/v3/async/task-result?task_id=${encodeURIComponent(taskId)}`;
}
