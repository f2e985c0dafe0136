/**
 * Loading a CSV file into DuckDB: `ingestFile` reads the file lazily in slices,
 * transcodes to UTF-8 when needed, cuts at record boundaries, and has DuckDB parse each
 * chunk with fully explicit options (`auto_detect = false`, every column VARCHAR) and
 * convert it with the type plan's SQL into a staging table, renamed to its final name
 * only when everything went well. JavaScript touches bytes only; DuckDB parses rows.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { analyzeSource, type DialectOverride } from './sample.js';
import { createTranscoder } from './transcode.js';
import { createChunker, ChunkerError, type CsvChunk } from './chunker.js';
import { csvSyntax, skipRecords, indexRecords } from './scanner.js';
import { createTableSql, insertSql, readCsvSql } from './readCsv.js';
import { canLoadDirectly, loadDirectly } from './directLoad.js';
import { readRejects, rejectLine, rejectProblem, type RejectRow } from './rejects.js';
import { badCellProblems, countBadCells, findBadCells, type BadCell } from './badCells.js';
import { BAD_VALUE_MARKER } from './expressions.js';
import { errorText, translateEngineError } from './engineErrors.js';
import { tableNameFromFile } from './naming.js';
import { quoteIdent } from './sql.js';
import { encodingLabel, normalizeEncoding, type Encoding, type EncodingDetection } from './encoding.js';
import type { Dialect } from './dialect.js';
import type { ColumnPlan, DecimalMark } from './typePlan.js';
import type { IngestSource } from './source.js';
import {
  engineErrorProblem,
  noDataRowsProblem,
  readErrorProblem,
  rowTooLongProblem,
  rowsSkippedProblem,
  tableNameProblem,
  undecodableProblem,
  unknownEncodingProblem,
  unterminatedQuoteProblem,
  type IngestProblem,
  type ProblemSeverity,
} from './errors.js';

/** `strict`: any bad row or cell fails the load. `skip-bad-rows`: unreadable rows are skipped and unconvertible cells become NULL, both reported. */
export type IngestMode = 'strict' | 'skip-bad-rows';

/** A cancel flag: a plain `{ cancelled }` object or an `AbortSignal`. */
export type CancelSignal = { readonly cancelled: boolean } | { readonly aborted: boolean };

/** Progress of a load. */
export interface IngestProgress {
  phase: 'sampling' | 'loading' | 'done';
  /** Source bytes read so far. */
  bytesRead: number;
  totalBytes: number;
  /** Rows inserted so far (an estimate from the sample while DuckDB reads the whole file itself). */
  rowsLoaded: number;
  /** `rowsLoaded` is an estimate. */
  rowsEstimated?: boolean;
}

/** Options of {@link ingestFile}. */
export interface IngestOptions {
  /** Table to create (an existing table of that name is replaced on success). Default: from the file name. */
  tableName?: string | undefined;
  /** Names the derived table name must not take (besides the tables and views already in DuckDB). */
  existingTables?: Iterable<string> | undefined;
  /** Encoding chosen by the user (names like `SJIS`, `cp932` accepted); default: detected. */
  encoding?: Encoding | string | undefined;
  /** Dialect settings chosen by the user; default: sniffed. */
  dialect?: DialectOverride | undefined;
  /** Decimal mark for numbers that read either way (`1.200`); default: decided from the file (see `planColumns`). */
  decimalMark?: DecimalMark | undefined;
  /** Reporting offset from UTC in minutes (+540 for Japan): timestamps with offsets are converted to it. */
  reportingOffsetMinutes: number;
  mode: IngestMode;
  /** Bytes read per slice (default 16 MiB). */
  chunkBytes?: number | undefined;
  /** Files larger than this are read slice by slice, never in one statement (default: no limit). */
  directMaxBytes?: number | undefined;
  /** Bytes of the head used for detection (default 1 MiB). */
  sampleBytes?: number | undefined;
  /** Examples listed per kind of problem (default 5). */
  maxExamples?: number | undefined;
  onProgress?: ((p: IngestProgress) => void) | undefined;
  signal?: CancelSignal | undefined;
}

