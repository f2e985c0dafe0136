import { describe, expect, it } from 'vitest';
import { SharedRuns } from '../../src/app/state/kpiResults.js';

type R = { status: 'ok'; value: string } | { status: 'superseded' };

/** A run the test settles by hand. */
function deferred(): { promise: Promise<R>; resolve: (r: R) => void } {
  let resolve!: (r: R) => void;
  const promise = new Promise<R>((r) => (resolve = r));
  return { promise, resolve };
}

const make = (): SharedRuns<R> => new SharedRuns<R>({ status: 'superseded' }, (r) => r.status === 'superseded');

describe('shared runs', () => {
  it('start one run for two views asking for the same result at once', async () => {
    const runs = make();
    const d = deferred();
    let started = 0;
    const start = (): Promise<R> => {
      started++;
      return d.promise;
    };
    const a = runs.run('tile:mrr', 'k', start);
    const b = runs.run('report:mrr', 'k', start);
    d.resolve({ status: 'ok', value: 'x' });
    expect(await a).toEqual({ status: 'ok', value: 'x' });
    expect(await b).toEqual({ status: 'ok', value: 'x' });
    expect(started).toBe(1);
    // Once settled, a new request starts a new run.
    const again = runs.run('tile:mrr', 'k', () => Promise.resolve({ status: 'ok', value: 'y' }));
    expect(await again).toEqual({ status: 'ok', value: 'y' });
  });

  it('answer only the newest request of a view', async () => {
    const runs = make();
    const first = deferred();
    const older = runs.run('kpi', 'k1', () => first.promise);
    const newer = runs.run('kpi', 'k2', () => Promise.resolve({ status: 'ok', value: 'k2' }));
    expect(await newer).toEqual({ status: 'ok', value: 'k2' });
    first.resolve({ status: 'ok', value: 'k1' });
    expect(await older).toEqual({ status: 'superseded' });
  });

  it('treat an answer from a cache as the newest request', async () => {
    const runs = make();
    const slow = deferred();
    const older = runs.run('kpi', 'k1', () => slow.promise);
    runs.claim('kpi');
    slow.resolve({ status: 'ok', value: 'k1' });
    expect(await older).toEqual({ status: 'superseded' });
  });

  it('run again for a sharing view when the view that started the run moved on', async () => {
    const runs = make();
    const first = deferred();
    const a = runs.run('kpi', 'k', () => first.promise);
    let ownRuns = 0;
    const b = runs.run('report', 'k', () => {
      ownRuns++;
      return Promise.resolve({ status: 'ok', value: 'for report' });
    });
    // The view that started it was superseded (its engine request was cancelled).
    void runs.run('kpi', 'other', () => Promise.resolve({ status: 'ok', value: 'other' }));
    first.resolve({ status: 'superseded' });
    expect(await a).toEqual({ status: 'superseded' });
    expect(await b).toEqual({ status: 'ok', value: 'for report' });
    expect(ownRuns).toBe(1);
  });
});
