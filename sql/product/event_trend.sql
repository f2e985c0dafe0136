/*---
id: event_trend
family: product
title:
  en: Event trend
  ja: イベントの推移
description:
  en: >-
    Per period (grain; weeks start on week_start) and event name: events = number of events with that
    name, users = distinct users who did it. event_names selects the events (empty = every named event);
    use it for review posts, CSQLs or any other counted event. With split_by_event = false the selected
    events are counted together in one row per period with event_name "(all)" (users then counts each
    user once). Only events with a user and a time are counted; events after as_of are ignored. Every
    listed name gets a row in every period (zero-filled) from the first event's period to the period of
    as_of; is_complete is false for a period that ends after as_of or after the last event in the data.
    With a segment breakdown, each event belongs to the segment of its own customer_id.
  ja: >-
    期間（grain、週の開始は week_start）とイベント名ごとに、events = その名前のイベント数、users = それを行ったユーザー数
    （重複なし）を示します。event_names で対象のイベントを選びます（空なら名前のあるすべてのイベント）。口コミ投稿、CSQL など
    数えたいイベントに使います。split_by_event = false なら選んだイベントをまとめて期間ごとに1行（event_name は "(all)"、
    users は各ユーザーを1回）にします。ユーザーと時刻のあるイベントだけを数え、基準日（as_of）より後のイベントは含めません。
    指定した名前はすべて、最初のイベントの期間から基準日の期間までの各期間に行を持ちます（該当がなければ 0）。基準日より後、
    またはデータ上の最後のイベントより後に終わる期間は is_complete が false です。セグメント内訳では、各イベントはそのイベントの
    customer_id の顧客のセグメントに属します。
requires:
  events: [user_id, event_time, event_name]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: event_names
    type: string_list
    default: []
    label: { en: Events, ja: イベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: split_by_event, type: boolean, default: true, label: { en: One series per event, ja: イベントごとに分ける } }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: event_name, type: string, unit: text, label: { en: Event, ja: イベント } }
  - { name: events, type: integer, unit: count, label: { en: Events, ja: イベント数 } }
  - { name: users, type: integer, unit: count, label: { en: Users, ja: ユーザー数 } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: line
  x: period
  y: [events]
  series: event_name
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
sel AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    cal.period,
    CASE WHEN $split_by_event THEN e.event_name ELSE '(all)' END AS event_name,
    e.user_id
  FROM events e
  JOIN cal ON cal.day = CAST(e.event_time AS DATE)
  LEFT JOIN cust c ON c.customer_id = e.customer_id
  WHERE e.user_id IS NOT NULL AND e.event_time IS NOT NULL AND e.event_name IS NOT NULL
    AND (len($event_names) = 0 OR list_contains($event_names, e.event_name))
),
agg AS (
  SELECT period, segment, event_name, count(*) AS events, count(DISTINCT user_id) AS users
  FROM sel GROUP BY period, segment, event_name
),
names AS (
  SELECT unnest($event_names) AS event_name FROM (SELECT 1) WHERE $split_by_event
  UNION SELECT DISTINCT event_name FROM sel
  UNION SELECT '(all)' WHERE NOT $split_by_event
),
segs AS (
  SELECT DISTINCT segment FROM sel
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  p.period,
  s.segment,
  n.event_name,
  CAST(coalesce(a.events, 0) AS BIGINT) AS events,
  CAST(coalesce(a.users, 0) AS BIGINT) AS users,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM bounds)) AS is_complete
FROM periods p
CROSS JOIN segs s
CROSS JOIN names n
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment AND a.event_name = n.event_name
ORDER BY p.period, s.segment, n.event_name
