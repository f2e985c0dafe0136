/**
 * Keeps the canonical model (KPI_SPEC section 2) in step with the loaded tables. After
 * every load, removal or rename it describes the user's tables, detects what each one is
 * (or uses the mapping the user confirmed, else one remembered for its header signature
 * when it still fits the table), and rebuilds the canonical model in its own schema,
 * `kpi`, so that a user's table named `customers` never collides with the canonical
 * `customers`. The model is materialised as tables: its normalisation runs once per data
 * version, not once per KPI.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { findCleanTextColumns } from './cleanColumns.js';
import { CANONICAL_SCHEMA, type CanonicalView } from '../model/schema.js';
import {
  bindMapping,
  buildCanonicalSql,
  confirmDetection,
  eventsTextColumns,
  detectMapping,
  MIN_CONFIDENCE,
  recall,
  toSaved,
  type ConfirmedMapping,
  type Detection,
  type LoadedTable,
  type MappingStore,
  type MappingWarning,
  type SavedMapping,
} from '../mapping/index.js';
import { quoteIdent } from './tables.js';

/** The schema holding canonical views and derived tables. */
export const MODEL_SCHEMA = 'kpi';

/** How many sample values per column detection looks at. */
const SAMPLE_ROWS = 200;

/** Where the mapping in use comes from: detection, the user's edits (this session), or memory. */
export type MappingOrigin = 'detected' | 'edited' | 'remembered';

/** What is remembered for a table's header signature. */
export type TableMemory =
  | { state: 'none' }
  /** A remembered mapping that fits the table (in use unless the user edited the table). */
  | { state: 'remembered'; at: string; segment: string | null }
  /** A remembered mapping that no longer fits (columns `missing`, or unreadable): detection applies. */
  | { state: 'unusable'; at: string | null; missing: string[] };

/** One table of the model: its detection, the mapping in use and where that comes from. */
export interface TableState {
  table: string;
  file: string;
  detection: Detection;
  mapping: ConfirmedMapping | null;
  origin: MappingOrigin;
  memory: TableMemory;
}

/**
 * What the user chose in this session (edited mappings by table, segment), to set up a
 * new engine the same way after a crash. Structured-clonable.
 */
export interface ModelSession {
  confirmed: { table: string; mapping: SavedMapping }[];
  /** The segment the user chose (attribute or null for none), or null when not chosen. */
  segment: { attribute: string | null } | null;
}

/** What the model was built from: per table its detection and the mapping used. */
export interface ModelState {
  tables: TableState[];
  available: CanonicalView[];
  warnings: MappingWarning[];
  reportingCurrency: string | null;
  customerAttributes: string[];
  segmentAttribute: string | null;
}

/** Creates an empty table of a canonical shape, so KPI SQL always binds. */
export function emptyCanonicalSql(view: CanonicalView, schema = MODEL_SCHEMA): string {
  const cols = CANONICAL_SCHEMA[view].map(([n, t]) => `CAST(NULL AS ${t}) AS "${n}"`).join(', ');
  return `CREATE OR REPLACE TABLE ${schema}.${view} AS SELECT ${cols} WHERE false`;
}

export class Modeller {
  /** Mappings the user confirmed or edited, by table name (they win over detection). */
  private readonly confirmed = new Map<string, ConfirmedMapping>();
  /** What each canonical table was last built from (source tables and their loads, and the SQL). */
  private readonly builtFrom = new Map<CanonicalView, string>();
  /** Which text columns need no trimming, by table and load (`name\0load`), then column. */
  private readonly cleanText = new Map<string, Map<string, boolean>>();
  private segmentAttribute: string | null = null;
  /** The user chose the segment in this session (else a remembered choice applies). */
  private segmentChosen = false;
  private reportingCurrency: string | null = null;
  state: ModelState = {
    tables: [],
    available: [],
    warnings: [],
    reportingCurrency: null,
    customerAttributes: [],
    segmentAttribute: null,
  };

  /**
   * @param store remembered mappings by header signature (none: detection or edits only)
   */
  constructor(
    private readonly engine: SqlEngine,
    private readonly utcOffsetMinutes = 0,
    readonly store: MappingStore | null = null,
  ) {}

