/** RFC 4180 CSV writing: a field is quoted only when it contains a comma, quote, CR or LF. */

/** One CSV field; `null`/`undefined` become an empty field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : value;
  if (/[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV record with its line terminator. */
export function csvLine(values: ReadonlyArray<string | number | null | undefined>, newline: string): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += csvField(values[i]);
  }
  return out + newline;
}
