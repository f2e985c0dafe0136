import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/core/engine/rows.js';
import { healthScore, type HealthParams } from '../../reference/customers/health_score.js';
import {
  CUSTOMERS,
  PROPERTY_TIMEOUT,
  SEGMENTS,
  customerEventsArb,
  dateIn,
  expectRows,
  fastLoad,
  plusDays,
  responsesArb,
  run,
  runOrEmpty,
  setup,
  subscriptionsArb,
  ticketsArb,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => plusDays(from, i));

describe('health_score (hand-computed)', () => {
  const data = {
    customers: [
      { customer_id: 'h1', name: 'Healthy', segment: 'Ent', signup_date: null },
      { customer_id: 'h2', name: 'Quiet', segment: 'SMB', signup_date: null },
      { customer_id: 'h3', name: 'Gone', segment: 'SMB', signup_date: null },
      { customer_id: 'h4', name: 'Future', segment: 'SMB', signup_date: '2024-04-10' },
    ],
    events: [...days('2024-02-01', 10), ...days('2024-03-12', 20)].map((d) => ({
      user_id: 'h1-u',
      event_time: `${d} 09:00:00`,
      event_name: 'view',
      customer_id: 'h1',
    })),
    responses: [
      { responded_at: '2024-03-01 10:00:00', score: 1, survey: 'csat', customer_id: 'h1' },
      { responded_at: '2024-03-15 10:00:00', score: 9, survey: 'nps', customer_id: 'h1' },
      { responded_at: '2024-03-20 10:00:00', score: 2, survey: 'csat', customer_id: 'h2' },
      { responded_at: '2024-03-20 10:00:00', score: 6, survey: null, customer_id: 'h2' },
    ],
    tickets: ['2024-01-01', '2024-02-01', '2024-02-15', '2024-03-01', '2024-03-10', '2024-03-20'].map((d, i) => ({
      ticket_id: `t${i}`,
      created_at: `${d} 12:00:00`,
      customer_id: 'h2',
    })),
    subscription_periods: [
      { customer_id: 'h1', start_date: '2023-12-01', end_date: '2024-03-01', mrr: 100 },
      { customer_id: 'h1', start_date: '2024-03-01', end_date: null, mrr: 150 },
      { customer_id: 'h2', start_date: '2023-12-01', end_date: null, mrr: 50 },
      { customer_id: 'h3', start_date: '2023-12-01', end_date: '2024-02-15', mrr: 80 },
    ],
  };
  beforeAll(async () => {
    await fastLoad(ctx, data);
  });

  it('components, renormalised weights, bands, churned customers left out', async () => {
    const r = await run(ctx, 'health_score', { as_of: '2024-03-31' });
    // h2: usage 0 (no active day), trend missing (0 and 0), sentiment (25 + 60) / 2 = 42.5 (two answers at the
    //     latest time), support 100 × (1 − 5/10) = 50 (the 2024-01-01 ticket is 90 days back: outside),
    //     revenue 50 × 50/50 = 50 -> (30×0 + 20×42.5 + 15×50 + 20×50) / 85 = 2600 / 85
    // h1: usage 100 (20 days of 20), trend 50 × min(20/10, 2) = 100, sentiment 90 (latest: NPS 9),
    //     support 100 (no ticket), revenue 50 × 150/100 = 75 -> (3000 + 1500 + 1800 + 1500 + 1500) / 100 = 93
    expect(r).toEqual([
      {
        customer_id: 'h2',
        name: 'Quiet',
        segment: 'SMB',
        usage: 0,
        usage_trend: null,
        sentiment: 42.5,
        support_load: 50,
        revenue_trend: 50,
        score: 2600 / 85,
        band: 'red',
      },
      {
        customer_id: 'h1',
        name: 'Healthy',
        segment: 'Ent',
        usage: 100,
        usage_trend: 100,
        sentiment: 90,
        support_load: 100,
        revenue_trend: 75,
        score: 93,
        band: 'green',
      },
    ]);
  });

  it('include_churned adds the churned customer: revenue trend 0', async () => {
    const r = await run(ctx, 'health_score', { as_of: '2024-03-31', include_churned: true });
    expect(r[0]).toEqual({
      customer_id: 'h3',
      name: 'Gone',
      segment: 'SMB',
      usage: 0,
      usage_trend: null,
      sentiment: null,
      support_load: 100,
      revenue_trend: 0,
      score: 1500 / 65,
      band: 'red',
    });
  });

  it('weights are parameters: only sentiment -> the score is the sentiment; all zero -> NULL', async () => {
    const only = await run(ctx, 'health_score', {
      as_of: '2024-03-31',
      weight_usage: 0,
      weight_usage_trend: 0,
      weight_support_load: 0,
      weight_revenue_trend: 0,
    });
    expect(only.map((x) => [x.customer_id, x.score, x.band])).toEqual([
      ['h2', 42.5, 'red'],
      ['h1', 90, 'green'],
    ]);
    const none = await run(ctx, 'health_score', {
      as_of: '2024-03-31',
      weight_usage: 0,
      weight_usage_trend: 0,
      weight_sentiment: 0,
      weight_support_load: 0,
      weight_revenue_trend: 0,
    });
    expect(none.map((x) => [x.score, x.band])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('coverage: trend missing when the activity data start after as_of − 59; revenue trend when MRR data start late', async () => {
    // as_of 2024-04-01: the window before starts 2024-02-02, after the first activity (2024-02-01): present
    // as_of 2024-03-30: it starts 2024-01-31, before the first activity: missing for everyone
    const early = await run(ctx, 'health_score', { as_of: '2024-03-30' });
    expect(early.every((x) => x.usage_trend === null)).toBe(true);
    // 2024-02-29: three months back is November 2023, before the first MRR month: missing
    const feb = await run(ctx, 'health_score', { as_of: '2024-02-29' });
    expect(feb.every((x) => x.revenue_trend === null)).toBe(true);
  });
});

// ---------------------------------------------------------------- property

const dataArb = fc.record({
  customers: fc.subarray(CUSTOMERS).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            name: fc.constantFrom('Acme', null),
            segment: fc.option(fc.constantFrom(...SEGMENTS), { nil: null, freq: 5 }),
            signup_date: fc.option(dateIn('2023-06-01', 400), { nil: null, freq: 2 }),
          })
          .map((r) => ({ customer_id: id, ...r })),
      ),
    ),
  ),
  events: customerEventsArb({ base: '2023-12-01', span: 130, maxLength: 50 }),
  subscription_periods: subscriptionsArb({ base: '2023-06-01', span: 320, maxLength: 8 }),
  responses: responsesArb({ base: '2023-12-01', span: 130, maxLength: 15 }),
  tickets: ticketsArb({ base: '2023-12-01', span: 130, maxLength: 15 }),
});
const params = fc.record({
  as_of: fc.option(dateIn('2023-12-15', 140), { nil: null, freq: 2 }),
  weight_usage: fc.constantFrom(0, 30, 1),
  weight_usage_trend: fc.constantFrom(0, 15, 2.5),
  weight_sentiment: fc.constantFrom(0, 20),
  weight_support_load: fc.constantFrom(0, 15),
  weight_revenue_trend: fc.constantFrom(0, 20, 7),
  usage_target_days: fc.constantFrom(1, 5, 20, 30),
  support_max_tickets: fc.constantFrom(1, 3, 10),
  include_churned: fc.boolean(),
});

