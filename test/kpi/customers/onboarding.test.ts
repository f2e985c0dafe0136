import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboarding, type OnboardingParams } from '../../reference/customers/onboarding.js';
import {
  CUSTOMERS,
  SEGMENTS,
  dateIn,
  expectRows,
  fastLoad,
  run,
  runOrEmpty,
  setup,
  PROPERTY_TIMEOUT,
  subscriptionsArb,
  timestampIn,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

const ev = (customer_id: string, event_time: string, event_name: string) => ({
  user_id: `${customer_id}-u`,
  event_time,
  event_name,
  customer_id,
});

describe('onboarding (hand-computed)', () => {
  // A: signup 2024-01-10 (customers), completes 2024-01-20 (10 days; an earlier event before signup is ignored)
  // B: no customers row, first subscription 2024-01-31, completes 2024-03-02 (31 days)
  // C: customers row without signup date, no subscription: first event 2024-02-01, completes that day (0 days)
  // D: signup 2024-01-15, never completes
  const data = {
    customers: [
      { customer_id: 'A', signup_date: '2024-01-10', segment: 'SMB' },
      { customer_id: 'C', signup_date: null, segment: 'Ent' },
      { customer_id: 'D', signup_date: '2024-01-15', segment: 'SMB' },
    ],
    subscription_periods: [
      { customer_id: 'B', start_date: '2024-01-31', end_date: null, mrr: 10 },
      { customer_id: 'A', start_date: '2023-12-01', end_date: null, mrr: 10 },
    ],
    events: [
      ev('A', '2024-01-05 10:00:00', 'complete_onboarding'),
      ev('A', '2024-01-20 10:00:00', 'complete_onboarding'),
      ev('A', '2024-01-25 10:00:00', 'invite'),
      ev('B', '2024-03-02 00:00:00', 'complete_onboarding'),
      ev('C', '2024-02-01 08:00:00', 'login'),
      ev('C', '2024-02-01 23:59:59', 'complete_onboarding'),
      ev('D', '2024-01-16 08:00:00', 'login'),
    ],
  };
  beforeAll(async () => {
    await fastLoad(ctx, data);
  });

  it('signup date fallbacks, 30-day window, median, zero-filled periods, is_complete', async () => {
    expect(await run(ctx, 'onboarding')).toEqual([
      {
        period: '2024-01-01',
        customers: 3,
        completed: 1,
        completion_rate: 1 / 3,
        median_days_to_complete: 10,
        is_complete: true,
      },
      {
        period: '2024-02-01',
        customers: 1,
        completed: 1,
        completion_rate: 1,
        median_days_to_complete: 0,
        is_complete: false,
      },
      {
        period: '2024-03-01',
        customers: 0,
        completed: 0,
        completion_rate: null,
        median_days_to_complete: null,
        is_complete: false,
      },
    ]);
  });

  it('window_days = 31 lets B in: median of 10 and 31 is 20.5', async () => {
    const r = await run(ctx, 'onboarding', { window_days: 31 });
    // 2024-01-31 + 31 days = 2024-03-02, the last event date: January is complete
    expect(r[0]).toEqual({
      period: '2024-01-01',
      customers: 3,
      completed: 2,
      completion_rate: 2 / 3,
      median_days_to_complete: 20.5,
      is_complete: true,
    });
    const r32 = await run(ctx, 'onboarding', { window_days: 32 });
    expect(r32[0]!.is_complete).toBe(false);
  });

  it('completion_rule = all waits for every event; segments', async () => {
    const r = await run(ctx, 'onboarding', {
      completion_events: ['complete_onboarding', 'invite'],
      completion_rule: 'all',
      as_of: '2024-02-29',
    });
    expect(r).toEqual([
      {
        period: '2024-01-01',
        customers: 3,
        completed: 1,
        completion_rate: 1 / 3,
        median_days_to_complete: 15,
        is_complete: false,
      },
      {
        period: '2024-02-01',
        customers: 1,
        completed: 0,
        completion_rate: 0,
        median_days_to_complete: null,
        is_complete: false,
      },
    ]);
    const s = await run(ctx, 'onboarding', { breakdown: 'segment', grain: 'quarter' });
    expect(s).toEqual([
      {
        period: '2024-01-01',
        segment: '(unknown)',
        customers: 1,
        completed: 0,
        completion_rate: 0,
        median_days_to_complete: null,
        is_complete: false,
      },
      {
        period: '2024-01-01',
        segment: 'Ent',
        customers: 1,
        completed: 1,
        completion_rate: 1,
        median_days_to_complete: 0,
        is_complete: false,
      },
      {
        period: '2024-01-01',
        segment: 'SMB',
        customers: 2,
        completed: 1,
        completion_rate: 0.5,
        median_days_to_complete: 10,
        is_complete: false,
      },
    ]);
  });

  it('as_of hides later signups and later completions', async () => {
    expect(await run(ctx, 'onboarding', { as_of: '2024-01-19' })).toEqual([
      {
        period: '2024-01-01',
        customers: 2,
        completed: 0,
        completion_rate: 0,
        median_days_to_complete: null,
        is_complete: false,
      },
    ]);
  });
});

// ---------------------------------------------------------------- property

const NAMES = ['complete_onboarding', 'invite', 'login'];
const dataArb = fc.record({
  customers: fc.subarray(CUSTOMERS).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            signup_date: fc.option(dateIn('2023-12-01', 120), { nil: null, freq: 3 }),
            segment: fc.option(fc.constantFrom(...SEGMENTS), { nil: null, freq: 5 }),
          })
          .map((r) => ({ customer_id: id, ...r })),
      ),
    ),
  ),
  subscription_periods: subscriptionsArb({ base: '2023-11-15', span: 150, maxLength: 4 }),
  events: fc.array(
    fc.record({
      user_id: fc.constantFrom('u1', 'u2', 'u3'),
      event_time: timestampIn('2023-11-20', 200),
      event_name: fc.constantFrom(...NAMES),
      customer_id: fc.option(fc.constantFrom(...CUSTOMERS, 'c9'), { nil: null, freq: 8 }),
    }),
    { maxLength: 30 },
  ),
});
const params = fc.record({
  as_of: fc.option(dateIn('2023-11-01', 260), { nil: null, freq: 2 }),
  grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const),
  week_start: fc.constantFrom('monday', 'sunday' as const),
  completion_events: fc.subarray(NAMES, { minLength: 0, maxLength: 2 }),
  completion_rule: fc.constantFrom('any', 'all' as const),
  window_days: fc.constantFrom(0, 1, 7, 30, 90),
  breakdown: fc.constantFrom('none', 'segment' as const),
});

