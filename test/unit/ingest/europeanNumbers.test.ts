/**
 * European number formats: decimal commas with dot, space, no-break space or apostrophe
 * grouping, and the ambiguous `1.200` (thousands or decimals), decided per column from all
 * sampled values and, when the column alone cannot tell, from the rest of the file.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberShape, readNumber } from '../../../src/core/ingest/valueFormats.js';
import { classifyColumn, planColumns, type PlanNote, type PlanOptions } from '../../../src/core/ingest/typePlan.js';
import type { ColumnFormat } from '../../../src/core/ingest/expressions.js';

type NumberNote = Extract<PlanNote, { kind: 'ambiguous-number' }>;

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Plans columns given as `name -> cells` (one record per row). */
function plan(columns: Record<string, string[]>, options: Partial<PlanOptions> = {}) {
  const names = Object.keys(columns);
  const n = Math.max(...names.map((k) => columns[k]!.length));
  const records = Array.from({ length: n }, (_, i) => names.map((k) => columns[k]![i] ?? ''));
  const p = planColumns(names, records, { reportingOffsetMinutes: 0, ...options });
  const format = (name: string): ColumnFormat => p.columns.find((c) => c.name === name)!.format;
  const note = (name: string): NumberNote | undefined =>
    p.notes.find((x): x is NumberNote => x.column === name && x.kind === 'ambiguous-number');
  return { plan: p, format, note };
}

/**
 * Reads a cell the way a planned format says it must be read, written independently of
 * the SQL: the decimal mark of the style, every other mark deleted.
 */
function reference(format: ColumnFormat, cell: string): number | null {
  const v = cell.trim().replace(/^−/, '-');
  switch (format.kind) {
    case 'integer':
      return Number(format.groupMark === '.' ? v.replace(/\./g, '') : v.replace(/,/g, ''));
    case 'decimal':
      return Number(v);
    case 'amount': {
      const decimal = format.style === 'eu' ? ',' : '.';
      const kept = [...v].filter((c) => /[0-9-]/.test(c) || c === decimal).join('');
      return Number(decimal === ',' ? kept.replace(',', '.') : kept);
    }
    default:
      return null;
  }
}

describe('numberShape: European groupings', () => {
  it('reads dot, space, no-break space, narrow no-break space and apostrophe grouping', () => {
    expect(numberShape('1.234,50')).toMatchObject({ grouping: '.', decimal: ',', value: 1234.5 });
    expect(numberShape('1 234,50')).toMatchObject({ grouping: ' ', decimal: ',', value: 1234.5 });
    expect(numberShape(`1${NBSP}234${NBSP}567,5`)).toMatchObject({ grouping: ' ', decimal: ',', value: 1234567.5 });
    expect(numberShape(`-1${NNBSP}234,5`)).toMatchObject({
      grouping: ' ',
      decimal: ',',
      negative: '-',
      value: -1234.5,
    });
    expect(numberShape("1'234.50")).toMatchObject({ grouping: "'", decimal: '.', value: 1234.5 });
    expect(numberShape('1’234’567')).toMatchObject({ grouping: "'", decimal: null, value: 1234567 });
    expect(numberShape(`12${NBSP}345,67 €`)).toMatchObject({
      currency: '€',
      grouping: ' ',
      decimal: ',',
      value: 12345.67,
    });
  });

  it('refuses inconsistent grouping', () => {
    for (const v of ['1 234.567,5', "1'23'456", '1.23.456', '12 34,5', "'123", '1..2'])
      expect(numberShape(v)).toBeNull();
  });

  it('1.200 and 1,200 are ambiguous; 0.500 and 1234.500 are not', () => {
    expect(numberShape('1.200')).toMatchObject({ grouping: 'ambiguous', mark: '.' });
    expect(numberShape('-999,000')).toMatchObject({ grouping: 'ambiguous', mark: ',' });
    expect(numberShape('0.500')).toMatchObject({ grouping: 'none', decimal: '.', value: 0.5 });
    expect(numberShape('0,500')).toMatchObject({ grouping: 'none', decimal: ',', value: 0.5 });
    expect(numberShape('1234.500')).toMatchObject({ grouping: 'none', decimal: '.' });
  });

  it('readNumber reads with a known decimal mark and refuses the other', () => {
    expect(readNumber('1.200', ',')).toBe(1200);
    expect(readNumber('1.200', '.')).toBe(1.2);
    expect(readNumber('1,200', ',')).toBe(1.2);
    expect(readNumber('1,200', '.')).toBe(1200);
    expect(readNumber('-4.800', ',')).toBe(-4800);
    expect(readNumber('▲4.800', '.')).toBe(-4.8);
    expect(readNumber('12,5', ',')).toBe(12.5);
    expect(readNumber('12,5', '.')).toBeNull();
    expect(readNumber('1,234.5', ',')).toBeNull();
    expect(readNumber('1 234', '.')).toBe(1234);
  });
});

