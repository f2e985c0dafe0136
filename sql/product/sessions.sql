/*---
id: sessions
family: product
title:
  en: Sessions
  ja: セッション
description:
  en: >-
    Per period of session start (grain; weeks start on week_start): sessions, sessions_per_user =
    sessions ÷ distinct users with a session starting in the period, avg_session_minutes and
    median_session_minutes (continuous median, DuckDB quantile_cont). A session's length is the time from
    its first to its last event (a single-event session lasts 0 minutes). Sessions are keyed by
    session_source: gap = a user's events split wherever more than session_gap_minutes (default 30) pass
    without an event (exactly session_gap_minutes stays in the session); session_id = each (user_id,
    session_id) is one session, and a user's events without a session_id are split by the gap rule;
    auto (default) = session_id when any event has a session_id, gap otherwise. Every event counts;
    events after as_of are ignored (a session running over the end of as_of is cut there). Periods run
    from the first event's period to the period of as_of, zero-filled; is_complete is false for a period
    that ends after as_of or after the last event in the data. With a segment breakdown, a session
    belongs to the segment of its user's customer on the day it starts (the smallest customer_id among
    the user's events of that day, as in the other product KPIs).
  ja: >-
    セッション開始日の期間（grain、週の開始は week_start）ごとに、セッション数、ユーザーあたりセッション数（= セッション数 ÷
    その期間にセッションを始めたユーザー数）、平均と中央値のセッション時間（分。中央値は連続型、DuckDB の quantile_cont）を示します。
    セッションの長さは最初のイベントから最後のイベントまでの時間です（イベントが1件なら0分）。セッションの区切りは
    session_source で決めます。gap = ユーザーのイベントの間隔が session_gap_minutes（既定30分）を超えたところで区切る
    （ちょうど session_gap_minutes なら同じセッション）、session_id = (user_id, session_id) ごとに1セッション（session_id のない
    イベントは gap の規則で区切る）、auto（既定）= session_id のあるイベントが1件でもあれば session_id、なければ gap。
    すべてのイベントを数え、基準日（as_of）より後のイベントは含めません（基準日をまたぐセッションはそこで切れる）。期間は最初の
    イベントの期間から基準日の期間まで、セッションのない期間も 0 で示します。基準日より後、またはデータ上の最後のイベントより
    後に終わる期間は is_complete が false です。セグメント内訳では、セッションは開始日のそのユーザーの顧客（その日のユーザーの
    イベントの customer_id の最小値。他のプロダクト KPI と同じ）のセグメントに属します。
requires:
  events: [user_id, event_time]
derived: [user_activity_daily]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - { name: session_gap_minutes, type: integer, default: 30, min: 1, max: 1440, label: { en: Inactivity that ends a session (minutes), ja: セッションを区切る無操作時間（分） } }
  - name: session_source
    type: enum
    values: [auto, gap, session_id]
    default: auto
    label: { en: Sessions from, ja: セッションの区切り方 }
    help: { en: "auto: session_id when the events have one, otherwise the inactivity gap", ja: "auto: イベントに session_id があればそれを使い、なければ無操作時間で区切る" }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Period, ja: 期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: sessions, type: integer, unit: count, label: { en: Sessions, ja: セッション数 } }
  - { name: sessions_per_user, type: number, unit: ratio, label: { en: Sessions per user, ja: ユーザーあたりセッション数 } }
  - { name: avg_session_minutes, type: number, unit: minutes, label: { en: Mean session (min), ja: 平均セッション時間（分） } }
  - { name: median_session_minutes, type: number, unit: minutes, label: { en: Median session (min), ja: セッション時間の中央値（分） } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: bar
  x: period
  y: [sessions]
  secondary: median_session_minutes
---*/
WITH
ev AS (
  SELECT user_id, event_time, session_id
  FROM events
  WHERE user_id IS NOT NULL AND event_time IS NOT NULL
),
bounds AS (
  SELECT min(CAST(event_time AS DATE)) AS first_day, max(CAST(event_time AS DATE)) AS last_day FROM ev
),
use_sid AS (
  SELECT CASE WHEN $session_source = 'auto' THEN EXISTS (SELECT 1 FROM events WHERE session_id IS NOT NULL)
              ELSE $session_source = 'session_id' END AS on_
),
keyed AS (
  SELECT user_id, event_time,
    CASE WHEN (SELECT on_ FROM use_sid) THEN session_id END AS sid
  FROM ev
  WHERE CAST(event_time AS DATE) <= $as_of
),
-- Events with a session key: one session per (user, key).
by_key AS (
  SELECT user_id, min(event_time) AS started, max(event_time) AS ended
  FROM keyed WHERE sid IS NOT NULL
  GROUP BY user_id, sid
),
-- Events without: the gap rule. Events are first collapsed into buckets of session_gap_minutes
-- (two events of one bucket are less than the gap apart, so a bucket is never split); then
-- a user's consecutive buckets belong to one session unless the first event of a bucket
-- comes more than the gap after the last event of the bucket before.
buckets AS (
  SELECT user_id,
    CAST(floor(epoch_us(event_time) / (CAST($session_gap_minutes AS DOUBLE) * 60000000)) AS BIGINT) AS b,
    min(event_time) AS lo, max(event_time) AS hi
  FROM keyed WHERE sid IS NULL
  GROUP BY 1, 2
),
edges AS (
  SELECT * FROM (
    SELECT user_id, b, lo, hi,
      (prev_hi IS NULL OR epoch_us(lo) - epoch_us(prev_hi) > CAST($session_gap_minutes AS BIGINT) * 60000000) AS is_start,
      (next_lo IS NULL OR epoch_us(next_lo) - epoch_us(hi) > CAST($session_gap_minutes AS BIGINT) * 60000000) AS is_end
    FROM (
      SELECT user_id, b, lo, hi, lag(hi) OVER o AS prev_hi, lead(lo) OVER o AS next_lo
      FROM buckets WINDOW o AS (PARTITION BY user_id ORDER BY b)
    )
  ) WHERE is_start OR is_end
),
-- Starts and ends alternate: a start's session ends in its own bucket or at the next edge.
by_gap AS (
  SELECT user_id, started, ended FROM (
    SELECT user_id, is_start, lo AS started,
      CASE WHEN is_end THEN hi ELSE lead(hi) OVER (PARTITION BY user_id ORDER BY b) END AS ended
    FROM edges
  ) WHERE is_start
),
sess AS (
  SELECT user_id, started, ended FROM by_key
  UNION ALL
  SELECT user_id, started, ended FROM by_gap
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
seg_sess AS (
  SELECT
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    cal.period, s.user_id,
    (epoch_us(s.ended) - epoch_us(s.started)) / 60000000.0 AS minutes
  FROM sess s
  JOIN cal ON cal.day = CAST(s.started AS DATE)
  LEFT JOIN user_activity_daily u ON $breakdown = 'segment' AND u.user_id = s.user_id AND u.day = CAST(s.started AS DATE)
  LEFT JOIN cust c ON c.customer_id = u.customer_id
),
agg AS (
  SELECT period, segment,
    count(*) AS sessions,
    count(DISTINCT user_id) AS users,
    avg(minutes) AS avg_session_minutes,
    quantile_cont(minutes, 0.5) AS median_session_minutes
  FROM seg_sess GROUP BY period, segment
),
segs AS (
  SELECT DISTINCT segment FROM seg_sess
  UNION SELECT '(all)' WHERE $breakdown <> 'segment'
)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(a.sessions, 0) AS BIGINT) AS sessions,
  a.sessions / NULLIF(a.users, 0) AS sessions_per_user,
  a.avg_session_minutes,
  a.median_session_minutes,
  (p.last_day <= $as_of AND p.last_day <= (SELECT last_day FROM bounds)) AS is_complete
FROM periods p
CROSS JOIN segs s
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment
ORDER BY p.period, s.segment
