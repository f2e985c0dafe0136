import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { sessionsReference } from '../../reference/product/sessions.js';
import { expectRows } from './compare.js';
import { asOfArb, breakdownArb, customersArb, eventsArb, grainArb, weekStartArb, type GenEvent } from './gen.js';

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
  return tableToRows((await runner.run('sessions', params)).table);
}

function ev(user: string, time: string, session: string | null = null, customer: string | null = null): GenEvent {
  return { user_id: user, event_time: time, event_name: 'view', customer_id: customer, session_id: session };
}

describe('sessions: worked examples', () => {
  // u1: 10:00, 10:10, 10:40 (gap 30 = same), 11:11 (gap 31 = new), 11:20 ; u2: 09:00 only
  const events = [
    ev('u1', '2024-03-04 10:00:00'),
    ev('u1', '2024-03-04 10:10:00'),
    ev('u1', '2024-03-04 10:40:00'),
    ev('u1', '2024-03-04 11:11:00'),
    ev('u1', '2024-03-04 11:20:00'),
    ev('u2', '2024-03-04 09:00:00'),
  ];

  it('splits on more than 30 minutes of inactivity (exactly 30 stays)', async () => {
    const rows = await run({ events }, { grain: 'day' });
    // sessions: u1 40 min, u1 9 min, u2 0 min
    expectRows(rows, [
      {
        period: '2024-03-04',
        sessions: 3,
        sessions_per_user: 1.5,
        avg_session_minutes: 49 / 3,
        median_session_minutes: 9,
        is_complete: true,
      },
    ]);
  });

  it('a longer gap parameter merges them', async () => {
    const rows = await run({ events }, { grain: 'day', session_gap_minutes: 31 });
    expectRows(rows, [
      {
        period: '2024-03-04',
        sessions: 2,
        sessions_per_user: 1,
        avg_session_minutes: 40,
        median_session_minutes: 40,
        is_complete: true,
      },
    ]);
  });

  it('gap rule at the millisecond: exactly 30 minutes stays, 30 minutes and 1 ms splits', async () => {
    const e = [
      ev('u1', '2024-03-04 10:00:00'),
      ev('u1', '2024-03-04 10:30:00'), // exactly 30 min later: same session
      ev('u1', '2024-03-04 10:59:59.999'), // 29:59.999 later: same session
      ev('u1', '2024-03-04 11:30:00'), // 30:00.001 later: new session
      ev('u1', '2024-03-04 11:30:00'), // same instant twice
    ];
    const rows = await run({ events: e }, { grain: 'day', session_source: 'gap' });
    expectRows(rows, [
      {
        period: '2024-03-04',
        sessions: 2,
        sessions_per_user: 2,
        avg_session_minutes: (59 + 59.999 / 60) / 2,
        median_session_minutes: (59 + 59.999 / 60) / 2,
        is_complete: true,
      },
    ]);
  });

  it('uses session_id when the events have one (auto), and the gap rule for events without', async () => {
    const withIds = [
      ev('u1', '2024-03-04 10:00:00', 'a'),
      ev('u1', '2024-03-04 13:00:00', 'a'), // same session id 3 hours later: one 180-minute session
      ev('u1', '2024-03-04 10:05:00', 'b'),
      ev('u1', '2024-03-04 18:00:00', null),
      ev('u1', '2024-03-04 18:20:00', null), // no id: gap rule -> one 20-minute session
      ev('u2', '2024-03-04 10:00:00', 'a'), // same id, other user: its own session
    ];
    const auto = await run({ events: withIds }, { grain: 'day' });
    // sessions: 180, 0 (b), 20, 0 (u2) -> 4 sessions, 2 users, mean 50, median 10
    expectRows(auto, [
      {
        period: '2024-03-04',
        sessions: 4,
        sessions_per_user: 2,
        avg_session_minutes: 50,
        median_session_minutes: 10,
        is_complete: true,
      },
    ]);
    const gap = await run({ events: withIds }, { grain: 'day', session_source: 'gap' });
    // u1: 10:00-10:05, 13:00, 18:00-18:20 ; u2: 10:00 -> 5, 0, 20, 0
    expectRows(gap, [
      {
        period: '2024-03-04',
        sessions: 4,
        sessions_per_user: 2,
        avg_session_minutes: 25 / 4,
        median_session_minutes: 2.5,
        is_complete: true,
      },
    ]);
  });

  it('a session across midnight and a month end belongs to its start period; events after as_of are cut', async () => {
    const e = [ev('u1', '2024-01-31 23:50:00'), ev('u1', '2024-02-01 00:10:00'), ev('u1', '2024-02-01 00:30:00')];
    const rows = await run({ events: e }, { as_of: '2024-02-29' });
    expectRows(rows, [
      {
        period: '2024-01-01',
        sessions: 1,
        sessions_per_user: 1,
        avg_session_minutes: 40,
        median_session_minutes: 40,
        is_complete: true,
      },
      {
        period: '2024-02-01',
        sessions: 0,
        sessions_per_user: null,
        avg_session_minutes: null,
        median_session_minutes: null,
        is_complete: false,
      },
    ]);
    const cut = await run({ events: e }, { as_of: '2024-01-31' });
    expectRows(cut, [
      {
        period: '2024-01-01',
        sessions: 1,
        sessions_per_user: 1,
        avg_session_minutes: 0,
        median_session_minutes: 0,
        is_complete: true,
      },
    ]);
  });
});

describe('sessions: reference implementation on random data', () => {
  it('matches the reference; sessions per user >= 1; segment sessions add up to the total', async () => {
    const paramsArb = fc.record({
      as_of: asOfArb(130),
      grain: grainArb,
      week_start: weekStartArb,
      session_gap_minutes: fc.constantFrom(1, 10, 29, 30, 31, 60, 1440),
      session_source: fc.constantFrom('auto', 'gap', 'session_id') as fc.Arbitrary<'auto' | 'gap' | 'session_id'>,
      breakdown: breakdownArb,
    });
    const eventsNoIds = eventsArb(130).chain((es) =>
      fc.boolean().map((drop) => (drop ? es.map((e) => ({ ...e, session_id: null })) : es)),
    );
    await fc.assert(
      fc.asyncProperty(eventsNoIds, customersArb, paramsArb, async (events, customers, params) => {
        await loadCanonical(engine, { events, customers });
        runner.invalidate();
        if (!events.some((e) => e.user_id !== null && e.event_time !== null)) return;
        const rows = tableToRows((await runner.run('sessions', params)).table);
        expectRows(rows, sessionsReference(events, customers, params) as never);
        for (const r of rows)
          if (r.sessions_per_user !== null) expect(r.sessions_per_user as number).toBeGreaterThanOrEqual(1);
        if (params.breakdown === 'segment') {
          const total = tableToRows((await runner.run('sessions', { ...params, breakdown: 'none' })).table);
          const sum = rows.reduce((s, r) => s + (r.sessions as number), 0);
          expect(sum).toBe(total.reduce((s, r) => s + (r.sessions as number), 0));
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
