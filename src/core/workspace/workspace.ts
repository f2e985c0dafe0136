/**
 * A workspace: loaded tables, the canonical model over them and the KPI runner, on one
 * engine. The browser worker and the CLI both drive one of these, so a file loads, maps
 * and computes the same way everywhere.
 */
import type { SqlEngine } from '../engine/types.js';
import { tableToRows } from '../engine/rows.js';
import { COMPRESS_ABOVE_BYTES, DIRECT_MAX_BYTES_COMPRESSED, moveToCompressedStorage } from './storage.js';
import type { Catalogue } from '../kpi/catalogue.js';
import { KpiRunner, type KpiResult } from '../kpi/runner.js';
import { ingestFile, type IngestOptions, type IngestResult, type IngestSource } from '../ingest/index.js';
import {
  bindMapping,
  confirmDetection,
  detectAs,
  detectMapping,
  forgetMapping,
  headerSignature,
  parseMappings,
  rememberMapping,
  runValidation,
  serializeMappings,
  type ConfirmedMapping,
  type MappingEdits,
  type MappingStore,
  type Role,
  type ValidationResult,
} from '../mapping/index.js';
import { Modeller, MODEL_SCHEMA, type ModelSession, type ModelState } from './modeller.js';
import { TableRegistry } from './tables.js';

export interface WorkspaceOptions {
  /** Reporting offset from UTC in minutes (+540 for Japan). */
  reportingOffsetMinutes: number;
  /**
   * Remembered mappings by header signature: the user's edits are saved here, and a
   * file whose headers match maps itself with them. None: nothing is remembered.
   */
  mappingStore?: MappingStore;
  /** Clock for "remembered at" (tests). */
  now?: () => Date;
  /** Total size of the loaded files above which tables are kept compressed (default {@link COMPRESS_ABOVE_BYTES}). */
  compressAboveBytes?: number;
}

export class Workspace {
  readonly tables: TableRegistry;
  readonly modeller: Modeller;
  readonly runner: KpiRunner;
  private compressed = false;

  constructor(
    readonly engine: SqlEngine,
    catalogue: Catalogue,
    readonly options: WorkspaceOptions,
  ) {
    this.tables = new TableRegistry(engine);
    this.modeller = new Modeller(engine, options.reportingOffsetMinutes, options.mappingStore ?? null);
    this.runner = new KpiRunner(engine, catalogue, { schema: MODEL_SCHEMA });
  }

  /** Creates the (empty) canonical model; call once before anything else. */
  async init(): Promise<void> {
    await this.refreshModel();
  }

  /** Rebuilds the canonical views and invalidates derived tables and cached availability. */
  async refreshModel(): Promise<ModelState> {
    const state = await this.modeller.rebuild(this.tables.entries());
    this.runner.invalidate();
    return state;
  }

  /**
   * Loads one file into a table. Problems come back in the result (never thrown). On
   * success the model is rebuilt, unless `deferModel` (loading several files at once).
   */
  async load(
    source: IngestSource,
    options: Omit<IngestOptions, 'reportingOffsetMinutes' | 'existingTables'> & { deferModel?: boolean },
  ): Promise<IngestResult> {
    // Loading again into an existing table (another encoding or decimal mark) replaces it.
    const replacing =
      options.tableName && this.tables.has(options.tableName) ? await this.columnsOf(options.tableName) : null;
    await this.makeRoomFor(source.size, options.tableName);
    const result = await ingestFile(this.engine, source, {
      directMaxBytes: this.compressed ? DIRECT_MAX_BYTES_COMPRESSED : undefined,
      ...options,
      reportingOffsetMinutes: this.options.reportingOffsetMinutes,
      existingTables: this.tables.names(),
    });
    if (result.ok) {
      // A mapping confirmed for the old columns does not fit new ones (a header read in
      // the wrong encoding): detection applies again.
      if (replacing !== null && replacing !== (await this.columnsOf(result.table)))
        this.modeller.unconfirm(result.table);
      this.tables.add(result.table, {
        file: source.name,
        encoding: result.encoding,
        skippedRows: result.skippedRows,
        bytes: source.size,
        loadSeconds: result.seconds,
        loadPath: result.path ? `${result.path.kind}${result.path.fallback ? `: ${result.path.fallback}` : ''}` : null,
      });
      if (!options.deferModel) await this.refreshModel();
    }
    return result;
  }

  /** The segment to remember with a mapping: the one in use, if the mapping provides it. */
  private segmentFor(m: ConfirmedMapping): string | null {
    const seg = this.modeller.state.segmentAttribute;
    return seg && m.role === 'customers' && m.attributes.some((a) => a.name === seg) ? seg : null;
  }

  /** Uses a mapping the user confirmed or edited, and remembers it for files with the same headers. */
  private confirmAndRemember(mapping: ConfirmedMapping): void {
    this.modeller.confirm(mapping);
    const store = this.options.mappingStore;
    if (store)
      rememberMapping(store, mapping, { now: this.options.now?.() ?? new Date(), segment: this.segmentFor(mapping) });
  }

  /** Column names and types of a table, as one string to compare. */
  private async columnsOf(table: string): Promise<string> {
    const rows = tableToRows(
      await this.engine.query(
        "SELECT column_name AS n, data_type AS t FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'main' ORDER BY ordinal_position",
        [table],
      ),
    );
    return JSON.stringify(rows.map((r) => [r.n, r.t]));
  }

