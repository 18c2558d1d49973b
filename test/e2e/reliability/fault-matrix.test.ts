import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError, TaskFailedError, WanClient } from '../../../src/index.js';
import { FakeEvoLinkServer } from '../../../src/testing/index.js';
import { renderReliabilityDoc, type Observed } from './render-doc.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

const PARAMS = { prompt: 'A cat playing piano', image_start: 'https://example.com/cat.jpg' };
const CLIENT = { timeout: 400, maxRetries: 2, retryBackoff: { initialDelay: 20, maxDelay: 80 } };
const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'reliability.md');
const observed: Observed[] = [];

let server: FakeEvoLinkServer;
beforeAll(async () => {
  server = await FakeEvoLinkServer.start({ plan: () => ({ outcome: { status: 'completed' }, polls: 1 }) });
});
afterAll(() => server.close());

function outcomeOf(error: unknown): string {
  if (error instanceof TaskFailedError) return `TaskFailedError (${error.retryable ? 'retryable' : 'not retryable'})`;
  return error instanceof Error ? error.name : String(error);
}

async function run(scenario: Scenario): Promise<Observed> {
  const before = { posts: server.postCount, tasks: server.tasks.size };
  server.clearFaults();
  scenario.setup?.(server);
  const dispatcher = scenario.dispatcher?.() as { close(): Promise<void> } | undefined;
  const client = new WanClient({ ...CLIENT, apiKey: server.apiKey, baseURL: scenario.baseURL ?? server.url, dispatcher });
  const started = Date.now();
  let outcome: string;
  try {
    const wait = { pollInterval: 5, timeout: scenario.waitTimeout ?? 5000 };
    if (scenario.resume) await client.tasks.wait('task-unified-1-resumed', wait);
    else {
      try {
        await client.imageToVideo(PARAMS).waitForResult(wait);
      } catch (error) {
        if (!scenario.resubmit || !(error instanceof APIConnectionError)) throw error;
        await client.imageToVideo(PARAMS, { idempotencyKey: error.idempotencyKey }).waitForResult(wait);
      }
    }
    outcome = 'completed';
  } catch (error) {
    outcome = outcomeOf(error);
  } finally {
    await client.close();
    await dispatcher?.close();
  }
  const ms = Date.now() - started;
  const hasServer = scenario.baseURL === undefined;
  return {
    scenario,
    outcome,
    ms,
    posts: hasServer ? server.postCount - before.posts : undefined,
    tasks: hasServer ? server.tasks.size - before.tasks : undefined,
  };
}

describe('fault-injection matrix (real loopback server)', () => {
  it.each(SCENARIOS.map((s) => [`${s.on} ${s.group}: ${s.name}`, s] as const))('%s', async (_title, scenario) => {
    const result = await run(scenario);
    observed.push(result);
    expect(result.outcome).toBe(scenario.expect.outcome);
    if (scenario.expect.posts !== undefined) expect(result.posts).toBe(scenario.expect.posts);
    if (scenario.expect.tasks !== undefined) expect(result.tasks).toBe(scenario.expect.tasks);
    // Never more than one task per call, whatever happened.
    if (result.tasks !== undefined) expect(result.tasks).toBeLessThanOrEqual(1);
    // No wall-clock bound here: the test timeout catches a hang, and the delays themselves are asserted on a virtual
    // clock (test/transport/send-with-retry.test.ts, test/tasks/wait-for-task.test.ts), not on a loaded CI machine.
  });

  it('docs/reliability.md is the table these tests produce', () => {
    expect(observed).toHaveLength(SCENARIOS.length);
    const doc = renderReliabilityDoc(observed);
    if (process.env.UPDATE_RELIABILITY_DOC) writeFileSync(DOC, doc);
    expect(readFileSync(DOC, 'utf8'), 'run UPDATE_RELIABILITY_DOC=1 npx vitest run test/e2e/reliability to regenerate').toBe(doc);
  });
});
