/**
 * The `tickets` view: support tickets / conversations. First response and resolution
 * come from their timestamps, else from durations (Zendesk's "First reply time in
 * minutes", Intercom's "Time to first response" in seconds) added to the creation time.
 * Satisfaction becomes `good` / `bad` (Zendesk Good/Bad; Offered/Unoffered → NULL) or
 * the rating `1`…`5` (Intercom).
 */
import type { ExprContext } from '../expr.js';
import { numberExpr, textOf } from '../expr.js';
import { literalList, numberLiteral } from '../sql.js';
import type { ConfirmedMapping, LoadedColumn } from '../types.js';
import { isNumericType } from '../valueProfile.js';
import { SATISFACTION_BAD, SATISFACTION_GOOD } from '../vocabulary.js';
import { columnOf, emptySelect, fieldExprs, fromTable, typedColumns, unionAll } from './common.js';

/** SQL for the canonical satisfaction of a column. */
export function satisfactionExpr(col: LoadedColumn): string {
  if (isNumericType(col.type)) {
    const x = numberExpr(col);
    return `(CASE WHEN ${x} BETWEEN 1 AND 5 AND ${x} = round(${x}) THEN CAST(CAST(${x} AS INTEGER) AS VARCHAR) END)`;
  }
  const l = `lower(${textOf(col)})`;
  return (
    `(CASE WHEN ${l} IN ${literalList(SATISFACTION_GOOD)} OR ${l} LIKE 'good%' THEN 'good' ` +
    `WHEN ${l} IN ${literalList(SATISFACTION_BAD)} OR ${l} LIKE 'bad%' THEN 'bad' ` +
    `WHEN regexp_matches(${l}, '^[1-5]([.]0+)?$') THEN substr(${l}, 1, 1) END)`
  );
}

function durationExpr(col: LoadedColumn | null, secondsPerUnit: number): string | null {
  if (!col) return null;
  const seconds = `to_microseconds(CAST(round(${numberExpr(col)} * ${numberLiteral(secondsPerUnit * 1e6)}) AS BIGINT))`;
  if (isNumericType(col.type)) return seconds;
  return `COALESCE(${seconds}, TRY_CAST(${textOf(col)} AS INTERVAL))`;
}

/** Stage SELECT of a tickets table: canonical columns, then `__src`. */
export function ticketsStage(m: ConfirmedMapping, index: number, ctx: ExprContext): string {
  const f = fieldExprs(m, ctx);
  const created = f.timestamp('created_at');
  const after = (d: string | null): string[] => (d ? [`${created} + ${d}`] : []);
  const firstResponse = [
    f.timestamp('first_response_at'),
    ...after(durationExpr(columnOf(m, 'first_response_minutes'), 60)),
    ...after(durationExpr(columnOf(m, 'first_response_seconds'), 1)),
  ];
  const resolved = [f.timestamp('resolved_at'), ...after(durationExpr(columnOf(m, 'resolution_minutes'), 60))];
  const sat = columnOf(m, 'satisfaction');
  const cols = typedColumns('tickets', {
    ticket_id: f.text('ticket_id'),
    created_at: created,
    customer_id: f.text('customer_id'),
    first_response_at: `COALESCE(${firstResponse.join(', ')})`,
    resolved_at: `COALESCE(${resolved.join(', ')})`,
    status: `lower(${f.text('status')})`,
    channel: `lower(${f.text('channel')})`,
    replies: `TRY_CAST(round(${f.number('replies')}) AS INTEGER)`,
    satisfaction: sat ? satisfactionExpr(sat) : 'NULL',
  });
  return `SELECT ${cols}, ${numberLiteral(index)} AS __src ${fromTable(m, ctx)}`;
}

/** SELECT of `tickets`: one row per ticket id (the latest file's row when files overlap). */
export function ticketsSelect(stages: readonly string[]): string {
  if (stages.length === 0) return emptySelect('tickets');
  return (
    `SELECT * EXCLUDE (__src) FROM (${unionAll(stages)}) AS t ` +
    `WHERE ticket_id IS NOT NULL AND created_at IS NOT NULL ` +
    `QUALIFY row_number() OVER (PARTITION BY ticket_id ORDER BY __src DESC, resolved_at DESC NULLS LAST, created_at DESC) = 1`
  );
}
