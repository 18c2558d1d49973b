import { afterEach, describe, expect, it } from 'vitest';
import { OwnPool } from '../../src/transport/own-pool.js';

const pools: OwnPool[] = [];
const pool = (maxConnections: number) => {
  const p = new OwnPool({ origin: 'http://127.0.0.1:9', maxConnections, keepAliveTimeout: 1000 });
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('OwnPool.tryAcquire: the synchronous lend of sequential calls', () => {
  it('lends the connection returned last, at once; none before one exists', async () => {
    const p = pool(2);
    expect(p.tryAcquire()).toBeUndefined();
    const first = await p.acquire(undefined);
    first.release();
    const again = p.tryAcquire();
    expect(again?.client).toBe(first.client);
    again!.release();
    again!.release(); // twice is harmless: the connection is idle once
    const [a, b] = [p.tryAcquire(), p.tryAcquire()];
    expect(a?.client).toBe(first.client);
    expect(b).toBeUndefined();
    a!.release();
  });

  it('never jumps the queue: with every slot taken it lends nothing, and a release goes to the waiter', async () => {
    const p = pool(1);
    const held = await p.acquire(undefined);
    const waiting = p.acquire(undefined);
    expect(p.tryAcquire()).toBeUndefined();
    held.release();
    // The connection is idle again, but its slot already went to the waiter.
    expect(p.tryAcquire()).toBeUndefined();
    const granted = await waiting;
    expect(granted.client).toBe(held.client);
    expect(p.tryAcquire()).toBeUndefined();
    granted.release();
    expect(p.tryAcquire()?.client).toBe(held.client);
  });
});
