import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bomLength,
  detectEncoding,
  detectEncodingInWindows,
  normalizeEncoding,
  SELECTABLE_ENCODINGS,
  textStats,
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

/** Exports whose only non-ASCII text is half-width katakana (or nearly), as banks and billing systems write them. */
const HALF_WIDTH_FIXTURES: Record<string, string> = {
  'the reported payee alone': 'id,name\n1,ｶﾌﾞｼｷｶﾞｲｼｬ\n',
  'a bank-transfer export with an ASCII header':
    'transfer_date,bank_code,branch_code,account_type,account_no,payee_kana,amount\n' +
    '2024-04-25,0001,101,1,1234567,ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ,150000\n' +
    '2024-04-25,0005,210,1,7654321,ﾀﾅｶ ﾀﾛｳ,32000\n' +
    '2024-04-25,0009,330,2,1112223,ｶﾌﾞｼｷｶﾞｲｼｬ ｻｸﾗﾃﾞﾝｷ,98000\n' +
    '2024-04-25,0010,045,1,2223334,ﾕ)ｽｽﾞｷｼｮｳﾃﾝ,5400\n',
  'a billing export with a half-width header':
    'ｾｲｷｭｳﾋﾞ,ｾｲｷｭｳｻｷ,ｷﾝｶﾞｸ,ｼﾞｮｳﾀｲ\n' +
    '2024-04-30,ｶﾌﾞｼｷｶﾞｲｼｬ ﾐﾗｲｿﾌﾄ,55000,ﾐﾊﾗｲ\n' +
    '2024-04-30,ﾄﾞｳｼﾞﾏ ﾘｮｳｺ,3300,ﾆｭｳｷﾝｽﾞﾐ\n' +
    '2024-04-30,ﾕｳｹﾞﾝｶﾞｲｼｬ ﾎﾟｰﾙｽﾀｰ,12100,ﾐﾊﾗｲ\n',
  'a bank statement with a kanji header':
    '取引日,摘要,金額\n2024-04-01,ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ,150000\n2024-04-02,ﾃﾞﾝｷﾀﾞｲ,-8200\n',
};

const LETTERS = [...'ｦｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ'];
/** Half-width katakana spelled as in real text: a letter, maybe followed by a sound mark it takes, a small kana or ｰ. */
const syllable = fc
  .tuple(
    fc.constantFrom(...LETTERS),
    fc.constantFrom('', '', '', '', 'ﾞ', 'ﾟ', 'ｰ', 'ｯ', 'ｬ', 'ｭ', 'ｮ', 'ｧ', 'ｨ', 'ｪ', 'ｫ'),
  )
  .map(([letter, mark]) => {
    if (mark === 'ﾞ' && !'ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ'.includes(letter)) return letter;
    if (mark === 'ﾟ' && !'ﾊﾋﾌﾍﾎ'.includes(letter)) return letter;
    return letter + mark;
  });
const word = fc.array(syllable, { minLength: 1, maxLength: 8 }).map((s) => s.join(''));
const payee = fc
  .tuple(
    fc.constantFrom('', 'ｶ)', 'ﾕ)', 'ｲ)'),
    fc.array(word, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '(ｶ'),
  )
  .map(([before, words, after]) => before + words.join(' ') + after);
const row = fc
  .tuple(fc.integer({ min: 1, max: 28 }), payee, fc.nat({ max: 999_999 }))
  .map(([day, name, amount]) => `2024-04-${String(day).padStart(2, '0')},${name},${amount}\n`);
const bankCsv = fc.array(row, { minLength: 1, maxLength: 8 }).map((rows) => 'date,payee,amount\n' + rows.join(''));
const halfWidthCount = (text: string): number => [...text].filter((c) => c >= '\uff61' && c <= '\uff9f').length;

