/*---
id: active_users_monthly
family: product
title:
  en: Active users per calendar month
  ja: 暦月ごとのアクティブユーザー数
description:
  en: >-
    Per calendar month: mau_calendar = distinct users with at least one event in the month; avg_dau_mau =
    the mean of the daily dau_mau values of active_users (same mau_window_days and active_events) over
    the month's days from the first day with any event through as_of, days with mau = 0 (dau_mau NULL)
    left out. When active_events is given, only events with those names make a user active. Months run
    from the first month with any event to the month of as_of, zero-filled; is_complete is false for a
    month that ends after as_of or after the last event in the data. With a segment breakdown, a user-day
    belongs to the segment of its customer (the smallest customer_id among that day's events), and a
    user active in two segments in a month counts in both.
  ja: >-
    暦月ごとに、mau_calendar = その月に1件以上イベントのあるユーザー数（重複なし）、avg_dau_mau = active_users の日次
    dau_mau（同じ mau_window_days と active_events）の、その月の日（最初のイベントの日から基準日まで）の平均です。
    mau が 0 の日（dau_mau が NULL）は平均に含めません。active_events を指定すると、その名前のイベントだけをアクティブと
    みなします。月は最初のイベントの月から基準日（as_of）の月まで、アクティブのない月も 0 で示します。基準日より後、または
    データ上の最後のイベントより後に終わる月は is_complete が false です。セグメント内訳では、ユーザーのその日の活動は、
    その日のイベントの顧客（customer_id の最小値）のセグメントに属し、同じ月に二つのセグメントで活動したユーザーは両方に数えます。
requires:
  events: [user_id, event_time]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Last day counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: mau_window_days, type: integer, default: 30, min: 1, max: 365, label: { en: MAU window for daily DAU/MAU (days), ja: 日次 DAU/MAU の MAU 日数 } }
  - name: active_events
    type: string_list
    default: []
    label: { en: Events that count as active, ja: アクティブとみなすイベント }
    help: { en: Empty = every event, ja: 空欄ならすべてのイベント }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Month, ja: 月 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: mau_calendar, type: integer, unit: count, label: { en: MAU (calendar month), ja: MAU（暦月） } }
  - { name: avg_dau_mau, type: number, unit: ratio, label: { en: Mean daily DAU/MAU, ja: 日次 DAU/MAU の平均 } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月の完了 } }
chart:
  type: bar
  x: period
  y: [mau_calendar]
  secondary: avg_dau_mau
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
),
months AS (
  SELECT CAST(date_trunc('month', day) AS DATE) AS period, segment, avg(dau / NULLIF(CAST(mau AS DOUBLE), 0)) AS avg_dau_mau
  FROM swept GROUP BY 1, 2
),
-- A user counts once in a month: on the first of their active days in it (no earlier active
-- day of the same user and segment in that month).
cal AS (
  SELECT CAST(date_trunc('month', day) AS DATE) AS period, segment,
    count(*) FILTER (WHERE p IS NULL OR p < CAST(date_trunc('month', day) AS DATE)) AS mau_calendar
  FROM prev GROUP BY 1, 2
)
SELECT
  m.period,
  m.segment,
  CAST(coalesce(c.mau_calendar, 0) AS BIGINT) AS mau_calendar,
  m.avg_dau_mau,
  (CAST(m.period + INTERVAL 1 MONTH AS DATE) - 1 <= $as_of
    AND CAST(m.period + INTERVAL 1 MONTH AS DATE) - 1 <= (SELECT last_day FROM bounds)) AS is_complete
FROM months m
LEFT JOIN cal c ON c.period = m.period AND c.segment = m.segment
ORDER BY m.period, m.segment
