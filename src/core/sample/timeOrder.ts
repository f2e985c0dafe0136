/**
 * Emits rows in time order while generating them bucket by bucket (a day of events, a
 * month of tickets). Rows whose time falls after the current bucket (a session that runs
 * past midnight, an answer to last month's survey) wait for a later bucket, so the output
 * is globally sorted while only about one bucket is held in memory.
 */

/** A buffer of rows keyed by time. Ties keep insertion order (sort is stable). */
export class TimeOrderedBuffer<T> {
  private rows: Array<{ key: number; row: T }> = [];

  /** Adds a row at time `key`. */
  add(key: number, row: T): void {
    this.rows.push({ key, row });
  }

  /** Removes and returns, in time order, the rows with key < `limit`. */
  takeBefore(limit: number): T[] {
    this.rows.sort((a, b) => a.key - b.key);
    let n = 0;
    while (n < this.rows.length && (this.rows[n] as { key: number }).key < limit) n++;
    return this.rows.splice(0, n).map((r) => r.row);
  }

  /** Removes and returns every row, in time order. */
  takeAll(): T[] {
    return this.takeBefore(Number.POSITIVE_INFINITY);
  }
}
