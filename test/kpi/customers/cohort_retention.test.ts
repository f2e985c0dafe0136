import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiRunError } from '../../../src/core/kpi/runner.js';
import { cohortRetention, type CohortParams } from '../../reference/customers/cohort_retention.js';
import { addPeriods, dayNum, dayStr, periodStart } from '../../reference/customers/calendar.js';
import {
  customersArb,
  dateIn,
  eventsArb,
  expectRows,
  fastLoad,
  load,
  run,
  runOrEmpty,
  setup,
  PROPERTY_TIMEOUT,
  subscriptionsArb,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

const ev = (user_id: string, event_time: string, event_name = 'view', customer_id: string | null = null) => ({
  user_id,
  event_time,
  event_name,
  customer_id,
});
const rows = (r: Array<Record<string, unknown>>) =>
  r.map((x) => [x.cohort, x.period, x.cohort_size, x.retained, x.retention]);

describe('cohort_retention: worked examples', () => {
  it('Amplitude/PostHog: 3 users, one returns on day 1, one on day 5, one never (grain day)', async () => {
    await load(ctx, {
      events: [
        ev('a', '2024-01-01 09:00:00'),
        ev('b', '2024-01-01 23:59:59'),
        ev('c', '2024-01-01 00:00:00'),
        ev('a', '2024-01-02 00:00:00'),
        ev('b', '2024-01-06 12:00:00'),
      ],
    });
    const on = await run(ctx, 'cohort_retention', { source: 'events', grain: 'day', mode: 'on' });
    expect(on.map((r) => r.retention)).toEqual([1, 1 / 3, 0, 0, 0, 1 / 3]);
    expect(on.map((r) => r.retained)).toEqual([3, 1, 0, 0, 0, 1]);
    const after = await run(ctx, 'cohort_retention', { source: 'events', grain: 'day', mode: 'on_or_after' });
    expect(after.map((r) => r.retention)).toEqual([1, 2 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3]);
    expect(after.map((r) => r.retained)).toEqual([3, 2, 1, 1, 1, 1]);
    // default columns are exactly the spec's
    expect(Object.keys(on[0]!)).toEqual(['cohort', 'period', 'cohort_size', 'retained', 'retention']);
    expect(on.every((r) => r.cohort === '2024-01-01' && r.cohort_size === 3)).toBe(true);
    expect(on.map((r) => r.period)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('cohort_retention on subscriptions (hand-computed)', () => {
  // MRR by month (snapshot at month end, end_date exclusive):
  //   a: Jan 10, Feb 10, Mar 0, Apr 0, May 15, Jun 15   (churn, then reactivation)
  //   b: Jan 20, Feb 20, Mar 25, Apr 25, May 25, Jun 25  (expansion in March)
  //   c: Feb 10, Mar 40, Apr 10, May 10, Jun 10          (a period inside February counts nowhere)
  //   d: 0 every month (never active, in no cohort)
  // An event on 2024-06-15 puts the data end, hence the last month, in June.
  const data = {
    customers: [
      { customer_id: 'a', segment: 'SMB' },
      { customer_id: 'b', segment: 'Ent' },
    ],
    subscription_periods: [
      { customer_id: 'a', start_date: '2024-01-15', end_date: '2024-03-10', mrr: 10 },
      { customer_id: 'a', start_date: '2024-05-01', end_date: null, mrr: 15 },
      { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 20 },
      { customer_id: 'b', start_date: '2024-03-01', end_date: null, mrr: 5 },
      { customer_id: 'c', start_date: '2024-02-05', end_date: '2024-02-20', mrr: 50 },
      { customer_id: 'c', start_date: '2024-02-10', end_date: null, mrr: 10 },
      { customer_id: 'c', start_date: '2024-03-01', end_date: '2024-04-01', mrr: 30 },
      { customer_id: 'd', start_date: '2024-02-01', end_date: null, mrr: 0 },
    ],
    events: [ev('x', '2024-06-15 10:00:00')],
  };
  beforeAll(async () => {
    await load(ctx, data);
  });

  it('logo, mode on and on_or_after, monthly', async () => {
    expect(rows(await run(ctx, 'cohort_retention'))).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
      ['2024-01-01', 1, 2, 2, 1],
      ['2024-01-01', 2, 2, 1, 0.5],
      ['2024-01-01', 3, 2, 1, 0.5],
      ['2024-01-01', 4, 2, 2, 1],
      ['2024-01-01', 5, 2, 2, 1],
      ['2024-02-01', 0, 1, 1, 1],
      ['2024-02-01', 1, 1, 1, 1],
      ['2024-02-01', 2, 1, 1, 1],
      ['2024-02-01', 3, 1, 1, 1],
      ['2024-02-01', 4, 1, 1, 1],
    ]);
    const after = await run(ctx, 'cohort_retention', { mode: 'on_or_after' });
    expect(after.filter((r) => r.cohort === '2024-01-01').map((r) => r.retained)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('revenue, monthly: Σ MRR over period 0, may exceed 1', async () => {
    expect(rows(await run(ctx, 'cohort_retention', { basis: 'revenue' }))).toEqual([
      ['2024-01-01', 0, 2, 30, 1],
      ['2024-01-01', 1, 2, 30, 1],
      ['2024-01-01', 2, 2, 25, 25 / 30],
      ['2024-01-01', 3, 2, 25, 25 / 30],
      ['2024-01-01', 4, 2, 40, 40 / 30],
      ['2024-01-01', 5, 2, 40, 40 / 30],
      ['2024-02-01', 0, 1, 10, 1],
      ['2024-02-01', 1, 1, 40, 4],
      ['2024-02-01', 2, 1, 10, 1],
      ['2024-02-01', 3, 1, 10, 1],
      ['2024-02-01', 4, 1, 10, 1],
    ]);
  });

  it('quarterly: logo = active in any month, revenue = MRR of the last month (or the report month)', async () => {
    expect(rows(await run(ctx, 'cohort_retention', { grain: 'quarter' }))).toEqual([
      ['2024-01-01', 0, 3, 3, 1],
      ['2024-01-01', 1, 3, 3, 1],
    ]);
    // Q1 = March MRR: a 0 + b 25 + c 40 = 65; Q2 = June: 15 + 25 + 10 = 50
    expect(rows(await run(ctx, 'cohort_retention', { grain: 'quarter', basis: 'revenue' }))).toEqual([
      ['2024-01-01', 0, 3, 65, 1],
      ['2024-01-01', 1, 3, 50, 50 / 65],
    ]);
    // Report date in April: Q2 is April only: a inactive; MRR 0 + 25 + 10 = 35
    expect(
      rows(await run(ctx, 'cohort_retention', { grain: 'quarter', basis: 'revenue', as_of: '2024-04-20' })),
    ).toEqual([
      ['2024-01-01', 0, 3, 65, 1],
      ['2024-01-01', 1, 3, 35, 35 / 65],
    ]);
    expect(rows(await run(ctx, 'cohort_retention', { grain: 'quarter', as_of: '2024-04-20' }))).toEqual([
      ['2024-01-01', 0, 3, 3, 1],
      ['2024-01-01', 1, 3, 2, 2 / 3],
    ]);
    expect(rows(await run(ctx, 'cohort_retention', { grain: 'year' }))).toEqual([['2024-01-01', 0, 3, 3, 1]]);
  });

  it('as_of cuts the cells: none after the period containing it', async () => {
    const r = await run(ctx, 'cohort_retention', { as_of: '2024-04-20', mode: 'on_or_after' });
    // a's last active month up to April is February
    expect(rows(r)).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
      ['2024-01-01', 1, 2, 2, 1],
      ['2024-01-01', 2, 2, 1, 0.5],
      ['2024-01-01', 3, 2, 1, 0.5],
      ['2024-02-01', 0, 1, 1, 1],
      ['2024-02-01', 1, 1, 1, 1],
      ['2024-02-01', 2, 1, 1, 1],
    ]);
  });

  it('segment breakdown: one cohort per segment, segment right after period', async () => {
    const r = await run(ctx, 'cohort_retention', { breakdown: 'segment', as_of: '2024-03-31' });
    expect(Object.keys(r[0]!)).toEqual(['cohort', 'period', 'segment', 'cohort_size', 'retained', 'retention']);
    expect(r.map((x) => [x.cohort, x.period, x.segment, x.retained])).toEqual([
      ['2024-01-01', 0, 'Ent', 1],
      ['2024-01-01', 1, 'Ent', 1],
      ['2024-01-01', 2, 'Ent', 1],
      ['2024-01-01', 0, 'SMB', 1],
      ['2024-01-01', 1, 'SMB', 1],
      ['2024-01-01', 2, 'SMB', 0],
      ['2024-02-01', 0, '(unknown)', 1],
      ['2024-02-01', 1, '(unknown)', 1],
    ]);
  });

  it('refuses parameter combinations it cannot compute, with a message', async () => {
    for (const p of [
      { basis: 'revenue', source: 'events' },
      { basis: 'revenue', mode: 'on_or_after' },
      { grain: 'week' },
      { grain: 'day' },
      { cohort_type: 'recurring' },
    ]) {
      const err = await ctx.runner.run('cohort_retention', p).catch((e) => e);
      expect(err, JSON.stringify(p)).toBeInstanceOf(KpiRunError);
      expect(err.kind).toBe('params');
      expect(err.messages[0].en.length).toBeGreaterThan(10);
      expect(err.messages[0].ja.length).toBeGreaterThan(5);
    }
  });
});

describe('cohort_retention on events (hand-computed)', () => {
  it('recurring cohorts (PostHog) and first cohorts, monthly', async () => {
    // x: Jan, Mar; y: Jan, Feb; z: Feb, Mar
    await load(ctx, {
      events: [
        ev('x', '2024-01-31 23:59:59'),
        ev('x', '2024-03-01 00:00:00'),
        ev('y', '2024-01-10 10:00:00'),
        ev('y', '2024-02-29 23:59:59'),
        ev('z', '2024-02-01 00:00:00'),
        ev('z', '2024-03-31 12:00:00'),
      ],
    });
    expect(rows(await run(ctx, 'cohort_retention', { source: 'events', cohort_type: 'recurring' }))).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
      ['2024-01-01', 1, 2, 1, 0.5],
      ['2024-01-01', 2, 2, 1, 0.5],
      ['2024-02-01', 0, 2, 2, 1],
      ['2024-02-01', 1, 2, 1, 0.5],
      ['2024-03-01', 0, 2, 2, 1],
    ]);
    expect(
      rows(await run(ctx, 'cohort_retention', { source: 'events', cohort_type: 'recurring', mode: 'on_or_after' })),
    ).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
      ['2024-01-01', 1, 2, 2, 1],
      ['2024-01-01', 2, 2, 1, 0.5],
      ['2024-02-01', 0, 2, 2, 1],
      ['2024-02-01', 1, 2, 1, 0.5],
      ['2024-03-01', 0, 2, 2, 1],
    ]);
    expect(rows(await run(ctx, 'cohort_retention', { source: 'events' }))).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
      ['2024-01-01', 1, 2, 1, 0.5],
      ['2024-01-01', 2, 2, 1, 0.5],
      ['2024-02-01', 0, 1, 1, 1],
      ['2024-02-01', 1, 1, 1, 1],
    ]);
  });

  it('weeks start Monday, or Sunday with week_start', async () => {
    // Saturday 2024-01-06 and Sunday 2024-01-07
    await load(ctx, { events: [ev('p', '2024-01-06 23:59:59'), ev('q', '2024-01-07 00:00:00')] });
    expect(rows(await run(ctx, 'cohort_retention', { source: 'events', grain: 'week' }))).toEqual([
      ['2024-01-01', 0, 2, 2, 1],
    ]);
    expect(rows(await run(ctx, 'cohort_retention', { source: 'events', grain: 'week', week_start: 'sunday' }))).toEqual(
      [
        ['2023-12-31', 0, 1, 1, 1],
        ['2023-12-31', 1, 1, 0, 0],
        ['2024-01-07', 0, 1, 1, 1],
      ],
    );
  });

  it('active_events decide both cohorts and activity; the data end stays the last event of any name', async () => {
    await load(ctx, {
      events: [
        ev('r', '2024-01-01 10:00:00', 'login'),
        ev('r', '2024-01-03 10:00:00', 'export'),
        ev('s', '2024-01-02 10:00:00', 'export'),
        ev('t', '2024-01-04 10:00:00', 'login'),
      ],
    });
    expect(
      rows(await run(ctx, 'cohort_retention', { source: 'events', grain: 'day', active_events: ['export'] })),
    ).toEqual([
      ['2024-01-02', 0, 1, 1, 1],
      ['2024-01-02', 1, 1, 0, 0],
      ['2024-01-02', 2, 1, 0, 0],
      ['2024-01-03', 0, 1, 1, 1],
      ['2024-01-03', 1, 1, 0, 0],
    ]);
    expect(rows(await run(ctx, 'cohort_retention', { source: 'events', grain: 'day', as_of: '2024-01-02' }))).toEqual([
      ['2024-01-01', 0, 1, 1, 1],
      ['2024-01-01', 1, 1, 0, 0],
      ['2024-01-02', 0, 1, 1, 1],
    ]);
  });

  it('empty data gives no rows, not an error, once the source has rows elsewhere', async () => {
    await load(ctx, { events: [ev('r', '2024-01-01 10:00:00', 'login')] });
    expect(await run(ctx, 'cohort_retention', { source: 'events', active_events: ['nothing'] })).toEqual([]);
    expect(await run(ctx, 'cohort_retention', { source: 'events', as_of: '2023-12-31' })).toEqual([]);
  });
});

