import { describe, expect, it } from 'vitest';
import { encodeCp932, isCp932Encodable, Cp932EncodeError } from '../../../src/core/sample/cp932.js';
import { allComments } from '../../../src/core/sample/comments.js';
import { HEADERS, SAMPLE_TABLES } from '../../../src/core/sample/headers.js';
import { JA_NAME_PARTS } from '../../../src/core/sample/names.js';
import { INDUSTRIES, OWNERS, REGIONS, SIZE_BANDS } from '../../../src/core/sample/attributes.js';
import {
  CHANNEL_LABELS,
  INTERVAL_LABELS,
  PLAN_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
  SURVEY_LABELS,
} from '../../../src/core/sample/labels.js';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** Every Japanese string the generator can write. */
function japaneseVocabulary(): string[] {
  return [
    ...SAMPLE_TABLES.flatMap((t) => HEADERS[t].ja),
    ...JA_NAME_PARTS,
    ...allComments('ja'),
    ...INDUSTRIES.ja,
    ...REGIONS.ja,
    ...SIZE_BANDS.ja,
    ...OWNERS.ja,
    ...[PLAN_LABELS, INTERVAL_LABELS, SURVEY_LABELS, STATUS_LABELS, CHANNEL_LABELS, SATISFACTION_LABELS].flatMap((l) =>
      Object.values(l.ja),
    ),
  ];
}

describe('encodeCp932', () => {
  it('writes the codes Windows writes', () => {
    expect(hex(encodeCp932('A,1\r\n'))).toBe('41 2c 31 0d 0a');
    expect(hex(encodeCp932('あ'))).toBe('82 a0');
    expect(hex(encodeCp932('顧客'))).toBe('8c da 8b 71');
    expect(hex(encodeCp932('ｱ'))).toBe('b1');
    // CP932 extensions: NEC row 13 and IBM extensions (never the NEC-selected 0xED/0xEE copies).
    expect(hex(encodeCp932('①'))).toBe('87 40');
    expect(hex(encodeCp932('㈱'))).toBe('87 8a');
    expect(hex(encodeCp932('Ⅱ'))).toBe('87 55');
    expect(hex(encodeCp932('髙'))).toBe('fb fc');
    expect(hex(encodeCp932('﨑'))).toBe('fa b1');
    // Characters in both JIS row 2 and NEC row 13 take the JIS code.
    expect(hex(encodeCp932('∵'))).toBe('81 e6');
  });

  it('refuses characters without a code instead of writing "?"', () => {
    expect(() => encodeCp932('ok 😀')).toThrow(Cp932EncodeError);
    expect(isCp932Encodable('한국어')).toBe(false);
    expect(isCp932Encodable('株式会社')).toBe(true);
  });

  it('round-trips every Japanese string of the generator through TextDecoder("shift_jis")', () => {
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    for (const s of japaneseVocabulary()) expect(decoder.decode(encodeCp932(s))).toBe(s);
  });

  it('avoids characters that decoders map differently (WAVE DASH, minus, double vertical line, ¢ £ ¬ ＼)', () => {
    const ambiguous = /[\u301c\uff5e\u2212\uff0d\u2016\u2225\u00a2\u00a3\u00ac\uffe0\uffe1\uffe2\uff3c]/;
    for (const s of japaneseVocabulary()) expect(s).not.toMatch(ambiguous);
  });
});
