/*---
id: health_score
family: customers
title:
  en: Customer health score
  ja: カスタマーヘルススコア
description:
  en: >-
    One row per customer as of a date (customers: every customers row unless its signup_date is after
    as_of, every customer with product activity on or before as_of, every customer with MRR above 0 in
    a month up to the month of as_of; churned customers — MRR above 0 before but 0 in the month of
    as_of, judged only while the MRR data reach that month — only with include_churned). Five components, each 0–100 or NULL (missing). usage = 100 ×
    min(A, usage_target_days) ÷ usage_target_days, where A = the customer's active days (days on which
    one of its users had an event, per user_activity_daily) in the 30 days ending on as_of; NULL when
    the data has no customer activity on or before as_of. usage_trend = 50 × min(A ÷ B, 2), where B =
    active days in the 30 days before those (as_of − 59 to as_of − 30): 50 = steady, 100 = doubled or
    more, 0 = stopped; 100 when B = 0 < A; NULL when A = B = 0, without activity data, or when the
    activity data start after as_of − 59. sentiment = the customer's latest answer on or before as_of
    (NPS: survey nps or unlabelled, score 0–10, scaled 10 × score; CSAT: survey csat, score 1–5, scaled
    25 × (score − 1)); answers at the same latest time are averaged; NULL without answers.
    support_load = 100 × max(0, 1 − T ÷ support_max_tickets), where T = tickets created in the 90 days
    ending on as_of; NULL when the data have no ticket with a customer on or before as_of. revenue_trend
    = 50 × min(N ÷ P, 2), where N = MRR of the month of as_of and P = MRR three months earlier
    (mrr_monthly, 0 when absent); 100 when P = 0 < N; NULL when both are 0, without MRR data, when the
    loaded data start after P's month (calendar_months) or the MRR data end before the month of as_of. score = Σ weight × component ÷ Σ weight over the components that
    are not NULL (weights renormalised; NULL when none is left or their weights sum to 0). band
    (Gainsight): red when score <= 50, yellow when 50 < score <= 75, green when score > 75. Rows are
    ordered from the lowest score.
  ja: >-
    基準日時点で顧客ごとに 1 行を返します（対象は customers の全行（signup_date が基準日より後を除く）、基準日以前に
    プロダクトの活動がある顧客、基準日の月までに MRR が 0 を超えた月のある顧客。以前は MRR があり基準日の月に 0 の解約顧客は
    include_churned のときのみ。MRR データが基準日の月に届く場合のみ判定）。5 つの要素はそれぞれ 0〜100 または NULL（欠損）です。usage = 100 × min(A,
    usage_target_days) ÷ usage_target_days。A は基準日までの 30 日間の活動日数（その顧客のユーザーにイベントがあった日、
    user_activity_daily による）。基準日以前に顧客の活動データが無ければ NULL。usage_trend = 50 × min(A ÷ B, 2)、B はその
    前の 30 日間（基準日 − 59 〜 基準日 − 30）の活動日数。50 = 横ばい、100 = 2 倍以上、0 = 停止。B = 0 < A なら 100、
    A = B = 0・活動データ無し・活動データの開始が基準日 − 59 より後なら NULL。sentiment = 基準日以前の最新の回答（NPS:
    survey が nps または無し、0〜10 を 10 × score に換算。CSAT: survey が csat、1〜5 を 25 × (score − 1) に換算）。同じ
    最新時刻の回答は平均。回答が無ければ NULL。support_load = 100 × max(0, 1 − T ÷ support_max_tickets)、T は基準日までの
    90 日間に作成されたチケット数。基準日以前に顧客付きのチケットがデータに無ければ NULL。revenue_trend = 50 × min(N ÷ P, 2)、
    N は基準日の月の MRR、P はその 3 か月前の MRR（mrr_monthly、無ければ 0）。P = 0 < N なら 100、両方 0・MRR データ無し・
    読み込んだデータの開始が P の月より後（calendar_months）・MRR データの終わりが基準日の月より前なら NULL。score = NULL でない要素についての Σ 重み × 要素 ÷ Σ 重み（重みを再正規化。
    要素が残らないか重みの合計が 0 なら NULL）。band（Gainsight）: score <= 50 は red、50 < score <= 75 は yellow、
    score > 75 は green。スコアの低い順に並べます。
requires: {}
derived: [user_activity_daily, mrr_monthly, calendar_months]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Date the health is measured on (default the latest date in the data), ja: ヘルスを測る日（既定はデータの最新日） } }
  - { name: weight_usage, type: number, default: 30, min: 0, label: { en: Weight of usage, ja: 利用度の重み } }
  - { name: weight_usage_trend, type: number, default: 15, min: 0, label: { en: Weight of usage trend, ja: 利用傾向の重み } }
  - { name: weight_sentiment, type: number, default: 20, min: 0, label: { en: Weight of sentiment, ja: 満足度の重み } }
  - { name: weight_support_load, type: number, default: 15, min: 0, label: { en: Weight of support load, ja: サポート負荷の重み } }
  - { name: weight_revenue_trend, type: number, default: 20, min: 0, label: { en: Weight of revenue trend, ja: 売上傾向の重み } }
  - name: usage_target_days
    type: integer
    default: 20
    min: 1
    max: 30
    label: { en: Active days for full usage, ja: 利用度 100 の活動日数 }
    help: { en: Active days in 30 that score usage 100., ja: 30 日間にこの日数以上活動すれば利用度 100 です。 }
  - name: support_max_tickets
    type: integer
    default: 10
    min: 1
    label: { en: Tickets for zero support score, ja: サポート評価 0 のチケット数 }
    help: { en: Tickets in 90 days that score support load 0 (none scores 100)., ja: 90 日間のチケットがこの数以上で 0 点（0 件で 100 点）。 }
  - name: include_churned
    type: boolean
    default: false
    label: { en: Include churned customers, ja: 解約顧客を含める }
outputs:
  - { name: customer_id, type: string, unit: text, label: { en: Customer, ja: 顧客 } }
  - { name: name, type: string, unit: text, label: { en: Name, ja: 名前 } }
  - { name: segment, type: string, unit: text, label: { en: Segment, ja: セグメント } }
  - { name: usage, type: number, unit: score, label: { en: Usage, ja: 利用度 } }
  - { name: usage_trend, type: number, unit: score, label: { en: Usage trend, ja: 利用傾向 } }
  - { name: sentiment, type: number, unit: score, label: { en: Sentiment, ja: 満足度 } }
  - { name: support_load, type: number, unit: score, label: { en: Support load, ja: サポート負荷 } }
  - { name: revenue_trend, type: number, unit: score, label: { en: Revenue trend, ja: 売上傾向 } }
  - { name: score, type: number, unit: score, label: { en: Health score, ja: ヘルススコア } }
  - { name: band, type: string, unit: text, label: { en: Band, ja: 区分 } }
chart: { type: table }
---*/
WITH
cust AS (
  SELECT customer_id, min(name) AS name, min(segment) AS segment, min(signup_date) AS signup_date
  FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
-- Customers with activity up to as_of, and their first active day (for the data coverage).
ever_active AS (
  SELECT customer_id, min(day) AS first_day
  FROM user_activity_daily
  WHERE customer_id IS NOT NULL AND day <= $as_of
  GROUP BY customer_id
),
-- Active days in the last 30 days and in the 30 days before.
activity AS (
  SELECT customer_id,
    count(*) FILTER (WHERE day > $as_of - 30) AS recent_days,
    count(*) FILTER (WHERE day <= $as_of - 30) AS previous_days
  FROM (
    SELECT DISTINCT customer_id, day
    FROM user_activity_daily
    WHERE customer_id IS NOT NULL AND day <= $as_of AND day > $as_of - 60
  )
  GROUP BY customer_id
),
-- Data coverage: whether each source has data for this report date at all.
coverage AS (
  SELECT
    (SELECT min(first_day) FROM ever_active) AS first_activity,
    (SELECT min(month) FROM calendar_months) AS first_month,
    (SELECT max(month) FROM mrr_monthly) AS last_month,
    (SELECT count(*) > 0 FROM tickets WHERE customer_id IS NOT NULL AND CAST(created_at AS DATE) <= $as_of) AS has_tickets
),
revenue AS (
  SELECT customer_id,
    coalesce(sum(mrr) FILTER (WHERE month = CAST(date_trunc('month', $as_of) AS DATE)), 0) AS mrr_now,
    coalesce(sum(mrr) FILTER (WHERE month = CAST(date_trunc('month', $as_of) - INTERVAL 3 MONTH AS DATE)), 0) AS mrr_then,
    max(mrr) AS max_mrr
  FROM mrr_monthly
  WHERE customer_id IS NOT NULL AND month <= $as_of
  GROUP BY customer_id
),
answers AS (
  SELECT customer_id, responded_at,
    CASE WHEN lower(trim(survey)) = 'csat' THEN 25 * (score - 1) ELSE 10 * score END AS scaled
  FROM responses
  WHERE customer_id IS NOT NULL AND responded_at IS NOT NULL AND score IS NOT NULL
    AND CAST(responded_at AS DATE) <= $as_of
    AND ((lower(trim(survey)) = 'csat' AND score BETWEEN 1 AND 5)
      OR ((lower(trim(survey)) = 'nps' OR survey IS NULL OR trim(survey) = '') AND score BETWEEN 0 AND 10))
),
sentiment AS (
  SELECT customer_id, avg(scaled) AS sentiment
  FROM (SELECT *, max(responded_at) OVER (PARTITION BY customer_id) AS latest FROM answers)
  WHERE responded_at = latest
  GROUP BY customer_id
),
support AS (
  SELECT customer_id, count(*) AS tickets
  FROM tickets
  WHERE customer_id IS NOT NULL AND created_at IS NOT NULL
    AND CAST(created_at AS DATE) <= $as_of AND CAST(created_at AS DATE) > $as_of - 90
  GROUP BY customer_id
),
ids AS (
  SELECT customer_id FROM cust WHERE $as_of IS NOT NULL AND (signup_date IS NULL OR signup_date <= $as_of)
  UNION SELECT customer_id FROM ever_active
  UNION SELECT customer_id FROM revenue WHERE max_mrr > 0
),
components AS (
  SELECT i.customer_id, c.name, coalesce(c.segment, '(unknown)') AS segment,
    CASE WHEN cv.first_activity IS NOT NULL
      THEN 100 * CAST(least(coalesce(a.recent_days, 0), $usage_target_days) AS DOUBLE) / $usage_target_days END AS usage,
    CASE
      WHEN cv.first_activity IS NULL OR cv.first_activity > $as_of - 59 THEN NULL
      WHEN coalesce(a.previous_days, 0) = 0 AND coalesce(a.recent_days, 0) = 0 THEN NULL
      WHEN coalesce(a.previous_days, 0) = 0 THEN CAST(100 AS DOUBLE)
      ELSE 50 * least(CAST(a.recent_days AS DOUBLE) / a.previous_days, 2)
    END AS usage_trend,
    s.sentiment,
    CASE WHEN cv.has_tickets
      THEN 100 * greatest(0, 1 - CAST(coalesce(t.tickets, 0) AS DOUBLE) / $support_max_tickets) END AS support_load,
    CASE
      WHEN cv.first_month IS NULL OR cv.last_month IS NULL OR cv.first_month > CAST(date_trunc('month', $as_of) - INTERVAL 3 MONTH AS DATE)
        OR cv.last_month < CAST(date_trunc('month', $as_of) AS DATE) THEN NULL
      WHEN coalesce(r.mrr_then, 0) = 0 AND coalesce(r.mrr_now, 0) = 0 THEN NULL
      WHEN coalesce(r.mrr_then, 0) = 0 THEN CAST(100 AS DOUBLE)
      ELSE 50 * least(coalesce(r.mrr_now, 0) / r.mrr_then, 2)
    END AS revenue_trend,
    (coalesce(r.max_mrr, 0) > 0 AND coalesce(r.mrr_now, 0) = 0 AND cv.last_month >= CAST(date_trunc('month', $as_of) AS DATE)) AS churned
  FROM ids i
  CROSS JOIN coverage cv
  LEFT JOIN cust c ON c.customer_id = i.customer_id
  LEFT JOIN activity a ON a.customer_id = i.customer_id
  LEFT JOIN revenue r ON r.customer_id = i.customer_id
  LEFT JOIN sentiment s ON s.customer_id = i.customer_id
  LEFT JOIN support t ON t.customer_id = i.customer_id
),
scored AS (
  SELECT *,
    (coalesce($weight_usage * usage, 0) + coalesce($weight_usage_trend * usage_trend, 0)
      + coalesce($weight_sentiment * sentiment, 0) + coalesce($weight_support_load * support_load, 0)
      + coalesce($weight_revenue_trend * revenue_trend, 0))
    / NULLIF(
        CASE WHEN usage IS NULL THEN 0 ELSE $weight_usage END
      + CASE WHEN usage_trend IS NULL THEN 0 ELSE $weight_usage_trend END
      + CASE WHEN sentiment IS NULL THEN 0 ELSE $weight_sentiment END
      + CASE WHEN support_load IS NULL THEN 0 ELSE $weight_support_load END
      + CASE WHEN revenue_trend IS NULL THEN 0 ELSE $weight_revenue_trend END, 0) AS score
  FROM components
  WHERE $include_churned OR NOT churned
)
SELECT customer_id, name, segment,
  CAST(usage AS DOUBLE) AS usage,
  CAST(usage_trend AS DOUBLE) AS usage_trend,
  CAST(sentiment AS DOUBLE) AS sentiment,
  CAST(support_load AS DOUBLE) AS support_load,
  CAST(revenue_trend AS DOUBLE) AS revenue_trend,
  CAST(score AS DOUBLE) AS score,
  CASE WHEN score IS NULL THEN NULL WHEN score <= 50 THEN 'red' WHEN score <= 75 THEN 'yellow' ELSE 'green' END AS band
FROM scored
ORDER BY score NULLS LAST, customer_id
