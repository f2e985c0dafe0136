/*---
id: onboarding
family: customers
title:
  en: Onboarding completion
  ja: オンボーディング完了率
description:
  en: >-
    By signup period (grain; weeks start on week_start). Customers are every customer_id of the
    customers, subscriptions and events data; a customer's signup date is customers.signup_date, else
    its first subscription start_date, else the date of its first event; customers without any, or
    signing up after as_of, are left out. A customer completes onboarding on the first day, on or
    after its signup date and on or before as_of, on which its events (events.customer_id, any user)
    include one of completion_events (completion_rule = any, default), or, with completion_rule = all,
    on the day by which every listed event has happened at least once since signup; it counts as
    completed when that day is at most window_days (default 30) calendar days after the signup date.
    customers = signups in the period; completed = those who completed; completion_rate = completed ÷
    customers (NULL without signups); median_days_to_complete = median of the completed customers'
    whole days from signup to completion (0 = the signup day; the mean of the two middle values for an
    even count). An empty completion_events list completes nobody. Periods run from the first signup's
    period to the period of as_of, zero-filled; is_complete is false while some signup of the period
    may still complete: when the period's last day + window_days is after as_of or after the last
    event date in the data. With breakdown = segment, signups are grouped by their customer's segment
    ('(unknown)' without one).
  ja: >-
    サインアップ期間（grain、週の開始は week_start）ごとの集計です。顧客は customers・契約・イベントのデータにある全ての
    customer_id で、サインアップ日は customers.signup_date、無ければ最初の契約の start_date、それも無ければ最初のイベント
    の日付です。いずれも無い顧客と、基準日（as_of）より後にサインアップした顧客は除きます。オンボーディングの完了日は、
    サインアップ日以降かつ基準日以前で、その顧客のイベント（events.customer_id、ユーザーは問わない）に completion_events の
    いずれかが現れた最初の日（completion_rule = any、既定）、または completion_rule = all ではサインアップ以降に全ての
    イベントが一度以上起きそろった日です。その日がサインアップ日から window_days（既定 30）暦日以内なら完了とします。
    customers = その期間のサインアップ数、completed = 完了した顧客数、completion_rate = completed ÷ customers（サインアップが
    無ければ NULL）、median_days_to_complete = 完了した顧客のサインアップから完了までの日数（サインアップ当日 = 0）の中央値
    （偶数個のときは中央 2 値の平均）。completion_events が空なら誰も完了しません。期間は最初のサインアップの期間から
    基準日の期間まで、サインアップの無い期間も 0 で示します。期間の最終日 + window_days が基準日またはデータ上の最後の
    イベント日より後のとき（まだ完了しうる顧客がいるとき）、is_complete は false です。breakdown = segment では
    顧客のセグメントごとに分けます（無い場合は '(unknown)'）。
requires:
  events: [event_time, event_name, customer_id]
params:
  - { name: as_of, type: date, default: null, label: { en: Report date, ja: 基準日 }, help: { en: Latest date counted (default the latest date in the data), ja: 集計に含める最後の日（既定はデータの最新日） } }
  - { name: grain, type: enum, values: [day, week, month, quarter, year], default: month, label: { en: Period, ja: 期間の単位 } }
  - { name: week_start, type: enum, values: [monday, sunday], default: monday, label: { en: Weeks start on, ja: 週の開始曜日 } }
  - name: completion_events
    type: string_list
    default: [complete_onboarding]
    label: { en: Completion events, ja: 完了イベント }
    help: { en: Event names that mark onboarding as done., ja: オンボーディング完了を示すイベント名。 }
  - name: completion_rule
    type: enum
    values: [any, all]
    default: any
    label: { en: Completed when, ja: 完了の条件 }
    help: { en: "any: one of the events happened. all: every listed event happened.", ja: "any: いずれかのイベントが起きた。all: 全てのイベントが起きた。" }
  - name: window_days
    type: integer
    default: 30
    min: 0
    max: 3650
    label: { en: Window (days), ja: 期限（日） }
    help: { en: Days after signup within which completion counts., ja: サインアップから完了とみなす日数。 }
  - { name: breakdown, type: enum, values: [none, segment], default: none, label: { en: Breakdown, ja: 内訳 } }
outputs:
  - { name: period, type: date, unit: date, label: { en: Signup period, ja: サインアップ期間 } }
  - { name: segment, type: string, unit: text, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: customers, type: integer, unit: count, label: { en: Signups, ja: サインアップ数 } }
  - { name: completed, type: integer, unit: count, label: { en: Completed, ja: 完了数 } }
  - { name: completion_rate, type: number, unit: ratio, label: { en: Completion rate, ja: 完了率 } }
  - { name: median_days_to_complete, type: number, unit: days, label: { en: Median days to complete, ja: 完了までの日数（中央値） } }
  - { name: is_complete, type: boolean, label: { en: Complete period, ja: 期間完了 } }
chart:
  type: bar
  x: period
  y: [completion_rate]
  bars: customers
---*/
WITH
cust AS (
  SELECT customer_id, min(segment) AS segment, min(signup_date) AS signup_date
  FROM customers WHERE customer_id IS NOT NULL GROUP BY customer_id
),
first_sub AS (
  SELECT customer_id, min(start_date) AS d
  FROM subscription_periods WHERE customer_id IS NOT NULL AND start_date IS NOT NULL GROUP BY customer_id
),
first_event AS (
  SELECT customer_id, CAST(min(event_time) AS DATE) AS d
  FROM events WHERE customer_id IS NOT NULL AND event_time IS NOT NULL GROUP BY customer_id
),
ids AS (
  SELECT customer_id FROM cust
  UNION SELECT customer_id FROM first_sub
  UNION SELECT customer_id FROM first_event
),
signed AS (
  SELECT i.customer_id,
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    coalesce(c.signup_date, s.d, e.d) AS signup
  FROM ids i
  LEFT JOIN cust c ON c.customer_id = i.customer_id
  LEFT JOIN first_sub s ON s.customer_id = i.customer_id
  LEFT JOIN first_event e ON e.customer_id = i.customer_id
  WHERE coalesce(c.signup_date, s.d, e.d) <= $as_of
),
-- First day on or after signup (and up to as_of) each customer did each completion event.
firsts AS (
  SELECT e.customer_id, e.event_name, CAST(min(e.event_time) AS DATE) AS d
  FROM events e
  JOIN signed s ON s.customer_id = e.customer_id
  WHERE list_contains($completion_events, e.event_name)
    AND CAST(e.event_time AS DATE) >= s.signup
    AND CAST(e.event_time AS DATE) <= $as_of
  GROUP BY e.customer_id, e.event_name
),
done AS (
  SELECT customer_id,
    CASE WHEN $completion_rule = 'all'
      THEN CASE WHEN count(*) = len(list_distinct($completion_events)) THEN max(d) END
      ELSE min(d)
    END AS done_day
  FROM firsts
  GROUP BY customer_id
),
per_customer AS (
  SELECT s.segment,
    CASE $grain
      WHEN 'day' THEN s.signup
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', s.signup + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', s.signup) AS DATE) END
      WHEN 'month' THEN CAST(date_trunc('month', s.signup) AS DATE)
      WHEN 'quarter' THEN CAST(date_trunc('quarter', s.signup) AS DATE)
      ELSE CAST(date_trunc('year', s.signup) AS DATE)
    END AS period,
    CASE WHEN date_diff('day', s.signup, d.done_day) <= $window_days THEN date_diff('day', s.signup, d.done_day) END AS days
  FROM signed s
  LEFT JOIN done d ON d.customer_id = s.customer_id
),
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
    FROM per_customer
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
  SELECT CAST(max(event_time) AS DATE) AS last_day FROM events
),
agg AS (
  SELECT period, segment,
    count(*) AS customers,
    count(days) AS completed,
    median(days) AS median_days
  FROM per_customer
  GROUP BY period, segment
),
segs AS (SELECT DISTINCT segment FROM per_customer)
SELECT
  p.period,
  s.segment,
  CAST(coalesce(a.customers, 0) AS BIGINT) AS customers,
  CAST(coalesce(a.completed, 0) AS BIGINT) AS completed,
  a.completed / NULLIF(a.customers, 0) AS completion_rate,
  CAST(a.median_days AS DOUBLE) AS median_days_to_complete,
  (date_diff('day', p.last_day, $as_of) >= $window_days
    AND date_diff('day', p.last_day, (SELECT last_day FROM last_data)) >= $window_days) AS is_complete
FROM periods_end p
CROSS JOIN segs s
LEFT JOIN agg a ON a.period = p.period AND a.segment = s.segment
ORDER BY p.period, s.segment
