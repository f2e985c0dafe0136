import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfm, rfmSegment, type RfmParams } from '../../reference/customers/rfm.js';
import {
  CUSTOMERS,
  PROPERTY_TIMEOUT,
  SEGMENTS,
  customerEventsArb,
  dateIn,
  expectRows,
  fastLoad,
  run,
  runOrEmpty,
  setup,
  subscriptionsArb,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

const ev = (customer_id: string, day: string, user = `${customer_id}-u`) => ({
  user_id: user,
  event_time: `${day} 10:00:00`,
  event_name: 'view',
  customer_id,
});

describe('rfm (hand-computed)', () => {
  it('measures, ntile(5) worst to best with customer_id tie-break, segment map', async () => {
    await fastLoad(ctx, {
      customers: [
        { customer_id: 'a', name: 'Acme', segment: 'SMB' },
        { customer_id: 'd', name: 'Dormant', segment: 'SMB' },
        { customer_id: 'z', name: 'Later', signup_date: '2024-04-02' }, // signs up after as_of: not scored
      ],
      events: [
        ev('a', '2024-03-31'),
        ev('a', '2024-03-30'),
        ev('a', '2024-03-01'),
        ev('b', '2024-03-20'),
        ev('c', '2024-01-01'), // outside the 90-day window (2024-01-02 .. 2024-03-31)
        ev('c', '2024-02-15'),
        ev('e', '2023-12-15'),
        ev('f', '2024-03-31'),
        ev('f', '2024-03-29'),
        ev('f', '2024-03-28'),
        ev('f', '2024-03-27'),
        ev('f', '2024-03-27', 'f-u2'), // same day by another user: one active day
        ev('a', '2024-04-05'), // after as_of
      ],
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 100 },
        { customer_id: 'b', start_date: '2023-06-01', end_date: null, mrr: 50 },
        { customer_id: 'c', start_date: '2024-01-01', end_date: '2024-02-10', mrr: 30 }, // Jan 30, Feb 0, Mar 0
        { customer_id: 'f', start_date: '2024-03-15', end_date: null, mrr: 20 },
      ],
    });
    const r = await run(ctx, 'rfm', { as_of: '2024-03-31' });
    // R order (worst first): d (never), e 107, c 45, b 11, a 0, f 0 -> 1 1 2 3 4 5
    // F order: d 0, e 0, b 1, c 1, a 3, f 4                         -> 1 1 2 3 4 5
    // M order: d 0, e 0, f 20, c 30 (window), b 50, a 100             -> 1 1 2 3 4 5
    expect(r).toEqual([
      {
        customer_id: 'a',
        name: 'Acme',
        segment: 'SMB',
        recency_days: 0,
        frequency: 3,
        monetary: 100,
        r_score: 4,
        f_score: 4,
        m_score: 5,
        rfm_segment: 'Champions',
      },
      {
        customer_id: 'b',
        name: null,
        segment: '(unknown)',
        recency_days: 11,
        frequency: 1,
        monetary: 50,
        r_score: 3,
        f_score: 2,
        m_score: 4,
        rfm_segment: 'Loyal',
      },
      {
        customer_id: 'c',
        name: null,
        segment: '(unknown)',
        recency_days: 45,
        frequency: 1,
        monetary: 30,
        r_score: 2,
        f_score: 3,
        m_score: 3,
        rfm_segment: 'At risk',
      },
      {
        customer_id: 'd',
        name: 'Dormant',
        segment: 'SMB',
        recency_days: null,
        frequency: 0,
        monetary: 0,
        r_score: 1,
        f_score: 1,
        m_score: 1,
        rfm_segment: 'Lost',
      },
      {
        customer_id: 'e',
        name: null,
        segment: '(unknown)',
        recency_days: 107,
        frequency: 0,
        monetary: 0,
        r_score: 1,
        f_score: 1,
        m_score: 1,
        rfm_segment: 'Lost',
      },
      {
        customer_id: 'f',
        name: null,
        segment: '(unknown)',
        recency_days: 0,
        frequency: 4,
        monetary: 20,
        r_score: 5,
        f_score: 5,
        m_score: 2,
        rfm_segment: 'Loyal',
      },
    ]);
  });

  it('the segment map covers every score combination with the eight names', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m));
    expect([...seen].sort()).toEqual([
      'At risk',
      "Can't lose",
      'Champions',
      'Hibernating',
      'Lost',
      'Loyal',
      'New',
      'Potential loyalist',
    ]);
    expect([
      rfmSegment(5, 1, 1),
      rfmSegment(4, 1, 2),
      rfmSegment(1, 5, 4),
      rfmSegment(2, 2, 1),
      rfmSegment(1, 2, 3),
    ]).toEqual(['New', 'Potential loyalist', "Can't lose", 'Hibernating', 'Lost']);
  });
});

const dataArb = fc.record({
  customers: fc.subarray(CUSTOMERS).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            name: fc.constantFrom('Acme', null),
            segment: fc.option(fc.constantFrom(...SEGMENTS), { nil: null, freq: 5 }),
            signup_date: fc.option(dateIn('2023-06-01', 400), { nil: null }),
          })
          .map((r) => ({ customer_id: id, ...r })),
      ),
    ),
  ),
  events: customerEventsArb({ base: '2023-10-01', span: 200, maxLength: 40 }),
  subscription_periods: subscriptionsArb({ base: '2023-01-01', span: 500, maxLength: 8 }),
});
const params = fc.record({
  as_of: fc.option(dateIn('2023-10-01', 240), { nil: null, freq: 2 }),
  window_days: fc.constantFrom(1, 7, 30, 90, 365),
});

describe('rfm = reference (property)', () => {
  it(
    'random activity, MRR, windows and report dates',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, fc.array(params, { minLength: 3, maxLength: 3 }), async (data, ps) => {
          await fastLoad(ctx, data);
          const usable = data.events.some((e) => e.customer_id !== null);
          for (const p of ps) {
            expectRows(
              await runOrEmpty(ctx, 'rfm', p),
              usable ? rfm(data, p as RfmParams) : [],
              ['customer_id'],
              JSON.stringify(p),
            );
          }
        }),
        { numRuns: 80 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'invariants: each score is a quintile (sizes differ by at most 1, 5 = best), scores follow the measures',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, params, async (data, p) => {
          await fastLoad(ctx, data);
          const rows = await runOrEmpty(ctx, 'rfm', p);
          const n = rows.length;
          for (const key of ['r_score', 'f_score', 'm_score']) {
            const sizes = [1, 2, 3, 4, 5].map((s) => rows.filter((r) => r[key] === s).length);
            const used = sizes.filter((x) => x > 0);
            expect(used.length).toBe(Math.min(n, 5));
            if (used.length) expect(Math.max(...used) - Math.min(...used)).toBeLessThanOrEqual(1);
          }
          for (const a of rows)
            for (const b of rows) {
              // a strictly better measure never gets a lower score
              if ((a.frequency as number) > (b.frequency as number))
                expect(a.f_score as number).toBeGreaterThanOrEqual(b.f_score as number);
              if ((a.monetary as number) > (b.monetary as number))
                expect(a.m_score as number).toBeGreaterThanOrEqual(b.m_score as number);
              const ra = a.recency_days === null ? Infinity : (a.recency_days as number);
              const rb = b.recency_days === null ? Infinity : (b.recency_days as number);
              if (ra < rb) expect(a.r_score as number).toBeGreaterThanOrEqual(b.r_score as number);
            }
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
