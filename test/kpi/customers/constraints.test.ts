/**
 * The two small header features the customers family added to the KPI framework:
 * `constraints` (rules between parameter values) and `requires_when` (data needed only
 * for some parameter values; a derived table named there is built before the check).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../../src/node/nodeEngine.js';
import { tableToRows } from '../../../src/core/engine/rows.js';
import { loadCatalogue } from '../../../src/core/kpi/catalogue.js';
import { parseKpiFile } from '../../../src/core/kpi/header.js';
import { resolveParams } from '../../../src/core/kpi/params.js';
import { KpiRunError, KpiRunner } from '../../../src/core/kpi/runner.js';
import { loadCanonical } from '../canonical.js';

const KPI = `/*---
id: demo
family: customers
title: { en: Demo, ja: デモ }
description: { en: Demo, ja: デモ }
requires: {}
derived: []
requires_when:
  - when: { source: events }
    requires: { events: [user_id, event_time] }
  - when: { source: subscriptions }
    requires: { counted: [n] }
constraints:
  - when: { basis: revenue }
    require: { source: subscriptions, mode: [on] }
    message: { en: revenue needs subscriptions and mode on, ja: 売上ベースは契約データと on のみ }
params:
  - { name: source, type: enum, values: [subscriptions, events], default: subscriptions }
  - { name: basis, type: enum, values: [logo, revenue], default: logo }
  - { name: mode, type: enum, values: [on, on_or_after], default: on }
outputs:
  - { name: n, type: integer }
---*/
SELECT count(*) AS n FROM events WHERE $source = 'events' OR $basis = 'revenue' OR $mode = 'on_or_after' OR true
`;
// Empty unless subscriptions are loaded.
const COUNTED = `CREATE OR REPLACE TABLE counted AS SELECT count(*) AS n FROM subscription_periods HAVING count(*) > 0`;

describe('header constraints', () => {
  const def = parseKpiFile(KPI, 'sql/customers/demo.sql');
  it('parses constraints and requires_when', () => {
    expect(def.constraints).toEqual([
      {
        when: { basis: ['revenue'] },
        require: { source: ['subscriptions'], mode: ['on'] },
        message: { en: 'revenue needs subscriptions and mode on', ja: '売上ベースは契約データと on のみ' },
      },
    ]);
    expect(def.requiresWhen?.length).toBe(2);
  });
  it('refuses combinations the rule forbids, and only those', () => {
    expect(
      resolveParams(def, { basis: 'revenue', source: 'events' }, { dataEnd: null }).problems.map((p) => p.param),
    ).toEqual(['source']);
    expect(
      resolveParams(def, { basis: 'revenue', mode: 'on_or_after' }, { dataEnd: null }).problems.map((p) => p.param),
    ).toEqual(['mode']);
    expect(resolveParams(def, { basis: 'revenue' }, { dataEnd: null }).problems).toEqual([]);
    expect(
      resolveParams(def, { basis: 'logo', source: 'events', mode: 'on_or_after' }, { dataEnd: null }).problems,
    ).toEqual([]);
  });
  it('rejects a rule naming an unknown parameter or value', () => {
    expect(() => parseKpiFile(KPI.replace('when: { basis: revenue }', 'when: { basys: revenue }'), 'x.sql')).toThrow(
      /basys, which is not a declared parameter/,
    );
    expect(() => parseKpiFile(KPI.replace('when: { basis: revenue }', 'when: { basis: money }'), 'x.sql')).toThrow(
      /money is not a value of basis/,
    );
  });
});

describe('requires_when in the runner', () => {
  let engine: NodeEngine;
  let runner: KpiRunner;
  beforeAll(async () => {
    engine = await NodeEngine.create();
    const cat = loadCatalogue([
      { path: 'sql/customers/demo.sql', text: KPI },
      { path: 'sql/derived/counted.sql', text: COUNTED },
    ]);
    expect(cat.errors).toEqual([]);
    runner = new KpiRunner(engine, cat);
  });
  afterAll(() => engine.close());

  it('asks for the data of the chosen source only, building derived tables before checking', async () => {
    await loadCanonical(engine, { events: [{ user_id: 'u', event_time: '2024-01-01 10:00:00', event_name: 'x' }] });
    runner.invalidate();
    expect(tableToRows((await runner.run('demo', { source: 'events' })).table)).toEqual([{ n: 1 }]);
    const err = await runner.run('demo', { source: 'subscriptions' }).catch((e) => e);
    expect(err).toBeInstanceOf(KpiRunError);
    expect(err.kind).toBe('missing-data');
    await loadCanonical(engine, { subscription_periods: [{ customer_id: 'c', start_date: '2024-01-01', mrr: 1 }] });
    runner.invalidate();
    // requires_when named the derived table counted: the runner built it, found a row, ran.
    expect(tableToRows((await runner.run('demo', { source: 'subscriptions' })).table)).toEqual([{ n: 0 }]);
    expect(tableToRows(await engine.query('SELECT n FROM counted'))).toEqual([{ n: 1 }]);
    const err2 = await runner.run('demo', { source: 'events' }).catch((e) => e);
    expect(err2.kind).toBe('missing-data');
    expect(err2.message).toMatch(/needs a product events file with user_id, event_time/);
    const err3 = await runner.run('demo', { source: 'events', basis: 'revenue' }).catch((e) => e);
    expect(err3.kind).toBe('params');
  });
});
