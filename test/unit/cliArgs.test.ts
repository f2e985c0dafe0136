import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { toCsv } from '../../src/cli/output.js';

describe('CLI arguments', () => {
  it('parses compute with roles, params, map and format', () => {
    expect(
      parseArgs(
        [
          'compute',
          'nrr',
          '--data',
          'subscriptions=subs.csv',
          '--data',
          'x=1.csv',
          '--param',
          'lookback_months=1',
          '--format',
          'json',
          '--map',
          'm.json',
          '--offset',
          '+09:00',
        ],
        0,
      ),
    ).toEqual({
      kind: 'compute',
      kpi: 'nrr',
      data: [
        { role: 'subscriptions', path: 'subs.csv', decimalMark: null },
        { role: null, path: 'x=1.csv', decimalMark: null },
      ],
      params: { lookback_months: '1' },
      format: 'json',
      map: 'm.json',
      reportingOffsetMinutes: 540,
    });
  });
  it('parses --decimal-mark for every file and <file>=mark for one', () => {
    const data = (...args: string[]) => {
      const cmd = parseArgs(['compute', 'mrr', '--data', 'a.csv', '--data', 'customers=b.csv', ...args], 0);
      return cmd.kind === 'compute' ? cmd.data.map((d) => d.decimalMark) : null;
    };
    expect(data()).toEqual([null, null]);
    expect(data('--decimal-mark', ',')).toEqual([',', ',']);
    expect(data('--decimal-mark', '.')).toEqual(['.', '.']);
    expect(data('--decimal-mark', 'b.csv=,')).toEqual([null, ',']);
    // a file's own mark wins over the one for every file, in any order
    expect(data('--decimal-mark', 'a.csv=.', '--decimal-mark', ',')).toEqual(['.', ',']);
    expect(parseArgs(['compute', 'mrr', '--data', 'x=1.csv', '--decimal-mark', 'x=1.csv=,'], 0)).toMatchObject({
      data: [{ path: 'x=1.csv', decimalMark: ',' }],
    });
  });
  it('rejects a bad --decimal-mark with what to write instead', () => {
    const args = (v: string) => ['compute', 'mrr', '--data', 'a.csv', '--decimal-mark', v];
    for (const bad of ['x', ';', '', 'a.csv=x', '=,', 'a.csv'])
      expect(() => parseArgs(args(bad), 0)).toThrow(/--decimal-mark is "\." or ","/);
    expect(() => parseArgs(['compute', 'mrr', '--data', 'a.csv', '--decimal-mark'], 0)).toThrow(/needs a value/);
    expect(() => parseArgs(args('other.csv=,'), 0)).toThrow(/"other\.csv", which is not one of the --data files/);
  });
  it('explains mistakes', () => {
    expect(() => parseArgs(['compute', 'nrr'], 0)).toThrow(UsageError);
    expect(() => parseArgs(['compute', 'nrr', '--data', 'a.csv', '--param', 'oops'], 0)).toThrow(/name=value/);
    expect(() => parseArgs(['frobnicate'], 0)).toThrow(/unknown command/);
    expect(() => parseArgs(['compute', 'nrr', '--data', 'a.csv', '--offset', 'JST'], 0)).toThrow(/\+09:00/);
  });
});

describe('CSV output', () => {
  it('quotes what needs quoting and leaves NULL empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 'x,y', b: null },
          { a: 'say "hi"', b: 1.5 },
        ],
      ),
    ).toBe('a,b\n"x,y",\n"say ""hi""",1.5\n');
  });
});
