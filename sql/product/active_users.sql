/*---
id: active_users
family: product
title:
  en: Active users (DAU / WAU / MAU)
  ja: アクティブユーザー数（DAU / WAU / MAU）
description:
  en: >-
    Per day: dau = distinct users with at least one event that day; wau = distinct users active in the
    7 days ending that day; mau = distinct users active in the mau_window_days days ending that day
    (default 30); dau_mau = dau ÷ mau (stickiness, NULL when mau is 0). When active_events is given,
    only events with those names make a user active. Days run from the first day with any event to
    as_of, zero-filled. Rolling counts are computed as an interval sweep: each active day opens a window
    [day, day + W − 1], a user's overlapping windows are merged (each is clipped to start after the
    previous one ends), and a running sum of +1 at each start and −1 after each end counts the users.
    is_complete is false for days after the last event in the data and for days whose MAU window
    starts before the first event in the data (the MAU is then understated). With a segment breakdown,
    a user-day belongs to the segment of its customer (the smallest customer_id among that day's events).
    The per-calendar-month view is the separate KPI active_users_monthly.
  ja: >-
    日ごとに、dau = その日に1件以上イベントのあるユーザー数（重複なし）、wau = その日までの7日間にアクティブなユーザー数、
    mau = その日までの mau_window_days 日間（既定30日）にアクティブなユーザー数、dau_mau = dau ÷ mau（定着率。mau が 0 なら NULL）。
    active_events を指定すると、その名前のイベントだけをアクティブとみなします。日付は最初のイベントの日から基準日（as_of）まで、
    アクティブのない日も 0 で示します。期間内の重複なし人数は区間スイープで計算します（アクティブな日ごとに
    [日, 日 + W − 1] の区間を作り、ユーザーごとに重なる区間をまとめ（前の区間の終わりの翌日から始まるよう切り詰める）、
    区間の始まりで +1、終わりの翌日で −1 とした累積和で人数を数える）。データ上の最後のイベントより後の日と、
    MAU の期間がデータ上の最初のイベントより前から始まる日（MAU が過小になる）は is_complete が false です。
    セグメント内訳では、ユーザーのその日の活動は、その日のイベントの顧客（customer_id の最小値）のセグメントに属します。
    暦月単位の集計は別の KPI active_users_monthly です。
requires:
  events: [user_id, event_time]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Last day reported (default the latest date in the data), ja: 表示する最後の日（既定はデータの最新日） } }
  - { name: mau_window_days, type: integer, default: 30, min: 1, max: 365, label: { en: MAU window (days), ja: MAU の日数 } }
  - name: active_events
    type: string_list
    default: []
    label: { en: Events that count as active, ja: アクティブとみなすイベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: day, type: date, unit: date, label: { en: Day, ja: 日付 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: dau, type: integer, unit: count, label: { en: DAU, ja: DAU } }
  - { name: wau, type: integer, unit: count, label: { en: WAU, ja: WAU } }
  - { name: mau, type: integer, unit: count, label: { en: MAU, ja: MAU } }
  - { name: dau_mau, type: number, unit: ratio, label: { en: DAU/MAU, ja: DAU/MAU（定着率） } }
  - { name: is_complete, type: boolean, label: { en: Complete, ja: 完全なデータ } }
chart:
  type: line
  x: day
  y: [dau, wau, mau]
  secondary: dau_mau
---*/
WITH
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
-- Without a breakdown no customer is looked up (the branch is folded away by its constant filter).
ua AS (
  SELECT '(all)' AS segment, a.user_id, a.day FROM act a WHERE $breakdown <> 'segment'
  UNION ALL
  SELECT coalesce(c.segment, '(unknown)'), a.user_id, a.day
  FROM act a LEFT JOIN cust c ON c.customer_id = a.customer_id
  WHERE $breakdown = 'segment'
),
bounds AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM user_activity_daily
),
segs AS (
  SELECT DISTINCT segment FROM ua
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
),
grid AS (
  SELECT d.day, s.segment
  FROM (
    SELECT CAST(unnest(generate_series(first_day, $as_of, INTERVAL 1 DAY)) AS DATE) AS day
    FROM bounds WHERE first_day <= $as_of
  ) d CROSS JOIN segs s
),
daily AS (
  SELECT segment, day, count(*) AS dau FROM ua GROUP BY segment, day
),
-- Interval sweep. Each active day d of a user opens the window [d, d + W - 1]. A user's windows
-- are merged by clipping each one to start after the previous one ends: with p the user's
-- previous active day, day d adds [max(d, p + W), d + W - 1] (never empty, overlaps never
-- count twice). +1 where a piece starts, -1 the day after it ends; the running sum is the
-- distinct count. The -1s of day d are that day's active users, so they come from `daily`;
-- only the starts need the user-days. One lag per user serves both windows (7 for WAU,
-- mau_window_days for MAU).
prev AS (
  SELECT segment, day, lag(day) OVER (PARTITION BY segment, user_id ORDER BY day) AS p
  FROM ua
),
starts AS (
  SELECT segment,
    CASE WHEN p IS NULL OR p + 7 <= day THEN day ELSE p + 7 END AS sw,
    CASE WHEN p IS NULL OR p + CAST($mau_window_days AS INTEGER) <= day THEN day ELSE p + CAST($mau_window_days AS INTEGER) END AS sm
  FROM prev
),
deltas AS (
  SELECT segment, day, sum(dw) AS dw, sum(dm) AS dm
  FROM (
    SELECT segment, sw AS day, count(*) AS dw, 0 AS dm FROM starts GROUP BY segment, sw
    UNION ALL
    SELECT segment, day + 7, -dau, 0 FROM daily
    UNION ALL
    SELECT segment, sm, 0, count(*) FROM starts GROUP BY segment, sm
    UNION ALL
    SELECT segment, day + CAST($mau_window_days AS INTEGER), 0, -dau FROM daily
  )
  GROUP BY segment, day
),
swept AS (
  SELECT g.day, g.segment,
    coalesce(dl.dau, 0) AS dau,
    sum(coalesce(dt.dw, 0)) OVER (PARTITION BY g.segment ORDER BY g.day ROWS UNBOUNDED PRECEDING) AS wau,
    sum(coalesce(dt.dm, 0)) OVER (PARTITION BY g.segment ORDER BY g.day ROWS UNBOUNDED PRECEDING) AS mau
  FROM grid g
  LEFT JOIN daily dl ON dl.segment = g.segment AND dl.day = g.day
  LEFT JOIN deltas dt ON dt.segment = g.segment AND dt.day = g.day
)
SELECT
  day,
  segment,
  CAST(dau AS BIGINT) AS dau,
  CAST(wau AS BIGINT) AS wau,
  CAST(mau AS BIGINT) AS mau,
  dau / NULLIF(CAST(mau AS DOUBLE), 0) AS dau_mau,
  (day <= (SELECT last_day FROM bounds)
    AND day - (CAST($mau_window_days AS INTEGER) - 1) >= (SELECT first_day FROM bounds)) AS is_complete
FROM swept
ORDER BY day, segment
