/**
 * Shared helpers of the revenue KPI tests: loading hand-made or random revenue data into
 * the canonical tables, running a KPI, comparing rows with a relative tolerance, and the
 * fast-check generators of revenue data sets.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { SqlEngine } from '../../../src/core/engine/types.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunError, KpiRunner } from '../../../src/core/kpi/runner.js';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS } from '../../../src/core/model/schema.js';
import { daysInMonth, type PeriodRow, type RevenueInput, type SourceRow } from '../../reference/revenue/basis.js';

/** Property tests take ~20-40 s on an idle 2-core machine; allow for a loaded one. */
export const PROPERTY_TIMEOUT = 300_000;

export interface Ctx {
  engine: NodeEngine;
  runner: KpiRunner;
}

export async function createCtx(): Promise<Ctx> {
  const engine = await NodeEngine.create();
  const catalogue = loadCatalogue(readSqlFiles());
  const mine = catalogue.errors.filter((e) => /sql\/(revenue|derived\/(mrr_|calendar_))/.test(e.path));
  expect(mine.map((e) => e.message)).toEqual([]);
  return { engine, runner: new KpiRunner(engine, catalogue) };
}

/** Converts reference input into canonical rows (other dates become events at noon). */
export function toCanonical(input: RevenueInput): CanonicalRows {
  return {
    customers: (input.customers ?? []).map((c) => ({ ...c })),
    subscription_periods: (input.subscription_periods ?? []).map((p) => ({ ...p })),
    mrr_monthly_source: (input.mrr_monthly_source ?? []).map((s) => ({ ...s })),
    events: (input.otherDates ?? []).map((d, i) => ({
      user_id: `u${i}`,
      event_time: `${d} 12:00:00`,
      event_name: 'x',
    })),
  };
}

const loaded = new WeakSet<Ctx>();

function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return `CAST(${v} AS ${type})`;
  return `CAST('${String(v).replace(/'/g, "''")}' AS ${type})`;
}

/**
 * Replaces the canonical tables' rows. The first load of an engine creates the tables with
 * test/kpi/canonical.ts; later loads empty and refill them in one statement (much faster in
 * property tests, same tables and types).
 */
export async function load(ctx: Ctx, input: RevenueInput): Promise<void> {
  const rows = toCanonical(input);
  if (!loaded.has(ctx)) {
    await loadCanonical(ctx.engine as SqlEngine, rows);
    loaded.add(ctx);
  } else {
    const stmts: string[] = [];
    for (const view of CANONICAL_VIEWS) {
      stmts.push(`DELETE FROM ${view};`);
      const data = (rows[view] ?? []) as Array<Record<string, unknown>>;
      if (data.length === 0) continue;
      const schema = CANONICAL_SCHEMA[view];
      const values = data.map((r) => {
        const row = view === 'customers' && r.segment === undefined ? { ...r, segment: '(all)' } : r;
        return `(${schema.map(([n, t]) => literal(row[n], t)).join(', ')})`;
      });
      stmts.push(`INSERT INTO ${view} VALUES ${values.join(', ')};`);
    }
    await ctx.engine.exec(stmts.join('\n'));
  }
  ctx.runner.invalidate();
}

/** Runs a KPI; `null` when it refuses for missing data. */
export async function run(ctx: Ctx, id: string, params: Record<string, unknown> = {}): Promise<Row[] | null> {
  try {
    const r = await ctx.runner.run(id, params);
    return tableToRows(r.table);
  } catch (e) {
    if (e instanceof KpiRunError && e.kind === 'missing-data') return null;
    throw e;
  }
}

export function close(a: unknown, b: unknown, rel = 1e-9): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return a === b || (a == null && b == null);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/**
 * Asserts that SQL rows equal reference rows: same count, same order, every column of the
 * reference present with a close value (numbers within 1e-9 relative), and no extra column.
 */
export function expectRows(actual: Row[], expected: Array<Record<string, unknown>>, context = ''): void {
  const msg = (i: number, k: string) =>
    `${context} row ${i} column ${k}: sql=${JSON.stringify(actual[i]?.[k])} reference=${JSON.stringify(expected[i]?.[k])}\nsql row: ${JSON.stringify(actual[i])}\nref row: ${JSON.stringify(expected[i])}`;
  expect(
    actual.length,
    `${context} row count (sql ${actual.length}, reference ${expected.length})\nsql: ${JSON.stringify(actual.slice(0, 5))}\nref: ${JSON.stringify(expected.slice(0, 5))}`,
  ).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    expect(Object.keys(a).sort(), `${context} columns`).toEqual(Object.keys(e).sort());
    for (const k of Object.keys(e)) {
      if (!close(a[k], e[k])) expect.fail(msg(i, k));
    }
  }
}

// ---------------- generators ----------------

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const y = 2023 + Math.floor(i / 12);
  const m = (i % 12) + 1;
  return [y, m] as const;
});

