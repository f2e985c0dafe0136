import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTranscoder } from '../../../src/core/ingest/transcode.js';
import type { Encoding } from '../../../src/core/ingest/encoding.js';
import { concatBytes, eucjp, sjis, utf16be, utf16le, utf8 } from './jaBytes.js';

const dec = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(b);

/** Feeds `bytes` to a transcoder in pieces cut at `cuts`. */
function run(encoding: Encoding, bytes: Uint8Array, cuts: number[] = []) {
  const t = createTranscoder(encoding);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    parts.push(t.push(bytes.subarray(prev, c)));
    prev = c;
  }
  parts.push(t.push(bytes.subarray(prev)), t.end());
  return { text: dec(concatBytes(...parts)), stats: t.stats };
}

const JA = '顧客名,金額\r\n㈱東京,①\r\n髙田,～\r\n山田太郎,"1,200円"\r\n';

describe('createTranscoder', () => {
  it('converts Shift_JIS (CP932) to UTF-8, including 髙 ① ㈱ ～', () => {
    expect(run('shift_jis', sjis(JA)).text).toBe(JA);
  });

  it('converts EUC-JP to UTF-8', () => {
    expect(run('euc-jp', eucjp('顧客名,金額\n山田,1\n')).text).toBe('顧客名,金額\n山田,1\n');
  });

  it('converts UTF-16 LE/BE and drops their byte-order marks', () => {
    expect(run('utf-16le', utf16le('顧客,a\n')).text).toBe('顧客,a\n');
    expect(run('utf-16be', utf16be('顧客,a\n')).text).toBe('顧客,a\n');
  });

  it('passes UTF-8 through unchanged and drops the BOM, even when split over pushes', () => {
    const bytes = concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('a,顧客\n'));
    expect(run('utf-8', bytes).text).toBe('a,顧客\n');
    expect(run('utf-8', bytes, [1]).text).toBe('a,顧客\n');
    expect(run('utf-8', bytes, [1, 2]).text).toBe('a,顧客\n');
    expect(createTranscoder('utf-8').passthrough).toBe(true);
  });

  it('keeps a lone EF BB that is not a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb]);
    const t = createTranscoder('utf-8');
    const out = concatBytes(t.push(bytes.subarray(0, 1)), t.push(bytes.subarray(1)), t.end());
    expect([...out]).toEqual([0xef, 0xbb]);
  });

  it('gives the same text wherever the input is cut (characters split across pushes)', () => {
    const bytes = sjis(JA.repeat(3));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (cuts) => {
        expect(run('shift_jis', bytes, cuts).text).toBe(JA.repeat(3));
      }),
    );
    const u16 = utf16le(JA);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: u16.length }), { maxLength: 8 }), (cuts) => {
        expect(run('utf-16le', u16, cuts).text).toBe(JA);
      }),
    );
  });

  it('counts undecodable sequences and reports the line and column of the first', () => {
    // line 3 contains 0xFF, never valid in Shift_JIS (WHATWG); line 4 has 0xA0, also invalid
    const bytes = concatBytes(
      sjis('a,b\r\n顧客,1\r\nxy'),
      new Uint8Array([0xff]),
      sjis(',2\nz,'),
      new Uint8Array([0xa0]),
      sjis('\n'),
    );
    const { text, stats } = run('shift_jis', bytes);
    expect(stats.replacements).toBe(2);
    expect(stats.firstBadLine).toBe(3);
    expect(stats.firstBadColumn).toBe(3);
    expect(text.split('\uFFFD').length - 1).toBe(2);
  });

  it('counts lines across pushes, with CRLF split between two pushes counted once', () => {
    const bytes = concatBytes(sjis('a\r\nb\r\nc\rd\n'), new Uint8Array([0xff]));
    const whereCrLfSplits = [2]; // after "a\r"
    const { stats } = run('shift_jis', bytes, whereCrLfSplits);
    expect(stats.firstBadLine).toBe(5);
    expect(stats.firstBadColumn).toBe(1);
  });

  it('reports bytesIn and bytesOut', () => {
    const bytes = sjis('顧客\n');
    const { stats } = run('shift_jis', bytes);
    expect(stats.bytesIn).toBe(5);
    expect(stats.bytesOut).toBe(7);
  });
});
