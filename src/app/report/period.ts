/**
 * The report's title block: which months a KPI result covers and its report date, read
 * from a result the page already has (no query of its own).
 */

/** First and last period of a KPI result, and the report date it ran with. */
export interface ReportPeriod {
  /** First period (`YYYY-MM-DD`, the first column of the first row). */
  from: string | null;
  /** Last period (the first column of the last row). */
  to: string | null;
  /** The report date the KPI ran with (`as_of` after defaults: the latest date in the data). */
  asOf: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function dateOf(row: Record<string, unknown> | undefined): string | null {
  if (!row) return null;
  const first = Object.values(row)[0];
  return typeof first === 'string' && ISO_DATE.test(first) ? first.slice(0, 10) : null;
}

/**
 * The period a result covers: rows are in time order with the period in the first column
 * (as every time-series KPI returns them). `params` are the values the KPI ran with.
 * Null when the result has no dated rows.
 */
export function resultPeriod(
  rows: readonly Record<string, unknown>[],
  params: Record<string, unknown>,
): ReportPeriod | null {
  const dated = rows.map(dateOf).filter((d): d is string => d !== null);
  if (dated.length === 0) return null;
  const sorted = [...dated].sort();
  const asOf = typeof params.as_of === 'string' && ISO_DATE.test(params.as_of) ? params.as_of.slice(0, 10) : null;
  return { from: sorted[0]!, to: sorted[sorted.length - 1]!, asOf };
}
