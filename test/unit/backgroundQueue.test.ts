/** Background requests of the query queue give way to the user's requests between statements. */
import { describe, expect, it } from 'vitest';
import { tableFromArrays, type Table } from 'apache-arrow';
import { QueryQueue, SupersededError } from '../../src/core/engine/queryQueue.js';
import { backgroundEngine } from '../../src/core/engine/backgroundEngine.js';
import type { SqlEngine } from '../../src/core/engine/types.js';

/** An engine that records statements and finishes each when told to. */
function scriptedEngine() {
  const log: string[] = [];
  const pending: (() => void)[] = [];
  const engine: SqlEngine = {
    query: (sql) =>
      new Promise<Table>((resolve) => {
        log.push(`start ${sql}`);
        pending.push(() => {
          log.push(`end ${sql}`);
          resolve(tableFromArrays({ x: [1] }));
        });
      }),
    exec: async () => undefined,
    registerText: async () => undefined,
    registerBytes: async () => undefined,
    dropFile: async () => undefined,
  };
  const finishNext = async (): Promise<void> => {
    for (let i = 0; i < 5 && pending.length === 0; i++) await Promise.resolve();
    pending.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { engine, log, finishNext };
}

describe('QueryQueue background requests', () => {
  it('run only when no normal request waits, whatever the arrival order', async () => {
    const order: string[] = [];
    const q = new QueryQueue(async () => undefined);
    let release!: () => void;
    const first = q.submit('a', () => new Promise<void>((r) => (release = () => (order.push('a'), r()))));
    const bg = q.submit('report', async () => order.push('report'), 'background');
    const b = q.submit('b', async () => order.push('b'));
    const c = q.submit('c', async () => order.push('c'));
    release();
    await Promise.all([first, bg, b, c]);
    expect(order).toEqual(['a', 'b', 'c', 'report']);
  });

  it('a report through backgroundEngine lets a KPI in between its statements', async () => {
    const { engine, log, finishNext } = scriptedEngine();
    const q = new QueryQueue(async () => undefined);
    const report = backgroundEngine(engine, q, 'validate');
    const done = (async () => {
      await report.query('check 1');
      await report.query('check 2');
    })();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(log).toEqual(['start check 1']);
    const kpi = q.submit('kpi', () => engine.query('kpi')); // arrives while check 1 runs
    await finishNext(); // check 1 ends; the KPI goes before check 2
    await finishNext();
    await finishNext();
    await Promise.all([done, kpi]);
    expect(log).toEqual(['start check 1', 'end check 1', 'start kpi', 'end kpi', 'start check 2', 'end check 2']);
  });

  it('a newer report supersedes the waiting statement of an older one', async () => {
    const q = new QueryQueue(async () => undefined);
    let release!: () => void;
    const busy = q.submit('kpi', () => new Promise<void>((r) => (release = r)));
    const old = q.submit('validate', async () => 'old', 'background');
    const fresh = q.submit('validate', async () => 'fresh', 'background');
    release();
    await busy;
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    expect(await fresh).toBe('fresh');
  });
});
