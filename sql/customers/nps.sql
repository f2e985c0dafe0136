/*---
id: nps
family: customers
title:
  en: Net Promoter Score (NPS)
  ja: NPS（ネットプロモータースコア）
description:
  en: >-
    Per period of responded_at (grain; weeks start on week_start): NPS answers are responses with
    survey = nps, plus, when include_unlabelled is on (default), responses without a survey label;
    only scores from 0 to 10 count (others are data errors and left out). promoters = scores 9–10
    (score >= 9), passives = 7–8 (7 <= score < 9), detractors = 0–6 (score < 7), responses = all
    three; nps = 100 × (promoters − detractors) ÷ responses, from −100 to 100, NULL for a period
    without responses. Only responses dated on or before as_of count. Periods run from the first
    answer's period to the period of as_of, zero-filled; is_complete is false for a period that ends
    after as_of or after the last response date in the data (any survey). With breakdown = segment,
    answers are grouped by the segment of their customer_id ('(unknown)' without one).
  ja: >-
    回答日時（responded_at）の期間（grain、週の開始は week_start）ごとに集計します。NPS の回答は survey = nps の回答と、
    include_unlabelled がオン（既定）のときは survey の無い回答です。0〜10 のスコアのみ数えます（それ以外はデータの誤り
    として除外）。推奨者 = 9〜10（score >= 9）、中立者 = 7〜8（7 <= score < 9）、批判者 = 0〜6（score < 7）、
    responses はその合計。nps = 100 × (推奨者 − 批判者) ÷ 回答数（−100〜100、回答の無い期間は NULL）。
    基準日（as_of）以前の回答のみ数えます。期間は最初の回答の期間から基準日の期間まで、回答の無い期間も 0 で示します。
    基準日より後、またはデータ上の最後の回答日（調査の種類を問わず）より後に終わる期間は is_complete が false です。
    breakdown = segment では回答の customer_id のセグメントごとに分けます（無い場合は '(unknown)'）。
requires:
  responses: [responded_at, score]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: include_unlabelled
    type: boolean
    default: true
    label: { en: Count unlabelled 0–10 answers, ja: 種類の無い 0〜10 の回答も数える }
    help: { en: Responses without a survey label count as NPS answers when their score is 0–10., ja: survey の無い回答も、スコアが 0〜10 なら NPS の回答として数えます。 }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: responses, type: integer, unit: count, label: { en: Responses, ja: 回答数 } }
  - { name: promoters, type: integer, unit: count, label: { en: Promoters (9–10), ja: 推奨者（9〜10） } }
  - { name: passives, type: integer, unit: count, label: { en: Passives (7–8), ja: 中立者（7〜8） } }
  - { name: detractors, type: integer, unit: count, label: { en: Detractors (0–6), ja: 批判者（0〜6） } }
  - { name: nps, type: number, unit: score, label: { en: NPS, ja: NPS } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: line
  x: period
  y: [nps]
  bars: responses
---*/
WITH
cust AS (
  SELECT customer_id, min(segment) AS segment FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
answers AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    CAST(r.responded_at AS DATE) AS day,
    r.score
  FROM responses r
  LEFT JOIN cust c ON c.customer_id = r.customer_id
  WHERE r.responded_at IS NOT NULL AND r.score IS NOT NULL
    AND r.score BETWEEN 0 AND 10
    AND CAST(r.responded_at AS DATE) <= $as_of
    AND (lower(trim(r.survey)) = 'nps' OR ($include_unlabelled AND (r.survey IS NULL OR trim(r.survey) = '')))
),
answers_p AS (
  SELECT segment, score,
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
  SELECT CAST(max(responded_at) AS DATE) AS last_day FROM responses
),
agg AS (
  SELECT period, segment,
    count(*) AS responses,
    count(*) FILTER (WHERE score >= 9) AS promoters,
    count(*) FILTER (WHERE score >= 7 AND score < 9) AS passives,
    count(*) FILTER (WHERE score < 7) AS detractors
  FROM answers_p
  GROUP BY period, segment
),
segs AS (SELECT DISTINCT segment FROM answers)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(a.responses, 0) AS BIGINT) AS responses,
  CAST(coalesce(a.promoters, 0) AS BIGINT) AS promoters,
  CAST(coalesce(a.passives, 0) AS BIGINT) AS passives,
  CAST(coalesce(a.detractors, 0) AS BIGINT) AS detractors,
  100 * CAST(a.promoters - a.detractors AS DOUBLE) / NULLIF(a.responses, 0) AS nps,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM last_data)) AS is_complete
FROM periods_end p
CROSS JOIN segs s
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment
ORDER BY p.period, s.segment
