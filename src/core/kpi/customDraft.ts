/**
 * Starting points for a custom KPI: a small template (one parameter) and a copy of a
 * built-in KPI's file. A copy keeps the file as written (comments, layout, description,
 * parameters, SQL) and changes only its id, family and titles (and drops its aliases).
 */
import { isMap, isScalar, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { Catalogue } from './catalogue.js';
import { CUSTOM_FAMILY, splitKpiFile } from './header.js';
import { RESERVED_CUSTOM_IDS } from './custom.js';

const NAME = /^[a-z][a-z0-9_]*$/;
/** Longest id the editor proposes (ids are also file names in messages). */
const MAX_ID = 48;

/** An id based on `base` that no KPI (built-in or custom, id or alias) uses: base, base_2, base_3 … */
export function freeCustomId(catalogue: Catalogue, base: string): string {
  let stem =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z]+/, '')
      .slice(0, MAX_ID) || 'custom_kpi';
  if (!NAME.test(stem)) stem = 'custom_kpi';
  const taken = new Set<string>(RESERVED_CUSTOM_IDS);
  for (const k of catalogue.kpis) for (const n of [k.id, ...(k.aliases ?? [])]) taken.add(n);
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

/** The text of a new custom KPI: valid, small, one parameter, runs on the sample company. */
export function customTemplate(id: string): string {
  return `/*---
id: ${id}
family: ${CUSTOM_FAMILY}
title: { en: New customers per month, ja: 月別の新規顧客数 }
description:
  en: >-
    Example custom KPI: customers by the month of their signup date, over the last
    \`months\` months up to the latest signup. Edit the header and the SQL, then Run and Save.
  ja: >-
    カスタム KPIの例: 登録日の月ごとの顧客数（最新の登録日までの直近 months か月）。
    ヘッダーと SQL を書き換えて、実行・保存してください。
requires:
  customers: [customer_id, signup_date]
params:
  - name: months
    type: integer
    default: 12
    min: 1
    max: 120
    label: { en: Months, ja: 月数 }
    help: { en: How many months to show, ja: 表示する月数 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: new_customers, type: integer, unit: count, label: { en: New customers, ja: 新規顧客数 } }
chart:
  type: bar
  x: month
  y: [new_customers]
---*/
-- Readable: the canonical views (customers, subscription_periods, events, responses,
-- tickets) and the derived tables named under derived (mrr_monthly, calendar_months …).
-- Write $name for a parameter of the header; values are bound, never pasted into the SQL.
WITH signups AS (
  SELECT CAST(date_trunc('month', signup_date) AS DATE) AS month
  FROM customers
  WHERE signup_date IS NOT NULL
),
last AS (
  SELECT max(month) AS last_month FROM signups
)
SELECT s.month, count(*) AS new_customers
FROM signups s, last l
WHERE s.month > l.last_month - INTERVAL 1 MONTH * $months
GROUP BY s.month
ORDER BY s.month;
`;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A YAML double-quoted string (valid JSON strings are valid YAML). */
function quoted(s: string): string {
  return JSON.stringify(s);
}

/**
 * A built-in KPI's file as a custom KPI: `id` set to `id`, family custom, titles marked
 * as copies ("… (copy)", "…（コピー）"), aliases removed. With `chartType`, the header's
 * chart becomes `{ type: chartType }` (for KPIs whose dedicated chart the app picks by
 * their id, which the copy no longer has).
 */
export function copyAsCustom(source: string, id: string, options: { chartType?: string | null } = {}): string {
  const text = source.replace(/^\uFEFF/, '');
  const { yaml } = splitKpiFile(text);
  const base = text.indexOf('/*---') + '/*---'.length;
  const doc = parseDocument(yaml);
  if (!isMap(doc.contents)) throw new Error('the header is not a YAML mapping');
  const pairs = doc.contents.items as Pair<YamlNode, YamlNode>[];
  const find = (key: string): Pair<YamlNode, YamlNode> | undefined =>
    pairs.find((p) => isScalar(p.key) && p.key.value === key);
  const edits: Edit[] = [];
  const lineStart = (offset: number): number => yaml.lastIndexOf('\n', offset - 1) + 1;

  const setScalar = (key: string, value: string): void => {
    const p = find(key);
    if (p?.value?.range) edits.push({ start: p.value.range[0], end: p.value.range[1], text: value });
    else
      edits.push({
        start: yaml.length,
        end: yaml.length,
        text: `${yaml.endsWith('\n') ? '' : '\n'}${key}: ${value}\n`,
      });
  };
  setScalar('id', id);
  setScalar('family', CUSTOM_FAMILY);

  const title = find('title');
  const marked = (s: string, lang: 'en' | 'ja'): string => (lang === 'en' ? `${s} (copy)` : `${s}（コピー）`);
  if (title && isMap(title.value)) {
    for (const lang of ['en', 'ja'] as const) {
      const p = (title.value.items as Pair<YamlNode, YamlNode>[]).find((x) => isScalar(x.key) && x.key.value === lang);
      if (p && isScalar(p.value) && typeof p.value.value === 'string' && p.value.range) {
        edits.push({ start: p.value.range[0], end: p.value.range[1], text: quoted(marked(p.value.value, lang)) });
      }
    }
  } else if (title && isScalar(title.value) && typeof title.value.value === 'string' && title.value.range) {
    const t = title.value.value;
    edits.push({
      start: title.value.range[0],
      end: title.value.range[1],
      text: `{ en: ${quoted(marked(t, 'en'))}, ja: ${quoted(marked(t, 'ja'))} }`,
    });
  }

  const aliases = find('aliases');
  if (aliases?.key.range && aliases.value?.range)
    edits.push({ start: lineStart(aliases.key.range[0]), end: aliases.value.range[2], text: '' });

  if (options.chartType) {
    const chart = find('chart');
    const value = `{ type: ${options.chartType} }`;
    if (chart?.key.range && chart.value?.range) {
      const end = chart.value.range[1];
      const newline = yaml.slice(chart.key.range[1], end).endsWith('\n') ? '\n' : '';
      edits.push({ start: chart.key.range[1], end, text: `: ${value}${newline}` });
    } else {
      edits.push({ start: yaml.length, end: yaml.length, text: `${yaml.endsWith('\n') ? '' : '\n'}chart: ${value}\n` });
    }
  }

  let out = yaml;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return text.slice(0, base) + out + text.slice(base + yaml.length);
}

/** Options of {@link draftCustomKpi}. */
export interface DraftOptions {
  /** Copy this KPI (id or alias) instead of starting from the template. */
  from?: string | null;
  /** See {@link copyAsCustom}. */
  chartType?: string | null;
}

/** The starting text of a new custom KPI: the template, or a copy of `from`, with a free id. */
export function draftCustomKpi(catalogue: Catalogue, options: DraftOptions = {}): string {
  if (options.from) {
    const def = catalogue.kpis.find((k) => k.id === options.from || k.aliases?.includes(options.from!));
    if (def)
      return copyAsCustom(def.source, freeCustomId(catalogue, `${def.id}_copy`), { chartType: options.chartType });
  }
  return customTemplate(freeCustomId(catalogue, 'my_kpi'));
}
