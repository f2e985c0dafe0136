/*---
id: mrr_movements
family: revenue
title: { en: MRR movements, ja: MRRの増減内訳 }
description:
  en: >-
    Per calendar month, how MRR moved from the start of the month (the previous month's
    ending MRR) to its end. Each customer's MRR of the month (snapshot at the month's last
    day, see mrr_monthly) is compared with its MRR of the month before. First month ever with
    MRR > 0: new (whole MRR). MRR > 0 after a month at 0, having been active before:
    reactivation (whole MRR); with reactivation_window_months set, a return after more
    inactive months than that counts as new. MRR 0 after a month > 0: churn of the previous
    MRR, booked in the first inactive month. Otherwise a rise is expansion and a fall
    contraction. contraction_mrr and churned_mrr are negative. Every month
    starting_mrr + new + expansion + reactivation + contraction + churned = ending_mrr, and
    starting_mrr is the previous month's ending_mrr. Customer counts count customers per
    movement; active_customers are those with MRR > 0 at the month's end. Months run from
    the first month with revenue data to the month containing as_of; that month has
    is_complete = false unless as_of is its last day. Defaults reproduce the dbt-labs
    mrr-playbook exactly.
  ja: >-
    暦月ごとに、月初MRR（前月の月末MRR）から月末MRRまでの増減を内訳で示します。各顧客の当月MRR
    （月末日時点のスナップショット、mrr_monthly参照）を前月のMRRと比較します。初めてMRR > 0 と
    なった月は新規（MRR全額）。過去に有効だった顧客が前月0から当月 > 0 に戻った場合は再開（MRR全額）。
    reactivation_window_months を指定すると、それより長い空白の後の復帰は新規として数えます。
    前月 > 0 から当月0になった場合は前月MRRの解約で、最初の非有効月に計上します。それ以外は増加を
    拡大（エクスパンション）、減少を縮小（コントラクション）とします。contraction_mrr と churned_mrr
    は負の値です。毎月 月初MRR + 新規 + 拡大 + 再開 + 縮小 + 解約 = 月末MRR、月初MRRは前月の
    月末MRRと等しくなります。顧客数は各区分の顧客数、active_customers は月末にMRR > 0 の顧客数です。
    期間は売上データの最初の月から as_of を含む月までで、その月は as_of が月末日でなければ
    is_complete = false です。既定値で dbt-labs mrr-playbook の結果と完全に一致します。
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
    help: { en: "Empty: any return of a former customer is a reactivation (mrr-playbook, ChartMogul). N: a return after more than N months at zero MRR counts as new.", ja: "空欄: 元顧客の復帰はすべて再開（mrr-playbook、ChartMogul と同じ）。N: MRR 0 の月が N か月を超えた後の復帰は新規として数えます。" }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: starting_mrr, type: number, unit: currency, label: { en: Starting MRR, ja: 月初MRR } }
  - { name: new_mrr, type: number, unit: currency, label: { en: New MRR, ja: 新規MRR } }
  - { name: expansion_mrr, type: number, unit: currency, label: { en: Expansion MRR, ja: 拡大MRR } }
  - { name: reactivation_mrr, type: number, unit: currency, label: { en: Reactivation MRR, ja: 再開MRR } }
  - { name: contraction_mrr, type: number, unit: currency, label: { en: Contraction MRR, ja: 縮小MRR } }
  - { name: churned_mrr, type: number, unit: currency, label: { en: Churned MRR, ja: 解約MRR } }
  - { name: ending_mrr, type: number, unit: currency, label: { en: Ending MRR, ja: 月末MRR } }
  - { name: net_new_mrr, type: number, unit: currency, label: { en: Net new MRR, ja: 純増MRR } }
  - { name: new_customers, type: integer, unit: count, label: { en: New customers, ja: 新規顧客数 } }
  - { name: expanded_customers, type: integer, unit: count, label: { en: Expanded customers, ja: 拡大顧客数 } }
  - { name: contracted_customers, type: integer, unit: count, label: { en: Contracted customers, ja: 縮小顧客数 } }
  - { name: churned_customers, type: integer, unit: count, label: { en: Churned customers, ja: 解約顧客数 } }
  - { name: reactivated_customers, type: integer, unit: count, label: { en: Reactivated customers, ja: 再開顧客数 } }
  - { name: active_customers, type: integer, unit: count, label: { en: Active customers, ja: 有効顧客数 } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: diverging-bar
  x: month
  y: [new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr]
  line: ending_mrr
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
    -- a start (MRR > 0 after a month at 0) is new when first ever, or after a gap longer
    -- than the reactivation window; otherwise it is a reactivation
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
    sum(prev_mrr) AS starting_mrr,
    sum(CASE WHEN is_new THEN mrr ELSE 0 END) AS new_mrr,
    sum(CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS expansion_mrr,
    sum(CASE WHEN is_reactivated THEN mrr ELSE 0 END) AS reactivation_mrr,
    sum(CASE WHEN mrr > 0 AND mrr < prev_mrr THEN mrr - prev_mrr ELSE 0 END) AS contraction_mrr,
    sum(CASE WHEN mrr = 0 AND prev_mrr > 0 THEN -prev_mrr ELSE 0 END) AS churned_mrr,
    sum(mrr) AS ending_mrr,
    count(*) FILTER (WHERE is_new) AS new_customers,
    count(*) FILTER (WHERE prev_mrr > 0 AND mrr > prev_mrr) AS expanded_customers,
    count(*) FILTER (WHERE mrr > 0 AND mrr < prev_mrr) AS contracted_customers,
    count(*) FILTER (WHERE mrr = 0 AND prev_mrr > 0) AS churned_customers,
    count(*) FILTER (WHERE is_reactivated) AS reactivated_customers,
    count(*) FILTER (WHERE mrr > 0) AS active_customers
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
  coalesce(a.starting_mrr, 0) AS starting_mrr,
  coalesce(a.new_mrr, 0) AS new_mrr,
  coalesce(a.expansion_mrr, 0) AS expansion_mrr,
  coalesce(a.reactivation_mrr, 0) AS reactivation_mrr,
  coalesce(a.contraction_mrr, 0) AS contraction_mrr,
  coalesce(a.churned_mrr, 0) AS churned_mrr,
  coalesce(a.ending_mrr, 0) AS ending_mrr,
  coalesce(a.new_mrr + a.expansion_mrr + a.reactivation_mrr + a.contraction_mrr + a.churned_mrr, 0) AS net_new_mrr,
  coalesce(a.new_customers, 0) AS new_customers,
  coalesce(a.expanded_customers, 0) AS expanded_customers,
  coalesce(a.contracted_customers, 0) AS contracted_customers,
  coalesce(a.churned_customers, 0) AS churned_customers,
  coalesce(a.reactivated_customers, 0) AS reactivated_customers,
  coalesce(a.active_customers, 0) AS active_customers,
  cal.month_end <= least($as_of, cal.data_end) AS is_complete
FROM cal
CROSS JOIN segs sg
LEFT JOIN agg a ON a.month = cal.month AND a.segment = sg.segment
ORDER BY cal.month, sg.segment;