interface ResultBase {
  /** The encoding the file was read with. */
  encoding: Encoding;
  encodingDetection: EncodingDetection | null;
  dialect: Dialect | null;
  /** The type plan used (names, types, formats, SQL). */
  plan: ColumnPlan[];
  columns: { name: string; type: string }[];
  /** Rows in the table (0 unless loaded). */
  rows: number;
  /** Rows left out in skip-bad-rows mode. */
  skippedRows: number;
  /** Errors (why the load failed) — or, for a successful load, nothing. */
  problems: IngestProblem[];
  /** Things the user should know about a load that succeeded (skipped rows, NULLed cells, renamed columns). */
  warnings: IngestProblem[];
  /** True when loading again with mode `skip-bad-rows` would succeed. */
  canSkipBadRows: boolean;
  bytesRead: number;
  /** Seconds from the start of the load to its end. */
  seconds: number;
  /** How the file was read: by DuckDB in one statement (`direct`) or slice by slice; why not direct, when tried. */
  path?: { kind: 'direct' | 'sliced'; fallback?: string } | undefined;
}

/** The outcome of {@link ingestFile}. */
export type IngestResult =
  | (ResultBase & { ok: true; status: 'loaded'; table: string; cancelled: false })
  | (ResultBase & { ok: false; status: 'failed' | 'cancelled'; table: null; cancelled: boolean });

const MiB = 1024 * 1024;
let sequence = 0;

function isCancelled(signal: CancelSignal | undefined): boolean {
  if (!signal) return false;
  return 'aborted' in signal ? signal.aborted : signal.cancelled;
}

/** Thrown inside the load loop to stop with problems. */
class Stop extends Error {
  constructor(
    readonly problems: IngestProblem[],
    readonly canSkipBadRows: boolean,
  ) {
    super('stop');
  }
}
class Cancelled extends Error {}

async function existingNames(engine: SqlEngine): Promise<{ tables: Set<string>; views: Set<string> }> {
  const rows = tableToRows(
    // Only the user's schema: canonical views and derived tables live in their own schema (kpi),
    // so a file named customers.csv may still become the table "customers".
    await engine.query(
      "SELECT table_name AS n, 'table' AS k FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'",
    ),
  );
  const tables = new Set<string>();
  const views = new Set<string>();
  for (const r of rows) (r.k === 'view' ? views : tables).add(String(r.n).toLowerCase());
  return { tables, views };
}

const isBlank = (bytes: Uint8Array): boolean => {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0x0a && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
};

/**
 * Loads one CSV file into a new DuckDB table. Never throws for problems with the file:
 * they come back as {@link IngestProblem}s. On failure or cancel nothing is left behind
 * (an existing table of the requested name is untouched).
 */
