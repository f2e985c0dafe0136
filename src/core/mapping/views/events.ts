/** The `events` view: product events of all events tables (no deduplication: events are many). */
import type { ExprContext } from '../expr.js';
import type { ConfirmedMapping } from '../types.js';
import { emptySelect, fieldExprs, fromTable, typedColumns, unionAll } from './common.js';

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
