/**
 * Runs KPIs: checks that the data they need is loaded, builds the derived tables they
 * name (once per data version), resolves and binds parameters, and returns Arrow rows
 * plus column metadata. The same runner serves the browser worker, the CLI and tests.
 */
import type { Table } from 'apache-arrow';
import type { SqlEngine } from '../engine/types.js';
import { columnsOf, tableToRows, type ColumnInfo } from '../engine/rows.js';
import type { Catalogue, DerivedDefinition } from './catalogue.js';
import { compileSql, paramsMatch, resolveParams, type ParamProblem, type ParamValues } from './params.js';
import type { Bilingual, KpiDefinition } from './types.js';
import { DATA_END_SQL } from './dataEnd.js';

/** Why a KPI cannot run: bad parameters, or data it needs is not loaded. */
export class KpiRunError extends Error {
  constructor(
    readonly kpi: string,
    readonly kind: 'params' | 'missing-data' | 'unknown-kpi' | 'sql',
    readonly messages: Bilingual[],
    readonly problems: ParamProblem[] = [],
  ) {
    super(`${kpi}: ${messages.map((m) => m.en).join('; ')}`);
    this.name = 'KpiRunError';
  }
}

/** A KPI result: the Arrow table, its columns and the parameter values actually used. */
export interface KpiResult {
  kpi: string;
  table: Table;
  columns: ColumnInfo[];
  params: ParamValues;
  sql: string;
}

const ROLE_OF_VIEW: Record<string, Bilingual> = {
  customers: { en: 'a customers file', ja: '顧客ファイル' },
  subscription_periods: { en: 'a subscriptions file', ja: '契約（サブスクリプション）ファイル' },
  mrr_monthly: { en: 'a subscriptions or monthly MRR file', ja: '契約ファイルまたは月次MRRファイル' },
  events: { en: 'a product events file', ja: 'プロダクトのイベントファイル' },
  responses: { en: 'a survey responses file (NPS/CSAT)', ja: 'アンケート回答ファイル（NPS/CSAT）' },
  tickets: { en: 'a support tickets file', ja: 'サポートチケットファイル' },
};

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs KPIs of one catalogue against one engine. */
export class KpiRunner {
  private dataVersion = 0;
  private built = new Map<string, number>();
  private availability = new Map<string, boolean>();
  private cachedDataEnd: { version: number; value: string | null } | null = null;
  private schemaDepth = 0;

