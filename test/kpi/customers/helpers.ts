/**
 * Test helpers of the customers family: one engine and runner per test file, KPI runs as
 * plain rows, tolerant comparison, and fast-check generators of small canonical data sets
 * (gaps and reactivations, mid-month dates, same-month start and end, zero and negative
 * amounts, a single customer, empty inputs, ongoing subscriptions, day/month boundaries).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows, type Row } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { KpiRunError, KpiRunner } from '../../../src/core/kpi/runner.js';
import { readSqlFiles } from '../../../src/node/sqlFiles.js';
import { loadCanonical, type CanonicalRows } from '../canonical.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS } from '../../../src/core/model/schema.js';

export interface Ctx {
  engine: NodeEngine;
  runner: KpiRunner;
  loaded?: boolean;
}

export async function setup(): Promise<Ctx> {
  const engine = await NodeEngine.create();
  const cat = loadCatalogue(readSqlFiles());
  const mine = cat.errors.filter((e) => /sql\/(customers|derived)\//.test(e.path));
  if (mine.length) throw new Error(mine.map(String).join('\n'));
  return { engine, runner: new KpiRunner(engine, cat) };
}

/** Loads data (a fresh copy: loadCanonical fills customer segments in place). */
export async function load(ctx: Ctx, data: CanonicalRows): Promise<void> {
  await loadCanonical(ctx.engine, JSON.parse(JSON.stringify(data)) as CanonicalRows);
  ctx.loaded = true;
  ctx.runner.invalidate();
}

function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'boolean') return `CAST(${v} AS ${type})`;
  return `CAST('${String(v).replace(/'/g, "''")}' AS ${type})`;
}

/**
 * Same result as {@link load} for data using only the canonical columns, in one engine
 * call (emptying and refilling the tables instead of recreating them): property tests
 * load hundreds of small data sets.
 */
export async function fastLoad(ctx: Ctx, data: CanonicalRows): Promise<void> {
  if (!ctx.loaded) await load(ctx, {});
  const parts: string[] = [];
  for (const view of CANONICAL_VIEWS) {
    parts.push(`DELETE FROM ${view};`);
    const rows = data[view] ?? [];
    if (rows.length === 0) continue;
    const schema = CANONICAL_SCHEMA[view];
    for (const r of rows)
      for (const k of Object.keys(r))
        if (!schema.some(([n]) => n === k)) throw new Error(`fastLoad: ${view}.${k} is not canonical`);
    const values = rows
      .map(
        (r) =>
          `(${schema.map(([n, t]) => literal(n === 'segment' && r[n] === undefined ? '(all)' : r[n], t)).join(', ')})`,
      )
      .join(',\n');
    parts.push(`INSERT INTO ${view} VALUES ${values};`);
  }
  await ctx.engine.exec(parts.join('\n'));
  ctx.runner.invalidate();
}

export async function run(ctx: Ctx, id: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  return tableToRows((await ctx.runner.run(id, params)).table);
}

/**
 * Runs a KPI; when the runner refuses for missing data (e.g. an empty generated input),
 * returns [] so the caller compares with a reference that must then be empty too.
 */
export async function runOrEmpty(ctx: Ctx, id: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  try {
    return await run(ctx, id, params);
  } catch (e) {
    if (e instanceof KpiRunError && e.kind === 'missing-data') return [];
    throw e;
  }
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  }
  return a === b;
}

/**
 * Asserts two row lists are equal after sorting by `keys`: same columns, same keys,
 * numbers equal within 1e-9 relative.
 */
export function expectRows(actual: Row[], expected: ReadonlyArray<object>, keys: string[], context = ''): void {
  const sortKey = (r: Record<string, unknown>): string => keys.map((k) => String(r[k])).join('\u0001');
  const a = [...actual].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0));
  const e = (expected as Array<Record<string, unknown>>)
    .slice()
    .sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0));
  const bad = (): string => `${context}\nactual:   ${JSON.stringify(a)}\nexpected: ${JSON.stringify(e)}`;
  expect(a.length, bad()).toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const ar = a[i]!;
    const er = e[i]!;
    expect(Object.keys(ar).sort(), bad()).toEqual(Object.keys(er).sort());
    for (const k of Object.keys(er)) {
      if (!close(ar[k], er[k])) expect(`${k}: ${String(ar[k])}`, `row ${i}: ${bad()}`).toBe(`${k}: ${String(er[k])}`);
    }
  }
}

// ---------------------------------------------------------------------------- generators

const pad = (n: number): string => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' of `base` plus n days. */
export function plusDays(base: string, n: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A date within [base, base + span) days, biased to month starts and ends. */
export function dateIn(base: string, span: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: span - 1 }).map((n) => plusDays(base, n)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: span - 1 }).map((n) => {
        const d = plusDays(base, n);
        return `${d.slice(0, 8)}01`;
      }),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: span - 1 }).map((n) => {
        const d = new Date(Date.parse(`${plusDays(base, n).slice(0, 8)}01T00:00:00Z`));
        d.setUTCMonth(d.getUTCMonth() + 1);
        return new Date(d.getTime() - DAY_MS).toISOString().slice(0, 10);
      }),
    },
  );
}

