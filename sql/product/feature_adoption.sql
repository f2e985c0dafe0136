/*---
id: feature_adoption
family: product
title:
  en: Feature adoption
  ja: 重要な機能の利用率
description:
  en: >-
    Per period (grain; weeks start on week_start): active_users = distinct users with at least one event
    in the period (only events named in active_events when that list is not empty); adopters = those
    active users who did at least one of feature_events in the same period; adoption_rate = adopters ÷
    active_users (NULL when there are no active users). With an empty feature_events list nobody adopts
    (0). Events after as_of are ignored. Periods run from the first event's period to the period of
    as_of, zero-filled; is_complete is false for a period that ends after as_of or after the last event
    in the data. With a segment breakdown, a user-day belongs to the segment of its customer (the
    smallest customer_id among that day's counted events); a user active in a segment is an adopter
    there if they did a feature event in the period.
  ja: >-
    期間（grain、週の開始は week_start）ごとに、active_users = 期間内に1件以上イベントのあるユーザー数（active_events を
    指定したときはその名前のイベントだけ）、adopters = そのうち同じ期間に feature_events のいずれかを1回以上行ったユーザー数、
    adoption_rate = adopters ÷ active_users（アクティブユーザーがいなければ NULL）。feature_events が空なら利用者は 0 です。
    基準日（as_of）より後のイベントは含めません。期間は最初のイベントの期間から基準日の期間まで、該当がなくても 0 で示します。
    基準日より後、またはデータ上の最後のイベントより後に終わる期間は is_complete が false です。セグメント内訳では、ユーザーの
    その日の活動はその日の（数える）イベントの顧客（customer_id の最小値）のセグメントに属し、そのセグメントでアクティブな
    ユーザーが期間内に機能イベントを行っていれば利用者に数えます。
requires:
  events: [user_id, event_time, event_name]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: feature_events
    type: string_list
    default: []
    label: { en: Feature events, ja: 機能のイベント }
    help: { en: Event names that mean the feature was used, ja: 機能を使ったことを表すイベント名 }
  - name: active_events
    type: string_list
    default: []
    label: { en: Events that count as active, ja: アクティブとみなすイベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: active_users, type: integer, unit: count, label: { en: Active users, ja: アクティブユーザー数 } }
  - { name: adopters, type: integer, unit: count, label: { en: Adopters, ja: 利用ユーザー数 } }
  - { name: adoption_rate, type: number, unit: ratio, label: { en: Adoption rate, ja: 利用率 } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: line
  x: period
  y: [adoption_rate]
---*/
WITH
bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM user_activity_daily
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
    FROM bounds WHERE first_day <= $as_of
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
cust AS (
  SELECT customer_id, min(segment) AS segment FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
act AS (
  SELECT user_id, customer_id, day
  FROM user_activity_daily
  WHERE len($active_events) = 0 AND day <= $as_of
  UNION ALL
  SELECT user_id, min(customer_id) AS customer_id, CAST(event_time AS DATE) AS day
  FROM events
  WHERE len($active_events) > 0 AND user_id IS NOT NULL AND event_time IS NOT NULL
    AND list_contains($active_events, event_name) AND CAST(event_time AS DATE) <= $as_of
  GROUP BY user_id, CAST(event_time AS DATE)
),
active AS (
  SELECT DISTINCT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    a.user_id, cal.period
  FROM act a
  JOIN cal ON cal.day = a.day
  LEFT JOIN cust c ON c.customer_id = a.customer_id
),
feature_users AS (
  SELECT DISTINCT e.user_id, cal.period
  FROM events e
  JOIN cal ON cal.day = CAST(e.event_time AS DATE)
  WHERE e.user_id IS NOT NULL AND e.event_time IS NOT NULL AND list_contains($feature_events, e.event_name)
),
agg AS (
  SELECT a.period, a.segment,
    count(*) AS active_users,
    count(f.user_id) AS adopters
  FROM active a
  LEFT JOIN feature_users f ON f.user_id = a.user_id AND f.period = a.period
  GROUP BY a.period, a.segment
),
segs AS (
  SELECT DISTINCT segment FROM active
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(g.active_users, 0) AS BIGINT) AS active_users,
  CAST(coalesce(g.adopters, 0) AS BIGINT) AS adopters,
  g.adopters / NULLIF(g.active_users, 0) AS adoption_rate,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM bounds)) AS is_complete
FROM periods p
CROSS JOIN segs s
LEFT JOIN agg g ON g.period = p.period AND g.segment = s.segment
ORDER BY p.period, s.segment
