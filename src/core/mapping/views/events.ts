/** The `events` view: product events of all events tables (no deduplication: events are many). */
import type { ExprContext } from '../expr.js';
import type { ConfirmedMapping } from '../types.js';
import { columnOf, emptySelect, fieldExprs, fromTable, typedColumns, unionAll } from './common.js';

/** Stage SELECT of an events table, in canonical column order and types. */
export function eventsStage(m: ConfirmedMapping, ctx: ExprContext): string {
  const f = fieldExprs(m, ctx);
  const cols = typedColumns('events', {
    user_id: f.text('user_id'),
    event_time: f.timestamp('event_time'),
    event_name: f.text('event_name'),
    customer_id: f.text('customer_id'),
    session_id: f.text('session_id'),
  });
  return `SELECT ${cols} ${fromTable(m, ctx)}`;
}

/** SELECT of `events`: rows with a user, a time and an event name. */
export function eventsSelect(stages: readonly string[]): string {
  if (stages.length === 0) return emptySelect('events');
  return `SELECT * FROM (${unionAll(stages)}) AS e WHERE user_id IS NOT NULL AND event_time IS NOT NULL AND event_name IS NOT NULL`;
}

/** Text fields of `events`; `event_time` is the only other one. */
const TEXT_FIELDS = ['user_id', 'event_name', 'customer_id', 'session_id'] as const;

/**
 * Whether an events table can be read as it is: its event time is already a TIMESTAMP
 * and every mapped text column is VARCHAR known to need no trimming. The stage SELECT is
 * then only renames and no-op casts, so `events` can be a view over the loaded table
 * instead of a second copy of the largest table of the model.
 */
export function eventsPassthrough(m: ConfirmedMapping): boolean {
  if (m.role !== 'events') return false;
  const time = columnOf(m, 'event_time');
  if (!time || time.type.toUpperCase() !== 'TIMESTAMP') return false;
  return TEXT_FIELDS.every((f) => {
    const c = columnOf(m, f);
    return c === null || (c.type.toUpperCase() === 'VARCHAR' && c.clean === true);
  });
}

/** The VARCHAR source columns an events mapping reads as text: the ones worth a `LoadedColumn.clean` check. */
export function eventsTextColumns(m: ConfirmedMapping): string[] {
  if (m.role !== 'events') return [];
  const cols = TEXT_FIELDS.map((f) => columnOf(m, f)).filter(
    (c): c is NonNullable<typeof c> => c !== null && c.type.toUpperCase() === 'VARCHAR',
  );
  return [...new Set(cols.map((c) => c.name))];
}