/** A date in 2023-01 .. 2024-06, biased to month boundaries (1st, 2nd, 15th, last day). */
export const dateArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: MONTHS.length - 1 }),
    fc.constantFrom('first', 'second', 'mid', 'last', 'any'),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([i, kind, d]) => {
    const [y, m] = MONTHS[i]!;
    const dim = daysInMonth(y, m);
    const day =
      kind === 'first' ? 1 : kind === 'second' ? 2 : kind === 'mid' ? 15 : kind === 'last' ? dim : Math.min(d, dim);
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });

export const amountArb: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(10, 25, 50, 100, 12.5, 40, 75) },
  { weight: 1, arbitrary: fc.constantFrom(0, -20, -5) },
  { weight: 1, arbitrary: fc.double({ min: 0.01, max: 1000, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const CUSTOMERS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

/** A period: start, then an end that is NULL, in the same month, a few months later, or any date. */
export const periodArb = fc
  .tuple(
    fc.constantFrom(...CUSTOMERS),
    dateArb,
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<'null'>('null') },
      { weight: 1, arbitrary: fc.constant<'same'>('same') },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) },
      { weight: 1, arbitrary: dateArb },
    ),
    fc.constantFrom(0, 1, 14, 30),
    amountArb,
  )
  .map(([customer_id, start_date, endKind, dayShift, mrr]) => {
    let end_date: string | null = null;
    if (endKind === 'same')
      end_date = start_date.slice(0, 8) + String(Math.min(28, Number(start_date.slice(8)) + 1)).padStart(2, '0');
    else if (typeof endKind === 'number') {
      const t =
        Date.UTC(Number(start_date.slice(0, 4)), Number(start_date.slice(5, 7)) - 1 + endKind, 1) +
        dayShift * 86_400_000;
      end_date = new Date(t).toISOString().slice(0, 10);
    } else if (endKind !== 'null') end_date = endKind;
    return { customer_id, start_date, end_date, mrr };
  });

export const sourceRowArb = fc.record({
  customer_id: fc.constantFrom('c5', 'c6', 's1', 's2'),
  month: dateArb,
  mrr: amountArb,
});

export const customerArb = fc.record({
  customer_id: fc.constantFrom(...CUSTOMERS, 's1', 's2'),
  segment: fc.constantFrom<string | null>('A', 'B', null),
});

/** A random revenue data set (possibly empty, one customer, gaps, reactivations, snapshot rows). */
export const revenueInputArb: fc.Arbitrary<RevenueInput> = fc.record({
  subscription_periods: fc.array(periodArb, { minLength: 0, maxLength: 14 }),
  mrr_monthly_source: fc.oneof(
    { weight: 3, arbitrary: fc.constant<SourceRow[]>([]) },
    { weight: 1, arbitrary: fc.array(sourceRowArb, { maxLength: 8 }) },
  ),
  customers: fc.uniqueArray(customerArb, { maxLength: 6, selector: (c) => c.customer_id }),
  otherDates: fc.array(dateArb, { maxLength: 2 }),
});

/** as_of: the default (null) or a date from before the data to after it. */
export const asOfArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: dateArb },
  { weight: 1, arbitrary: fc.constantFrom('2022-12-31', '2024-09-30', '2023-05-31') },
);

/**
 * Chains of periods per customer (each next period starts at the previous end, shifted by
 * 0, a few days either way, or weeks later), plus random periods: renewals, late renewals,
 * early renewals, overlaps and non-renewals all occur.
 */
export const chainedInputArb: fc.Arbitrary<RevenueInput> = fc
  .record({
    chains: fc.array(
      fc.record({
        customer_id: fc.constantFrom(...CUSTOMERS),
        start: dateArb,
        links: fc.array(
          fc.record({
            months: fc.integer({ min: 1, max: 4 }),
            shift: fc.constantFrom(0, 0, 0, 3, -2, 10, 40),
            mrr: amountArb,
            open: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { maxLength: 4 },
    ),
    extra: fc.array(periodArb, { maxLength: 4 }),
    customers: fc.uniqueArray(customerArb, { maxLength: 6, selector: (c) => c.customer_id }),
    otherDates: fc.array(dateArb, { maxLength: 1 }),
  })
  .map(({ chains, extra, customers, otherDates }) => {
    const periods: PeriodRow[] = [...extra];
    const shiftDays = (d: string, k: number) =>
      new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10) + k)).toISOString().slice(0, 10);
    for (const ch of chains) {
      let start = ch.start;
      for (let i = 0; i < ch.links.length; i++) {
        const l = ch.links[i]!;
        const end = shiftDays(
          new Date(Date.UTC(+start.slice(0, 4), +start.slice(5, 7) - 1 + l.months, +start.slice(8, 10)))
            .toISOString()
            .slice(0, 10),
          0,
        );
        const last = i === ch.links.length - 1;
        periods.push({
          customer_id: ch.customer_id,
          start_date: start,
          end_date: last && l.open ? null : end,
          mrr: l.mrr,
        });
        if (last && l.open) break;
        start = shiftDays(end, l.shift);
      }
    }
    return { subscription_periods: periods, customers, otherDates, mrr_monthly_source: [] };
  });
