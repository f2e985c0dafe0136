import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { stickinessReference } from '../../reference/product/stickiness.js';
import { expectRows } from './compare.js';
import {
  activeEventsArb,
  asOfArb,
  breakdownArb,
  customersArb,
  dayOffset,
  eventsArb,
  fmtDay,
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
  return tableToRows((await runner.run('stickiness', params)).table);
}

function ev(user: string, time: string, name = 'view', customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: name, customer_id: customer, session_id: null };
}

describe('stickiness: worked examples', () => {
  // u1 active on 3 days (twice on one day), u2 on 1 day, u3 on 5 days, u4 only before the range.
  const events = [
    ev('u1', '2024-03-01 08:00:00'),
    ev('u1', '2024-03-01 09:00:00'),
    ev('u1', '2024-03-05 23:59:59'),
    ev('u1', '2024-03-07 00:00:00'),
    ev('u2', '2024-03-07 12:00:00'),
    ...[1, 2, 3, 4, 7].map((d) => ev('u3', `2024-03-0${d} 12:00:00`)),
    ev('u4', '2024-02-29 23:59:59'),
  ];

  it('counts users by active days, zero-filled 1..N over a 7-day range', async () => {
    const rows = await run({ events }, { date_from: '2024-03-01', date_to: '2024-03-07' });
    expect(rows).toEqual([
      { active_periods: 1, users: 1 },
      { active_periods: 2, users: 0 },
      { active_periods: 3, users: 1 },
      { active_periods: 4, users: 0 },
      { active_periods: 5, users: 1 },
      { active_periods: 6, users: 0 },
      { active_periods: 7, users: 0 },
    ]);
  });

  it('cumulative gives "N or more"', async () => {
    const rows = await run({ events }, { date_from: '2024-03-01', date_to: '2024-03-07', cumulative: true });
    expect(rows.map((r) => r.users)).toEqual([3, 2, 2, 1, 1, 0, 0]);
  });

  it('defaults to the 30 days ending as_of', async () => {
    const rows = await run({ events });
    expect(rows).toHaveLength(30);
    // range Feb 7 - Mar 7 includes u4's Feb 29
    expect(rows.slice(0, 5).map((r) => r.users)).toEqual([2, 0, 1, 0, 1]);
    const later = await run({ events }, { as_of: '2024-03-30' });
    // range Mar 1 - Mar 30: u4 out
    expect(later.slice(0, 5).map((r) => r.users)).toEqual([1, 0, 1, 0, 1]);
  });

  it('weekly grain: periods touched by the range, partial weeks included', async () => {
    // Mar 1 2024 is a Friday: Mon-weeks Feb 26, Mar 4 -> N = 2
    const rows = await run({ events }, { date_from: '2024-03-01', date_to: '2024-03-07', grain: 'week' });
    // u1: weeks Feb 26 and Mar 4 -> 2; u2: Mar 4 -> 1; u3: both -> 2
    expect(rows).toEqual([
      { active_periods: 1, users: 1 },
      { active_periods: 2, users: 2 },
    ]);
    // Sunday weeks: Feb 25 (Mar 1-2), Mar 3 (Mar 3-7): u1 Mar 1 | Mar 5, Mar 7 -> 2; u3 Mar 1, 2 | 3, 4, 7 -> 2
    const sunday = await run(
      { events },
      { date_from: '2024-03-01', date_to: '2024-03-07', grain: 'week', week_start: 'sunday' },
    );
    expect(sunday.map((r) => r.users)).toEqual([1, 2]);
  });

  it('date_to after as_of is cut back; active_events filters', async () => {
    const rows = await run(
      { events },
      { date_from: '2024-03-01', date_to: '2024-03-31', as_of: '2024-03-04', active_events: ['view'] },
    );
    expect(rows).toHaveLength(4);
    // Mar 1-4: u1 1 day, u3 4 days
    expect(rows.map((r) => r.users)).toEqual([1, 0, 0, 1]);
    const none = await run({ events }, { date_from: '2024-03-01', date_to: '2024-03-04', active_events: ['purchase'] });
    expect(none.map((r) => r.users)).toEqual([0, 0, 0, 0]);
  });
});

describe('stickiness: reference implementation on random data', () => {
  it('matches the reference; cumulative counts never increase with N', async () => {
    const paramsArb = fc.record({
      as_of: asOfArb(130),
      date_from: fc.option(dayOffset(130).map(fmtDay), { nil: null }),
      date_to: fc.option(dayOffset(140).map(fmtDay), { nil: null }),
      grain: fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
      week_start: weekStartArb,
      cumulative: fc.boolean(),
      active_events: activeEventsArb,
      breakdown: breakdownArb,
    });
    await fc.assert(
      fc.asyncProperty(eventsArb(130), customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null)) return;
        const rows = tableToRows((await runner.run('stickiness', params)).table);
        expectRows(rows, stickinessReference(events, customers, params) as never);
        const plain = params.cumulative
          ? rows
          : tableToRows((await runner.run('stickiness', { ...params, cumulative: true })).table);
        const segs = new Set(plain.map((r) => r.segment));
        for (const s of segs) {
          const us = plain.filter((r) => r.segment === s).map((r) => r.users as number);
          for (let i = 1; i < us.length; i++) expect(us[i]).toBeLessThanOrEqual(us[i - 1]!);
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
