import { describe, expect, it } from 'vitest';
import {
  bomLength,
  detectEncoding,
  detectEncodingInWindows,
  normalizeEncoding,
  SELECTABLE_ENCODINGS,
} from '../../../src/core/ingest/encoding.js';
import { concatBytes, eucjp, sjis, utf16be, utf16le, utf8 } from './jaBytes.js';

const JA_CSV = '顧客名,金額\n山田太郎,1200\n佐藤花子,300\n㈱東京,①\n髙田,～\n';

describe('detectEncoding', () => {
  it('recognises the hand-written CP932 bytes of 髙 ① ㈱ ～ as Shift_JIS text', () => {
    // Independent check of the test table against the WHATWG decoder: FB FC is 髙, 87 40 ①, 87 8A ㈱, 81 60 ～.
    expect(
      new TextDecoder('shift_jis').decode(
        new Uint8Array([0xfb, 0xfc, 0x87, 0x40, 0x87, 0x8a, 0x81, 0x60, 0x8c, 0xda, 0x8b, 0x71]),
      ),
    ).toBe('髙①㈱～顧客');
  });

  it('detects a UTF-8 BOM and reports 3 bytes to skip', () => {
    const d = detectEncoding(concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('a,b\n')));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: 3, confidence: 1 });
  });

  it('detects UTF-16 LE and BE byte-order marks', () => {
    expect(detectEncoding(utf16le('顧客,a\n'))).toMatchObject({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(utf16be('顧客,a\n'))).toMatchObject({ encoding: 'utf-16be', bom: 2 });
  });

  it('detects UTF-16 LE without BOM from the zero high bytes', () => {
    expect(detectEncoding(utf16le('id,name\n1,abc\n2,顧客\n', false))).toMatchObject({ encoding: 'utf-16le', bom: 0 });
    expect(detectEncoding(utf16be('id,name\n1,abc\n2,def\n', false))).toMatchObject({ encoding: 'utf-16be', bom: 0 });
  });

  it('says UTF-8 for valid multi-byte UTF-8 with high confidence', () => {
    const d = detectEncoding(utf8(JA_CSV));
    expect(d.encoding).toBe('utf-8');
    expect(d.bom).toBe(0);
    expect(d.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('does not fail UTF-8 when the sample ends in the middle of a character', () => {
    const bytes = utf8('名前,顧客\n山田,髙');
    // cut the last character (3 bytes) after its first and second byte
    for (const cut of [1, 2]) {
      const d = detectEncoding(bytes.subarray(0, bytes.length - cut));
      expect(d.encoding).toBe('utf-8');
      expect(d.confidence).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('treats plain ASCII as UTF-8 with low confidence', () => {
    const d = detectEncoding(utf8('id,amount\n1,2\n'));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: 0 });
    expect(d.confidence).toBeLessThan(0.9);
  });

  it('detects Shift_JIS (CP932) including NEC/IBM extension characters', () => {
    const d = detectEncoding(sjis(JA_CSV));
    expect(d.encoding).toBe('shift_jis');
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('detects Shift_JIS even when the sample is cut inside a double-byte character', () => {
    const bytes = sjis(JA_CSV + '顧客');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('shift_jis');
  });

  it('detects EUC-JP', () => {
    const d = detectEncoding(eucjp('顧客名,金額\n山田太郎,1200\n佐藤花子,300\n東京,一覧\n'));
    expect(d.encoding).toBe('euc-jp');
  });

  it('prefers UTF-8 for mostly valid UTF-8 with a corrupt byte', () => {
    const bytes = concatBytes(
      utf8('顧客名,金額\n山田太郎,1200\n佐藤花子,300\n東京,一覧\n'),
      new Uint8Array([0xff]),
      utf8('\n山田,1\n'),
    );
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
  });

  it('looks further into the file when the head is plain ASCII', () => {
    const head = utf8('id,name\n1,a\n2,b\n');
    const later = concatBytes(new Uint8Array([0x96]), sjis('\n3,顧客名\n4,山田\n5,'));
    const d = detectEncodingInWindows(head, [later]);
    expect(d.encoding).toBe('shift_jis');
    expect(d.reason).toMatch(/further into the file/);
  });
});

describe('encoding helpers', () => {
  it('lists the selectable encodings for the UI', () => {
    expect(SELECTABLE_ENCODINGS.map((e) => e.id)).toEqual(['utf-8', 'shift_jis', 'euc-jp', 'utf-16le', 'utf-16be']);
    expect(SELECTABLE_ENCODINGS.every((e) => e.label.en && e.label.ja)).toBe(true);
  });

  it('normalises encoding names as users write them', () => {
    expect(normalizeEncoding('SJIS')).toBe('shift_jis');
    expect(normalizeEncoding('cp932')).toBe('shift_jis');
    expect(normalizeEncoding('Windows-31J')).toBe('shift_jis');
    expect(normalizeEncoding('UTF8')).toBe('utf-8');
    expect(normalizeEncoding('EUC-JP')).toBe('euc-jp');
    expect(normalizeEncoding('latin1')).toBeNull();
  });

  it('measures the BOM of a given encoding only', () => {
    expect(bomLength(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'utf-8')).toBe(3);
    expect(bomLength(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'shift_jis')).toBe(0);
    expect(bomLength(new Uint8Array([0xff, 0xfe]), 'utf-16le')).toBe(2);
    expect(bomLength(new Uint8Array([0xff, 0xfe]), 'utf-16be')).toBe(0);
  });
});
