import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { featureAdoptionReference } from '../../reference/product/feature_adoption.js';
import { expectRows } from './compare.js';
import {
  activeEventsArb,
  asOfArb,
  breakdownArb,
  customersArb,
  eventsArb,
  grainArb,
  weekStartArb,
  type GenEvent,
} from './gen.js';

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  runner = new KpiRunner(engine, loadCatalogue(readSqlFiles()));
});
afterAll(() => engine.close());

async function run(data: CanonicalRows, params: Record<string, unknown> = {}): Promise<Row[]> {
  await loadCanonical(engine, data);
  runner.invalidate();
  return tableToRows((await runner.run('feature_adoption', params)).table);
}

function ev(user: string, time: string, name: string, customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: name, customer_id: customer, session_id: null };
}

describe('feature_adoption: worked examples', () => {
  const events = [
    ev('u1', '2024-01-10 10:00:00', 'login'),
    ev('u1', '2024-01-31 23:59:59', 'export'),
    ev('u2', '2024-01-15 10:00:00', 'login'),
    ev('u3', '2024-01-20 10:00:00', 'share'),
    ev('u4', '2024-01-21 10:00:00', 'login'),
    ev('u1', '2024-02-01 00:00:00', 'login'),
    ev('u2', '2024-02-02 10:00:00', 'share'),
  ];

  it('adopters of export or share among active users, per month', async () => {
    const rows = await run({ events }, { feature_events: ['export', 'share'] });
    expectRows(rows, [
      { period: '2024-01-01', active_users: 4, adopters: 2, adoption_rate: 0.5, is_complete: true },
      { period: '2024-02-01', active_users: 2, adopters: 1, adoption_rate: 0.5, is_complete: false },
    ]);
  });

  it('with active_events only logins make a user active: adopters must also be active', async () => {
    const rows = await run({ events }, { feature_events: 'export,share', active_events: ['login'] });
    // Jan active: u1, u2, u4; adopters: u1 (export) -> 1/3. Feb active: u1; u2 shared but did not log in.
    expectRows(rows, [
      { period: '2024-01-01', active_users: 3, adopters: 1, adoption_rate: 1 / 3, is_complete: true },
      { period: '2024-02-01', active_users: 1, adopters: 0, adoption_rate: 0, is_complete: false },
    ]);
  });

  it('no feature events: nobody adopts; no activity: rate NULL', async () => {
    const rows = await run({ events }, { as_of: '2024-03-31' });
    expect(rows.map((r) => [r.period, r.active_users, r.adopters, r.adoption_rate, r.is_complete])).toEqual([
      ['2024-01-01', 4, 0, 0, true],
      ['2024-02-01', 2, 0, 0, false],
      ['2024-03-01', 0, 0, null, false],
    ]);
  });
});

describe('feature_adoption: reference implementation on random data', () => {
  it('matches the reference; adopters <= active users', async () => {
    const paramsArb = fc.record({
      as_of: asOfArb(130),
      grain: grainArb,
      week_start: weekStartArb,
      feature_events: fc.subarray(['a', 'b', 'c', 'zzz']),
      active_events: activeEventsArb,
      breakdown: breakdownArb,
    });
    await fc.assert(
      fc.asyncProperty(eventsArb(130), customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null && e.event_name !== null)) return;
        const rows = tableToRows((await runner.run('feature_adoption', params)).table);
        expectRows(rows, featureAdoptionReference(events, customers, params) as never);
        for (const r of rows) expect(r.adopters as number).toBeLessThanOrEqual(r.active_users as number);
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
