import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { lifecycleReference } from '../../reference/product/lifecycle.js';
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
  return tableToRows((await runner.run('lifecycle', params)).table);
}

function ev(user: string, time: string, name = 'view', customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: name, customer_id: customer, session_id: null };
}

describe('lifecycle: worked examples', () => {
  // Months Jan-May 2024:
  //   u1: Jan, Feb, Apr        u2: Feb, Mar        u3: Jan, May (only a 'ping' in Mar)
  const events = [
    ev('u1', '2024-01-31 23:59:59'),
    ev('u1', '2024-02-01 00:00:00'),
    ev('u1', '2024-04-15 10:00:00'),
    ev('u2', '2024-02-10 10:00:00'),
    ev('u2', '2024-03-10 10:00:00'),
    ev('u3', '2024-01-05 10:00:00'),
    ev('u3', '2024-03-05 10:00:00', 'ping'),
    ev('u3', '2024-05-20 10:00:00'),
  ];

  it('monthly new / returning / resurrecting / dormant by hand', async () => {
    const rows = await run({ events }, { as_of: '2024-06-30', active_events: ['view'] });
    expect(rows).toEqual([
      // Jan: u1, u3 new
      { period: '2024-01-01', new: 2, returning: 0, resurrecting: 0, dormant: 0, is_complete: true },
      // Feb: u1 returning, u2 new; u3 dormant
      { period: '2024-02-01', new: 1, returning: 1, resurrecting: 0, dormant: -1, is_complete: true },
      // Mar: u2 returning; u1 dormant (u3's ping does not count)
      { period: '2024-03-01', new: 0, returning: 1, resurrecting: 0, dormant: -1, is_complete: true },
      // Apr: u1 resurrecting; u2 dormant
      { period: '2024-04-01', new: 0, returning: 0, resurrecting: 1, dormant: -1, is_complete: true },
      // May: u3 resurrecting; u1 dormant; the data ends on May 20 -> incomplete
      { period: '2024-05-01', new: 0, returning: 0, resurrecting: 1, dormant: -1, is_complete: false },
      // Jun: u3 dormant; after the data end -> incomplete
      { period: '2024-06-01', new: 0, returning: 0, resurrecting: 0, dormant: -1, is_complete: false },
    ]);
  });

  it('every event counts without active_events (u3 returns in Mar, stays in May after a gap)', async () => {
    const rows = await run({ events }, { as_of: '2024-05-31' });
    expect(rows.map((r) => [r.period, r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      ['2024-01-01', 2, 0, 0, 0],
      ['2024-02-01', 1, 1, 0, -1],
      ['2024-03-01', 0, 1, 1, -1],
      ['2024-04-01', 0, 0, 1, -2],
      ['2024-05-01', 0, 0, 1, -1],
    ]);
  });

  it('weekly grain from Sunday', async () => {
    // Sat Mar 2 and Sun Mar 3 2024 are in different Sunday-weeks, the same Monday-week
    const e2 = [ev('u1', '2024-03-02 10:00:00'), ev('u1', '2024-03-03 10:00:00')];
    const sun = await run({ events: e2 }, { grain: 'week', week_start: 'sunday' });
    expect(sun.map((r) => [r.period, r.new, r.returning])).toEqual([
      ['2024-02-25', 1, 0],
      ['2024-03-03', 0, 1],
    ]);
    const mon = await run({ events: e2 }, { grain: 'week' });
    // the week ends on Sunday Mar 3 = as_of = the last event: complete
    expect(mon.map((r) => [r.period, r.new, r.returning, r.is_complete])).toEqual([['2024-02-26', 1, 0, true]]);
  });
});

describe('lifecycle: reference implementation on random data', () => {
  it('matches the reference; active(P) = new + returning + resurrecting and returning − dormant ties periods together', async () => {
    const paramsArb = fc.record({
      as_of: asOfArb(130),
      grain: grainArb,
      week_start: weekStartArb,
      active_events: activeEventsArb,
      breakdown: breakdownArb,
    });
    await fc.assert(
      fc.asyncProperty(eventsArb(130), customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null)) return;
        const rows = tableToRows((await runner.run('lifecycle', params)).table);
        expectRows(rows, lifecycleReference(events, customers, params) as never);
        // Invariant: active(P-1) = returning(P) + |dormant(P)|, active(P) = new + returning + resurrecting.
        const bySeg = new Map<unknown, Row[]>();
        for (const r of rows) bySeg.set(r.segment, [...(bySeg.get(r.segment) ?? []), r]);
        for (const list of bySeg.values()) {
          for (let i = 1; i < list.length; i++) {
            const prev = list[i - 1]!;
            const cur = list[i]!;
            const activePrev = (prev.new as number) + (prev.returning as number) + (prev.resurrecting as number);
            expect((cur.returning as number) - (cur.dormant as number)).toBe(activePrev);
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
