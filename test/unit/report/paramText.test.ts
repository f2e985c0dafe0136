import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../src/core/kpi/types.js';
import { paramText, paramValue } from '../../../src/app/report/paramText.js';

const spec = (type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name: 'p',
  type,
  default: null,
  label: { en: 'P', ja: 'P' },
  ...extra,
});
const words = { none: 'none', yes: 'yes', no: 'no' };

describe('report parameter text', () => {
  it('formats dates, numbers and enum values for the reader', () => {
    expect(paramText(spec('date'), '2026-10-31', 'en', words)).toBe('Oct 31, 2026');
    expect(paramText(spec('date'), '2026-10-31', 'ja', words)).toBe('2026年10月31日');
    expect(paramText(spec('number'), 1234.5, 'en', words)).toBe('1,234.5');
    expect(paramText(spec('integer'), '3', 'en', words)).toBe('3');
    expect(paramText(spec('enum'), 'on_or_after', 'en', words)).toBe('On or after');
    expect(paramText(spec('enum'), 'on_or_after', 'ja', words)).toBe('その期間以降に利用');
    expect(paramText(spec('enum'), 'custom_value', 'en', words)).toBe('custom_value');
  });
  it('says none, yes or no in the given words, and lists lists', () => {
    expect(paramText(spec('date'), null, 'en', words)).toBe('none');
    expect(paramText(spec('string_list'), [], 'en', words)).toBe('none');
    expect(paramText(spec('string_list'), ['signup', 'invite'], 'en', words)).toBe('signup, invite');
    expect(paramText(spec('boolean'), true, 'en', words)).toBe('yes');
    expect(paramText(spec('boolean'), 'false', 'en', words)).toBe('no');
  });
  it('takes the value the KPI ran with, else the link, else the default', () => {
    const p = spec('enum', { name: 'grain', default: 'month' });
    expect(paramValue(p, { grain: 'week' }, { grain: 'day' })).toBe('day');
    expect(paramValue(p, { grain: 'week' }, null)).toBe('week');
    expect(paramValue(p, {}, null)).toBe('month');
    expect(paramValue(spec('date', { name: 'as_of' }), {}, { as_of: '2026-10-31' })).toBe('2026-10-31');
  });
});