/** Bands are compared only away from the boundaries (50, 75), where rounding cannot flip them. */
function withoutBoundaryBands<T extends Record<string, unknown>>(rows: T[]): T[] {
  return rows.map((r) => {
    const s = r.score as number | null;
    if (s !== null && (Math.abs(s - 50) < 1e-7 || Math.abs(s - 75) < 1e-7)) return { ...r, band: 'boundary' };
    return r;
  });
}

describe('health_score = reference (property)', () => {
  it(
    'random usage, answers, tickets, MRR, weights and report dates',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, fc.array(params, { minLength: 3, maxLength: 3 }), async (data, ps) => {
          await fastLoad(ctx, data);
          for (const p of ps) {
            const actual = withoutBoundaryBands(await runOrEmpty(ctx, 'health_score', p)) as Row[];
            expectRows(
              actual,
              withoutBoundaryBands(healthScore(data, p as HealthParams) as unknown as Array<Record<string, unknown>>),
              ['customer_id'],
              JSON.stringify(p),
            );
          }
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'invariants: components and score within 0–100, score within the range of present components, band matches score',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, params, async (data, p) => {
          await fastLoad(ctx, data);
          for (const r of await runOrEmpty(ctx, 'health_score', p)) {
            const present: number[] = [];
            const weights = [
              p.weight_usage,
              p.weight_usage_trend,
              p.weight_sentiment,
              p.weight_support_load,
              p.weight_revenue_trend,
            ];
            ['usage', 'usage_trend', 'sentiment', 'support_load', 'revenue_trend'].forEach((k, i) => {
              const v = r[k] as number | null;
              if (v !== null) {
                expect(v).toBeGreaterThanOrEqual(0);
                expect(v).toBeLessThanOrEqual(100);
                if (weights[i]! > 0) present.push(v);
              }
            });
            if (present.length === 0) expect(r.score).toBeNull();
            else {
              expect(r.score as number).toBeGreaterThanOrEqual(Math.min(...present) - 1e-9);
              expect(r.score as number).toBeLessThanOrEqual(Math.max(...present) + 1e-9);
            }
            const s = r.score as number | null;
            expect(r.band).toBe(s === null ? null : s <= 50 ? 'red' : s <= 75 ? 'yellow' : 'green');
          }
        }),
        { numRuns: 25 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
