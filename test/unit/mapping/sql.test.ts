/** Identifier and literal quoting. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ident, literal } from '../../../src/core/mapping/index.js';

describe('quoting', () => {
  it('doubles embedded quotes', () => {
    expect(ident('Created (UTC)')).toBe('"Created (UTC)"');
    expect(ident('a"b')).toBe('"a""b"');
    expect(ident('顧客ID')).toBe('"顧客ID"');
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal(null)).toBe('NULL');
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = ident(s);
        expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
        expect(q.slice(1, -1).replace(/""/g, '"')).toBe(s);
        expect(q.slice(1, -1).replace(/""/g, '')).not.toContain('"');
        const l = literal(s);
        expect(l.slice(1, -1).replace(/''/g, "'")).toBe(s);
      }),
    );
  });
});
