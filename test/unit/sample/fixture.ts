/** Generates a small company and parses it into records with English column names. */
import { encodeCp932 } from '../../../src/core/sample/cp932.js';
import { HEADERS, SAMPLE_TABLES, type SampleTable } from '../../../src/core/sample/headers.js';
import { sampleLines, type SampleLocale, type SampleParams } from '../../../src/core/sample/index.js';
import { parseCsv } from './csvParse.js';

export type Rec = Record<string, string>;

export interface Generated {
  /** Raw text per table. */
  text: Record<SampleTable, string>;
  /** Records keyed by the English header, values as written. */
  rows: Record<SampleTable, Rec[]>;
  header: Record<SampleTable, string[]>;
}

/** Params of the test company (not the shipped one). */
export const TEST_PARAMS = {
  seed: 7,
  customers: 500,
  months: 24,
  eventsPerActiveDay: 2,
  eventSampleRate: 0.05,
} satisfies Partial<SampleParams>;

export function generate(locale: SampleLocale, params: Partial<SampleParams> = TEST_PARAMS): Generated {
  const text = {} as Record<SampleTable, string>;
  const rows = {} as Record<SampleTable, Rec[]>;
  const header = {} as Record<SampleTable, string[]>;
  for (const t of SAMPLE_TABLES) {
    text[t] = [...sampleLines(t, { ...params, locale })].join('');
    const [h = [], ...data] = parseCsv(text[t]);
    header[t] = h;
    const en = HEADERS[t].en;
    rows[t] = data.map((r) => Object.fromEntries(en.map((name, i) => [name, r[i] ?? ''])));
  }
  return { text, rows, header };
}

/** Bytes as the script writes them. */
export function bytesOf(locale: SampleLocale, text: string): Uint8Array {
  return locale === 'ja' ? encodeCp932(text) : new TextEncoder().encode(text);
}

/** Normalises a written date or timestamp to `YYYY-MM-DD[ HH:MM:SS]` (pads a ja survey hour). */
export function norm(v: string): string {
  return v.replace(/\//g, '-').replace(/ (\d):/, ' 0$1:');
}

/** Epoch ms of a written event time (with its offset). */
export function eventInstant(v: string): number {
  return Date.parse(v);
}
