export { FakeEvoLinkServer, type RecordedRequest, type ChaosOptions } from './fake-server.js';
export type { FakeServerOptions } from './server-options.js';
export { faults, errorBody, type Fault, type FaultAction, type FaultMatch } from './faults.js';
export type { TaskPlan, TaskOutcome } from './task-plan.js';
export type { CallbackOptions, CallbackDelivery, CallbackAttempt } from './callback-delivery.js';
export { FakeNovitaServer, type FakeNovitaServerOptions } from './fake-novita-server.js';
export { novitaErrorBody } from './novita-wire.js';
export type { LoopbackListenOptions } from './fake-api-server.js';
export type { FakeUpload } from './files-api.js';
