-- calendar_months: one row per calendar month, from the month of the earliest date in the
-- loaded data to the month containing the data end, with no gaps.
-- Columns: month DATE (first day), month_end DATE (last day), data_end DATE (same value on
--          every row: the latest date in the data, as src/core/kpi/dataEnd.ts computes it).
-- Built over the full data range (no as_of); KPIs filter by $as_of and use data_end for
-- their is_complete flag (a month is complete when month_end <= least(as_of, data_end)).
-- Dates considered: subscription start/end dates, mrr_monthly_source months, event,
-- response and ticket times (the same list as the report-date default).
-- Guard against far-future sentinel dates (e.g. an end_date of 9999-12-31 meaning
-- "ongoing"): the calendar, and its data_end, stop 36 months after the latest date that is
-- not a subscription end date. Empty when no data is loaded.
CREATE OR REPLACE TABLE calendar_months AS
WITH dates AS (
  SELECT min(start_date) AS lo, max(start_date) AS hi, CAST(NULL AS DATE) AS hi_end FROM subscription_periods
  UNION ALL SELECT min(end_date), NULL, max(end_date) FROM subscription_periods
  UNION ALL SELECT min(month), max(month), NULL FROM mrr_monthly_source
  UNION ALL SELECT CAST(min(event_time) AS DATE), CAST(max(event_time) AS DATE), NULL FROM events
  UNION ALL SELECT CAST(min(responded_at) AS DATE), CAST(max(responded_at) AS DATE), NULL FROM responses
  UNION ALL SELECT CAST(min(created_at) AS DATE), CAST(max(created_at) AS DATE), NULL FROM tickets
  UNION ALL SELECT CAST(min(resolved_at) AS DATE), CAST(max(resolved_at) AS DATE), NULL FROM tickets
),
bounds AS (
  SELECT
    min(lo) AS data_start,
    -- max() ignores NULLs; greatest() too, so a data set with end dates only still has an end.
    CASE
      WHEN max(hi) IS NULL THEN max(hi_end)
      ELSE least(greatest(max(hi), max(hi_end)), CAST(max(hi) + INTERVAL 36 MONTH AS DATE))
    END AS data_end
  FROM dates
)
SELECT
  CAST(m AS DATE) AS month,
  CAST(last_day(CAST(m AS DATE)) AS DATE) AS month_end,
  b.data_end
FROM bounds b,
  unnest(generate_series(
    CAST(date_trunc('month', b.data_start) AS TIMESTAMP),
    CAST(date_trunc('month', b.data_end) AS TIMESTAMP),
    INTERVAL 1 MONTH)) AS g(m)
WHERE b.data_start IS NOT NULL AND b.data_end IS NOT NULL
ORDER BY month;
