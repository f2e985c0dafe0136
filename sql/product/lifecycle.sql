/*---
id: lifecycle
family: product
title:
  en: User lifecycle
  ja: ユーザーのライフサイクル
description:
  en: >-
    Per period (grain; weeks start on week_start), users split by their activity: new = first-ever
    activity in this period; returning = active in this period and in the previous one; resurrecting =
    active in this period, not in the previous one, and active at some earlier period (not new); dormant
    = active in the previous period but not in this one, reported as a negative number. A user is active
    in a period with at least one event in it (only events named in active_events when that list is not
    empty). Periods run from the first period with any event to the period of as_of; events after as_of
    are ignored. is_complete is false for a period that ends after as_of or after the last event in the
    data. With a segment breakdown, a user-day belongs to the segment of its customer (the smallest
    customer_id among that day's events) and a user's lifecycle is followed within each segment
    separately (first-ever activity in that segment).
  ja: >-
    期間（grain、週の開始は week_start）ごとに、ユーザーを活動で分類します。new = この期間に初めて活動した、returning =
    この期間と前の期間の両方で活動した、resurrecting = この期間に活動し、前の期間には活動せず、それ以前に活動したことがある
    （new ではない）、dormant = 前の期間に活動し、この期間には活動しなかった（負の数で示す）。期間内に1件以上イベントがあれば
    その期間に活動したとみなします（active_events を指定したときはその名前のイベントだけ）。期間は最初のイベントの期間から
    基準日（as_of）の期間までで、基準日より後のイベントは含めません。基準日より後、またはデータ上の最後のイベントより後に
    終わる期間は is_complete が false です。セグメント内訳では、ユーザーのその日の活動はその日のイベントの顧客
    （customer_id の最小値）のセグメントに属し、セグメントごとに別々に追跡します（そのセグメントでの初回活動が new）。
requires:
  events: [user_id, event_time]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: active_events
    type: string_list
    default: []
    label: { en: Events that count as active, ja: アクティブとみなすイベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: new, type: integer, unit: count, label: { en: New, ja: 新規 } }
  - { name: returning, type: integer, unit: count, label: { en: Returning, ja: 継続 } }
  - { name: resurrecting, type: integer, unit: count, label: { en: Resurrecting, ja: 復帰 } }
  - { name: dormant, type: integer, unit: count, label: { en: Dormant (negative), ja: 休眠（負の数） } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: diverging-bar
  x: period
  y: [new, returning, resurrecting, dormant]
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
      WHEN 'day' THEN period + 1
      WHEN 'week' THEN period + 7
      WHEN 'month' THEN CAST(period + INTERVAL 1 MONTH AS DATE)
      WHEN 'quarter' THEN CAST(period + INTERVAL 3 MONTH AS DATE)
      ELSE CAST(period + INTERVAL 1 YEAR AS DATE)
    END AS next_period
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
user_periods AS (
  SELECT DISTINCT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    a.user_id, cal.period
  FROM act a
  JOIN cal ON cal.day = a.day
  LEFT JOIN cust c ON c.customer_id = a.customer_id
),
seq AS (
  SELECT u.segment, u.user_id, u.period, p.next_period,
    lag(p.next_period) OVER w AS prev_next,
    lead(u.period) OVER w AS next_active,
    row_number() OVER w AS nth
  FROM user_periods u JOIN periods p ON p.period = u.period
  WINDOW w AS (PARTITION BY u.segment, u.user_id ORDER BY u.period)
),
status AS (
  SELECT segment, period,
    CASE WHEN nth = 1 THEN 'new' WHEN prev_next = period THEN 'returning' ELSE 'resurrecting' END AS kind
  FROM seq
  UNION ALL
  -- dormant in the period after an active period that is not followed by activity
  SELECT segment, next_period, 'dormant'
  FROM seq
  WHERE (next_active IS NULL OR next_active <> next_period) AND next_period <= $as_of
),
counts AS (
  SELECT period, segment,
    count(*) FILTER (WHERE kind = 'new') AS n_new,
    count(*) FILTER (WHERE kind = 'returning') AS n_returning,
    count(*) FILTER (WHERE kind = 'resurrecting') AS n_resurrecting,
    count(*) FILTER (WHERE kind = 'dormant') AS n_dormant
  FROM status GROUP BY period, segment
),
segs AS (
  SELECT DISTINCT segment FROM user_periods
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(c.n_new, 0) AS BIGINT) AS new,
  CAST(coalesce(c.n_returning, 0) AS BIGINT) AS returning,
  CAST(coalesce(c.n_resurrecting, 0) AS BIGINT) AS resurrecting,
  CAST(-coalesce(c.n_dormant, 0) AS BIGINT) AS dormant,
  (p.next_period - 1 <= $as_of AND p.next_period - 1 <= (SELECT last_day FROM bounds)) AS is_complete
FROM periods p
CROSS JOIN segs s
LEFT JOIN counts c ON c.period = p.period AND c.segment = s.segment
ORDER BY p.period, s.segment
