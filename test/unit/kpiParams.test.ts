import { describe, expect, it } from 'vitest';
import { parseKpiFile, KpiHeaderError } from '../../src/core/kpi/header.js';
import { compileSql, resolveParams, undeclaredParams } from '../../src/core/kpi/params.js';
import { findParamRefs } from '../../src/core/kpi/sqlScan.js';

const FILE = `/*---
id: demo
family: revenue
title: { en: Demo, ja: デモ }
description: { en: A demo, ja: デモです }
requires:
  subscription_periods: [customer_id, start_date, mrr]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 } }
  - { name: lookback_months, type: integer, default: 12, min: 1, max: 36, label: { en: Lookback, ja: 比較期間 } }
  - { name: mode, type: enum, values: [on, on_or_after], default: on, label: { en: Mode, ja: モード } }
  - { name: feature_events, type: string_list, default: [a, b], label: { en: Features, ja: 機能 } }
outputs:
  - { name: month, type: date }
  - { name: value, type: number, unit: currency }
---*/
SELECT $as_of AS month, $lookback_months * 2 AS value, '$mode' AS s, "$x" AS q -- $commented
/* $also_commented */ , $mode AS m, $as_of AS again, len($feature_events) AS n
`;

describe('KPI header', () => {
  it('parses id, bilingual texts, params and outputs', () => {
    const def = parseKpiFile(FILE, 'sql/revenue/demo.sql');
    expect(def.id).toBe('demo');
    expect(def.title).toEqual({ en: 'Demo', ja: 'デモ' });
    expect(def.params.map((p) => p.name)).toEqual(['as_of', 'lookback_months', 'mode', 'feature_events']);
    expect(def.outputs[1]).toEqual({ name: 'value', type: 'number', unit: 'currency' });
    expect(def.requires).toEqual({ subscription_periods: ['customer_id', 'start_date', 'mrr'] });
  });

  it('names the file and line of a YAML error', () => {
    const bad = FILE.replace('title: { en: Demo, ja: デモ }', 'title: { en: Demo, ja: [ }');
    try {
      parseKpiFile(bad, 'sql/revenue/demo.sql');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KpiHeaderError);
      expect((e as KpiHeaderError).message).toMatch(/^sql\/revenue\/demo\.sql:\d+: header is not valid YAML/);
    }
  });

  it('rejects an enum without values and a missing header', () => {
    expect(() => parseKpiFile(FILE.replace('values: [on, on_or_after], ', ''), 'x.sql')).toThrow(
      /enum needs its values/,
    );
    expect(() => parseKpiFile('SELECT 1', 'x.sql')).toThrow(/must start with a header/);
  });
});

describe('parameter references', () => {
  it('skips strings, quoted identifiers and comments', () => {
    const def = parseKpiFile(FILE, 'sql/revenue/demo.sql');
    expect(findParamRefs(def.sql).map((r) => r.name)).toEqual([
      'as_of',
      'lookback_months',
      'mode',
      'as_of',
      'feature_events',
    ]);
    expect(undeclaredParams(def)).toEqual([]);
  });
});

describe('resolveParams', () => {
  const def = parseKpiFile(FILE, 'sql/revenue/demo.sql');
  it('fills defaults and as_of from the data end', () => {
    const r = resolveParams(def, {}, { dataEnd: '2024-03-31' });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ as_of: '2024-03-31', lookback_months: 12, mode: 'on', feature_events: ['a', 'b'] });
  });
  it('coerces text input', () => {
    const r = resolveParams(
      def,
      { as_of: '2024/02/29', lookback_months: '3', feature_events: 'x, y' },
      { dataEnd: null },
    );
    expect(r.values.as_of).toBe('2024-02-29');
    expect(r.values.lookback_months).toBe(3);
    expect(r.values.feature_events).toEqual(['x', 'y']);
  });
  it('reports bad values and unknown names in both languages', () => {
    const r = resolveParams(
      def,
      { as_of: '2023-02-29', lookback_months: '0', mode: 'sometimes', lookbak: 1 },
      { dataEnd: null },
    );
    expect(r.problems.map((p) => p.param).sort()).toEqual(['as_of', 'lookback_months', 'lookbak', 'mode']);
    expect(r.problems.every((p) => p.message.en && p.message.ja)).toBe(true);
  });
});

describe('compileSql', () => {
  it('binds each parameter once, typed, in order of first use', () => {
    const def = parseKpiFile(FILE, 'sql/revenue/demo.sql');
    const { sql, params } = compileSql(def, {
      as_of: '2024-03-31',
      lookback_months: 12,
      mode: 'on',
      feature_events: ['a', 'b'],
    });
    expect(params).toEqual(['2024-03-31', 12, 'on', 'a\u001fb']);
    expect(sql).toContain('CAST($1 AS DATE) AS month');
    expect(sql).toContain('CAST($2 AS BIGINT) * 2');
    expect(sql).toContain("'$mode' AS s");
    expect(sql).toContain('CAST($1 AS DATE) AS again');
    expect(sql).not.toMatch(/\$as_of|\$lookback_months|\$feature_events/);
  });
});

describe('bilingual texts', () => {
  it('rejects flow-style text split by an unquoted comma', () => {
    const bad = FILE.replace('title: { en: Demo, ja: デモ }', 'title: { en: Demo (a, b), ja: デモ }');
    expect(() => parseKpiFile(bad, 'x.sql')).toThrow(/quote text that contains commas/);
  });
});
