/*---
id: csat
family: customers
title:
  en: Customer satisfaction (CSAT)
  ja: 顧客満足度（CSAT）
description:
  en: >-
    Per period (grain; weeks start on week_start): csat = 100 × satisfied ÷ responses, from 0 to 100,
    NULL for a period without answers. Answers are responses with survey = csat (plus responses
    without a survey label when include_unlabelled is on; off by default, because unlabelled 0–10
    answers are NPS) whose score is from 1 to 5; a score of 4 or more (4–5) is satisfied, other
    scores (including 0 or above 5) are left out. A good/bad answer reaches responses as score 5
    (good) or 1 (bad), so good is satisfied and bad is not. With ticket_ratings on, support tickets'
    satisfaction ratings are answers too, dated by created_at like the support KPI's support_csat:
    "good"/"良い" is satisfied, "bad"/"悪い" is not, a number 1–5 follows the 1–5 rule, other values
    ("offered", blank) are not answers. Only answers dated on or before as_of count. Periods run from
    the first answer's period to the period of as_of, zero-filled; is_complete is false for a period
    that ends after as_of or after the last date of the answers' data (response times, and ticket
    creation times with ticket_ratings). With breakdown = segment, answers are grouped by the segment
    of their customer_id ('(unknown)' without one).
  ja: >-
    期間（grain、週の開始は week_start）ごとに csat = 100 × 満足 ÷ 回答数（0〜100、回答の無い期間は NULL）を示します。
    回答は survey = csat でスコアが 1〜5 のもの（include_unlabelled がオンなら survey の無い回答も含む。種類の無い 0〜10 の
    回答は NPS なので既定はオフ）です。4 以上（4〜5）が満足で、範囲外のスコア（0 や 5 超）は除外します。good/bad 形式の
    回答は responses に 5（good）または 1（bad）として入るので、good は満足、bad は不満になります。ticket_ratings を
    オンにするとサポートチケットの満足度評価も回答に含め、support KPI の support_csat と同じく created_at の日付で数えます。
    "good"/"良い" は満足、"bad"/"悪い" は不満、1〜5 の数値は 1〜5 の規則に従い、それ以外（"offered"、空欄）は回答では
    ありません。基準日（as_of）以前の回答のみ数えます。期間は最初の回答の期間から基準日の期間まで、回答の無い期間も 0 で
    示します。基準日より後、または回答データの最終日（回答日時、ticket_ratings ではチケット作成日時も）より後に終わる期間は
    is_complete が false です。breakdown = segment では回答の customer_id のセグメントごとに分けます（無い場合は '(unknown)'）。
requires: {}
requires_when:
  - when: { ticket_ratings: false }
    requires: { responses: [responded_at, score] }
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: include_unlabelled
    type: boolean
    default: false
    label: { en: Count unlabelled answers, ja: 種類の無い回答も数える }
    help: { en: Count responses without a survey label as CSAT answers (when the file holds CSAT answers only)., ja: survey の無い回答も CSAT として数えます（ファイルが CSAT の回答だけのとき）。 }
  - name: ticket_ratings
    type: boolean
    default: false
    label: { en: Include ticket ratings, ja: チケットの満足度評価を含める }
    help: { en: Count support tickets' good/bad satisfaction ratings as answers., ja: サポートチケットの good/bad 評価も回答として数えます。 }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: responses, type: integer, unit: count, label: { en: Responses, ja: 回答数 } }
  - { name: satisfied, type: integer, unit: count, label: { en: "Satisfied (4–5, good)", ja: 満足（4〜5、good） } }
  - { name: csat, type: number, unit: score, label: { en: CSAT, ja: CSAT } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: line
  x: period
  y: [csat]
  bars: responses
---*/
WITH
cust AS (
  SELECT customer_id, min(segment) AS segment FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
-- Every answer: its day, customer and whether it is satisfied.
raw AS (
  SELECT CAST(r.responded_at AS DATE) AS day, r.customer_id, r.score >= 4 AS satisfied
  FROM responses r
  WHERE r.responded_at IS NOT NULL AND r.score IS NOT NULL
    AND r.score BETWEEN 1 AND 5
    AND (lower(trim(r.survey)) = 'csat' OR ($include_unlabelled AND (r.survey IS NULL OR trim(r.survey) = '')))
  UNION ALL
  SELECT day, customer_id, satisfied
  FROM (
    SELECT CAST(t.created_at AS DATE) AS day, t.customer_id,
      CASE
        WHEN lower(trim(t.satisfaction)) IN ('good', '良い') THEN true
        WHEN lower(trim(t.satisfaction)) IN ('bad', '悪い') THEN false
        WHEN try_cast(trim(t.satisfaction) AS DOUBLE) BETWEEN 1 AND 5 THEN try_cast(trim(t.satisfaction) AS DOUBLE) >= 4
      END AS satisfied
    FROM tickets t
    WHERE $ticket_ratings AND t.created_at IS NOT NULL
  )
  WHERE satisfied IS NOT NULL
),
answers AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    r.day,
    r.satisfied
  FROM raw r
  LEFT JOIN cust c ON c.customer_id = r.customer_id
  WHERE r.day <= $as_of
),
answers_p AS (
  SELECT segment, satisfied,
    CASE $grain
      WHEN 'day' THEN day
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', day + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', day) AS DATE) END
      WHEN 'month' THEN CAST(date_trunc('month', day) AS DATE)
      WHEN 'quarter' THEN CAST(date_trunc('quarter', day) AS DATE)
      ELSE CAST(date_trunc('year', day) AS DATE)
    END AS period
  FROM answers
),
-- Every period from the first answer's period to the period of as_of.
periods AS (
  SELECT DISTINCT
    CASE $grain
      WHEN 'day' THEN d
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', d + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', d) AS DATE) END
      WHEN 'month' THEN CAST(date_trunc('month', d) AS DATE)
      WHEN 'quarter' THEN CAST(date_trunc('quarter', d) AS DATE)
      ELSE CAST(date_trunc('year', d) AS DATE)
    END AS period
  FROM (
    SELECT CAST(unnest(generate_series(CAST(min(period) AS TIMESTAMP), CAST($as_of AS TIMESTAMP), INTERVAL 1 DAY)) AS DATE) AS d
    FROM answers_p
    HAVING min(period) IS NOT NULL
  )
),
periods_end AS (
  SELECT period,
    CASE $grain
      WHEN 'day' THEN period
      WHEN 'week' THEN period + 6
      WHEN 'month' THEN CAST(period + INTERVAL 1 MONTH AS DATE) - 1
      WHEN 'quarter' THEN CAST(period + INTERVAL 3 MONTH AS DATE) - 1
      ELSE CAST(period + INTERVAL 1 YEAR AS DATE) - 1
    END AS last_day
  FROM periods
),
last_data AS (
  SELECT max(d) AS last_day FROM (
    SELECT CAST(max(responded_at) AS DATE) AS d FROM responses
    UNION ALL
    SELECT CAST(max(created_at) AS DATE) FROM tickets WHERE $ticket_ratings
  )
),
agg AS (
  SELECT period, segment,
    count(*) AS responses,
    count(*) FILTER (WHERE satisfied) AS satisfied
  FROM answers_p
  GROUP BY period, segment
),
segs AS (SELECT DISTINCT segment FROM answers)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(a.responses, 0) AS BIGINT) AS responses,
  CAST(coalesce(a.satisfied, 0) AS BIGINT) AS satisfied,
  100 * CAST(a.satisfied AS DOUBLE) / NULLIF(a.responses, 0) AS csat,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM last_data)) AS is_complete
FROM periods_end p
CROSS JOIN segs s
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment
ORDER BY p.period, s.segment
