/*---
id: churn_rates
family: revenue
title: { en: "Churn rates (customer, gross and net MRR)", ja: 解約率（顧客・MRRグロス・MRRネット） }
description:
  en: >-
    Per calendar month, from the MRR movements (see mrr_movements: each customer's MRR at
    the month's end compared with the month before). customer_churn_rate = customers who
    churned in the month (MRR > 0 last month, 0 now) / customers active last month.
    gross_mrr_churn_rate = −(churned + contraction MRR) / starting MRR (last month's ending
    MRR). net_mrr_churn_rate = −(churned + contraction + expansion + reactivation MRR) /
    starting MRR; it is negative when expansion and reactivations outweigh the losses
    (net negative churn). New customers' MRR is in none of them. Rates are fractions, NULL
    when last month had no active customer. reactivation_window_months decides, as in
    mrr_movements, when a returning customer is a reactivation rather than new. Months run
    from the first month with revenue to the month containing as_of; that month has
    is_complete = false unless as_of is its last day.
  ja: >-
    暦月ごとに、MRRの増減（mrr_movements参照。各顧客の月末MRRを前月と比較）から求めます。
    customer_churn_rate = 当月に解約した顧客数（前月MRR > 0、当月0）/ 前月の有効顧客数。
    gross_mrr_churn_rate = −(解約MRR + 縮小MRR) / 月初MRR（前月の月末MRR）。
    net_mrr_churn_rate = −(解約 + 縮小 + 拡大 + 再開MRR) / 月初MRR で、拡大と再開が損失を上回ると
    負になります（ネガティブチャーン）。新規顧客のMRRはどれにも含みません。比率は小数で、前月に
    有効顧客がいない月は NULL です。reactivation_window_months は mrr_movements と同じく、復帰した
    顧客を再開とするか新規とするかを決めます。期間は売上データの最初の月から as_of を含む月までで、
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
  - name: reactivation_window_months
    type: integer
    default: null
    min: 0
    label: { en: Reactivation window (months), ja: 再開とみなす期間（月） }
    help: { en: "Empty: any return of a former customer is a reactivation. N: a return after more than N months at zero MRR counts as new (left out of net churn).", ja: "空欄: 元顧客の復帰はすべて再開。N: MRR 0 の月が N か月を超えた後の復帰は新規（ネット解約率に含めません）。" }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: customer_churn_rate, type: number, unit: ratio, label: { en: Customer churn rate, ja: 顧客解約率 } }
  - { name: gross_mrr_churn_rate, type: number, unit: ratio, label: { en: Gross MRR churn rate, ja: グロスMRR解約率 } }
  - { name: net_mrr_churn_rate, type: number, unit: ratio, label: { en: Net MRR churn rate, ja: ネットMRR解約率 } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [customer_churn_rate, gross_mrr_churn_rate, net_mrr_churn_rate]
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
    x.prev_mrr,
    (x.mrr > 0 AND x.prev_mrr = 0 AND NOT x.is_first_active
      AND ($reactivation_window_months IS NULL OR x.gap_months <= $reactivation_window_months)) AS is_reactivated
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
    count(*) FILTER (WHERE prev_mrr > 0 AND mrr = 0) AS churned_customers,
    sum(prev_mrr) AS starting_mrr,
    sum(CASE WHEN prev_mrr > 0 AND mrr = 0 THEN -prev_mrr ELSE 0 END) AS churned_mrr,
    sum(CASE WHEN mrr > 0 AND mrr < prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS contraction_mrr,
    sum(CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS expansion_mrr,
    sum(CASE WHEN is_reactivated THEN mrr ELSE 0 END) AS reactivation_mrr
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
  a.churned_customers / NULLIF(a.starting_customers, 0) AS customer_churn_rate,
  -(a.churned_mrr + a.contraction_mrr) / NULLIF(a.starting_mrr, 0) AS gross_mrr_churn_rate,
  -(a.churned_mrr + a.contraction_mrr + a.expansion_mrr + a.reactivation_mrr) / NULLIF(a.starting_mrr, 0) AS net_mrr_churn_rate,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
