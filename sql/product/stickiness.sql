/*---
id: stickiness
family: product
title:
  en: Stickiness
  ja: スティッキネス（利用頻度の分布）
description:
  en: >-
    PostHog-style stickiness. The range runs from date_from to date_to (defaults: the 30 days ending
    as_of; a date_to after as_of is cut back to as_of). Users with at least one event in the range are
    counted by the number of distinct periods (grain: days by default; weeks start on week_start) in
    which they were active within the range: one row per active_periods = 1 … N, where N is the number
    of periods the range touches (a partly covered first or last week or month counts as a period),
    zero-filled. With cumulative = true, users counts "active in N or more periods". When active_events
    is given, only events with those names make a user active. With a segment breakdown, a user-day
    belongs to the segment of its customer (the smallest customer_id among that day's events) and a user
    is counted within each segment separately.
  ja: >-
    PostHog 方式のスティッキネスです。対象期間は date_from から date_to まで（既定は基準日 as_of までの30日間。date_to が
    基準日より後なら基準日まで）。期間内に1件以上イベントのあるユーザーを、期間内でアクティブだった期間（grain、既定は日。
    週の開始は week_start）の数で数えます。active_periods = 1 … N の各行（N は対象期間にかかる期間の数。一部だけかかる最初・
    最後の週や月も1期間に数える）を、該当ユーザーがいなくても 0 で示します。cumulative = true なら「N 期間以上アクティブ」の
    人数です。active_events を指定すると、その名前のイベントだけをアクティブとみなします。セグメント内訳では、ユーザーの
    その日の活動はその日のイベントの顧客（customer_id の最小値）のセグメントに属し、セグメントごとに別々に数えます。
requires:
  events: [user_id, event_time]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: date_from, type: date, default: null, label: { en: From, ja: 開始日 }, help: { en: Default 29 days before the end of the range, ja: 既定は終了日の29日前 } }
  - { name: date_to, type: date, default: null, label: { en: To, ja: 終了日 }, help: { en: Default as_of, ja: 既定は基準日 } }
  - { name: grain, type: enum, values: [day, week, month], default: day, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - { name: cumulative, type: boolean, default: false, label: { en: Cumulative (N or more), ja: 累積（N 期間以上） } }
  - name: active_events
    type: string_list
    default: []
    label: { en: Events that count as active, ja: アクティブとみなすイベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: active_periods, type: integer, unit: count, label: { en: Active periods, ja: アクティブな期間数 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: users, type: integer, unit: count, label: { en: Users, ja: ユーザー数 } }
chart:
  type: bar
  x: active_periods
  y: [users]
---*/
WITH
rng AS (
  SELECT coalesce($date_from, least(coalesce($date_to, $as_of), $as_of) - 29) AS d_from,
         least(coalesce($date_to, $as_of), $as_of) AS d_to
),
cal AS (
  SELECT d AS day,
    CASE $grain
      WHEN 'day' THEN d
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', d + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', d) AS DATE) END
      ELSE CAST(date_trunc('month', d) AS DATE)
    END AS period
  FROM (SELECT CAST(unnest(generate_series(d_from, d_to, INTERVAL 1 DAY)) AS DATE) AS d FROM rng WHERE d_from <= d_to)
),
cust AS (
  SELECT customer_id, min(segment) AS segment FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
act AS (
  SELECT user_id, customer_id, day
  FROM user_activity_daily
  WHERE len($active_events) = 0
    AND day BETWEEN (SELECT d_from FROM rng) AND (SELECT d_to FROM rng)
  UNION ALL
  SELECT user_id, min(customer_id) AS customer_id, CAST(event_time AS DATE) AS day
  FROM events
  WHERE len($active_events) > 0 AND user_id IS NOT NULL AND event_time IS NOT NULL
    AND list_contains($active_events, event_name)
    AND CAST(event_time AS DATE) BETWEEN (SELECT d_from FROM rng) AND (SELECT d_to FROM rng)
  GROUP BY user_id, CAST(event_time AS DATE)
),
ua AS (
  SELECT CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment, a.user_id, cal.period
  FROM act a
  JOIN cal ON cal.day = a.day
  LEFT JOIN cust c ON c.customer_id = a.customer_id
),
per_user AS (
  SELECT segment, user_id, count(DISTINCT period) AS k FROM ua GROUP BY segment, user_id
),
counts AS (
  SELECT segment, k, count(*) AS users FROM per_user GROUP BY segment, k
),
segs AS (
  SELECT DISTINCT segment FROM ua
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
),
ks AS (
  SELECT unnest(generate_series(1, (SELECT count(DISTINCT period) FROM cal))) AS k
),
grid AS (
  SELECT ks.k, s.segment, coalesce(c.users, 0) AS users
  FROM ks CROSS JOIN segs s
  LEFT JOIN counts c ON c.segment = s.segment AND c.k = ks.k
)
SELECT
  CAST(k AS BIGINT) AS active_periods,
  segment,
  CAST(CASE WHEN $cumulative
    THEN sum(users) OVER (PARTITION BY segment ORDER BY k DESC ROWS UNBOUNDED PRECEDING)
    ELSE users END AS BIGINT) AS users
FROM grid
ORDER BY active_periods, segment