export async function ingestFile(
  engine: SqlEngine,
  source: IngestSource,
  options: IngestOptions,
): Promise<IngestResult> {
  const file = source.name;
  const started = Date.now();
  const strict = options.mode === 'strict';
  const severity: ProblemSeverity = strict ? 'error' : 'warning';
  const chunkBytes = Math.max(1024, Math.floor(options.chunkBytes ?? 16 * MiB));
  const maxExamples = Math.max(1, options.maxExamples ?? 5);
  const warnings: IngestProblem[] = [];
  let bytesRead = 0;
  let rowsLoaded = 0;
  let rowsEstimated = false;
  const report = (phase: IngestProgress['phase']): void => {
    options.onProgress?.({ phase, bytesRead, totalBytes: source.size, rowsLoaded, rowsEstimated });
  };

  let requested: Encoding | undefined;
  if (options.encoding) {
    const e = normalizeEncoding(options.encoding);
    if (e) requested = e;
    else warnings.push(unknownEncodingProblem(file, options.encoding, 'the detected encoding'));
  }

  report('sampling');
  const analysis = await analyzeSource(source, {
    encoding: requested,
    dialect: options.dialect,
    reportingOffsetMinutes: options.reportingOffsetMinutes,
    sampleBytes: options.sampleBytes,
    decimalMark: options.decimalMark,
  });
  const plan = analysis.plan.columns;
  const base: ResultBase = {
    encoding: analysis.encoding.encoding,
    encodingDetection: analysis.encoding,
    dialect: analysis.problems.length ? null : analysis.dialect,
    plan,
    columns: plan.map((c) => ({ name: c.name, type: c.type })),
    rows: 0,
    skippedRows: 0,
    problems: [],
    warnings: [...warnings, ...analysis.warnings],
    canSkipBadRows: false,
    bytesRead: 0,
    seconds: 0,
  };
  const failed = (problems: IngestProblem[], canSkipBadRows: boolean): IngestResult => ({
    ...base,
    ok: false,
    status: 'failed',
    table: null,
    cancelled: false,
    problems,
    canSkipBadRows,
    bytesRead,
    seconds: (Date.now() - started) / 1000,
  });
  const cancelledResult = (): IngestResult => ({
    ...base,
    ok: false,
    status: 'cancelled',
    table: null,
    cancelled: true,
    bytesRead,
    seconds: (Date.now() - started) / 1000,
  });
  if (analysis.problems.length > 0) return failed(analysis.problems, false);
  if (isCancelled(options.signal)) return cancelledResult();

  const dialect = analysis.dialect;
  const label = encodingLabel(analysis.encoding.encoding);
  // UTF-8 passes to DuckDB undecoded, which rejects rows with invalid bytes, but the header
  // is decoded here: invalid bytes in it would silently garble the column names. (Other
  // encodings are transcoded, and the transcoder counts invalid bytes everywhere.)
  const headerBad = analysis.encoding.encoding === 'utf-8' ? analysis.header.join('').split('\uFFFD').length - 1 : 0;
  if (headerBad > 0) {
    const problem = undecodableProblem(file, severity, label, analysis.headerLine ?? undefined, headerBad);
    if (strict) return failed([problem], true);
    base.warnings.push(problem);
  }
  const names = analysis.names;
  const syntax = csvSyntax(dialect.delimiter, dialect.quote, dialect.escape);

  const requestedName = options.tableName?.trim();
  const staging = `__kpiw_ingest_${++sequence}_${Date.now().toString(36)}`;
  let present: { tables: Set<string>; views: Set<string> };
  let target: string;
  try {
    present = await existingNames(engine);
    if (requestedName && present.views.has(requestedName.toLowerCase()))
      return failed([tableNameProblem(file, requestedName)], false);
    target =
      requestedName ||
      tableNameFromFile(file, [...present.tables, ...present.views, ...(options.existingTables ?? [])]);
    await engine.exec(createTableSql(staging, plan));
  } catch (err) {
    return failed([engineErrorProblem(file, errorText(err).split('\n')[0] ?? 'unknown error')], false);
  }

  // Load state
  let recordsToSkip = dialect.skipRecords + (dialect.header ? 1 : 0);
  let skippedRows = 0;
  const rejectExamples: IngestProblem[] = [];
  const badCounts = new Map<string, number>();
  const badExamples: BadCell[] = [];
  let cellsKnownBad = false;
  const rejectLimit = 10000;

  const addCounts = (counts: ReadonlyMap<string, number>): void => {
    for (const [k, n] of counts) badCounts.set(k, (badCounts.get(k) ?? 0) + n);
  };

  const loadChunk = async (chunk: CsvChunk): Promise<void> => {
    let bytes = chunk.bytes;
    let firstLine = chunk.firstLine;
    if (recordsToSkip > 0) {
      const sk = skipRecords(bytes, syntax, recordsToSkip);
      recordsToSkip -= sk.skipped;
      bytes = bytes.subarray(sk.offset);
      firstLine += sk.lines;
    }
    if (bytes.length === 0 || isBlank(bytes)) return;
    const name = `${staging}_${chunk.index}.csv`;
    const rejects = { table: `${staging}_rj${chunk.index}`, scan: `${staging}_rs${chunk.index}`, limit: rejectLimit };
    const readCsv = (r?: typeof rejects): string =>
      readCsvSql(name, dialect, names, { ignoreErrors: true, ...(r ? { rejects: r } : {}) });
    const ctx = { readCsv, bytes, firstLine, syntax, tempPrefix: `${staging}_${chunk.index}` };
    const lineOfRecord = (n: number): number | undefined => {
      const idx = indexRecords(bytes, syntax, n);
      const l = idx.lines[n - 1];
      return l === undefined ? undefined : firstLine + l;
    };
    // A private copy: the browser engine transfers (detaches) the buffer it is given, and
    // the chunk's bytes are still needed here to turn rejected rows into line numbers.
    await engine.registerBytes(name, bytes.slice());
    try {
      let inserted: number;
      const insert = async (strictExprs: boolean): Promise<number> => {
        const r = tableToRows(await engine.query(insertSql(staging, plan, readCsv(rejects), strictExprs)));
        return Number(r[0]?.Count ?? 0);
      };
      try {
        inserted = await insert(strict || !cellsKnownBad);
        if (!strict && cellsKnownBad) {
          const counts = await countBadCells(engine, plan, ctx);
          const unseen = [...counts.keys()].some((c) => !badExamples.some((ex) => ex.column === c));
          if (unseen) {
            // A column goes bad for the first time: find where, for the report.
            const found = await findBadCells(engine, plan, ctx, maxExamples);
            for (const ex of found.examples) {
              if (!badExamples.some((b) => b.column === ex.column) || badExamples.length < maxExamples)
                badExamples.push(ex);
            }
          }
          addCounts(counts);
        }
      } catch (err) {
        if (!errorText(err).includes(BAD_VALUE_MARKER)) {
          throw new Stop(
            [translateEngineError(err, { file, severity: 'error', encodingLabel: label, lineOfRecord })],
            false,
          );
        }
        const found = await findBadCells(engine, plan, ctx, maxExamples);
        if (strict) {
          const problems = badCellProblems(file, 'error', plan, found.counts, found.examples);
          for (const { reject, line } of found.rejected.first) {
            problems.push(rejectProblem(reject, { file, severity: 'error', line, encodingLabel: label }));
          }
          if (found.rejected.count > 0) {
            const more = bytesRead < source.size || chunker.pendingBytes > 0;
            problems.push(rowsSkippedProblem(file, 'error', found.rejected.count, more));
          }
          throw new Stop(problems, true);
        }
        cellsKnownBad = true;
        addCounts(found.counts);
        for (const ex of found.examples) if (badExamples.length < maxExamples) badExamples.push(ex);
        await engine.exec(
          `DROP TABLE IF EXISTS ${quoteIdent(rejects.table)}; DROP TABLE IF EXISTS ${quoteIdent(rejects.scan)}`,
        );
        inserted = await insert(false);
      }
      rowsLoaded += inserted;

      const rej = await readRejects(engine, rejects.table, rejectLimit, maxExamples);
      if (rej.count > 0) {
        let count = rej.count;
        if (rej.capped) {
          // The rejects table stops at its limit; count from the chunk's records instead.
          count = Math.max(count, indexRecords(bytes, syntax).starts.length - inserted);
        }
        const problems = rej.first.map((r: RejectRow) =>
          rejectProblem(r, { file, severity, line: rejectLine(r, bytes, firstLine), encodingLabel: label }),
        );
        if (strict) {
          const more = bytesRead < source.size || chunker.pendingBytes > 0;
          throw new Stop([...problems, rowsSkippedProblem(file, 'error', count, more)], true);
        }
        skippedRows += count;
        for (const p of problems) if (rejectExamples.length < maxExamples) rejectExamples.push(p);
      }
    } finally {
      await engine.dropFile(name).catch(() => undefined);
      await engine
        .exec(`DROP TABLE IF EXISTS ${quoteIdent(rejects.table)}; DROP TABLE IF EXISTS ${quoteIdent(rejects.scan)}`)
        .catch(() => undefined);
    }
  };

  const transcoder = createTranscoder(analysis.encoding.encoding);
  const chunker = createChunker(syntax, { maxRecordBytes: Math.max(4 * chunkBytes, 16 * MiB) });
  const checkDecoding = (): void => {
    const st = transcoder.stats;
    if (strict && st.replacements > 0) {
      throw new Stop([undecodableProblem(file, 'error', label, st.firstBadLine ?? undefined, st.replacements)], true);
    }
  };
  const push = async (utf8: Uint8Array): Promise<void> => {
    try {
      const chunk = chunker.push(utf8);
      if (chunk) await loadChunk(chunk);
    } catch (err) {
      if (err instanceof ChunkerError) {
        throw new Stop(
          [
            err.reason === 'unterminated-quote'
              ? unterminatedQuoteProblem(file, 'error', err.line)
              : rowTooLongProblem(file, 'error', err.line),
          ],
          false,
        );
      }
      throw err;
    }
  };

  // The fast path first: DuckDB reads the whole file itself. Anything it cannot take as it
  // is sends the load down the sliced path below, which reports the problem precisely.
  let loadedDirectly = false;
  let directPath: IngestResult['path'] = { kind: 'sliced' };
  if (
    canLoadDirectly(engine, source, {
      encoding: analysis.encoding.encoding,
      dialect,
      headerReplacements: headerBad,
      maxBytes: options.directMaxBytes,
    })
  ) {
    report('loading');
    const rowsPerByte = analysis.headBytes > 0 ? analysis.records.length / analysis.headBytes : 0;
    const direct = await loadDirectly(engine, source, {
      staging,
      plan,
      dialect,
      names,
      cancelled: () => isCancelled(options.signal),
      onProgress: (fraction) => {
        bytesRead = Math.round(fraction * source.size);
        rowsLoaded = Math.round(bytesRead * rowsPerByte);
        rowsEstimated = true;
        report('loading');
      },
    });
    rowsEstimated = false;
    if (direct.kind === 'cancelled') {
      await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
      return cancelledResult();
    }
    directPath = direct.kind === 'loaded' ? { kind: 'direct' } : { kind: 'sliced', fallback: direct.reason };
    if (direct.kind === 'loaded') {
      loadedDirectly = true;
      rowsLoaded = direct.rows;
      bytesRead = source.size;
    } else {
      bytesRead = 0;
      rowsLoaded = 0;
    }
  }

  if (!loadedDirectly)
    try {
      report('loading');
      for (let offset = 0; offset < source.size;) {
        if (isCancelled(options.signal)) throw new Cancelled();
        const end = Math.min(source.size, offset + chunkBytes);
        let slice: Uint8Array;
        try {
          slice = await source.read(offset, end);
        } catch (err) {
          throw new Stop([readErrorProblem(file, errorText(err))], false);
        }
        if (slice.length === 0) break;
        offset += slice.length;
        bytesRead = offset;
        const utf8 = transcoder.push(slice);
        checkDecoding();
        await push(utf8);
        report('loading');
      }
      if (isCancelled(options.signal)) throw new Cancelled();
      const tail = transcoder.end();
      checkDecoding();
      if (tail.length > 0) await push(tail);
      const last = chunker.end();
      if (chunker.openQuoteLine !== null && last) {
        // Everything after an unclosed quote would be read as one broken row.
        const b = last.bytes;
        const lf = b.indexOf(0x0a);
        const swallows = lf >= 0 && !isBlank(b.subarray(lf + 1));
        if (swallows || strict)
          throw new Stop([unterminatedQuoteProblem(file, 'error', chunker.openQuoteLine)], !swallows);
      }
      if (last) await loadChunk(last);
    } catch (err) {
      await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
      if (err instanceof Cancelled) return cancelledResult();
      if (err instanceof Stop) return failed(err.problems, err.canSkipBadRows);
      return failed([engineErrorProblem(file, errorText(err).split('\n')[0] ?? 'unknown error')], false);
    }

  // Success: warnings, checks, final name.
  const st = transcoder.stats;
  if (st.replacements > 0)
    base.warnings.push(undecodableProblem(file, 'warning', label, st.firstBadLine ?? undefined, st.replacements));
  if (skippedRows > 0) base.warnings.push(rowsSkippedProblem(file, 'warning', skippedRows, false), ...rejectExamples);
  if (badCounts.size > 0) base.warnings.push(...badCellProblems(file, 'warning', plan, badCounts, badExamples));
  if (rowsLoaded === 0 && skippedRows === 0) base.warnings.push(noDataRowsProblem(file));

  try {
    const types = tableToRows(
      await engine.query(
        'SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = $1',
        [staging],
      ),
    );
    const tz = types.find((r) => String(r.t).includes('TIME ZONE'));
    if (tz) throw new Error(`internal: column ${String(tz.c)} is ${String(tz.t)}`);
    if (present.tables.has(target.toLowerCase())) await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(target)}`);
    await engine.exec(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(target)}`);
  } catch (err) {
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
    return failed([engineErrorProblem(file, errorText(err).split('\n')[0] ?? 'unknown error')], false);
  }
  report('done');
  return {
    ...base,
    ok: true,
    status: 'loaded',
    table: target,
    cancelled: false,
    rows: rowsLoaded,
    skippedRows,
    bytesRead,
    seconds: (Date.now() - started) / 1000,
    path: directPath,
  };
}
