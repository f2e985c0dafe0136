/**
 * Binding through session variables: `$1..$n` placeholders become
 * `getvariable('__p_n')`, and each value is set with a prepared
 * `SET VARIABLE __p_n = $1`. The values are still bound (never spliced into SQL text),
 * and the main statement no longer needs a prepared statement, so the browser adapter can
 * run it through duckdb-wasm's cancellable pending-query path.
 */
import type { SqlValue } from './types.js';
import { findPositionalRefs } from '../kpi/sqlScan.js';

/** A prepared `SET VARIABLE` statement and the one value to bind to it. */
export interface VariableBinding {
  sql: string;
  value: SqlValue;
}

/** Rewrites positional placeholders outside literals and comments. */
export function bindAsVariables(
  sql: string,
  params: readonly SqlValue[],
  prefix = '__p_',
): { sql: string; bindings: VariableBinding[] } {
  let out = '';
  let last = 0;
  for (const ref of findPositionalRefs(sql)) {
    const k = Number(ref.name);
    if (k < 1 || k > params.length) throw new Error(`placeholder $${k} has no value (${params.length} given)`);
    out += `${sql.slice(last, ref.start)}getvariable('${prefix}${k}')`;
    last = ref.end;
  }
  out += sql.slice(last);
  const bindings = params.map((value, idx) => ({ sql: `SET VARIABLE ${prefix}${idx + 1} = $1`, value }));
  return { sql: out, bindings };
}
