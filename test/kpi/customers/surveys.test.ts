import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csat, nps, type SurveyParams } from '../../reference/customers/surveys.js';
import {
  customersArb,
  dateIn,
  expectRows,
  fastLoad,
  responsesArb,
  run,
  runOrEmpty,
  setup,
  PROPERTY_TIMEOUT,
  ticketsArb,
  type Ctx,
} from './helpers.js';

let ctx: Ctx;
beforeAll(async () => {
  ctx = await setup();
});
afterAll(() => ctx.engine.close());

const resp = (
  responded_at: string,
  score: number,
  survey: string | null = 'nps',
  customer_id: string | null = null,
) => ({ responded_at, score, survey, customer_id });

describe('nps (hand-computed)', () => {
  it('KPI_SPEC example: 30 % promoters, 20 % detractors -> 10', async () => {
    const scores = [9, 10, 9, 7, 8, 7, 8, 8, 3, 6];
    await fastLoad(ctx, {
      responses: scores.map((s, i) => resp(`2024-01-${String(i + 1).padStart(2, '0')} 12:00:00`, s)),
    });
    const r = await run(ctx, 'nps', { as_of: '2024-01-31' });
    // the data end on 2024-01-10: January is not complete in the data
    expect(r).toEqual([
      { period: '2024-01-01', responses: 10, promoters: 3, passives: 5, detractors: 2, nps: 10, is_complete: false },
    ]);
    expect(Object.keys(r[0]!)).toEqual([
      'period',
      'responses',
      'promoters',
      'passives',
      'detractors',
      'nps',
      'is_complete',
    ]);
  });

  it('labels, unlabelled answers, out-of-range scores, zero-filled periods, is_complete', async () => {
    await fastLoad(ctx, {
      customers: [{ customer_id: 'a', segment: 'SMB' }],
      responses: [
        resp('2024-01-31 23:59:59', 10, 'nps', 'a'),
        resp('2024-01-15 10:00:00', 6, null), // unlabelled 0-10: NPS by default
        resp('2024-01-16 10:00:00', 5, 'csat'), // CSAT: not NPS
        resp('2024-01-17 10:00:00', 11, 'nps'), // out of range: left out
        resp('2024-01-18 10:00:00', 8.5, 'NPS'), // passive (7 <= 8.5 < 9)
        resp('2024-03-01 00:00:00', 9, 'nps', 'a'),
        resp('2024-03-10 00:00:00', 0, 'csat'), // last response date: 2024-03-10
      ],
    });
    expect(await run(ctx, 'nps')).toEqual([
      { period: '2024-01-01', responses: 3, promoters: 1, passives: 1, detractors: 1, nps: 0, is_complete: true },
      { period: '2024-02-01', responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null, is_complete: true },
      { period: '2024-03-01', responses: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, is_complete: false },
    ]);
    expect((await run(ctx, 'nps', { include_unlabelled: false, as_of: '2024-01-31' }))[0]).toMatchObject({
      responses: 2,
      nps: 50,
      is_complete: true,
    });
    const seg = await run(ctx, 'nps', { breakdown: 'segment', grain: 'quarter' });
    expect(seg).toEqual([
      {
        period: '2024-01-01',
        segment: '(unknown)',
        responses: 2,
        promoters: 0,
        passives: 1,
        detractors: 1,
        nps: -50,
        is_complete: false,
      },
      {
        period: '2024-01-01',
        segment: 'SMB',
        responses: 2,
        promoters: 2,
        passives: 0,
        detractors: 0,
        nps: 100,
        is_complete: false,
      },
    ]);
    expect(await run(ctx, 'nps', { as_of: '2023-12-31' })).toEqual([]);
  });
});

