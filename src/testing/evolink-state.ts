import type { FakeUpload } from './files-api.js';
import type { FaultQueue, RecordedRequest } from './loopback-server.js';
import type { ServerSettings } from './server-options.js';
import type { FakeTaskState } from './task-plan.js';

/**
 * What the three origins of the EvoLink fake share: the API creates tasks, the files API stores uploads, the content
 * host serves both (a result link points at a task, an upload's link at the upload).
 */
export interface EvoLinkFakeState {
  readonly settings: ServerSettings;
  readonly faults: FaultQueue;
  /** Every task created, by id. */
  readonly tasks: Map<string, FakeTaskState>;
  /** When each task was first read as completed: its result link expires `resultLifetimeMs` after. */
  readonly completedAt: Map<string, number>;
  /** Files uploaded, by id. */
  readonly uploads: Map<string, FakeUpload>;
  readonly fileRequests: RecordedRequest[];
  readonly contentRequests: RecordedRequest[];
  /** The content host's origin, which every link the fake hands out points to. */
  contentUrl: string;
  /** Set by `expireDownloads()`: every link answers 403 from then on. */
  downloadsExpired: boolean;
  /** The `x-request-id` of the next answer. */
  requestId(): string;
}
