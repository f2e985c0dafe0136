/*---
id: renewal_rate
family: revenue
title: { en: Renewal rate (CRR) and renewal MRR rate (RRR), ja: 継続率（CRR）・更新MRR率（RRR） }
description:
  en: >-
    Per calendar month M, from the subscription periods. A period is renewed when the same
    customer has another period that starts within grace_days of its end_date (before or
    after it) and runs past that end (ongoing, or ending later); with grace_days = 0 the next
    period starts exactly on the end date. ending_customers = customers with a period whose
    end_date falls in M; renewed_customers = those of them with at least one such period
    renewed; renewal_rate = renewed_customers / ending_customers (NULL when nobody's period
    ends in M). renewal_mrr = the MRR of the renewing periods that start in M (each period
    once); renewal_mrr_rate = renewal_mrr / M's MRR (see mrr), NULL when that is 0.
    Periods without a customer or start, ending on or before their start, or of customers
    whose revenue comes from a monthly MRR export are left out. Months run from the first
    month with revenue to the month containing as_of; a month is complete when its last day
    plus grace_days is on or before both as_of and the data end (later renewals could still
    come).
  ja: >-
    暦月 M ごとに、契約期間から求めます。ある期間は、同じ顧客の別の期間が end_date の前後
    grace_days 日以内に始まり、その終了日より後まで続く（継続中、またはより後に終了する）場合に更新
    されたとみなします。grace_days = 0 では次の期間がちょうど終了日に始まる場合です。
    ending_customers = end_date が M に入る期間を持つ顧客数、renewed_customers = そのうち該当期間の
    少なくとも1つが更新された顧客数、renewal_rate = renewed_customers / ending_customers（M に終了する
    期間がなければ NULL）。renewal_mrr = M に始まる更新期間のMRR合計（各期間1回）、renewal_mrr_rate =
    renewal_mrr / M のMRR（mrr参照、0なら NULL）。顧客・開始日のない期間、開始日以前に終わる期間、
    月次MRRファイルから売上を取る顧客の期間は除きます。期間は売上データの最初の月から as_of を含む
    月までで、月末日 + grace_days が as_of とデータ最終日の両方以前である月を完了とします（それまでは
    更新がまだ来る可能性があります）。
requires:
  subscription_periods: [customer_id, start_date, end_date]
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: grace_days
    type: integer
    default: 0
    min: 0
    max: 366
    label: { en: Grace days, ja: 猶予日数 }
    help: { en: A next period starting this many days before or after the end still renews it., ja: 終了日の前後この日数以内に次の期間が始まれば更新とみなします。 }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: ending_customers, type: integer, unit: count, label: { en: Customers with a period ending, ja: 期間が終了する顧客数 } }
  - { name: renewed_customers, type: integer, unit: count, label: { en: Renewed customers, ja: 更新した顧客数 } }
  - { name: renewal_rate, type: number, unit: ratio, label: { en: Renewal rate (CRR), ja: 継続率（CRR） } }
  - { name: renewal_mrr, type: number, unit: currency, label: { en: Renewal MRR, ja: 更新MRR } }
  - { name: renewal_mrr_rate, type: number, unit: ratio, label: { en: Renewal MRR rate (RRR), ja: 更新MRR率（RRR） } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [renewal_rate, renewal_mrr_rate]
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
-- one row per usable period, numbered once (materialized: every reference sees the same pid)
p AS MATERIALIZED (
  SELECT row_number() OVER () AS pid, sp.customer_id, sp.start_date, sp.end_date, coalesce(sp.mrr, 0) AS mrr
  FROM subscription_periods sp
  ANTI JOIN (SELECT DISTINCT customer_id FROM mrr_monthly_source WHERE month IS NOT NULL) s ON s.customer_id = sp.customer_id
  WHERE sp.customer_id IS NOT NULL AND sp.start_date IS NOT NULL
    AND (sp.end_date IS NULL OR sp.end_date > sp.start_date)
),
-- q renews e: same customer, another period, starts within grace_days of e's end, runs past it
links AS MATERIALIZED (
  SELECT e.pid AS ended_pid, q.pid AS renewing_pid
  FROM p e
  JOIN p q
    ON q.customer_id = e.customer_id
   AND q.start_date >= e.end_date - CAST($grace_days AS INTEGER)
   AND q.start_date <= e.end_date + CAST($grace_days AS INTEGER)
  WHERE e.end_date IS NOT NULL
    AND q.pid <> e.pid
    AND (q.end_date IS NULL OR q.end_date > e.end_date)
),
endings AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment,
    CAST(date_trunc('month', e.end_date) AS DATE) AS month,
    e.customer_id,
    e.pid IN (SELECT ended_pid FROM links) AS renewed
  FROM p e
  LEFT JOIN seg s ON s.customer_id = e.customer_id
  WHERE e.end_date IS NOT NULL AND e.end_date < CAST(date_trunc('month', $as_of) + INTERVAL 1 MONTH AS DATE)
),
ending_agg AS (
  SELECT month, segment,
    count(DISTINCT customer_id) AS ending_customers,
    count(DISTINCT customer_id) FILTER (WHERE renewed) AS renewed_customers
  FROM endings
  GROUP BY month, segment
),
renewing AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment,
    CAST(date_trunc('month', q.start_date) AS DATE) AS month,
    q.mrr
  FROM p q
  LEFT JOIN seg s ON s.customer_id = q.customer_id
  WHERE q.pid IN (SELECT renewing_pid FROM links)
    AND q.start_date < CAST(date_trunc('month', $as_of) + INTERVAL 1 MONTH AS DATE)
),
renewing_agg AS (
  SELECT month, segment, sum(mrr) AS renewal_mrr FROM renewing GROUP BY month, segment
),
month_mrr AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment,
    x.month,
    sum(x.mrr) AS mrr
  FROM mrr_monthly x
  LEFT JOIN seg s ON s.customer_id = x.customer_id
  WHERE x.mrr > 0 AND x.month <= date_trunc('month', $as_of)
  GROUP BY ALL
),
segs AS (
  SELECT segment FROM month_mrr
  UNION
  SELECT segment FROM endings
  UNION
  SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  cal.month,
  sg.segment,
  coalesce(e.ending_customers, 0) AS ending_customers,
  coalesce(e.renewed_customers, 0) AS renewed_customers,
  e.renewed_customers / NULLIF(e.ending_customers, 0) AS renewal_rate,
  coalesce(r.renewal_mrr, 0) AS renewal_mrr,
  coalesce(r.renewal_mrr, 0) / NULLIF(m.mrr, 0) AS renewal_mrr_rate,
  cal.month_end + CAST($grace_days AS INTEGER) <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN ending_agg e ON e.month = cal.month AND e.segment = sg.segment
LEFT JOIN renewing_agg r ON r.month = cal.month AND r.segment = sg.segment
LEFT JOIN month_mrr m ON m.month = cal.month AND m.segment = sg.segment
ORDER BY cal.month, sg.segment;
