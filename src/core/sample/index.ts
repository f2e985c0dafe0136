/**
 * Deterministic sample-company generator: five CSV exports (customers, subscription
 * periods, product events, survey responses, support tickets) of a SaaS company,
 * streamed line by line so any size can be written with constant memory. Pure
 * TypeScript: runs in the browser and in Node.
 *
 * ```ts
 * for (const chunk of chunkLines(sampleLines('events', { seed: 1, customers: 500, locale: 'ja' }))) {
 *   write(encodeForLocale('ja', chunk));
 * }
 * ```
 */
import { fileNameOf, SAMPLE_TABLES, type SampleTable } from './headers.js';
import { LOCALE_FACTS, type SampleLocale } from './locale.js';
import { resolveParams, type ResolvedParams, type SampleParams } from './params.js';
import { customerLines } from './tables/customers.js';
import { eventLines } from './tables/events.js';
import { responseLines } from './tables/responses.js';
import { subscriptionLines } from './tables/subscriptions.js';
import { ticketLines } from './tables/tickets.js';

export { chunkLines, encodeForLocale, DEFAULT_CHUNK_CHARS } from './chunks.js';
export { encodeCp932, isCp932Encodable, Cp932EncodeError } from './cp932.js';
export { HEADERS, SAMPLE_TABLES, type SampleTable } from './headers.js';
export { LOCALE_FACTS, type SampleLocale } from './locale.js';
export { DEFAULT_PARAMS, resolveParams, type ResolvedParams, type SampleParams } from './params.js';
export { SIZE_PRESETS, isSampleSize, type SampleSize } from './presets.js';
export { buildCustomerModel } from './customerModel.js';

const GENERATORS: Record<SampleTable, (p: ResolvedParams) => Generator<string>> = {
  customers: customerLines,
  subscriptions: subscriptionLines,
  events: eventLines,
  responses: responseLines,
  tickets: ticketLines,
};

/**
 * Streams one table as CSV lines: the header first, each line with its terminator
 * (LF for en, CRLF for ja). Same parameters, same lines.
 */
export function sampleLines(
  table: SampleTable,
  params: Partial<SampleParams> | ResolvedParams = {},
): Generator<string> {
  return GENERATORS[table](resolveParams(params));
}

/** Describes one output file of a locale. */
export interface SampleFileInfo {
  table: SampleTable;
  /** Role for the CLI's `--data role=<file>` (the table name). */
  role: SampleTable;
  fileName: string;
  /** WHATWG label of the bytes' encoding. */
  encoding: 'utf-8' | 'shift_jis';
}

/** The five files of a locale, in writing order. */
export function sampleFiles(locale: SampleLocale): SampleFileInfo[] {
  return SAMPLE_TABLES.map((table) => ({
    table,
    role: table,
    fileName: fileNameOf(table),
    encoding: LOCALE_FACTS[locale].encoding,
  }));
}
