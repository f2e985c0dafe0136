import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderKpiDocs } from '../../scripts/kpi-docs.js';

describe('docs/kpis.md', () => {
  it('is generated from the current KPI headers (run npx tsx scripts/kpi-docs.ts)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderKpiDocs());
  });
});