describe('onboarding = reference (property)', () => {
  it(
    'random signups (all three sources), completions, windows, rules, grains, segments',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, fc.array(params, { minLength: 3, maxLength: 3 }), async (data, ps) => {
          await fastLoad(ctx, data);
          // without any event carrying a customer the runner refuses (missing data)
          const usable = data.events.some((e) => e.customer_id !== null);
          for (const p of ps) {
            expectRows(
              await runOrEmpty(ctx, 'onboarding', p),
              usable ? onboarding(data, p as OnboardingParams) : [],
              ['period', 'segment'],
              JSON.stringify(p),
            );
          }
        }),
        { numRuns: 70 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'invariants: completed <= customers; a longer window never completes fewer; segments add up',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, params, async (data, p) => {
          await fastLoad(ctx, data);
          const short = await runOrEmpty(ctx, 'onboarding', { ...p, breakdown: 'none' });
          const long = await runOrEmpty(ctx, 'onboarding', {
            ...p,
            breakdown: 'none',
            window_days: p.window_days + 10,
          });
          const seg = await runOrEmpty(ctx, 'onboarding', { ...p, breakdown: 'segment' });
          expect(long.length).toBe(short.length);
          short.forEach((r, i) => {
            expect(r.completed as number).toBeLessThanOrEqual(r.customers as number);
            expect(long[i]!.customers).toBe(r.customers);
            expect(long[i]!.completed as number).toBeGreaterThanOrEqual(r.completed as number);
            const parts = seg.filter((s) => s.period === r.period);
            expect(parts.reduce((a, s) => a + (s.customers as number), 0)).toBe(r.customers);
            expect(parts.reduce((a, s) => a + (s.completed as number), 0)).toBe(r.completed);
          });
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
