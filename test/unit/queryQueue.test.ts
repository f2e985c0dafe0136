import { describe, expect, it } from 'vitest';
import { QueryQueue, SupersededError } from '../../src/core/engine/queryQueue.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

describe('QueryQueue', () => {
  it('runs one at a time, in arrival order', async () => {
    const order: string[] = [];
    const q = new QueryQueue(async () => undefined);
    const a = deferred<string>();
    const pa = q.submit('v1', () => (order.push('a start'), a.promise));
    const pb = q.submit('v2', async () => (order.push('b start'), 'b'));
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    a.resolve('a');
    expect(await pa).toBe('a');
    expect(await pb).toBe('b');
    expect(order).toEqual(['a start', 'b start']);
  });

  it('drops a waiting request of the same view and cancels a running one', async () => {
    let cancels = 0;
    const running = deferred<string>();
    const q = new QueryQueue(async () => {
      cancels++;
      running.reject(new Error('interrupted'));
    });
    const p1 = q.submit('chart', () => running.promise);
    const p2 = q.submit('other', async () => 'other');
    const p3 = q.submit('chart', async () => 'stale');
    const p4 = q.submit('chart', async () => 'fresh');
    await expect(p1).rejects.toBeInstanceOf(SupersededError);
    await expect(p3).rejects.toBeInstanceOf(SupersededError);
    expect(await p2).toBe('other');
    expect(await p4).toBe('fresh');
    expect(cancels).toBe(1);
  });

  it('does not cancel another view', async () => {
    let cancels = 0;
    const slow = deferred<string>();
    const q = new QueryQueue(async () => {
      cancels++;
    });
    const p1 = q.submit('a', () => slow.promise);
    const p2 = q.submit('b', async () => 'b');
    slow.resolve('a');
    expect(await p1).toBe('a');
    expect(await p2).toBe('b');
    expect(cancels).toBe(0);
  });

  it('passes errors of a job to its caller only', async () => {
    const q = new QueryQueue(async () => undefined);
    const p1 = q.submit('a', async () => {
      throw new Error('boom');
    });
    const p2 = q.submit('b', async () => 'ok');
    await expect(p1).rejects.toThrow('boom');
    expect(await p2).toBe('ok');
  });
});

describe('QueryQueue.cancel', () => {
  it('cancels only the named view', async () => {
    let cancels = 0;
    const running = deferred<string>();
    const q = new QueryQueue(async () => {
      cancels++;
      running.reject(new Error('interrupted'));
    });
    const p1 = q.submit('console', () => running.promise);
    const p2 = q.submit('tile', async () => 'tile');
    q.cancel('tile-that-is-not-there');
    expect(cancels).toBe(0);
    q.cancel('console');
    await expect(p1).rejects.toBeInstanceOf(SupersededError);
    expect(await p2).toBe('tile');
    expect(cancels).toBe(1);
  });
});
