/*---
id: quick_ratio
family: revenue
title: { en: SaaS quick ratio, ja: クイックレシオ }
description:
  en: >-
    Per calendar month, from the MRR movements (see mrr_movements): MRR gained divided by MRR
    lost, (new + expansion + reactivation MRR) / −(contraction + churned MRR). With
    include_reactivation = false, reactivation MRR is left out of the numerator. Above 1 the
    business grows; 4 is the usual mark of efficient growth. NULL when nothing was lost in the
    month (contraction and churn both 0). reactivation_window_months decides, as in
    mrr_movements, when a returning customer is a reactivation rather than new. Months run
    from the first month with revenue to the month containing as_of; that month has
    is_complete = false unless as_of is its last day.
  ja: >-
    暦月ごとに、MRRの増減（mrr_movements参照）から、獲得したMRRを失ったMRRで割った値
    (新規 + 拡大 + 再開MRR) / −(縮小 + 解約MRR) です。include_reactivation = false では再開MRRを
    分子に含めません。1を超えれば成長、4が効率的な成長の目安とされます。その月に失ったMRRが
    ない（縮小・解約とも0）場合は NULL です。reactivation_window_months は mrr_movements と同じく、
    復帰した顧客を再開とするか新規とするかを決めます。期間は売上データの最初の月から as_of を含む
    月までで、その月は as_of が月末日でなければ is_complete = false です。
requires:
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: include_reactivation
    type: boolean
    default: true
    label: { en: Count reactivations as gains, ja: 再開を獲得に含める }
  - name: reactivation_window_months
    type: integer
    default: null
    min: 0
    label: { en: Reactivation window (months), ja: 再開とみなす期間（月） }
    help: { en: "Empty: any return of a former customer is a reactivation. N: a return after more than N months at zero MRR counts as new.", ja: "空欄: 元顧客の復帰はすべて再開。N: MRR 0 の月が N か月を超えた後の復帰は新規として数えます。" }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: quick_ratio, type: number, unit: multiple, label: { en: Quick ratio, ja: クイックレシオ } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [quick_ratio]
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
    (x.mrr > 0 AND x.prev_mrr = 0
      AND (x.is_first_active OR ($reactivation_window_months IS NOT NULL AND x.gap_months > $reactivation_window_months))) AS is_new,
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
    sum(CASE WHEN is_new THEN mrr ELSE 0 END)
      + sum(CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END)
      + CASE WHEN $include_reactivation THEN sum(CASE WHEN is_reactivated THEN mrr ELSE 0 END) ELSE 0 END AS gained_mrr,
    -(sum(CASE WHEN mrr > 0 AND mrr < prev_mrr THEN mrr - prev_mrr ELSE 0 END)
      + sum(CASE WHEN prev_mrr > 0 AND mrr = 0 THEN -prev_mrr ELSE 0 END)) AS lost_mrr
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
  a.gained_mrr / NULLIF(a.lost_mrr, 0) AS quick_ratio,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