/** A timestamp on a date: often at the day's first or last second. */
export const timeOfDay = fc.constantFrom('00:00:00', '23:59:59', '12:00:00', '08:30:15');
export function timestampIn(base: string, span: number): fc.Arbitrary<string> {
  return fc.tuple(dateIn(base, span), timeOfDay).map(([d, t]) => `${d} ${t}`);
}

export const CUSTOMERS = ['c1', 'c2', 'c3', 'c4', 'c5'];
export const SEGMENTS = ['SMB', 'Mid', 'Ent'];

export function customersArb(ids = CUSTOMERS): fc.Arbitrary<Array<Record<string, string | null>>> {
  return fc.subarray(ids).chain((sub) =>
    fc.tuple(
      ...sub.map((id) =>
        fc
          .record({
            segment: fc.option(fc.constantFrom(...SEGMENTS), { nil: null, freq: 5 }),
            name: fc.constantFrom('Acme', 'Globex', null),
          })
          .map((r) => ({ customer_id: id, ...r })),
      ),
    ),
  );
}

export interface EventsOpts {
  base?: string;
  span?: number;
  users?: string[];
  names?: string[];
  maxLength?: number;
}

export function eventsArb(o: EventsOpts = {}): fc.Arbitrary<Array<Record<string, string | null>>> {
  const users = o.users ?? ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
  const names = o.names ?? ['login', 'view', 'export'];
  return fc.array(
    fc.record({
      user_id: fc.constantFrom(...users),
      event_time: timestampIn(o.base ?? '2023-12-20', o.span ?? 120),
      event_name: fc.constantFrom(...names),
      customer_id: fc.option(fc.constantFrom(...CUSTOMERS.slice(0, 4)), { nil: null, freq: 6 }),
    }),
    { maxLength: o.maxLength ?? 40 },
  );
}

/** Users belong to one customer mostly (u1, u2 -> c1; u3 -> c2 …), with a few strays. */
export function customerEventsArb(o: EventsOpts = {}): fc.Arbitrary<Array<Record<string, string | null>>> {
  const owner: Record<string, string> = { u1: 'c1', u2: 'c1', u3: 'c2', u4: 'c3', u5: 'c4', u6: 'c5' };
  return eventsArb(o).map((evs) =>
    evs.map((e) => ({ ...e, customer_id: e.customer_id === null ? null : owner[e.user_id!]! })),
  );
}

export interface SubsOpts {
  base?: string;
  span?: number;
  customers?: string[];
  maxLength?: number;
}

export function subscriptionsArb(o: SubsOpts = {}): fc.Arbitrary<Array<Record<string, string | number | null>>> {
  const base = o.base ?? '2023-01-01';
  const span = o.span ?? 700;
  return fc.array(
    fc
      .record({
        customer_id: fc.constantFrom(...(o.customers ?? CUSTOMERS)),
        start_date: dateIn(base, span),
        length: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })), {
          nil: null,
          freq: 4,
        }),
        mrr: fc.constantFrom(-10, 0, 5, 12.5, 100, 37.25, 1000),
      })
      .map(({ customer_id, start_date, length, mrr }) => ({
        customer_id,
        start_date,
        end_date: length === null ? null : plusDays(start_date, length),
        mrr,
      })),
    { maxLength: o.maxLength ?? 12 },
  );
}

export { pad };

export function responsesArb(
  o: { base?: string; span?: number; maxLength?: number } = {},
): fc.Arbitrary<Array<Record<string, string | number | null>>> {
  return fc.array(
    fc.record({
      responded_at: timestampIn(o.base ?? '2023-12-15', o.span ?? 120),
      score: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(3.5, 8.5, 6.99, 4.0, 11, -1)),
      customer_id: fc.option(fc.constantFrom(...CUSTOMERS), { nil: null, freq: 5 }),
      survey: fc.constantFrom('nps', 'csat', null, '', 'NPS ', 'Csat', 'other'),
    }),
    { maxLength: o.maxLength ?? 30 },
  );
}

export function ticketsArb(
  o: { base?: string; span?: number; maxLength?: number } = {},
): fc.Arbitrary<Array<Record<string, string | number | null>>> {
  return fc.array(
    fc
      .record({
        ticket_id: fc.uuid(),
        created_at: timestampIn(o.base ?? '2023-12-15', o.span ?? 120),
        resolved_after: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        customer_id: fc.option(fc.constantFrom(...CUSTOMERS), { nil: null, freq: 5 }),
        satisfaction: fc.constantFrom(
          'good',
          'Bad',
          '良い',
          '悪い',
          'offered',
          null,
          '4',
          '2',
          '5.0',
          '7',
          '',
          ' GOOD ',
        ),
      })
      .map(({ resolved_after, ...t }) => ({
        ...t,
        resolved_at: resolved_after === null ? null : `${plusDays(t.created_at.slice(0, 10), resolved_after)} 18:00:00`,
      })),
    { maxLength: o.maxLength ?? 15 },
  );
}

/**
 * Time limit of one property test. The runs themselves take seconds on an idle 2-core
 * machine; the margin is for machines shared with other test runs.
 */
export const PROPERTY_TIMEOUT = 300_000;
