/**
 * Table and column names derived from files.
 *
 * Table names are meant to be typed in SQL: lower-case ASCII, `_` for anything that is not
 * a letter or digit, Japanese letters kept, export noise (dates, `(1)`, "コピー") removed.
 * Column names keep the header text as written (Japanese allowed); they are only made
 * unique and non-empty, and are always used through {@link quoteIdent}.
 */
export { quoteIdent } from './sql.js';

const EXTENSIONS = /\.(csv|tsv|txt|tab|dat)$/i;
/** A calendar date written compactly or with separators: 20240131, 2024-01-31, 2024_01_31. */
const DATE = String.raw`(?:19|20)\d{2}[-_.]?(?:0[1-9]|1[0-2])[-_.]?(?:0[1-9]|[12]\d|3[01])`;
/** An optional time after a date: T10_00_00Z, _103000, -1030. */
const TIME = String.raw`(?:[T_\s-]?[0-2]\d[-_:.]?[0-5]\d(?:[-_:.]?[0-5]\d(?:[.,]\d+)?)?Z?)?`;
/** Noise that export tools and operating systems add to file names, tried at the end of the name. */
const TRAILING_NOISE: readonly RegExp[] = [
  /[\s_-]*[(（]\d{1,3}[)）]$/u, // "(1)", "（2）"
  /[\s_-]*-\s*(コピー|copy)(\s*\(\d+\))?$/iu, // "- コピー", "- Copy (2)"
  /(\s|_)*(のコピー|copy)(\s*\d+)?$/iu, // "のコピー", " copy 2"
  /(?<!\d)[_-]\d{10}(\d{3})?$/u, // epoch seconds / millis
  // dates and timestamps: _2024-01-31, -20240131, _2024-01-31T10_00_00Z, _20240131_103000, (2024-01-31)
  new RegExp(String.raw`[\s_.-]*[(（]?(?<!\d)${DATE}${TIME}[)）]?$`, 'u'),
  /[\s_.-]*\d{4}年\d{1,2}月(\d{1,2}日)?$/u,
];
/** Dates at the start of the name: "2024-01-31_customers". */
const LEADING_DATE = new RegExp(String.raw`^${DATE}${TIME}[\s_.-]+(?=\D)`, 'u');
const MAX_NAME_LENGTH = 63;

function stripNoise(base: string): string {
  let s = base.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const re of TRAILING_NOISE) {
      const next = s.replace(re, '').trim();
      if (next !== s && next.length > 0) {
        s = next;
        changed = true;
      }
    }
  }
  const lead = s.replace(LEADING_DATE, '');
  return lead.length > 0 ? lead : s;
}

/**
 * Turns any text into an identifier-friendly name: NFKC (full-width ASCII and half-width
 * kana folded), ASCII lower-cased, every run of characters that are not letters or digits
 * replaced by one `_`. Never empty; never starts with a digit.
 */
export function slugify(text: string, fallback = 'table'): string {
  let s = text.normalize('NFKC').replace(/[A-Z]/g, (c) => c.toLowerCase());
  s = s.replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
  if (s.length === 0) s = fallback;
  if (/^\p{N}/u.test(s)) s = `t_${s}`;
  return Array.from(s).slice(0, MAX_NAME_LENGTH).join('');
}

/**
 * Returns `name`, or `name_2`, `name_3`, … — the first one not in `taken`. The
 * comparison ignores case, as DuckDB identifiers do.
 */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}_${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The table name for a file: path and extension removed, export noise (`_2024-01-31`,
 * `(1)`, `- コピー`) removed, then {@link slugify}, then made unique against `existing`.
 *
 * @example tableNameFromFile('Customers_2024-01-31 (1).csv', ['customers']) === 'customers_2'
 */
export function tableNameFromFile(fileName: string, existing: Iterable<string> = []): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const noExt = base.replace(EXTENSIONS, '');
  return uniqueName(slugify(stripNoise(noExt)), existing);
}

/**
 * Column names from header cells: text kept as written but trimmed (spaces, full-width
 * spaces, BOM, line breaks inside quoted headers become one space), empty cells named
 * `column_N` (N is the 1-based position), duplicates suffixed `_2`, `_3` (ignoring case).
 * Always returns exactly `count` names; missing header cells count as empty.
 */
export function columnNames(header: readonly string[], count: number): string[] {
  const out: string[] = [];
  const taken: string[] = [];
  for (let i = 0; i < count; i++) {
    const raw = header[i] ?? '';
    const cleaned = raw
      .replace(/\uFEFF/g, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/\0/g, '')
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    const base = cleaned.length > 0 ? cleaned : `column_${i + 1}`;
    const name = uniqueName(base, taken);
    taken.push(name);
    out.push(name);
  }
  return out;
}