describe('detectEncoding: half-width katakana', () => {
  it.each(Object.entries(HALF_WIDTH_FIXTURES))('detects Shift_JIS and EUC-JP bytes of %s', (_, text) => {
    const sjisBytes = sjis(text);
    const eucBytes = eucjp(text);
    // the hand-built bytes are what the WHATWG decoders read back as the text
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(sjisBytes)).toBe(text);
    expect(new TextDecoder('euc-jp', { fatal: true }).decode(eucBytes)).toBe(text);
    expect(detectEncoding(sjisBytes)).toMatchObject({ encoding: 'shift_jis', bom: 0 });
    expect(detectEncoding(eucBytes)).toMatchObject({ encoding: 'euc-jp', bom: 0 });
  });

  it('builds half-width katakana bytes as one byte in Shift_JIS and 0x8E + byte in EUC-JP', () => {
    expect([...sjis('ｶﾞ,｡ﾟ')]).toEqual([0xb6, 0xde, 0x2c, 0xa1, 0xdf]);
    expect([...eucjp('ｶﾞ,｡ﾟ')]).toEqual([0x8e, 0xb6, 0x8e, 0xde, 0x2c, 0x8e, 0xa1, 0x8e, 0xdf]);
  });

  it('sees what gives the wrong readings away: rare kanji, lone bytes, kanji of one JIS row', () => {
    // Shift_JIS ｶﾌﾞｼｷｶﾞｲｼｬ read as EUC-JP: 玉渕袈涓蒔, two of them JIS level 2
    const asEuc = textStats(new TextDecoder('euc-jp').decode(sjis('ｶﾌﾞｼｷｶﾞｲｼｬ')));
    expect(asEuc).toMatchObject({ japanese: 5, rareKanji: 2, replacements: 0 });
    // ﾔﾏﾀﾞｼｮｳｼﾞ is 9 bytes: the last one has no partner in EUC-JP
    expect(textStats(new TextDecoder('euc-jp').decode(sjis('ﾔﾏﾀﾞｼｮｳｼﾞ,1'))).replacements).toBe(1);
    // EUC-JP ｶﾌﾞｼｷ read as Shift_JIS: 0x8E pairs, five kanji all from JIS row 28; from the
    // third on they count as implausible (real text has pairs like 期間, hardly ever three)
    const asSjis = textStats(new TextDecoder('shift_jis').decode(eucjp('ｶﾌﾞｼｷ')));
    expect(asSjis).toMatchObject({ japanese: 5, sameRowKanji: 3 });
    expect(textStats('期間').sameRowKanji).toBe(0);
    // spelling: ﾞ after ﾝ, a small kana after ASCII and ｡｢｣､･ do not count as spelled katakana
    expect(textStats('ｶﾞｼｮｰ')).toMatchObject({ halfWidthKana: 5, halfWidthKanaSpelled: 5 });
    expect(textStats('ﾝﾞ,ｮ｢ｱ｣')).toMatchObject({ halfWidthKana: 6, halfWidthKanaSpelled: 2 }); // ﾝ and ｱ
  });

  it('still detects EUC-JP kanji text next to EUC-JP half-width katakana', () => {
    const text = '顧客名,金額\n山田太郎,1200\nｶ)ﾔﾏﾀﾞｼｮｳｼﾞ,300\n';
    expect(detectEncoding(eucjp(text)).encoding).toBe('euc-jp');
    expect(detectEncoding(sjis(text)).encoding).toBe('shift_jis');
  });

  // Thresholds: over 600,000 samples of this generator the longest misread Shift_JIS sample
  // had 30 half-width katakana and the longest misread EUC-JP one 19. Short samples can be
  // truly ambiguous: Shift_JIS ﾌﾘ (CC D8) is the level-1 kanji 蒙 in EUC-JP, and EUC-JP ﾛﾝ
  // (8E DB 8E DD) the kanji pair 杓爵 in Shift_JIS.
  it('detects random bank exports in Shift_JIS with at least 40 half-width katakana', () => {
    fc.assert(
      fc.property(bankCsv, (text) => {
        fc.pre(halfWidthCount(text) >= 40);
        expect(detectEncoding(sjis(text)).encoding).toBe('shift_jis');
      }),
      { numRuns: 200 },
    );
  });

  it('detects random bank exports in EUC-JP with at least 24 half-width katakana', () => {
    fc.assert(
      fc.property(bankCsv, (text) => {
        fc.pre(halfWidthCount(text) >= 24);
        expect(detectEncoding(eucjp(text)).encoding).toBe('euc-jp');
      }),
      { numRuns: 200 },
    );
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
