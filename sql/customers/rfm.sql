/*---
id: rfm
family: customers
title:
  en: RFM segmentation
  ja: RFM 分析
description:
  en: >-
    One row per customer as of a date. Customers: every customers row (unless its signup_date is after
    as_of), every customer with product activity on or before as_of, and every customer with MRR above
    0 in a month up to the month of as_of. Activity days are the days on which a user of the customer
    had an event (user_activity_daily: a user-day belongs to the smallest customer_id among that day's
    events). recency_days = days from the last activity day on or before as_of to as_of (0 = active on
    as_of; NULL = never active); frequency = activity days in the window_days days ending on as_of
    (as_of − window_days < day <= as_of); monetary = MRR of the month of as_of (mrr_monthly) when above
    0, else the sum of the monthly MRR of the months overlapping that window (0 without any). Scores
    1–5 are ntile(5) over all customers ordered from worst to best, 5 = best: recency from the longest
    recency (never active first) to the shortest, frequency and monetary from the lowest to the
    highest; ties are ordered by customer_id ascending, so that among equal values the smaller
    customer_id gets the lower score (with fewer than 5 customers the top score is below 5).
    rfm_segment uses r_score and fm = (f_score + m_score) ÷ 2, first match wins — Champions: r >= 4
    and fm >= 4; Loyal: r >= 3 and fm >= 3; New: r = 5 and fm < 2; Potential loyalist: r >= 3 (and
    fm < 3); Can't lose: r = 1 and fm >= 4; At risk: r <= 2 and fm >= 3; Hibernating: r = 2 (and
    fm < 3); Lost: r = 1 (and fm < 3).
  ja: >-
    基準日時点で顧客ごとに 1 行を返します。対象は customers の全行（signup_date が基準日より後のものを除く）、基準日以前に
    プロダクトの活動がある顧客、基準日の月までに MRR が 0 を超えた月のある顧客です。活動日はその顧客のユーザーにイベントの
    あった日です（user_activity_daily：ユーザーの 1 日は、その日のイベントの最小の customer_id に属します）。recency_days =
    基準日以前の最後の活動日から基準日までの日数（基準日に活動 = 0、活動なし = NULL）、frequency = 基準日までの
    window_days 日間（基準日 − window_days < 日 <= 基準日）の活動日数、monetary = 基準日の月の MRR（mrr_monthly）が 0 を
    超えればその値、そうでなければその期間に重なる月の月次 MRR の合計（無ければ 0）。スコア 1〜5 は全顧客を悪い順から良い順に
    並べた ntile(5) で、5 が最良です。recency は長い順（活動なしが先頭）から短い順、frequency と monetary は小さい順から
    大きい順。同じ値は customer_id の昇順に並べるので、同値なら customer_id の小さい顧客が低いスコアになります（顧客が
    5 未満なら最高スコアは 5 未満）。rfm_segment は r_score と fm = (f_score + m_score) ÷ 2 で、上から最初に当てはまる
    もの — Champions: r >= 4 かつ fm >= 4、Loyal: r >= 3 かつ fm >= 3、New: r = 5 かつ fm < 2、Potential loyalist:
    r >= 3（fm < 3）、Can't lose: r = 1 かつ fm >= 4、At risk: r <= 2 かつ fm >= 3、Hibernating: r = 2（fm < 3）、
    Lost: r = 1（fm < 3）。
requires:
  events: [user_id, event_time, customer_id]
derived: [user_activity_daily, mrr_monthly]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Date the customers are scored on (default the latest date in the data), ja: スコアを付ける日（既定はデータの最新日） } }
  - name: window_days
    type: integer
    default: 90
    min: 1
    max: 3650
    label: { en: Frequency window (days), ja: 頻度の集計日数 }
    help: { en: Days ending on the report date over which active days (and revenue without current MRR) are counted., ja: 基準日までの何日間の活動日数（と現在 MRR が無い場合の売上）を数えるか。 }
outputs:
  - { name: customer_id, type: string, unit: text, label: { en: Customer, ja: 顧客 } }
  - { name: name, type: string, unit: text, label: { en: Name, ja: 名前 } }
  - { name: segment, type: string, unit: text, label: { en: Segment, ja: セグメント } }
  - { name: recency_days, type: integer, unit: days, label: { en: Days since last activity, ja: 最終活動からの日数 } }
  - { name: frequency, type: integer, unit: count, label: { en: Active days in window, ja: 期間内の活動日数 } }
  - { name: monetary, type: number, unit: currency, label: { en: Monetary (MRR), ja: 金額（MRR） } }
  - { name: r_score, type: integer, unit: score, label: { en: R score, ja: R スコア } }
  - { name: f_score, type: integer, unit: score, label: { en: F score, ja: F スコア } }
  - { name: m_score, type: integer, unit: score, label: { en: M score, ja: M スコア } }
  - { name: rfm_segment, type: string, unit: text, label: { en: RFM segment, ja: RFM セグメント } }
chart: { type: table }
---*/
WITH
cust AS (
  SELECT customer_id, min(name) AS name, min(segment) AS segment, min(signup_date) AS signup_date
  FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
activity AS (
  SELECT customer_id,
    max(day) AS last_day,
    count(DISTINCT day) FILTER (WHERE day > $as_of - CAST($window_days AS INTEGER)) AS frequency
  FROM user_activity_daily
  WHERE customer_id IS NOT NULL AND day <= $as_of
  GROUP BY customer_id
),
revenue AS (
  SELECT customer_id,
    sum(mrr) FILTER (WHERE month = CAST(date_trunc('month', $as_of) AS DATE)) AS current_mrr,
    sum(mrr) FILTER (WHERE last_day(month) > $as_of - CAST($window_days AS INTEGER)) AS window_mrr,
    max(mrr) AS max_mrr
  FROM mrr_monthly
  WHERE customer_id IS NOT NULL AND month <= $as_of
  GROUP BY customer_id
),
ids AS (
  SELECT customer_id FROM cust WHERE $as_of IS NOT NULL AND (signup_date IS NULL OR signup_date <= $as_of)
  UNION SELECT customer_id FROM activity
  UNION SELECT customer_id FROM revenue WHERE max_mrr > 0
),
measures AS (
  SELECT i.customer_id, c.name, coalesce(c.segment, '(unknown)') AS segment,
    date_diff('day', a.last_day, $as_of) AS recency_days,
    coalesce(a.frequency, 0) AS frequency,
    CASE WHEN r.current_mrr > 0 THEN r.current_mrr ELSE coalesce(r.window_mrr, 0) END AS monetary
  FROM ids i
  LEFT JOIN cust c ON c.customer_id = i.customer_id
  LEFT JOIN activity a ON a.customer_id = i.customer_id
  LEFT JOIN revenue r ON r.customer_id = i.customer_id
),
scored AS (
  SELECT *,
    ntile(5) OVER (ORDER BY recency_days DESC NULLS FIRST, customer_id) AS r_score,
    ntile(5) OVER (ORDER BY frequency, customer_id) AS f_score,
    ntile(5) OVER (ORDER BY monetary, customer_id) AS m_score
  FROM measures
)
SELECT customer_id, name, segment,
  CAST(recency_days AS BIGINT) AS recency_days,
  CAST(frequency AS BIGINT) AS frequency,
  CAST(monetary AS DOUBLE) AS monetary,
  CAST(r_score AS BIGINT) AS r_score,
  CAST(f_score AS BIGINT) AS f_score,
  CAST(m_score AS BIGINT) AS m_score,
  CASE
    WHEN r_score >= 4 AND (f_score + m_score) >= 8 THEN 'Champions'
    WHEN r_score >= 3 AND (f_score + m_score) >= 6 THEN 'Loyal'
    WHEN r_score = 5 AND (f_score + m_score) < 4 THEN 'New'
    WHEN r_score >= 3 THEN 'Potential loyalist'
    WHEN r_score = 1 AND (f_score + m_score) >= 8 THEN 'Can''t lose'
    WHEN r_score <= 2 AND (f_score + m_score) >= 6 THEN 'At risk'
    WHEN r_score = 2 THEN 'Hibernating'
    ELSE 'Lost'
  END AS rfm_segment
FROM scored
ORDER BY customer_id
