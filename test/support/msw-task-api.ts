import { http, HttpResponse } from 'msw';

/** The task id the mocked API creates. */
export const MOCK_TASK_ID = 'task-unified-1757169743-fake0001';

/**
 * msw handlers for EvoLink's create and task read, as the README's testing section mocks them: the task is created
 * pending (estimated 60 s) and completes at the third read. `polls()` counts the reads; `reset()` starts over.
 */
export function mockTaskApi() {
  let polls = 0;
  const handlers = [
    http.post('https://api.evolink.ai/v1/videos/generations', () =>
      HttpResponse.json({ id: MOCK_TASK_ID, status: 'pending', progress: 0, task_info: { can_cancel: true, estimated_time: 60 } }),
    ),
    http.get('https://api.evolink.ai/v1/tasks/:id', ({ params }) =>
      HttpResponse.json(
        ++polls < 3
          ? { id: params.id, status: 'processing', progress: 50 * polls }
          : { id: params.id, status: 'completed', progress: 100, results: ['https://cdn.example/v.mp4'] },
      ),
    ),
  ];
  return {
    handlers,
    polls: () => polls,
    reset: () => {
      polls = 0;
    },
  };
}
