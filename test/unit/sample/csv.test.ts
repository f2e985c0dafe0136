import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../../src/core/sample/csv.js';
import { chunkLines } from '../../../src/core/sample/chunks.js';
import { TimeOrderedBuffer } from '../../../src/core/sample/timeOrder.js';
import { parseCsv } from './csvParse.js';

describe('csv', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(csvField('Smith, Jones & Co.')).toBe('"Smith, Jones & Co."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const line = csvLine(['a', 'b,c', 'd "e"', '', 'f\ng'], '\r\n');
    expect(parseCsv(line)).toEqual([['a', 'b,c', 'd "e"', '', 'f\ng']]);
  });

  it('chunks lines without losing or reordering any', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${i}\n`);
    const chunks = [...chunkLines(lines, 100)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(lines.join(''));
  });

  it('emits buffered rows in time order, keeping later rows for later buckets', () => {
    const b = new TimeOrderedBuffer<string>();
    b.add(5, 'e');
    b.add(1, 'a');
    b.add(12, 'x');
    b.add(1, 'b');
    expect(b.takeBefore(10)).toEqual(['a', 'b', 'e']);
    b.add(11, 'w');
    expect(b.takeAll()).toEqual(['w', 'x']);
  });
});
