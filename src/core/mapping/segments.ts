/**
 * Segment candidates: customer attributes a KPI can be broken down by. An attribute
 * qualifies when its sample values repeat (a few groups, not one value per customer);
 * ids, e-mails, dates and free text do not.
 */
import type { ConfirmedMapping, LoadedColumn } from './types.js';
import { profileColumn } from './valueProfile.js';

/** One attribute usable as `segment`. */
export interface SegmentCandidate {
  /** Column name in the `customers` view (the value of `segmentAttribute`). */
  name: string;
  /** Source header(s). */
  headers: string[];
  /** Distinct non-empty sample values (of the first file that has it). */
  distinctValues: number;
  /** Up to 8 sample values. */
  examples: string[];
  /** Numbers grouped into employee-size bands (1-10, 11-50, …). */
  sizeBands: boolean;
}

/** Whether the attribute `name` is grouped into employee-size bands: `size` with numbers only. */
export function sizeBandsFor(name: string, columns: readonly LoadedColumn[]): boolean {
  return (
    name === 'size' &&
    columns.length > 0 &&
    columns.every((c) => {
      const p = profileColumn(c);
      return p.count > 0 && p.numericShare === 1;
    })
  );
}

/** Most groups a segment may have in the samples. */
export const MAX_SEGMENTS = 30;

/**
 * Attributes usable as segments, in column order. Without a customers file, `plan`
 * (taken from the subscriptions) is offered when a revenue file is mapped.
 */
export function segmentCandidates(mappings: readonly ConfirmedMapping[]): SegmentCandidate[] {
  const customers = mappings.filter((m) => m.role === 'customers');
  if (customers.length === 0) {
    const plans = mappings.flatMap((m) => {
      const h = m.role === 'subscriptions' || m.role === 'invoices' ? m.columns.plan : null;
      const col = h ? m.table.columns.find((c) => c.name === h) : undefined;
      return col ? [col] : [];
    });
    const values = [
      ...new Set(plans.flatMap((c) => c.samples).filter((s): s is string => s !== null && s.trim() !== '')),
    ];
    return plans.length
      ? [
          {
            name: 'plan',
            headers: plans.map((c) => c.name),
            distinctValues: values.length,
            examples: values.slice(0, 8),
            sizeBands: false,
          },
        ]
      : [];
  }
  const out = new Map<string, SegmentCandidate>();
  for (const m of customers) {
    for (const a of m.attributes) {
      const col = m.table.columns.find((c) => c.name === a.source);
      if (!col) continue;
      const known = out.get(a.name);
      if (known) {
        if (!known.headers.includes(col.name)) known.headers.push(col.name);
        continue;
      }
      const p = profileColumn(col);
      if (p.count === 0 || p.emailShare > 0.5 || p.dateShare > 0.5) continue;
      const sizeBands = sizeBandsFor(a.name, [col]);
      const repeats = p.distinct <= MAX_SEGMENTS && (p.distinct < p.count || p.count <= 3);
      if (!sizeBands && (!repeats || p.distinct < 2)) continue;
      out.set(a.name, {
        name: a.name,
        headers: [col.name],
        distinctValues: p.distinct,
        examples: [...new Set(p.raw)].slice(0, 8),
        sizeBands,
      });
    }
  }
  return [...out.values()];
}
