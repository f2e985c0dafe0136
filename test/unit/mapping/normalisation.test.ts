/** Detection of normalisation choices: amount unit, epoch unit, score scale, inclusive ends, date order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAmountUnit, detectEpochUnit, detectMapping, type LoadedTable } from '../../../src/core/mapping/index.js';

const cents = (n: number): number => n * 100;

describe('detectAmountUnit', () => {
  const base = {
    header: 'Amount',
    currencies: [] as string[],
    sourceDefault: 'detect' as const,
    centsHeaders: [] as string[],
  };

  it('reads decimals as units, whatever the magnitude', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 99 }),
        (xs, frac) => {
          const numbers = [...xs, xs[0]! + frac / 100];
          expect(detectAmountUnit({ ...base, numbers }).unit).toBe('units');
        },
      ),
    );
  });

  it('never reads a zero-decimal currency (JPY) as cents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000 }).map(cents), { minLength: 1, maxLength: 30 }),
        (numbers) => {
          expect(detectAmountUnit({ ...base, numbers, currencies: ['JPY'], centsHeaders: ['Amount'] }).unit).toBe(
            'units',
          );
        },
      ),
    );
  });

  it('reads whole prices written in cents as cents, and small whole prices as units', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(29, 49, 99, 199, 499).map(cents), { minLength: 3, maxLength: 30 }),
        (numbers) => {
          const r = detectAmountUnit({ ...base, numbers, currencies: ['USD'] });
          expect(r.unit).toBe('cents');
          expect(r.confidence).toBeLessThan(0.8);
        },
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(29, 49, 99, 199, 499), { minLength: 3, maxLength: 30 }), (numbers) => {
        expect(detectAmountUnit({ ...base, numbers, currencies: ['USD'] }).unit).toBe('units');
      }),
    );
  });

  it('follows API field names and the source documentation', () => {
    expect(detectAmountUnit({ ...base, header: 'amount', numbers: [29, 49], centsHeaders: ['amount'] })).toMatchObject({
      unit: 'cents',
      confidence: 0.8,
    });
    expect(detectAmountUnit({ ...base, header: 'Amount', numbers: [29, 49], centsHeaders: ['amount'] }).unit).toBe(
      'units',
    );
    expect(detectAmountUnit({ ...base, numbers: [5000], sourceDefault: 'cents' }).unit).toBe('cents');
  });

  it('reads display-formatted and Japanese-labelled amounts as units', () => {
    expect(detectAmountUnit({ ...base, numbers: [1200000, 600000], texts: ['1,200,000円', '600,000円'] }).unit).toBe(
      'units',
    );
    expect(detectAmountUnit({ ...base, header: '年額', numbers: [1200000, 600000] }).unit).toBe('units');
  });
});

describe('detectEpochUnit', () => {
  const instants = fc.date({
    min: new Date('1975-01-01T00:00:00Z'),
    max: new Date('2090-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('tells seconds, milliseconds and microseconds apart by magnitude', () => {
    fc.assert(
      fc.property(fc.array(instants, { minLength: 1, maxLength: 20 }), (ds) => {
        const ms = ds.map((d) => d.getTime());
        expect(detectEpochUnit(ms.map((x) => Math.floor(x / 1000)))).toBe('s');
        expect(detectEpochUnit(ms)).toBe('ms');
        expect(detectEpochUnit(ms.map((x) => x * 1000))).toBe('us');
      }),
    );
  });

  it('decides per value for mixed units or YYYYMMDD, and refuses non-dates', () => {
    expect(detectEpochUnit([1_700_000_000, 1_700_000_000_000])).toBe('auto');
    expect(detectEpochUnit([20240115, 20231231])).toBe('auto');
    expect(detectEpochUnit([3, 14, 15])).toBeNull();
    expect(detectEpochUnit([])).toBeNull();
  });
});

function table(columns: Record<string, [string, (string | null)[]]>): LoadedTable {
  return {
    table: 't',
    file: 'f.csv',
    columns: Object.entries(columns).map(([name, [type, samples]]) => ({ name, type, samples })),
  };
}

describe('normalisation detected from values', () => {
  it('scores 1–5 without a survey column read as CSAT, 0–10 as NPS', () => {
    const csat = detectMapping(
      table({ responded_at: ['TIMESTAMP', ['2024-01-01 10:00:00']], score: ['BIGINT', ['1', '5', '4', '3']] }),
    );
    expect(csat.role).toBe('responses');
    expect(csat.normalisation.scoreScale).toBe('csat');
    const nps = detectMapping(
      table({ responded_at: ['TIMESTAMP', ['2024-01-01 10:00:00']], score: ['BIGINT', ['0', '5', '9', '10']] }),
    );
    expect(nps.normalisation.scoreScale).toBe('nps');
  });

  it('slash dates with a first part above 12 are day-first', () => {
    const d = detectMapping(
      table({
        customer_id: ['VARCHAR', ['a', 'b']],
        start_date: ['VARCHAR', ['25/03/2024', '01/04/2024']],
        mrr: ['DOUBLE', ['10', '20']],
      }),
    );
    expect(d.role).toBe('subscriptions');
    expect(d.normalisation.dayFirst).toBe(true);
    expect(d.normalisationReasons.dayFirst?.confidence).toBeGreaterThan(0.5);
  });

  it('month-end contract ends are inclusive, first-of-month ends exclusive', () => {
    const incl = detectMapping(
      table({
        顧客ID: ['VARCHAR', ['a', 'b', 'c']],
        契約開始日: ['DATE', ['2024-01-01', '2024-02-01', '2024-03-01']],
        契約終了日: ['DATE', ['2024-12-31', '2025-01-31', '2025-02-28']],
        月額: ['DOUBLE', ['1000', '2000', '3000']],
      }),
    );
    expect(incl.normalisation.periodEndInclusive).toBe(true);
    const excl = detectMapping(
      table({
        顧客ID: ['VARCHAR', ['a', 'b', 'c']],
        契約開始日: ['DATE', ['2024-01-01', '2024-02-01', '2024-03-01']],
        契約終了日: ['DATE', ['2025-01-01', '2025-02-01', '2025-03-01']],
        月額: ['DOUBLE', ['1000', '2000', '3000']],
      }),
    );
    expect(excl.normalisation.periodEndInclusive).toBe(false);
  });

  it('every normalisation choice detection makes comes with a reason', () => {
    const d = detectMapping(
      table({
        customer: ['VARCHAR', ['cus_1']],
        start_date: ['BIGINT', ['1700000000']],
        amount: ['BIGINT', ['2900']],
        currency: ['VARCHAR', ['usd']],
        interval: ['VARCHAR', ['month']],
      }),
    );
    expect(d.normalisationReasons.amountUnit?.reason.en).toMatch(/API field/);
    expect(d.normalisationReasons.amountUnit?.reason.ja).toMatch(/API の項目名/);
    expect(d.normalisationReasons.epochUnit?.reason.en).toMatch(/epoch-s/);
    expect(d.normalisationReasons.epochUnit?.reason.ja).toMatch(/エポック秒/);
    expect(d.normalisationReasons.reportingCurrency?.reason.en).toMatch(/USD/);
    expect(d.normalisationReasons.reportingCurrency?.reason.ja).toMatch(/すべての行が USD/);
  });
});
