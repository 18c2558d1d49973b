export { FakeEvoLinkServer, type FakeServerOptions, type RecordedRequest, type ChaosOptions } from './fake-server.js';
export { faults, errorBody, type Fault, type FaultAction, type FaultMatch } from './faults.js';
export type { TaskPlan, TaskOutcome } from './task-plan.js';
