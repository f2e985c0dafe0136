/*---
id: expansion_rate
family: revenue
title: { en: Expansion rate (upsell and cross-sell), ja: アップセル・クロスセル率 }
description:
  en: >-
    Per calendar month, from the MRR movements (see mrr_movements): expanded_customers are
    customers active last month whose MRR rose this month (upsell, cross-sell, more seats);
    expansion_mrr is the sum of those rises. customer_expansion_rate = expanded_customers /
    customers active last month; mrr_expansion_rate = expansion_mrr / starting MRR (last
    month's ending MRR). New and reactivated customers are not expansion. Rates are
    fractions, NULL when last month had no active customer. Months run from the first month
    with revenue to the month containing as_of; that month has is_complete = false unless
    as_of is its last day.
  ja: >-
    暦月ごとに、MRRの増減（mrr_movements参照）から求めます。expanded_customers は前月も有効で
    当月MRRが増えた顧客（アップセル、クロスセル、席数増など）、expansion_mrr はその増加額の合計。
    customer_expansion_rate = expanded_customers / 前月の有効顧客数、mrr_expansion_rate =
    expansion_mrr / 月初MRR（前月の月末MRR）。新規・再開の顧客は拡大に含めません。比率は小数で、
    前月に有効顧客がいない月は NULL です。期間は売上データの最初の月から as_of を含む月までで、
    その月は as_of が月末日でなければ is_complete = false です。
requires:
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: expanded_customers, type: integer, unit: count, label: { en: Expanded customers, ja: 拡大顧客数 } }
  - { name: expansion_mrr, type: number, unit: currency, label: { en: Expansion MRR, ja: 拡大MRR } }
  - { name: customer_expansion_rate, type: number, unit: ratio, label: { en: Customer expansion rate, ja: 顧客拡大率 } }
  - { name: mrr_expansion_rate, type: number, unit: ratio, label: { en: MRR expansion rate, ja: MRR拡大率 } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [customer_expansion_rate, mrr_expansion_rate]
---*/
WITH cal AS (
  SELECT c.month, c.month_end, c.data_end
  FROM calendar_months c
  WHERE c.month >= (SELECT min(month) FROM mrr_monthly)
    AND c.month <= date_trunc('month', $as_of)
),
seg AS (
  SELECT customer_id, min(segment) AS segment FROM customers GROUP BY customer_id
),
b AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment,
    x.month,
    x.mrr,
    x.prev_mrr
  FROM mrr_monthly x
  LEFT JOIN seg s ON s.customer_id = x.customer_id
  WHERE x.month <= date_trunc('month', $as_of)
    AND (x.mrr > 0 OR x.prev_mrr > 0)
),
agg AS (
  SELECT
    month,
    segment,
    count(*) FILTER (WHERE prev_mrr > 0) AS starting_customers,
    sum(prev_mrr) AS starting_mrr,
    count(*) FILTER (WHERE prev_mrr > 0 AND mrr > prev_mrr) AS expanded_customers,
    sum(CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS expansion_mrr
  FROM b
  GROUP BY month, segment
),
segs AS (
  SELECT DISTINCT segment FROM b
  UNION
  SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  cal.month,
  sg.segment,
  coalesce(a.expanded_customers, 0) AS expanded_customers,
  coalesce(a.expansion_mrr, 0) AS expansion_mrr,
  a.expanded_customers / NULLIF(a.starting_customers, 0) AS customer_expansion_rate,
  a.expansion_mrr / NULLIF(a.starting_mrr, 0) AS mrr_expansion_rate,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
