/*---
id: trial_conversion
family: revenue
title: { en: Trial conversion, ja: トライアルからの有料転換率 }
description:
  en: >-
    By trial-start month (customers.trial_start): trials = customers whose trial started in
    the month; converted = those of them with MRR > 0 on some day within window_days after
    the trial's end (customers.trial_end, or trial_start when there is no end), both ends of
    the window included, a subscription already paying at the trial's end included.
    conversion_rate = converted / trials, NULL without trials. A customer's MRR on a day is
    the sum of its subscription periods in force that day (start_date <= day < end_date);
    for a customer whose revenue comes from a monthly MRR export, a month with MRR > 0 that
    overlaps the window counts. Months run from the first trial month to the month
    containing as_of (and not past the data end); a month is complete when its last day and
    the end of every one of its trials' windows are on or before both as_of and the data
    end (later conversions could still come).
  ja: >-
    トライアル開始月（customers.trial_start）ごとに、trials = その月にトライアルを始めた顧客数、
    converted = そのうちトライアル終了日（customers.trial_end、無ければ trial_start）から
    window_days 日以内のいずれかの日にMRR > 0 となった顧客数（期間の両端を含み、終了時点で既に
    支払っている契約も含む）、conversion_rate = converted / trials（トライアルがなければ NULL）。
    ある日の顧客のMRRはその日に有効な契約期間（start_date <= 日 < end_date）の合計です。月次MRR
    ファイルから売上を取る顧客は、期間と重なる月のMRR > 0 を転換とみなします。期間は最初の
    トライアル月から as_of を含む月まで（データ最終日の月を超えません）で、月末日とその月の全
    トライアルの期間終了日が as_of とデータ最終日の両方以前である月を完了とします（それまでは
    転換がまだ来る可能性があります）。
requires:
  customers: [customer_id, trial_start]
  mrr_monthly: [customer_id, month, mrr]
derived: [calendar_months, mrr_monthly]
params:
  - name: as_of
    type: date
    default: null
    label: { en: Report date, ja: 基準日 }
    help: { en: Months after the one containing this date are not reported. Default is the latest date in the data., ja: この日を含む月より後の月は表示しません。既定はデータ内の最新日です。 }
  - name: window_days
    type: integer
    default: 30
    min: 0
    max: 730
    label: { en: Conversion window (days), ja: 転換を待つ日数 }
    help: { en: Days after the trial's end within which a paid subscription counts as a conversion., ja: トライアル終了後、この日数以内の有料契約を転換とみなします。 }
  - name: breakdown
    type: enum
    values: [none, segment]
    default: none
    label: { en: Breakdown, ja: 内訳 }
outputs:
  - { name: month, type: date, unit: date, label: { en: Trial-start month, ja: トライアル開始月 } }
  - { name: segment, type: string, optional: true, label: { en: Segment, ja: セグメント } }
  - { name: trials, type: integer, unit: count, label: { en: Trials, ja: トライアル数 } }
  - { name: converted, type: integer, unit: count, label: { en: Converted, ja: 転換数 } }
  - { name: conversion_rate, type: number, unit: ratio, label: { en: Conversion rate, ja: 転換率 } }
  - { name: is_complete, type: boolean, label: { en: Complete month, ja: 月が完了 } }
chart:
  type: bar
  x: month
  y: [conversion_rate]
---*/
WITH bounds AS (
  SELECT max(data_end) AS data_end FROM calendar_months
),
trial_customers AS (
  SELECT customer_id, min(trial_start) AS trial_start, min(trial_end) AS trial_end, min(segment) AS segment
  FROM customers
  WHERE customer_id IS NOT NULL AND trial_start IS NOT NULL
  GROUP BY customer_id
),
t AS MATERIALIZED (
  SELECT
    tc.customer_id,
    CASE WHEN $breakdown = 'segment' THEN coalesce(tc.segment, '(unknown)') ELSE '(all)' END AS segment,
    CAST(date_trunc('month', tc.trial_start) AS DATE) AS month,
    coalesce(tc.trial_end, tc.trial_start) AS w_start,
    coalesce(tc.trial_end, tc.trial_start) + CAST($window_days AS INTEGER) AS w_end
  FROM trial_customers tc
  CROSS JOIN bounds b
  WHERE tc.trial_start < CAST(date_trunc('month', least($as_of, b.data_end)) + INTERVAL 1 MONTH AS DATE)
),
src AS (
  SELECT customer_id, CAST(date_trunc('month', month) AS DATE) AS month, coalesce(sum(mrr), 0) AS mrr
  FROM mrr_monthly_source
  WHERE customer_id IS NOT NULL AND month IS NOT NULL
  GROUP BY 1, 2
),
-- periods of trial customers whose revenue comes from subscription_periods
per AS MATERIALIZED (
  SELECT p.customer_id, p.start_date, p.end_date, coalesce(p.mrr, 0) AS mrr
  FROM subscription_periods p
  SEMI JOIN t ON t.customer_id = p.customer_id
  ANTI JOIN (SELECT DISTINCT customer_id FROM src) s ON s.customer_id = p.customer_id
  WHERE p.start_date IS NOT NULL
),
-- a customer's MRR only changes where a period starts or ends: the window's maximum is at
-- its first day or at one of those dates inside it
cand AS (
  SELECT customer_id, w_start AS at FROM t
  UNION
  SELECT t.customer_id, p.start_date FROM t JOIN per p ON p.customer_id = t.customer_id
  WHERE p.start_date > t.w_start AND p.start_date <= t.w_end
  UNION
  SELECT t.customer_id, p.end_date FROM t JOIN per p ON p.customer_id = t.customer_id
  WHERE p.end_date > t.w_start AND p.end_date <= t.w_end
),
converted_periods AS (
  SELECT c.customer_id
  FROM cand c
  JOIN per p ON p.customer_id = c.customer_id AND p.start_date <= c.at AND (p.end_date IS NULL OR p.end_date > c.at)
  GROUP BY c.customer_id, c.at
  HAVING sum(p.mrr) > 0
),
converted_source AS (
  SELECT t.customer_id
  FROM t
  JOIN src ON src.customer_id = t.customer_id
  WHERE src.mrr > 0 AND src.month <= t.w_end AND last_day(src.month) >= t.w_start
),
conv AS (
  SELECT customer_id FROM converted_periods
  UNION
  SELECT customer_id FROM converted_source
),
agg AS (
  SELECT
    t.month,
    t.segment,
    count(*) AS trials,
    count(conv.customer_id) AS converted,
    max(t.w_end) AS last_window_end
  FROM t
  LEFT JOIN conv ON conv.customer_id = t.customer_id
  GROUP BY t.month, t.segment
),
months AS (
  SELECT CAST(m AS DATE) AS month
  FROM (SELECT min(month) AS lo FROM t) x
  CROSS JOIN bounds b,
    unnest(generate_series(
      CAST(x.lo AS TIMESTAMP),
      CAST(date_trunc('month', least($as_of, b.data_end)) AS TIMESTAMP),
      INTERVAL 1 MONTH)) AS g(m)
  WHERE x.lo IS NOT NULL
),
segs AS (
  SELECT DISTINCT segment FROM t
)
SELECT
  m.month,
  sg.segment,
  coalesce(a.trials, 0) AS trials,
  coalesce(a.converted, 0) AS converted,
  a.converted / NULLIF(a.trials, 0) AS conversion_rate,
  (last_day(m.month) <= least($as_of, b.data_end)
    AND coalesce(a.last_window_end <= least($as_of, b.data_end), true)) AS is_complete
FROM months m
CROSS JOIN segs sg
CROSS JOIN bounds b
LEFT JOIN agg a ON a.month = m.month AND a.segment = sg.segment
ORDER BY m.month, sg.segment;
