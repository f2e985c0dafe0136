-- depends: calendar_months
-- mrr_monthly: customer x month MRR (KPI_SPEC section 1, snapshot rule), dense.
-- Columns: customer_id VARCHAR, month DATE (first day), mrr DOUBLE (>= 0).
--
-- Where each customer's MRR comes from:
--   * a customer that appears in mrr_monthly_source (a snapshot-shaped export) takes ALL
--     its months from that export: the sum of its rows per month (a month it is absent
--     from is 0). Its subscription_periods rows, if any, are ignored. Whole customers win,
--     never single customer-months, so one customer's history never mixes two sources
--     (snapshot exports usually list only active months: an absent month means 0, and
--     filling it from the other source would invent revenue);
--   * every other customer: the snapshot rule over subscription_periods. MRR(M) is the sum of
--     mrr over its periods with start_date <= last_day(M) and (end_date IS NULL or
--     end_date > last_day(M)); end_date is exclusive. Equivalently a period counts in the
--     months month(start_date) <= M < month(end_date): a period that starts and ends in
--     the same month counts in none.
-- A customer-month whose MRR sums to zero or less (credits larger than charges) is stored
-- as 0: revenue KPIs read "active" as mrr > 0 and total MRR as the sum of active customers'
-- MRR, so a negative amount only nets against the same customer's other periods.
-- Rows with a NULL customer_id, start_date or month are left out; a NULL mrr counts as 0;
-- months are truncated to their first day.
--
-- Dense: one row per customer for EVERY month from the customer's first month with a row
-- to the last month of calendar_months (the month containing the data end), including
-- months with mrr = 0 after churn or between two active spells. Movement KPIs compare
-- M with M-1 row by row, so churn is visible in the first inactive month. Size is at most
-- customers x months (100 k x 36 = 3.6 M rows).
CREATE OR REPLACE TABLE mrr_monthly AS
WITH last_cal AS (
  SELECT max(month) AS last_month FROM calendar_months
),
src AS (
  SELECT customer_id, CAST(date_trunc('month', month) AS DATE) AS month, coalesce(sum(mrr), 0) AS mrr
  FROM mrr_monthly_source
  WHERE customer_id IS NOT NULL AND month IS NOT NULL
  GROUP BY 1, 2
),
src_customers AS (
  SELECT DISTINCT customer_id FROM src
),
periods AS (
  SELECT
    p.customer_id,
    CAST(date_trunc('month', p.start_date) AS DATE) AS first_month,
    -- first month the period no longer counts in (exclusive); ongoing: after the calendar
    CASE
      WHEN p.end_date IS NULL THEN CAST(l.last_month + INTERVAL 1 MONTH AS DATE)
      ELSE CAST(date_trunc('month', p.end_date) AS DATE)
    END AS stop_month,
    p.mrr
  FROM subscription_periods p
  CROSS JOIN last_cal l
  ANTI JOIN src_customers s ON s.customer_id = p.customer_id
  WHERE p.customer_id IS NOT NULL AND p.start_date IS NOT NULL
),
from_periods AS (
  SELECT pe.customer_id, c.month, coalesce(sum(pe.mrr), 0) AS mrr
  FROM periods pe
  JOIN calendar_months c ON c.month >= pe.first_month AND c.month < pe.stop_month
  GROUP BY 1, 2
),
raw AS (
  SELECT customer_id, month, mrr FROM src
  UNION ALL
  SELECT customer_id, month, mrr FROM from_periods
),
firsts AS (
  SELECT customer_id, min(month) AS first_month FROM raw GROUP BY 1
),
grid AS (
  SELECT f.customer_id, c.month
  FROM firsts f
  JOIN calendar_months c ON c.month >= f.first_month
)
SELECT g.customer_id, g.month, CASE WHEN r.mrr > 0 THEN r.mrr ELSE CAST(0 AS DOUBLE) END AS mrr
FROM grid g
LEFT JOIN raw r ON r.customer_id = g.customer_id AND r.month = g.month;
