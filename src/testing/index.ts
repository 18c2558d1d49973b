export { FakeEvoLinkServer, type RecordedRequest, type ChaosOptions } from './fake-server.js';
export type { FakeServerOptions } from './server-options.js';
export { faults, errorBody, type Fault, type FaultAction, type FaultMatch } from './faults.js';
export type { TaskPlan, TaskOutcome } from './task-plan.js';
export type { FakeUpload } from './files-api.js';
