/**
 * The KPI catalogue: every KPI file and derived-table file, parsed once. The caller
 * supplies the file texts (Vite's import.meta.glob in the browser, the file system in
 * Node), so this module stays free of I/O.
 */
import { KpiHeaderError, parseKpiFile } from './header.js';
import type { KpiDefinition } from './types.js';

/** A source file: its path relative to the repository (`sql/revenue/mrr.sql`) and text. */
export interface SqlFile {
  path: string;
  text: string;
}

/** A derived table: built once per data version before the KPIs that name it. */
export interface DerivedDefinition {
  name: string;
  /** Other derived tables it reads. */
  depends: string[];
  /** Statements that (re)create the table `name`. */
  sql: string;
  path: string;
}

export interface Catalogue {
  kpis: KpiDefinition[];
  derived: Map<string, DerivedDefinition>;
  /** Files that could not be used (shown to the user; never silently dropped). */
  errors: KpiHeaderError[];
}

const DERIVED_DIR = /(^|\/)sql\/derived\/([a-z0-9_]+)\.sql$/;

/** Parses a derived-table file. Its dependencies are declared in a `-- depends: a, b` line. */
export function parseDerivedFile(text: string, path: string): DerivedDefinition {
  const m = DERIVED_DIR.exec(path);
  if (!m) throw new KpiHeaderError(path, null, 'derived tables live in sql/derived/<name>.sql');
  const dep = /^--\s*depends:\s*(.*)$/m.exec(text);
  const depends = dep
    ? dep[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  return { name: m[2]!, depends, sql: text, path };
}

/** Builds the catalogue from the files under `sql/`. */
export function loadCatalogue(files: readonly SqlFile[]): Catalogue {
  const kpis: KpiDefinition[] = [];
  const derived = new Map<string, DerivedDefinition>();
  const errors: KpiHeaderError[] = [];
  const ids = new Map<string, string>();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    try {
      if (DERIVED_DIR.test(f.path)) {
        const d = parseDerivedFile(f.text, f.path);
        derived.set(d.name, d);
        continue;
      }
      const def = parseKpiFile(f.text, f.path);
      const expectedDir = `/${def.family}/${def.id}.sql`;
      if (!f.path.endsWith(expectedDir)) {
        throw new KpiHeaderError(
          f.path,
          null,
          `a KPI with id ${def.id} and family ${def.family} belongs in sql${expectedDir}`,
        );
      }
      for (const name of [def.id, ...(def.aliases ?? [])]) {
        const clash = ids.get(name);
        if (clash) throw new KpiHeaderError(f.path, null, `id ${name} is already used by ${clash}`);
      }
      for (const name of [def.id, ...(def.aliases ?? [])]) ids.set(name, f.path);
      kpis.push(def);
    } catch (e) {
      errors.push(e instanceof KpiHeaderError ? e : new KpiHeaderError(f.path, null, (e as Error).message));
    }
  }
  for (const def of kpis) {
    for (const d of def.derived) {
      if (!derived.has(d))
        errors.push(new KpiHeaderError(def.path, null, `derived table ${d} does not exist in sql/derived/`));
    }
  }
  return { kpis, derived, errors };
}