describe('planColumns: the decimal mark per column', () => {
  const evidence = { preis: ['12,50', '1.234,50', '0,99'] };

  it('decimal commas shown by the column itself: amount, European style, no note', () => {
    const { format, note } = plan({ summe: ['15.000,00', '3.703,50', '12,5'] }, { delimiter: ';' });
    expect(format('summe')).toMatchObject({ kind: 'amount', style: 'eu' });
    expect(note('summe')).toBeUndefined();
    expect(plan({ x: ['1.200', '1.234.567'] }).format('x')).toMatchObject({ kind: 'amount', style: 'eu' });
  });

  it('a decimal point shown anywhere in the column decides it: 1.200 is 1.2, no note', () => {
    for (const col of [
      ['1.200', '1.5'],
      ['1.200', '0.500'],
      ['1.200', '1234.5'],
      ['1.200', '1,234.50'],
    ]) {
      const { format, note } = plan({ menge: col, ...evidence }, { delimiter: ';' });
      expect(finalValue(format('menge'), '1.200')).toBe(1.2);
      expect(note('menge')).toBeUndefined();
    }
  });

  it('1.200 in a ; file with decimal commas elsewhere is 1200, and noted as such', () => {
    const { format, note } = plan({ menge: ['1.200', '3', '2.500'], ...evidence }, { delimiter: ';' });
    expect(format('menge')).toMatchObject({ kind: 'amount', style: 'eu' });
    expect(['1.200', '3', '2.500'].map((v) => finalValue(format('menge'), v))).toEqual([1200, 3, 2500]);
    expect(note('menge')).toEqual({
      column: 'menge',
      kind: 'ambiguous-number',
      decimalMark: ',',
      reason: 'file',
      example: '1.200',
      value: 1200,
    });
    expect(note('preis')).toBeUndefined();
  });

  it('without that evidence 1.200 is read as 1.2, and the note says so', () => {
    const alone = plan({ price: ['1.200', '4.800'] }, { delimiter: ';' });
    expect(alone.format('price')).toEqual({ kind: 'decimal', padded: false });
    expect(alone.note('price')).toMatchObject({ decimalMark: '.', reason: 'default', value: 1.2 });
    // decimal commas elsewhere, but a comma-separated file: the rule is for ; files
    expect(plan({ price: ['1.200'], ...evidence }, { delimiter: ',' }).note('price')).toMatchObject({
      decimalMark: '.',
      reason: 'default',
    });
    // a ; file whose other columns disagree (a decimal point in one, commas in another)
    const mixed = plan({ price: ['1.200'], rate: ['0.25'], ...evidence }, { delimiter: ';' });
    expect(mixed.note('price')).toMatchObject({ decimalMark: '.', reason: 'default' });
  });

  it('the user decides: decimalMark "," reads 1.200 as 1200 even without evidence, noted as chosen', () => {
    const { format, note } = plan({ price: ['1.200', '4.800'], rate: ['0.25'] }, { delimiter: ';', decimalMark: ',' });
    expect(finalValue(format('price'), '4.800')).toBe(4800);
    expect(note('price')).toMatchObject({ decimalMark: ',', reason: 'user', value: 1200 });
    // evidence inside a column still wins over the user's file-wide choice
    expect(format('rate')).toEqual({ kind: 'decimal', padded: false });
  });

  it('1,200 stays 1200 in comma files without a note; in a ; file with decimal commas it is 1.2', () => {
    expect(plan({ amount: ['1,200', '300'] }, { delimiter: ',' }).note('amount')).toBeUndefined();
    const eu = plan({ kurs: ['1,250', '2,500'], ...evidence }, { delimiter: ';' });
    expect(eu.format('kurs')).toMatchObject({ kind: 'amount', style: 'eu' });
    expect(eu.note('kurs')).toMatchObject({ decimalMark: ',', reason: 'file', value: 1.25 });
  });

  it('yen amounts group thousands with commas: never ambiguous', () => {
    const { format, note } = plan({ 金額: ['¥1,200', '¥12,000'], ...evidence }, { delimiter: ';' });
    expect(format('金額')).toMatchObject({ kind: 'amount', style: 'us' });
    expect(note('金額')).toBeUndefined();
  });

  it('integer columns of a decimal-comma file accept 1.200 beyond the sample as 1200', () => {
    expect(plan({ qty: ['3', '999'], ...evidence }, { delimiter: ';' }).format('qty')).toMatchObject({
      kind: 'integer',
      groupMark: '.',
    });
    expect(plan({ qty: ['3', '999'] }, { delimiter: ';' }).format('qty')).not.toHaveProperty('groupMark');
  });

  it('Swiss and French groupings keep their characters for the fast path', () => {
    expect(classifyColumn(["1'234.50", '12.5'])).toMatchObject({ kind: 'amount', style: 'us', groups: ["'"] });
    expect(classifyColumn([`1${NNBSP}234,50`, '12,5'])).toMatchObject({ kind: 'amount', style: 'eu', groups: [NNBSP] });
    // mixed decimal marks: not one number column
    expect(classifyColumn(["1'234.50", '1.234,50']).kind).toBe('text');
  });
});

