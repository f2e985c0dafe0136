/**
 * CSV dialect sniffing over many rows of a decoded sample: delimiter, quote, line breaks,
 * preamble lines before the header, and whether there is a header at all.
 */
import { parseRecords, type CsvChars } from './records.js';
import { booleanValue, dateShape, isNullToken, numberShape, timestampShape } from './valueFormats.js';

export { parseRecords } from './records.js';
export type { CsvChars, ParsedRecords, ParseOptions } from './records.js';

/** Delimiters tried, in order of preference on a tie. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
/** A supported delimiter. */
export type Delimiter = (typeof DELIMITERS)[number];

/** The dialect of a CSV file. */
export interface Dialect extends CsvChars {
  delimiter: Delimiter;
  quote: '"' | "'" | '';
  escape: '"' | "'" | '\\' | '';
  /** Dominant line break of the sample. The loader normalises all of them to LF anyway. */
  newline: '\n' | '\r\n' | '\r';
  /** More than one line-break style was seen. */
  mixedNewlines: boolean;
  /** Records before the header (report titles, `sep=;`), skipped. */
  skipRecords: number;
  /** The first record after `skipRecords` is a header. */
  header: boolean;
  /** Fields per record (the columns of the table). */
  fieldCount: number;
  /** Share of sampled records that have exactly `fieldCount` fields. */
  consistency: number;
  /** Why the header/delimiter were chosen, for logs. */
  reason: string;
}

/** Options of {@link sniffDialect}. */
export interface SniffOptions {
  /** False when the text is the head of a longer file (the last record may be cut). Default true. */
  final?: boolean;
  /** Records to examine (default 1000). */
  maxRows?: number;
}

function modeOf(counts: number[]): [number, number] {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [c, n] of freq) if (n > bestN || (n === bestN && c > best)) [best, bestN] = [c, n];
  return [best, bestN];
}

function newlineStats(text: string): { newline: Dialect['newline']; mixed: boolean } {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const kinds = [crlf, lf, cr].filter((n) => n > 0).length;
  const newline = crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
  return { newline, mixed: kinds > 1 };
}

/** True when a cell looks like data of some type rather than a column title. */
function isTypedCell(v: string): boolean {
  return numberShape(v) !== null || dateShape(v) !== null || timestampShape(v) !== null || booleanValue(v) !== null;
}

interface Trial {
  delimiter: Delimiter;
  quote: '"' | "'";
  records: string[][];
  fieldCount: number;
  consistency: number;
}

function trial(text: string, delimiter: Delimiter, quote: '"' | "'", final: boolean, maxRows: number): Trial {
  const { records } = parseRecords(text, { delimiter, quote, escape: quote }, { final, maxRows });
  const counts = records.map((r) => r.length);
  const [fieldCount, n] = modeOf(counts);
  return { delimiter, quote, records, fieldCount, consistency: records.length ? n / records.length : 0 };
}

function detectPreamble(records: string[][], fieldCount: number): number {
  let k = 0;
  while (k < records.length && k < 10 && (records[k] as string[]).length < fieldCount) k++;
  if (k === 0 || k >= records.length) return 0;
  const head = records[k] as string[];
  // A real header after a title block is complete: every cell named.
  if (head.length !== fieldCount || head.some((c) => c.trim() === '')) return 0;
  return k;
}

/**
 * Decides whether the first record is a header. Evidence for: a column whose data cells
 * are typed (numbers, dates, booleans) while the first-row cell is text. Evidence against:
 * first-row cells of the same type as the data below them. With text-only columns a header
 * is assumed when the first-row cells are non-empty and distinct.
 */