  /**
   * @param options.schema where the canonical views live (the app keeps them in their own
   *   schema, `kpi`, so a user's file named customers.csv does not collide with the
   *   canonical `customers`); KPI SQL then runs with that schema first on the search path,
   *   and derived tables are created there. Without it, everything is in `main` (tests).
   */
  constructor(
    private readonly engine: SqlEngine,
    readonly catalogue: Catalogue,
    private readonly options: { schema?: string } = {},
  ) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema))
      throw new Error(`bad schema name ${options.schema}`);
  }

  /** Runs `fn` with the canonical schema first on the search path (re-entrant). */
  private async inSchema<T>(fn: () => Promise<T>): Promise<T> {
    const schema = this.options.schema;
    if (!schema) return fn();
    if (this.schemaDepth++ === 0) await this.engine.exec(`SET search_path = '${schema},main'`);
    try {
      return await fn();
    } finally {
      if (--this.schemaDepth === 0) await this.engine.exec(`SET search_path = 'main'`);
    }
  }

  /** Call after the canonical views change: derived tables are rebuilt on next use. */
  invalidate(): void {
    this.dataVersion++;
    this.availability.clear();
    this.cachedDataEnd = null;
  }

  /** The current data version (part of result cache keys). */
  get version(): number {
    return this.dataVersion;
  }

  /** Finds a KPI by id, or by one of its aliases. */
  get(id: string): KpiDefinition | undefined {
    return this.catalogue.kpis.find((k) => k.id === id) ?? this.catalogue.kpis.find((k) => k.aliases?.includes(id));
  }

  /** The latest date in the loaded data (`YYYY-MM-DD`), or null when nothing is loaded. */
  async dataEnd(): Promise<string | null> {
    return this.inSchema(() => this.dataEndHere());
  }

  private async dataEndHere(): Promise<string | null> {
    if (this.cachedDataEnd?.version === this.dataVersion) return this.cachedDataEnd.value;
    const rows = tableToRows(await this.engine.query(DATA_END_SQL));
    const value = (rows[0]?.data_end as string | null) ?? null;
    this.cachedDataEnd = { version: this.dataVersion, value };
    return value;
  }

  /**
   * Which required views have rows with the required columns filled. With parameter
   * `values`, the header's `requires_when` entries that match are required too. A required
   * name that is a derived table (e.g. `mrr_monthly`) is built first, then checked.
   */
  async missingData(def: KpiDefinition, values?: ParamValues): Promise<Bilingual[]> {
    return this.inSchema(() => this.missingDataHere(def, values));
  }

  private async missingDataHere(def: KpiDefinition, values?: ParamValues): Promise<Bilingual[]> {
    const missing: Bilingual[] = [];
    const required: Array<[string, string[]]> = Object.entries(def.requires);
    if (values) {
      for (const rw of def.requiresWhen ?? [])
        if (paramsMatch(rw.when, values)) required.push(...Object.entries(rw.requires));
    }
    for (const [view, cols] of required) {
      if (this.catalogue.derived.has(view)) await this.buildDerived(view);
      const key = `${view}(${cols.join(',')})`;
      let ok = this.availability.get(key);
      if (ok === undefined) {
        const where = cols.length ? `WHERE ${cols.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ')}` : '';
        try {
          const rows = tableToRows(
            await this.engine.query(`SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdent(view)} ${where} LIMIT 1)`),
          );
          ok = Number(rows[0]?.n ?? 0) > 0;
        } catch {
          ok = false;
        }
        this.availability.set(key, ok);
      }
      if (!ok) {
        const role = ROLE_OF_VIEW[view] ?? { en: `a ${view} file`, ja: `${view} のファイル` };
        const colText = cols.join(', ');
        missing.push({
          en: `${def.id} needs ${role.en} with ${colText}`,
          ja: `${def.id} には ${colText} を含む${role.ja}が必要です`,
        });
      }
    }
    return missing;
  }

  private async buildDerived(name: string, stack: string[] = []): Promise<void> {
    if (this.built.get(name) === this.dataVersion) return;
    const d: DerivedDefinition | undefined = this.catalogue.derived.get(name);
    if (!d) throw new Error(`derived table ${name} is not defined`);
    if (stack.includes(name))
      throw new Error(`derived tables depend on each other in a cycle: ${[...stack, name].join(' -> ')}`);
    for (const dep of d.depends) await this.buildDerived(dep, [...stack, name]);
    await this.engine.exec(d.sql);
    this.built.set(name, this.dataVersion);
  }

  /** Builds (if stale) the derived tables a KPI names. */
  async ensureDerived(names: readonly string[]): Promise<void> {
    return this.inSchema(() => this.ensureDerivedHere(names));
  }

  private async ensureDerivedHere(names: readonly string[]): Promise<void> {
    for (const n of names) await this.buildDerived(n);
  }

  /** Resolves parameters without running (for forms and links). */
  async resolve(
    id: string,
    input: Record<string, unknown> = {},
  ): Promise<{ def: KpiDefinition; values: ParamValues; problems: ParamProblem[] }> {
    return this.inSchema(() => this.resolveHere(id, input));
  }

  private async resolveHere(
    id: string,
    input: Record<string, unknown>,
  ): Promise<{ def: KpiDefinition; values: ParamValues; problems: ParamProblem[] }> {
    const def = this.need(id);
    const { values, problems } = resolveParams(def, input, { dataEnd: await this.dataEnd() });
    return { def, values, problems };
  }

  private need(id: string): KpiDefinition {
    const def = this.get(id);
    if (!def)
      throw new KpiRunError(id, 'unknown-kpi', [
        { en: `there is no KPI named ${id}`, ja: `${id} という KPI はありません` },
      ]);
    return def;
  }

  /** Runs a KPI by id with raw parameter input (text or typed values). */
  async run(id: string, input: Record<string, unknown> = {}): Promise<KpiResult> {
    return this.inSchema(() => this.runHere(this.need(id), id, input));
  }

  /**
   * Runs a definition that need not be in the catalogue (a custom KPI being edited). Its
   * derived tables must be in the catalogue.
   */
  async runDefinition(def: KpiDefinition, input: Record<string, unknown> = {}): Promise<KpiResult> {
    return this.inSchema(() => this.runHere(def, def.id, input));
  }

  private async runHere(def: KpiDefinition, id: string, input: Record<string, unknown>): Promise<KpiResult> {
    const { values, problems } = resolveParams(def, input, { dataEnd: await this.dataEndHere() });
    if (problems.length)
      throw new KpiRunError(
        id,
        'params',
        problems.map((p) => p.message),
        problems,
      );
    const missing = await this.missingData(def, values);
    if (missing.length) throw new KpiRunError(id, 'missing-data', missing);
    await this.ensureDerived(def.derived);
    const compiled = compileSql(def, values);
    if (def.outputs.some((o) => o.optional) && values.breakdown !== 'segment') {
      compiled.sql = `SELECT * EXCLUDE (segment) FROM (${compiled.sql.replace(/;\s*$/, '')}\n)`;
    }
    const table = await this.engine.query(compiled.sql, compiled.params);
    return { kpi: id, table, columns: columnsOf(table), params: values, sql: compiled.sql };
  }
}