/** The value a planned format gives a cell (see {@link reference}). */
function finalValue(format: ColumnFormat, cell: string): number | null {
  return reference(format, cell);
}

/** Locales whose exports write numbers the European way (Node's ICU data). */
const EU_LOCALES = ['de-DE', 'fr-FR', 'it-IT', 'es-ES', 'nl-NL', 'de-AT', 'sv-SE', 'pl-PL', 'pt-BR'];

/** Numbers with up to two decimals, exactly representable as "cents / 100". */
const amount = fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }).map((cents) => cents / 100);
const formatter = (locale: string, fraction: boolean) =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: fraction ? 2 : 0,
    maximumFractionDigits: fraction ? 2 : 0,
    useGrouping: true,
  });

describe('property: European numbers read back', () => {
  it('every locale-formatted number reads back with its decimal comma', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EU_LOCALES), amount, (locale, n) => {
        const text = formatter(locale, true).format(n);
        expect(readNumber(text, ',')).toBe(n);
        expect(numberShape(text)?.value).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('a column of formatted amounts with two decimals reads back exactly, never noted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EU_LOCALES),
        fc.array(amount, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(';', ',', '\t'),
        (locale, ns, delimiter) => {
          const f = formatter(locale, true);
          const cells = ns.map((n) => f.format(n));
          const { format, note } = plan({ betrag: cells }, { delimiter });
          expect(note('betrag')).toBeUndefined();
          expect(cells.map((c) => finalValue(format('betrag'), c))).toEqual(ns);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never silently wrong: whole numbers either read back, or the column is noted and the other decimal mark reads them back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EU_LOCALES),
        fc.array(fc.integer({ min: -2_000_000, max: 2_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (locale, ns, withEvidence) => {
          const cells = ns.map((n) => formatter(locale, false).format(n));
          const columns: Record<string, string[]> = {
            menge: cells,
            ...(withEvidence ? { preis: ['12,50', '0,99'] } : {}),
          };
          const { format, note } = plan(columns, { delimiter: ';' });
          const read = cells.map((c) => finalValue(format('menge'), c));
          const n = note('menge');
          if (n === undefined) {
            expect(read).toEqual(ns);
          } else {
            // The note says which way it read the example, truthfully, and the fix works.
            expect(n.value).toBe(finalValue(format('menge'), n.example));
            const fixed = plan(columns, { delimiter: ';', decimalMark: ',' });
            expect(cells.map((c) => finalValue(fixed.format('menge'), c))).toEqual(ns);
            // With decimal commas in the file, the right reading is chosen on its own.
            if (withEvidence) expect(read).toEqual(ns);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