  /**
   * Before a load: when the files held plus this one pass the threshold, the tables move
   * to compressed storage (once per workspace; see `storage.ts`).
   */
  private async makeRoomFor(bytes: number, replacing: string | undefined): Promise<void> {
    if (this.compressed) return;
    const held = this.tables.bytesHeld(replacing);
    if (held + bytes <= (this.options.compressAboveBytes ?? COMPRESS_ABOVE_BYTES)) return;
    await moveToCompressedStorage(this.engine, MODEL_SCHEMA);
    this.compressed = true;
    await this.refreshModel();
  }

  /** Whether the tables are kept in compressed storage. */
  get compressedStorage(): boolean {
    return this.compressed;
  }

  /** Maps a table with a role the user named (instead of the detected one). */
  async assignRole(table: string, role: Role): Promise<ConfirmedMapping> {
    const entry = this.tables.entries().find((e) => e.name === table);
    if (!entry) throw new Error(`no table named ${table}`);
    const loaded = await this.modeller.describe(table, entry.file ?? table);
    const mapping = confirmDetection(loaded, detectAs(loaded, role), { role });
    this.confirmAndRemember(mapping);
    return mapping;
  }

  /** Applies the user's edits to a table's mapping (role, columns, normalisation). */
  async editMapping(table: string, edits: MappingEdits): Promise<void> {
    const entry = this.tables.entries().find((e) => e.name === table);
    if (!entry) throw new Error(`no table named ${table}`);
    const loaded = await this.modeller.describe(table, entry.file ?? table);
    const role = edits.role;
    const detection = role ? detectAs(loaded, role, edits.source) : detectMapping(loaded);
    const current = this.modeller.state.tables.find((t) => t.table === table)?.mapping;
    const base: MappingEdits =
      current && (!role || role === current.role)
        ? {
            role: current.role,
            source: current.source,
            columns: current.columns,
            attributes: current.attributes,
            normalisation: current.normalisation,
          }
        : {};
    this.confirmAndRemember(
      confirmDetection(loaded, detection, {
        ...base,
        ...edits,
        columns: { ...(base.columns ?? {}), ...(edits.columns ?? {}) },
        normalisation: { ...(base.normalisation ?? {}), ...(edits.normalisation ?? {}) },
      }),
    );
    await this.refreshModel();
  }

  /**
   * Goes back to the detected mapping for a table, and forgets the mapping remembered
   * for its headers (the user's "reset to detected" and "forget, detect again").
   */
  async resetMapping(table: string): Promise<void> {
    const entry = this.tables.entries().find((e) => e.name === table);
    if (!entry) throw new Error(`no table named ${table}`);
    this.modeller.unconfirm(table);
    const store = this.options.mappingStore;
    if (store) forgetMapping(store, await this.modeller.describe(table, entry.file ?? table));
    await this.refreshModel();
  }

  /**
   * Chooses the customer attribute used as segment (null: none). The choice is
   * remembered with the customers mappings in use that provide the attribute.
   */
  async setSegment(attribute: string | null): Promise<void> {
    this.modeller.setSegment(attribute);
    const store = this.options.mappingStore;
    if (store) {
      for (const t of this.modeller.state.tables) {
        const m = t.mapping;
        if (m?.role !== 'customers') continue;
        const provides = attribute !== null && m.attributes.some((a) => a.name === attribute);
        // Remember the choice with the files that provide it; clear it where one was remembered.
        if (provides || t.memory.state === 'remembered')
          rememberMapping(store, m, { now: this.options.now?.() ?? new Date(), segment: provides ? attribute : null });
      }
    }
    await this.refreshModel();
  }

  /** The user's choices of this session (edited mappings, segment), for crash recovery. */
  session(): ModelSession {
    return this.modeller.session();
  }

  /**
   * Takes over a session's choices on a fresh engine that has the same files loaded
   * under the same names (crash recovery); rebuilds the model. Returns how many edited
   * mappings were restored. Nothing is remembered anew.
   */
  async restoreSession(session: ModelSession): Promise<number> {
    const n = await this.modeller.restore(session, this.tables.entries());
    await this.refreshModel();
    return n;
  }

  /**
   * Validation report of the mappings in use; its statements go to `through` when given
   * (the worker passes a background engine so the report never holds up a KPI).
   */
  validate(through: SqlEngine = this.engine): Promise<ValidationResult[]> {
    return runValidation(through, this.modeller.mappings(), {
      utcOffsetMinutes: this.options.reportingOffsetMinutes,
      segmentAttribute: this.modeller.state.segmentAttribute,
    });
  }

  /** The mappings in use as JSON (for the CLI's --map and for next month's files). */
  exportMappings(): string {
    return serializeMappings(this.modeller.mappings());
  }

  /** Applies saved mappings to the loaded tables whose headers match; returns how many matched. */
  async importMappings(json: string): Promise<number> {
    const saved = parseMappings(json);
    let n = 0;
    for (const entry of this.tables.entries()) {
      const loaded = await this.modeller.describe(entry.name, entry.file ?? entry.name);
      const match = saved.find((s) => s.signature === headerSignature(loaded.columns));
      if (match) {
        this.confirmAndRemember(bindMapping(match, loaded));
        n++;
      }
    }
    await this.refreshModel();
    return n;
  }

  async drop(name: string): Promise<void> {
    await this.tables.drop(name);
    await this.refreshModel();
  }

  async rename(from: string, to: string): Promise<string> {
    const n = await this.tables.rename(from, to);
    this.modeller.renamed(from, n);
    await this.refreshModel();
    return n;
  }

  /** Runs a KPI (see KpiRunner.run). */
  run(id: string, params: Record<string, unknown> = {}): Promise<KpiResult> {
    return this.runner.run(id, params);
  }
}
