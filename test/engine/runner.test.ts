import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/node/nodeEngine.js';
import { tableToRows } from '../../src/core/engine/rows.js';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { KpiRunError, KpiRunner } from '../../src/core/kpi/runner.js';
import { loadCanonical } from '../kpi/canonical.js';

const KPI = `/*---
id: total_mrr
family: revenue
title: { en: Total MRR, ja: MRR合計 }
description: { en: Sum of MRR in force on as_of, ja: 基準日時点のMRR合計 }
requires:
  subscription_periods: [customer_id, start_date, mrr]
derived: [doubled]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 } }
  - { name: min_mrr, type: number, default: null, label: { en: Minimum, ja: 最小 } }
outputs:
  - { name: as_of, type: date }
  - { name: mrr, type: number, unit: currency }
  - { name: doubled, type: number, unit: currency }
---*/
SELECT $as_of AS as_of, sum(mrr) AS mrr, (SELECT sum(x) FROM doubled) AS doubled
FROM subscription_periods
WHERE start_date <= $as_of AND (end_date IS NULL OR end_date > $as_of)
  AND ($min_mrr IS NULL OR mrr >= $min_mrr)
`;
const SEG = `/*---
id: mrr_by_segment
family: revenue
title: { en: MRR by segment, ja: セグメント別MRR }
description: { en: Ongoing MRR, ja: 継続中のMRR }
requires:
  subscription_periods: [customer_id, start_date, mrr]
params:
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: segment, type: string, optional: true }
  - { name: mrr, type: number, unit: currency }
---*/
SELECT CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment, sum(s.mrr) AS mrr
FROM subscription_periods s LEFT JOIN customers c USING (customer_id)
GROUP BY ALL ORDER BY mrr DESC;
`;
const DERIVED = `-- depends: base\nCREATE OR REPLACE TABLE doubled AS SELECT 2 * x AS x FROM base`;
const BASE = `CREATE OR REPLACE TABLE base AS SELECT count(*) AS x FROM subscription_periods`;

describe('KpiRunner', () => {
  let engine: NodeEngine;
  let runner: KpiRunner;
  beforeAll(async () => {
    engine = await NodeEngine.create();
    const cat = loadCatalogue([
      { path: 'sql/revenue/total_mrr.sql', text: KPI },
      { path: 'sql/derived/doubled.sql', text: DERIVED },
      { path: 'sql/derived/base.sql', text: BASE },
      { path: 'sql/revenue/mrr_by_segment.sql', text: SEG },
    ]);
    expect(cat.errors).toEqual([]);
    runner = new KpiRunner(engine, cat);
  });
  afterAll(() => engine.close());

  it('explains which file is missing', async () => {
    await loadCanonical(engine, {});
    runner.invalidate();
    await expect(runner.run('total_mrr')).rejects.toThrow(
      /needs a subscriptions file with customer_id, start_date, mrr/,
    );
  });

  it('defaults as_of to the data end, binds NULLs, builds derived tables in dependency order', async () => {
    await loadCanonical(engine, {
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: '2024-03-01', mrr: 10 },
        { customer_id: 'b', start_date: '2024-02-15', end_date: null, mrr: 5 },
      ],
    });
    runner.invalidate();
    const r = await runner.run('total_mrr');
    expect(r.params.as_of).toBe('2024-03-01');
    // On 2024-03-01 a's period has ended (end exclusive): only b counts.
    expect(tableToRows(r.table)).toEqual([{ as_of: '2024-03-01', mrr: 5, doubled: 4 }]);
    const r2 = await runner.run('total_mrr', { as_of: '2024-02-20', min_mrr: '6' });
    expect(tableToRows(r2.table)).toEqual([{ as_of: '2024-02-20', mrr: 10, doubled: 4 }]);
  });

  it('adds the segment column only when broken down by segment', async () => {
    await loadCanonical(engine, {
      customers: [
        { customer_id: 'a', segment: 'SMB' },
        { customer_id: 'b', segment: 'Enterprise' },
      ],
      subscription_periods: [
        { customer_id: 'a', start_date: '2024-01-01', end_date: null, mrr: 10 },
        { customer_id: 'b', start_date: '2024-01-01', end_date: null, mrr: 30 },
        { customer_id: 'c', start_date: '2024-01-01', end_date: null, mrr: 1 },
      ],
    });
    runner.invalidate();
    expect(tableToRows((await runner.run('mrr_by_segment')).table)).toEqual([{ mrr: 41 }]);
    expect(tableToRows((await runner.run('mrr_by_segment', { breakdown: 'segment' })).table)).toEqual([
      { segment: 'Enterprise', mrr: 30 },
      { segment: 'SMB', mrr: 10 },
      { segment: '(unknown)', mrr: 1 },
    ]);
  });

  it('rejects bad parameters with a typed error', async () => {
    const err = await runner.run('total_mrr', { as_of: 'yesterday' }).catch((e) => e);
    expect(err).toBeInstanceOf(KpiRunError);
    expect(err.kind).toBe('params');
  });
});