// ------------------------------------------------------------------ against the reference

const eventParams = fc.record({
  as_of: fc.option(dateIn('2023-12-01', 180), { nil: null, freq: 2 }),
  source: fc.constant('events' as const),
  basis: fc.constant('logo' as const),
  grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const),
  week_start: fc.constantFrom('monday', 'sunday' as const),
  mode: fc.constantFrom('on', 'on_or_after' as const),
  cohort_type: fc.constantFrom('first', 'recurring' as const),
  active_events: fc.subarray(['login', 'view', 'export'], { maxLength: 2 }),
  breakdown: fc.constantFrom('none', 'segment' as const),
});

const subParams = fc
  .record({
    as_of: fc.option(dateIn('2022-12-01', 900), { nil: null, freq: 2 }),
    source: fc.constant('subscriptions' as const),
    basis: fc.constantFrom('logo', 'revenue' as const),
    grain: fc.constantFrom('month', 'quarter', 'year' as const),
    week_start: fc.constant('monday' as const),
    mode: fc.constantFrom('on', 'on_or_after' as const),
    cohort_type: fc.constant('first' as const),
    active_events: fc.constant([] as string[]),
    breakdown: fc.constantFrom('none', 'segment' as const),
  })
  .map((p) => (p.basis === 'revenue' ? { ...p, mode: 'on' as const } : p));

