import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  encodeCp932,
  encodeForLocale,
  SAMPLE_TABLES,
  sampleLines,
  type SampleLocale,
} from '../../../src/core/sample/index.js';

const SMALL = { customers: 150, months: 12, eventsPerActiveDay: 2, eventSampleRate: 0.1 };

function digest(locale: SampleLocale, seed: number): string {
  const hash = createHash('sha256');
  for (const table of SAMPLE_TABLES) {
    for (const chunk of chunkLines(sampleLines(table, { ...SMALL, seed, locale }), 4096))
      hash.update(encodeForLocale(locale, chunk));
  }
  return hash.digest('hex');
}

describe('determinism', () => {
  for (const locale of ['en', 'ja'] as const) {
    it(`gives byte-identical output for the same seed (${locale})`, () => {
      const a = digest(locale, 11);
      expect(digest(locale, 11)).toBe(a);
      expect(digest(locale, 12)).not.toBe(a);
    });
  }

  it('does not depend on the chunk size or on which tables were generated before', () => {
    const events = [...sampleLines('events', { ...SMALL, seed: 3 })].join('');
    const again = [...chunkLines(sampleLines('events', { ...SMALL, seed: 3 }), 10)].join('');
    expect(again).toBe(events);
  });

  it('keeps customers.csv independent of the event parameters (separate random streams)', () => {
    const a = [...sampleLines('customers', { ...SMALL, seed: 5 })];
    const b = [...sampleLines('customers', { ...SMALL, seed: 5, eventSampleRate: 0.5 })];
    expect(b).toEqual(a);
  });

  it('round-trips the Japanese bytes through TextDecoder("shift_jis")', () => {
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    for (const table of SAMPLE_TABLES) {
      const text = [...sampleLines(table, { ...SMALL, seed: 11, locale: 'ja' })].join('');
      const bytes = encodeCp932(text);
      expect(decoder.decode(bytes)).toBe(text);
      expect(bytes.length).toBeGreaterThan(text.length); // double-byte characters present
    }
  });

  it('rejects bad parameters with the parameter named', () => {
    expect(() => sampleLines('customers', { customers: 0 })).toThrow(/customers/);
    expect(() => sampleLines('customers', { months: 0 })).toThrow(/months/);
    expect(() => sampleLines('customers', { endDate: '2026-02-30' })).toThrow(/date/);
    expect(() => sampleLines('customers', { eventSampleRate: 2 })).toThrow(/eventSampleRate/);
    expect(() => sampleLines('customers', { locale: 'fr' as never })).toThrow(/locale/);
  });
});
