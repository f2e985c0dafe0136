/**
 * The `responses` view: NPS / CSAT answers. The survey is read from the survey column
 * (`NPS`, `推奨度` → nps; `CSAT`, `満足度` → csat), else from the detected score scale
 * (0–10 → nps, 1–5 → csat).
 */
import type { ExprContext } from '../expr.js';
import { literal, literalList, numberLiteral } from '../sql.js';
import type { ConfirmedMapping } from '../types.js';
import { SURVEY_CSAT, SURVEY_NPS } from '../vocabulary.js';
import { emptySelect, fieldExprs, fromTable, latestFileWins, typedColumns, unionAll } from './common.js';

/** SQL for the canonical survey label of a survey text expression. */
export function surveyExpr(text: string | null, fallback: 'nps' | 'csat' | null): string {
  const fb = literal(fallback);
  if (text === null) return fb;
  const l = `lower(${text})`;
  return (
    `(CASE WHEN ${l} IN ${literalList(SURVEY_NPS)} OR ${l} LIKE '%nps%' OR ${l} LIKE '%net promoter%' OR ${l} LIKE '%推奨%' THEN 'nps' ` +
    `WHEN ${l} IN ${literalList(SURVEY_CSAT)} OR ${l} LIKE '%csat%' OR ${l} LIKE '%satisfaction%' OR ${l} LIKE '%満足%' THEN 'csat' ` +
    `ELSE ${fb} END)`
  );
}

/** Stage SELECT of a responses table: canonical columns, then `__key`, `__src`. */
export function responsesStage(m: ConfirmedMapping, index: number, ctx: ExprContext): string {
  const f = fieldExprs(m, ctx);
  const cols = typedColumns('responses', {
    responded_at: f.timestamp('responded_at'),
    score: f.number('score'),
    customer_id: f.text('customer_id'),
    user_id: f.text('user_id'),
    survey: surveyExpr(f.has('survey') ? f.text('survey') : null, m.normalisation.scoreScale),
    comment: f.text('comment'),
  });
  return `SELECT ${cols}, ${f.text('response_id')} AS __key, ${numberLiteral(index)} AS __src ${fromTable(m, ctx)}`;
}

/** SELECT of `responses`: answers with a time and a score; overlapping files deduplicated by response id. */
export function responsesSelect(stages: readonly string[]): string {
  if (stages.length === 0) return emptySelect('responses');
  return (
    `SELECT * EXCLUDE (__key, __src) FROM (SELECT * FROM (${unionAll(stages)}) AS u` +
    `${latestFileWins('__key', stages.length)}) AS r WHERE responded_at IS NOT NULL AND score IS NOT NULL`
  );
}
