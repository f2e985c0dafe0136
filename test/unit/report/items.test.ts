import { describe, expect, it } from 'vitest';
import { addItem, moveItem, removeItem, sameItem, uniqueItems } from '../../../src/app/report/items.js';

const a = { id: 'mrr', params: {} };
const b = { id: 'nps', params: { grain: 'month' } };
const c = {
  id: 'cohort_retention',
  params: { mode: 'on_or_after', basis: 'revenue' },
};

describe('report items', () => {
  it('are the same when KPI and parameters are, whatever the parameter order', () => {
    expect(sameItem({ id: 'x', params: { a: '1', b: '2' } }, { id: 'x', params: { b: '2', a: '1' } })).toBe(true);
    expect(sameItem({ id: 'x', params: { a: '1' } }, { id: 'x', params: { a: '2' } })).toBe(false);
    expect(sameItem({ id: 'x', params: {} }, { id: 'y', params: {} })).toBe(false);
  });
  it('are added once, at the end, as copies', () => {
    const params = { grain: 'week' };
    const added = addItem([a, b], { id: 'nps', params });
    expect(added).toEqual([a, b, { id: 'nps', params: { grain: 'week' } }]);
    params.grain = 'day';
    expect(added[2]!.params.grain).toBe('week');
    expect(addItem(added, { id: 'nps', params: { grain: 'month' } })).toEqual(added);
  });
  it('drop repeats, keeping the first', () => {
    expect(uniqueItems([a, b, { id: 'mrr', params: {} }, c, b])).toEqual([a, b, c]);
  });
  it('are removed by position', () => {
    expect(removeItem([a, b, c], 1)).toEqual([a, c]);
    expect(removeItem([a, b, c], 5)).toEqual([a, b, c]);
  });
  it('move up and down, stopping at the ends', () => {
    expect(moveItem([a, b, c], 0, 1)).toEqual([b, a, c]);
    expect(moveItem([a, b, c], 2, -1)).toEqual([a, c, b]);
    expect(moveItem([a, b, c], 0, -1)).toEqual([a, b, c]);
    expect(moveItem([a, b, c], 2, 1)).toEqual([a, b, c]);
    expect(moveItem([a, b, c], 0, 10)).toEqual([b, c, a]);
  });
});
