/*---
id: nrr
aliases: [grr]
family: revenue
title: { en: "Net and gross revenue retention (NRR, GRR)", ja: 売上継続率（NRR・GRR） }
description:
  en: >-
    Per calendar month M, with L = lookback_months: the base set B is the customers with
    MRR > 0 in month M − L (MRR at each month's end, see mrr_monthly). base_customers and
    base_mrr are their number and their MRR in M − L; retained_mrr is the same customers'
    MRR in M (0 for those who churned). nrr = retained_mrr / base_mrr (expansion counts, may
    exceed 1); grr = Σ min(MRR in M, MRR in M − L) / base_mrr (expansion does not count,
    never above 1). Customers new since M − L are never in the base; with L = 1 a customer
    reactivated in M is not in it either (ChartMogul). Ratios are NULL when the base is
    empty (the first L months). Months run from the first month with revenue to the month
    containing as_of; that month has is_complete = false unless as_of is its last day. One
    KPI gives both ratios; the id grr names it too.
  ja: >-
    暦月 M ごと、L = lookback_months として、基準集合 B は M − L 月にMRR > 0 の顧客（各月末のMRR、
    mrr_monthly参照）です。base_customers と base_mrr はその顧客数と M − L 月のMRR合計、retained_mrr
    は同じ顧客の M 月のMRR合計（解約した顧客は0）。nrr = retained_mrr / base_mrr（拡大を含み、1を
    超えることがあります）、grr = Σ min(M 月のMRR, M − L 月のMRR) / base_mrr（拡大を含まず、1を
    超えません）。M − L 以降の新規顧客は基準集合に入りません。L = 1 では M 月に再開した顧客も入りません
    （ChartMogul と同じ）。基準集合が空の月（最初の L か月）は比率が NULL です。期間は売上データの
    最初の月から as_of を含む月までで、その月は as_of が月末日でなければ is_complete = false です。
    1つのKPIで両方の比率を返します（grr という id でも同じKPIを指します）。
requires:
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: lookback_months
    type: integer
    default: 12
    min: 1
    max: 120
    label: { en: Lookback (months), ja: 比較する期間（月） }
    help: { en: "12: year over year (default). 1: month over month.", ja: "12: 前年同月比（既定）。1: 前月比。" }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: base_customers, type: integer, unit: count, label: { en: Base customers, ja: 基準顧客数 } }
  - { name: base_mrr, type: number, unit: currency, label: { en: Base MRR, ja: 基準MRR } }
  - { name: retained_mrr, type: number, unit: currency, label: { en: Retained MRR, ja: 継続MRR } }
  - { name: nrr, type: number, unit: ratio, label: { en: NRR, ja: NRR（売上純継続率） } }
  - { name: grr, type: number, unit: ratio, label: { en: GRR, ja: GRR（売上総継続率） } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [nrr, grr]
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
-- B(M): customers active in M - L, keyed by M
base AS (
  SELECT x.customer_id, CAST(x.month + to_months(CAST($lookback_months AS INTEGER)) AS DATE) AS month, x.mrr AS base_mrr
  FROM mrr_monthly x
  WHERE x.mrr > 0
    AND CAST(x.month + to_months(CAST($lookback_months AS INTEGER)) AS DATE) <= date_trunc('month', $as_of)
),
j AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment,
    b.month,
    b.base_mrr,
    coalesce(cur.mrr, 0) AS cur_mrr
  FROM base b
  LEFT JOIN mrr_monthly cur ON cur.customer_id = b.customer_id AND cur.month = b.month
  LEFT JOIN seg s ON s.customer_id = b.customer_id
),
agg AS (
  SELECT
    month,
    segment,
    count(*) AS base_customers,
    sum(base_mrr) AS base_mrr,
    sum(cur_mrr) AS retained_mrr,
    sum(least(cur_mrr, base_mrr)) AS grr_mrr
  FROM j
  GROUP BY month, segment
),
segs AS (
  SELECT DISTINCT CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment
  FROM mrr_monthly x
  LEFT JOIN seg s ON s.customer_id = x.customer_id
  WHERE $breakdown = 'segment' AND x.mrr > 0 AND x.month <= date_trunc('month', $as_of)
  UNION
  SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  cal.month,
  sg.segment,
  coalesce(a.base_customers, 0) AS base_customers,
  coalesce(a.base_mrr, 0) AS base_mrr,
  coalesce(a.retained_mrr, 0) AS retained_mrr,
  a.retained_mrr / NULLIF(a.base_mrr, 0) AS nrr,
  a.grr_mrr / NULLIF(a.base_mrr, 0) AS grr,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