  /** Describes a user table for detection: columns, types and sample values as text. */
  async describe(table: string, file: string): Promise<LoadedTable> {
    const cols = tableToRows(
      await this.engine.query(
        "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
        [table],
      ),
    );
    const casts = cols
      .map((c) => `CAST(${quoteIdent(String(c.name))} AS VARCHAR) AS ${quoteIdent(String(c.name))}`)
      .join(', ');
    const sample = cols.length
      ? tableToRows(
          await this.engine.query(
            `SELECT ${casts} FROM main.${quoteIdent(table)} USING SAMPLE ${SAMPLE_ROWS} ROWS (reservoir, 42)`,
          ),
        )
      : [];
    return {
      table,
      file,
      columns: cols.map((c) => ({
        name: String(c.name),
        type: String(c.type),
        samples: sample.map((r) => (r[String(c.name)] === null ? null : String(r[String(c.name)]))),
      })),
    };
  }

  /** Uses this mapping for its table from now on (the user confirmed or edited it). */
  confirm(mapping: ConfirmedMapping): void {
    this.confirmed.set(mapping.table.table, mapping);
  }

  /** Keeps a confirmed mapping when its table is renamed. */
  renamed(from: string, to: string): void {
    const m = this.confirmed.get(from);
    if (!m) return;
    this.confirmed.delete(from);
    this.confirmed.set(to, { ...m, table: { ...m.table, table: to } });
  }

  /** Forgets a confirmed mapping (detection applies again). */
  unconfirm(table: string): void {
    this.confirmed.delete(table);
  }

  /** The mappings in use (confirmed or detected). */
  mappings(): ConfirmedMapping[] {
    return this.state.tables.map((t) => t.mapping).filter((m): m is ConfirmedMapping => m !== null);
  }

  /** Whether the table's mapping was confirmed by the user (rather than detected). */
  isConfirmed(table: string): boolean {
    return this.confirmed.has(table);
  }

  /** Chooses the customer attribute used as `segment` (null: none). */
  setSegment(attribute: string | null): void {
    this.segmentAttribute = attribute;
    this.segmentChosen = true;
  }

  /** The user's choices of this session (see {@link ModelSession}). */
  session(): ModelSession {
    return {
      confirmed: [...this.confirmed.entries()].map(([table, m]) => ({ table, mapping: toSaved(m) })),
      segment: this.segmentChosen ? { attribute: this.segmentAttribute } : null,
    };
  }

  /**
   * Takes over a session's choices (after an engine restart, with the same files loaded
   * under the same names). Mappings whose table is gone or no longer fits are skipped.
   * Returns how many mappings were restored; call {@link rebuild} after.
   */
  async restore(session: ModelSession, tables: readonly { name: string; file: string | null }[]): Promise<number> {
    let n = 0;
    for (const c of session.confirmed) {
      const t = tables.find((x) => x.name === c.table);
      if (!t) continue;
      try {
        this.confirm(bindMapping(c.mapping, await this.describe(t.name, t.file ?? t.name)));
        n++;
      } catch {
        /* no longer fits: detection or memory applies */
      }
    }
    if (session.segment) this.setSegment(session.segment.attribute);
    return n;
  }

  /** Chooses the reporting currency (null: detected). */
  setCurrency(currency: string | null): void {
    this.reportingCurrency = currency;
  }

  /**
   * Drops the canonical table or view `view` (only a view when `only` says so): DuckDB
   * will not replace a table by a view or the other way round.
   */
  private async dropCanonical(view: CanonicalView, only?: 'VIEW'): Promise<void> {
    const isView =
      tableToRows(
        await this.engine.query(
          'SELECT count(*) AS n FROM duckdb_views() WHERE NOT internal AND schema_name = $1 AND view_name = $2',
          [MODEL_SCHEMA, view],
        ),
      )[0]?.n !== 0;
    if (isView) await this.engine.exec(`DROP VIEW IF EXISTS ${MODEL_SCHEMA}.${quoteIdent(view)}`);
    else if (only !== 'VIEW') await this.engine.exec(`DROP TABLE IF EXISTS ${MODEL_SCHEMA}.${quoteIdent(view)}`);
  }

  /**
   * The mapping with its events text columns marked {@link LoadedColumn.clean} where no
   * value needs trimming: one read of the table per load (cached), so a clean 10-million-row
   * events file is served by a view rather than copied and trimmed.
   */
  private async withCleanText(m: ConfirmedMapping, load: number | undefined): Promise<ConfirmedMapping> {
    const columns = eventsTextColumns(m);
    if (columns.length === 0) return m;
    const key = `${m.table.table}\0${load ?? ''}`;
    let known = load === undefined ? undefined : this.cleanText.get(key);
    if (!known || columns.some((c) => !known!.has(c))) {
      known = await findCleanTextColumns(this.engine, `main.${quoteIdent(m.table.table)}`, columns);
      for (const k of [...this.cleanText.keys()]) if (k.startsWith(`${m.table.table}\0`)) this.cleanText.delete(k);
      if (load !== undefined) this.cleanText.set(key, known);
    }
    const flags = known;
    return {
      ...m,
      table: {
        ...m.table,
        columns: m.table.columns.map((c) => (flags.has(c.name) ? { ...c, clean: flags.get(c.name) === true } : c)),
      },
    };
  }

