/**
 * Rules for KPI SQL bodies that the engine cannot honour or the project forbids:
 * TIMESTAMPTZ (traps duckdb-wasm without ICU), extension-only or remote reads, clock
 * functions, and anything but one query. The lint over `sql/**` and the custom-KPI check
 * both use them.
 */
import type { Bilingual } from './types.js';

/** One rule: a pattern over code (comments and strings blanked) and why it is refused. */
export interface SqlRule {
  id: string;
  pattern: RegExp;
  /** `clock` is a warning for custom KPIs (an analyst's choice) but an error in `sql/`. */
  why: Bilingual;
}

/** Engine-hostile or forbidden SQL. */
export const SQL_RULES: readonly SqlRule[] = [
  {
    id: 'timestamptz',
    pattern: /\btimestamptz\b/i,
    why: {
      en: 'TIMESTAMPTZ is not allowed (it stops the engine without ICU); use TIMESTAMP',
      ja: 'TIMESTAMPTZ は使えません（ICU なしではエンジンが止まります）。TIMESTAMP を使ってください',
    },
  },
  {
    id: 'timestamptz',
    pattern: /\btimestamp\s+with\s+time\s+zone\b/i,
    why: {
      en: 'TIMESTAMP WITH TIME ZONE is not allowed (it stops the engine without ICU); use TIMESTAMP',
      ja: 'TIMESTAMP WITH TIME ZONE は使えません（ICU なしではエンジンが止まります）。TIMESTAMP を使ってください',
    },
  },
  {
    id: 'clock',
    pattern: /\b(now|current_date|current_timestamp|get_current_timestamp|today)\b/i,
    why: {
      en: 'results should depend on the data and parameters, not the clock (use $as_of or the latest date in the data)',
      ja: '結果は時計ではなくデータとパラメータで決まるようにしてください（$as_of かデータ内の最新日を使います）',
    },
  },
  {
    id: 'extension',
    pattern: /\b(read_parquet|parquet_scan|read_json\w*|json_\w+|to_json|from_json)\s*\(/i,
    why: {
      en: 'Parquet and JSON functions need extensions, which are switched off',
      ja: 'Parquet・JSON の関数は拡張機能が必要で、拡張機能は無効です',
    },
  },
  {
    id: 'timezone',
    pattern: /\b(timezone|at\s+time\s+zone|current_setting)\b/i,
    why: {
      en: 'time-zone functions need ICU, which is not loaded',
      ja: 'タイムゾーン関数は ICU が必要で、読み込まれていません',
    },
  },
  {
    id: 'extension',
    pattern: /\b(install|load)\s+\w+/i,
    why: { en: 'extensions cannot be installed or loaded', ja: '拡張機能のインストール・読み込みはできません' },
  },
  {
    id: 'remote',
    pattern: /https?:\/\//i,
    why: {
      en: 'remote files cannot be read: no data leaves or enters the page from elsewhere',
      ja: 'リモートのファイルは読めません（ページ外とのデータのやり取りはしません）',
    },
  },
];

/**
 * The SQL with comments and string literals replaced by spaces (newlines kept), so rules
 * look at code only and offsets still point at the same line.
 */
export function codeOnly(sql: string): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|'(?:[^']|'')*(?:'|$)|"(?:[^"]|"")*(?:"|$)/g, (m) =>
    m.startsWith('"') ? m : blank(m),
  );
}

/** A rule broken at an offset of the SQL. */
export interface SqlRuleHit {
  rule: string;
  offset: number;
  why: Bilingual;
}

/** Every rule the SQL breaks, with the offset of the first occurrence. */
export function checkSqlRules(sql: string): SqlRuleHit[] {
  const code = codeOnly(sql);
  const hits: SqlRuleHit[] = [];
  for (const r of SQL_RULES) {
    const m = r.pattern.exec(code);
    if (m) hits.push({ rule: r.id, offset: m.index, why: r.why });
  }
  return hits;
}

const QUERY_START = /^\s*(\(\s*)*(select|with|from|values|table)\b/i;

/**
 * Whether the SQL is one query (SELECT, WITH … SELECT, FROM …, VALUES), at most followed
 * by a semicolon; otherwise the offset of what is wrong and why.
 */
export function checkSingleQuery(sql: string): SqlRuleHit | null {
  const code = codeOnly(sql);
  if (!QUERY_START.test(code)) {
    const offset = code.search(/\S/);
    return {
      rule: 'not-a-query',
      offset: Math.max(0, offset),
      why: {
        en: 'the SQL must be one query: SELECT …, WITH … SELECT … or FROM …',
        ja: 'SQL は1つの問い合わせ（SELECT …、WITH … SELECT …、FROM …）にしてください',
      },
    };
  }
  const semi = code.indexOf(';');
  if (semi >= 0 && code.slice(semi + 1).trim() !== '') {
    return {
      rule: 'several-statements',
      offset: semi,
      why: {
        en: 'only one statement is allowed: remove what follows the semicolon',
        ja: '文は1つだけです。セミコロンの後ろを削除してください',
      },
    };
  }
  return null;
}
