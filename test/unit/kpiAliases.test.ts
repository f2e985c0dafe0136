import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/core/kpi/catalogue.js';
import { parseKpiFile } from '../../src/core/kpi/header.js';
import { KpiRunner } from '../../src/core/kpi/runner.js';
import type { SqlEngine } from '../../src/core/engine/types.js';

const kpi = (id: string, extra = '') => `/*---
id: ${id}
family: revenue
title: { en: T, ja: T }
description: { en: D, ja: D }
${extra}
outputs:
  - { name: x, type: number }
---*/
SELECT 1 AS x
`;

describe('KPI aliases', () => {
  it('parses aliases and rejects bad ones', () => {
    expect(parseKpiFile(kpi('nrr', 'aliases: [grr]'), 'sql/revenue/nrr.sql').aliases).toEqual(['grr']);
    expect(parseKpiFile(kpi('nrr'), 'sql/revenue/nrr.sql').aliases).toBeUndefined();
    expect(() => parseKpiFile(kpi('nrr', 'aliases: [Bad-Name]'), 'x.sql')).toThrow(/aliases must be/);
    expect(() => parseKpiFile(kpi('nrr', 'aliases: [nrr]'), 'x.sql')).toThrow(/aliases must be/);
    expect(() => parseKpiFile(kpi('nrr', 'aliases: grr'), 'x.sql')).toThrow(/aliases must be/);
  });

  it('the runner finds a KPI by an alias; ids come first', () => {
    const cat = loadCatalogue([
      { path: 'sql/revenue/nrr.sql', text: kpi('nrr', 'aliases: [grr, net_retention]') },
      { path: 'sql/revenue/mrr.sql', text: kpi('mrr') },
    ]);
    expect(cat.errors).toEqual([]);
    const runner = new KpiRunner({} as SqlEngine, cat);
    expect(runner.get('grr')?.id).toBe('nrr');
    expect(runner.get('net_retention')?.id).toBe('nrr');
    expect(runner.get('nrr')?.id).toBe('nrr');
    expect(runner.get('mrr')?.id).toBe('mrr');
    expect(runner.get('arr')).toBeUndefined();
  });

  it('an alias may not take an id or alias that is already used', () => {
    const cat = loadCatalogue([
      { path: 'sql/revenue/mrr.sql', text: kpi('mrr') },
      { path: 'sql/revenue/nrr.sql', text: kpi('nrr', 'aliases: [mrr]') },
    ]);
    expect(cat.kpis.map((k) => k.id)).toEqual(['mrr']);
    expect(cat.errors.map((e) => e.message)).toEqual([
      'sql/revenue/nrr.sql: id mrr is already used by sql/revenue/mrr.sql',
    ]);
  });
});
