/*---
id: unit_costs
family: costs
title:
  en: Unit costs (CRC, onboarding cost, LTV ÷ CRC)
  ja: ユニットコスト（CRC・オンボーディング単価・LTV ÷ CRC）
description:
  en: >-
    Per calendar month, with costs entered as parameters. active_customers = customers with MRR > 0 in
    the month (mrr_monthly, the snapshot rule, as the revenue KPIs). crc (customer retention cost) =
    cs_cost_per_month ÷ active customers. completed_onboardings = customers who signed up in the month
    and completed onboarding, exactly as the onboarding KPI counts completed (signup date from
    customers.signup_date, else the first subscription start, else the first event; completion_events
    with completion_rule within window_days). onboarding_cost_per_completion = onboarding_cost (the
    month's total onboarding spend) ÷ completed_onboardings. ltv = ARPA × gross_margin ÷ the mean
    customer churn rate of the trailing window_months months ending in the month, as the ltv KPI: ARPA =
    MRR ÷ active customers; a month's customer churn rate = customers at MRR 0 after MRR > 0 the month
    before ÷ active customers of the month before (months without active customers before are left out
    of the mean); NULL when the mean is 0. ltv_to_crc = ltv ÷ crc (a lifetime value against one month's
    retention cost per customer). Every ratio is NULL when its denominator is 0 or a cost is not given.
    Months run from the first month with MRR to the month of as_of. With a segment breakdown, counts,
    ARPA, churn and LTV are the segment's, while costs are not attributed to segments: crc and
    onboarding_cost_per_completion divide the whole cost by all active customers / all completions and
    are the same on every segment's row. is_complete is false for a month that ends after as_of or the
    data end, or whose signups may still complete onboarding (month end + window_days after as_of or
    after the last event date).
  ja: >-
    暦月ごとに、コストをパラメータで与えて計算します。active_customers = その月の MRR > 0 の顧客数（mrr_monthly、売上KPIと
    同じスナップショット規則）。crc（顧客維持コスト）= cs_cost_per_month ÷ 有効顧客数。completed_onboardings = その月に
    サインアップし、オンボーディングを完了した顧客数で、onboarding KPI の completed と同じ数え方です（サインアップ日は
    customers.signup_date、無ければ最初の契約開始日、それも無ければ最初のイベント日。completion_events と completion_rule、
    window_days で判定）。onboarding_cost_per_completion = onboarding_cost（その月のオンボーディング費用の総額）÷
    completed_onboardings。ltv = ARPA × gross_margin ÷ その月までの window_months か月の顧客解約率の平均で、ltv KPI と同じ
    定義です（ARPA = MRR ÷ 有効顧客数、月の顧客解約率 = 前月 MRR > 0 で当月 MRR 0 の顧客数 ÷ 前月の有効顧客数。前月に有効顧客が
    いない月は平均に含めない。平均が 0 なら NULL）。ltv_to_crc = ltv ÷ crc（顧客1社の1か月分の維持コストに対する生涯価値）。
    分母が 0 のとき、またはコストが未入力のとき比率は NULL です。月は MRR のある最初の月から基準日（as_of）の月までです。
    セグメント内訳では、顧客数・ARPA・解約率・LTV はそのセグメントの値ですが、コストはセグメントに配分しません。crc と
    onboarding_cost_per_completion は総コストを全有効顧客数・全完了数で割った値で、どのセグメントの行でも同じです。基準日
    またはデータの最終日より後に終わる月、またはその月のサインアップがまだ完了しうる月（月末 + window_days が基準日または
    最後のイベント日より後）は is_complete が false です。
requires:
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Months after the one containing this date are not reported (default the latest date in the data), ja: この日を含む月より後は表示しません（既定はデータの最新日） } }
  - name: cs_cost_per_month
    type: number
    default: null
    min: 0
    label: { en: Customer success cost per month, ja: 月間カスタマーサクセス費用 }
    help: { en: "Total monthly cost of retaining customers (CS team, tools)", ja: 顧客維持にかかる月間の総費用（CS チーム、ツールなど） }
  - name: onboarding_cost
    type: number
    default: null
    min: 0
    label: { en: Onboarding cost per month, ja: 月間オンボーディング費用 }
    help: { en: Total monthly spend on onboarding new customers, ja: 新規顧客のオンボーディングにかかる月間の総費用 }
  - { name: gross_margin, type: number, default: 1.0, min: 0, max: 1, label: { en: Gross margin, ja: 粗利率 }, help: { en: "For LTV, as the ltv KPI (1 = 100 %)", ja: "LTV の計算用。ltv KPI と同じ（1 = 100 %）" } }
  - { name: window_months, type: integer, default: 6, min: 1, max: 36, label: { en: Churn averaging window (months), ja: 解約率の平均期間（月） } }
  - name: completion_events
    type: string_list
    default: [complete_onboarding]
    label: { en: Onboarding completion events, ja: オンボーディング完了イベント }
    help: { en: As the onboarding KPI, ja: onboarding KPI と同じ }
  - name: completion_rule
    type: enum
    values: [any, all]
    default: any
    label: { en: Onboarding completed when, ja: 完了の条件 }
    help: { en: "any: one of the events happened. all: every listed event happened.", ja: "any: いずれかのイベントが起きた。all: 全てのイベントが起きた。" }
  - { name: window_days, type: integer, default: 30, min: 0, max: 3650, label: { en: Onboarding window (days), ja: オンボーディング期限（日） } }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: month, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: active_customers, type: integer, unit: count, label: { en: Active customers, ja: 有効顧客数 } }
  - { name: crc, type: number, unit: currency, label: { en: CRC per active customer, ja: 有効顧客あたり維持コスト（CRC） } }
  - { name: completed_onboardings, type: integer, unit: count, label: { en: Completed onboardings, ja: オンボーディング完了数 } }
  - { name: onboarding_cost_per_completion, type: number, unit: currency, label: { en: Onboarding cost per completion, ja: 完了1件あたりオンボーディング費用 } }
  - { name: ltv, type: number, unit: currency, label: { en: LTV, ja: LTV } }
  - { name: ltv_to_crc, type: number, unit: multiple, label: { en: LTV ÷ CRC, ja: LTV ÷ CRC } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: line
  x: month
  y: [crc, onboarding_cost_per_completion]
  secondary: ltv_to_crc
---*/
WITH
seg AS (
  SELECT customer_id, min(segment) AS segment, min(signup_date) AS signup_date
  FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
cal AS (
  SELECT month, month_end, data_end
  FROM calendar_months
  WHERE month >= (SELECT min(month) FROM mrr_monthly WHERE mrr > 0)
    AND month <= CAST(date_trunc('month', $as_of) AS DATE)
),
m AS (
  SELECT x.customer_id, x.month, x.mrr,
    CASE WHEN $breakdown = 'segment' THEN coalesce(s.segment, '(unknown)') ELSE '(all)' END AS segment
  FROM mrr_monthly x
  LEFT JOIN seg s ON s.customer_id = x.customer_id
  WHERE x.month <= CAST(date_trunc('month', $as_of) AS DATE)
),
active AS (
  SELECT month, segment,
    count(*) FILTER (WHERE mrr > 0) AS active_customers,
    coalesce(sum(mrr) FILTER (WHERE mrr > 0), 0) AS mrr
  FROM m GROUP BY month, segment
),
-- customer churn: MRR > 0 in the month before, not in the month (no row counts as 0)
churn AS (
  SELECT CAST(p.month + INTERVAL 1 MONTH AS DATE) AS month, p.segment,
    count(*) AS active_before,
    count(*) FILTER (WHERE coalesce(c.mrr, 0) <= 0) AS churned
  FROM m p
  LEFT JOIN mrr_monthly c ON c.customer_id = p.customer_id AND c.month = CAST(p.month + INTERVAL 1 MONTH AS DATE)
  WHERE p.mrr > 0
  GROUP BY 1, 2
),
-- onboarding, as sql/customers/onboarding.sql counts `completed` (grain month)
first_sub AS (
  SELECT customer_id, min(start_date) AS d
  FROM subscription_periods WHERE customer_id IS NOT NULL AND start_date IS NOT NULL GROUP BY customer_id
),
first_event AS (
  SELECT customer_id, CAST(min(event_time) AS DATE) AS d
  FROM events WHERE customer_id IS NOT NULL AND event_time IS NOT NULL GROUP BY customer_id
),
ids AS (
  SELECT customer_id FROM seg
  UNION SELECT customer_id FROM first_sub
  UNION SELECT customer_id FROM first_event
),
signed AS (
  SELECT i.customer_id,
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    coalesce(c.signup_date, s.d, e.d) AS signup
  FROM ids i
  LEFT JOIN seg c ON c.customer_id = i.customer_id
  LEFT JOIN first_sub s ON s.customer_id = i.customer_id
  LEFT JOIN first_event e ON e.customer_id = i.customer_id
  WHERE coalesce(c.signup_date, s.d, e.d) <= $as_of
),
firsts AS (
  SELECT e.customer_id, e.event_name, CAST(min(e.event_time) AS DATE) AS d
  FROM events e
  JOIN signed s ON s.customer_id = e.customer_id
  WHERE list_contains($completion_events, e.event_name)
    AND CAST(e.event_time AS DATE) >= s.signup
    AND CAST(e.event_time AS DATE) <= $as_of
  GROUP BY e.customer_id, e.event_name
),
done AS (
  SELECT customer_id,
    CASE WHEN $completion_rule = 'all'
      THEN CASE WHEN count(*) = len(list_distinct($completion_events)) THEN max(d) END
      ELSE min(d)
    END AS done_day
  FROM firsts
  GROUP BY customer_id
),
completions AS (
  SELECT CAST(date_trunc('month', s.signup) AS DATE) AS month, s.segment, count(*) AS completed
  FROM signed s
  JOIN done d ON d.customer_id = s.customer_id
  WHERE date_diff('day', s.signup, d.done_day) <= $window_days
  GROUP BY 1, 2
),
segs AS (
  SELECT DISTINCT segment FROM m WHERE mrr > 0
  UNION SELECT DISTINCT segment FROM completions
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
),
grid AS (
  SELECT cal.month, cal.month_end, cal.data_end, s.segment,
    coalesce(a.active_customers, 0) AS active_customers,
    a.mrr / NULLIF(a.active_customers, 0) AS arpa,
    ch.churned / NULLIF(ch.active_before, 0) AS churn_rate,
    coalesce(o.completed, 0) AS completed
  FROM cal
  CROSS JOIN segs s
  LEFT JOIN active a ON a.month = cal.month AND a.segment = s.segment
  LEFT JOIN churn ch ON ch.month = cal.month AND ch.segment = s.segment
  LEFT JOIN completions o ON o.month = cal.month AND o.segment = s.segment
),
churn_window AS (
  SELECT g.month, g.segment, avg(h.churn_rate) AS avg_churn
  FROM grid g
  JOIN grid h ON h.segment = g.segment AND h.month <= g.month
    AND h.month > CAST(g.month - to_months(CAST($window_months AS INTEGER)) AS DATE)
  GROUP BY g.month, g.segment
),
totals AS (
  SELECT month, sum(active_customers) AS all_active, sum(completed) AS all_completed FROM grid GROUP BY month
),
last_event AS (
  SELECT CAST(max(event_time) AS DATE) AS d FROM events
),
res AS (
  SELECT g.month, g.segment, g.month_end, g.data_end,
    g.active_customers,
    $cs_cost_per_month / NULLIF(t.all_active, 0) AS crc,
    g.completed,
    $onboarding_cost / NULLIF(t.all_completed, 0) AS onboarding_cost_per_completion,
    CASE WHEN tr.avg_churn > 0 THEN g.arpa * $gross_margin / tr.avg_churn END AS ltv
  FROM grid g
  JOIN totals t ON t.month = g.month
  LEFT JOIN churn_window tr ON tr.month = g.month AND tr.segment = g.segment
)
SELECT
  month,
  segment,
  CAST(active_customers AS BIGINT) AS active_customers,
  crc,
  CAST(completed AS BIGINT) AS completed_onboardings,
  onboarding_cost_per_completion,
  ltv,
  ltv / NULLIF(crc, 0) AS ltv_to_crc,
  (month_end <= least($as_of, data_end)
    AND month_end + CAST($window_days AS INTEGER) <= least($as_of, coalesce((SELECT d FROM last_event), data_end))) AS is_complete
FROM res
ORDER BY month, segment
