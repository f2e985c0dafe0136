/**
 * Shared test helpers for the product, support and costs KPI tests: run a KPI to plain
 * rows, and compare result rows with reference rows (numbers within 1e-9 relative).
 */
import { expect } from 'vitest';
import type { Row } from '../../../src/core/engine/rows.js';

export type RefRow = Record<string, string | number | boolean | null>;

/** True when two cells are equal (numbers within 1e-9 relative, absolute near zero). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Describes the first difference between two row lists, or returns null when equal. */
export function diffRows(actual: Row[], expected: RefRow[]): string | null {
  if (actual.length !== expected.length) {
    return `row count ${actual.length} != expected ${expected.length}\nactual: ${JSON.stringify(actual.slice(0, 40))}\nexpected: ${JSON.stringify(expected.slice(0, 40))}`;
  }
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) {
      if (!(k in a) || !(k in e) || !sameCell(a[k], e[k])) {
        return `row ${i} column ${k}: actual ${JSON.stringify(a[k])} expected ${JSON.stringify(e[k])}\nactual row: ${JSON.stringify(a)}\nexpected row: ${JSON.stringify(e)}`;
      }
    }
  }
  return null;
}

/** Asserts two row lists match (for property tests: throws with the first difference). */
export function expectRows(actual: Row[], expected: RefRow[]): void {
  const d = diffRows(actual, expected);
  if (d) expect.fail(d);
}
