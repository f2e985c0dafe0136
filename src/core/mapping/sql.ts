/** Safe SQL text: quoted identifiers and string literals. */

/** A double-quoted identifier; embedded `"` are doubled. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted string literal; embedded `'` are doubled. NULL for null. */
export function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/** `(a, b, c)` of string literals, for `IN`. Never empty: `(NULL)` matches nothing. */
export function literalList(values: readonly string[]): string {
  return values.length ? `(${values.map(literal).join(', ')})` : '(NULL)';
}

/** A numeric literal (finite numbers only). */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}
