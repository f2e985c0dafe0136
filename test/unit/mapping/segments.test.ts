/** Segment candidates among customer attributes. */
import { describe, expect, it } from 'vitest';
import {
  confirmDetection,
  detectMapping,
  segmentCandidates,
  type ConfirmedMapping,
} from '../../../src/core/mapping/index.js';
import { fixtureTable } from './fixtures.js';

function mapped(file: string): ConfirmedMapping {
  const t = fixtureTable(file);
  return confirmDetection(t, detectMapping(t));
}

describe('segmentCandidates', () => {
  it('offers the repeating attributes of the sample customers', () => {
    const c = segmentCandidates([mapped('sample/en/customers.csv')]);
    expect(c.map((s) => s.name)).toEqual(['plan', 'industry', 'country', 'size', 'owner']);
    expect(c.find((s) => s.name === 'plan')).toMatchObject({ headers: ['plan'], distinctValues: 3, sizeBands: false });
  });

  it('leaves out e-mails, ids, dates and unique values; bands numeric company sizes', () => {
    const stripe = segmentCandidates([mapped('stripe/customers.csv')]).map((s) => s.name);
    expect(stripe).not.toContain('email');
    expect(stripe).not.toContain('Card ID');
    expect(stripe).not.toContain('Description');
    expect(stripe).toEqual(expect.arrayContaining(['plan', 'industry', 'company_size', 'csm', 'Delinquent']));
    const hub = segmentCandidates([mapped('hubspot/companies.csv')]);
    expect(hub.find((s) => s.name === 'size')?.sizeBands).toBe(true);
    expect(hub.map((s) => s.name)).not.toContain('Company Domain Name');
  });

  it('offers the plan of the subscriptions when there is no customers file', () => {
    expect(segmentCandidates([mapped('stripe/subscriptions.csv')]).map((s) => s.name)).toEqual(['plan']);
    expect(segmentCandidates([mapped('posthog/events.csv')])).toEqual([]);
  });
});
