import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { activeUsersMonthlyReference, activeUsersReference } from '../../reference/product/active_users.js';
import { expectRows } from './compare.js';
import { activeEventsArb, asOfArb, breakdownArb, customersArb, eventsArb, type GenEvent } from './gen.js';

let engine: NodeEngine;
let runner: KpiRunner;

beforeAll(async () => {
  engine = await NodeEngine.create();
  const cat = loadCatalogue(readSqlFiles());
  expect(cat.errors.filter((e) => e.path.includes('/product/'))).toEqual([]);
  runner = new KpiRunner(engine, cat);
});
afterAll(() => engine.close());

async function run(id: string, data: CanonicalRows, params: Record<string, unknown> = {}): Promise<Row[]> {
  await loadCanonical(engine, data);
  runner.invalidate();
  return tableToRows((await runner.run(id, params)).table);
}

function ev(user: string, time: string, name = 'view', customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: name, customer_id: customer, session_id: null };
}

describe('active_users: worked examples', () => {
  const events = [
    ev('u1', '2024-01-01 10:00:00'),
    ev('u2', '2024-01-03 23:59:59.999'),
    ev('u1', '2024-01-09 00:00:00'),
    ev('u1', '2024-01-09 08:00:00'),
  ];

  it('counts DAU, 7-day WAU and an 8-day MAU by hand', async () => {
    const rows = await run('active_users', { events }, { mau_window_days: 8 });
    // day, dau, wau, mau, dau_mau, is_complete (the 8-day window starts on/after Jan 1 from Jan 8)
    const expected: Array<[string, number, number, number, number | null, boolean]> = [
      ['2024-01-01', 1, 1, 1, 1, false],
      ['2024-01-02', 0, 1, 1, 0, false],
      ['2024-01-03', 1, 2, 2, 0.5, false],
      ['2024-01-04', 0, 2, 2, 0, false],
      ['2024-01-05', 0, 2, 2, 0, false],
      ['2024-01-06', 0, 2, 2, 0, false],
      ['2024-01-07', 0, 2, 2, 0, false],
      ['2024-01-08', 0, 1, 2, 0, true], // WAU window Jan 2-8: u2 only; MAU Jan 1-8: both
      ['2024-01-09', 1, 2, 2, 0.5, true], // WAU Jan 3-9: u1, u2; MAU Jan 2-9: u1, u2
    ];
    expectRows(
      rows,
      expected.map(([day, dau, wau, mau, dau_mau, is_complete]) => ({ day, dau, wau, mau, dau_mau, is_complete })),
    );
  });

  it('a 30-day MAU counts a user through day 30 and not day 31; is_complete from day 30 of the data', async () => {
    const rows = await run(
      'active_users',
      { events: [ev('u1', '2024-01-01 00:00:00'), ev('u2', '2024-02-15 12:00:00')] },
      { as_of: '2024-02-15' },
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(byDay.get('2024-01-30')).toMatchObject({ dau: 0, wau: 0, mau: 1, dau_mau: 0, is_complete: true });
    expect(byDay.get('2024-01-29')).toMatchObject({ mau: 1, is_complete: false });
    expect(byDay.get('2024-01-31')).toMatchObject({ dau: 0, wau: 0, mau: 0, dau_mau: null, is_complete: true });
    expect(byDay.get('2024-02-15')).toMatchObject({ dau: 1, wau: 1, mau: 1, dau_mau: 1 });
    expect(rows).toHaveLength(46);
  });

  it('days after the last event are reported up to as_of and flagged incomplete', async () => {
    const rows = await run(
      'active_users',
      { events: [ev('u1', '2024-01-01 00:00:00')] },
      { as_of: '2024-01-03', mau_window_days: 1 },
    );
    expect(rows.map((r) => [r.day, r.dau, r.wau, r.mau, r.is_complete])).toEqual([
      ['2024-01-01', 1, 1, 1, true],
      ['2024-01-02', 0, 1, 0, false],
      ['2024-01-03', 0, 1, 0, false],
    ]);
  });

  it('active_events: only the listed events make a user active; days still start at the first event', async () => {
    const data = {
      events: [
        ev('u1', '2024-01-01 09:00:00', 'view'),
        ev('u2', '2024-01-02 09:00:00', 'login'),
        ev('u1', '2024-01-03 09:00:00', 'login'),
      ],
    };
    const rows = await run('active_users', data, { active_events: ['login'] });
    expect(rows.map((r) => [r.day, r.dau, r.wau, r.mau])).toEqual([
      ['2024-01-01', 0, 0, 0],
      ['2024-01-02', 1, 1, 1],
      ['2024-01-03', 1, 2, 2],
    ]);
    const none = await run('active_users', data, { active_events: 'nothing' });
    expect(none.map((r) => r.mau)).toEqual([0, 0, 0]);
  });

  it('breaks down by the segment of the user-day customer', async () => {
    const rows = await run(
      'active_users',
      {
        customers: [
          { customer_id: 'a', segment: 'SMB' },
          { customer_id: 'b', segment: 'Ent' },
        ],
        events: [
          ev('u1', '2024-01-01 09:00:00', 'x', 'a'),
          ev('u2', '2024-01-01 09:00:00', 'x', 'b'),
          ev('u3', '2024-01-01 09:00:00', 'x', 'a'),
          ev('u1', '2024-01-02 09:00:00', 'x', null),
        ],
      },
      { breakdown: 'segment' },
    );
    expect(rows.map((r) => [r.day, r.segment, r.dau, r.mau])).toEqual([
      ['2024-01-01', '(unknown)', 0, 0],
      ['2024-01-01', 'Ent', 1, 1],
      ['2024-01-01', 'SMB', 2, 2],
      ['2024-01-02', '(unknown)', 1, 1],
      ['2024-01-02', 'Ent', 0, 1],
      ['2024-01-02', 'SMB', 0, 2],
    ]);
  });
});

describe('active_users_monthly: worked examples', () => {
  it('calendar MAU and the mean of daily DAU/MAU (days with MAU 0 left out)', async () => {
    const events = [ev('u1', '2024-01-01 10:00:00'), ev('u2', '2024-01-03 10:00:00'), ev('u1', '2024-03-09 10:00:00')];
    const rows = await run('active_users_monthly', { events }, { mau_window_days: 8 });
    // January, 8-day MAU: dau/mau = 1, 0, 1/2, 0 × 5 (Jan 4-8), 0, 0 (Jan 9-10: u2 only); then MAU 0 -> left out
    // mean = 1.5 / 10 = 0.15. February: no MAU at all -> NULL. March: Mar 9 only (1/1).
    expectRows(rows, [
      { period: '2024-01-01', mau_calendar: 2, avg_dau_mau: 0.15, is_complete: true },
      { period: '2024-02-01', mau_calendar: 0, avg_dau_mau: null, is_complete: true },
      { period: '2024-03-01', mau_calendar: 1, avg_dau_mau: 1, is_complete: false },
    ]);
  });
});

describe('active_users: reference implementation on random data', () => {
  const paramsArb = fc.record({
    as_of: asOfArb(130),
    mau_window_days: fc.oneof(fc.constantFrom(1, 2, 6, 7, 8, 29, 30, 31), fc.integer({ min: 1, max: 60 })),
    active_events: activeEventsArb,
    breakdown: breakdownArb,
  });

  it('daily and monthly match the reference; DAU <= WAU <= MAU', async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb(130), customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null)) {
          await expect(runner.run('active_users', params)).rejects.toThrow(/events/);
          return;
        }
        const daily = tableToRows((await runner.run('active_users', params)).table);
        expectRows(daily, activeUsersReference(events, customers, params) as never);
        const monthly = tableToRows((await runner.run('active_users_monthly', params)).table);
        expectRows(monthly, activeUsersMonthlyReference(events, customers, params) as never);
        for (const r of daily) {
          const [dau, wau, mau] = [r.dau as number, r.wau as number, r.mau as number];
          expect(dau).toBeLessThanOrEqual(wau);
          if (params.mau_window_days >= 7) expect(wau).toBeLessThanOrEqual(mau);
          else expect(mau).toBeLessThanOrEqual(wau);
          if (r.dau_mau !== null) expect(r.dau_mau as number).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
