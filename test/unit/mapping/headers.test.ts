/** Header keys and signatures. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerKey, headerSignature } from '../../../src/core/mapping/index.js';

describe('headerKey', () => {
  it('ignores case, spaces and punctuation, folds full-width, keeps Japanese', () => {
    expect(headerKey('Customer ID')).toBe('customerid');
    expect(headerKey('customer_id')).toBe('customerid');
    expect(headerKey('CUSTOMER-ID')).toBe('customerid');
    expect(headerKey('Created (UTC)')).toBe('createdutc');
    expect(headerKey('subscription[plan_id]')).toBe('subscriptionplanid');
    expect(headerKey('ＩＤ')).toBe('id');
    expect(headerKey('顧客ＩＤ')).toBe('顧客id');
    expect(headerKey('国/地域')).toBe('国地域');
    expect(headerKey('（金額）')).toBe('金額');
  });
});

describe('headerSignature', () => {
  const headers = ['id', 'Customer ID', 'Amount', '契約開始日', 'Created (UTC)'];

  it('is stable under column order, case and punctuation', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(headers, { minLength: headers.length, maxLength: headers.length }), (order) => {
        expect(headerSignature(order)).toBe(headerSignature(headers));
      }),
    );
    expect(headerSignature(['customer_id', 'amount'])).toBe(headerSignature(['Customer ID', 'AMOUNT']));
    expect(headerSignature(headers.map((name) => ({ name })))).toBe(headerSignature(headers));
  });

  it('changes when a column is added, removed or renamed', () => {
    const base = headerSignature(headers);
    expect(headerSignature([...headers, 'Plan'])).not.toBe(base);
    expect(headerSignature(headers.slice(1))).not.toBe(base);
    expect(headerSignature(['id', 'Customer ID', 'Amount', '契約終了日', 'Created (UTC)'])).not.toBe(base);
  });

  it('is a short versioned hex string (FNV-1a 64 of the sorted keys)', () => {
    expect(headerSignature(headers)).toMatch(/^h1:[0-9a-f]{16}$/);
    // Published FNV-1a 64 test vectors.
    expect(headerSignature(['a'])).toBe('h1:af63dc4c8601ec8c');
    expect(headerSignature(['foobar'])).toBe('h1:85944171f73967e8');
    const seen = new Set(['a', 'b', 'c', 'ab', 'ba', 'a b', 'x', 'y'].map((h) => headerSignature([h])));
    expect(seen.size).toBe(7); // 'ab' and 'a b' share a key by design
  });
});
