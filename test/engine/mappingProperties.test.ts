/**
 * Property tests of the normalisation SQL against hand formulas: MRR from amount,
 * interval, interval count, quantity and discounts (cents or units, zero-decimal
 * currencies), epoch seconds vs milliseconds, and the end-date rule.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { isoTimestamp } from '../../src/core/engine/rows.js';
import {
  buildCanonicalSql,
  DEFAULT_NORMALISATION,
  type ConfirmedMapping,
  type LoadedTable,
  type Normalisation,
} from '../../src/core/mapping/index.js';
import { timestampExpr } from '../../src/core/mapping/expr.js';
import { applyStatements, createTable, rows, type Cell } from './mappingFixtures.js';

const RUNS = 20;

function mapping(
  table: LoadedTable,
  columns: Record<string, string>,
  normalisation: Partial<Normalisation>,
): ConfirmedMapping {
  return {
    table,
    role: 'subscriptions',
    source: 'generic',
    columns,
    attributes: [],
    normalisation: { ...DEFAULT_NORMALISATION, excludedStatuses: [], includedStatuses: [], ...normalisation },
  };
}

/** Interval cells and the months they mean (before the interval count). */
const INTERVALS: [string, number, number | null][] = [
  ['month', 1, null],
  ['monthly', 1, null],
  ['月次', 1, null],
  ['Year', 12, null],
  ['annual', 12, null],
  ['年次', 12, null],
  ['quarter', 3, null],
  ['week', 12 / 52, null],
  ['day', 12 / 365, null],
  ['3 months', 1, 3],
  ['12', 1, 12],
];

const subscriptionRow = fc.record({
  amount: fc.integer({ min: 0, max: 2_000_000 }),
  currency: fc.constantFrom('usd', 'JPY', 'EUR'),
  interval: fc.integer({ min: 0, max: INTERVALS.length - 1 }),
  count: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  quantity: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  percentOff: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  amountOff: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
});
type SubscriptionRow = typeof subscriptionRow extends fc.Arbitrary<infer T> ? T : never;

/** The hand formula: amount × quantity × (1 − % off) − amount off, per month; cents ÷ 100 except JPY. */
function handMrr(r: SubscriptionRow, unit: 'cents' | 'units'): number {
  const [, unitMonths, lead] = INTERVALS[r.interval] as [string, number, number | null];
  const months = unitMonths * (r.count ?? lead ?? 1);
  const div = unit === 'cents' && r.currency.toUpperCase() !== 'JPY' ? 100 : 1;
  return ((r.amount / div) * (r.quantity ?? 1) * (1 - (r.percentOff ?? 0) / 100) - (r.amountOff ?? 0) / div) / months;
}