const KEYS = ['cohort', 'segment', 'period'];

describe('cohort_retention = reference (property)', () => {
  // Each generated data set is checked under several parameter sets (loading dominates).
  it(
    'events: all grains, modes, cohort types, event filters, segments',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ customers: customersArb(), events: eventsArb() }),
          fc.array(eventParams, { minLength: 3, maxLength: 3 }),
          async (data, ps) => {
            await fastLoad(ctx, data);
            for (const p of ps) {
              const actual = await runOrEmpty(ctx, 'cohort_retention', p);
              expectRows(actual, cohortRetention(data, p as CohortParams), KEYS, JSON.stringify(p));
            }
          },
        ),
        { numRuns: 50 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'subscriptions: logo and revenue, month/quarter/year, gaps, reactivations, zero and negative MRR',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            customers: customersArb(),
            subscription_periods: subscriptionsArb(),
            events: eventsArb({ base: '2024-06-01', span: 200, maxLength: 2 }),
          }),
          fc.array(subParams, { minLength: 3, maxLength: 3 }),
          async (data, ps) => {
            await fastLoad(ctx, data);
            for (const p of ps) {
              const actual = await runOrEmpty(ctx, 'cohort_retention', p);
              expectRows(actual, cohortRetention(data, p as CohortParams), KEYS, JSON.stringify(p));
            }
          },
        ),
        { numRuns: 50 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('cohort_retention invariants (property)', () => {
  it(
    'period 0 is 1 (logo); on <= on_or_after <= cohort size; on_or_after never rises; cohorts end together; segments add up',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ customers: customersArb(), events: eventsArb() }),
          eventParams,
          async (data, p) => {
            await fastLoad(ctx, data);
            const base = { ...p, breakdown: 'none' };
            const on = await runOrEmpty(ctx, 'cohort_retention', { ...base, mode: 'on' });
            const after = await runOrEmpty(ctx, 'cohort_retention', { ...base, mode: 'on_or_after' });
            expect(after.length).toBe(on.length);
            const lastPeriod = new Set<string>();
            for (let i = 0; i < on.length; i++) {
              const a = on[i]!;
              const b = after[i]!;
              expect([b.cohort, b.period]).toEqual([a.cohort, a.period]);
              if (a.period === 0) expect([a.retention, b.retention]).toEqual([1, 1]);
              expect(a.retained as number).toBeLessThanOrEqual(b.retained as number);
              expect(b.retained as number).toBeLessThanOrEqual(b.cohort_size as number);
              const next = after[i + 1];
              if (next && next.cohort === b.cohort) {
                expect(next.period).toBe((b.period as number) + 1);
                expect(next.retained as number).toBeLessThanOrEqual(b.retained as number);
              } else {
                lastPeriod.add(
                  dayStr(
                    addPeriods(
                      periodStart(dayNum(String(b.cohort)), p.grain, p.week_start),
                      b.period as number,
                      p.grain,
                    ),
                  ),
                );
              }
            }
            expect(lastPeriod.size).toBeLessThanOrEqual(1);
            const seg = await runOrEmpty(ctx, 'cohort_retention', { ...base, mode: 'on', breakdown: 'segment' });
            const sum = new Map<string, number>();
            for (const r of seg)
              sum.set(`${r.cohort}|${r.period}`, (sum.get(`${r.cohort}|${r.period}`) ?? 0) + (r.retained as number));
            for (const r of on) expect(sum.get(`${r.cohort}|${r.period}`)).toBe(r.retained);
          },
        ),
        { numRuns: 25 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
