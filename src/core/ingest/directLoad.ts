/**
 * The fast path of a load: DuckDB reads the whole registered file itself, in one
 * `read_csv`, and converts it with the type plan's strict expressions into the staging
 * table. No bytes pass through JavaScript, nothing is copied, and DuckDB's own progress
 * drives the progress bar.
 *
 * It is optimistic: anything unusual (a ragged or unreadable row, an unterminated quote,
 * invalid UTF-8, a value the plan cannot convert, an over-long line) makes the statement
 * fail, and the caller then loads the file again slice by slice, which finds, names and
 * (in skip mode) skips the culprits exactly as before. A file that loads this way gives
 * the same table the sliced path gives (tested: `directLoad.test.ts`).
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { insertSql, readCsvSql } from './readCsv.js';
import { quoteIdent } from './sql.js';
import type { Dialect } from './dialect.js';
import type { Encoding } from './encoding.js';
import type { ColumnPlan } from './typePlan.js';
import type { IngestSource } from './source.js';

/** What decides whether the fast path may be tried. */
export interface DirectLoadCheck {
  encoding: Encoding;
  dialect: Dialect;
  /** Invalid bytes in a UTF-8 header (the sliced path reports them). */
  headerReplacements: number;
  /** Larger files are read slice by slice (see `DIRECT_MAX_BYTES_COMPRESSED`). */
  maxBytes?: number | undefined;
}

/**
 * True when DuckDB can read the file as it is: UTF-8 (other encodings are transcoded
 * slice by slice), no preamble before the header (the sliced path skips whole records,
 * read_csv only lines), and an engine and source that support whole-file reads.
 */
export function canLoadDirectly(engine: SqlEngine, source: IngestSource, check: DirectLoadCheck): boolean {
  return (
    typeof engine.registerSource === 'function' &&
    source.handle !== undefined &&
    check.encoding === 'utf-8' &&
    check.dialect.skipRecords === 0 &&
    check.headerReplacements === 0 &&
    source.size <= (check.maxBytes ?? Infinity)
  );
}

/** Options of {@link loadDirectly}. */
export interface DirectLoadOptions {
  staging: string;
  plan: readonly ColumnPlan[];
  dialect: Dialect;
  names: readonly string[];
  /** Fraction (0–1) of the statement DuckDB reports done. */
  onProgress: (fraction: number) => void;
  /** Asked at each progress report; true cancels the statement. */
  cancelled: () => boolean;
}

/** The outcome of {@link loadDirectly}. */
export type DirectLoadOutcome =
  | { kind: 'loaded'; rows: number }
  | { kind: 'cancelled' }
  /** The file needs the sliced path; `reason` is DuckDB's first message line (for logs and tests). */
  | { kind: 'fallback'; reason: string };

/**
 * Text columns as the sliced path delivers them: it turns CRLF and lone CR into LF
 * everywhere, including inside quoted values, so the fast path does the same (only to
 * values that hold a CR: `contains` is a memchr, the replace runs rarely).
 */
function directPlan(plan: readonly ColumnPlan[]): ColumnPlan[] {
  return plan.map((c) => {
    if (c.type !== 'VARCHAR') return c;
    const cr = (e: string): string =>
      `CASE WHEN contains(${e}, chr(13)) THEN replace(replace(${e}, chr(13) || chr(10), chr(10)), chr(13), chr(10)) ELSE ${e} END`;
    return { ...c, expr: cr(c.expr), strictExpr: cr(c.strictExpr) };
  });
}

let sequence = 0;

/**
 * Loads `source` into the (empty) staging table in one statement. On `fallback` and
 * `cancelled` the staging table is left empty (the failed statement rolled back).
 */
export async function loadDirectly(
  engine: SqlEngine,
  source: IngestSource,
  options: DirectLoadOptions,
): Promise<DirectLoadOutcome> {
  const register = engine.registerSource;
  if (!register || !source.handle) return { kind: 'fallback', reason: 'engine or source cannot read whole files' };
  const name = `${options.staging}_direct_${++sequence}.csv`;
  try {
    await register.call(engine, name, source.handle);
  } catch (err) {
    return { kind: 'fallback', reason: firstLine(err) };
  }
  const csv = readCsvSql(name, options.dialect, options.names, { header: options.dialect.header, newline: 'auto' });
  const sql = insertSql(options.staging, directPlan(options.plan), csv, true);
  let cancelRequested = false;
  const onProgress = (fraction: number): void => {
    options.onProgress(fraction);
    if (!cancelRequested && options.cancelled()) {
      cancelRequested = true;
      void engine.cancel?.();
    }
  };
  try {
    if (engine.execWithProgress) await engine.execWithProgress(sql, onProgress);
    else await engine.exec(sql);
    if (options.cancelled()) {
      await clear(engine, options.staging);
      return { kind: 'cancelled' };
    }
    const rows = tableToRows(await engine.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(options.staging)}`));
    return { kind: 'loaded', rows: Number(rows[0]?.n ?? 0) };
  } catch (err) {
    await clear(engine, options.staging);
    if (cancelRequested || options.cancelled()) return { kind: 'cancelled' };
    return { kind: 'fallback', reason: firstLine(err) };
  } finally {
    await engine.dropFile(name).catch(() => undefined);
  }
}

async function clear(engine: SqlEngine, staging: string): Promise<void> {
  await engine.exec(`DELETE FROM ${quoteIdent(staging)}`).catch(() => undefined);
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
