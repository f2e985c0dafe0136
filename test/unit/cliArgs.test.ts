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
        { role: 'subscriptions', path: 'subs.csv' },
        { role: null, path: 'x=1.csv' },
      ],
      params: { lookback_months: '1' },
      format: 'json',
      map: 'm.json',
      reportingOffsetMinutes: 540,
    });
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