export function detectHeader(records: readonly string[][]): { header: boolean; reason: string } {
  const first = records[0];
  if (!first) return { header: false, reason: 'no records' };
  const data = records.slice(1, 1001);
  let forHeader = 0;
  let against = 0;
  for (let j = 0; j < first.length; j++) {
    const cells = data.map((r) => r[j] ?? '').filter((v) => !isNullToken(v));
    if (cells.length === 0) continue;
    const typedShare = cells.filter(isTypedCell).length / cells.length;
    if (typedShare < 0.9) continue;
    const h = first[j] ?? '';
    if (isNullToken(h)) continue;
    if (isTypedCell(h)) against++;
    else forHeader++;
  }
  if (forHeader > 0 && forHeader >= against)
    return { header: true, reason: `${forHeader} typed column(s) have a text title` };
  if (against > 0) return { header: false, reason: `${against} first-row cell(s) have the type of the data below` };
  const named = first.every((c) => c.trim() !== '' && !isTypedCell(c));
  const distinct = new Set(first.map((c) => c.trim().toLowerCase())).size === first.length;
  if (data.length === 0) return { header: named, reason: named ? 'single text row' : 'single row with values' };
  return named && distinct
    ? { header: true, reason: 'text-only columns; first row has distinct non-empty names' }
    : { header: false, reason: 'text-only columns; first row has empty or repeated cells' };
}

/**
 * Sniffs the dialect of a decoded CSV sample. Every candidate delimiter (`,` tab `;` `|`)
 * and quote (`"` `'`) is tried with the quote-aware parser over up to 1000 records; the
 * one whose records most consistently have the same number (> 1) of fields wins. A leading
 * `sep=;` line (written by Excel) decides the delimiter outright.
 */
export function sniffDialect(text: string, options: SniffOptions = {}): Dialect {
  const final = options.final ?? true;
  const maxRows = options.maxRows ?? 1000;
  const nl = newlineStats(text);
  let body = text;
  let sepLine = 0;
  let forced: Delimiter | null = null;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep && (DELIMITERS as readonly string[]).includes(sep[1] as string)) {
    forced = sep[1] as Delimiter;
    sepLine = 1;
    body = text.slice(sep[0].length);
  }

  const trials: Trial[] = [];
  for (const delimiter of forced ? [forced] : DELIMITERS) {
    trials.push(trial(body, delimiter, '"', final, maxRows));
    if (body.includes("'")) trials.push(trial(body, delimiter, "'", final, maxRows));
  }
  const score = (t: Trial): number => (t.fieldCount > 1 ? t.consistency : forced ? 0.5 : 0);
  trials.sort((a, b) => score(b) - score(a) || b.fieldCount - a.fieldCount);
  // Stable sort keeps the preference order (`,` before tab …, `"` before `'`) on ties.
  let best = trials[0] as Trial;
  if (score(best) === 0) best = trials.find((t) => t.delimiter === ',' && t.quote === '"') ?? best;

  // Backslash escapes: \" occurs, and "" never does except as the end of \"".
  const usesBackslash = best.quote === '"' && /\\"/.test(body) && !/(?:^|[^\\])""/.test(body);
  const preamble = detectPreamble(best.records, best.fieldCount);
  const rest = best.records.slice(preamble);
  const { header, reason } = detectHeader(rest);
  let fieldCount = Math.max(best.fieldCount, 1);
  if (header && rest[0]) {
    // Header cells beyond the data width still name columns, unless they are empty.
    const named = rest[0].length - [...rest[0]].reverse().findIndex((c) => c.trim() !== '');
    if (named > fieldCount && named <= rest[0].length) fieldCount = named;
  }
  return {
    delimiter: best.delimiter,
    quote: best.quote,
    escape: usesBackslash ? '\\' : best.quote,
    newline: nl.newline,
    mixedNewlines: nl.mixed,
    skipRecords: sepLine + preamble,
    header,
    fieldCount,
    consistency: Math.round(best.consistency * 1000) / 1000,
    reason:
      `${JSON.stringify(best.delimiter)} gives ${best.fieldCount} field(s) in ${Math.round(best.consistency * 100)}% of ${best.records.length} record(s)` +
      (preamble ? `; ${preamble} preamble record(s)` : '') +
      (sepLine ? '; sep= line' : '') +
      `; header: ${reason}`,
  };
}