describe('normalisation properties', () => {
  let engine: NodeEngine;
  let n = 0;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  });
  afterAll(() => engine.close());

  it('MRR matches the hand formula for any amount, interval, count, quantity, discount and unit', async () => {
    const cols = [
      'cid:VARCHAR',
      'start:DATE',
      'amount:BIGINT',
      'cur:VARCHAR',
      'iv:VARCHAR',
      'cnt:BIGINT',
      'qty:BIGINT',
      'pct:DOUBLE',
      'off:BIGINT',
    ].map((c) => {
      const [name, type] = c.split(':') as [string, string];
      return { name, type };
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(subscriptionRow, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('cents' as const, 'units' as const),
        async (data, unit) => {
          const cells: Cell[][] = data.map((r, i) => [
            `c${String(i).padStart(3, '0')}`,
            '2024-01-01',
            r.amount,
            r.currency,
            INTERVALS[r.interval]![0],
            r.count,
            r.quantity,
            r.percentOff,
            r.amountOff,
          ]);
          const t = await createTable(engine, `p_mrr_${n++}`, cols, cells);
          const m = mapping(
            t,
            {
              customer_id: 'cid',
              start_date: 'start',
              amount: 'amount',
              currency: 'cur',
              interval: 'iv',
              interval_count: 'cnt',
              quantity: 'qty',
              discount_percent: 'pct',
              discount_amount: 'off',
            },
            { amountUnit: unit },
          );
          await applyStatements(engine, buildCanonicalSql([m], { reportingCurrency: null }).statements);
          const got = await rows(
            engine,
            'SELECT customer_id, mrr, currency FROM subscription_periods ORDER BY customer_id',
          );
          expect(got.length).toBe(data.length);
          got.forEach((g, i) => {
            const want = handMrr(data[i]!, unit);
            expect(Math.abs((g.mrr as number) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
            expect(g.currency).toBe(data[i]!.currency.toUpperCase());
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('epoch seconds, milliseconds and offset text give the same instant', async () => {
    const instants = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2090, 11, 31) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(instants, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('auto' as const, 'exact' as const),
        async (ms, mode) => {
          const cells: Cell[][] = ms.map((x) => [
            Math.floor(x / 1000),
            x,
            new Date(x).toISOString(),
            `${isoTimestamp(x + 9 * 3600_000).replace(' ', 'T')}+09:00`,
          ]);
          const cols = [
            { name: 's', type: 'BIGINT' },
            { name: 'ms', type: 'BIGINT' },
            { name: 'iso_z', type: 'VARCHAR' },
            { name: 'iso_jst', type: 'VARCHAR' },
          ];
          const t = await createTable(engine, `p_epoch_${n++}`, cols, cells);
          const norm = (epochUnit: Normalisation['epochUnit']): Normalisation => ({
            ...DEFAULT_NORMALISATION,
            epochUnit,
          });
          const [s, msCol, z, jst] = t.columns as [
            LoadedTable['columns'][number],
            LoadedTable['columns'][number],
            LoadedTable['columns'][number],
            LoadedTable['columns'][number],
          ];
          const ctx = (u: Normalisation['epochUnit'], offset = 0) => ({
            norm: norm(mode === 'auto' ? 'auto' : u),
            utcOffsetMinutes: offset,
            sourceSchema: null,
          });
          const got = await rows(
            engine,
            `SELECT ${timestampExpr(s, ctx('s'))} AS s, ${timestampExpr(msCol, ctx('ms'))} AS ms, ${timestampExpr(z, ctx('ms'))} AS z, ` +
              `${timestampExpr(jst, ctx('ms'))} AS jst, ${timestampExpr(jst, ctx('ms', 540))} AS jst_local, ${timestampExpr(msCol, ctx('ms', 540))} AS ms_local FROM ${t.table}`,
          );
          got.forEach((g, i) => {
            const x = ms[i]!;
            expect(g.s).toBe(isoTimestamp(Math.floor(x / 1000) * 1000));
            expect(g.ms).toBe(isoTimestamp(x));
            expect(g.z).toBe(isoTimestamp(x));
            expect(g.jst).toBe(isoTimestamp(x));
            expect(g.jst_local).toBe(isoTimestamp(x + 9 * 3600_000));
            expect(g.ms_local).toBe(isoTimestamp(x + 9 * 3600_000));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('end date = ended, else cancel_at, else period end when cancelling at period end, else canceled_at (or the literal order)', async () => {
    const day = fc.option(
      fc
        .integer({ min: 0, max: 365 })
        .map((d) => new Date(Date.UTC(2024, 0, 2) + d * 86_400_000).toISOString().slice(0, 10)),
      { nil: null },
    );
    const row = fc.record({
      ended: day,
      cancelAt: day,
      flag: fc.option(fc.boolean(), { nil: null }),
      periodEnd: day,
      canceled: day,
    });
    const cols = [
      'cid:VARCHAR',
      'start:DATE',
      'mrr:DOUBLE',
      'ended:DATE',
      'cancel_at:DATE',
      'flag:BOOLEAN',
      'period_end:DATE',
      'canceled:DATE',
    ].map((c) => {
      const [name, type] = c.split(':') as [string, string];
      return { name, type };
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('period_end_first' as const, 'canceled_at_first' as const),
        fc.boolean(),
        async (data, rule, inclusive) => {
          const t = await createTable(
            engine,
            `p_end_${n++}`,
            cols,
            data.map((r, i) => [
              `c${String(i).padStart(3, '0')}`,
              '2023-01-01',
              10,
              r.ended,
              r.cancelAt,
              r.flag,
              r.periodEnd,
              r.canceled,
            ]),
          );
          const m = mapping(
            t,
            {
              customer_id: 'cid',
              start_date: 'start',
              mrr: 'mrr',
              end_date: 'ended',
              cancel_at: 'cancel_at',
              cancel_at_period_end: 'flag',
              current_period_end: 'period_end',
              canceled_at: 'canceled',
            },
            { endDateRule: rule, periodEndInclusive: inclusive, mrrFrom: 'mrr_column' },
          );
          await applyStatements(engine, buildCanonicalSql([m]).statements);
          const got = await rows(engine, 'SELECT end_date FROM subscription_periods ORDER BY customer_id');
          const plusDay = (d: string): string =>
            new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          const want = data.map((r) => {
            const ended = r.ended && inclusive ? plusDay(r.ended) : r.ended;
            const flagged = r.flag ? r.periodEnd : null;
            const order =
              rule === 'period_end_first'
                ? [ended, r.cancelAt, flagged, r.canceled]
                : [ended, r.canceled, r.cancelAt, flagged];
            return { end_date: order.find((d) => d !== null) ?? null };
          });
          expect(got).toEqual(want);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