  /** Rebuilds every canonical view from the given user tables (name and source file). */
  async rebuild(tables: readonly { name: string; file: string | null; load?: number }[]): Promise<ModelState> {
    await this.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${MODEL_SCHEMA}`);
    for (const name of [...this.confirmed.keys()])
      if (!tables.some((t) => t.name === name)) this.confirmed.delete(name);
    const described: TableState[] = [];
    for (const t of tables) {
      const loaded = await this.describe(t.name, t.file ?? t.name);
      const detection = detectMapping(loaded);
      const r = this.store ? recall(this.store, loaded) : ({ status: 'none' } as const);
      const memory: TableMemory =
        r.status === 'applied'
          ? { state: 'remembered', at: r.rememberedAt, segment: r.segment }
          : r.status === 'unusable'
            ? { state: 'unusable', at: r.rememberedAt, missing: r.missing }
            : { state: 'none' };
      let mapping = this.confirmed.get(t.name) ?? null;
      let origin: MappingOrigin = 'edited';
      if (!mapping && r.status === 'applied') [mapping, origin] = [r.mapping, 'remembered'];
      if (!mapping) {
        origin = 'detected';
        if (detection.role !== 'unknown' && detection.confidence >= MIN_CONFIDENCE)
          mapping = confirmDetection(loaded, detection);
      }
      described.push({ table: t.name, file: loaded.file, detection, mapping, origin, memory });
    }
    const mappings: ConfirmedMapping[] = [];
    for (const [i, d] of described.entries()) {
      if (d.mapping) mappings.push(await this.withCleanText(d.mapping, tables[i]!.load));
    }
    const segmentAttribute = this.segmentChosen ? this.segmentAttribute : rememberedSegment(described);
    const built = buildCanonicalSql(mappings, {
      segmentAttribute,
      // undefined = detect the currency from the files; null would mean "no filter".
      reportingCurrency: this.reportingCurrency ?? undefined,
      utcOffsetMinutes: this.utcOffsetMinutes,
      schema: MODEL_SCHEMA,
      materialize: true,
    });
    await this.engine.exec(`SET search_path = '${MODEL_SCHEMA},main'`);
    try {
      // Only the canonical tables whose SQL or source tables changed are built again: a
      // mapping edit or a segment choice rebuilds one table, not the events of a 1 GB file.
      const sources = JSON.stringify(tables.map((t) => [t.name, t.load ?? null]));
      for (const [i, statement] of built.statements.entries()) {
        const view = built.views[i]!;
        const key = `${sources}\n${statement}`;
        if (this.builtFrom.get(view) === key) continue;
        this.builtFrom.delete(view);
        if (built.kinds[i] === 'VIEW') {
          // A view replaces whatever is there; if it cannot be created, an empty table stands in.
          await this.dropCanonical(view);
          try {
            await this.engine.exec(statement);
          } catch (err) {
            await this.engine.exec(emptyCanonicalSql(view));
            throw err;
          }
        } else {
          await this.dropCanonical(view, 'VIEW');
          await this.engine.exec(emptyCanonicalSql(view));
          await this.engine.exec(statement);
        }
        this.builtFrom.set(view, key);
      }
    } finally {
      await this.engine.exec(`SET search_path = 'main'`);
    }
    this.state = {
      tables: described,
      available: built.available,
      warnings: built.warnings,
      reportingCurrency: built.reportingCurrency,
      customerAttributes: built.customerAttributes,
      segmentAttribute,
    };
    return this.state;
  }
}

/** The segment remembered with a customers mapping in use (the first, in load order), if its attribute is there. */
function rememberedSegment(tables: readonly TableState[]): string | null {
  for (const t of tables) {
    const seg = t.memory.state === 'remembered' ? t.memory.segment : null;
    if (seg && t.mapping?.role === 'customers' && t.mapping.attributes.some((a) => a.name === seg)) return seg;
  }
  return null;
}
