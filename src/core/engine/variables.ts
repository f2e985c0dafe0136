/**
 * Binding through session variables: `$1..$n` placeholders become
 * `getvariable('__p_n')`, and each value is set with a prepared
 * `SET VARIABLE __p_n = $1`. The values are still bound (never spliced into SQL text),
 * and the main statement no longer needs a prepared statement, so the browser adapter can
 * run it through duckdb-wasm's cancellable pending-query path.
 */
import type { SqlValue } from './types.js';

/** A prepared `SET VARIABLE` statement and the one value to bind to it. */
export interface VariableBinding {
  sql: string;
  value: SqlValue;
}

/** Rewrites positional placeholders outside literals and comments. */
export function bindAsVariables(sql: string, params: readonly SqlValue[], prefix = '__p_'): { sql: string; bindings: VariableBinding[] } {
  let out = '';
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      const j = nl < 0 ? n : nl + 1;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const j = close < 0 ? n : close + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '$' && next !== undefined && /[0-9]/.test(next)) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j]!)) j++;
      const k = Number(sql.slice(i + 1, j));
      if (k < 1 || k > params.length) throw new Error(`placeholder $${k} has no value (${params.length} given)`);
      out += `getvariable('${prefix}${k}')`;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  const bindings = params.map((value, idx) => ({ sql: `SET VARIABLE ${prefix}${idx + 1} = $1`, value }));
  return { sql: out, bindings };
}
