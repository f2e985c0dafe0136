/**
 * A small SQL lexer that finds `$name` parameter references outside string literals,
 * quoted identifiers and comments, so they can be rewritten into positional `$n`
 * placeholders. It never interprets anything else.
 */

/** One `$name` reference: its name and its [start, end) offsets in the SQL text. */
export interface ParamRef {
  name: string;
  start: number;
  end: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/** Lists the `$name` references in `sql` (numbered `$1` placeholders are not listed). */
export function findParamRefs(sql: string): ParamRef[] {
  return findRefs(sql, IDENT_START, IDENT_PART);
}

/** Lists the positional `$1`, `$2` … placeholders in `sql` (name = the number as text). */
export function findPositionalRefs(sql: string): ParamRef[] {
  return findRefs(sql, /[0-9]/, /[0-9]/);
}

/** `$` followed by a `first` character and then `rest` characters, outside literals and comments. */
function findRefs(sql: string, first: RegExp, rest: RegExp): ParamRef[] {
  const refs: ParamRef[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"') {
      // A quote inside is written twice; scan to the closing quote.
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
    } else if (c === '$' && next !== undefined && first.test(next) && !(i > 0 && IDENT_PART.test(sql[i - 1]!))) {
      let j = i + 1;
      while (j < n && rest.test(sql[j]!)) j++;
      refs.push({ name: sql.slice(i + 1, j), start: i, end: j });
      i = j;
    } else {
      i++;
    }
  }
  return refs;
}
