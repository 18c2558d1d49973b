/** The abort reason used by `client.close()`. */
export class ClientClosed {
  readonly what = 'client closed';
}

/** The abort reason of the SDK's per-attempt timer. */
export class AttemptTimedOut {
  constructor(readonly timeout: number) {}
}

/** The abort reason when a `waitForResult({ timeout })` deadline passes before the task was created. */
export class OperationTimedOut {
  constructor(readonly timeout: number) {}
}
