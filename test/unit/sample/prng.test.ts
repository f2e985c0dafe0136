import { describe, expect, it } from 'vitest';
import { hashFloat, hashInts, hashString, Rng } from '../../../src/core/sample/prng.js';

describe('Rng', () => {
  it('gives the same stream for the same key and different streams for different keys', () => {
    const a = new Rng(1, 2, 3);
    const b = new Rng(1, 2, 3);
    const c = new Rng(1, 2, 4);
    const sa = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(sa);
  });

  it('is pinned: the stream for a key never changes between releases', () => {
    const r = new Rng(42);
    expect([r.u32(), r.u32(), r.u32()]).toMatchInlineSnapshot(`
      [
        15351789,
        127731660,
        1553563899,
      ]
    `);
    expect(hashInts(1, 2, 3)).toMatchInlineSnapshot(`1820923555`);
    expect(hashString('events')).toMatchInlineSnapshot(`316203908`);
  });

  it('keeps values in range', () => {
    const r = new Rng(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const f = r.float();
      if (f < 0 || f >= 1) outside++;
      sum += f;
      const k = r.int(3, 5);
      if (k !== 3 && k !== 4 && k !== 5) outside++;
    }
    expect(outside).toBe(0);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('draws plausible distributions', () => {
    const r = new Rng(9);
    const n = 20_000;
    let exp = 0;
    let poi = 0;
    let norm = 0;
    let yes = 0;
    for (let i = 0; i < n; i++) {
      exp += r.exponential(5);
      poi += r.poisson(2);
      norm += r.normal(10, 2);
      if (r.chance(0.25)) yes++;
    }
    expect(exp / n).toBeGreaterThan(4.7);
    expect(exp / n).toBeLessThan(5.3);
    expect(poi / n).toBeCloseTo(2, 1);
    expect(norm / n).toBeCloseTo(10, 1);
    expect(yes / n).toBeCloseTo(0.25, 1);
    expect(r.weighted(['a', 'b'], [0, 1])).toBe('b');
  });

  it('hashFloat is a stateless uniform value', () => {
    expect(hashFloat(1, 2)).toBe(hashFloat(1, 2));
    expect(hashFloat(1, 2)).not.toBe(hashFloat(2, 1));
    expect(hashFloat(5)).toBeGreaterThanOrEqual(0);
    expect(hashFloat(5)).toBeLessThan(1);
  });
});
