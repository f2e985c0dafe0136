/*---
id: ltv
family: revenue
title: { en: Customer lifetime value (LTV), ja: 顧客生涯価値（LTV） }
description:
  en: >-
    Per calendar month M: ltv = arpa(M) × gross_margin / the average customer churn rate over
    the trailing window_months months ending with M. arpa(M) = MRR / active customers at the
    end of M (see mrr). The monthly customer churn rate is customers churned in the month /
    customers active the month before (see churn_rates); the average is the plain mean of
    the months in the window that have a rate (months before the first month with revenue,
    or after a month without active customers, have none). ltv is NULL when the average
    churn is 0 or missing, or when no customer is active. Months run from the first month
    with revenue to the month containing as_of; that month has is_complete = false unless
    as_of is its last day.
  ja: >-
    暦月 M ごとに、ltv = arpa(M) × gross_margin / M を最終月とする直近 window_months か月の
    顧客解約率の平均。arpa(M) = M 月末のMRR / 有効顧客数（mrr参照）。月次の顧客解約率は
    当月の解約顧客数 / 前月の有効顧客数（churn_rates参照）で、平均は期間内で率のある月の単純平均
    です（売上データの最初の月より前や、有効顧客がいない月の翌月には率がありません）。平均解約率が
    0 または無い場合、有効顧客がいない場合は NULL です。期間は売上データの最初の月から as_of を
    含む月までで、その月は as_of が月末日でなければ is_complete = false です。
requires:
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: gross_margin
    type: number
    default: 1.0
    min: 0
    max: 1
    label: { en: Gross margin, ja: 粗利率 }
    help: { en: "A fraction: 0.8 for 80 %.", ja: "小数で指定（80 % なら 0.8）。" }
  - name: window_months
    type: integer
    default: 6
    min: 1
    max: 60
    label: { en: Churn averaging window (months), ja: 解約率を平均する期間（月） }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: arpa, type: number, unit: currency, label: { en: ARPA, ja: 顧客あたり平均収益（ARPA） } }
  - { name: avg_customer_churn_rate, type: number, unit: ratio, label: { en: Average customer churn rate, ja: 平均顧客解約率 } }
  - { name: ltv, type: number, unit: currency, label: { en: LTV, ja: LTV } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [ltv]
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
    sum(mrr) AS mrr,
    count(*) FILTER (WHERE mrr > 0) AS active_customers,
    count(*) FILTER (WHERE prev_mrr > 0) AS starting_customers,
    count(*) FILTER (WHERE prev_mrr > 0 AND mrr = 0) AS churned_customers
  FROM b
  GROUP BY month, segment
),
segs AS (
  SELECT DISTINCT segment FROM b
  UNION
  SELECT '(all)' WHERE $breakdown <> 'segment'
),
monthly AS (
  -- one row per month and segment, every month present, so a ROWS frame is a month frame
  SELECT
    cal.month,
    cal.month_end,
    cal.data_end,
    sg.segment,
    a.mrr / NULLIF(a.active_customers, 0) AS arpa,
    a.churned_customers / NULLIF(a.starting_customers, 0) AS churn_rate
  FROM cal
  CROSS JOIN segs sg
  LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
),
w AS (
  SELECT
    *,
    avg(churn_rate) OVER (
      PARTITION BY segment ORDER BY month
      ROWS BETWEEN $window_months - 1 PRECEDING AND CURRENT ROW
    ) AS avg_churn
  FROM monthly
)
SELECT
  month,
  segment,
  arpa,
  avg_churn AS avg_customer_churn_rate,
  arpa * $gross_margin / NULLIF(avg_churn, 0) AS ltv,
  month_end <= least($as_of, data_end) AS is_complete
FROM w
ORDER BY month, segment;
