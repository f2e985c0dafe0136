/** Pure helpers of the mapping screen (src/app/mapping/helpers.ts) and the summary's samples. */
import { describe, expect, it } from 'vitest';
import { confirmDetection, detectMapping, specOf, type LoadedTable } from '../../../src/core/mapping/index.js';
import { sampleValues, type TableModel } from '../../../src/core/workspace/modelSummary.js';
import {
  canChooseNotUsed,
  confidenceLevel,
  fieldRows,
  findings,
  MAPPINGS_FILE_NAME,
  normalisationControls,
  normalisationEdit,
  parseCurrency,
  pickerValue,
  sourceLabel,
} from '../../../src/app/mapping/helpers.js';
import { en } from '../../../src/app/i18n/en.js';
import { ja } from '../../../src/app/i18n/ja.js';

const col = (name: string, type: string, samples: (string | null)[]) => ({ name, type, samples });

const STRIPE: LoadedTable = {
  table: 'subs',
  file: 'subs.csv',
  columns: [
    col('id', 'VARCHAR', ['sub_1', 'sub_2', 'sub_3']),
    col('Customer ID', 'VARCHAR', ['cus_A', 'cus_B', 'cus_C']),
    col('Status', 'VARCHAR', ['active', 'trialing', 'canceled']),
    col('Interval', 'VARCHAR', ['month', 'year', 'month']),
    col('amount', 'BIGINT', ['2900', '120000', '4900']),
    col('Quantity', 'BIGINT', ['1', '1', '3']),
    col('Currency', 'VARCHAR', ['usd', 'usd', 'usd']),
    col('Created (UTC)', 'TIMESTAMP', ['2024-01-15 09:30:00', '2024-02-03 11:00:00', null]),
    col('Current Period End (UTC)', 'TIMESTAMP', ['2024-07-15 09:30:00', '2025-02-03 11:00:00', '2024-05-01 00:00:00']),
    col('Canceled At (UTC)', 'TIMESTAMP', [null, null, '2024-04-20 16:45:00']),
    col('Cancel At Period End', 'BOOLEAN', ['false', 'false', 'false']),
  ],
};

function model(table: LoadedTable, edits: Parameters<typeof confirmDetection>[2] = {}, confirmed = false): TableModel {
  const detection = detectMapping(table);
  const m = detection.role === 'unknown' && !edits.role ? null : confirmDetection(table, detection, edits);
  return {
    table: table.table,
    file: table.file,
    detection,
    mapping: m
      ? { role: m.role, source: m.source, columns: m.columns, attributes: m.attributes, normalisation: m.normalisation }
      : null,
    confirmed,
    origin: confirmed ? 'edited' : 'detected',
    memory: { state: 'none' },
    headers: m ? table.columns.map((c) => c.name) : [],
    samples: sampleValues(m ? table.columns : []),
  };
}

