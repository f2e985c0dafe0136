/**
 * Test helper: turns a fixture export (UTF-8 or CP932 bytes) into a LoadedTable the way
 * ingest would describe it, without depending on the ingest module: a small CSV parser
 * and a deliberately simple type inference (ISO dates/timestamps without offsets,
 * integers, decimals, booleans; everything else stays VARCHAR, so the mapping layer's
 * text parsers get exercised).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedTable } from '../../../src/core/mapping/index.js';

/** Root of the fixture exports. */
export const EXPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/exports');

/** Decodes bytes as UTF-8, or as CP932 (Shift_JIS) when they are not valid UTF-8. */
export function decode(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'cp932' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'cp932' };
  }
}

/** Minimal RFC 4180 parser (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The DuckDB type a stand-in ingest gives a column of text values. */
export function inferType(values: readonly string[]): string {
  const v = values.filter((s) => s !== '');
  if (v.length === 0) return 'VARCHAR';
  const all = (re: RegExp): boolean => v.every((s) => re.test(s));
  if (all(/^(true|false)$/i)) return 'BOOLEAN';
  if (all(/^-?\d{1,18}$/)) return 'BIGINT';
  if (all(/^-?\d+\.\d+$|^-?\d+$/)) return 'DOUBLE';
  if (all(/^\d{4}-\d{2}-\d{2}$/)) return 'DATE';
  if (all(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/)) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** A parsed fixture: header, rows, inferred types. */
export interface Fixture {
  file: string;
  encoding: 'utf-8' | 'cp932';
  header: string[];
  rows: string[][];
  types: string[];
  text: string;
}

/** Reads and parses a fixture export by path relative to test/fixtures/exports. */
export function readFixture(rel: string): Fixture {
  const { text, encoding } = decode(readFileSync(path.join(EXPORTS_DIR, rel)));
  const [header = [], ...rows] = parseCsv(text);
  const types = header.map((_, j) => inferType(rows.map((r) => r[j] ?? '')));
  return { file: path.basename(rel), encoding, header, rows, types, text };
}

/** The LoadedTable ingest would hand over for a fixture (samples: up to 50 values, blanks as null). */
export function fixtureTable(rel: string, table = 'src_' + rel.replace(/[^A-Za-z0-9]+/g, '_')): LoadedTable {
  const f = readFixture(rel);
  return {
    table,
    file: f.file,
    columns: f.header.map((name, j) => ({
      name,
      type: f.types[j] as string,
      samples: f.rows.slice(0, 50).map((r) => (r[j] === undefined || r[j] === '' ? null : (r[j] as string))),
    })),
  };
}
