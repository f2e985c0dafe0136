/*---
id: mrr
family: revenue
title: { en: MRR and ARR, ja: MRR・ARR }
description:
  en: >-
    Monthly recurring revenue per calendar month: the sum of every customer's MRR in force at
    the end of the month's last day (snapshot rule; a customer's MRR is the sum of its
    subscription periods then, or its row in a monthly MRR export, and counts only when above
    0). arr = 12 × mrr. active_customers = customers with MRR > 0 at the month's end.
    arpa (average revenue per account) = mrr / active_customers, NULL when no customer is
    active. Months run from the first month with revenue to the month containing as_of;
    that month has is_complete = false unless as_of is its last day.
  ja: >-
    暦月ごとの月次経常収益（MRR）。各顧客の月末日終了時点で有効なMRR（スナップショット規則。顧客の
    MRRはその時点の契約期間の合計、または月次MRRファイルの値で、0を超える場合のみ数えます）の合計です。
    arr = 12 × mrr。active_customers は月末にMRR > 0 の顧客数。arpa（顧客あたり平均収益）=
    mrr / active_customers で、有効顧客がいない月は NULL。期間は売上データの最初の月から as_of を
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
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: mrr, type: number, unit: currency, label: { en: MRR, ja: MRR } }
  - { name: arr, type: number, unit: currency, label: { en: ARR, ja: ARR } }
  - { name: active_customers, type: integer, unit: count, label: { en: Active customers, ja: 有効顧客数 } }
  - { name: arpa, type: number, unit: currency, label: { en: ARPA, ja: 顧客あたり平均収益（ARPA） } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [mrr]
  series: segment
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
    x.mrr
  FROM mrr_monthly x
  LEFT JOIN seg s ON s.customer_id = x.customer_id
  WHERE x.month <= date_trunc('month', $as_of) AND x.mrr > 0
),
agg AS (
  SELECT month, segment, sum(mrr) AS mrr, count(*) AS active_customers
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
  coalesce(a.mrr, 0) AS mrr,
  12 * coalesce(a.mrr, 0) AS arr,
  coalesce(a.active_customers, 0) AS active_customers,
  a.mrr / NULLIF(a.active_customers, 0) AS arpa,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