describe('mapping screen helpers', () => {
  it('words confidence', () => {
    expect([0.97, 0.8, 0.79, 0.5, 0.49, 0].map(confidenceLevel)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('labels sources, falling back to the id', () => {
    expect(sourceLabel('stripe')).toBe('Stripe');
    expect(sourceLabel('somewhere')).toBe('somewhere');
    expect(sourceLabel('generic', (w) => `[${w}]`)).toBe('[generic]');
    expect(sourceLabel('kpi-workbench-sample', (w) => ja[`mapping.source.${w}`])).toBe(
      ja['mapping.source.kpi-workbench-sample'],
    );
    expect(MAPPINGS_FILE_NAME).toBe('kpi-workbench-mappings.json');
  });

  it('lists every field of the role with source, detection and samples', () => {
    const tm = model(STRIPE);
    expect(tm.detection.role).toBe('subscriptions');
    expect(specOf(tm.detection)?.normalisation.amountUnit).toBe('cents');
    const rows = fieldRows(tm);
    expect(rows.map((r) => r.name)).toEqual([
      'customer_id',
      'subscription_id',
      'start_date',
      'end_date',
      'cancel_at',
      'canceled_at',
      'current_period_end',
      'cancel_at_period_end',
      'status',
      'won',
      'plan',
      'amount',
      'mrr',
      'arr',
      'quantity',
      'interval',
      'interval_count',
      'currency',
      'discount_percent',
      'discount_amount',
      'trial_start',
      'trial_end',
    ]);
    const amount = rows.find((r) => r.name === 'amount')!;
    expect(amount).toMatchObject({
      source: 'amount',
      edited: false,
      required: false,
      missingAnyOf: false,
      samples: ['2900', '120000', '4900'],
    });
    expect(amount.detected?.confidence).toBeGreaterThan(0);
    expect(rows.find((r) => r.name === 'customer_id')).toMatchObject({ required: true, source: 'Customer ID' });
    expect(rows.find((r) => r.name === 'start_date')?.samples).toEqual(['2024-01-15 09:30:00', '2024-02-03 11:00:00']);
  });

  it('marks edited columns and unmet "one of" groups', () => {
    const tm = model(STRIPE, { columns: { amount: null, plan: 'Status' } }, true);
    const rows = fieldRows(tm);
    expect(rows.find((r) => r.name === 'amount')).toMatchObject({
      source: null,
      edited: true,
      missingAnyOf: true,
      samples: [],
    });
    expect(rows.find((r) => r.name === 'mrr')?.missingAnyOf).toBe(true);
    expect(rows.find((r) => r.name === 'plan')).toMatchObject({ source: 'Status', edited: true });
  });

  it('offers "not used" only for tables detection could not place', () => {
    const odd: LoadedTable = {
      table: 'odd',
      file: 'odd.csv',
      columns: [col('foo', 'VARCHAR', ['x', 'y']), col('bar', 'VARCHAR', ['1', '2'])],
    };
    const unknown = model(odd);
    expect(unknown.detection.role).toBe('unknown');
    expect(pickerValue(unknown)).toBe('unknown');
    expect(canChooseNotUsed(unknown)).toBe(true);
    expect(fieldRows(unknown)).toEqual([]);
    expect(canChooseNotUsed(model(STRIPE))).toBe(false);
    expect(pickerValue(model(odd, { role: 'events' }, true))).toBe('events');
  });

  it('shows the normalisation choices of each role', () => {
    expect(normalisationControls('subscriptions')).toEqual([
      'amountUnit',
      'reportingCurrency',
      'endDateRule',
      'dayFirst',
    ]);
    expect(normalisationControls('invoices')).toEqual(['amountUnit', 'reportingCurrency', 'dayFirst']);
    expect(normalisationControls('responses')).toEqual(['scoreScale', 'dayFirst']);
    expect(normalisationControls('customers')).toEqual(['dayFirst']);
  });

  it('turns control values into normalisation edits', () => {
    expect(normalisationEdit('amountUnit', 'cents')).toEqual({ amountUnit: 'cents' });
    expect(normalisationEdit('amountUnit', 'pennies')).toBeUndefined();
    expect(normalisationEdit('dayFirst', true)).toEqual({ dayFirst: true });
    expect(normalisationEdit('endDateRule', 'canceled_at_first')).toEqual({ endDateRule: 'canceled_at_first' });
    expect(normalisationEdit('scoreScale', 'auto')).toEqual({ scoreScale: null });
    expect(normalisationEdit('scoreScale', 'csat')).toEqual({ scoreScale: 'csat' });
    expect(normalisationEdit('reportingCurrency', ' jpy ')).toEqual({ reportingCurrency: 'JPY' });
    expect(normalisationEdit('reportingCurrency', '')).toEqual({ reportingCurrency: null });
    expect(normalisationEdit('reportingCurrency', 'yen')).toEqual({ reportingCurrency: 'YEN' });
    expect(normalisationEdit('reportingCurrency', '円')).toBeUndefined();
    expect(parseCurrency('US$')).toBeUndefined();
  });

  it('keeps validation findings only, errors first', () => {
    const r = (severity: 'error' | 'warning' | 'info', file: string, count: number) => ({ severity, file, count });
    expect(findings([r('info', 'a', 3), r('warning', 'a', 0), r('warning', 'b', 1), r('error', 'z', 2)])).toEqual([
      r('error', 'z', 2),
      r('warning', 'b', 1),
      r('info', 'a', 3),
    ]);
  });

  it('samples at most 5 distinct non-empty values, shortening long ones', () => {
    const s = sampleValues([
      col('x', 'VARCHAR', ['a', null, '', 'a', 'b', 'c', 'd', 'e', 'f']),
      col('long', 'VARCHAR', ['y'.repeat(100)]),
    ]);
    expect(s.x).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(s.long![0]).toHaveLength(60);
  });

  it('has every mapping screen text in English and Japanese', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('mapping.'));
    expect(keys.length).toBeGreaterThan(50);
    for (const k of keys) {
      expect(ja[k as keyof typeof ja], k).toBeTruthy();
      expect(
        ja[k as keyof typeof ja] === en[k as keyof typeof en] && !/^[—{}% ]*$/.test(en[k as keyof typeof en]),
        `${k} untranslated`,
      ).toBe(false);
    }
  });
});
