/**
 * Keeps the canonical model (KPI_SPEC section 2) in step with the loaded tables. After
 * every load, removal or rename it describes the user's tables, detects what each one is
 * (or uses the mapping the user confirmed or one remembered for its header signature),
 * and rebuilds the canonical model in its own schema, `kpi`, so that a user's table
 * named `customers` never collides with the canonical `customers`. The model is
 * materialised as tables: its normalisation runs once per data version, not once per KPI.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS, type CanonicalView } from '../model/schema.js';
import {
  buildCanonicalSql,
  confirmDetection,
  detectMapping,
  MIN_CONFIDENCE,
  type ConfirmedMapping,
  type Detection,
  type LoadedTable,
  type MappingWarning,
} from '../mapping/index.js';
import { quoteIdent } from './tables.js';

/** The schema holding canonical views and derived tables. */
export const MODEL_SCHEMA = 'kpi';

/** How many sample values per column detection looks at. */
const SAMPLE_ROWS = 200;

/** What the model was built from: per table its detection and the mapping used. */
export interface ModelState {
  tables: { table: string; file: string; detection: Detection; mapping: ConfirmedMapping | null }[];
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
  private segmentAttribute: string | null = null;
  private reportingCurrency: string | null = null;
  state: ModelState = { tables: [], available: [], warnings: [], reportingCurrency: null, customerAttributes: [], segmentAttribute: null };

  constructor(
    private readonly engine: SqlEngine,
    private readonly utcOffsetMinutes = 0,
  ) {}

  /** Describes a user table for detection: columns, types and sample values as text. */
  async describe(table: string, file: string): Promise<LoadedTable> {
    const cols = tableToRows(
      await this.engine.query(
        "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
        [table],
      ),
    );
    const casts = cols.map((c) => `CAST(${quoteIdent(String(c.name))} AS VARCHAR) AS ${quoteIdent(String(c.name))}`).join(', ');
    const sample = cols.length ? tableToRows(await this.engine.query(`SELECT ${casts} FROM main.${quoteIdent(table)} USING SAMPLE ${SAMPLE_ROWS} ROWS (reservoir, 42)`)) : [];
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
  }

  /** Chooses the reporting currency (null: detected). */
  setCurrency(currency: string | null): void {
    this.reportingCurrency = currency;
  }

  /** Rebuilds every canonical view from the given user tables (name and source file). */
  async rebuild(tables: readonly { name: string; file: string | null }[]): Promise<ModelState> {
    await this.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${MODEL_SCHEMA}`);
    for (const name of [...this.confirmed.keys()]) if (!tables.some((t) => t.name === name)) this.confirmed.delete(name);
    const described: ModelState['tables'] = [];
    for (const t of tables) {
      const loaded = await this.describe(t.name, t.file ?? t.name);
      const detection = detectMapping(loaded);
      let mapping = this.confirmed.get(t.name) ?? null;
      if (!mapping && detection.role !== 'unknown' && detection.confidence >= MIN_CONFIDENCE) {
        mapping = confirmDetection(loaded, detection);
      }
      described.push({ table: t.name, file: loaded.file, detection, mapping });
    }
    const mappings = described.map((d) => d.mapping).filter((m): m is ConfirmedMapping => m !== null);
    const built = buildCanonicalSql(mappings, {
      segmentAttribute: this.segmentAttribute,
      // undefined = detect the currency from the files; null would mean "no filter".
      reportingCurrency: this.reportingCurrency ?? undefined,
      utcOffsetMinutes: this.utcOffsetMinutes,
      schema: MODEL_SCHEMA,
      materialize: true,
    });
    await this.engine.exec(`SET search_path = '${MODEL_SCHEMA},main'`);
    try {
      for (const v of CANONICAL_VIEWS) await this.engine.exec(emptyCanonicalSql(v));
      for (const s of built.statements) await this.engine.exec(s);
    } finally {
      await this.engine.exec(`SET search_path = 'main'`);
    }
    this.state = {
      tables: described,
      available: built.available,
      warnings: built.warnings,
      reportingCurrency: built.reportingCurrency,
      customerAttributes: built.customerAttributes,
      segmentAttribute: this.segmentAttribute,
    };
    return this.state;
  }
}
