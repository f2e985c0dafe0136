/*---
id: support
family: support
title:
  en: Support performance
  ja: サポート対応指標
description:
  en: >-
    Per period of ticket creation (grain, weeks start on week_start): tickets created; median and 90th percentile
    of first response time in minutes and of resolution time in hours, measured in calendar time from
    created_at (business hours are not applied); first_contact_resolution_rate = resolved tickets with
    replies <= 1 ÷ resolved tickets whose replies are known; response_rate = tickets with a first
    response ÷ tickets; support_csat = 100 × satisfied ÷ rated tickets (satisfaction "good"/"良い" or a
    score 4–5 is satisfied, "bad"/"悪い" or a score 1–3 is not; other values such as "offered" or blank
    are not rated). Percentiles are continuous (DuckDB quantile_cont: linear interpolation between
    order statistics, as numpy's default and Excel's PERCENTILE.INC). Only what happened by the end of
    as_of counts: tickets created, first responses and resolutions after as_of are ignored. A resolved
    ticket is one with resolved_at (status is not read). Durations below zero (a timestamp before
    created_at) are data errors and left out of the percentiles. Periods run from the first ticket's
    period to the period of as_of, zero-filled; is_complete is false for a period that ends after
    as_of or after the last ticket date in the data.
  ja: >-
    チケット作成日の期間（grain、週の開始は week_start）ごとに、作成チケット数、初回応答時間（分）と解決時間（時間）の中央値と
    90パーセンタイルを示します。時間は created_at からの暦時間で、営業時間は考慮しません。一次解決率 = 返信数（replies）が
    1 以下で解決したチケット ÷ 返信数が分かる解決済みチケット、応答率 = 初回応答のあるチケット ÷ チケット、
    サポートCSAT = 100 × 満足 ÷ 評価のあるチケット（"good"/"良い" または 4〜5 の評価が満足、"bad"/"悪い" または
    1〜3 が不満、"offered" や空欄などは評価なし）。パーセンタイルは連続型（DuckDB の quantile_cont：順序統計量の
    線形補間、numpy の既定や Excel の PERCENTILE.INC と同じ）です。基準日（as_of）の終わりまでに起きたことだけを数え、
    それより後の作成・初回応答・解決は含めません。解決済みは resolved_at があるチケットです（status は見ません）。
    負の時間（created_at より前の時刻）はデータの誤りとしてパーセンタイルから除きます。期間は最初のチケットの期間から
    基準日の期間まで、チケットのない期間も 0 で示します。基準日より後、またはデータ上の最後のチケット日付より後に
    終わる期間は is_complete が false です。
requires:
  tickets: [ticket_id, created_at]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: tickets, type: integer, unit: count, label: { en: Tickets, ja: チケット数 } }
  - { name: median_first_response_minutes, type: number, unit: minutes, label: { en: Median first response (min), ja: 初回応答時間の中央値（分） } }
  - { name: p90_first_response_minutes, type: number, unit: minutes, label: { en: 90th pct first response (min), ja: 初回応答時間の90パーセンタイル（分） } }
  - { name: median_resolution_hours, type: number, unit: hours, label: { en: Median resolution (h), ja: 解決時間の中央値（時間） } }
  - { name: p90_resolution_hours, type: number, unit: hours, label: { en: 90th pct resolution (h), ja: 解決時間の90パーセンタイル（時間） } }
  - { name: first_contact_resolution_rate, type: number, unit: ratio, label: { en: First contact resolution, ja: 一次解決率 } }
  - { name: response_rate, type: number, unit: ratio, label: { en: Response rate, ja: 応答率 } }
  - { name: support_csat, type: number, unit: score, label: { en: Support CSAT, ja: サポートCSAT } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: line
  x: period
  y: [median_first_response_minutes, p90_first_response_minutes]
  bars: tickets
---*/
WITH
cust AS (
  SELECT customer_id, min(segment) AS segment FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
src AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    CAST(t.created_at AS DATE) AS created_day,
    (t.first_response_at IS NOT NULL AND CAST(t.first_response_at AS DATE) <= $as_of) AS responded,
    CASE WHEN t.first_response_at IS NOT NULL AND CAST(t.first_response_at AS DATE) <= $as_of AND t.first_response_at >= t.created_at
         THEN (epoch_us(t.first_response_at) - epoch_us(t.created_at)) / 60000000.0 END AS first_response_minutes,
    (t.resolved_at IS NOT NULL AND CAST(t.resolved_at AS DATE) <= $as_of) AS resolved,
    CASE WHEN t.resolved_at IS NOT NULL AND CAST(t.resolved_at AS DATE) <= $as_of AND t.resolved_at >= t.created_at
         THEN (epoch_us(t.resolved_at) - epoch_us(t.created_at)) / 3600000000.0 END AS resolution_hours,
    t.replies,
    lower(trim(t.satisfaction)) AS sat
  FROM tickets t
  LEFT JOIN cust c ON c.customer_id = t.customer_id
  WHERE t.created_at IS NOT NULL AND CAST(t.created_at AS DATE) <= $as_of
),
rated AS (
  SELECT *,
    CASE
      WHEN sat IN ('good', '良い') THEN 1
      WHEN sat IN ('bad', '悪い') THEN 0
      WHEN try_cast(sat AS DOUBLE) BETWEEN 1 AND 5 THEN CASE WHEN try_cast(sat AS DOUBLE) >= 4 THEN 1 ELSE 0 END
    END AS satisfied
  FROM src
),
bounds AS (
  SELECT min(created_day) AS first_day FROM src
),
last_data AS (
  SELECT greatest(max(CAST(created_at AS DATE)), max(CAST(resolved_at AS DATE))) AS last_day FROM tickets
),
cal AS (
  SELECT d AS day,
    CASE $grain
      WHEN 'day' THEN d
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', d + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', d) AS DATE) END
      ELSE CAST(date_trunc($grain, d) AS DATE)
    END AS period
  FROM (
    SELECT CAST(unnest(generate_series(first_day, $as_of, INTERVAL 1 DAY)) AS DATE) AS d
    FROM bounds WHERE first_day IS NOT NULL
  )
),
periods AS (
  SELECT period,
    CASE $grain
      WHEN 'day' THEN period
      WHEN 'week' THEN period + 6
      WHEN 'month' THEN CAST(period + INTERVAL 1 MONTH AS DATE) - 1
      WHEN 'quarter' THEN CAST(period + INTERVAL 3 MONTH AS DATE) - 1
      ELSE CAST(period + INTERVAL 1 YEAR AS DATE) - 1
    END AS last_day
  FROM cal GROUP BY period
),
agg AS (
  SELECT cal.period, r.segment,
    count(*) AS tickets,
    quantile_cont(r.first_response_minutes, 0.5) AS median_first_response_minutes,
    quantile_cont(r.first_response_minutes, 0.9) AS p90_first_response_minutes,
    quantile_cont(r.resolution_hours, 0.5) AS median_resolution_hours,
    quantile_cont(r.resolution_hours, 0.9) AS p90_resolution_hours,
    count(*) FILTER (WHERE r.resolved AND r.replies IS NOT NULL AND r.replies <= 1) AS fcr_tickets,
    count(*) FILTER (WHERE r.resolved AND r.replies IS NOT NULL) AS fcr_base,
    count(*) FILTER (WHERE r.responded) AS responded,
    count(*) FILTER (WHERE r.satisfied = 1) AS satisfied,
    count(r.satisfied) AS rated
  FROM rated r JOIN cal ON cal.day = r.created_day
  GROUP BY cal.period, r.segment
),
segs AS (SELECT DISTINCT segment FROM src)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(a.tickets, 0) AS BIGINT) AS tickets,
  a.median_first_response_minutes,
  a.p90_first_response_minutes,
  a.median_resolution_hours,
  a.p90_resolution_hours,
  a.fcr_tickets / NULLIF(a.fcr_base, 0) AS first_contact_resolution_rate,
  a.responded / NULLIF(a.tickets, 0) AS response_rate,
  100.0 * a.satisfied / NULLIF(a.rated, 0) AS support_csat,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM last_data)) AS is_complete
FROM periods p
CROSS JOIN segs s
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment
ORDER BY p.period, s.segment
