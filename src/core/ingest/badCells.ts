/**
 * Finding cells that do not convert to their column's type, with file line numbers.
 *
 * Only run when a load has seen such cells (error path): the chunk is scanned again by
 * DuckDB with the `badWhen` predicates, and row numbers are turned into lines by listing
 * the chunk's records in JavaScript (skipping the rows DuckDB rejected, as the load did).
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { badValueProblem, type IngestProblem, type ProblemSeverity } from './errors.js';
import { quoteIdent } from './sql.js';
import { indexRecords, type CsvSyntax } from './scanner.js';
import { readRejects, rejectLine, type RejectRow } from './rejects.js';
import type { ColumnPlan } from './typePlan.js';
import { typeLabel } from './typePlan.js';

/** One bad cell found. */
export interface BadCell {
  column: string;
  value: string;
  /** 1-based file line, when it could be determined. */
  line: number | undefined;
}

/** Bad cells of one chunk: counts per column and the first examples. */
export interface BadCellReport {
  counts: Map<string, number>;
  examples: BadCell[];
  /** Rows DuckDB rejected in the same chunk (ragged, bad quotes), with their lines. */
  rejected: { count: number; first: { reject: RejectRow; line: number }[] };
}

/** Everything needed to re-read one chunk. */
export interface ChunkContext {
  /** `read_csv(...)` over the registered chunk with `ignore_errors`, as loaded. */
  readCsv: (rejects?: { table: string; scan: string; limit: number }) => string;
  bytes: Uint8Array;
  firstLine: number;
  syntax: CsvSyntax;
  /** Prefix for temporary table names. */
  tempPrefix: string;
}

function typedColumns(plan: readonly ColumnPlan[]): ColumnPlan[] {
  return plan.filter((c) => c.badWhen !== 'false');
}

/** Counts bad cells per column of a chunk (one scan). */
export async function countBadCells(
  engine: SqlEngine,
  plan: readonly ColumnPlan[],
  ctx: ChunkContext,
): Promise<Map<string, number>> {
  const cols = typedColumns(plan);
  const counts = new Map<string, number>();
  if (cols.length === 0) return counts;
  const sel = cols.map((c, j) => `count(*) FILTER (WHERE ${c.badWhen}) AS c${j}`).join(', ');
  const row = tableToRows(await engine.query(`SELECT ${sel} FROM ${ctx.readCsv()}`))[0] ?? {};
  cols.forEach((c, j) => {
    const n = Number(row[`c${j}`] ?? 0);
    if (n > 0) counts.set(c.name, n);
  });
  return counts;
}

/**
 * Counts and locates bad cells of a chunk: per-column counts and up to `maxExamples`
 * examples with file lines.
 */
export async function findBadCells(
  engine: SqlEngine,
  plan: readonly ColumnPlan[],
  ctx: ChunkContext,
  maxExamples: number,
): Promise<BadCellReport> {
  const counts = await countBadCells(engine, plan, ctx);
  const cols = typedColumns(plan).filter((c) => counts.has(c.name));
  const examples: BadCell[] = [];
  const mapper = await recordLineMapper(engine, ctx, maxExamples);
  if (cols.length === 0) return { counts, examples, rejected: mapper.rejected };

  const values = cols.map((c, j) => `${quoteIdent(c.name)} AS v${j}, ${c.badWhen} AS b${j}`).join(', ');
  // Number the rows first, then filter (a window over a filtered scan would renumber).
  const numbered = tableToRows(
    await engine.query(
      `SELECT * FROM (SELECT row_number() OVER () - 1 AS rec, ${values} FROM ${ctx.readCsv()}) WHERE ${cols.map((_, j) => `b${j}`).join(' OR ')} ORDER BY rec LIMIT ${Math.max(1, maxExamples)}`,
    ),
  );

  for (const r of numbered) {
    const line = mapper.lineOf(Number(r.rec));
    cols.forEach((c, j) => {
      if (r[`b${j}`] === true && examples.length < maxExamples)
        examples.push({ column: c.name, value: String(r[`v${j}`] ?? ''), line });
    });
  }
  // Every bad column gets at least one example, even when another column filled the list.
  for (const [j, c] of cols.entries()) {
    if (examples.some((e) => e.column === c.name)) continue;
    const first = tableToRows(
      await engine.query(
        `SELECT * FROM (SELECT row_number() OVER () - 1 AS rec, ${values} FROM ${ctx.readCsv()}) WHERE b${j} ORDER BY rec LIMIT 1`,
      ),
    )[0];
    if (first)
      examples.push({ column: c.name, value: String(first[`v${j}`] ?? ''), line: mapper.lineOf(Number(first.rec)) });
  }
  return { counts, examples, rejected: mapper.rejected };
}

/**
 * Maps the 0-based index of a row DuckDB returned from the chunk to its file line: the
 * chunk's records are listed, records DuckDB rejected are left out, the rest numbered.
 */
async function recordLineMapper(
  engine: SqlEngine,
  ctx: ChunkContext,
  maxExamples: number,
): Promise<{ lineOf: (row: number) => number | undefined; rejected: BadCellReport['rejected'] }> {
  const table = `${ctx.tempPrefix}_diag_rj`;
  const scan = `${ctx.tempPrefix}_diag_rs`;
  const rejectedStarts = new Set<number>();
  const records = indexRecords(ctx.bytes, ctx.syntax);
  const rejected: BadCellReport['rejected'] = { count: 0, first: [] };
  try {
    await engine.query(`SELECT count(*) FROM ${ctx.readCsv({ table, scan, limit: 100000 })}`);
    const rj = await readRejects(engine, table, 100000, maxExamples);
    rejected.count = rj.count;
    rejected.first = rj.first.map((reject) => ({ reject, line: rejectLine(reject, ctx.bytes, ctx.firstLine) }));
    const rej = tableToRows(await engine.query(`SELECT DISTINCT line_byte_position AS p FROM ${quoteIdent(table)}`));
    for (const r of rej) {
      // line_byte_position is 1-based: find the record containing that byte.
      const pos = Number(r.p) - 1;
      let lo = 0;
      let hi = records.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((records.starts[mid] as number) <= pos) lo = mid;
        else hi = mid - 1;
      }
      rejectedStarts.add(lo);
    }
  } catch {
    // without the rejects the mapping is still right when nothing was rejected
  } finally {
    await engine
      .exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}; DROP TABLE IF EXISTS ${quoteIdent(scan)}`)
      .catch(() => undefined);
  }
  const kept: number[] = [];
  records.starts.forEach((_, i) => {
    if (!rejectedStarts.has(i)) kept.push(i);
  });
  const lineOf = (row: number): number | undefined => {
    const rec = kept[row];
    return rec === undefined ? undefined : ctx.firstLine + (records.lines[rec] as number);
  };
  return { lineOf, rejected };
}

/**
 * Problems for bad cells: one per example, the first example of each column carrying the
 * column's total count.
 */
export function badCellProblems(
  file: string,
  severity: ProblemSeverity,
  plan: readonly ColumnPlan[],
  counts: ReadonlyMap<string, number>,
  examples: readonly BadCell[],
): IngestProblem[] {
  const seen = new Set<string>();
  return examples.map((ex) => {
    const col = plan.find((c) => c.name === ex.column);
    const first = !seen.has(ex.column);
    seen.add(ex.column);
    return badValueProblem(
      file,
      severity,
      ex.line,
      ex.column,
      ex.value,
      typeLabel(col?.type ?? 'VARCHAR'),
      first ? counts.get(ex.column) : undefined,
    );
  });
}
