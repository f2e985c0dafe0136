/**
 * A {@link SqlEngine} over native DuckDB (@duckdb/node-api, same DuckDB version as the
 * wasm build), for the bench's native reference only. Results become real Arrow tables
 * (so the core's metadata reads work) with values shaped like `tableToRows` output:
 * numbers for numeric types, `YYYY-MM-DD` / `YYYY-MM-DD HH:MM:SS` text for dates and
 * timestamps, text for anything else.
 */
import {
  BIGINT,
  DOUBLE,
  BOOLEAN,
  VARCHAR,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment -- optional: installed on demand by bench/run.ts, absent in CI
  // @ts-ignore
} from '@duckdb/node-api';
import { tableFromArrays, type Table } from 'apache-arrow';
import type { SqlEngine, SqlValue } from '../src/core/engine/types.js';
import { STARTUP_SQL } from '../src/core/engine/startup.js';

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

function toJs(v: DuckDBValue, t: DuckDBType): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (NUMERIC.has(t.typeId)) return Number(String(v));
  const s = String(v);
  if (
    t.typeId === DuckDBTypeId.TIMESTAMP ||
    t.typeId === DuckDBTypeId.TIMESTAMP_MS ||
    t.typeId === DuckDBTypeId.TIMESTAMP_S ||
    t.typeId === DuckDBTypeId.TIMESTAMP_NS
  )
    return s.slice(0, 19);
  return s;
}

export class NativeEngine implements SqlEngine {
  private constructor(
    readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** In-memory database; `threads` null = DuckDB's default (all cores). */
  static async create(threads: number | null): Promise<NativeEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const s of STARTUP_SQL) {
      try {
        await conn.run(s);
      } catch {
        /* a setting the native build does not know: irrelevant to timing */
      }
    }
    if (threads !== null) await conn.run(`SET threads = ${threads}`);
    return new NativeEngine(instance, conn);
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    let reader;
    if (params && params.length > 0) {
      // Bind like duckdb-wasm does: integers as BIGINT, other numbers as DOUBLE.
      const types: DuckDBType[] = params.map((p) =>
        typeof p === 'number' ? (Number.isInteger(p) ? BIGINT : DOUBLE) : typeof p === 'boolean' ? BOOLEAN : VARCHAR,
      );
      const values = params.map((p) => (typeof p === 'number' && Number.isInteger(p) ? BigInt(p) : p)) as DuckDBValue[];
      reader = await this.conn.runAndReadAll(sql, values, types);
    } else {
      reader = await this.conn.runAndReadAll(sql);
    }
    // Typed here so the file also type-checks where the optional package is absent (CI).
    const names: string[] = reader.columnNames();
    const types: DuckDBType[] = reader.columnTypes();
    const cols: unknown[][] = reader.getColumns();
    const arrays: Record<string, unknown[]> = {};
    names.forEach((n, i) => {
      const t = types[i] as DuckDBType;
      const vals = (cols[i] ?? []).map((v) => toJs(v as DuckDBValue, t));
      // Arrow cannot infer a type from an all-null column: use text.
      arrays[n] = vals.every((v) => v === null) ? vals.map(() => null as unknown as string) : vals;
    });
    if (names.length === 0) return tableFromArrays({});
    try {
      return tableFromArrays(arrays as never) as unknown as Table;
    } catch {
      // mixed/unknown: fall back to text columns
      const asText: Record<string, (string | null)[]> = {};
      for (const [k, v] of Object.entries(arrays)) asText[k] = v.map((x) => (x === null ? null : String(x)));
      return tableFromArrays(asText as never) as unknown as Table;
    }
  }

  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  async registerText(): Promise<void> {
    throw new Error('NativeEngine: registerText is not used by the bench');
  }

  async registerBytes(): Promise<void> {
    throw new Error('NativeEngine: registerBytes is not used by the bench');
  }

  async dropFile(): Promise<void> {}

  close(): void {
    this.conn.closeSync();
  }
}
