/*---
id: cohort_retention
family: customers
title:
  en: Cohort retention
  ja: コホート継続率
description:
  en: >-
    Groups customers (source = subscriptions) or users (source = events) into cohorts and follows each
    cohort period by period. Subscriptions: a customer's cohort is the first month (quarter, year) in
    which its MRR (mrr_monthly, snapshot rule) is above 0; it is active in a period when its MRR is
    above 0 in at least one month of that period. Events: a user's cohort is the period of its first
    counted event (cohort_type = first) or, as in PostHog's recurring retention, every period in which
    it has a counted event (cohort_type = recurring); it is active in a period with at least one
    counted event. Counted events are those named in active_events, or all events when the list is
    empty; the same list decides cohorts and activity. `period` is the number of whole periods since
    the cohort period (0, 1, 2, …). Logo basis: `retained` = cohort members active in cohort + period
    (mode = on), or, with mode = on_or_after (Amplitude's "on or after"), members whose own last
    active period is at or after cohort + period (each member's last active period is found with a
    max; a member is counted once per cell); `retention` = retained ÷ cohort_size, so period 0 is 1.
    Revenue basis (subscriptions only, mode on only): `retained` = Σ MRR of the cohort's members in
    cohort + period (for quarter and year grains, the MRR of the period's last month, or of the
    report month for the current period; a month at or below 0 adds nothing) and `retention` =
    retained ÷ the same sum in period 0 (it may exceed 1). Periods after the one containing as_of,
    and after the last period with data of the chosen source (last event day; last month of
    mrr_monthly), are absent, not zero. Subscriptions support month, quarter and year grains. With
    breakdown = segment, each member counts in its customer's segment (events: the customer of the
    smallest customer_id among the user's counted activity; '(unknown)' without one).
  ja: >-
    顧客（source = subscriptions）またはユーザー（source = events）をコホートに分け、期間ごとに追跡します。
    契約: 顧客のコホートは MRR（mrr_monthly、スナップショット規則）が初めて 0 を超えた月（四半期・年）で、
    期間内のいずれかの月に MRR が 0 を超えていればその期間はアクティブです。イベント: ユーザーのコホートは
    最初の対象イベントの期間（cohort_type = first）、または PostHog の recurring retention と同じく対象
    イベントのあるすべての期間（cohort_type = recurring）で、その期間に対象イベントが 1 件以上あればアクティブ
    です。対象イベントは active_events に挙げたもの（空ならすべてのイベント）で、コホートの判定にも活動の判定
    にも同じリストを使います。`period` はコホート期間からの経過期間数（0, 1, 2, …）です。ロゴ基準:
    `retained` はコホート + period の期間にアクティブなメンバー数（mode = on）、または mode = on_or_after
    （Amplitude の "on or after"）では自分の最後のアクティブ期間がコホート + period 以降のメンバー数
    （メンバーごとに最後のアクティブ期間を max で求め、1 セルに 1 回だけ数える）。`retention` = retained ÷
    cohort_size で、period 0 は 1 です。売上基準（契約のみ、mode = on のみ）: `retained` はコホート + period
    の期間のメンバーの MRR 合計（四半期・年単位では期間の最終月、進行中の期間は基準日の月の MRR。0 以下の月は
    加算しない）、`retention` = retained ÷ period 0 の同じ合計（1 を超えることがあります）。基準日を含む期間より
    後、および選んだデータの最終期間（最後のイベント日、mrr_monthly の最終月）より後のセルは 0 ではなく
    出力しません。契約データでは月・四半期・年の粒度に対応します。breakdown = segment では各メンバーを顧客の
    セグメントで数えます（イベント: ユーザーの対象活動のうち最小の customer_id の顧客。無ければ '(unknown)'）。
requires: {}
requires_when:
  - when: { source: subscriptions }
    requires: { mrr_monthly: [customer_id, month, mrr] }
  - when: { source: events }
    requires: { events: [user_id, event_time, event_name] }
constraints:
  - when: { basis: revenue }
    require: { source: subscriptions }
    message:
      en: Revenue retention needs source = subscriptions (events carry no revenue).
      ja: 売上基準の継続率は source = subscriptions でのみ計算できます（イベントには売上がありません）。
  - when: { basis: revenue }
    require: { mode: on }
    message:
      en: Revenue retention is defined for mode = on only (on_or_after counts members, not revenue).
      ja: 売上基準の継続率は mode = on のみです（on_or_after はメンバー数の考え方です）。
  - when: { source: subscriptions }
    require: { cohort_type: first }
    message:
      en: Recurring cohorts are for events only; a subscription cohort is the first month with MRR.
      ja: recurring コホートはイベントのみです。契約のコホートは MRR が最初に発生した月です。
  - when: { source: subscriptions }
    require: { grain: [month, quarter, year] }
    message:
      en: Subscription cohorts use month, quarter or year (MRR is monthly).
      ja: 契約データのコホートは月・四半期・年単位です（MRR は月次です）。
derived: [user_activity_daily, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Periods after the one containing this date are not shown. Default is the latest date in the data., ja: この日を含む期間より後は表示しません。既定はデータの最終日です。 }
  - name: source
    type: enum
    values: [subscriptions, events]
    default: subscriptions
    label: { en: Source, ja: データ }
    help: { en: subscriptions follows paying customers (MRR above 0); events follows product users., ja: subscriptions は課金顧客（MRR が 0 超）、events はプロダクトのユーザーを追跡します。 }
  - name: basis
    type: enum
    values: [logo, revenue]
    default: logo
    label: { en: Basis, ja: 基準 }
    help: { en: logo counts members; revenue sums their MRR (subscriptions only)., ja: logo はメンバー数、revenue は MRR の合計（契約データのみ）です。 }
  - name: grain
    type: enum
    values: [day, week, month, quarter, year]
    default: month
    label: { en: Period, ja: 期間の単位 }
  - name: week_start
    type: enum
    values: [monday, sunday]
    default: monday
    label: { en: Weeks start on, ja: 週の開始曜日 }
  - name: mode
    type: enum
    values: [on, on_or_after]
    default: on
    label: { en: Retention mode, ja: 継続の数え方 }
    help: { en: "on: active in that very period. on_or_after: active in that period or any later one.", ja: "on: その期間にアクティブ。on_or_after: その期間かそれ以降のいずれかでアクティブ。" }
  - name: cohort_type
    type: enum
    values: [first, recurring]
    default: first
    label: { en: Cohort type, ja: コホートの種類 }
    help: { en: "first: by first activity. recurring (events only): every active period starts a cohort.", ja: "first: 最初の活動で分類。recurring（イベントのみ）: アクティブな各期間をコホートの起点にします。" }
  - name: active_events
    type: string_list
    default: []
    label: { en: Counted events, ja: 対象イベント }
    help: { en: Events that make a user active (empty = all events). Events source only., ja: ユーザーをアクティブとみなすイベント（空ならすべて）。イベントデータのみ。 }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: cohort, type: date, unit: date, label: { en: Cohort, ja: コホート } }
  - { name: period, type: integer, unit: count, label: { en: Periods since cohort, ja: 経過期間 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: cohort_size, type: integer, unit: count, label: { en: Cohort size, ja: コホート人数 } }
  - { name: retained, type: number, label: { en: "Retained (members, or MRR for revenue)", ja: 継続（人数、売上基準では MRR） } }
  - { name: retention, type: number, unit: ratio, label: { en: Retention, ja: 継続率 } }
chart: { type: heatmap, x: period, y: cohort, value: retention }
---*/
WITH
-- The last date this KPI reports on: as_of, capped by the last date the chosen source covers.
bounds AS MATERIALIZED (
  SELECT CASE WHEN $source = 'events'
      THEN least($as_of, (SELECT max(day) FROM user_activity_daily))
      ELSE least($as_of, (SELECT CAST(last_day(max(month)) AS DATE) FROM mrr_monthly))
    END AS cutoff
),
-- Events: one row per user and day with a counted event, up to the cutoff.
ev AS (
  SELECT u.user_id AS member, u.customer_id, u.day
  FROM user_activity_daily u, bounds b
  WHERE $source = 'events' AND len($active_events) = 0 AND u.day <= b.cutoff
  UNION ALL
  SELECT e.user_id, min(e.customer_id), CAST(e.event_time AS DATE)
  FROM events e, bounds b
  WHERE $source = 'events' AND len($active_events) > 0
    AND list_contains($active_events, e.event_name)
    AND e.user_id IS NOT NULL AND e.event_time IS NOT NULL
    AND CAST(e.event_time AS DATE) <= b.cutoff
  GROUP BY e.user_id, CAST(e.event_time AS DATE)
),
-- Subscriptions: customer months up to the cutoff month.
sub AS (
  SELECT m.customer_id AS member, m.month, m.mrr
  FROM mrr_monthly m, bounds b
  WHERE $source = 'subscriptions' AND m.customer_id IS NOT NULL AND m.month <= b.cutoff
),
-- Each activity date mapped to the first day of its period.
ev_p AS (
  SELECT member, customer_id,
    CASE $grain
      WHEN 'day' THEN day
      WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', day + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', day) AS DATE) END
      WHEN 'month' THEN CAST(date_trunc('month', day) AS DATE)
      WHEN 'quarter' THEN CAST(date_trunc('quarter', day) AS DATE)
      ELSE CAST(date_trunc('year', day) AS DATE)
    END AS period
  FROM ev
),
sub_p AS (
  SELECT member, month, mrr,
    CASE $grain
      WHEN 'quarter' THEN CAST(date_trunc('quarter', month) AS DATE)
      WHEN 'year' THEN CAST(date_trunc('year', month) AS DATE)
      ELSE CAST(date_trunc('month', month) AS DATE)
    END AS period
  FROM sub
),
-- One row per member and period with activity data:
-- active = counted as active in the period; value = MRR used by the revenue basis.
act_raw AS (
  SELECT member, min(customer_id) AS customer_id, period, true AS active, CAST(0 AS DOUBLE) AS value
  FROM ev_p
  GROUP BY member, period
  UNION ALL
  SELECT s.member, s.member, s.period,
    bool_or(s.mrr > 0),
    -- revenue: the MRR of the period's last month, or of the cutoff month for the current period
    coalesce(sum(CASE WHEN s.mrr > 0 THEN s.mrr ELSE 0 END) FILTER (
      WHERE s.month = least(
        CAST(s.period + to_months(CASE $grain WHEN 'quarter' THEN 2 WHEN 'year' THEN 11 ELSE 0 END) AS DATE),
        CAST(date_trunc('month', b.cutoff) AS DATE))), 0)
  FROM sub_p s, bounds b
  GROUP BY s.member, s.period
),
-- A whole number per period, so that "periods since the cohort" is a subtraction.
act AS MATERIALIZED (
  SELECT member, customer_id, period, active, value,
    CASE $grain
      WHEN 'day' THEN date_diff('day', DATE '1900-01-01', period)
      WHEN 'week' THEN CAST(floor(date_diff('day', DATE '1900-01-01', period) / 7) AS BIGINT)
      WHEN 'month' THEN year(period) * 12 + month(period) - 1
      WHEN 'quarter' THEN year(period) * 4 + (month(period) - 1) // 3
      ELSE year(period)
    END AS pidx
  FROM act_raw
),
cutoff_p AS MATERIALIZED (
  SELECT
    CASE $grain
      WHEN 'day' THEN date_diff('day', DATE '1900-01-01', p)
      WHEN 'week' THEN CAST(floor(date_diff('day', DATE '1900-01-01', p) / 7) AS BIGINT)
      WHEN 'month' THEN year(p) * 12 + month(p) - 1
      WHEN 'quarter' THEN year(p) * 4 + (month(p) - 1) // 3
      ELSE year(p)
    END AS pidx
  FROM (
    SELECT CASE $grain
        WHEN 'day' THEN cutoff
        WHEN 'week' THEN CASE WHEN $week_start = 'sunday' THEN CAST(date_trunc('week', cutoff + 1) AS DATE) - 1 ELSE CAST(date_trunc('week', cutoff) AS DATE) END
        WHEN 'month' THEN CAST(date_trunc('month', cutoff) AS DATE)
        WHEN 'quarter' THEN CAST(date_trunc('quarter', cutoff) AS DATE)
        ELSE CAST(date_trunc('year', cutoff) AS DATE)
      END AS p
    FROM bounds
  )
),
-- Per member: its customer (for the segment) and its last active period.
member_info AS MATERIALIZED (
  SELECT a.member,
    CASE WHEN $breakdown = 'segment' THEN coalesce(c.segment, '(unknown)') ELSE '(all)' END AS segment,
    a.last_pidx
  FROM (
    SELECT member, min(customer_id) AS customer_id, max(pidx) FILTER (WHERE active) AS last_pidx
    FROM act GROUP BY member
  ) a
  LEFT JOIN (SELECT customer_id, min(segment) AS segment FROM customers GROUP BY customer_id) c
    ON c.customer_id = a.customer_id
),
-- Cohort memberships: the first active period (first) or every active period (recurring).
members AS MATERIALIZED (
  SELECT member, min(period) AS cohort, min(pidx) AS cohort_pidx
  FROM act WHERE active AND $cohort_type = 'first'
  GROUP BY member
  UNION ALL
  SELECT member, period, pidx
  FROM act WHERE active AND $cohort_type = 'recurring'
),
cohorts AS MATERIALIZED (
  SELECT m.cohort, m.cohort_pidx, i.segment, count(*) AS cohort_size
  FROM members m JOIN member_info i USING (member)
  GROUP BY m.cohort, m.cohort_pidx, i.segment
),
-- Every cell from period 0 to the cutoff period (cells beyond it are absent).
cells AS MATERIALIZED (
  SELECT c.cohort, c.segment, c.cohort_size, unnest(range(0, cp.pidx - c.cohort_pidx + 1)) AS period
  FROM cohorts c, cutoff_p cp
),
-- mode = on (and revenue): members active in cohort + period, and their MRR.
on_cells AS MATERIALIZED (
  SELECT m.cohort, i.segment, a.pidx - m.cohort_pidx AS period,
    count(*) FILTER (WHERE a.active) AS active_members,
    sum(a.value) AS revenue
  FROM members m
  JOIN act a ON a.member = m.member AND a.pidx >= m.cohort_pidx
  JOIN member_info i ON i.member = m.member
  WHERE $mode = 'on'
  GROUP BY m.cohort, i.segment, a.pidx - m.cohort_pidx
),
-- mode = on_or_after: each member's last active period, as periods since its cohort.
-- A member is retained in every cell up to that period. last_members counts, per cell,
-- the distinct members whose last active period is exactly that cell; the running count
-- below (from the last cell backwards) is then the number of distinct members whose last
-- active period is at or after the cell: each member counts once per cell, whatever its
-- activity in between. (Never a sum of "on" cells, which would count a member repeatedly.)
last_cells AS MATERIALIZED (
  SELECT m.cohort, i.segment, i.last_pidx - m.cohort_pidx AS period, count(*) AS last_members
  FROM members m JOIN member_info i USING (member)
  WHERE $mode = 'on_or_after'
  GROUP BY m.cohort, i.segment, i.last_pidx - m.cohort_pidx
),
result AS MATERIALIZED (
  SELECT c.cohort, c.period, c.segment, c.cohort_size,
    CASE
      WHEN $basis = 'revenue' THEN coalesce(o.revenue, 0)
      WHEN $mode = 'on' THEN CAST(coalesce(o.active_members, 0) AS DOUBLE)
      ELSE CAST(sum(coalesce(l.last_members, 0)) OVER (
        PARTITION BY c.segment, c.cohort ORDER BY c.period DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE)
    END AS retained,
    max(CASE WHEN c.period = 0 THEN coalesce(o.revenue, 0) END) OVER (PARTITION BY c.segment, c.cohort) AS base_revenue
  FROM cells c
  LEFT JOIN on_cells o ON o.cohort = c.cohort AND o.segment = c.segment AND o.period = c.period
  LEFT JOIN last_cells l ON l.cohort = c.cohort AND l.segment = c.segment AND l.period = c.period
)
SELECT cohort, CAST(period AS BIGINT) AS period, segment, CAST(cohort_size AS BIGINT) AS cohort_size, retained,
  retained / NULLIF(CASE WHEN $basis = 'revenue' THEN base_revenue ELSE cohort_size END, 0) AS retention
FROM result
ORDER BY cohort, segment, period