describe('csat (hand-computed)', () => {
  it('KPI_SPEC example (Delighted): 5:42, 4:32, 3:10, 2:9, 1:14 -> 74 / 107 = 69.16', async () => {
    const counts: Record<number, number> = { 5: 42, 4: 32, 3: 10, 2: 9, 1: 14 };
    const rows = Object.entries(counts).flatMap(([score, n]) =>
      Array.from({ length: n }, (_, i) =>
        resp(`2024-02-${String((i % 28) + 1).padStart(2, '0')} 08:00:00`, Number(score), 'csat'),
      ),
    );
    await fastLoad(ctx, { responses: rows });
    const r = await run(ctx, 'csat');
    expect(r.length).toBe(1);
    expect(r[0]).toMatchObject({ period: '2024-02-01', responses: 107, satisfied: 74 });
    expect(r[0]!.csat).toBeCloseTo((74 / 107) * 100, 12);
    expect(Object.keys(r[0]!)).toEqual(['period', 'responses', 'satisfied', 'csat', 'is_complete']);
  });

  it('good/bad ticket ratings with ticket_ratings, unlabelled answers with include_unlabelled', async () => {
    await fastLoad(ctx, {
      responses: [
        resp('2024-01-05 10:00:00', 4, 'csat'),
        resp('2024-01-06 10:00:00', 2, null),
        resp('2024-01-07 10:00:00', 9, 'nps'),
      ],
      tickets: [
        { ticket_id: '1', created_at: '2024-01-02 09:00:00', satisfaction: 'good' },
        { ticket_id: '2', created_at: '2024-01-03 09:00:00', satisfaction: 'Bad' },
        { ticket_id: '3', created_at: '2024-01-04 09:00:00', satisfaction: '良い' },
        { ticket_id: '4', created_at: '2024-01-04 09:00:00', satisfaction: 'offered' },
        { ticket_id: '5', created_at: '2024-01-04 09:00:00', satisfaction: null },
        { ticket_id: '6', created_at: '2024-01-31 09:00:00', satisfaction: '5' },
      ],
    });
    expect(await run(ctx, 'csat')).toEqual([
      { period: '2024-01-01', responses: 1, satisfied: 1, csat: 100, is_complete: false },
    ]);
    expect(await run(ctx, 'csat', { include_unlabelled: true })).toEqual([
      { period: '2024-01-01', responses: 2, satisfied: 1, csat: 50, is_complete: false },
    ]);
    // with tickets the data reach 2024-01-31: January is complete; 1 + good + bad + 良い + 5 = 5 answers, 4 satisfied
    expect(await run(ctx, 'csat', { ticket_ratings: true })).toEqual([
      { period: '2024-01-01', responses: 5, satisfied: 4, csat: 80, is_complete: true },
    ]);
  });
});

const params = fc.record({
  as_of: fc.option(dateIn('2023-12-01', 160), { nil: null, freq: 2 }),
  grain: fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const),
  week_start: fc.constantFrom('monday', 'sunday' as const),
  include_unlabelled: fc.boolean(),
  ticket_ratings: fc.boolean(),
  breakdown: fc.constantFrom('none', 'segment' as const),
});
const dataArb = fc.record({ customers: customersArb(), responses: responsesArb(), tickets: ticketsArb() });

describe('nps and csat = reference (property)', () => {
  it(
    'random answers, labels, scales, segments, grains, report dates',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, fc.array(params, { minLength: 2, maxLength: 2 }), async (data, ps) => {
          await fastLoad(ctx, data);
          for (const p of ps) {
            const { ticket_ratings, ...np } = p;
            const ctxt = JSON.stringify(p);
            expectRows(await runOrEmpty(ctx, 'nps', np), nps(data, np as SurveyParams), ['period', 'segment'], ctxt);
            expectRows(await runOrEmpty(ctx, 'csat', p), csat(data, p as SurveyParams), ['period', 'segment'], ctxt);
            void ticket_ratings;
          }
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'invariants: the three groups add up, NPS in [-100, 100], CSAT in [0, 100], segments add up to the total',
    async () => {
      await fc.assert(
        fc.asyncProperty(dataArb, params, async (data, p) => {
          await fastLoad(ctx, data);
          const { ticket_ratings, ...np } = p;
          void ticket_ratings;
          const all = await runOrEmpty(ctx, 'nps', { ...np, breakdown: 'none' });
          const seg = await runOrEmpty(ctx, 'nps', { ...np, breakdown: 'segment' });
          for (const r of all) {
            expect((r.promoters as number) + (r.passives as number) + (r.detractors as number)).toBe(r.responses);
            if (r.nps !== null) expect(Math.abs(r.nps as number)).toBeLessThanOrEqual(100);
            const parts = seg.filter((s) => s.period === r.period);
            expect(parts.reduce((a, s) => a + (s.responses as number), 0)).toBe(r.responses);
            expect(parts.reduce((a, s) => a + (s.promoters as number), 0)).toBe(r.promoters);
          }
          const c = await runOrEmpty(ctx, 'csat', { ...p, breakdown: 'none' });
          for (const r of c) {
            expect(r.satisfied as number).toBeLessThanOrEqual(r.responses as number);
            if (r.csat !== null) expect(r.csat as number).toBeGreaterThanOrEqual(0);
            if (r.csat !== null) expect(r.csat as number).toBeLessThanOrEqual(100);
          }
        }),
        { numRuns: 40 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
