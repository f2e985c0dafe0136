/**
 * The kpi-workbench command end to end: a raw Stripe API-style export (amounts in cents,
 * epoch seconds, monthly, quarterly and yearly plans, a trial, a cancellation) maps itself
 * and gives the MRR movements worked out by hand below.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => {
    out += s;
  });
  return { code, out };
}

describe('kpi-workbench compute', () => {
  it('computes mrr_movements from a raw Stripe-style export with no mapping file', async () => {
    const { code, out } = await run([
      'compute',
      'mrr_movements',
      '--data',
      'test/fixtures/exports/stripe/subscriptions_api.csv',
      '--format',
      'json',
      '--offset',
      '+00:00',
    ]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, number | string>[];
    const month = (m: string) => rows.find((r) => r.month === m)!;
    // 2023-12: sub_API004 ($29, 2023-06-01 .. ended 2023-12-01) churns; sub_API009
    // (4900 cents x 5 seats = $245, from 2023-12-12) is new.
    expect(month('2023-12-01')).toMatchObject({
      starting_mrr: 29,
      new_mrr: 245,
      churned_mrr: -29,
      ending_mrr: 245,
      new_customers: 1,
      churned_customers: 1,
    });
    // 2024-01: new sub_API000 $29, sub_API003 $99 (ends at its period end 2024-02-05:
    // cancel at period end), sub_API006 26900 cents per 3 months x 2 = $179.33.
    const jan = month('2024-01-01');
    expect(jan.starting_mrr).toBe(245);
    expect(jan.new_mrr).toBeCloseTo(29 + 99 + (269 * 2) / 3, 9);
    expect(jan.new_customers).toBe(3);
    // 2024-02: sub_API003 churns (-$99); sub_API001 29000 cents a year x 2 = $48.33 is new.
    const feb = month('2024-02-01');
    expect(feb.churned_mrr).toBe(-99);
    expect(feb.new_mrr).toBeCloseTo((290 * 2) / 12, 9);
  });

  describe('--decimal-mark', () => {
    // A monthly MRR export with semicolons whose amounts all read either way: 1.200 is 1200
    // with a decimal comma and 1.2 with a decimal point. (4.850 keeps the amounts from
    // looking like cents, which whole numbers ending in 00 would.)
    const dir = mkdtempSync(join(tmpdir(), 'kpiw-cli-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'mrr_eu.csv');
    writeFileSync(
      file,
      'customer_id;month;mrr;currency\nacct_001;2024-01;1.200;EUR\nacct_002;2024-01;4.850;EUR\nacct_001;2024-02;1.200;EUR\n',
    );
    const mrr = async (...extra: string[]) => {
      const { code, out } = await run([
        'compute',
        'mrr',
        '--data',
        `mrr_snapshots=${file}`,
        '--format',
        'json',
        '--offset',
        '+00:00',
        ...extra,
      ]);
      expect(code).toBe(0);
      // rounded to cents: 1.2 + 4.85 is 6.050000000000001 in binary floating point
      return (JSON.parse(out) as { month: string; mrr: number }[]).map((r) => [r.month, Math.round(r.mrr * 100) / 100]);
    };

    it('reads 1.200 as 1200 with "," and as 1.2 with "."', async () => {
      expect(await mrr('--decimal-mark', ',')).toEqual([
        ['2024-01-01', 6050],
        ['2024-02-01', 1200],
      ]);
      expect(await mrr('--decimal-mark', '.')).toEqual([
        ['2024-01-01', 6.05],
        ['2024-02-01', 1.2],
      ]);
    });

    it('without a mark, the warning says which option reads the numbers the other way', async () => {
      const written: string[] = [];
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      try {
        expect(await mrr()).toEqual([
          ['2024-01-01', 6.05],
          ['2024-02-01', 1.2],
        ]);
      } finally {
        spy.mockRestore();
      }
      const warning = written.join('');
      expect(warning).toContain('1.200');
      expect(warning).toContain(`With this command: --decimal-mark ${file}=,`);
    });

    it('takes a mark for one file, which wins over the one for every file', async () => {
      expect(await mrr('--decimal-mark', `${file}=,`, '--decimal-mark', '.')).toEqual([
        ['2024-01-01', 6050],
        ['2024-02-01', 1200],
      ]);
    });

    it('exits non-zero with a clear message for a bad mark', async () => {
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const { code, out } = await run(['compute', 'mrr', '--data', file, '--decimal-mark', 'x']);
        expect(code).not.toBe(0);
        expect(out).toBe('');
        const written = stderr.mock.calls.map((c) => String(c[0])).join('');
        expect(written).toContain(
          'kpi-workbench: --decimal-mark is "." or "," (every file) or <file>=. / <file>=, (one --data file), not "x"',
        );
      } finally {
        stderr.mockRestore();
      }
    });
  });

  it('fails with the file named when a file cannot be read', async () => {
    const { code } = await run(['compute', 'mrr', '--data', 'no/such/file.csv']);
    expect(code).toBe(1);
  });

  it('lists every KPI', async () => {
    const { code, out } = await run(['list', '--format', 'json']);
    expect(code).toBe(0);
    const ids = (JSON.parse(out) as { id: string }[]).map((k) => k.id);
    for (const id of [
      'mrr',
      'mrr_movements',
      'nrr',
      'churn_rates',
      'quick_ratio',
      'ltv',
      'cohort_retention',
      'nps',
      'csat',
      'active_users',
      'support',
      'unit_costs',
    ])
      expect(ids).toContain(id);
  });
});
